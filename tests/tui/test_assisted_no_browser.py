"""Publishing to X by hand in the app where no browser opens (a server, SSH): the
walk-through says so rather than "sent to your browser", and shows the compose page's
address whole, to copy (Ctrl+L, OSC 52) and open elsewhere. And after Stop, the row of
the post that was handed over no longer reads "sending…" while another network goes on."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Mapping
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Static

from support.app_publish import publish_ticking
from support.browsers import a_browser, no_browser
from support.fake_publisher import FakePublisher
from support.waiting import until
from threadsmith.network import Account, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.assist import WalkThrough
from threadsmith.tui.widgets.dialogs import Address

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence for it is overwhelming & growing. Parents see it; teachers live it."
    for n in (1, 2, 3)
)


def address(number: int) -> str:
    return f"https://x.com/campaigner/status/{1860000000000000000 + number}"


def asking(app: ThreadsmithApp, number: int) -> WalkThrough | None:
    screen = app.screen
    if isinstance(screen, WalkThrough) and screen.question is not None and screen.number == number:
        return screen
    return None


def browser_tried(app: ThreadsmithApp, number: int) -> bool | None:
    """Whether a browser opened post `number`'s page, once it is asked for (else None)."""
    walk = asking(app, number)
    return None if walk is None else walk.browser


def about(walk: WalkThrough) -> str:
    return str(walk.query_one("#walk-about", Static).render())


async def test_with_no_browser_the_walk_through_shows_the_address_to_open_elsewhere(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webbrowser, "get", no_browser)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await publish_ticking(app, pilot, draft.id)  # X by hand, and any account
        await until(pilot, lambda: browser_tried(app, 1) is False)
        walk = asking(app, 1)
        assert walk is not None and walk.handoff is not None
        said = about(walk)
        assert "sent to your browser" not in said and "open in your browser" not in said
        assert "No browser could be opened here" in said
        page = walk.query_one(Address)
        assert page.address == walk.handoff.compose_url
        assert page.address.startswith("https://x.com/intent/post?text=")
        assert page.region.height > 0 and walk.query_one("#walk-page").display
        assert str(page.render()).replace("\n", "") == page.address  # whole
        assert not walk.query_one("#open", Button).display  # nothing would open
        assert walk.query_one("#copy-address", Button).display
        assert app.clipboard == walk.handoff.post.text  # the post first, as always
        await pilot.press("ctrl+l")
        assert app.clipboard == page.address
        walk.query_one("#address", Input).value = address(1)
        await pilot.press("enter")
        await until(pilot, lambda: browser_tried(app, 2) is False)
        walk = asking(app, 2)
        assert walk is not None and walk.handoff is not None
        assert walk.query_one(Address).address == walk.handoff.compose_url  # post 2's now
        assert "in_reply_to=" in walk.handoff.compose_url
        await pilot.press("escape")
        await app.workers.wait_for_complete()


async def test_with_a_browser_it_says_the_page_is_open_there(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = a_browser(monkeypatch)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await publish_ticking(app, pilot, draft.id)  # X by hand, and any account
        await until(pilot, lambda: browser_tried(app, 1) is True)
        walk = asking(app, 1)
        assert walk is not None and walk.handoff is not None
        assert "X's compose page is open in your browser." in about(walk)
        assert opened == [walk.handoff.compose_url]
        assert not walk.query_one("#walk-page").display  # no address to copy: it is open
        assert walk.query_one("#open", Button).display
        await pilot.press("escape")
        await app.workers.wait_for_complete()


async def test_after_stop_the_post_handed_over_no_longer_reads_sending(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(webbrowser, "get", no_browser)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    held = threading.Event()  # Bluesky's first post waits: it is still going on
    bluesky = FakePublisher(gate=held)

    def factory(account: Account, options: Mapping[str, str]) -> FakePublisher:
        return bluesky

    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store, publisher_factory=factory)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await publish_ticking(app, pilot, draft.id)  # X by hand, and any account
            await until(pilot, lambda: asking(app, 1) is not None)
            app.screen.query_one("#address", Input).value = address(1)
            await pilot.press("enter")
            await until(pilot, lambda: asking(app, 2) is not None)
            await pilot.press("escape")  # Stop, with post 2 handed over
            (x_run,) = [r for r in store.runs_for(f"draft:{draft.id}") if r.network.name == "x"]
            table = app.screen.query_one("#progress", DataTable)

            def state(number: int) -> str:
                return str(table.get_cell(f"{x_run.id}:{number}", "state"))

            await until(pilot, lambda: state(2) != "sending…")
            assert [state(n) for n in (1, 2, 3)] == ["sent", "stopped", "pending"]
            assert app.screen.query_one("#progress").display  # Bluesky goes on meanwhile
            held.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
    finally:
        held.set()
    assert len(bluesky.server) == 3
