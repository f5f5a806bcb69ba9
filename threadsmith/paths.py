"""Where threadsmith keeps its data: the platformdirs user data dir.

`XDG_DATA_HOME` relocates it on Linux, which the tests use to stay isolated.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    return Path(user_data_dir("threadsmith", appauthor=False))


def database_path() -> Path:
    """The one SQLite database: drafts, the accounts index and the publish journal."""
    return data_dir() / "threadsmith.db"
