from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.memory_keyring import memory_keyring
from support.pds import pds
from threadsmith.store import Store

__all__ = ["memory_keyring", "pds"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


from support.secret_service import secret_service  # noqa: E402

__all__ += ["secret_service"]
