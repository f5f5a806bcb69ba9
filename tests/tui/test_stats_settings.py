"""The statistics screen: the Bluesky AppView set from it (kept in the database, used
at once and by `thread stats`), "p Paid refresh" only where a network bills reads,
and each post's first words beside its counts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import DataTable, Input, Static

from support.fake_appview import FakeAppView, fake_appview, uri
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import PostMetrics, network_named
from threadsmith.store import FetchedPost, Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.stats import StatsScreen
from threadsmith.tui.widgets.post_chart import PostChart

BLUESKY = network_named("bluesky")
TEXTS = [
    "Our schools need a funding settlement that matches the need we see. 1/",
    "Class sizes have grown   every year since 2015,\nand teachers have noticed. 2/",
    "Write to your representative this week. 3/",
]


@pytest.fixture
def view(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAppView]:
    monkeypatch.delenv("THREADSMITH_BSKY_APPVIEW", raising=False)
    yield from fake_appview(3)


def published(store: Store, view: FakeAppView) -> int:
    """A draft published to Bluesky as the fake AppView's thread, read once already."""
    draft = store.create_draft("Fair funding", "The essay")
    store.add_account(BLUESKY, view.handle, "https://pds.example")
    run = store.create_run(f"draft:{draft.id}", BLUESKY, view.handle,
                           [Outgoing(n, text) for n, text in enumerate(TEXTS, 1)])  # fmt: skip
    refs = [PostRef(f"3kthread{n:05d}", f"https://bsky.app/profile/{view.handle}/post/"
                    f"3kthread{n:05d}", uri(n), "bafy") for n in (1, 2, 3)]  # fmt: skip
    for number, ref in enumerate(refs, 1):
        store.mark_sent(run.id, number, ref)
    store.finish_run(run.id)
    counts = [FetchedPost(n, r.url, PostMetrics(9, 0, 0, 0)) for n, r in enumerate(refs, 1)]
    store.save_fetch(f"bluesky:{uri(1)}", BLUESKY, view.handle, refs[0].url, run.id, counts,
                     fetched_at=1_795_000_000.0)  # fmt: skip
    return draft.id


async def test_the_appview_is_set_from_the_screen_kept_and_read_from(
    store: Store, view: FakeAppView
) -> None:
    draft_id = published(store, view)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatsScreen(draft_id))
        await pilot.pause()
        note = app.screen.query_one("#chart-0 .chart-note", Static)
        assert "Read from https://public.api.bsky.app (Bluesky's public one)" in str(
            note.render()
        ).replace("\n", " ")
        bindings = app.screen.active_bindings.values()
        keys = {binding.action for (_, binding, enabled, _) in bindings if enabled}
        assert "appview" in keys and "paid_refresh" not in keys  # nothing here bills a read
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one(Input).value = view.url + "/"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert [path for path, _ in view.asked] == ["/xrpc/app.bsky.feed.getPosts"]
        assert store.preference("bluesky.appview") == view.url  # kept, without its slash
        assert len(store.fetches(f"bluesky:{uri(1)}")) == 2
        said = str(note.render()).replace("\n", " ")
        assert f"Read from {view.url} (set here)" in said


async def test_each_row_starts_with_its_posts_first_words(store: Store, view: FakeAppView) -> None:
    draft_id = published(store, view)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatsScreen(draft_id))
        await pilot.pause()
        table = app.screen.query_one(PostChart).query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[:2] for row in rows] == [
            ["1", TEXTS[0]], ["2", "Class sizes have grown every year since 2015, and teachers "
                              "have noticed. 2/"], ["3", TEXTS[2]],
        ]  # fmt: skip
        assert [str(column.label) for column in table.columns.values()][:2] == ["post", "starts"]
        assert table.max_scroll_x == 0  # words and bars share the width: nothing off screen
