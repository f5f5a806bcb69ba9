"""Bluesky counts each post as the official app posts it, its links shortened: posts
fit more words, and every post of a thread full of links is within the limits as the
PDS counts the text posted (the app's own shortening, run by Node, gives that text).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from support.link_strategies import link_essays, node_keeps_dot_segments
from support.network_counts import NetworkCounter
from support.split import rules_for, split
from threadsmith.threading.bluesky_links import find_links
from threadsmith.threading.measure import graphemes, token_weights, utf8_bytes
from threadsmith.threading.short_url import left_whole, to_short_url


def test_bluesky_counts_a_post_as_posted_so_it_fits_more_words() -> None:
    link = "https://www.naht.org.uk/news/latest-news/" + "pay-award-" * 20
    words = " ".join(["Teachers"] * 25)
    thread = split(f"{words} {link}", "bluesky")
    assert len(thread.posts) == 1  # 466 characters as written, 259 posted
    post = thread.posts[0]
    posted = thread.rules.posted(post.text)
    assert posted == f"{words} www.naht.org.uk/news/latest-..."  # alone: no number
    assert post.length == graphemes(posted) == len(posted)
    assert link in post.text  # the post's text stays the essay's words: spans point into it
    assert posted == post.text.replace(link, "www.naht.org.uk/news/latest-...")


def test_x_and_mastodon_post_links_as_written() -> None:
    text = "Read it: https://www.naht.org.uk/news/latest-news/pay-award-2026"
    for network in ("x", "mastodon"):
        assert rules_for(network).posted(text) == text


def test_a_link_glued_to_cjk_text_is_no_link_and_weighs_as_written() -> None:
    """A link starts after a space, "(" or nothing: after 見て it is plain text, so
    its token weighs every character (a post that starts with it only comes out
    shorter than the breaker thought, never longer)."""
    link = "https://a.com/" + "b" * 40
    meter = rules_for("bluesky").meters[0]
    glued = token_weights(meter, ["見", link], False, ["", ""])
    spaced = token_weights(meter, ["見", link], False, ["", " "])
    assert glued == [1, len(link)]
    assert spaced == [1, len(to_short_url(link))] == [1, len("a.com/bbbbbbbbbbbb...")]
    thread = split(f"見て{link}。", "bluesky")
    assert [p.length for p in thread.posts] == [graphemes(p.text) for p in thread.posts]


def test_a_glued_link_longer_than_a_post_is_cut_into_pieces_weighed_as_written() -> None:
    """Its first piece follows 見て without a space, the next the piece before it: no
    link starts in either, so neither counts shortened (which would make the breaker
    overfill posts, then shrink every post to make up)."""
    text = "見てhttps://a.com/" + "b" * 400 + "。" + "日本語" * 100
    thread = split(text, "bluesky")
    assert [w.kind for w in thread.warnings] == ["overlong-token"]
    assert len(thread.posts) == 4  # "見て…", the link's first piece, the rest, the CJK end
    for post in thread.posts:
        assert post.length == graphemes(thread.rules.posted(post.text)) <= 300


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(link_essays)
def test_posts_full_of_links_fit_as_the_pds_counts_the_text_posted(
    counter: NetworkCounter, text: str
) -> None:
    thread = split(text, "bluesky")
    for post in thread.posts:
        posted = thread.rules.posted(post.text)
        found = [post.text[link.start : link.end] for link in find_links(post.text)]
        if not any(left_whole(link) or node_keeps_dot_segments(link) for link in found):
            assert posted == counter.count(post.text).bluesky_posted  # the app's own text
        counts = counter.count(posted)
        assert counts.graphemes == post.length <= 300, posted
        assert counts.bytes == utf8_bytes(posted) <= 3000
