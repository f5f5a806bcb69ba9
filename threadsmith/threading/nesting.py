"""Text markdown-it would drop without a word: lines of lists and quotes nested deeper
than its limit. The reader refuses the essay, naming the line, rather than lose it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from threadsmith.errors import InputError

if TYPE_CHECKING:
    from markdown_it.token import Token


# What is left of a line once the markers of the lists and quotes around it are gone.
_CONTAINER_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$))*[ \t]*")
_REFERENCE = re.compile(r"^[ \t>]*\[[^\]]+\]:")


def check_nothing_lost(
    source: str, tokens: tuple[Token, ...], line_starts: list[int], max_nesting: int
) -> None:
    """Every line with words is in some block: markdown-it drops the text of lists and
    quotes nested deeper than its limit (`max_nesting`) without a word. Refuse rather
    than lose it."""
    covered: set[int] = set()
    for token in tokens:
        if token.map and token.type in _LEAVES:
            covered.update(range(*token.map))
    for row, start in enumerate(line_starts):
        if row in covered:
            continue
        end = line_starts[row + 1] if row + 1 < len(line_starts) else len(source)
        line = source[start:end].rstrip("\n")
        words = _CONTAINER_MARKERS.sub("", line, count=1).strip()
        if words and not _REFERENCE.match(line):
            raise InputError(
                f"“{words[:40]}” is nested too deep for threadsmith to read (it reads "
                f"{max_nesting // 2} lists or {max_nesting} quotes deep): flatten them, or "
                "its words would be lost"
            )


# Tokens whose map covers words that become a block (containers only hold them).
_LEAVES = frozenset(
    ("paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "table_open")
)
