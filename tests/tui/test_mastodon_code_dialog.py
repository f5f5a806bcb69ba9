"""Adding a Mastodon account in the app where no browser opens (a server, SSH): the code
dialog itself shows the authorisation page's address, whole, copyable (Ctrl+Y, OSC 52)
and selectable, says that no browser could open it, and the address is the one to
open (no `force_login=False&state=None&lang=None`). With a browser, it says the page
is open there, and still shows the address."""

from __future__ import annotations

import urllib.request
import webbrowser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from support.app_accounts import start_adding
from support.browsers import a_browser, no_browser
from support.fake_mastodon import FakeMastodon
from support.memory_keyring import MemoryKeyring
from support.waiting import until
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.widgets.dialogs import Address, Ask


async def to_the_code_dialog(app: ThreadsmithApp, pilot: Pilot[None], instance: str) -> Ask:
    await start_adding(app, pilot, "m", instance)
    await until(pilot, lambda: isinstance(app.screen, Ask))  # registered in a worker first
    assert isinstance(app.screen, Ask)
    return app.screen


def shown(dialog: Ask, selector: str) -> str:
    return str(dialog.query_one(selector).render())


async def test_with_no_browser_the_code_dialog_shows_the_address_to_open_elsewhere(
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
) -> None:
    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await to_the_code_dialog(app, pilot, fake_mastodon.url)
        assert shown(dialog, ".dialog-title") == (
            f"Mastodon: approve threadsmith on {fake_mastodon.host}"
        )
        about = shown(dialog, "#ask-about")
        assert about.startswith("No browser could be opened here. Open this address")
        address = dialog.query_one(Address)
        url = address.address
        assert str(address.render()).replace("\n", "") == url  # whole, only wrapped
        assert address.region.bottom <= dialog.query_one("#answer").region.y  # not covered
        # the address is the page to open: the instance's, with what OAuth needs, no more
        assert url.startswith(f"{fake_mastodon.url}/oauth/authorize?")
        query = parse_qs(urlsplit(url).query)
        assert sorted(query) == ["client_id", "redirect_uri", "response_type", "scope"]
        assert query["client_id"] == [fake_mastodon.apps[-1]["client_id"]]
        assert query["scope"] == ["read write:statuses write:media"]
        assert query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"]
        for noise in ("force_login", "state=", "lang=", "None", "False"):
            assert noise not in url
        with urllib.request.urlopen(url, timeout=10) as page:  # it opens, elsewhere
            assert fake_mastodon.code in page.read().decode()
        await pilot.press("ctrl+y")  # copied to the terminal's clipboard (OSC 52)
        assert app.clipboard == url
        address.text_select_all()  # and selectable with the mouse, as one address
        await pilot.pause()
        assert dialog.get_selected_text() == url
        dialog.query_one("#answer", Input).value = fake_mastodon.code
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AccountsScreen))
    (account,) = store.accounts()
    assert account.handle == f"{fake_mastodon.username}@{fake_mastodon.host}"


async def test_with_a_browser_the_dialog_says_the_page_is_open_there(
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
) -> None:
    opened = a_browser(monkeypatch)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await to_the_code_dialog(app, pilot, fake_mastodon.url)
        assert shown(dialog, "#ask-about").startswith("Your browser shows the page")
        assert opened == [dialog.query_one(Address).address]
        await pilot.press("escape")
        await pilot.pause()
    assert store.accounts() == []


async def test_a_text_browser_is_not_started_over_the_app(
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
    tmp_path: Path,
) -> None:
    """Over SSH Python finds only text browsers (lynx, w3m), which would run in the
    terminal the app is drawn on: none is started, and the dialog says so."""
    started = tmp_path / "started"  # what the text browser would have been given
    lynx = webbrowser.GenericBrowser(["sh", "-c", f'echo "$0" >> {started}', "%s"])
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "get", lambda using=None: lynx)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await to_the_code_dialog(app, pilot, fake_mastodon.url)
        assert shown(dialog, "#ask-about").startswith("No browser could be opened here.")
        assert isinstance(dialog.query_one("#answer"), Input)
        assert str(dialog.query_one(Label).render()).startswith("Mastodon: approve")
    assert not started.exists()
