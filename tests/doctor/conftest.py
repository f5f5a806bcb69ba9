from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A computer of its own: its data, config and state folders, and a PATH without
    `crontab` or `systemctl` (no timer can be found by accident)."""
    for name in ("DATA", "CONFIG", "STATE"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return tmp_path
