"""X's weighted length, exactly as twitter-text 3.1.0's `parseTweet` (config v3).

The rules: the text is NFC-normalised; every URL twitter-text extracts (with or
without a protocol) weighs 23; every emoji twemoji-parser recognises weighs 2;
any other character weighs 1 if its code point is in the v3 ranges (Latin and
most European scripts, general punctuation) and 2 otherwise. The limit is 280.

The URL and emoji patterns are the official ones (generated into
`_twitter_data.py` from the npm packages; the URLs' TLDs checked by xurls.py).
They are JavaScript patterns, written against UTF-16 code units: they are run
here over the text converted to code units (astral characters as surrogate
pairs), so indices, surrogates and lookarounds behave exactly as in the official
library.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from threadsmith.threading import _twitter_data as data
from threadsmith.threading.xurls import url_spans

SCALE = data.SCALE
URL_WEIGHT = data.TRANSFORMED_URL_LENGTH * SCALE
EMOJI_WEIGHT = data.DEFAULT_WEIGHT
DEFAULT_WEIGHT = data.DEFAULT_WEIGHT
RANGES = data.RANGES

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters outside the config's light ranges (they weigh the default, 2).
_HEAVY = re.compile(
    "[^" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi, w in RANGES if w == SCALE) + "]"
)
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Every TLD starts with a letter, and a URL holds none of the pattern's spaces:
# only a token free of them with a dot then a letter can hold one (the URL
# search runs on those tokens alone).
_SPACES = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE = re.compile("[" + _SPACES + "]")
_UP_TO_LAST_SPACE = re.compile("(?s:.*)[" + _SPACES + "]")  # with an endpos: the token's start
_DOT_LETTER = re.compile(r"\.[^\W\d_]")
_EMOJI_FIRST = re.compile(data.EMOJI_FIRST_UNITS)
_KEYCAP_BASES = frozenset("#*0123456789")


@cache
def _emoji_pattern() -> re.Pattern[str]:
    """twemoji-parser's pattern, compiled on first use (~10 ms): most prose never
    holds a unit an emoji can start with."""
    return re.compile(data.EMOJI)


@lru_cache(maxsize=16384)  # a keystroke changes one or two posts: the rest are cache hits
def weighted_length(text: str) -> int:
    """The weighted length X gives `text` (what must stay ≤ 280)."""
    if text.isascii() and "." not in text:
        return len(text)  # no URL without a dot, no emoji in ASCII (keycaps need U+20E3)
    text = unicodedata.normalize("NFC", text)
    units = _utf16_units(text)
    entities: dict[int, tuple[int, int]] = {}  # start → (end, weight), in code units
    for start, end in reversed(_emoji_spans(units)):
        entities[start] = (end, EMOJI_WEIGHT)
    for start, _end, skip in reversed(_url_spans(units)):
        # parseTweet skips the length of the URL *string* it built, which for a URL
        # without protocol is the ASCII part of the domain plus the path: not always
        # the entity's extent. Faithful to the official library, quirk included.
        entities[start] = (start + skip, URL_WEIGHT)  # a URL wins over an emoji
    if not entities:
        return _plain_weight(text)
    total = 0
    plain_from = 0
    for start in sorted(entities):
        if start < plain_from:
            continue  # inside the entity just counted: parseTweet's loop skips over it
        total += _plain_weight_units(units[plain_from:start])
        end, weight = entities[start]
        total += weight
        plain_from = end
    total += _plain_weight_units(units[plain_from:])
    return total // SCALE


def extract_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL twitter-text extracts from `text`, in code points.

    `text` should already be NFC (as `weighted_length` makes it)."""
    units = _utf16_units(text)
    spans = [(start, end) for start, end, _ in _url_spans(units)]
    if units is text:
        return spans
    to_points = _unit_to_point_map(units)
    return [(to_points[start], to_points[end]) for start, end in spans]


def _plain_weight(text: str) -> int:
    """Weight of text with no URL or emoji (code points; an astral one weighs the default)."""
    heavy = 0 if text.isascii() else len(_HEAVY.findall(text))
    return (len(text) * SCALE + heavy * (DEFAULT_WEIGHT - SCALE)) // SCALE


def _plain_weight_units(units: str) -> int:
    """Scaled weight of a run of code units, as parseTweet's character loop adds it:
    a surrogate pair weighs once, by its low surrogate (the default weight)."""
    if units.isascii():
        return len(units) * SCALE
    heavy = len(_HEAVY.findall(units))
    pairs = len(_SURROGATE_PAIR.findall(units))
    return (len(units) - heavy) * SCALE + (heavy - pairs) * DEFAULT_WEIGHT


def _utf16_units(text: str) -> str:
    """`text` as UTF-16 code units (one str character each; astral → surrogate pair)."""
    if not _ASTRAL.search(text):
        return text
    raw = text.encode("utf-16-le")
    return "".join(chr(raw[i] | raw[i + 1] << 8) for i in range(0, len(raw), 2))


def _unit_to_point_map(units: str) -> list[int]:
    """For each code-unit index (and the end), the code-point index."""
    mapping = []
    point = 0
    for index, unit in enumerate(units):
        mapping.append(point)
        if not (0xD800 <= ord(unit) <= 0xDBFF and index + 1 < len(units)):
            point += 1
    mapping.append(point)
    return mapping


def _emoji_spans(units: str) -> list[tuple[int, int]]:
    """twemoji-parser's matches, left to right, as `finditer` would find them.

    A match can only start at a unit in EMOJI_FIRST_UNITS (derived from the
    pattern itself), or, for a keycap (#, * or a digit, an optional VS16, then
    U+20E3), at the ASCII unit one or two before such a hit: the pattern is
    tried at those positions alone, in order."""
    spans: list[tuple[int, int]] = []
    if units.isascii():
        return spans  # every emoji has a non-ASCII unit
    position = 0
    while (hit := _EMOJI_FIRST.search(units, position)) is not None:
        at = hit.start()
        starts = [s for s in (at - 2, at - 1) if s >= position and units[s] in _KEYCAP_BASES]
        for start in [*starts, at]:
            match = _emoji_pattern().match(units, start)  # compiled at the first candidate
            if match is not None:
                spans.append(match.span())
                position = match.end()
                break
        else:
            position = at + 1
    return spans


def _url_spans(units: str) -> list[tuple[int, int, int]]:
    """twitter-text's extractUrlsWithIndices (extractUrlsWithoutProtocol on):
    (start, end, length of the entity's URL string) per URL, in code units.

    The pattern runs only over candidate tokens, each with the character before
    it (the pattern's "preceding character"): a match never spans a space, so it
    finds exactly what a run over the whole text finds.
    """
    spans: list[tuple[int, int, int]] = []
    if "." not in units:
        return spans
    token_end = 0
    for hit in _DOT_LETTER.finditer(units):
        if hit.start() < token_end:
            continue  # in the token just searched
        before = _UP_TO_LAST_SPACE.match(units, token_end, hit.start())
        token_start = before.end() if before is not None else token_end
        space = _SPACE.search(units, hit.end())
        token_end = space.start() if space else len(units)
        offset = max(token_start - 1, 0)
        spans += [
            (start + offset, end + offset, skip)
            for start, end, skip in url_spans(units[offset:token_end])
        ]
    return spans
