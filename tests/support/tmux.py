"""Driving the real app in tmux, as a person would: keys sent, the screen read back."""

from __future__ import annotations

import subprocess

from support.waiting import wait_until


def screen(session: str) -> str:
    """What the session's pane shows now, as text."""
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def wait_for(session: str, text: str, timeout: float = 30) -> str:
    """The screen, once it shows `text` (an AssertionError with the screen if it never does)."""
    shown = ""

    def showing() -> bool:
        nonlocal shown
        shown = screen(session)
        return text in shown

    wait_until(showing, lambda: f"{text!r} on the screen, which shows:\n{shown}", timeout, 0.1)
    return shown


def gone(session: str) -> bool:
    """Whether the session has ended (its app quit)."""
    listed = subprocess.run(["tmux", "ls", "-F", "#{session_name}"], capture_output=True, text=True)
    return session not in listed.stdout.split()


def keys(session: str, *names: str, literal: bool = False) -> None:
    """Send keys (tmux's names: "Enter", "C-o", "M-Down"), or text as typed with `literal`."""
    command = ["tmux", "send-keys", "-t", session, *(["-l"] if literal else []), *names]
    subprocess.run(command, check=True)
