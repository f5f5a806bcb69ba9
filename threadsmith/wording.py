"""Numbers in sentences: "1 post", "2 posts", "12,400 posts"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, plural unless it is exactly one, with thousands separators."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
