"""The app's statistics screen reading a real AppView: a draft's thread published to the
local PDS, liked and replied to by another account, indexed; from the library, `s`
opens the screen, which reads Bluesky at once (never read before) in its worker."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from atproto import models
from textual.widgets import DataTable, Static

from support.appview import LocalAppView
from support.pds import LocalPDS
from support.stats_data import record_run
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import network_named
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky.publisher import BlueskyPublisher
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.stats import StatsScreen
from threadsmith.tui.widgets.post_chart import PostChart

pytestmark = pytest.mark.realparts


def strong(ref: PostRef) -> models.ComAtprotoRepoStrongRef.Main:
    return models.ComAtprotoRepoStrongRef.Main(uri=ref.uri, cid=ref.cid)


async def test_the_screen_reads_the_counts_from_the_appview(
    store: Store, pds: LocalPDS, appview: LocalAppView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THREADSMITH_BSKY_APPVIEW", appview.url)
    author, fan = pds.create_account("author"), pds.create_account("fan")
    sessions: list[str] = []
    sender = BlueskyPublisher(author.handle, pds.url, author.password, None, sessions.append,
                              IMAGES)  # fmt: skip
    refs: list[PostRef] = []
    try:
        for number in range(1, 4):
            parent = refs[-1] if refs else None
            refs.append(sender.send(Outgoing(number, f"Post {number} on fair funding."),
                                    key=sender.new_key(), root=refs[0] if refs else None,
                                    parent=parent))  # fmt: skip
    finally:
        sender.close()
    draft = store.create_draft("Fair funding", "The essay")
    store.add_account(network_named("bluesky"), author.handle, pds.url)
    record_run(store, f"draft:{draft.id}", network_named("bluesky"), author.handle, refs)
    client = pds.client(fan)
    try:
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        client.app.bsky.feed.like.create(
            fan.did, models.AppBskyFeedLike.Record(subject=strong(refs[0]), created_at=now)
        )
        reply = models.AppBskyFeedPost.ReplyRef(root=strong(refs[0]), parent=strong(refs[1]))
        client.app.bsky.feed.post.create(
            fan.did, models.AppBskyFeedPost.Record(text="Yes.", reply=reply, created_at=now)
        )
    finally:
        client.request.close()
    appview.wait_until_indexed(author, fan)

    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#chart-0", PostChart).query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        # post, its first words, likes, reposts, replies (by others), quotes, and the bar
        # with engagements
        assert [row[:6] for row in rows] == [
            ["1", "Post 1", "1", "0", "0", "0"], ["2", "Post 2", "0", "0", "1", "0"],
            ["3", "Post 3", "0", "0", "0", "0"],
        ]  # fmt: skip
        assert [row[6].split()[-1] for row in rows] == ["1", "1", "0"]
        assert rows[0][6].startswith("█") and not rows[2][6].startswith("█")
        summary = str(app.screen.query_one("#chart-0 .chart-summary", Static).render())
        assert summary.startswith("Read-through 0% (post 3's engagements ÷ post 1's)")
    assert len(store.fetches(f"bluesky:{refs[0].uri}")) == 1
