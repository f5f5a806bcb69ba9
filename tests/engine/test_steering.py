"""The writer steers a network's breaks: a break moved a sentence, two posts joined.

Each is a pin in the essay's front matter; the engine keeps it for that network
only, keeps the posts before it as they were, never loses or repeats a word, never
makes a post over the limit, and drops a pin whose words are gone (with a warning)
rather than apply it somewhere else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.split import split
from threadsmith.errors import InputError
from threadsmith.threading import Thread
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.pins import Pin, pin_between, pins_from, with_pins
from threadsmith.threading.steering import join_next, move_break

ESSAYS = sorted((Path(__file__).parent / "essays").glob("0*.md"))
NETWORKS = ("x", "bluesky", "mastodon")


def words(thread: Thread) -> list[str]:
    return [word for post in thread.posts for word in post.body.split()]


def texts(thread: Thread) -> list[str]:
    return [post.text for post in thread.posts]


def essay(index: int) -> str:
    return ESSAYS[index % len(ESSAYS)].read_text(encoding="utf-8").replace("\r\n", "\n")


def check_kept(before: Thread, after: Thread, number: int, start: int, end: int) -> None:
    """The pinned post is there, the posts before it are as they were, no word is lost
    or repeated, and every post fits."""
    assert any(post.span == (start, end) for post in after.posts)
    assert texts(after)[: number - 1] == texts(before)[: number - 1]
    assert words(after) == words(before)
    assert all(post.length <= post.limit for post in after.posts)
    assert not [w for w in after.warnings if w.kind == "pin"]


def applied(text: str, steer_text: str, start: int, end: int) -> tuple[int, int]:
    shift = len(steer_text) - len(text)
    return start + shift, end + shift


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, 7),
    network=st.sampled_from(NETWORKS),
    choice=st.integers(0, 10_000),
    move=st.sampled_from(["later", "earlier", "join"]),
)
def test_a_move_kept_loses_no_word_and_keeps_every_post_within_the_limit(
    index: int, network: str, choice: int, move: str
) -> None:
    text = essay(index)
    before = split(text, network)
    if len(before.posts) < 2:
        return
    number = 1 + choice % (len(before.posts) - 1)
    try:
        if move == "join":
            steer = join_next(text, before, number)
        else:
            steer = move_break(text, before, number, later=move == "later")
    except InputError:
        return  # no sentence end to move to: said, nothing changed
    after = split(steer.text, network)
    start, end = applied(text, steer.text, steer.start, steer.end)
    if [w for w in after.warnings if w.kind == "pin"]:
        # refused for length: the app writes nothing; the rest is still whole and fits
        assert all(w.over > 0 for w in after.warnings if w.kind == "pin")
        assert texts(after) == texts(before)
        return
    check_kept(before, after, number, start, end)
    # the other networks' breaks are left alone
    for other in NETWORKS:
        if other != network:
            assert texts(split(steer.text, other)) == texts(split(text, other))


def test_moving_a_break_later_takes_one_sentence_from_the_next_post() -> None:
    text = "\n\n".join(f"Sentence {n} says a few plain words about schools." for n in range(12))
    before = split(text, "x")
    steer = move_break(text, before, 1, later=True)
    after = split(steer.text, "x")
    first = after.posts[0].body
    assert first.startswith(before.posts[0].body)
    assert first.count("Sentence") == before.posts[0].body.count("Sentence") + 1
    check_kept(before, after, 1, *applied(text, steer.text, steer.start, steer.end))


def test_moving_a_break_earlier_gives_the_last_sentence_to_the_next_post() -> None:
    text = "\n\n".join(f"Sentence {n} says a few plain words about schools." for n in range(12))
    before = split(text, "x")
    steer = move_break(text, before, 1, later=False)
    after = split(steer.text, "x")
    assert after.posts[0].body.count("Sentence") == before.posts[0].body.count("Sentence") - 1
    assert after.posts[1].body.startswith("Sentence")
    check_kept(before, after, 1, *applied(text, steer.text, steer.start, steer.end))


def test_two_short_posts_are_joined_on_one_network_only_even_across_a_forced_break() -> None:
    text = "Point one is short.\n\n---\n\nPoint two is short too.\n\nAnd a third."
    before = split(text, "mastodon")
    assert len(before.posts) == 2
    steer = join_next(text, before, 1)
    after = split(steer.text, "mastodon")
    assert len(after.posts) == 1
    assert after.posts[0].span == applied(text, steer.text, steer.start, steer.end)
    assert texts(split(steer.text, "x")) == texts(split(text, "x"))
    assert pins_from(read_front_matter(steer.text).pinned) == {
        "mastodon": (pin_between(text, steer.start, steer.end),)
    }


def test_a_join_over_the_limit_is_left_out_and_says_by_how_much() -> None:
    text = " ".join(f"Sentence number {n} is here to fill the post." for n in range(30))
    before = split(text, "x")
    steer = join_next(text, before, 1)
    after = split(steer.text, "x")
    assert texts(after) == texts(before)
    (warning,) = [w for w in after.warnings if w.kind == "pin"]
    expected = before.posts[0].length + before.posts[1].length - 280  # near: numbering differs
    assert abs(warning.over - expected) <= 4 and "over the limit" in warning.message


def test_a_pin_whose_words_were_deleted_is_dropped_never_applied_elsewhere() -> None:
    text = "\n\n".join(f"Sentence {n} says a few plain words about schools." for n in range(12))
    before = split(text, "x")
    steer = move_break(text, before, 1, later=True)
    last_words = read_front_matter(steer.text).pinned["x"][0][1]  # type: ignore[index]
    edited = steer.text.replace(last_words, "Something else entirely.", 1)
    edited = edited[: read_front_matter(steer.text).body_start] + edited[
        read_front_matter(steer.text).body_start :
    ].replace(last_words.split()[0] + " " + last_words.split()[1], "Gone now", 1)
    after = split(edited, "x")
    (warning,) = [w for w in after.warnings if w.kind == "pin"]
    assert "no longer in the essay" in warning.message
    unpinned = with_pins(edited, read_front_matter(edited).body_start, {})
    assert texts(after) == texts(split(unpinned, "x"))


def test_a_pin_survives_an_edit_elsewhere_in_the_essay() -> None:
    text = "\n\n".join(f"Sentence {n} says a few plain words about schools." for n in range(12))
    before = split(text, "x")
    steer = move_break(text, before, 2, later=True)
    body_start = read_front_matter(steer.text).body_start
    edited = steer.text[:body_start] + "A new opening line.\n\n" + steer.text[body_start:]
    after = split(edited, "x")
    assert not [w for w in after.warnings if w.kind == "pin"]
    pinned = pin_between(text, steer.start, steer.end)
    assert any(
        post.body.startswith(pinned.first) and post.body.endswith(pinned.last)
        for post in after.posts
    )


def test_with_pins_keeps_the_other_front_matter_and_removes_an_empty_pinned_line() -> None:
    text = '---\nnumbering: "{n}/{total}"\n---\nBody text here.\n'
    pin = pin_between(text, text.index("Body"), len(text))
    pinned = with_pins(text, read_front_matter(text).body_start, {"x": [pin]})
    assert pinned == (
        '---\nnumbering: "{n}/{total}"\npinned: {"x": [["Body text here.", "Body text here.", 3]]}'
        "\n---\nBody text here.\n"
    )
    assert with_pins(pinned, read_front_matter(pinned).body_start, {}) == text
    bare = "Body text here.\n"
    once = with_pins(bare, 0, {"x": [Pin("Body", "here.")]})
    assert with_pins(once, read_front_matter(once).body_start, {}) == bare


@pytest.mark.parametrize(
    "value",
    [
        ["x"],
        {"x": "Body"},
        {"x": [["only one"]]},
        {"x": [["", "empty"]]},
        {"x": [[1, 2]]},
        {"x": [["a", "b", -3]]},
    ],
)
def test_a_malformed_pinned_line_is_one_clear_error(value: object) -> None:
    with pytest.raises(InputError, match="pinned"):
        pins_from(value)


def test_nothing_to_move_is_said() -> None:
    text = "One sentence only, which is the whole post."
    thread = split(text + "\n\n" + text.replace("One", "Two"), "x")
    with pytest.raises(InputError, match="last"):
        move_break(text, thread, len(thread.posts), later=True)
