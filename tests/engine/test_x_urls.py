"""X's links: a tricky corpus, and the official twitter-text (run by Node) as oracle.

The counter finds URLs without twitter-text's TLD alternation: xurls.py walks the
official pattern's choices with the TLDs as sets. These tests hold it to the
library itself, on generated text full of URL-like tokens, in batches (one Node
round trip per batch of texts).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from support.node_script import NodeScript
from support.realparts import ROOT, node_package_available, require_real_part
from support.url_strategies import url_texts
from threadsmith.threading import _twitter_data as data
from threadsmith.threading import xcount
from threadsmith.threading.xcount import weighted_length
from threadsmith.threading.xurls import url_spans

# (text, X's weighted length), each checked against twitter-text by
# test_the_tricky_corpus_is_what_twitter_text_says.
TRICKY = [
    ("example.com", 23),
    ("example.co", 23),
    ("example.comm", 12),  # no TLD "comm", and "com" is followed by a letter
    ("example.co.uk", 23),
    ("example.community", 23),
    ("example.comcast", 23),
    ("example.ne", 23),
    ("example.com1", 12),
    ("example.com-", 12),
    ("example.com+x", 13),
    ("example.com@x", 13),
    ("see example.com.", 28),
    ("example.com..", 25),
    ("(example.com)", 25),
    ("“example.com”", 25),
    ("www.example.com/path/to(x)y.", 24),
    ("example.com/a?b=1&c=2.", 24),
    ("example.com:8080/x", 23),
    ("example.com:", 24),
    ("пример.рф", 9),  # no ASCII domain: not a URL without a protocol
    ("http://пример.рф/путь", 23),
    ("example.рф", 23),
    ("example.РФ", 23),
    ("example.みんな", 23),
    ("example.삼성", 23),
    ("x.嘉里大酒店", 23),
    ("x.嘉里", 23),
    ("x.嘉里大", 25),  # "嘉里" then a character that may follow a TLD
    ("x.嘉里大酒店x", 30),  # "嘉里大酒店" then a letter: the shorter TLD fits
    ("example.भारतम्", 23),
    ("example.भारतम", 24),  # no virama: "भारत", then a letter that may follow a TLD
    ("example.ΕΛ", 23),
    ("example.ϵλ", 23),  # JavaScript upper-cases the lunate epsilon to Ε
    ("example.ᲂнлайн", 23),  # … and the wide o to О
    ("x.xn--p1ai", 23),
    ("x.XN--P1AI", 23),
    ("xn--80ak6aa92e.xn--p1ai", 23),
    ("x.xn--", 6),
    ("ſexample.com", 24),  # "ſ" is not "s" for JavaScript: it precedes the URL
    ("ıexample.com", 24),
    ("éexample.com", 24),  # the preceding-character branch is tried before the start
    ("example.ſk", 10),
    ("example.comſ", 24),
    ("x.\u212aom", 5),  # the Kelvin sign, NFC'd to K: "Kom" is no TLD
    ("https://x.com?aſ", 24),
    ("https://x.com?ı", 25),
    ("HTTPS://EXAMPLE.COM/A", 23),
    ("https://t.co/abc123", 23),
    ("https://t.co/abc123/more", 28),  # a t.co link takes no path
    ("https://t.co/abc?x=1&y=2", 23),
    ("https://t.co/abcſ", 24),
    ("https://t.co/" + "a" * 40, 23),
    ("https://t.co/" + "a" * 41, 54),  # slug too long: not a link at all
    ("t.co/abc", 23),
    ("https://T.CO/abc", 23),
    ("a-example.com", 23),
    ("a_example.com", 13),
    ("a/example.com", 13),
    ("a@example.com", 13),
    ("a$example.com", 13),
    ("a\u202aexample.com", 26),
    ("a。example.com", 26),
    ("例えexample.com", 27),
    ("foo_bar.example.com", 27),
    ("foo.bar_baz.com", 31),
    ("-foo.com", 8),
    ("a" * 63 + ".com", 23),
    ("a" * 64 + ".com", 68),  # a label longer than 63 fails the IDNA check
    ("e.g.", 4),
    ("i.e., Mr. Smith", 15),
    ("www.naht.org.uk/news.", 24),
    ("example.com/@user/", 23),
    ("example.com/ſ", 23),
    ("😷example.com", 25),
    ("😷a.com", 25),
    ("example.com😷", 25),
    ("ftp://example.com", 17),
    ("https:/example.com", 18),
]


@pytest.mark.parametrize(("text", "expected"), TRICKY, ids=[text for text, _ in TRICKY])
def test_tricky_links_weigh_what_twitter_text_says(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


def test_every_character_a_tld_starts_with_is_one_the_token_filter_looks_after() -> None:
    # The counter only searches tokens with a dot then a letter: a TLD starting
    # with anything else would be missed.
    firsts = {word[0] for word in (data.GENERIC_TLDS + " " + data.COUNTRY_TLDS).split()}
    firsts |= {unit for unit, letter in zip(*data.TLD_FOLD, strict=True) if letter in firsts}
    firsts |= set("xX")  # punycode
    assert [c for c in sorted(firsts) if not xcount._DOT_LETTER.match("." + c)] == []


def test_no_private_regex_internals_anywhere() -> None:
    # Python's private regex compiler (re's underscore submodules, the C module
    # under them, their old aliases) changes with every release: nothing may rely
    # on it. The names are spelt in pieces so that `git grep` finds none at all.
    under = "_"
    internals = re.compile(
        rf"\bre\.{under}(?:parser|compiler|constants)\b|\bfrom re import {under}"
        rf"|\b{under}sre\b|\bsre{under}(?:compile|parse|constants)\b"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("threadsmith", "scripts", "bench", "tests")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if internals.search(line)
    ]
    assert offenders == []


def utf16_units(text: str) -> str:
    """`text` as UTF-16 code units, one str character each (JavaScript's indices)."""
    raw = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(raw[i] | raw[i + 1] << 8) for i in range(0, len(raw), 2))


class TwitterText(NodeScript):
    """tests/node/x_urls.js: parseTweet and extractUrlsWithIndices, a batch per call."""

    def __init__(self) -> None:
        super().__init__("x_urls.js")

    def ask(self, texts: list[str]) -> list[dict[str, Any]]:
        answers: list[dict[str, Any]] = self._ask(texts)
        return answers


@pytest.fixture(scope="module")
def twitter_text() -> Iterator[TwitterText]:
    require_real_part(
        node_package_available("twitter-text"),
        "Node and tests/node/node_modules are needed: run `npm ci --prefix tests/node`",
    )
    oracle = TwitterText()
    yield oracle
    oracle.close()


@pytest.mark.realparts
def test_the_tricky_corpus_is_what_twitter_text_says(twitter_text: TwitterText) -> None:
    answers = twitter_text.ask([text for text, _ in TRICKY])
    assert [
        (text, answer["x"]) for (text, _), answer in zip(TRICKY, answers, strict=True)
    ] == TRICKY


@pytest.mark.realparts
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # the message names the text
)
@given(st.lists(url_texts, min_size=40, max_size=40))  # 4,000 texts, 100 trips to Node
def test_links_agree_with_twitter_text(twitter_text: TwitterText, texts: list[str]) -> None:
    for text, answer in zip(texts, twitter_text.ask(texts), strict=True):
        units = utf16_units(text)
        official = [(start, end, len(utf16_units(url))) for start, end, url in answer["urls"]]
        assert url_spans(units) == official, text  # the extractor on the whole text
        assert xcount._url_spans(units) == official, text  # … and on candidate tokens
        assert weighted_length(text) == answer["x"], text


@pytest.mark.realparts
def test_the_generated_data_is_what_the_npm_packages_give(tmp_path: Path) -> None:
    require_real_part(
        node_package_available("twitter-text") and node_package_available("twemoji-parser"),
        "Node and tests/node/node_modules are needed: run `npm ci --prefix tests/node`",
    )
    fresh = tmp_path / "_twitter_data.py"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_twitter_data.py"), str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = ROOT / "threadsmith" / "threading" / "_twitter_data.py"
    assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
