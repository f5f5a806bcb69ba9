"""How the suite finds a network's harness: threadsmith's own here, another package's by
its `threadsmith.conformance` entry point; a network with none is named, not skipped."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from conformance import harness
from conformance.harness_mastodon import MastodonHarness


def test_a_network_without_a_harness_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "entry_points", lambda group: [])
    assert harness.without_harness(["x", "bluesky", "mastodon", "pixelfed"]) == ["pixelfed"]
    assert harness.harness_class("pixelfed") is None


def test_another_packages_harness_is_found_by_its_entry_point(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    where = "conformance.harness_mastodon:MastodonHarness"  # as another package declares it
    point = EntryPoint(name="mastodon", value=where, group=harness.ENTRY_POINTS)
    monkeypatch.setattr(harness, "BUILT_IN", {})
    monkeypatch.setattr(harness, "entry_points", lambda group: [point])
    assert harness.without_harness(["mastodon", "x"]) == ["x"]
    assert harness.harness_class("mastodon") is MastodonHarness


def test_a_harness_for_another_network_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "BUILT_IN", {"threads": "conformance.harness_x:XHarness"})
    monkeypatch.setattr(harness, "entry_points", lambda group: [])
    with pytest.raises(AssertionError, match="serves 'x', not 'threads'"):
        harness.harness_class("threads")
