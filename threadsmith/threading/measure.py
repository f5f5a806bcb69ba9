"""Lengths as each network counts them, for whole posts and for single tokens.

A network's `PostRules` are a set of meters that must all stay within their
limits: X has one (twitter-text v3 weighted length); Bluesky has two (grapheme
clusters, and UTF-8 bytes, which stay at 3,000 whatever `--limit` says).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

from threadsmith.threading.bluesky_links import SCHEME_MARK, shorten_links
from threadsmith.threading.models import Meter, PostRules
from threadsmith.threading.xcount import weighted_length

if TYPE_CHECKING:
    import regex

X_LIMIT = 280
BLUESKY_LIMIT = 300
BLUESKY_BYTES = 3000


@cache
def unicode_pattern(pattern: str) -> regex.Pattern[str]:
    """`pattern` compiled by the `regex` module (Unicode properties, `\\X` clusters) at
    its first use: X's `thread split` never imports `regex` (~20 ms)."""
    import regex

    return regex.compile(pattern)


CLUSTER = r"\X"
# Characters that can join a cluster with a neighbour. Text without any of them has one
# grapheme per code point, so its length is len() (the common case).
CLUSTERING = (
    r"[\r\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}\p{Grapheme_Cluster_Break=Prepend}"
    r"\p{Grapheme_Cluster_Break=Regional_Indicator}\p{Grapheme_Cluster_Break=L}"
    r"\p{Grapheme_Cluster_Break=V}\p{Grapheme_Cluster_Break=T}"
    r"\p{Grapheme_Cluster_Break=LV}\p{Grapheme_Cluster_Break=LVT}]"
)
# What joins a cluster to the character before it.
JOINING = (
    r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}]"
)


@lru_cache(maxsize=16384)  # whole posts repeat from one keystroke to the next
def _non_ascii_graphemes(text: str) -> int:
    if not unicode_pattern(CLUSTERING).search(text):
        return len(text)
    count = len(unicode_pattern(CLUSTER).findall(text))
    # `regex` may know a joining character this Python's Unicode data (and perhaps the
    # server's) does not: counted as a cluster of its own, a post is never too long.
    joining = unicode_pattern(JOINING).findall(text)
    return count + sum(unicodedata.category(found) == "Cn" for found in joining)


def graphemes(text: str) -> int:
    """Extended grapheme clusters (UAX #29), as Bluesky counts a post's length."""
    if text.isascii():
        return len(text) if "\r" not in text else len(unicode_pattern(CLUSTER).findall(text))
    return _non_ascii_graphemes(text)


def utf8_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _x_token(token: str) -> int:
    # Most words are plain ASCII with no dot or colon: they cannot hold a URL or
    # an emoji, so their weight is their length.
    if token.isascii() and "." not in token and ":" not in token:
        return len(token)
    return weighted_length(token)


X_METER = Meter("weighted length", X_LIMIT, weighted_length, _x_token)


def _shortened(text: str) -> str:
    """`text` with its links as the official Bluesky app posts them."""
    if SCHEME_MARK not in text:
        return text  # no link with a scheme (most text): nothing to look for
    return shorten_links(text)


def _bluesky_graphemes(text: str) -> int:
    return graphemes(_shortened(text))


def _bluesky_bytes(text: str) -> int:
    return utf8_bytes(_shortened(text))


# Bluesky counts the record's text, in which the official app (and so threadsmith)
# shows each link shortened: the meters count the text as posted.
GRAPHEMES = Meter(
    "graphemes", BLUESKY_LIMIT, _bluesky_graphemes, _bluesky_graphemes,
    ascii_is_length=True, shortens_links=True,
)  # fmt: skip
BYTES = Meter(
    "UTF-8 bytes", BLUESKY_BYTES, _bluesky_bytes, _bluesky_bytes,
    ascii_is_length=True, shortens_links=True,
)  # fmt: skip


# twitter-text refuses a post with any of these; each is replaced by a character of
# the same meaning and weight (a zero-width no-break space, the replacement character).
X_SUBSTITUTES = (("\ufeff", "\u2060"), ("\ufffe", "\ufffd"), ("\uffff", "\ufffd"))


def x_rules(limit: int | None = None) -> PostRules:
    """X: twitter-text v3 weighted length, 280 unless `limit` (X Premium) says otherwise."""
    return PostRules("x", (X_METER,), substitutes=X_SUBSTITUTES).with_limit(limit)


def bluesky_rules(limit: int | None = None) -> PostRules:
    """Bluesky: 300 grapheme clusters (or `limit`) and, whatever the limit, 3,000 bytes."""
    return PostRules("bluesky", (GRAPHEMES, BYTES)).with_limit(limit)


MASTODON_LIMIT = 500  # an instance's own limit, when no account says otherwise
MASTODON_URL_LENGTH = 23


def mastodon_rules(limit: int | None = None, url_length: int = MASTODON_URL_LENGTH) -> PostRules:
    """Mastodon, as its server's validator counts: grapheme clusters, every link
    `url_length` whatever its length, `@user@domain` as `@user`; the instance's limit."""
    return PostRules("mastodon", (_mastodon_meter(url_length),)).with_limit(limit)


@lru_cache(maxsize=16)  # one meter per links' length: the same object keys the caches
def _mastodon_meter(url_length: int) -> Meter:
    from threadsmith.threading.mastodon_count import mastodon_length, mastodon_token_length

    return Meter(
        f"characters (links {url_length})",
        MASTODON_LIMIT,
        partial(mastodon_length, url_length=url_length),
        partial(mastodon_token_length, url_length=url_length),
    )


def mastodon_warning_length(spoiler_text: str) -> int:
    """The room a Mastodon content warning takes in every post."""
    from threadsmith.threading.mastodon_count import warning_length

    return warning_length(spoiler_text)


def token_weights(
    meter: Meter, tokens: Sequence[str], ascii_only: bool, joins: Sequence[str] = ()
) -> list[int]:
    """The weight of each token; `ascii_only` lets plain text skip the slow path.
    `joins`, the text before each token (as `segment` gives them), says which tokens
    are glued to the one before (CJK text): a meter that shortens links weighs them
    apart."""
    if meter.shortens_links and any(SCHEME_MARK in token for token in tokens):
        return _weights_with_links(meter, tokens, ascii_only, joins)
    if ascii_only and meter.ascii_is_length:
        return [len(token) for token in tokens]
    return [meter.measure_token(token) for token in tokens]


# A link starts after a space, a "(" or the start of the text: a token glued to a
# word before it has none where it starts. Weighed after this character, which
# counts apart from any neighbour (a cluster of its own, one byte) and is no space.
_GLUE = "\x00"


def glued_weight(meter: Meter, token: str) -> int:
    """The weight of `token` where it follows a word with no space between (CJK text,
    the second piece of a cut token): a link cannot start there, so a meter that
    shortens links counts one there as written."""
    if not meter.shortens_links or SCHEME_MARK not in token:
        return meter.measure_token(token)
    return meter.measure_token(_GLUE + token) - meter.measure_token(_GLUE)


def _weights_with_links(
    meter: Meter, tokens: Sequence[str], ascii_only: bool, joins: Sequence[str]
) -> list[int]:
    weights = []
    for index, token in enumerate(tokens):
        if SCHEME_MARK not in token:
            plain = ascii_only and meter.ascii_is_length
            weights.append(len(token) if plain else meter.measure_token(token))
        elif index and index < len(joins) and not joins[index]:
            weights.append(glued_weight(meter, token))
        else:
            weights.append(meter.measure_token(token))
    return weights
