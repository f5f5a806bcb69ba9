"""Finding the gaps a post may end at, for the breaker: at C speed where they are few
(`Found`, `positions`), by a short scan back where they are many (`last_gaps`), and
whether a post fits every budget (`fits`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from threadsmith.threading.break_memory import Budget

WORD_CANDIDATES = 4  # of the word gaps, the fullest few are worth trying


class Found:
    """The positions (1-based) of the gaps of `kinds` (a `_table`) from `start` on,
    found at C speed a stretch at a time, as far as the search has asked."""

    STRETCH = 2048  # gaps searched at a time

    __slots__ = ("_gaps", "_kinds", "positions", "searched_to")

    def __init__(self, gaps: bytes, kinds: bytes, start: int) -> None:
        self._gaps, self._kinds = gaps, kinds
        self.positions: list[int] = []
        self.searched_to = start  # gaps before this index are searched

    def search_to(self, end: int) -> None:
        """Find the positions of gaps up to index `end` (exclusive), and a stretch more."""
        low = self.searched_to
        if end > low:
            mask = self._gaps[low : max(end, low + self.STRETCH)].translate(self._kinds)
            self.positions += compress(range(low + 1, low + len(mask) + 1), mask)
            self.searched_to = low + len(mask)


def positions(gaps: bytes, kinds: bytes) -> list[int]:
    """1-based positions of the gaps of `kinds` (a `_table`), found at C speed."""
    return list(compress(range(1, len(gaps) + 1), gaps.translate(kinds)))


def last_gaps(gaps: Sequence[int], start: int, end: int, kinds: tuple[int, ...]) -> list[int]:
    """The last few positions in (start, end] whose gap is one of `kinds`."""
    found: list[int] = []
    while end > start and len(found) < WORD_CANDIDATES:
        if gaps[end - 1] in kinds:
            found.append(end)
        end -= 1
    return found


def fits(
    budgets: Sequence[Budget],
    prefixes: Sequence[Sequence[int]],
    start: int,
    end: int,
    cut_mark: bool,
) -> bool:
    """Whether tokens [start, end) fit in one post by every budget (with a cut mark
    when `cut_mark`: the caller does not know yet whether the post ends mid-sentence)."""
    count = len(prefixes[0]) - 1
    for budget, prefix in zip(budgets, prefixes, strict=True):
        length = (
            prefix[end]
            - prefix[start]
            - (budget.joins[start] if start else 0)
            + budget.numbering
            + (budget.first if start == 0 else 0)
            + (budget.last if end == count else 0)
            + (budget.cut_mark if cut_mark else 0)
        )
        if length > budget.limit:
            return False
    return True
