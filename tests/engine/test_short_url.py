"""Links as the official Bluesky app shows them (its `toShortUrl`): its own test cases
(social-app __tests__/lib/string.test.ts), the URL parser's corners, and any link
compared with the app's rule run on Node's WHATWG URL parser (tests/node/count.js),
where the official library's link detection gives the post's text as posted.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings

from support.link_strategies import link_essays, links, node_keeps_dot_segments
from support.network_counts import NetworkCounter
from threadsmith.threading.bluesky_links import find_links, shorten_links
from threadsmith.threading.short_url import left_whole, to_short_url

# (input, as the official app shows it): its own test cases
APP_CASES = [
    ("https://bsky.app", "bsky.app"),
    ("https://bsky.app/3jk7x4irgv52r", "bsky.app/3jk7x4irgv52r"),
    ("https://bsky.app/3jk7x4irgv52r2313y182h9", "bsky.app/3jk7x4irgv52..."),
    ("https://very-long-domain-name.com/foo", "very-long-domain-name.com/foo"),
    (
        "https://very-long-domain-name.com/foo?bar=baz#andsomemore",
        "very-long-domain-name.com/foo?bar=baz#...",
    ),
]
# (id, input, as Node's parser and the app's rule give it): the parser's corners
TRICKY = [
    ("campaign link", "https://www.naht.org.uk/news/latest-news/pay-award-2026",
     "www.naht.org.uk/news/latest-..."),
    ("root slash dropped", "https://bsky.app/", "bsky.app"),
    ("scheme and host lower-cased", "HTTPS://Ex.com:443/a/../b?q=1#frag", "ex.com/b?q=1#frag"),
    ("default port dropped", "http://ex.com:80", "ex.com"),
    ("other port kept", "http://ex.com:08080/x", "ex.com:8080/x"),
    ("credentials dropped", "https://user:pw@ex.com/p", "ex.com/p"),
    ("slashes and backslashes", "https:///\\ex.com\\b\\c", "ex.com/b/c"),
    ("dot segments", "https://a.com/./x/%2e%2E/y/..", "a.com"),
    ("path encoding", "https://a.com/^`{}|", "a.com/^%60%7B%7D|"),
    ("query encoding", "https://a.com/?'\"<>`", "a.com?%27%22%3C%3E`"),
    ("fragment encoding", "https://a.com/#'\"<>`", "a.com#'%22%3C%3E%60"),
    ("non-ASCII path", "https://a.com/é?é#é", "a.com/%C3%A9?%C3%A..."),
    ("emoji path cut", "https://a.com/😷😷", "a.com/%F0%9F%98%B7..."),
    ("empty query and fragment", "https://a.com/?#", "a.com"),
    ("IPv4 in hex", "https://0x7f.1/", "127.0.0.1"),
    ("IPv4 in octal", "https://0177.1/x", "127.0.0.1/x"),
    ("percent-encoded host", "https://a%2Eb.com/", "a.b.com"),
    ("control character trimmed", "https://a.com/x\x01", "a.com/x"),
    ("IPv4 out of range", "https://256.0.0.1/", "https://256.0.0.1/"),
    ("five numbers", "https://1.2.3.4.5/", "https://1.2.3.4.5/"),
    ("forbidden host character", "https://a%40b.com/", "https://a%40b.com/"),
    ("port too large", "https://a.com:65536/", "https://a.com:65536/"),
    ("no host", "https://a@/x", "https://a@/x"),
    ("not http", "ftp://example.com/file", "ftp://example.com/file"),
    ("no scheme", "example.com/abcdefghijklmnopqrstuv", "example.com/abcdefghijklmnopqrstuv"),
    ("not a URL", "not a url", "not a url"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "shown"), APP_CASES)
def test_links_are_shown_as_the_official_apps_tests_say(url: str, shown: str) -> None:
    assert to_short_url(url) == shown


@pytest.mark.parametrize(("url", "shown"), [c[1:] for c in TRICKY], ids=[c[0] for c in TRICKY])
def test_links_are_parsed_as_the_url_standard_says(url: str, shown: str) -> None:
    assert to_short_url(url) == shown


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://münchen.de/schulen/finanzierung", "xn--mnchen-3ya.de/schulen/fina..."),
        ("https://XN--MNCHEN-3YA.de/", "xn--mnchen-3ya.de"),
        ("https://пример.рф/", "xn--e1afmkfd.xn--p1ai"),
        ("https://Bücher.DE/a", "xn--bcher-kva.de/a"),
        ("https://ｅｘａｍｐｌｅ．ｃｏｍ/", "example.com"),
        ("https://%C3%BC.de/", "xn--tda.de"),
    ],
)
def test_international_domain_names_are_shown_in_punycode(url: str, shown: str) -> None:
    assert to_short_url(url) == shown
    assert not left_whole(url)


@pytest.mark.parametrize("url", ["https://☃.net/abcdefghijklmnopq", "http://[::1]/"])
def test_ipv6_and_hosts_idna_refuses_are_posted_whole(url: str) -> None:
    """The app shows "xn--n3h.net/abcdefghijkl...": IDNA 2008 refuses a snowman."""
    assert left_whole(url)
    assert to_short_url(url) == url
    assert not left_whole("https://www.naht.org.uk/news/latest-news/pay-award-2026")


def test_a_posts_links_are_shortened_where_the_official_library_finds_them() -> None:
    text = (
        "Read it: https://www.naht.org.uk/news/latest-news/pay-award-2026. Also "
        "(https://bsky.app/profile/nahtnews.bsky.social) and naht.org.uk/news/latest-news "
        "but not HTTPS://NAHT.ORG.UK/NEWS/LATEST-NEWS nor 見てhttps://a.com/abcdefghijklmnopq"
    )
    assert shorten_links(text) == (
        "Read it: www.naht.org.uk/news/latest-.... Also (bsky.app/profile/naht...) and "
        "naht.org.uk/news/latest-news but not HTTPS://NAHT.ORG.UK/NEWS/LATEST-NEWS nor "
        "見てhttps://a.com/abcdefghijklmnopq"
    )
    # the facets keep the whole address; a bare domain's gets https://
    assert [link.uri for link in find_links(text)] == [
        "https://www.naht.org.uk/news/latest-news/pay-award-2026",
        "https://bsky.app/profile/nahtnews.bsky.social",
        "https://naht.org.uk/news/latest-news",
    ]


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(links)
@example("https://www.naht.org.uk/news/latest-news/pay-award-2026")
def test_every_link_is_shortened_as_the_app_does_on_nodes_url_parser(
    counter: NetworkCounter, url: str
) -> None:
    expected = counter.count(url).short_url
    if left_whole(url):  # an IPv6 host, or an IDN that idna refuses: posted as written
        assert to_short_url(url) == url
    elif not node_keeps_dot_segments(url):
        assert to_short_url(url) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(link_essays)
def test_a_posts_links_are_shortened_as_the_app_shortens_them(
    counter: NetworkCounter, text: str
) -> None:
    found = [text[link.start : link.end] for link in find_links(text)]
    if any(left_whole(link) or node_keeps_dot_segments(link) for link in found):
        return  # an IPv6 host, an IDN that idna refuses (posted whole), Node's misreading
    assert shorten_links(text) == counter.count(text).bluesky_posted
