"""Publishing to X by hand in the app, with Pilot: "X (assisted)" is offered with no
account at all, the walk-through hands each post over (copied, its compose page
opened as a reply to the last) and takes back each address; Esc stops (Ctrl+Q asks
first), and publishing again asks about the post it stopped at."""

from __future__ import annotations

from collections import deque
from functools import partial
from urllib.parse import unquote, urlsplit

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static

from support.app_publish import preview_shown, quitting_asks_once, say_yes
from support.browsers import a_browser
from support.fake_publisher import FakePublisher
from support.waiting import until
from threadsmith.essay import SplitOptions, split_for
from threadsmith.journal import RunStatus
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.assist import WalkThrough
from threadsmith.tui.screens.publish import PublishScreen

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence for it is overwhelming & growing. Parents see it; teachers live it."
    for n in (1, 2, 3)
)
TEXTS = [post.text for post in split_for(ESSAY, network_named("x"), SplitOptions()).posts]


def address(number: int) -> str:
    return f"https://x.com/campaigner/status/{1860000000000000000 + number}"


def compose(url: str) -> dict[str, str]:
    pairs = (part.split("=", 1) for part in urlsplit(url).query.split("&"))
    return {name: unquote(value) for name, value in pairs}


def asking(app: ThreadsmithApp, number: int) -> bool:
    screen = app.screen
    return (
        isinstance(screen, WalkThrough)
        and screen.question is not None
        and screen.number == number
        and app.focused is screen.query_one("#address", Input)  # ready for a paste
    )


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses the app asked a browser to open (none is started)."""
    return a_browser(monkeypatch)


async def start_by_hand(app: ThreadsmithApp, pilot: Pilot[None], draft_id: int) -> None:
    """Publish the draft to X by hand (offered with no account at all), until post 1 is
    asked for."""
    app.push_screen(PublishScreen(draft_id))
    await pilot.pause()
    (box,) = app.screen.query(Checkbox)
    assert box.label.plain == "X (assisted)"
    box.value = True
    await pilot.pause()
    await pilot.click("#go")
    await say_yes(pilot)
    await until(pilot, partial(asking, app, 1), "post 1 asked for")


async def test_an_assisted_publish_of_three_posts(store: Store, opened: list[str]) -> None:
    assert len(TEXTS) == 3
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        preview = await preview_shown(pilot)
        assert preview.startswith("── X (assisted): 3 posts ──")
        assert "bills" not in preview  # the person publishes: X bills nothing
        app.pop_screen()
        await start_by_hand(app, pilot, draft.id)
        for number, text in enumerate(TEXTS, start=1):
            await until(pilot, partial(asking, app, number))
            walk = app.screen
            assert isinstance(walk, WalkThrough)
            title = str(walk.query_one("#walk-title", Label).render())
            assert title == f"X (assisted): post {number} of 3"
            assert str(walk.query_one("#walk-text", Static).render()) == text
            assert app.clipboard == text  # copied as it was shown
            link = compose(opened[-1])
            assert link["text"] == text
            assert link.get("in_reply_to") == (address(number - 1)[-19:] if number > 1 else None)
            if number == 2:  # a wrong paste: one line, the same question
                await pilot.click("#address")
                await pilot.press(*"x.com/campaigner", "enter")
                await until(pilot, lambda w=walk: "not the address" in w.said)  # type: ignore[misc]
                assert walk.query_one("#walk-said").display and asking(app, 2)
            walk.query_one("#address", Input).value = address(number) + "?s=20"
            await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PublishScreen)  # the walk-through closed with the run
        table = app.screen.query_one("#progress", DataTable)
        states = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert states == ["sent"] * 3
        summary = str(app.screen.query_one("#publish-summary", Static).render())
        assert summary.endswith(f"The thread:\n{address(1)}")
    assert len(opened) == 3
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.status == "done" and run.handle == "campaigner"


async def test_escape_stops_and_publishing_again_asks_about_that_post(
    store: Store, opened: list[str]
) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_by_hand(app, pilot, draft.id)
        app.screen.query_one("#address", Input).value = address(1)
        await pilot.press("enter")
        await until(pilot, lambda: asking(app, 2))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PublishScreen)
        status = str(app.screen.query_one("#publish-status", Static).render())
        assert "stopped at post 2" in status
        assert [p.state for p in store.run_posts(store.runs_for(f"draft:{draft.id}")[0].id)] == [
            "sent", "sending", "pending",
        ]  # fmt: skip

        await pilot.click("#go")  # the unfinished run, resumed: X (assisted) is still ticked

        await say_yes(pilot)
        await until(pilot, lambda: asking(app, 2))
        walk = app.screen
        assert isinstance(walk, WalkThrough)
        assert walk.optional and walk.query_one("#not-published", Button).display
        await pilot.click("#not-published")  # it never went out: handed over again
        await until(pilot, lambda: asking(app, 2) and not walk.optional)
        assert compose(opened[-1]) == {"text": TEXTS[1], "in_reply_to": address(1)[-19:]}
        for number in (2, 3):
            await until(pilot, partial(asking, app, number))
            app.screen.query_one("#address", Input).value = address(number)
            await pilot.press("enter")
        await app.workers.wait_for_complete()
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.status == "done"
    assert [p.ref.url for p in store.run_posts(run.id) if p.ref] == [address(n) for n in (1, 2, 3)]


async def test_an_api_run_refused_half_way_goes_on_by_hand(store: Store, opened: list[str]) -> None:
    store.add_account(network_named("x"), "campaigner")
    draft = store.create_draft("Fair funding now", ESSAY)
    api = FakePublisher(network="x", handle="campaigner", failures=deque(["ok", "by-hand"]))
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: api)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        through_api, by_hand = app.screen.query(Checkbox)
        through_api.value = True
        await pilot.pause()
        await pilot.click("#go")
        await say_yes(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#publish-status", Static).render())
        assert "You can only reply" in status and "tick “X (assisted)” and publish again" in status

        by_hand.value = True  # the same thread, the same account: it goes on by hand
        preview = await preview_shown(pilot)
        assert preview.startswith("── X (assisted) @campaigner: 3 posts (an unfinished run")
        await pilot.click("#go")
        await say_yes(pilot)
        for number in (2, 3):
            await until(pilot, partial(asking, app, number))
            app.screen.query_one("#address", Input).value = address(number)
            await pilot.press("enter")
        await app.workers.wait_for_complete()
    assert compose(opened[0]) == {"text": TEXTS[1], "in_reply_to": api.server[0].key}
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.status == "done" and run.handle == "campaigner"
    assert [p.ref.id for p in store.run_posts(run.id) if p.ref] == [
        api.server[0].key, address(2)[-19:], address(3)[-19:],
    ]  # fmt: skip


async def test_ctrl_q_during_the_walk_through_asks_then_leaves_the_run_to_resume(
    store: Store, opened: list[str]
) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_by_hand(app, pilot, draft.id)
        await quitting_asks_once(app, pilot)  # from the dialog itself
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.is_running
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.status is RunStatus.OPEN  # publishing again goes on from post 1
