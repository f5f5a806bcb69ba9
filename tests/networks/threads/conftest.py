"""The fake Threads API, one per test (its state is the test's own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.fake_threads import FakeThreads


@pytest.fixture
def fake_threads() -> Iterator[FakeThreads]:
    fake = FakeThreads()
    yield fake
    fake.stop()
