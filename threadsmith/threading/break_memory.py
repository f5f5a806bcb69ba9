"""What the breaker is given (`Budget`s, what is `Unchanged` since an earlier run) and
what it remembers from one run to the next (`BreakMemory`, held by an editor's
`Splitter`), so that a re-split after an edit costs what the edit can change."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add
from threading import Lock
from typing import Any

from threadsmith.threading.lists import common_prefix, common_suffix


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


@dataclass(frozen=True, slots=True)
class Unchanged:
    """What the caller knows of its tokens (`now`, any object standing for them) since
    the tokens of an earlier run (`since`): the first `head` are the same, and so are
    the last `tail` (their weights and joins; their gaps are compared anyway)."""

    now: object
    since: object = None
    head: int = 0
    tail: int = 0


@dataclass(frozen=True, slots=True)
class LastRun:
    """What the last run found for the tokens after an edit, which are the same as
    its own from `same_from` on (new index = its index + `shift`)."""

    same_from: int  # the first token (never the first of all) of the unchanged tail
    shift: int  # tokens added by the edit (negative: removed)
    best: list[float]
    back: list[int]  # per end: how many tokens back its best post starts

    def take_rest(self, best: list[float], back: list[int], at: int, difference: float) -> None:
        """From end `at` on: the last run's best costs plus `difference`, and its posts."""
        best[at:] = map(add, self.best[at - self.shift :], repeat(difference))  # at C speed
        back[at:] = self.back[at - self.shift :]


class BreakMemory:
    """The last runs of `breaker.choose`, one per set of budget parameters, so that the
    next run (a keystroke later) keeps every result that no start near the edit could
    have reached: those before it, less a post's reach (see `resume`).

    Per editor state, held by a `Splitter`: at most `size` runs are kept (a clean and
    a compact run per network and numbering width shown). Runs are
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
        back: list[int],
        tokens: object = None,
    ) -> None:
        """Keep this run (`tokens`: what stands for its tokens, for `Unchanged.since`)."""
        arrays: list[Sequence[int]] = [gaps, *(list(b.joins) for b in budgets)]
        arrays += [list(b.weights) for b in budgets]
        with self._lock:
            key = _key(budgets, mode)
            self._runs.pop(key, None)  # the newest run goes last: the oldest is dropped first
            if len(self._runs) >= self._size:
                self._runs.pop(next(iter(self._runs)))
            self._runs[key] = (arrays, best, back, tokens)

    def resume(
        self,
        gaps: bytes,
        budgets: Sequence[Budget],
        prefix: list[int],
        mode: str,
        unchanged: Unchanged | None = None,
    ) -> tuple[list[float], list[int], int, LastRun | None]:
        """(best, back, first start to expand, the last run after the edit): fresh,
        or what the last run in the same mode left valid before the first token that
        differs from it, and what it found for the tokens after the last that does."""
        count = len(gaps)
        with self._lock:
            remembered = self._runs.get(_key(budgets, mode))
        if remembered is None:
            return (*fresh(count), None)
        arrays, old_best, old_back, tokens = remembered
        # the gaps (bytes) are compared whole, at memcmp speed; weights and joins only
        # where the caller does not know them to be the same
        same, tail = common_prefix(arrays[0], gaps), common_suffix(arrays[0], gaps)
        known_head = known_tail = 0
        if unchanged is not None and tokens is not None and unchanged.since is tokens:
            known_head, known_tail = min(unchanged.head, same), min(unchanged.tail, tail)
        current = [*(b.joins for b in budgets), *(b.weights for b in budgets)]
        for old, new in zip(arrays[1:], current, strict=True):
            same = min(same, common_prefix(old, new, known_head))
            tail = min(tail, common_suffix(old, new, known_tail))
        shift = count - len(arrays[0])
        last_run = LastRun(max(count - tail, 1), shift, old_best, old_back)
        if same == 0:
            return (*fresh(count), last_run)
        # A start within a post of the change chose among gaps past it (the last few
        # word gaps before its reach, whether to try a lower tier), so what it pushed
        # is stale even before the change: only ends up to `reach`, which no such
        # start pushes, are kept, and the starts that push past `reach` run again.
        limit = budgets[0].limit
        reach = max(0, bisect_left(prefix, prefix[same] - limit) - 1)
        again_from = max(0, bisect_left(prefix, prefix[reach] - limit) - 1)
        best = old_best[: reach + 1] + [float("inf")] * (count - reach)
        back = old_back[: reach + 1] + [0] * (count - reach)
        return best, back, again_from, last_run


def fresh(count: int) -> tuple[list[float], list[int], int]:
    """(best, back, first start) of a run with nothing to keep."""
    best = [float("inf")] * (count + 1)
    best[0] = 0
    return best, [0] * (count + 1), 0


def _key(budgets: Sequence[Budget], mode: str) -> tuple[object, ...]:
    return (mode, *((b.limit, b.numbering, b.first, b.last, b.cut_mark) for b in budgets))
