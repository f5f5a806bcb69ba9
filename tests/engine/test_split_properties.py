"""Invariants of `split`, over random essays (hypothesis).

Nothing lost, nothing duplicated, nothing split that should not be; every post
within its platform's limits, measured on the text that will be published;
posts numbered 1..N.
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings

from support.split import split
from support.text_strategies import essays
from threadsmith.threading.mastodon_count import mastodon_length
from threadsmith.threading.measure import graphemes, utf8_bytes
from threadsmith.threading.xcount import weighted_length

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


def _check(text: str, network: str) -> None:
    thread = split(text, network)
    posts = thread.posts
    assert [post.number for post in posts] == list(range(1, len(posts) + 1))
    for post in posts:
        assert post.text.startswith(post.body) or post.text.split(" ", 1)[1].startswith(post.body)
        if network == "x":
            assert weighted_length(post.text) == post.length <= 280
        elif network == "mastodon":  # counted as the server's validator counts
            assert mastodon_length(post.text) == post.length <= 500
        else:  # counted as posted: each link shortened, as the official app posts it
            posted = thread.rules.posted(post.text)
            assert graphemes(posted) == post.length <= 300
            assert utf8_bytes(posted) <= 3000
    # nothing lost or duplicated: the same characters, in the same order
    assert "".join("".join(post.body.split()) for post in posts) == "".join(text.split())
    # and no word split, unless it is CJK (no spaces) or longer than a post
    if not _CJK.search(text) and not thread.warnings:
        assert [w for post in posts for w in post.body.split()] == text.split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays)
def test_invariants_x(text: str) -> None:
    _check(text, "x")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays)
def test_invariants_bluesky(text: str) -> None:
    _check(text, "bluesky")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(essays)
def test_invariants_mastodon(text: str) -> None:
    _check(text, "mastodon")
