"""Shared test plumbing; helpers live in tests/support (on sys.path via pyproject).

The real-part fixtures are registered here, once, so each runs once per session
(a PDS, a keyring daemon) whichever test folders use them.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import network_counts
from support.appview import appview
from support.cli_login import thread
from support.fake_mastodon import fake_mastodon
from support.fake_x import fake_x
from support.memory_keyring import memory_keyring
from support.network_counts import NetworkCounter
from support.offline.this_machine import only_this_machine
from support.pages import fresh_cards, pages
from support.pds import pds
from support.realparts import NODE_DIR, node_package_available, require_real_part
from support.secret_service import secret_service

__all__ = [
    "appview",
    "fake_mastodon",
    "fake_x",
    "fresh_cards",
    "memory_keyring",
    "node_package_available",
    "pages",
    "pds",
    "require_real_part",
    "secret_service",
    "thread",
]


@pytest.fixture(scope="session")
def node_dir() -> Path:
    return NODE_DIR


@pytest.fixture(scope="module")
def counter() -> Iterator[NetworkCounter]:
    """The networks' own counting libraries (twitter-text, the PDS's), run by Node; one
    process a module."""
    require_real_part(network_counts.available(), network_counts.REASON)
    with NetworkCounter() as running:
        yield running


@pytest.fixture(autouse=True, scope="session")
def _this_machine_only() -> Iterator[None]:
    """No test reaches a real service (support/offline/this_machine.py)."""
    resolve = socket.getaddrinfo
    socket.getaddrinfo = only_this_machine(resolve)
    yield
    socket.getaddrinfo = resolve


# The fixtures that start or need a real part (a PDS, an AppView, a keyring daemon, Node).
REAL_PART_FIXTURES = frozenset(("pds", "limited_pds", "appview", "secret_service", "counter"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a real part are marked `realparts`: `pytest -m "not realparts"` is
    the fast tier a developer runs while working; CI runs everything."""
    for item in items:
        if REAL_PART_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.realparts)
