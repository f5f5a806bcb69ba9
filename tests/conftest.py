"""Shared test plumbing; helpers live in tests/support (on sys.path via pyproject)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.realparts import NODE_DIR, node_package_available, require_real_part

__all__ = ["node_package_available", "require_real_part"]


@pytest.fixture(scope="session")
def node_dir() -> Path:
    return NODE_DIR
