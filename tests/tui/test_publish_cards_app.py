"""The app's publish screen while a Bluesky link card reads its page: the posts are
planned in a thread, so a slow site never holds the app up; the card then shows."""

from __future__ import annotations

import threading
from dataclasses import replace

from textual.widgets import Checkbox, Static

from support.app_publish import preview_shown
from support.pages import Pages, og_page
from support.waiting import until
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen


async def test_the_screen_answers_while_a_linked_page_is_read_then_shows_its_card(
    store: Store, pages: Pages
) -> None:
    release = threading.Event()
    pages.pages["/letter"] = replace(og_page("Our letter", "What we asked for"), held=release)
    store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    draft = store.create_draft("Letter", f"Our letter is out. Read it: {pages.url('/letter')}\n")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await until(pilot, lambda: isinstance(app.screen, PublishScreen) and app.screen.listed)
        screen = app.screen
        screen.query_one(Checkbox).value = True
        await until(pilot, lambda: pages.hits["/letter"] == 1, "the page asked for")
        # the page is held: the app still answers, and says the preview is on its way
        assert screen.has_class("-planning")
        assert screen.query_one("#publish-preview").border_subtitle == "updating…"
        await pilot.press("tab")
        await until(pilot, lambda: screen.focused is not screen.query_one(Checkbox))
        release.set()
        preview = await preview_shown(pilot)
        assert "Our letter" in preview and "127.0.0.1" in preview
        assert not screen.query_one("#publish-preview").border_subtitle
        assert str(screen.query_one("#preview-text", Static).render()) == preview
