"""Where two long lists stop being the same, found a slice at a time (at C speed)."""

from __future__ import annotations

from collections.abc import Sequence

STEP = 256  # items compared at a time


def common_prefix(old: Sequence[object], new: Sequence[object], start: int = 0) -> int:
    """Length of the common prefix of two lists, known to be at least `start`."""
    limit = min(len(old), len(new))
    at = start
    while at < limit and old[at : at + STEP] == new[at : at + STEP]:
        at += STEP
    while at < limit and old[at] == new[at]:
        at += 1
    return min(at, limit)


def common_suffix(old: Sequence[object], new: Sequence[object], start: int = 0) -> int:
    """Length of the common suffix of two lists, known to be at least `start`."""
    limit = min(len(old), len(new))
    old_end, new_end = len(old), len(new)
    at = start
    while at + STEP <= limit and (
        old[old_end - at - STEP : old_end - at] == new[new_end - at - STEP : new_end - at]
    ):
        at += STEP
    while at < limit and old[old_end - at - 1] == new[new_end - at - 1]:
        at += 1
    return at
