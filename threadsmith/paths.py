"""Where threadsmith keeps its data: the platformdirs user data dir, private to the user.

`XDG_DATA_HOME` relocates it on Linux, which the tests use to stay isolated. The
folder is made 0700 and the files in it 0600: drafts and the publish journal are
nobody else's business.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def data_dir() -> Path:
    return Path(user_data_dir("threadsmith", appauthor=False))


def imports_dir(source: str) -> Path:
    """Where the images of an essay imported by `thread split` are kept (the user's
    cache: they can be fetched again), one folder per source."""
    import hashlib

    from platformdirs import user_cache_dir

    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(user_cache_dir("threadsmith", appauthor=False)) / "imports" / digest


def draft_images_dir() -> Path:
    """A new folder, next to the drafts, for the images of an essay imported as a draft."""
    import uuid

    return private_dir(data_dir() / "images" / uuid.uuid4().hex[:12])


def cards_dir() -> Path:
    """Where the pictures of link cards are kept, each in a file named by its sha256: a
    resume, or a scheduled run, posts the very picture that was previewed."""
    return private_dir(data_dir() / "cards")


def database_path() -> Path:
    """The one SQLite database: drafts, the accounts index and the publish journal."""
    return data_dir() / "threadsmith.db"


def private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can enter (made, or its mode narrowed)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        os.chmod(path, PRIVATE_DIR)
    return path
