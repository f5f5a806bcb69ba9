"""Driving the real app in tmux, as a person would: keys sent, the screen read back."""

from __future__ import annotations

import subprocess
import time


def screen(session: str) -> str:
    """What the session's pane shows now, as text."""
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def wait_for(session: str, text: str, timeout: float = 30) -> str:
    """The screen, once it shows `text` (an AssertionError with the screen if it never does)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen(session)}")


def keys(session: str, *names: str, literal: bool = False) -> None:
    """Send keys (tmux's names: "Enter", "C-o", "M-Down"), or text as typed with `literal`."""
    command = ["tmux", "send-keys", "-t", session, *(["-l"] if literal else []), *names]
    subprocess.run(command, check=True)
