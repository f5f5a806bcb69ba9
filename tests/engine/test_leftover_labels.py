"""A line is matched against only the labels that can begin with its first character
(compiling them all costs `thread split` ~15 ms): each label's first characters are
as written, and the answer is the same as against all the labels at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadsmith.threading import furniture
from threadsmith.threading.furniture import LABELS, is_label

EVERY_LABEL = furniture._labels("")  # all of them, as before the split by first character
ESSAYS = Path(__file__).parent / "essays"
AROUND = st.text(alphabet=" \t→»•·|:–—", max_size=3)
# the labels of categories and tags refuse prose openers: many drawn strings are refused
SLOW_TO_DRAW = [HealthCheck.filter_too_much, HealthCheck.too_slow]


@pytest.mark.parametrize(("begins", "label"), LABELS, ids=[label[:30] for _, label in LABELS])
@settings(max_examples=25, deadline=None, suppress_health_check=SLOW_TO_DRAW)
@given(data=st.data())
def test_a_label_begins_with_one_of_its_first_characters(
    begins: str, label: str, data: st.DataObject
) -> None:
    said = data.draw(st.from_regex(re.compile(label, re.IGNORECASE), fullmatch=True))
    first = said[:1]
    assert not first.isascii() or first.lower() in begins


@settings(max_examples=200, deadline=None, suppress_health_check=SLOW_TO_DRAW)
@given(
    before=AROUND,
    label=st.sampled_from([label for _, label in LABELS]).flatmap(
        lambda label: st.from_regex(re.compile(label, re.IGNORECASE), fullmatch=True)
    ),
    after=st.sampled_from(["", " →", "…", " (Opens in new window)", ".", " and more"]),
)
def test_a_line_is_a_label_as_against_all_the_labels(before: str, label: str, after: str) -> None:
    line = before + label + after
    assert is_label(line) == (EVERY_LABEL.fullmatch(line) is not None)


def test_every_line_of_the_essays_is_read_as_against_all_the_labels() -> None:
    lines = {
        line.strip()
        for essay in ESSAYS.glob("*.md")
        for line in essay.read_text(encoding="utf-8").splitlines()
    }
    lines |= {"Kelvin: \u212aeep reading", "\u017fhare this", "٣ comments", "", "→ →"}
    for line in lines:
        assert is_label(line) == (EVERY_LABEL.fullmatch(line) is not None), line
