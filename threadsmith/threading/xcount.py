"""X's weighted length, exactly as twitter-text 3.1.0's `parseTweet` (config v3).

The rules: the text is NFC-normalised; every URL twitter-text extracts (with or
without a protocol) weighs 23; every emoji twemoji-parser recognises weighs 2;
any other character weighs 1 if its code point is in the v3 ranges (Latin and
most European scripts, general punctuation) and 2 otherwise. The limit is 280.

The URL and emoji patterns are the official ones (generated into
`_twitter_data.py` from the npm packages). They are JavaScript patterns, written
against UTF-16 code units: they are run here over the text converted to code
units (astral characters as surrogate pairs), so indices, surrogates and
lookarounds behave exactly as in the official library.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from threadsmith.threading import _twitter_data as data

SCALE = data.SCALE
URL_WEIGHT = data.TRANSFORMED_URL_LENGTH * SCALE
EMOJI_WEIGHT = data.DEFAULT_WEIGHT
DEFAULT_WEIGHT = data.DEFAULT_WEIGHT
RANGES = data.RANGES
MAX_URL_LENGTH = 4096  # twitter-text's limit on an extracted URL, protocol included
MAX_TCO_SLUG_LENGTH = 40
MAX_LABEL_LENGTH = 63

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters outside the config's light ranges (they weigh the default, 2).
_HEAVY = re.compile(
    "[^" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi, w in RANGES if w == SCALE) + "]"
)
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Every TLD starts with a letter, and a URL holds none of the pattern's spaces:
# only a token free of them with a dot then a letter can hold one (the URL
# pattern is slow, so it runs on those tokens alone).
_SPACES = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE = re.compile("[" + _SPACES + "]")
_DOT_LETTER = re.compile(r"\.[^\W\d_]")
_EMOJI_FIRST = re.compile(data.EMOJI_FIRST_UNITS)
_KEYCAP_BASES = frozenset("#*0123456789")
_LABEL_SEPARATORS = re.compile("[\x2e\u3002\uff0e\uff61]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """Compile an official pattern on first use: they are large, and `thread split`
    on plain ASCII words without a dot never needs them."""
    source = str(getattr(data, name))
    flags = re.IGNORECASE if getattr(data, f"{name}_IGNORECASE") is True else 0
    return re.compile(source, flags)


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
    index = 0
    plain_from = 0
    length = len(units)
    while index < length:
        entity = entities.get(index)
        if entity is None:
            index += 1
            continue
        total += _plain_weight_units(units[plain_from:index])
        end, weight = entity
        total += weight
        index = plain_from = end
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
    emoji = _pattern("EMOJI")
    position = 0
    while (hit := _EMOJI_FIRST.search(units, position)) is not None:
        at = hit.start()
        starts = [s for s in (at - 2, at - 1) if s >= position and units[s] in _KEYCAP_BASES]
        for start in [*starts, at]:
            match = emoji.match(units, start)
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
        token_start = max(units.rfind(space, 0, hit.start()) for space in _SPACES) + 1
        space = _SPACE.search(units, hit.end())
        token_end = space.start() if space else len(units)
        offset = max(token_start - 1, 0)
        spans += [
            (start + offset, end + offset, skip)
            for start, end, skip in _url_spans_in(units[offset:token_end])
        ]
    return spans


def _url_spans_in(units: str) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int, int]] = []
    for match in _pattern("EXTRACT_URL").finditer(units):
        before, url, protocol, domain, path = (match.group(n) or "" for n in (2, 3, 4, 5, 7))
        end = match.end()
        start = end - len(url)
        if not _is_valid_url(url, protocol or "https://", domain):
            continue
        if not protocol:
            if _pattern("INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS").search(before):
                continue
            found = False
            ascii_end = 0
            for ascii_domain in _pattern("VALID_ASCII_DOMAIN").finditer(domain):
                name = ascii_domain.group()
                ascii_start = domain.find(name, ascii_end)
                ascii_end = ascii_start + len(name)
                spans.append((start + ascii_start, start + ascii_end, len(name)))
                found = True
            if not found:
                continue
            if path:  # the last domain takes the path: url.replace(domain, that domain)
                last_start, _, name_length = spans[-1]
                spans[-1] = (last_start, end, name_length + len(url) - len(domain))
        else:
            tco = _pattern("VALID_TCO_URL").search(url)
            if tco is not None:
                if tco.group(1) and len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                end = start + len(tco.group())
            spans.append((start, end, end - start))
    return spans


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    encoded = _to_ascii(domain)
    if not encoded:
        return False
    return len(protocol) + len(url) + len(encoded) - len(domain) <= MAX_URL_LENGTH


def _to_ascii(domain: str) -> str | None:
    """twitter-text's lightweight IDNA check: every label punycode-encodes to 1–63."""
    if domain[:4] == "xn--" and not _pattern("VALID_ASCII_DOMAIN").search(domain):
        return None
    for label in domain.split("."):
        parts = [
            "xn--" + _punycode(part) if _NON_ASCII.search(part) else part
            for part in _LABEL_SEPARATORS.split(label)
        ]
        encoded = ".".join(parts)
        if not 1 <= len(encoded) <= MAX_LABEL_LENGTH:
            return None
    return domain


def _punycode(label: str) -> str:
    points = "".join(chr(u) for u in _units_to_points(label))
    return points.encode("punycode").decode("ascii")


def _units_to_points(units: str) -> list[int]:
    """Decode UTF-16 code units (as str characters) back to code points."""
    out = []
    index = 0
    while index < len(units):
        code = ord(units[index])
        if 0xD800 <= code <= 0xDBFF and index + 1 < len(units):
            low = ord(units[index + 1])
            if 0xDC00 <= low <= 0xDFFF:
                out.append(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                index += 2
                continue
        out.append(code)
        index += 1
    return out
