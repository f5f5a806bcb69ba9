"""Scheduling in the app with Pilot: the publish screen's "Schedule…" (date and time read as
typed, who may reply and quote, what a network lacks said in the preview), the library's
"scheduled Tue 07:30 (in 3 h)" / "missed", moving and cancelling from there, and the
offer to update a scheduled thread after its draft was edited."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, Static, TextArea

from support.app_publish import preview_shown
from support.waiting import until
from threadsmith.essay import SplitOptions, split_for
from threadsmith.journal import Outgoing, RunStatus
from threadsmith.network import network_named
from threadsmith.store import Planned, Store
from threadsmith.times import local_zone
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.library import LibraryScreen
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.schedule_dialog import ScheduleDialog

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)
BLUESKY = network_named("bluesky")


def book(store: Store, draft_id: int, due: float, texts: tuple[str, ...] = ("Old 1/1",)) -> int:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    planned = Planned(BLUESKY, "tester.test", posts, {})
    return store.create_schedule(f"draft:{draft_id}", "Fair funding now", due, [planned]).id


def published_cell(app: ThreadsmithApp) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row_at(0)[-1])


async def test_schedule_from_the_publish_screen_with_who_may_reply(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    store.add_account(BLUESKY, "tester.test", "https://pds.example")
    store.add_account(network_named("mastodon"), "a@m.example", "https://m.example")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        for box in app.screen.query("#account-choices Checkbox").results(Checkbox):
            box.value = True
        app.screen.query_one("#replies", Select).value = "nobody"
        app.screen.query_one("#quotes", Select).value = "nobody"
        preview = await preview_shown(pilot)
        assert "⚠ Mastodon does not offer replies: nobody (who may reply)" in preview
        assert "⚠ Mastodon cannot apply --no-quotes" in preview  # its API is not known yet
        assert "⚠ Bluesky" not in preview
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ScheduleDialog), "the dialog")
        assert "Times are in " in str(app.screen.query_one("#zone", Label).render())
        tomorrow = datetime.now(local_zone()) + timedelta(days=1)
        app.screen.query_one("#date", Input).value = tomorrow.strftime("%Y-%m-%d")
        app.screen.query_one("#time", Input).value = "07:30"
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        question = str(app.screen.query_one(Label).render())
        assert question.startswith(
            "Schedule 3 posts to Bluesky @tester.test and 2 posts to Mastodon"
        )
        await pilot.click("#yes")
        await pilot.pause()
    (booked,) = store.schedules()
    due = tomorrow.replace(hour=7, minute=30, second=0, microsecond=0)
    assert booked.due == due.timestamp() and booked.draft_key == f"draft:{draft.id}"
    by_network = {run.network.name: run for run in booked.runs}
    assert by_network["bluesky"].options == {"replies": "nobody", "quotes": "nobody"}
    assert by_network["mastodon"].options == {}  # what it cannot do is not journalled
    assert all(run.status is RunStatus.SCHEDULED for run in booked.runs)
    assert store.open_runs() == []  # nothing to resume, nothing sent


async def test_the_date_and_time_are_read_as_they_are_typed(store: Store) -> None:
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        chosen: list[float | None] = []
        app.push_screen(ScheduleDialog("Schedule it"), chosen.append)
        await pilot.pause()
        date, clock = app.screen.query_one("#date", Input), app.screen.query_one("#time", Input)
        when, ok = app.screen.query_one("#when", Label), app.screen.query_one("#ok", Button)
        assert not ok.disabled and str(when.render()).startswith("→ ")  # the next whole hour
        date.value = "2020-01-01"
        await pilot.pause()
        assert ok.disabled and "is in the past" in str(when.render())
        date.value, clock.value = "tomorrow", "25:00"
        await pilot.pause()
        assert ok.disabled and "cannot read the time of day" in str(when.render())
        clock.value = "07:05"
        await pilot.pause()
        assert not ok.disabled and "07:05" in str(when.render())
        await pilot.click("#ok")
        await pilot.pause()
    (due,) = chosen
    assert (
        due is not None and datetime.fromtimestamp(due, local_zone()).strftime("%H:%M") == "07:05"
    )


async def test_the_library_shows_when_and_cancels_or_moves_it(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    schedule_id = book(store, draft.id, time.time() + 3 * 3600 + 30)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert published_cell(app).startswith("scheduled ")
        assert published_cell(app).endswith(" (in 3 h)")
        line = str(app.screen.query_one("#library-schedule", Static).render())
        assert "to Bluesky @tester.test. t moves it, x cancels it." in line
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleDialog)
        app.screen.query_one("#date", Input).value = "tomorrow"
        app.screen.query_one("#time", Input).value = "06:45"
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        moved = datetime.fromtimestamp(store.schedule(schedule_id).due, local_zone())
        assert moved.strftime("%H:%M") == "06:45"
        assert published_cell(app).startswith(f"scheduled {moved.strftime('%a')} 06:45 (in ")
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert [run.status for run in store.schedule(schedule_id).runs] == [RunStatus.CANCELLED]
        assert published_cell(app) == "never"
        assert not app.screen.query_one("#library-schedule", Static).display


async def test_a_missed_thread_says_so_in_the_library(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    schedule_id = book(store, draft.id, time.time() - 86400)
    (run,) = store.schedule(schedule_id).runs
    store.miss(run.id, "found 1 day late")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert published_cell(app) == "missed"
        line = str(app.screen.query_one("#library-schedule", Static).render())
        assert line.startswith("Scheduled: missed its time, ")


async def test_editing_a_scheduled_draft_offers_to_update_the_thread(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    schedule_id = book(store, draft.id, time.time() + 3600)  # "Old 1/1" is not the essay
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#library-schedule", Static)
        assert "differs from the draft now: u updates it" in str(line.render())
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.title == "Scheduled" for n in app._notifications)
        app.screen.query_one("#essay", TextArea).insert("A new opening. ")
        await pilot.press("escape")
        await pilot.pause()
        question = str(app.screen.query_one(Label).render())
        assert "differs from the draft now. Update it?" in question
        await pilot.press("left", "enter")  # "Update it"
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "differs" not in str(app.screen.query_one("#library-schedule", Static).render())
    (run,) = store.schedule(schedule_id).runs
    body = store.draft(draft.id).body
    assert body.startswith("A new opening. ")
    expected = [post.text for post in split_for(body, BLUESKY, SplitOptions()).posts]
    assert [post.text for post in store.run_posts(run.id)] == expected
    assert run.status is RunStatus.SCHEDULED
