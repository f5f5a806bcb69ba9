"""Lengths as each platform counts them, for whole posts and for single tokens.

A platform is a set of meters that must all stay within their limits: X has one
(twitter-text v3 weighted length); Bluesky has two (grapheme clusters, and
UTF-8 bytes, which stay at 3,000 whatever `--limit` says).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from threadsmith.threading.models import Platform
from threadsmith.threading.xcount import weighted_length

_GRAPHEME = regex.compile(r"\X")
# Characters that can join a cluster with a neighbour. Text without any of them
# has one grapheme per code point, so its length is len() (the common case).
_CLUSTERING = regex.compile(
    r"[\r\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}\p{Grapheme_Cluster_Break=Prepend}"
    r"\p{Grapheme_Cluster_Break=Regional_Indicator}\p{Grapheme_Cluster_Break=L}"
    r"\p{Grapheme_Cluster_Break=V}\p{Grapheme_Cluster_Break=T}"
    r"\p{Grapheme_Cluster_Break=LV}\p{Grapheme_Cluster_Break=LVT}]"
)

X_LIMIT = 280
BLUESKY_LIMIT = 300
BLUESKY_BYTES = 3000


@lru_cache(maxsize=16384)  # whole posts repeat from one keystroke to the next
def _non_ascii_graphemes(text: str) -> int:
    return len(text) if not _CLUSTERING.search(text) else len(_GRAPHEME.findall(text))


def graphemes(text: str) -> int:
    """Extended grapheme clusters (UAX #29), as Bluesky counts a post's length."""
    if text.isascii():
        return len(text) if "\r" not in text else len(_GRAPHEME.findall(text))
    return _non_ascii_graphemes(text)


def utf8_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _x_token(token: str) -> int:
    # Most words are plain ASCII with no dot or colon: they cannot hold a URL or
    # an emoji, so their weight is their length.
    if token.isascii() and "." not in token and ":" not in token:
        return len(token)
    return weighted_length(token)


@dataclass(frozen=True, slots=True)
class Meter:
    """One way a platform measures text, with the limit it enforces."""

    name: str
    limit: int
    measure: Callable[[str], int]
    measure_token: Callable[[str], int]

    def weights(self, tokens: Sequence[str], ascii_only: bool) -> list[int]:
        """The weight of each token; `ascii_only` lets plain text skip the slow path."""
        if ascii_only and self.measure is not weighted_length:
            return [len(token) for token in tokens]
        return [self.measure_token(token) for token in tokens]


# Token weights do not depend on the limit: by name, for cache keys that hash fast.
METERS_BY_NAME = {
    "weighted length": Meter("weighted length", X_LIMIT, weighted_length, _x_token),
    "graphemes": Meter("graphemes", BLUESKY_LIMIT, graphemes, graphemes),
    "UTF-8 bytes": Meter("UTF-8 bytes", BLUESKY_BYTES, utf8_bytes, utf8_bytes),
}


PRIMARY_OF = {"UTF-8 bytes": "graphemes"}  # a secondary meter → its platform's primary


def meters(platform: Platform, limit: int | None = None) -> tuple[Meter, ...]:
    """The meters of `platform`, the first being the one `Post.length` reports."""
    if platform is Platform.X:
        return (Meter("weighted length", limit or X_LIMIT, weighted_length, _x_token),)
    return (
        Meter("graphemes", limit or BLUESKY_LIMIT, graphemes, graphemes),
        Meter("UTF-8 bytes", BLUESKY_BYTES, utf8_bytes, utf8_bytes),
    )


def default_limit(platform: Platform) -> int:
    return X_LIMIT if platform is Platform.X else BLUESKY_LIMIT
