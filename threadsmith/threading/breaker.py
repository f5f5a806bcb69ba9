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
in one post. Costs are whole numbers (in 1/limit² of a post), so sums are exact
and a result never depends on the order they were added in.

An editor's `BreakMemory` makes a re-split after an edit cost what the edit can
change: the costs before the edit are kept, and after it the search stops as soon
as it runs in step with the last run (the same costs plus a constant over a whole
post's reach), whose rest it then takes, shifted.

By default the split is clean: the same search runs again with every gap inside a
sentence that fits in one post taken away, whatever that costs in posts; the
compact split is kept beside it, so the caller can state the trade.

The writer's pinned posts (`pins`: token ranges) are gaps too: each end of a pin
carries `PINNED` on top of its kind (it costs what its kind costs, so the posts
before it come out as they were, and no post crosses it, as none crosses a `---`),
and every gap inside a pin is forbidden.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import add, and_, not_, sub

from threadsmith.errors import SplitError
from threadsmith.threading.break_memory import BreakMemory, Budget, LastRun, Unchanged, fresh
from threadsmith.threading.gap_search import Found, fits, last_gaps, positions
from threadsmith.threading.gaps import Break

# A post's cost is POST_COST + BREAK_COST[its end] + BADNESS x (unfilled share)²; the
# breaker counts it in 1/limit² units, whole numbers.
POST_COST = 30
BADNESS = 100
BREAK_COST = {
    Break.END: 0,
    Break.HARD: 0,
    Break.PARAGRAPH: 0,
    Break.SENTENCE: 8,
    Break.HEADING: 1000,  # only when nothing else fits (below): a heading opens a post
    Break.CLAUSE: 60,
    Break.WORD: 160,
    Break.CUT: 400,
    Break.NONE: 2000,
}
# Lower tiers of gaps are tried only when the higher ones fill a post poorly. With
# the costs above this loses nothing: a clause gap (60) cannot beat a sentence gap
# that fills 70% of a post (8 + 9), nor a word gap (160) a gap that fills half.
CLAUSES_BELOW_FILL = 0.7
WORDS_BELOW_FILL = 0.5
# per tier (strong gaps, clauses, words, glued): the best fill below which the
# next tier is tried too; a tier that fits nothing always falls through
TRY_NEXT_TIER_BELOW = (CLAUSES_BELOW_FILL, WORDS_BELOW_FILL, 1e-9, 1e-9)
_FORBIDDEN = 9  # a gap value no tier looks at: where a clean split or a pin may not end a post
PINNED = 16  # added to the `Break` value of a gap where a pinned post starts or ends
_VALUES = 2 * PINNED  # gap values in use: every `Break`, forbidden, and pinned `Break`s
CHECK_MASK = 2047  # the caller's check runs every 2,048 starts


def _kind(value: int) -> int:
    """The `Break` value of a gap value, pinned or not (`_FORBIDDEN` stays itself)."""
    return value - PINNED if value >= PINNED else value


def _table(*kinds: int) -> bytes:
    """A `bytes.translate` table: 1 for the gap values of `kinds` (pinned too), 0 for others."""
    return bytes(int(value < _VALUES and _kind(value) in kinds) for value in range(256))


# sentence, paragraph, hard, end: the gaps a post ends at first
_STRONG = _table(int(Break.SENTENCE), int(Break.PARAGRAPH), int(Break.HARD), int(Break.END))
# the gaps a clean post may end at: those, and a title's end, which stays a last resort
# (a title standing alone beats a sentence cut in two)
_CLEAN_END = _table(
    int(Break.SENTENCE), int(Break.PARAGRAPH), int(Break.HARD), int(Break.END), int(Break.HEADING)
)
_CLAUSE = _table(int(Break.CLAUSE))
# the gaps no post crosses: the author's `---` and the ends of pinned posts
_CAP = bytes(int(value == Break.HARD or PINNED <= value < _VALUES) for value in range(256))
# every gap that is not a sentence's, paragraph's or title's end, nor a pin's, forbidden
_INSIDE_FORBIDDEN = bytes(
    value if _CLEAN_END[value] or PINNED <= value < _VALUES else _FORBIDDEN for value in range(256)
)


@dataclass(frozen=True, slots=True)
class Chosen:
    """Where posts end (token indices, exclusive) as asked; where they end in the
    compact and the clean split; and the pins that cannot be kept: (index in
    `pins`, by how much the pinned post is over the limit)."""

    ends: list[int]
    compact_ends: list[int]
    over: list[tuple[int, int]]
    clean_ends: list[int]


def choose(
    breaks: Sequence[int],
    budgets: Sequence[Budget],
    memory: BreakMemory | None = None,
    compact: bool = False,
    unchanged: Unchanged | None = None,
    check: Callable[[], None] = lambda: None,
    pins: Sequence[tuple[int, int]] = (),
    together: Sequence[tuple[int, int]] = (),
) -> Chosen:
    """The best way to split the tokens, clean or `compact`, and the compact one beside it.

    Clean breaks, unless `compact`: a post ends inside a sentence (with a `…`) only
    where that sentence cannot fit in one post, whatever keeping the other breaks
    clean costs in posts. The compact split is the cheapest by `BREAK_COST` alone,
    where a break mid-sentence is worth making if it saves a post or fills posts
    much better. `pins` (token ranges [start, end), in order, not overlapping) are
    posts the writer made: each is one post, unless it is over the limit (then it
    is left out, and said in `Chosen.over`). `together` (token ranges: lists) are
    never cut inside when they fit in one post.

    `breaks[i]` is the gap after token i; the last must be `Break.END`. With a
    `memory`, the work that the last run with the same budgets did on the tokens
    before the first change is reused (and this run is remembered); without one the
    result is the same, only computed in full. What the caller knows is `unchanged`
    saves looking for the change; `check` is called now and then, and may raise to
    stop the search. Raises `SplitError` if some token cannot fit in a post at all
    (callers cut those first).
    """
    count = len(breaks)
    if count == 0:
        return Chosen([], [], [], [])
    prefixes = [[0, *accumulate(map(add, b.joins, b.weights))] for b in budgets]
    gaps, over = _pinned(bytes(breaks), pins, budgets, prefixes, together)
    compact_ends = _cheapest(gaps, budgets, prefixes, memory, "compact", unchanged, check)
    clean_gaps = _clean_only(gaps, budgets, prefixes)
    if all(clean_gaps[end - 1] != _FORBIDDEN for end in compact_ends):
        return Chosen(
            compact_ends, compact_ends, over, compact_ends
        )  # already clean wherever it can be
    try:  # the clean split, compact or not: the writer is told what each gives
        clean_ends = _cheapest(clean_gaps, budgets, prefixes, memory, "clean", unchanged, check)
    except SplitError:
        clean_ends = compact_ends
    return Chosen(compact_ends if compact else clean_ends, compact_ends, over, clean_ends)


def _pinned(
    gaps: bytes,
    pins: Sequence[tuple[int, int]],
    budgets: Sequence[Budget],
    prefixes: list[list[int]],
    together: Sequence[tuple[int, int]] = (),
) -> tuple[bytes, list[tuple[int, int]]]:
    """`gaps` with each pin that fits marked: its ends `PINNED`, the gaps inside it
    forbidden; and (index, overflow) for each pin over the limit, left out. The
    gaps inside each `together` range (a list) that fits in one post, and crosses
    no pin or `---`, are forbidden too: a short list is never cut in two."""
    if not pins and not together:
        return gaps, []
    marked = bytearray(gaps)
    over: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(pins):
        overflow = _overflow(gaps, budgets, prefixes, start, end)
        if overflow > 0:
            over.append((index, overflow))
            continue
        marked[start : end - 1] = bytes([_FORBIDDEN]) * (end - 1 - start)
        if start:
            marked[start - 1] = _kind(marked[start - 1]) + PINNED
        marked[end - 1] = _kind(marked[end - 1]) + PINNED
    for start, end in together:
        inside = marked[start : end - 1]
        if inside.translate(_CAP).count(1) or _FORBIDDEN in inside:
            continue  # the writer broke or pinned inside it: theirs to decide
        if _overflow(gaps, budgets, prefixes, start, end) <= 0:
            marked[start : end - 1] = bytes([_FORBIDDEN]) * (end - 1 - start)
    return bytes(marked), over


def _overflow(
    gaps: bytes, budgets: Sequence[Budget], prefixes: list[list[int]], start: int, end: int
) -> int:
    """By how much tokens [start, end) are over the limit as a post of their own."""
    count = len(gaps)
    ends_mid_sentence = Break(_kind(gaps[end - 1])).mid_sentence
    return max(
        prefix[end]
        - prefix[start]
        - (budget.joins[start] if start else 0)
        + budget.numbering
        + (budget.first if start == 0 else 0)
        + (budget.last if end == count else 0)
        + (budget.cut_mark if ends_mid_sentence and end < count else 0)
        - budget.limit
        for budget, prefix in zip(budgets, prefixes, strict=True)
    )


def _clean_only(gaps: bytes, budgets: Sequence[Budget], prefixes: list[list[int]]) -> bytes:
    """`gaps` with every gap inside a sentence forbidden, except in the sentences (the
    tokens between two sentence, paragraph or title ends) too long for one post."""
    ends = positions(gaps, _CLEAN_END)  # the last is `count` (Break.END)
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
    clean = bytearray(gaps.translate(_INSIDE_FORBIDDEN))
    for sentence in compress(range(len(fits)), map(not_, fits)):  # the few too long
        start, end = starts[sentence], ends[sentence]
        clean[start : end - 1] = gaps[start : end - 1]
    return bytes(clean)


def _cheapest(
    gaps: bytes,
    budgets: Sequence[Budget],
    prefixes: list[list[int]],
    memory: BreakMemory | None,
    mode: str,
    unchanged: Unchanged | None,
    check: Callable[[], None],
) -> list[int]:
    """Post ends of the cheapest path through the gaps a post may end at."""
    count = len(gaps)
    primary, others = budgets[0], budgets[1:]
    prefix, joins, limit = prefixes[0], primary.joins, primary.limit
    word_gaps: tuple[int, ...] = (int(Break.CUT), int(Break.WORD))
    # A post ends after a heading or a title line, or inside "Mr. Smith", only from
    # a start where no other gap fits: a rule, not a cost to be traded.
    word_gaps = (*word_gaps, *(kind + PINNED for kind in word_gaps))
    glued: tuple[int, ...] = (int(Break.NONE), int(Break.HEADING))
    glued = (*glued, *(kind + PINNED for kind in glued))
    square = limit * limit
    # per gap value (pinned ones cost what their kind costs); `_FORBIDDEN` is never looked up
    kinds = [Break(_kind(v)) if _kind(v) < len(Break) else Break.NONE for v in range(_VALUES)]
    cost_of = [square * (POST_COST + BREAK_COST[kind]) for kind in kinds]
    cut_mark = [primary.cut_mark if kind.mid_sentence else 0 for kind in kinds]
    hard_breaks = (int(Break.HARD), int(Break.HARD) + PINNED)  # a `---` leaves room unfilled

    infinity = float("inf")
    last_run: LastRun | None = None
    if memory is not None:
        best, back, resume_at, last_run = memory.resume(gaps, budgets, prefix, mode, unchanged)
    else:
        best, back, resume_at = fresh(count)
    # The good gaps are few; they are found at C speed, a stretch ahead of the search
    # (which after an edit looks at a few posts only). Word gaps are most gaps: they
    # are found by scanning back from a post's end.
    found = [Found(gaps, table, resume_at) for table in (_STRONG, _CLAUSE, _CAP)]
    strong, clauses, hard = (kind.positions for kind in found)
    searched_to = resume_at
    numbering, first, last = primary.numbering, primary.first, primary.last
    other_prefixes = prefixes[1:]
    in_step_from = -1  # the first start of a run in step with the last run's, if any
    difference = 0.0  # ... and the constant its costs differ by (a whole number)
    for start in range(resume_at, count):
        if not start & CHECK_MASK:
            check()
        so_far = best[start]
        if last_run is not None and start >= last_run.same_from:
            # In step since `in_step_from` (every best cost the last run's plus one
            # constant, or both unreachable) over more than a post's reach: no start
            # before it reaches further, and from here on both runs do the same sums.
            before = last_run.best[start - last_run.shift]
            if so_far == before == infinity:
                pass  # unreachable in both: in step whatever the constant
            elif infinity in (so_far, before):
                in_step_from = -1
            elif in_step_from < 0 or so_far - before != difference:
                in_step_from, difference = start, so_far - before
            if in_step_from >= 0 and prefix[start + 1] - prefix[in_step_from] > limit:
                last_run.take_rest(best, back, start + 1, difference)
                break
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
        if furthest > searched_to:
            for kind in found:
                kind.search_to(furthest)
            searched_to = found[0].searched_to
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
                candidates = last_gaps(gaps, start, furthest, word_gaps if tier == 2 else glued)
            for end in candidates:
                gap = gaps[end - 1]
                length = prefix[end] - base + fixed + cut_mark[gap]
                if end == count:
                    length += last
                if length > limit or (
                    others and not fits(others, prefixes[1:], start, end, cut_mark=True)
                ):
                    continue
                cost = so_far + cost_of[gap]
                if gap not in hard_breaks:
                    cost += BADNESS * (limit - length) ** 2
                if cost < best[end]:
                    best[end] = cost
                    back[end] = end - start  # tokens back to the post's start
                fill = length / limit
                if fill > top_fill:  # noqa: PLR1730 (max() is a call: slower in this loop)
                    top_fill = fill
            if top_fill >= TRY_NEXT_TIER_BELOW[tier]:
                break
    if best[count] == infinity:
        raise SplitError("the text cannot be split into posts within the limit")
    if memory is not None:
        memory.remember(gaps, budgets, mode, best, back, unchanged and unchanged.now)
    ends = []
    end = count
    while end:
        ends.append(end)
        end -= back[end]
    ends.reverse()
    return ends
