"""X's weighted length: the official conformance data, and the official library as oracle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from support.network_counts import NetworkCounter
from support.text_strategies import unicode_soup, url_soup
from threadsmith.threading.xcount import extract_urls, weighted_length

DATA = json.loads((Path(__file__).parent / "data" / "twitter_conformance.json").read_text())
V3 = [case for case in DATA["weighted"] if case["config"] == "v3"]


@pytest.mark.parametrize("case", V3, ids=[c["description"] for c in V3])
def test_weighted_length_conformance(case: dict[str, object]) -> None:
    assert weighted_length(str(case["text"])) == case["weighted_length"]


@pytest.mark.parametrize("case", DATA["urls"], ids=[c["description"] for c in DATA["urls"]])
def test_url_extraction_conformance(case: dict[str, object]) -> None:
    text = str(case["text"])
    spans = extract_urls(text)
    assert [text[start:end] for start, end in spans] == case["urls"]
    if case["indices"] is not None:
        assert [list(span) for span in spans] == case["indices"]


def test_conformance_data_is_all_there() -> None:
    assert len(V3) >= 20
    assert len(DATA["urls"]) >= 100


ORACLE = settings(max_examples=2500, deadline=None, suppress_health_check=list(HealthCheck))


@ORACLE
@given(unicode_soup)
def test_agrees_with_twitter_text_on_any_text(counter: NetworkCounter, text: str) -> None:
    assert weighted_length(text) == counter.count(text).x


@ORACLE
@given(url_soup)
def test_agrees_with_twitter_text_on_links(counter: NetworkCounter, text: str) -> None:
    assert weighted_length(text) == counter.count(text).x
