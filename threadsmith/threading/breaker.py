"""Choose where posts end: a minimum-cost path over the gaps between tokens.

In the spirit of Knuth–Plass line breaking: every gap is a candidate with a
penalty for its kind (a paragraph end is free, a mid-word cut is dear); every
post costs a little (fewer posts are better) plus a badness that grows with the
space it leaves empty (full, balanced posts are better, and a last post of three
words is bad). Dynamic programming finds the cheapest way through the whole
essay rather than filling posts greedily.

Lengths come from prefix sums over token weights, so measuring a candidate post
is a subtraction, and the candidates for a post starting at token `a` are found
by bisection: the work is linear in the essay, times the few candidates that fit
in one post.

By default the split is clean: the same search runs again with every gap inside a
sentence that fits in one post taken away, and its posts are used unless they
are more than one more than the compact split's (`choose_breaks` has the rule).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import add, and_, sub
from threading import Lock
from typing import Any

from threadsmith.errors import SplitError
from threadsmith.threading.segment import Break

POST_COST = 30.0
BADNESS = 100.0
BREAK_COST = {
    Break.END: 0.0,
    Break.HARD: 0.0,
    Break.PARAGRAPH: 0.0,
    Break.SENTENCE: 8.0,
    Break.HEADING: 1000.0,  # only when nothing else fits (below): a heading opens a post
    Break.CLAUSE: 60.0,
    Break.WORD: 160.0,
    Break.CUT: 400.0,
    Break.NONE: 2000.0,
}
# Lower tiers of gaps are tried only when the higher ones fill a post poorly. With
# the costs above this loses nothing: a clause gap (60) cannot beat a sentence gap
# that fills 70% of a post (8 + 9), nor a word gap (160) a gap that fills half.
CLAUSES_BELOW_FILL = 0.7
WORDS_BELOW_FILL = 0.5
WORD_CANDIDATES = 4  # of the word gaps, the fullest few are worth trying
# per tier (strong gaps, clauses, words, glued): the best fill below which the
# next tier is tried too; a tier that fits nothing always falls through
TRY_NEXT_TIER_BELOW = (CLAUSES_BELOW_FILL, WORDS_BELOW_FILL, 1e-9, 1e-9)
# Clean breaks are worth at most this many more posts in a thread (see choose_breaks).
EXTRA_POSTS_FOR_CLEAN_BREAKS = 1
_FORBIDDEN = 9  # a gap value no tier looks at: where a clean split may not end a post
_FORBIDDEN_BYTE = bytes((_FORBIDDEN,))


@dataclass(frozen=True, slots=True)
class Budget:
    """One meter's limit and the fixed parts every post spends of it."""

    limit: int
    weights: Sequence[int]  # per token
    joins: Sequence[int]  # per token: the weight of the join before it
    numbering: int  # the widest numbering label, with its space
    first: int  # the first post's extras, with their space
    last: int  # the last post's extras, with their space
    cut_mark: int  # "…" and its space, when a post ends mid-sentence


def choose_breaks(
    breaks: Sequence[Break],
    budgets: Sequence[Budget],
    memory: BreakMemory | None = None,
    compact: bool = False,
) -> list[int]:
    """Post ends (token indices, exclusive) of the best way to split the tokens.

    Clean breaks, unless `compact`: a post ends inside a sentence (with a `…`) only
    where that sentence cannot fit in one post, or when keeping every other break
    clean would take more than `EXTRA_POSTS_FOR_CLEAN_BREAKS` (one) more posts than
    the compact split; then the compact split is used. The compact split is the
    cheapest by `BREAK_COST` alone, where a break mid-sentence is worth making if
    it saves a post or fills posts much better.

    `breaks[i]` is the gap after token i; the last must be `Break.END`. With a
    `memory`, the work that the last run with the same budgets did on the tokens
    before the first change is reused (and this run is remembered); without one the
    result is the same, only computed in full. Raises `SplitError` if some token
    cannot fit in a post at all (callers cut those first).
    """
    count = len(breaks)
    if count == 0:
        return []
    prefixes = [[0, *accumulate(map(add, b.joins, b.weights))] for b in budgets]
    gaps = bytes(breaks)
    compact_ends = _cheapest(gaps, budgets, prefixes, memory, "compact")
    if compact:
        return compact_ends
    clean_gaps = _clean_only(gaps, budgets, prefixes)
    if all(clean_gaps[end - 1] != _FORBIDDEN for end in compact_ends):
        return compact_ends  # already clean wherever it can be
    try:
        clean_ends = _cheapest(clean_gaps, budgets, prefixes, memory, "clean")
    except SplitError:
        return compact_ends
    if len(clean_ends) <= len(compact_ends) + EXTRA_POSTS_FOR_CLEAN_BREAKS:
        return clean_ends
    return compact_ends


def _clean_only(gaps: bytes, budgets: Sequence[Budget], prefixes: list[list[int]]) -> bytes:
    """`gaps` with every gap inside a sentence forbidden, except in the sentences (the
    tokens between two sentence or paragraph ends) too long for one post."""
    ends = _positions(gaps, rb"[\x05-\x08]")  # the last is `count` (Break.END)
    starts = [0, *ends[:-1]]
    fits = [True] * len(ends)
    for budget, prefix in zip(budgets, prefixes, strict=True):
        # a sentence's length in a post of its own, all at C speed: the join before
        # its first token is not in the post; the extras count on the first and last
        room = budget.limit - budget.numbering
        lengths = list(map(sub, map(prefix.__getitem__, ends), map(prefix.__getitem__, starts)))
        lengths = list(map(sub, lengths, map(budget.joins.__getitem__, starts)))
        lengths[0] += budget.first + budget.joins[0]
        lengths[-1] += budget.last
        fits = list(map(and_, fits, map(room.__ge__, lengths)))
    parts: list[bytes] = []
    for start, end, fit in zip(starts, ends, fits, strict=True):
        inside = gaps[start : end - 1]
        parts += (_FORBIDDEN_BYTE * len(inside) if fit else inside, gaps[end - 1 : end])
    return b"".join(parts)


def _cheapest(
    gaps: bytes,
    budgets: Sequence[Budget],
    prefixes: list[list[int]],
    memory: BreakMemory | None,
    mode: str,
) -> list[int]:
    """Post ends of the cheapest path through the gaps a post may end at."""
    count = len(gaps)
    primary, others = budgets[0], budgets[1:]
    prefix, joins, limit = prefixes[0], primary.joins, primary.limit
    # The good gaps are few; find them with a regex over the gaps as bytes (C speed).
    # Word gaps are most gaps: they are found by scanning back from a post's end.
    strong = _positions(gaps, rb"[\x05-\x08]")  # sentence, paragraph, hard, end
    clauses = _positions(gaps, rb"\x03")
    hard = _positions(gaps, rb"\x07")
    word_gaps = (int(Break.CUT), int(Break.WORD))
    # A post ends after a heading or a title line, or inside "Mr. Smith", only from
    # a start where no other gap fits: a rule, not a cost to be traded.
    glued = (int(Break.NONE), int(Break.HEADING))
    cost_of = [BREAK_COST[Break(value)] for value in range(len(Break))]
    cut_mark = [primary.cut_mark if Break(v).mid_sentence else 0 for v in range(len(Break))]
    hard_break = int(Break.HARD)

    infinity = float("inf")
    if memory is not None:
        best, came_from, resume_at = memory.resume(gaps, budgets, prefix, mode)
    else:
        best, came_from, resume_at = _fresh(count)
    numbering, first, last = primary.numbering, primary.first, primary.last
    other_prefixes = prefixes[1:]
    for start in range(resume_at, count):
        so_far = best[start]
        if so_far == infinity:
            continue
        fixed = numbering + first if start == 0 else numbering
        base = prefix[start] + joins[start] if start else 0
        furthest = bisect_right(prefix, base + limit - fixed) - 1
        if others:
            for budget, other in zip(others, other_prefixes, strict=True):
                room = budget.limit - budget.numbering - (budget.first if start == 0 else 0)
                other_base = other[start] + (budget.joins[start] if start else 0)
                furthest = min(furthest, bisect_right(other, other_base + room) - 1)
        if hard:
            next_hard = bisect_right(hard, start)
            if next_hard < len(hard) and hard[next_hard] < furthest:
                furthest = hard[next_hard]
        top_fill = 0.0
        for tier in range(4):
            if tier == 0:
                candidates = strong[bisect_right(strong, start) : bisect_right(strong, furthest)]
            elif tier == 1:
                candidates = clauses[bisect_right(clauses, start) : bisect_right(clauses, furthest)]
            else:
                candidates = _last_gaps(gaps, start, furthest, word_gaps if tier == 2 else glued)
            for end in candidates:
                gap = gaps[end - 1]
                length = prefix[end] - base + fixed + cut_mark[gap]
                if end == count:
                    length += last
                if length > limit or (
                    others and not _fits(others, prefixes[1:], start, end, cut_mark=True)
                ):
                    continue
                fill = length / limit
                slack = 1.0 - fill
                cost = so_far + POST_COST + cost_of[gap]
                if gap != hard_break:
                    cost += BADNESS * slack * slack
                if cost < best[end]:
                    best[end] = cost
                    came_from[end] = start
                if fill > top_fill:  # noqa: PLR1730 (max() is a call: slower in this loop)
                    top_fill = fill
            if top_fill >= TRY_NEXT_TIER_BELOW[tier]:
                break
    if best[count] == infinity:
        raise SplitError("the text cannot be split into posts within the limit")
    if memory is not None:
        memory.remember(gaps, budgets, mode, best, came_from)
    ends = []
    end = count
    while end:
        ends.append(end)
        end = came_from[end]
    ends.reverse()
    return ends


class BreakMemory:
    """The last runs of `choose_breaks`, one per set of budget parameters, so that the
    next run (a keystroke later) keeps every result that depends only on the unchanged
    tokens before the edit: best[e] depends on tokens[:e] alone.

    Per editor state, held by a `Splitter`: at most `size` runs are kept (a clean and
    a compact run per platform and numbering width shown). Runs are
    never changed once stored; the lock makes replacing them safe when several
    threads split at once (the app warms the engine in a thread).
    """

    def __init__(self, size: int = 12) -> None:
        self._size = size
        self._runs: dict[tuple[object, ...], tuple[Any, ...]] = {}
        self._lock = Lock()

    def __len__(self) -> int:
        return len(self._runs)

    def clear(self) -> None:
        with self._lock:
            self._runs.clear()

    def remember(
        self,
        gaps: bytes,
        budgets: Sequence[Budget],
        mode: str,
        best: list[float],
        came_from: list[int],
    ) -> None:
        arrays: list[Sequence[int]] = [gaps, *(list(b.joins) for b in budgets)]
        arrays += [list(b.weights) for b in budgets]
        with self._lock:
            key = _key(budgets, mode)
            self._runs.pop(key, None)  # the newest run goes last: the oldest is dropped first
            if len(self._runs) >= self._size:
                self._runs.pop(next(iter(self._runs)))
            self._runs[key] = (arrays, best, came_from)

    def resume(
        self, gaps: bytes, budgets: Sequence[Budget], prefix: list[int], mode: str
    ) -> tuple[list[float], list[int], int]:
        """(best, came_from, first start to expand): fresh, or what the last run in
        the same mode left valid before the first token that differs from it."""
        count = len(gaps)
        with self._lock:
            remembered = self._runs.get(_key(budgets, mode))
        if remembered is None:
            return _fresh(count)
        arrays, old_best, old_came_from = remembered
        current = [gaps, *(b.joins for b in budgets), *(b.weights for b in budgets)]
        same = min(_common_prefix(old, new) for old, new in zip(arrays, current, strict=True))
        if same == 0:
            return _fresh(count)
        # starts that cannot reach past the change keep their pushes too
        reach = bisect_left(prefix, prefix[same] - budgets[0].limit) - 1
        best = old_best[: same + 1] + [float("inf")] * (count - same)
        came_from = old_came_from[: same + 1] + [0] * (count - same)
        return best, came_from, max(0, reach)


def _fresh(count: int) -> tuple[list[float], list[int], int]:
    best = [float("inf")] * (count + 1)
    best[0] = 0.0
    return best, [0] * (count + 1), 0


def _key(budgets: Sequence[Budget], mode: str) -> tuple[object, ...]:
    return (mode, *((b.limit, b.numbering, b.first, b.last, b.cut_mark) for b in budgets))


def _common_prefix(old: Sequence[int], new: Sequence[int], step: int = 256) -> int:
    """Length of the common prefix of two lists, compared a slice at a time (C speed)."""
    limit = min(len(old), len(new))
    at = 0
    while at < limit and old[at : at + step] == new[at : at + step]:
        at += step
    while at < limit and old[at] == new[at]:
        at += 1
    return min(at, limit)


def _positions(gaps: bytes, pattern: bytes) -> list[int]:
    """1-based positions of the gaps matching `pattern` (a byte class)."""
    return [match.end() for match in re.finditer(pattern, gaps)]


def _last_gaps(gaps: Sequence[int], start: int, end: int, kinds: tuple[int, ...]) -> list[int]:
    """The last few positions in (start, end] whose gap is one of `kinds`."""
    found: list[int] = []
    while end > start and len(found) < WORD_CANDIDATES:
        if gaps[end - 1] in kinds:
            found.append(end)
        end -= 1
    return found


def _fits(
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
