"""The URL finder's patterns in their ASCII form (xurls.py, for text that is all ASCII,
compiled several times faster) match every ASCII character as the patterns do, and
find the same URLs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadsmith.threading import _twitter_data as data
from threadsmith.threading.xurls import _CLASS, _finder, _for_text

PATTERNS = {
    name: getattr(data, name)
    for name in (
        "URL_AFTER_DOMAIN", "URL_PRECEDING_CHAR", "DOMAIN_CHAR", "URL_PROTOCOL", "SUBDOMAIN",
        "DOMAIN_NAME", "TLD_CHARS", "TLD_END", "PUNYCODE_TLD", "ASCII_DOMAIN_LABEL",
        "VALID_TCO_URL", "INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS",
    )
}  # fmt: skip
ASCII = [chr(code) for code in range(128)]


def _outside_classes(pattern: str) -> str:
    return _CLASS.sub("[]", pattern).replace("(?!)", "[]")  # (?!): a class with no ASCII


@pytest.mark.parametrize("name", PATTERNS)
def test_the_ascii_form_changes_nothing_but_the_classes(name: str) -> None:
    pattern = PATTERNS[name]
    assert re.search(r"\(\?[aiLmsux-]", pattern) is None  # no flag: case is never folded
    assert _outside_classes(_for_text(pattern, True)) == _outside_classes(pattern)


@pytest.mark.parametrize("name", PATTERNS)
def test_each_class_matches_the_same_ascii_characters(name: str) -> None:
    for found in _CLASS.finditer(PATTERNS[name]):
        written = re.compile(found.group())
        ascii_form = re.compile(_for_text(found.group(), True))
        for character in ASCII:
            assert bool(written.fullmatch(character)) == bool(ascii_form.fullmatch(character))


URL_PARTS = ["http://", "https://", "www.", "t.co/", "example", ".com", ".co.uk", ".xn--p1ai",
             "/path", "?q=1&x=y", "#frag", ":8080", "(", ")", "@", ".", "-", "_", " ", "\n",
             "a", "Z", "9", "$", "!", "'", "gov", ".uk", "naht.org.uk/news"]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(URL_PARTS), min_size=1, max_size=12))
def test_both_forms_find_the_same_urls_in_ascii_text(parts: list[str]) -> None:
    text = "".join(parts)
    assert _finder(True).url_spans(text) == _finder(False).url_spans(text)
