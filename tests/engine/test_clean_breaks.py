"""Clean breaks by default: a post ends mid-sentence only where the sentence cannot
fit in one post, whatever that costs in posts. `compact` ends posts mid-sentence
whenever that is cheaper; `Thread.trade` states what each way gives."""

from __future__ import annotations

import pytest

from support.split import rules_for, split
from threadsmith.errors import InputError
from threadsmith.threading import Splitter, Thread

CLAUSES = (
    "Schools have been asked to do more with less, and the cracks now show in every "
    "classroom, every corridor and every staffroom we visit, across the county"
)  # 173 characters a sentence: two never share a post of 280


def sentences(count: int) -> str:
    return " ".join(f"{CLAUSES}, this term number {i}." for i in range(count))


def mid_sentence(thread: Thread) -> list[int]:
    return [post.number for post in thread.posts if post.ends_mid_sentence]


def test_clean_breaks_cost_one_more_post() -> None:
    text = sentences(3)
    compact = split(text, "x", compact=True)
    clean = split(text, "x")
    assert mid_sentence(compact) and len(compact.posts) == 2
    assert mid_sentence(clean) == [] and len(clean.posts) == 3
    assert all(post.body.endswith(".") for post in clean.posts)


def test_clean_breaks_stay_clean_whatever_they_cost_and_say_the_trade() -> None:
    text = sentences(6)
    compact = split(text, "x", compact=True)
    clean = split(text, "x")
    assert len(compact.posts) == 4 and len(mid_sentence(compact)) == 2
    assert len(clean.posts) == 6 and mid_sentence(clean) == []
    assert clean.trade is not None and clean.trade.differs
    assert clean.trade.describe() == (
        "clean: 6 posts, none cut · compact: 4 posts, 2 cut mid-sentence"
    )
    assert compact.trade == clean.trade  # the same choice, seen from either side


def test_no_trade_to_state_when_clean_breaks_cost_nothing() -> None:
    thread = split("One short sentence. And another one.", "x")
    assert thread.trade is not None and not thread.trade.differs


def test_a_sentence_too_long_for_one_post_is_cut_inside_even_when_clean() -> None:
    long_sentence = ", ".join([CLAUSES] * 3) + "."
    text = f"A first sentence. {long_sentence} A last one."
    thread = split(text, "x")
    assert mid_sentence(thread)
    inside = range(text.index(long_sentence), text.index(" A last one."))
    for post in thread.posts:
        assert post.ends_mid_sentence == (post.span[1] in inside), post.body


@pytest.mark.parametrize("network", ["x", "bluesky"])
def test_each_post_says_whether_it_ends_mid_sentence(network: str) -> None:
    for compact in (False, True):
        thread = split(sentences(6) + " " + ", ".join([CLAUSES] * 3), network, compact=compact)
        assert thread.mid_sentence_ends == len(mid_sentence(thread)) > 0
        for post in thread.posts:
            assert post.ends_mid_sentence == ("…" in post.text), post.text


def test_compact_from_the_front_matter_and_the_argument_wins() -> None:
    text = "---\ncompact: true\n---\n" + sentences(3)
    assert len(split(text, "x").posts) == 2
    assert len(split(text, "x", compact=False).posts) == 3
    assert len(split("---\ncompact: false\n---\n" + sentences(3), "x").posts) == 3


def test_compact_in_the_front_matter_must_be_true_or_false() -> None:
    with pytest.raises(InputError, match="compact"):
        split("---\ncompact: sometimes\n---\nWords.", "x")


def test_a_splitter_remembers_clean_and_compact_runs_apart() -> None:
    splitter = Splitter()
    text = sentences(3)
    for _ in range(2):
        for compact in (False, True):
            assert splitter.split(text, rules_for("x"), compact=compact) == split(
                text, "x", compact=compact
            )
