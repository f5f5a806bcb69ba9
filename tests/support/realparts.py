"""Tests that need a real part skip on a user's machine and fail in CI.

`.ci/run` sets THREADSMITH_REQUIRE_REAL_PARTS=1, so CI can never pass by
skipping the tests that use Node, the local PDS, the keyring daemon or tmux.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_DIR = ROOT / "tests" / "node"


def require_real_part(available: bool, reason: str) -> None:
    """Skip (or, in CI, fail) the calling test when a real part is missing."""
    if available:
        return
    if os.environ.get("THREADSMITH_REQUIRE_REAL_PARTS") == "1":
        pytest.fail(f"required real part missing: {reason}")
    pytest.skip(reason)


def node_package_available(name: str) -> bool:
    """True when Node is installed and tests/node/node_modules has `name`."""
    return shutil.which("node") is not None and (NODE_DIR / "node_modules" / name).is_dir()
