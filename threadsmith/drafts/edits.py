"""The essay edit behind the editor's Ctrl+B, as a plain text function (Ctrl+J and the
moved breaks are the engine's `threading.steering`).

It returns the (start, end) offsets to replace and the replacement, so the
editor applies it through its TextArea (one undoable edit).
"""

from __future__ import annotations

BREAK = "\n\n---\n\n"


def forced_break(text: str, offset: int) -> tuple[int, int, str]:
    """A `---` break at `offset`, moved back to the start of its word."""
    while 0 < offset < len(text) and not text[offset - 1].isspace():
        offset -= 1  # never split a word in two
    before = text[:offset].rstrip()
    after = text[offset:].lstrip()
    return len(before), len(text) - len(after), BREAK if before and after else "\n\n"
