"""An editor's `Splitter` gives exactly what plain `split` gives, edit after edit;
plain `split` keeps nothing between calls."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.split import rules_for, split
from support.text_strategies import essays
from threadsmith.threading import Splitter, Thread
from threadsmith.threading import breaker as breaker_module
from threadsmith.threading.break_memory import BreakMemory, Budget
from threadsmith.threading.breaker import choose
from threadsmith.threading.gaps import Break

edits = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(["x", ". ", "\n\n", "word "])),
    min_size=1,
    max_size=6,
)


def shape(thread: Thread) -> list[tuple[str, str, int]]:
    return [(post.body, post.text, post.length) for post in thread.posts]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays, edits, st.sampled_from(["x", "bluesky"]))
def test_a_splitter_gives_what_split_gives_after_every_edit(
    text: str, changes: list[tuple[float, int, str]], network: str
) -> None:
    splitter = Splitter()
    assert shape(splitter.split(text, rules_for(network))) == shape(split(text, network))
    for where, removed, typed in changes:
        at = int(where * len(text))
        text = text[:at] + typed + text[at + removed :]
        assert shape(splitter.split(text, rules_for(network))) == shape(split(text, network))


def test_a_remembered_run_is_reused_only_before_the_change() -> None:
    gaps = [Break.WORD] * 199 + [Break.END]
    joins = [0] + [1] * 199
    budget = Budget(280, [7] * 200, joins, 4, 0, 0, 2)
    memory = BreakMemory()
    assert choose(gaps, [budget], memory, compact=True).ends == choose(gaps, [budget]).ends
    heavier = Budget(280, [7] * 100 + [30] * 100, joins, 4, 0, 0, 2)
    prefix = [0, *accumulate(j + w for j, w in zip(joins, heavier.weights, strict=True))]
    best, _, resume_at, _ = memory.resume(bytes(gaps), [heavier], prefix, "compact")
    # 35 tokens a post: what starts within a post of token 100 pushed is dropped, and
    # the starts a post before those run again; what lies further back is kept
    assert 100 - 2 * 35 - 3 <= resume_at <= 100 - 2 * 35 + 3
    assert all(cost == float("inf") for cost in best[100 - 35 + 2 :])
    assert any(cost < float("inf") for cost in best[1 : 100 - 35 - 2])
    assert choose(gaps, [heavier], memory).ends == choose(gaps, [heavier]).ends
    changed_first = Budget(280, [8] + [7] * 199, joins, 4, 0, 0, 2)
    assert memory.resume(bytes(gaps), [changed_first], prefix, "compact")[2] == 0


def test_the_memory_keeps_a_bounded_number_of_runs() -> None:
    memory = BreakMemory(size=3)
    gaps = [Break.WORD] * 9 + [Break.END]
    for limit in range(40, 60):
        choose(gaps, [Budget(limit, [5] * 10, [0] + [1] * 9, 4, 0, 0, 2)], memory)
    assert len(memory) == 3


def test_plain_split_keeps_no_state_in_the_breaker() -> None:
    # a mutable container at module level, other than the cost table, would be state
    split("One sentence here. " * 200, "x")
    held = [
        name
        for name, value in vars(breaker_module).items()
        if isinstance(value, dict | list | set | BreakMemory)
        and not name.startswith("__")
        and name != "BREAK_COST"
    ]
    assert held == []
