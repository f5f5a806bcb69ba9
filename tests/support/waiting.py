"""Waiting for a condition, never for a guessed time: a loaded CI machine takes longer
than any guess, so tests poll what they need (a screen, a widget, a file, a port) up to
a generous deadline, then fail saying what never happened.

These are the only places in the tests that sleep (tests/test_quality.py checks)."""

from __future__ import annotations

import linecache
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

DEADLINE = 30.0  # seconds: far past any loaded machine, and only spent on a failure
POLL = 0.01  # seconds between checks: the app (or the thread) gets on meanwhile


# What never happened: said, or (a callable) said at the failure, with what is seen then.
What = str | Callable[[], str]


async def until(
    pilot: Pilot[Any],
    ready: Callable[[], object],
    what: What = "",
    timeout: float = DEADLINE,
    every: float = POLL,
) -> None:
    """Let the app run until `ready()` is true; fail saying `what` never happened. Checked
    `every` seconds (longer when a check is a request to a server)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(_never(ready, what, timeout))
        await pilot.pause(every)


def wait_until(
    ready: Callable[[], object], what: What = "", timeout: float = DEADLINE, every: float = POLL
) -> None:
    """Wait (outside an app: a process, a thread, a file) until `ready()` is true,
    checking `every` seconds (longer when a check starts a process: tmux, say)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(_never(ready, what, timeout))
        time.sleep(every)


def _never(ready: Callable[[], object], what: What, timeout: float) -> str:
    """What never happened: as said, else the condition's line in the test."""
    if callable(what):
        what = what()
    code = getattr(ready, "__code__", None)
    if not what and code is not None:
        line = linecache.getline(code.co_filename, code.co_firstlineno).strip()
        what = f"{Path(code.co_filename).name}:{code.co_firstlineno}: {line}"
    return f"never happened in {timeout:g} s: {what or ready!r}"
