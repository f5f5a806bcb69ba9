"""What the Bluesky publisher tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from threadsmith.networks.bluesky import publisher as bluesky


@pytest.fixture
def made() -> Iterator[list[bluesky.BlueskyPublisher]]:
    """The publishers a test opens, closed after it."""
    publishers: list[bluesky.BlueskyPublisher] = []
    yield publishers
    for publisher in publishers:
        publisher.close()
