"""Snapshots of the library (drafts of one title told apart), its Delete dialog and the
statistics of a draft published to Bluesky alone, at 80×24 and 120×40
(pytest-textual-snapshot; baselines committed, each looked at before it became one)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from support.stats_data import READ_AT, published_with_readings
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import PostMetrics, network_named
from threadsmith.store import FetchedPost, Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.stats import StatsScreen

Snap = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
TITLE = "For Parents' and carers: fair funding"
ESSAY = "# Fair funding\n\n" + "\n\n".join(
    "Our schools need a funding settlement that matches the need we see every day. " * 3
    for _ in range(4)
)
POSTS = [
    "Our schools need a funding settlement that matches the need we see. 1/",
    "Class sizes have grown every year since 2015, and teachers have noticed. 2/",
    "Buildings wait for repairs: one school in five has a leaking roof. 3/",
    "Support staff are the first to go when budgets tighten. 4/",
    "Write to your representative this week: the letter is below. 5/",
]


def edited(store: Store, draft_id: int, stamp: float) -> None:
    """The draft as last edited at `stamp` (a snapshot must not depend on today)."""
    with store._write() as db:
        db.execute("UPDATE drafts SET updated = ? WHERE id = ?", (stamp, draft_id))


@pytest.fixture
def library(store: Store, utc: None) -> ThreadsmithApp:
    first = store.create_draft(TITLE, ESSAY)
    second = store.create_draft(TITLE, ESSAY + "\n\nOne more paragraph, in the second only.")
    copy = store.create_draft(f"{TITLE} (copy)", ESSAY, "#EdChat")
    rope = store.create_draft("The rope", "# The rope\n\nHold on to it.")
    published_with_readings(store, first.id)
    for number, draft in enumerate((first, second, copy, rope)):
        edited(store, draft.id, READ_AT - 3600 * number)
    return ThreadsmithApp(store)


async def on_the_published_draft(pilot: Pilot[None]) -> None:
    await pilot.pause()  # the newest edit first: the first draft, published


@SIZES
def test_library_of_drafts_with_one_title(
    snap_compare: Snap, library: ThreadsmithApp, size: tuple[int, int]
) -> None:
    assert snap_compare(library, terminal_size=size, run_before=on_the_published_draft)


@SIZES
def test_delete_dialog_names_the_draft(
    snap_compare: Snap, library: ThreadsmithApp, size: tuple[int, int]
) -> None:
    async def ask(pilot: Pilot[None]) -> None:
        await on_the_published_draft(pilot)
        await pilot.press("d")
        await pilot.pause()

    assert snap_compare(library, terminal_size=size, run_before=ask)


@SIZES
def test_stats_of_a_draft_on_bluesky_alone(
    snap_compare: Snap, store: Store, size: tuple[int, int], utc: None
) -> None:
    bluesky = network_named("bluesky")
    draft = store.create_draft(TITLE, ESSAY)
    store.add_account(bluesky, "head.teacher.test", "https://pds.example")
    run = store.create_run(f"draft:{draft.id}", bluesky, "head.teacher.test",
                           [Outgoing(n, text) for n, text in enumerate(POSTS, 1)])  # fmt: skip
    refs = [PostRef(f"3kabc{n:08d}", f"https://bsky.app/profile/head.teacher.test/post/"
                    f"3kabc{n:08d}", f"at://did:plc:abc/app.bsky.feed.post/3kabc{n:08d}",
                    "bafy") for n in range(1, 6)]  # fmt: skip
    for number, ref in enumerate(refs, 1):
        store.mark_sent(run.id, number, ref)
    store.finish_run(run.id)
    likes = [40, 26, 19, 11, 8]
    read = [FetchedPost(n, ref.url, PostMetrics(likes[n - 1], 6 - n, int(n == 2), 0))
            for n, ref in enumerate(refs, 1)]  # fmt: skip
    store.save_fetch(f"bluesky:{refs[0].uri}", bluesky, "head.teacher.test", refs[0].url,
                     run.id, read, fetched_at=READ_AT)  # fmt: skip
    app = ThreadsmithApp(store)

    async def open_stats(pilot: Pilot[None]) -> None:
        app.push_screen(StatsScreen(draft.id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_stats)
