"""The thread-splitting engine: pure functions, no I/O.

    split(text, platform, ...) -> Thread

Imports only the standard library, `regex`, `markdown-it-py` and `yaml`.
"""

from __future__ import annotations

from threadsmith.threading.measure import meters
from threadsmith.threading.models import Media, Platform, Position, Post, Thread, Warning
from threadsmith.threading.numbering import PRESETS, Numbering
from threadsmith.threading.split import split

__all__ = [
    "PRESETS",
    "Media",
    "Numbering",
    "Platform",
    "Position",
    "Post",
    "Thread",
    "Warning",
    "meters",
    "split",
]
