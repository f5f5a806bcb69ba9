"""The app's statistics screen, driven with Pilot: opened from the library for a published
draft, a tab per network, X read only when asked after saying the cost (fake X API,
tweepy's own code), a network that refuses shown in its own tab while the others show."""

from __future__ import annotations

import pytest
from textual.widgets import Button, DataTable, Label, Static

from support.fake_x import KEPT, FakeX
from support.memory_keyring import MemoryKeyring
from support.stats_data import record_run
from threadsmith import credentials
from threadsmith.journal import PostRef
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.stats import StatsScreen
from threadsmith.tui.widgets.dialogs import Confirm
from threadsmith.tui.widgets.post_chart import PostChart

X = network_named("x")
BLUESKY = network_named("bluesky")


@pytest.fixture(autouse=True)
def keyring_in_memory(memory_keyring: MemoryKeyring) -> None:
    """Every test here keeps its X keys in memory."""


def x_thread(store: Store, fake: FakeX, draft_id: int, posts: int = 4) -> list[str]:
    """A thread on the fake X, journalled as the draft's; returns its ids."""
    store.add_account(X, "campaigner")
    credentials.save("x", "campaigner", KEPT)
    parent = None
    refs = []
    for number in range(1, posts + 1):
        tweet = fake._store({"text": f"post {number}", "reply": {"in_reply_to_tweet_id": parent}})
        parent = tweet["id"]
        refs.append(PostRef(tweet["id"], f"https://x.com/campaigner/status/{tweet['id']}"))
        fake.engagement[tweet["id"]] = {"impression_count": 1000 // number, "like_count": 5}
    record_run(store, f"draft:{draft_id}", X, "campaigner", refs)
    return [ref.id for ref in refs]


def chart_rows(app: ThreadsmithApp, index: int) -> list[list[str]]:
    table = app.screen.query_one(f"#chart-{index}", PostChart).query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_x_is_read_only_when_asked_after_the_cost_is_said(
    store: Store, fake_x: FakeX
) -> None:
    draft = store.create_draft("Funding", "Some essay")
    ids = x_thread(store, fake_x, draft.id)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the library's key: statistics of the highlighted draft
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        assert fake_x.lookups == []  # X bills each read: never by itself
        note = app.screen.query_one("#chart-0 .chart-note", Static)
        assert "reading 4 posts costs about $0.02 on X" in str(note.render())
        shown = {b.action for (_, b, enabled, _) in app.screen.active_bindings.values() if enabled}
        assert "paid_refresh" in shown and "appview" not in shown  # X alone: no AppView
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.query_one(Label).render())
        assert "X @campaigner: reading 4 posts costs about $0.02 on X ($0.005 each" in question
        assert "Read (about $0.02)" in str(app.screen.query_one("#yes", Button).label)
        await pilot.click("#no")
        await pilot.pause()
        assert fake_x.lookups == []
        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fake_x.lookups == [ids]
        rows = chart_rows(app, 0)  # post, its words, likes… and the impressions as a bar
        assert [row[:3] for row in rows] == [[n, f"Post {n}", "5"] for n in "1234"]
        assert [row[-1].split()[-1] for row in rows] == ["1000", "500", "333", "250"]
        bars = [row[-1].rsplit(" ", 1)[0] for row in rows]
        assert bars[0].startswith("█") and len(bars[0]) >= 3 * len(bars[3])  # 1000 vs 250
        summary = str(app.screen.query_one("#chart-0 .chart-summary", Static).render())
        assert summary.startswith("Read-through 25% (post 4's impressions ÷ post 1's)")
        assert len(store.fetches(f"x:{ids[0]}")) == 1  # kept with its time


async def test_a_refusing_network_is_one_line_in_its_tab_and_the_others_still_show(
    store: Store, fake_x: FakeX, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THREADSMITH_BSKY_APPVIEW", "http://127.0.0.1:9")  # nothing listens
    draft = store.create_draft("Funding", "Some essay")
    x_thread(store, fake_x, draft.id)
    refs = [PostRef(f"3kabc{n}", f"https://bsky.app/profile/a.test/post/3kabc{n}",
                    f"at://did:plc:abc/app.bsky.feed.post/3kabc{n}", f"bafy{n}")
            for n in range(1, 4)]  # fmt: skip
    record_run(store, f"draft:{draft.id}", BLUESKY, "a.test", refs)
    fake_x.lookup_script.append("401")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(StatsScreen(draft.id))
        await pilot.pause()
        await app.workers.wait_for_complete()  # Bluesky, never read, is read at once
        await pilot.pause()
        bluesky_note = str(app.screen.query_one("#chart-1 .chart-note", Static).render())
        assert "Not read now: cannot reach http://127.0.0.1:9 to read the posts' counts" in (
            bluesky_note
        )
        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#yes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        x_note = str(app.screen.query_one("#chart-0 .chart-note", Static).render())
        assert "Not read now: X refused to read the posts' counts: Unauthorized" in x_note
        fake_x.lookup_script.clear()
        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#yes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row[0] for row in chart_rows(app, 0)] == ["1", "2", "3", "4"]  # X shows now
        bluesky_note = str(app.screen.query_one("#chart-1 .chart-note", Static).render())
        assert "cannot reach" in bluesky_note  # the other tab keeps its own line


async def test_a_draft_never_published_says_so_from_the_library(store: Store) -> None:
    store.create_draft("Never sent", "Words")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
        assert any("has not been published yet" in str(n.message) for n in app._notifications)
