"""Posts checked by the platforms' own libraries (run by Node), not by our code.

X: the official twitter-text. Bluesky: the counters the PDS validates posts with,
on the text as the official app posts it (links shortened, by its own rules run on
Node's URL parser).
Skips without Node on a user's machine; CI installs Node packages and requires it.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings

from support.network_counts import NetworkCounter
from support.split import split
from support.text_strategies import essays, unicode_soup
from threadsmith.threading.measure import graphemes, utf8_bytes

SLOW = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@SLOW
@given(essays)
def test_every_x_post_is_valid_for_twitter_text(counter: NetworkCounter, text: str) -> None:
    for post in split(text, "x").posts:
        counts = counter.count(post.text)
        assert counts.x == post.length and counts.x_valid, post.text


@SLOW
@given(essays)
def test_every_bluesky_post_is_valid_for_the_pds(counter: NetworkCounter, text: str) -> None:
    thread = split(text, "bluesky")
    for post in thread.posts:
        posted = thread.rules.posted(post.text)  # its links shortened, as the app posts them
        assert posted == counter.count(post.text).bluesky_posted
        counts = counter.count(posted)
        assert counts.graphemes <= post.length <= 300, posted  # see the test below
        assert counts.bytes <= 3000


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(unicode_soup)
@example("0\U0001d250")  # a joiner to `regex`, unassigned to this Python and to the PDS
def test_grapheme_and_byte_counts_agree_with_the_pds(counter: NetworkCounter, text: str) -> None:
    """Exact, but where this Python's Unicode data does not know a character that
    `regex` says joins a cluster: counted apart then, so a post can only come out
    shorter than we think, never longer."""
    counts = counter.count(text)
    assert utf8_bytes(text) == counts.bytes
    unknown = sum(unicodedata.category(char) == "Cn" for char in text)
    assert counts.graphemes <= graphemes(text) <= counts.graphemes + unknown
