"""The Bluesky AppView kept in the database (set in the app) is where `thread stats`
reads too; --appview and $THREADSMITH_BSKY_APPVIEW still go over it; an address that is
not one is refused in a line and nothing kept."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_appview import DID, FakeAppView, fake_appview, rkey
from threadsmith import stats
from threadsmith.cli import main
from threadsmith.errors import InputError
from threadsmith.network import network_named
from threadsmith.store import open_store

BLUESKY = network_named("bluesky")


@pytest.fixture
def views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FakeAppView]]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("THREADSMITH_BSKY_APPVIEW", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    for kept in fake_appview(2):
        for other in fake_appview(2):
            yield [kept, other]


def read_thread(*more: str) -> int:
    return main(["stats", f"https://bsky.app/profile/{DID}/post/{rkey(0)}", *more])


def test_thread_stats_reads_from_the_appview_kept(views: list[FakeAppView]) -> None:
    kept, other = views
    store = open_store()
    try:
        assert stats.set_server(store, BLUESKY, kept.url + "/") == kept.url
        assert stats.server_in_use(store, BLUESKY) == (kept.url, "set here")
    finally:
        store.close()
    assert read_thread("--format", "json") == 0
    assert kept.asked and not other.asked
    kept.asked.clear()
    assert read_thread("--format", "json", "--appview", other.url) == 0
    assert other.asked and not kept.asked


def test_the_environment_goes_over_the_appview_kept(
    views: list[FakeAppView], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, other = views
    store = open_store()
    try:
        stats.set_server(store, BLUESKY, kept.url)
        monkeypatch.setenv("THREADSMITH_BSKY_APPVIEW", other.url)
        assert stats.server_in_use(store, BLUESKY) == (other.url, "from $THREADSMITH_BSKY_APPVIEW")
    finally:
        store.close()
    assert read_thread("--format", "json") == 0
    assert other.asked and not kept.asked


@pytest.mark.parametrize("wrong", ["ftp://appview.example", "appview.example", "https://"])
def test_an_address_that_is_not_one_is_refused_and_nothing_kept(
    views: list[FakeAppView], wrong: str
) -> None:
    store = open_store()
    try:
        with pytest.raises(InputError, match="an AppView is an address like https://"):
            stats.set_server(store, BLUESKY, wrong)
        assert stats.kept_server(store, BLUESKY) is None
        stats.set_server(store, BLUESKY, views[0].url)
        stats.set_server(store, BLUESKY, "  ")  # empty: back to Bluesky's public one
        assert stats.server_in_use(store, BLUESKY)[1] == "Bluesky's public one"
    finally:
        store.close()
