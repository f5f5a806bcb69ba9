"""Snapshots of each screen at fixed sizes (pytest-textual-snapshot; baselines committed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, TabbedContent, TextArea

from support.app_publish import say_yes
from support.editor_app import caught_up
from support.fake_publisher import FakePublisher
from support.memory_keyring import MemoryKeyring
from support.stats_data import READ_AT, published_with_readings
from support.waiting import until
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.screens.stats import StatsScreen
from threadsmith.tui.widgets.publish_progress import PublishSummary

ESSAY = (Path(__file__).parents[2] / "examples" / "essay.md").read_text(encoding="utf-8")
Snap = Callable[..., bool]


@pytest.fixture
def library(store: Store, utc: None) -> ThreadsmithApp:
    store.create_draft("Exams in a pandemic year: trust the teachers", ESSAY, "#EdChat")
    store.create_draft("Hungry children cannot learn", "# Hungry children\n\nFeed them.")
    with store._write() as db:  # the line under the table says when: not today's time
        db.execute("UPDATE drafts SET updated = ? - id * 60", (READ_AT,))
    return ThreadsmithApp(store)


def test_library(snap_compare: Snap, library: ThreadsmithApp) -> None:
    assert snap_compare(library, terminal_size=(100, 30))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_editor_with_a_real_essay(snap_compare: Snap, store: Store, size: tuple[int, int]) -> None:
    draft = store.create_draft("Exams", ESSAY)
    app = ThreadsmithApp(store)

    async def open_it(pilot: Pilot[None]) -> None:
        app.open_draft(draft.id)
        # the engine's warm-up, then the cards
        await until(pilot, lambda: caught_up(app), "the cards of the essay")
        await app.workers.wait_for_complete()
        essay = app.screen.query_one(TextArea)
        essay.focus()  # without a blink, its cursor is drawn exactly when it has focus
        await until(pilot, lambda: essay.has_focus, "the essay focused")
        essay.cursor_blink = False  # a blink would make it flaky
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_it)


def test_publish_progress(snap_compare: Snap, store: Store) -> None:
    draft = store.create_draft("Exams", ESSAY)
    store.add_account(network_named("bluesky"), "campaigner.test", "https://pds.example")
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: FakePublisher())

    async def publish(pilot: Pilot[None]) -> None:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        await pilot.click("#go")
        await say_yes(pilot)
        await app.workers.wait_for_complete()
        summary = app.screen.query_one(PublishSummary)
        await until(pilot, lambda: summary.links, "the thread's link shown")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=publish)


def test_accounts(snap_compare: Snap, store: Store, memory_keyring: MemoryKeyring) -> None:
    store.add_account(network_named("x"), "campaigner")
    store.add_account(network_named("bluesky"), "head.teacher.test", "https://pds.example")
    app = ThreadsmithApp(store)

    async def show(pilot: Pilot[None]) -> None:
        app.push_screen(AccountsScreen())
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_stats_of_a_draft_published_to_two_networks(
    snap_compare: Snap, store: Store, size: tuple[int, int], utc: None
) -> None:
    draft = store.create_draft("Exams in a pandemic year: trust the teachers", ESSAY)
    published_with_readings(store, draft.id)
    app = ThreadsmithApp(store)

    async def open_stats(pilot: Pilot[None]) -> None:
        app.push_screen(StatsScreen(draft.id))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_stats)


def test_stats_of_x_with_impressions_at_80x24(snap_compare: Snap, store: Store, utc: None) -> None:
    draft = store.create_draft("Exams", ESSAY)
    published_with_readings(store, draft.id, x_read=True)
    app = ThreadsmithApp(store)

    async def open_x(pilot: Pilot[None]) -> None:
        app.push_screen(StatsScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "thread-1"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_x)
