"""How Threads counts a post: 500, every grapheme cluster holding an Extended_Pictographic
or Regional_Indicator code point as its UTF-8 bytes, every other code point 1; and at
most 5 distinct links. The engine never makes a post over either."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from support.text_strategies import essays
from threadsmith.network import network_named
from threadsmith.networks.threads.counting import (
    LIMIT,
    MAX_LINKS,
    distinct_links,
    threads_length,
    threads_rules,
)
from threadsmith.threading import split

COUNTED = [
    ("ascii", "Funding fell.", 13),
    ("heart", "❤️", 6),  # U+2764 U+FE0F: one cluster, 3 + 3 bytes
    ("flag", "🇬🇧", 8),  # two regional indicators
    ("skin-tone", "👍🏽", 8),
    ("family", "👨‍👩‍👧‍👦", 25),  # 4 emoji and 3 ZWJ in one cluster
    ("copyright", "©", 2),  # Extended_Pictographic, though not shown as an emoji
    ("decomposed", "e\u0301cole", 6),  # no emoji: code points, not clusters
    ("cjk", "教育は大切です", 7),
    ("keycap", "#️⃣", 3),  # no pictograph in it: "#", U+FE0F, U+20E3 count 1 each
    ("mixed", "Hi 👋 all", 11),
]


@pytest.mark.parametrize(("text", "length"), [c[1:] for c in COUNTED], ids=[c[0] for c in COUNTED])
def test_each_case_counts_as_the_rule_says(text: str, length: int) -> None:
    assert threads_length(text) == length


def test_links_are_counted_once_each_with_bare_domains() -> None:
    text = (
        "See https://www.gov.uk/funding and www.naht.org.uk/1, again https://www.gov.uk/funding. "
        "Also schoolsweek.co.uk. Not links: e.g. Mr. Smith, 3.5 per cent, i.e. naïve."
    )
    assert distinct_links(text) == 3


EMOJI_HEAVY = (
    "Teachers 👩‍🏫 and heads 🧑‍💼 across 🇬🇧 🏴󠁧󠁢󠁥󠁮󠁧󠁿 said ❤️ for the 👍🏽 campaign. " * 40,
    "👨‍👩‍👧‍👦" * 300,
    "🇬🇧🇫🇷🇩🇪 " * 200,
    "Funding fell 😀. " * 120,
)


@pytest.mark.parametrize("text", EMOJI_HEAVY, ids=["sentences", "families", "flags", "one-each"])
def test_an_emoji_heavy_essay_is_never_over_500(text: str) -> None:
    posts = split(text, threads_rules()).posts
    assert len(posts) > 1
    assert all(threads_length(post.text) <= LIMIT for post in posts)
    assert max(threads_length(post.text) for post in posts) > LIMIT / 2  # not cut needlessly short


def test_no_post_gets_a_sixth_link() -> None:
    text = " ".join(f"Read https://example.org/report/{n} today." for n in range(30))
    posts = split(text, threads_rules()).posts
    assert all(distinct_links(post.text) <= MAX_LINKS for post in posts)
    assert sum(distinct_links(post.text) for post in posts) == 30  # none lost


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=essays)
def test_any_essay_fits_both_meters(text: str) -> None:
    for post in split(text, network_named("threads").post_rules(None, None, {})).posts:
        assert threads_length(post.text) <= LIMIT
        assert distinct_links(post.text) <= MAX_LINKS
