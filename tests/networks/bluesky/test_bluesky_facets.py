"""The facets of a post as posted: its links shortened, every facet on its own text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadsmith.networks.bluesky import facets
from threadsmith.threading.bluesky_links import shorten_links
from threadsmith.threading.short_url import to_short_url

_PIECES = st.sampled_from(
    [
        "https://www.naht.org.uk/news/latest-news/pay-award-2026", "https://bsky.app",
        "http://ex.com:8080/a/../b?q=1#top", "https://münchen.de/schule", "naht.org.uk/news",
        "(https://bsky.app/profile/nahtnews.bsky.social)", "https://a.com/(@alice.com",
        "@alice.bsky.social", "@nobody", "#EdChat", "#123", "é", "👩‍🏫", "Teachers", "pay.",
        " ", " ", "\n", "(",
    ]
)  # fmt: skip
posts = st.lists(_PIECES, max_size=40).map("".join)


def _text(data: bytes, facet: facets.Facet) -> str:
    return data[facet.start : facet.end].decode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(posts)
def test_posted_facets_cover_their_own_text_in_the_shortened_post(text: str) -> None:
    posted, found = facets.posted(text)
    assert posted == shorten_links(text)  # the text the engine counted
    before = facets.detect(text)
    data, posted_data = text.encode("utf-8"), posted.encode("utf-8")
    links = [f for f in before if f.kind == "link"]
    assert [(f.kind, f.value) for f in found if f.kind == "link"] == [
        (f.kind, f.value) for f in links
    ]  # every link keeps its whole address
    for old, new in zip(links, (f for f in found if f.kind == "link"), strict=True):
        assert _text(posted_data, new) == to_short_url(_text(data, old))
    kept = [
        f
        for f in before
        if f.kind != "link" and not any(link.start <= f.start < link.end for link in links)
    ]
    others = [f for f in found if f.kind != "link"]
    assert [(f.kind, f.value) for f in kept] == [(f.kind, f.value) for f in others]
    for old, new in zip(kept, others, strict=True):
        if not any(old.start < link.end and link.start < old.end for link in links):
            assert _text(posted_data, new) == _text(data, old)  # moved with its text
        else:  # it holds a link ("#tag(https://…"): now its shortened text
            assert _text(posted_data, new).startswith(_text(data, old)[:1])
            assert shorten_links(_text(data, old)) in _text(posted_data, new)


def test_a_mention_inside_a_link_goes_with_the_links_text() -> None:
    text = "See https://a.com/(@alice.bsky.social/abcdefghijklmnop and @bob.bsky.social"
    posted, found = facets.posted(text)
    assert posted == "See a.com/(@alice.bsky... and @bob.bsky.social"
    assert [(f.kind, f.value) for f in found] == [
        ("mention", "bob.bsky.social"),
        ("link", "https://a.com/(@alice.bsky.social/abcdefghijklmnop"),
    ]
