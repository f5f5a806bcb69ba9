"""The essay edits behind the editor's Ctrl+B, and Ctrl+J across a `---`, as plain
text functions (Ctrl+J elsewhere and the moved breaks are `threading.steering`'s).

Each returns the (start, end) offsets to replace and the replacement, so the
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


def removed_break(text: str, post_end: int, next_start: int) -> tuple[int, int, str] | None:
    """The author's `---` between two posts taken out; None when there is none (the
    engine chose that break to fit the limit)."""
    if _break_line(text[post_end:next_start]) is None:
        return None
    return post_end, next_start, _joining(text[:post_end], text[next_start:])


def _break_line(gap: str) -> str | None:
    """The `---` line in the text between two posts, if the author wrote one."""
    for line in gap.splitlines():
        stripped = line.strip()
        if len(stripped) >= 3 and set(stripped) <= {"-", " "} and stripped.count("-") >= 3:
            return line
    return None


def _joining(before: str, after: str) -> str:
    """What replaces a removed break: a space when it cut a sentence of one paragraph
    (as Ctrl+B does mid-sentence, so Ctrl+J puts the sentence back), else a paragraph end."""
    last_line = before.rpartition("\n")[2].lstrip()
    mid_sentence = before[-1:].isalnum() or before[-1:] == ","
    plain_line = not last_line.startswith(("#", ">", "- ", "* ", "+ ", "|"))
    return " " if mid_sentence and plain_line and after[:1].islower() else "\n\n"
