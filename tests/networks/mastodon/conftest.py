"""The fake Mastodon server answering as a given release, one per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.fake_mastodon import FakeMastodon


@pytest.fixture
def mastodon_4_5() -> Iterator[FakeMastodon]:
    """Takes who may quote (API version 7)."""
    server = FakeMastodon(release="4.5").start()
    yield server
    server.stop()


@pytest.fixture
def mastodon_4_3() -> Iterator[FakeMastodon]:
    """Cannot set who may quote (API version 2)."""
    server = FakeMastodon(release="4.3").start()
    yield server
    server.stop()
