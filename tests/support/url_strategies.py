"""Hypothesis strategies for text full of things twitter-text may take for a URL.

Built from the real TLD lists (generic, country-code, IDN), with the tricky
neighbours: TLDs that are prefixes of others ("co"/"com"), a TLD followed by a
letter, digit or sign, punycode, case variants JavaScript matches (and look-alikes
it does not: "ſ", "ı", "K"), labels with "_" or "-" at odd places, labels too
long, every kind of character before a URL without protocol, t.co links with
long slugs and queries, ports, paths with parentheses, trailing punctuation.
"""

from __future__ import annotations

from hypothesis import strategies as st

from threadsmith.threading import _twitter_data as data

GENERIC = data.GENERIC_TLDS.split()
COUNTRY = data.COUNTRY_TLDS.split()
# Each code unit JavaScript's "i" flag takes for a TLD character (e.g. "ᲂ" for "о").
_SAME_LETTER: dict[str, list[str]] = {}
for _unit, _letter in zip(*data.TLD_FOLD, strict=True):
    _SAME_LETTER.setdefault(_letter, []).append(_unit)
# Characters Python's case folding equates with ASCII letters and JavaScript does not.
_LOOKALIKES = {"s": "ſ", "i": "ı", "k": "\u212a"}


# Built once: strategies made inside a composite are rebuilt at every draw (slow).
_TLD_WORDS = st.one_of(
    st.sampled_from(GENERIC),
    st.sampled_from(COUNTRY),
    st.sampled_from(["co", "com", "comcast", "ne", "net", "network", "uk", "onion"]),
    st.sampled_from(["рф", "みんな", "삼성", "嘉里大酒店", "嘉里", "онлайн", "ελ", "ευ", "中国"]),
    st.sampled_from(["xn--", "xn--p1ai", "xn--80asehdb", "xn--q9jyb4c", "xn--3e0b707e-"]),
)
_TLD_TAILS = st.sampled_from(["", "", "", "x", "m", "1", "-", "+", "@", "_", "é", "大"])
_VARIANTS = st.integers(0, 3)


@st.composite
def tlds(draw: st.DrawFn) -> str:
    word = draw(_TLD_WORDS)
    # Two draws whatever the word's length (a draw per letter makes batches slow):
    # which letters change, and to which of their variants.
    changed = draw(st.integers(0, 2 ** len(word) - 1))
    variant = draw(_VARIANTS)
    letters = []
    for index, letter in enumerate(word):
        swaps = [letter.upper(), *_SAME_LETTER.get(letter, []), _LOOKALIKES.get(letter, letter)]
        letters.append(swaps[variant % len(swaps)] if changed >> index & 1 else letter)
    tail = draw(_TLD_TAILS)
    return "".join(letters) + tail


labels = st.sampled_from(
    [
        "example", "www", "a", "t", "co", "foo-bar", "foo_bar", "-x", "x-", "_x", "é", "ÿ",
        "пример", "例え", "123", "ſ", "ı", "😷", "xn--80ak6aa92e", "naïve", "a" * 63, "a" * 64, "",
    ]
)  # fmt: skip
before = st.sampled_from(
    [
        "", "", " ", "\n", "(", "@", "＠", "#", "＃", "$", "-", "_", ".", "/", "é", "a", "1", "'",
        '"', "“", "\u202a", "\u200e", "\u061c", "\ufeff", "。", "…", "ſ", "😷", ":", "—",
    ]
)  # fmt: skip
protocols = st.sampled_from(
    ["", "", "", "http://", "https://", "HTTPS://", "hTTp://", "ftp://", "https:/", "//"]
)
after = st.sampled_from(
    [
        "", "", "", "/", "/path", "/a_(b)", "/a(b(c))d", "/@user/", "?q=1", "?q=", "?", ":8080",
        ":8080/x", ":", "#frag", ".", "..", ",", ")", "!", "…", "'s", "/path.", "/é", "/ſ", "?ſ",
        "-", "@x", "/путь", "?a=1&b=(2)",
    ]
)  # fmt: skip


domains = st.lists(labels, min_size=1, max_size=3).map(lambda ls: "".join(f"{x}." for x in ls))
url_like = st.tuples(before, protocols, domains, tlds(), after).map("".join)
tco_like = st.tuples(
    before,
    st.sampled_from(["https://", "http://", "HTTPS://", ""]),
    st.sampled_from(["t.co/", "T.CO/", "t.co.uk/"]),
    st.sampled_from(["", "a", "abc123", "AbC", "9" * 39, "Z" * 40, "a" * 41, "x1" * 23]),
    after,
).map("".join)


words = st.sampled_from(["see", "and", "e.g.", "U.K.", "3.5", "Mr.", "😷", "👩‍🏫", "café", "1️⃣"])
separators = st.sampled_from(["", " ", " ", "\n", ", ", "、", "\u3000", "\t"])
url_texts = st.lists(
    st.tuples(separators, st.one_of(url_like, url_like, tco_like, words)).map("".join),
    min_size=1,
    max_size=6,
).map("".join)
