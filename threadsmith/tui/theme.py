"""Light or dark, as the terminal is.

The app starts in the theme the user last chose (Ctrl+P, "Theme"); until they
choose one, in Textual's light theme on a light terminal and its dark theme on a
dark one. The terminal's background comes from COLORFGBG where the terminal sets
it (Konsole, rxvt, iTerm2), else from asking the terminal with xterm's OSC 11
query, which most terminals and tmux answer. A Primary Device Attributes request
(which every terminal answers) follows the query, so a terminal that ignores
OSC 11 costs one round trip, not a timeout.
"""

from __future__ import annotations

import os
import re
import select
import sys
import termios
import time
import tty
from collections.abc import Mapping
from typing import Literal

Background = Literal["light", "dark"]

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"

QUERY = b"\033]11;?\033\\\033[c"  # background colour, then device attributes
_DEVICE_ATTRIBUTES = re.compile(rb"\033\[\?[0-9;]*c")
_BACKGROUND = re.compile(
    rb"\033\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})"
)


def theme_for(background: Background | None) -> str:
    return LIGHT_THEME if background == "light" else DARK_THEME


def terminal_background(
    environ: Mapping[str, str] = os.environ, timeout: float = 0.25
) -> Background | None:
    """The terminal's background, or None when it cannot be told (not a terminal)."""
    from_environment = background_of_colorfgbg(environ.get("COLORFGBG", ""))
    if from_environment is not None:
        return from_environment
    if environ.get("TERM", "dumb") == "dumb" or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    try:
        reply = ask_terminal(sys.stdin.fileno(), sys.stdout.fileno(), timeout)
    except OSError:  # termios refused (an odd tty): the app still starts, in the dark theme
        return None
    return background_of_reply(reply)


def background_of_colorfgbg(value: str) -> Background | None:
    """COLORFGBG is "foreground;background" (sometimes with a middle field) as colour
    numbers; of the 16 terminal colours, 0-6 and 8 are dark."""
    last = value.rsplit(";", 1)[-1]
    if not last.isdigit():
        return None
    return "dark" if int(last) in {0, 1, 2, 3, 4, 5, 6, 8} else "light"


def background_of_reply(reply: bytes) -> Background | None:
    """The answer to OSC 11 is "ESC ] 11 ; rgb:RRRR/GGGG/BBBB" (1 to 4 hex digits each)."""
    match = _BACKGROUND.search(reply)
    if match is None:
        return None
    red, green, blue = (int(part, 16) / (16 ** len(part) - 1) for part in match.groups())
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue  # Rec. 709 weights
    return "light" if luminance > 0.5 else "dark"


def ask_terminal(read_fd: int, write_fd: int, timeout: float) -> bytes:
    """Send the query and return what the terminal answered, up to its device attributes."""
    saved = termios.tcgetattr(read_fd)
    reply = b""
    try:
        tty.setcbreak(read_fd, termios.TCSANOW)  # the answer is read, not echoed
        os.write(write_fd, QUERY)
        deadline = time.monotonic() + timeout
        while not _DEVICE_ATTRIBUTES.search(reply):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                break
            reply += os.read(read_fd, 1024)
    finally:
        termios.tcsetattr(read_fd, termios.TCSANOW, saved)
    return reply
