"""Generate threadsmith/threading/_twitter_data.py from the official npm packages.

twitter-text 3.1.0 (URL extraction) and twemoji-parser (emoji, the version
twitter-text uses) are read by Node from tests/node/node_modules, so the
patterns are exactly the ones the official library runs. Their JavaScript
syntax is translated for Python's `re`, which runs them over the text as
UTF-16 code units (see xcount.py), as JavaScript does.

    npm ci --prefix tests/node && python scripts/gen_twitter_data.py
"""

from __future__ import annotations

import json
import re
import subprocess
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "tests" / "node"
OUT = ROOT / "threadsmith" / "threading" / "_twitter_data.py"

DUMP = """
const get = (path) => { const m = require(path); return m.default || m; };
const out = {};
for (const name of ["extractUrl", "validAsciiDomain", "invalidUrlWithoutProtocolPrecedingChars",
                    "validTcoUrl"]) {
  const r = get("twitter-text/dist/regexp/" + name);
  out[name] = {source: r.source, flags: r.flags};
}
const emoji = get("twemoji-parser/dist/lib/regex");
out.emoji = {source: emoji.source, flags: emoji.flags};
out.config = get("twitter-text/dist/configs").version3;
out.versions = {
  "twitter-text": require("twitter-text/package.json").version,
  "twemoji-parser": require("twemoji-parser/package.json").version,
};
process.stdout.write(JSON.stringify(out));
"""


def python_pattern(source: str) -> str:
    """JavaScript regex source → Python `re` source with the same meaning.

    The only construct these patterns use that differs is `$` outside a class:
    in JavaScript it matches only at the very end; Python's `$` also matches
    before a final newline, so it becomes `\\Z`. Everything else (escapes,
    classes, lookaheads, lone surrogates) means the same in both.
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        elif char == ".":
            raise ValueError("an unescaped '.' would need translating; update python_pattern")
        out.append(char)
        index += 1
    return "".join(out)


def emoji_first_units(source: str) -> str:
    """A regex class of every code unit an emoji match can start with.

    Found by brute force over the BMP: a match starting with unit c must match one
    of c, c+VS16, c+keycap, c+VS16+keycap (the pattern's only multi-unit BMP
    starts); every surrogate is included wholesale. The ASCII starts (#, * and
    digits) only begin keycaps, which always contain U+20E3: that unit stands in
    for them, so digits alone do not trigger the pattern. Lets the counter skip
    the emoji pattern on text that holds none of these units (most prose).
    """
    pattern = re.compile(python_pattern(source))
    firsts = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if any(pattern.match(char + tail) for tail in ("", "\ufe0f", "\u20e3", "\ufe0f\u20e3")):
            firsts.append(0x20E3 if code < 0x80 else code)
    firsts = sorted(set(firsts))
    ranges: list[list[int]] = []
    for code in firsts:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = [f"\\u{lo:04x}" + (f"-\\u{hi:04x}" if hi > lo else "") for lo, hi in ranges]
    return "[" + "".join(parts) + "\\ud800-\\udfff]"


# A group that is a plain alternation of many literal words (the TLD lists).
_WORD_LIST = re.compile(r"\(\?:((?:[^()|\\\[\]?*+.^$]+\|){20,}[^()|\\\[\]?*+.^$]+)\)")


def factor_word_lists(pattern: str) -> str:
    """Rewrite long literal alternations as prefix tries: same matches, far faster.

    Python's `re` tries alternatives one by one, so the ~1,500 TLDs cost ~1,500
    attempts at every dot. At one position only words that are prefixes of the
    text can match, and those form a chain (each a prefix of the next). In the
    official lists a word always comes after every longer word it is a prefix of,
    so the alternation tries that chain longest first, which is what a trie that
    ends a word last does: the first word that lets the whole pattern match is
    the same. A list without that order, or whose branches could match the same
    character under IGNORECASE, is left as it is.
    """

    def trie(words: list[str]) -> str:
        ends = "" in words
        heads: dict[str, list[str]] = {}
        for word in words:
            if word:
                heads.setdefault(word[0], []).append(word[1:])
        branches = [
            re.escape(head) + trie(rest)
            for head, rest in sorted(heads.items(), key=lambda item: item[0], reverse=True)
        ]
        if len(branches) == 1 and not ends:
            return branches[0]
        body = "|".join(branches)
        return f"(?:{body})?" if ends and branches else (f"(?:{body})" if branches else "")

    def replace(match: re.Match[str]) -> str:
        words = match.group(1).split("|")
        position = {word: index for index, word in enumerate(words)}
        longer_first = all(
            position[longer] < position[word]
            for word in words
            for longer in words
            if longer != word and longer.startswith(word)
        )
        heads = sorted({word[:i] for word in words for i in range(1, len(word) + 1)})
        distinct = all(
            not re.fullmatch(re.escape(a[-1]), b[-1], re.IGNORECASE)
            for a, b in pairwise(heads)
            if a[:-1] == b[:-1]
        )
        if not longer_first or not distinct or len(set(words)) != len(words):
            return match.group(0)
        return "(?:" + trie(words) + ")"

    return _WORD_LIST.sub(replace, pattern)


def main() -> None:
    dump = subprocess.run(
        ["node", "-e", DUMP], cwd=NODE_DIR, check=True, capture_output=True, text=True
    )
    data = json.loads(dump.stdout)
    lines = [
        '"""Generated by scripts/gen_twitter_data.py: do not edit.',
        "",
        f"From the npm packages twitter-text {data['versions']['twitter-text']} (configuration "
        f"v3) and twemoji-parser {data['versions']['twemoji-parser']}.",
        "Patterns are JavaScript regexes translated for Python's `re`; they run over",
        'text as UTF-16 code units, as in JavaScript. Flags: "i" = IGNORECASE."""',
        "",
        "# fmt: off",
        f"SCALE = {data['config']['scale']!r}",
        f"DEFAULT_WEIGHT = {data['config']['defaultWeight']!r}",
        f"TRANSFORMED_URL_LENGTH = {data['config']['transformedURLLength']!r}",
        f"MAX_WEIGHTED_LENGTH = {data['config']['maxWeightedTweetLength']!r}",
        "RANGES = "
        + repr(tuple((r["start"], r["end"], r["weight"]) for r in data["config"]["ranges"])),
    ]
    for name in (
        "extractUrl",
        "validAsciiDomain",
        "invalidUrlWithoutProtocolPrecedingChars",
        "validTcoUrl",
        "emoji",
    ):
        pattern = factor_word_lists(python_pattern(data[name]["source"]))
        re.compile(pattern)  # fail here, not at run time
        constant = re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()
        lines.append(f"{constant}: str = {pattern!r}")
        lines.append(f"{constant}_IGNORECASE = {'i' in data[name]['flags']}")
    lines.append(f"EMOJI_FIRST_UNITS: str = {emoji_first_units(data['emoji']['source'])!r}")
    lines.append("# fmt: on")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
