from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from threadsmith.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times shown in the zone the snapshot was taken in."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
