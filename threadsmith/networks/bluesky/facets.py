"""Bluesky rich-text facets, detected as the official client (`RichText.detectFacets`) does.

Links (http(s) URLs, and bare domains with a known TLD, trailing punctuation
trimmed: the engine's `bluesky_links.find_links`, the links it counts),
#hashtags (not all digits, at most 64 characters, trailing punctuation trimmed)
and @mentions (a handle that looks like a domain), each with its start and end
in UTF-8 bytes of the post's text. Mentions still need their DIDs resolved;
`bluesky.py` does that and drops the ones that do not resolve.

`posted` gives the text as the official app posts it, each link shortened
("www.naht.org.uk/news/latest..."), with the facets of that text: a link's
facet keeps the whole address and covers its shortened text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from threadsmith.threading.bluesky_links import find_links, is_valid_domain
from threadsmith.threading.short_url import to_short_url

# JavaScript's \b is ASCII-only; spelled out so that "@alice.testé" behaves the same.
_ASCII_BOUNDARY = r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"
_MENTION = regex.compile(r"(^|\s|\()(@)([a-zA-Z0-9.-]+)" + _ASCII_BOUNDARY)
_TAG = regex.compile(
    r"(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*"
    r"[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+"
    r"[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?"
)
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+$")


@dataclass(frozen=True)
class Facet:
    """One feature of the text: kind is "link", "tag" or "mention"; value is the URI,
    the tag (without #) or the handle (without @); start/end are UTF-8 byte offsets."""

    kind: str
    value: str
    start: int
    end: int


def detect(text: str) -> list[Facet]:
    """All facets of `text`, in the order the official client finds them."""
    to_bytes = _ByteOffsets(text)
    facets: list[Facet] = []
    for match in _MENTION.finditer(text):
        handle = match.group(3)
        if not is_handle(handle):
            continue
        start = match.start(2)
        facets.append(Facet("mention", handle, to_bytes(start), to_bytes(match.end(3))))
    for link in find_links(text):
        facets.append(Facet("link", link.uri, to_bytes(link.start), to_bytes(link.end)))
    for match in _TAG.finditer(text):
        if match.group(2) is None:
            continue
        tag = _TRAILING_PUNCTUATION.sub("", match.group(2).strip())
        if not tag or len(tag.encode("utf-16-le")) // 2 > 64:  # JavaScript string length
            continue
        start = match.start(2) - 1  # the # sign
        facets.append(Facet("tag", tag, to_bytes(start), to_bytes(start + 1 + len(tag))))
    return facets


def posted(text: str) -> tuple[str, list[Facet]]:
    """`text` as the official app posts it, each link's text shortened (its
    `shortenLinks`), and the facets of that text: a link's keeps its whole address.
    A facet that starts inside a link's text (a "(@handle" in its path) goes with
    that text; one that holds a link ("#tag(https://…") holds its shortened text."""
    found = detect(text)
    data = text.encode("utf-8")
    out = bytearray()
    moved: dict[int, tuple[int, int]] = {}  # a link's old start -> its new start and end
    spans: list[tuple[int, int, int]] = []  # (old start, old end, bytes gained) per link
    done = 0
    for link in sorted((f for f in found if f.kind == "link"), key=lambda f: f.start):
        short = to_short_url(data[link.start : link.end].decode("utf-8")).encode("utf-8")
        out += data[done : link.start]
        moved[link.start] = (len(out), len(out) + len(short))
        spans.append((link.start, link.end, len(short) - (link.end - link.start)))
        out += short
        done = link.end
    out += data[done:]

    def moved_to(offset: int) -> int:
        """Where a byte offset of `text` is in the posted text (inside a link: its end)."""
        for start, end, _ in spans:
            if start < offset < end:
                return moved[start][1]
        return offset + sum(gained for _, end, gained in spans if end <= offset)

    facets = []
    for facet in found:
        if facet.kind == "link":
            facets.append(Facet("link", facet.value, *moved[facet.start]))
        elif not any(start <= facet.start < end for start, end, _ in spans):
            facets.append(
                Facet(facet.kind, facet.value, moved_to(facet.start), moved_to(facet.end))
            )
    return out.decode("utf-8"), facets


def is_handle(name: str) -> bool:
    """Whether the official client makes `@name` a mention (when it resolves)."""
    return is_valid_domain(name) or name.endswith(".test")


class _ByteOffsets:
    """Character offset → UTF-8 byte offset, in O(1) for ASCII text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()

    def __call__(self, index: int) -> int:
        return index if self.ascii else len(self.text[:index].encode("utf-8"))
