"""Mastodon accounts in the app: added through the instance's authorisation page (the
code pasted in a dialog, the token kept in the keyring), and its limits read anew
before a publish."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Static

from support.app_accounts import start_adding
from support.app_publish import preview_shown
from support.browsers import a_browser
from support.fake_mastodon import FakeMastodon
from support.memory_keyring import MemoryKeyring
from support.thread_cli import PARAGRAPH
from support.waiting import until
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Ask


async def test_a_mastodon_account_is_added_through_its_authorisation_page(
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
) -> None:
    opened = a_browser(monkeypatch)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_adding(app, pilot, "m", fake_mastodon.url)
        # the app is registered in a worker, then the code is asked
        await until(pilot, lambda: isinstance(app.screen, Ask), "the code asked for")
        assert isinstance(app.screen, Ask)
        assert opened and opened[0].startswith(f"{fake_mastodon.url}/oauth/authorize")
        shown = str(app.screen_stack[-2].query_one("#add-status", Static).render())
        assert "Approve threadsmith on" in shown  # the address is said too: a browserless box
        app.screen.query_one(Input).value = fake_mastodon.code
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AccountsScreen), "the account added")
    (account,) = store.accounts()
    assert (account.network.name, account.handle) == (
        "mastodon",
        f"{fake_mastodon.username}@{fake_mastodon.host}",
    )
    assert account.settings["max_characters"] == 500  # the instance's limits, kept
    assert fake_mastodon.code not in str(store.accounts())
    (kept,) = memory_keyring.entries.values()
    assert '"access_token"' in kept


async def test_the_publish_screen_splits_with_the_instances_limits_as_they_are_now(
    fake_mastodon: FakeMastodon, store: Store
) -> None:
    handle = f"{fake_mastodon.username}@{fake_mastodon.host}"
    limits = {"max_characters": 500, "characters_reserved_per_url": 23}  # at the login
    store.add_account(network_named("mastodon"), handle, fake_mastodon.url, limits)
    fake_mastodon.max_characters = 1000  # the instance raised its limit since
    draft = store.create_draft("Funding", "\n\n".join([PARAGRAPH] * 12))
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        await app.workers.wait_for_complete()
        preview = await preview_shown(pilot)
    assert "/1000\n" in preview and "/500\n" not in preview
    (account,) = store.accounts()
    assert account.settings["max_characters"] == 1000  # kept for the next time
