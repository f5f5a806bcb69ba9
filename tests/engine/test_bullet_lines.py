"""Bullet lines keep their line breaks inside a post, on every network (issue 21,
point 6), and the breaker's sums stay exact: a line break weighs what a space does.

A pasted list is a paragraph whose lines start with "•" (or "▪", "●", "✓" …);
Markdown's own "- " and "* " lines are list items, joined by a line break already.
"""

from __future__ import annotations

import pytest

from support.network_counts import NetworkCounter
from support.split import rules_for, split
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import Kind
from threadsmith.threading.segment import segment

NETWORKS = ["x", "bluesky", "mastodon"]
BULLETS = ["•", "‣", "▪", "◦", "·", "●", "○", "■", "□", "▸", "►", "➢", "✓", "✔"]

POINTS = [
    "During the next half term, meet your MP at a surgery and take the letter with you",
    "Write to every councillor on the schools committee before the budget vote",
    "Ask your head teacher how many support staff posts the cuts will cost",
    "Share the figures for your own school with parents at the gate",
    "Come to the meeting on Thursday at the library, and bring a friend",
    "Sign the petition, and ask three colleagues to sign it too",
]


def bulleted(bullet: str, separator: str = "\n") -> str:
    """An essay of our own: a paragraph, a pasted list of six points, a paragraph."""
    points = separator.join(f"{bullet} {point}." for point in POINTS)
    return (
        "We met in May and agreed what to do next, as a union and as parents, "
        f"because together we have collective agency.{separator}{points}\n\n"
        "None of this is new, but all of it works when enough of us do it at once."
    )


def joins_and_gaps(text: str) -> list[tuple[str, str, Break]]:
    found = segment(text, Kind.PARAGRAPH)
    return list(zip(found.joins, found.tokens, found.breaks, strict=True))


@pytest.mark.parametrize("bullet", BULLETS)
def test_a_bullet_at_the_start_of_a_line_keeps_its_line_break(bullet: str) -> None:
    assert joins_and_gaps(f"agency.\n{bullet} During the term\n{bullet}Meet") == [
        ("", "agency.", Break.SENTENCE),
        ("\n", bullet, Break.NONE),  # a bullet never ends a post on its own
        (" ", "During", Break.WORD),
        (" ", "the", Break.WORD),
        (" ", "term", Break.SENTENCE),  # a new point starts on the next line
        ("\n", f"{bullet}Meet", Break.END),
    ]


def test_spaces_around_the_line_break_are_one_line_break() -> None:
    assert joins_and_gaps("agency.  \n  • During")[1][0] == "\n"


def test_a_line_without_a_bullet_is_joined_by_a_space_as_markdown_renders_it() -> None:
    found = joins_and_gaps("We met in May\nand agreed · what we do\nnext, ▪ then")
    assert [join for join, _, _ in found[1:]] == [" "] * (len(found) - 1)


@pytest.mark.parametrize("glyph", ["●", "✓", "■"])
def test_a_glyph_that_is_a_bullet_only_at_a_line_start_is_a_word_inline(glyph: str) -> None:
    assert joins_and_gaps(f"Press {glyph} to record") == [
        ("", "Press", Break.WORD),
        (" ", glyph, Break.WORD),
        (" ", "to", Break.WORD),
        (" ", "record", Break.END),
    ]


@pytest.mark.parametrize("network", NETWORKS)
def test_the_issue_example_keeps_its_line_break(network: str) -> None:
    text = (
        "We learnt that we have collective agency.\n"
        "• During the next half term, meet your MP.\n• Write to the council."
    )
    (post,) = split(text, network).posts
    assert post.body == text


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("bullet", ["•", "▪", "✓"])
def test_bullet_lines_keep_their_line_breaks_in_every_post(network: str, bullet: str) -> None:
    thread = split(bulleted(bullet), network, limit=200)
    assert len(thread.posts) > 2
    points = 0
    for post in thread.posts:
        assert f" {bullet}" not in post.body, post.body  # never run together
        assert not post.body.endswith(bullet), post.body
        points += post.body.count(f"\n{bullet} ") + post.body.startswith(f"{bullet} ")
    assert points == len(POINTS)


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("limit", [120, 160, 200, 280, 500])
def test_a_line_break_counts_as_a_space_does_so_breaks_fall_in_the_same_places(
    network: str, limit: int
) -> None:
    # the same list written inline (" • ") has the same gaps: only the joins differ,
    # so with exact sums the breaks and the lengths are the same
    lines = split(bulleted("•"), network, limit=limit).posts
    inline = split(bulleted("•", " "), network, limit=limit).posts
    assert [p.body.replace("\n•", " •") for p in lines] == [p.body for p in inline]
    assert [p.length for p in lines] == [p.length for p in inline]
    meter = rules_for(network, limit).meters[0]
    for post in lines:
        assert post.length == meter.measure(post.text) <= limit


@pytest.mark.parametrize("network", NETWORKS)
def test_markdown_list_items_keep_their_line_breaks_on_every_network(network: str) -> None:
    text = "What to do next:\n\n- Meet your MP.\n- Write to the council.\n* Sign the petition."
    (post,) = split(text, network).posts
    assert post.body == (
        "What to do next:\n\n• Meet your MP.\n• Write to the council.\n\n• Sign the petition."
    )


@pytest.mark.realparts
@pytest.mark.parametrize("bullet", ["•", "✓"])
def test_bullet_line_posts_count_as_the_networks_own_libraries_count(
    counter: NetworkCounter, bullet: str
) -> None:
    for limit in (120, 200, 280):
        for post in split(bulleted(bullet), "x", limit=limit).posts:
            assert counter.count(post.text).x == post.length, post.text
        for post in split(bulleted(bullet), "bluesky", limit=limit).posts:
            counts = counter.count(post.text)
            assert counts.graphemes == post.length and counts.bytes <= 3000, post.text
