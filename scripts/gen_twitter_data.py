"""Generate threadsmith/threading/_twitter_data.py from the official npm packages.

twitter-text 3.1.0 (URL extraction) and twemoji-parser (emoji, the version
twitter-text uses) are read by Node from tests/node/node_modules, so every
pattern comes from the official library. Their JavaScript syntax is translated
for Python's `re`, which runs them over the text as UTF-16 code units (see
xcount.py), as JavaScript does.

The URL pattern is taken apart where it lists every top-level domain (a huge
alternation, ~45 ms to compile): the TLDs become word sets, checked in Python by
threading/xurls.py, and only the small parts around them stay patterns. The
script checks that the parts put back together are the official pattern, and
that what the sets lose (the lists' order) never decides a match.

    npm ci --prefix tests/node && python scripts/gen_twitter_data.py [OUT]
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

from twitter_text_node import DUMP, PARTS, UNITS_MATCHED, node  # this folder's

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "threadsmith" / "threading" / "_twitter_data.py"

ALL_UNITS = "".join(map(chr, range(0x10000)))
_GROUP_OPENERS = ("(?:", "(?=", "(?!")
_QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")


def _escape_length(source: str, index: int) -> int:
    kind = source[index + 1]
    if kind == "u":
        return 6
    if kind == "x":
        return 4
    if kind.isalnum():  # \d \s \w \b \1 …: JavaScript's and Python's meanings differ
        raise ValueError(f"escape \\{kind} would need translating; update the generator")
    return 2


def tokens(source: str) -> list[tuple[bool, str]]:
    """A JavaScript (non-Unicode mode) regex source as (is an atom, text) pieces.

    An atom matches one code unit: a class, an escape or a literal character.
    The rest is syntax: groups, alternation, quantifiers, anchors."""
    out: list[tuple[bool, str]] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            length = _escape_length(source, index)
            out.append((True, source[index : index + length]))
            index += length
        elif char == "[":
            end = index + 1 + (source[index + 1] == "^")
            if source[end] == "]":
                raise ValueError("an empty class would need translating")
            while source[end] != "]":
                end += _escape_length(source, end) if source[end] == "\\" else 1
            out.append((True, source[index : end + 1]))
            index = end + 1
        elif char == "(":
            opener = source[index : index + 3]
            if opener.startswith("(?") and opener not in _GROUP_OPENERS:
                raise ValueError(f"group {opener} would need translating")
            out.append((False, opener if opener in _GROUP_OPENERS else "("))
            index += len(out[-1][1])
        elif char == "{":
            quantifier = _QUANTIFIER.match(source, index)
            if quantifier is None:
                raise ValueError("a literal '{' would need translating")
            out.append((False, quantifier.group()))
            index = quantifier.end()
        elif char == ".":
            raise ValueError("an unescaped '.' would need translating")
        else:
            out.append((char not in ")|*+?^$", char))
            index += 1
    return out


def char_class(units: list[int]) -> str:
    """A Python class matching exactly these code units (negated when shorter)."""
    chosen = set(units)
    negate = len(chosen) > 0x8000
    if negate:
        chosen = set(range(0x10000)) - chosen
    parts = []
    for start, end in _ranges(sorted(chosen)):
        parts.append(f"\\u{start:04x}" + (f"-\\u{end:04x}" if end > start else ""))
    return "[" + "^" * negate + "".join(parts) + "]"


def _ranges(units: list[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for unit in units:
        if ranges and ranges[-1][1] == unit - 1:
            ranges[-1][1] = unit
        else:
            ranges.append([unit, unit])
    return [(start, end) for start, end in ranges]


class Translator:
    """JavaScript patterns → Python `re` patterns with no flags, atom by atom.

    Each atom is kept as written when Python (no flags) matches the very code
    units JavaScript does (with the pattern's flags), and otherwise spelt out as
    the class of those units. That settles, among others, case-insensitive
    matching: JavaScript's "i" (non-Unicode) compares upper-cased code units,
    not Python's case folding ("ſ" is not "s", "ı" is not "i", "K" is not "k")."""

    def __init__(self) -> None:
        self.js_units: dict[tuple[str, str], list[int]] = {}

    def units(self, pieces: list[tuple[str, str]]) -> None:
        """Ask Node once which units each atom of these (source, flags) matches."""
        wanted = sorted(
            {
                (text, flags)
                for source, flags in pieces
                for is_atom, text in tokens(source)
                if is_atom
            }
            - self.js_units.keys()
        )
        answers = node(UNITS_MATCHED, json.dumps(wanted))
        for key, ranges in zip(wanted, answers, strict=True):
            self.js_units[key] = [u for start, end in ranges for u in range(start, end + 1)]

    def python(self, source: str, flags: str) -> str:
        out = []
        for is_atom, text in tokens(source):
            if not is_atom:
                out.append(r"\Z" if text == "$" else text)  # JS `$` never matches before a \n
                continue
            js = self.js_units[(text, flags)]
            python = [ord(c) for c in re.findall(text, ALL_UNITS)]
            out.append(text if python == js else char_class(js))
        pattern = "".join(out)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(pattern)  # fail here, not at run time
        return pattern


def tld_words(source: str) -> tuple[list[str], str]:
    """A TLD list pattern `(?:(?:w1|w2|…)(?=END))` → its words and END."""
    shape = re.fullmatch(r"\(\?:\(\?:([^()\\\[\]{}*+?.^$]+)\)\(\?=(.+)\)\)", source)
    if shape is None:
        raise ValueError("the TLD list changed shape; update the generator")
    return shape.group(1).split("|"), shape.group(2)


def emoji_first_units(pattern: re.Pattern[str]) -> str:
    """A regex class of every code unit an emoji match can start with.

    Found by brute force over the BMP: a match starting with unit c must match one
    of c, c+VS16, c+keycap, c+VS16+keycap (the pattern's only multi-unit BMP
    starts); every surrogate is included wholesale. The ASCII starts (#, * and
    digits) only begin keycaps, which always contain U+20E3: that unit stands in
    for them, so digits alone do not trigger the pattern. Lets the counter skip
    the emoji pattern on text that holds none of these units (most prose).
    """
    firsts = set()
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if any(pattern.match(char + tail) for tail in ("", "\ufe0f", "\u20e3", "\ufe0f\u20e3")):
            firsts.add(0x20E3 if code < 0x80 else code)
    parts = [
        f"\\u{lo:04x}" + (f"-\\u{hi:04x}" if hi > lo else "") for lo, hi in _ranges(sorted(firsts))
    ]
    return "[" + "".join(parts) + "\\ud800-\\udfff]"


def check_composition(src: dict[str, str]) -> None:
    """The official patterns are exactly the parts this file emits, put together."""
    tlds = f"(?:{src['validGTLD']}|{src['validCCTLD']}|{src['validPunycode']})"
    expected = {
        "extractUrl": f"(({src['validUrlPrecedingChars']})((https?:\\/\\/)?({src['validDomain']})"
        f"(?::({src['validPortNumber']}))?(\\/{src['validUrlPath']}*)?"
        f"(\\?{src['validUrlQueryChars']}*{src['validUrlQueryEndingChars']})?))",
        "validDomain": f"(?:{src['validSubdomain']}*{src['validDomainName']}{tlds})",
        "validAsciiDomain": f"(?:(?:[\\-a-z0-9{src['latinAccentChars']}]+)\\.)+{tlds}",
        # a label runs to the first dot: each repetition has one way to match
        "validSubdomain": f"(?:(?:{src['validDomainChars']}(?:[_-]|{src['validDomainChars']})*)?"
        f"{src['validDomainChars']}\\.)",
        "validDomainName": f"(?:(?:{src['validDomainChars']}(?:-|{src['validDomainChars']})*)?"
        f"{src['validDomainChars']}\\.)",
    }
    for name, source in expected.items():
        if src[name] != source:
            raise ValueError(f"twitter-text's {name} changed shape; update the generator")
    if not src["validUrlPrecedingChars"].endswith("|^)"):
        raise ValueError("validUrlPrecedingChars changed shape; update the generator")


AFTER_DOMAIN_STARTS = ":/?"


def check_shortcuts(translator: Translator, patterns: dict[str, tuple[str, str]]) -> None:
    """What xurls.py relies on besides the composition: a label runs to the first
    dot (nothing in it matches "."), and a port, path or query starts with ":",
    "/" or "?" (each of the three optional groups starts with that character)."""
    for name in ("SUBDOMAIN", "DOMAIN_NAME", "ASCII_DOMAIN_LABEL"):
        source, flags = patterns[name]
        *label, last = [text for is_atom, text in tokens(source) if is_atom]
        if last != "\\." or any(ord(".") in translator.js_units[(a, flags)] for a in label):
            raise ValueError(f"a {name} no longer ends at the first dot; update xurls.py")
    source, flags = patterns["URL_AFTER_DOMAIN"]
    for atom, char in zip((":", "\\/", "\\?"), AFTER_DOMAIN_STARTS, strict=True):
        if translator.js_units[(atom, flags)] != [ord(char)]:
            raise ValueError("a port, path or query starts differently; update xurls.py")


def tld_sets(
    translator: Translator, lists: list[list[str]], flags: str
) -> tuple[list[list[str]], str, str, str]:
    """The TLD lists folded as the URL patterns compare them ("i": case-insensitive).

    Returns the folded lists, the fold (from, to: each code unit that equals a TLD
    character case-insensitively → that character) and the class of those units.
    A set loses the list's order: the alternation takes the first word that fits,
    the sets the longest, which is the same when a word always comes before every
    word it is a prefix of (checked here)."""
    letters = sorted({char for words in lists for word in words for char in word})
    atoms = [(f"\\u{ord(char):04x}", flags) for char in letters]
    translator.units(atoms)
    fold: dict[int, str] = {}
    for char, atom in zip(letters, atoms, strict=True):
        for unit in translator.js_units[atom]:
            fold.setdefault(unit, char)  # the smallest TLD character of its class
    table = str.maketrans({chr(unit): char for unit, char in fold.items()})
    folded = [[word.translate(table) for word in words] for words in lists]
    for words in folded:
        first = {word: index for index, word in reversed(list(enumerate(words)))}
        for index, word in enumerate(words):
            for cut in range(1, len(word)):
                if first.get(word[:cut], len(words)) < index:
                    raise ValueError(f"TLD {word[:cut]!r} comes before {word!r}: order matters")
    moved = sorted((unit, char) for unit, char in fold.items() if chr(unit) != char)
    return (
        folded,
        "".join(chr(unit) for unit, _ in moved),
        "".join(char for _, char in moved),
        char_class(sorted(fold)),
    )


def main() -> None:
    data = node(DUMP, json.dumps(PARTS))
    parts = data["parts"]
    src = {name: part["source"] for name, part in parts.items()}
    check_composition(src)
    url_flags = parts["extractUrl"]["flags"].replace("g", "")
    if parts["validAsciiDomain"]["flags"].replace("g", "") != url_flags:
        raise ValueError("the URL patterns' flags differ; update the generator")
    generic, tld_end = tld_words(src["validGTLD"])
    country, country_end = tld_words(src["validCCTLD"])
    if tld_end != country_end:
        raise ValueError("the TLD lists end differently; update the generator")

    emoji_flags = data["emoji"]["flags"].replace("g", "")
    tco_flags = parts["validTcoUrl"]["flags"].replace("g", "")
    no_protocol = parts["invalidUrlWithoutProtocolPrecedingChars"]
    patterns: dict[str, tuple[str, str]] = {  # name → (JavaScript source, flags)
        "URL_PRECEDING_CHAR": (src["validUrlPrecedingChars"][: -len("|^)")] + ")", url_flags),
        "URL_PROTOCOL": ("https?:\\/\\/", url_flags),
        "DOMAIN_CHAR": (src["validDomainChars"], url_flags),
        "SUBDOMAIN": (src["validSubdomain"], url_flags),
        "DOMAIN_NAME": (src["validDomainName"], url_flags),
        "TLD_END": (f"(?:{tld_end})", url_flags),
        "PUNYCODE_TLD": (src["validPunycode"], url_flags),
        "URL_AFTER_DOMAIN": (
            f"(?::({src['validPortNumber']}))?(\\/{src['validUrlPath']}*)?"
            f"(\\?{src['validUrlQueryChars']}*{src['validUrlQueryEndingChars']})?",
            url_flags,
        ),
        "ASCII_DOMAIN_LABEL": (f"(?:[\\-a-z0-9{src['latinAccentChars']}]+)\\.", url_flags),
        "VALID_TCO_URL": (src["validTcoUrl"], tco_flags),
        "INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS": (
            no_protocol["source"],
            no_protocol["flags"],
        ),
        "EMOJI": (data["emoji"]["source"], emoji_flags),
    }
    translator = Translator()
    translator.units(list(patterns.values()))
    python = {name: translator.python(*js) for name, js in patterns.items()}
    (generic, country), fold_from, fold_to, tld_chars = tld_sets(
        translator, [generic, country], url_flags
    )
    check_shortcuts(translator, patterns)

    config = data["config"]
    lines = [
        '"""Generated by scripts/gen_twitter_data.py: do not edit.',
        "",
        f"From the npm packages twitter-text {data['versions']['twitter-text']} (configuration "
        f"v3) and twemoji-parser {data['versions']['twemoji-parser']}.",
        "Patterns are JavaScript regexes translated for Python's `re` (no flags: what",
        "JavaScript's case-insensitive flag matches is spelt out); they run over text",
        "as UTF-16 code units, as in JavaScript. The TLD lists (words separated by",
        'spaces) are folded with TLD_FOLD."""',
        "",
        "# fmt: off",
        f"SCALE = {config['scale']!r}",
        f"DEFAULT_WEIGHT = {config['defaultWeight']!r}",
        f"TRANSFORMED_URL_LENGTH = {config['transformedURLLength']!r}",
        f"MAX_WEIGHTED_LENGTH = {config['maxWeightedTweetLength']!r}",
        "RANGES = " + repr(tuple((r["start"], r["end"], r["weight"]) for r in config["ranges"])),
        *(f"{name}: str = {pattern!r}" for name, pattern in python.items()),
        f"GENERIC_TLDS: str = {' '.join(generic)!r}",
        f"COUNTRY_TLDS: str = {' '.join(country)!r}",
        f"LONGEST_TLD = {max(map(len, generic + country))}",
        f"URL_AFTER_DOMAIN_STARTS: str = {AFTER_DOMAIN_STARTS!r}",
        f"TLD_FOLD: tuple[str, str] = ({fold_from!r}, {fold_to!r})",
        f"TLD_CHARS: str = {tld_chars!r}",
        f"EMOJI_FIRST_UNITS: str = {emoji_first_units(re.compile(python['EMOJI']))!r}",
        "# fmt: on",
    ]
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
