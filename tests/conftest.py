"""Shared test plumbing; helpers live in tests/support (on sys.path via pyproject).

The real-part fixtures are registered here, once, so each runs once per session
(a PDS, a keyring daemon) whichever test folders use them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.memory_keyring import memory_keyring
from support.pds import pds
from support.realparts import NODE_DIR, node_package_available, require_real_part
from support.secret_service import secret_service

__all__ = [
    "memory_keyring",
    "node_package_available",
    "pds",
    "require_real_part",
    "secret_service",
]


@pytest.fixture(scope="session")
def node_dir() -> Path:
    return NODE_DIR
