"""How Threads counts a post, offline: 500 characters with emoji counted as their
UTF-8 bytes, and at most 5 distinct links.

Meta says only "emojis are counted as the number of their UTF-8 bytes". The rule
here, stated once and kept in the README: every grapheme cluster (UAX #29) holding an
Extended_Pictographic or Regional_Indicator code point counts its UTF-8 byte length
(❤️ 6, a flag 8, 👍🏽 8, a family of four 25); every other code point counts 1. Where
Meta's own count differs, it is by counting a cluster's bytes where a code point
count would be less: a post is never longer than the limit as Meta counts.

Links are counted by a second meter: a post takes 5 distinct links (Meta refuses a
sixth with THREADS_API__LINK_LIMIT_EXCEEDED). A bare domain with a path
(`www.naht.org.uk/1`) counts, as Threads makes a link of it. The engine wants room
for at least a few units in every meter and tracks a second meter while its limit is
below the first's, so each link weighs `LINK_WEIGHT` and the limit is 5 of those.
"""

from __future__ import annotations

from functools import lru_cache

from threadsmith.threading.measure import CLUSTER, unicode_pattern
from threadsmith.threading.models import Meter, PostRules

LIMIT = 500
MAX_LINKS = 5
LINK_WEIGHT = 99  # 5 x 99 < 500: the engine tracks the links meter in every split


EMOJI = r"[\p{Extended_Pictographic}\p{Regional_Indicator}]"
# a scheme, or a name of two or more labels ending in a letters-only top level domain,
# then a path: "https://x.org/a", "www.naht.org.uk/1", "gov.uk"
LINK = (
    r"(?i)(?<![\w@.])(?:[a-z][a-z0-9+.-]*://\S+|"
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])(?::\d+)?(?:/\S*)?)"
)


@lru_cache(maxsize=16384)  # whole posts repeat from one keystroke to the next
def _non_ascii_length(text: str) -> int:
    emoji = unicode_pattern(EMOJI)
    if not emoji.search(text):
        return len(text)  # code points
    return sum(
        len(cluster.encode("utf-8", "surrogatepass")) if emoji.search(cluster) else len(cluster)
        for cluster in unicode_pattern(CLUSTER).findall(text)
    )


def threads_length(text: str) -> int:
    """`text`'s length as Threads counts it (see the module docstring)."""
    return len(text) if text.isascii() else _non_ascii_length(text)


def _links(text: str) -> list[str]:
    if "." not in text and ":" not in text:
        return []
    found = unicode_pattern(LINK).findall(text)
    return [link.rstrip(".,;:!?)]}'\"").lower() for link in found]


def distinct_links(text: str) -> int:
    """How many different links `text` holds."""
    return len(set(_links(text)))


def _links_weight(text: str) -> int:
    return LINK_WEIGHT * distinct_links(text)


def _token_links_weight(token: str) -> int:
    # every link of a token: never less than its share of a post's distinct links
    return LINK_WEIGHT * len(_links(token))


LENGTH = Meter(
    "characters (emoji as their UTF-8 bytes)", LIMIT, threads_length, threads_length,
    ascii_is_length=True,
)  # fmt: skip
LINKS = Meter(
    f"link units ({LINK_WEIGHT} a link)", LINK_WEIGHT * MAX_LINKS, _links_weight,
    _token_links_weight,
)  # fmt: skip


def threads_rules(limit: int | None = None) -> PostRules:
    """Threads: 500 (or `limit`) as counted above, and at most 5 distinct links."""
    return PostRules("threads", (LENGTH, LINKS), max_images=1).with_limit(limit)
