"""Threads in the app: an account added through Meta's authorisation window (the app's
id and secret, the redirect address and the code asked in dialogs, the long-lived token
kept in the keyring), with nothing of Threads written in the app itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from support.app_accounts import start_adding
from support.browsers import a_browser
from support.fake_threads import FakeThreads
from support.memory_keyring import MemoryKeyring
from support.waiting import until
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.widgets.dialogs import Ask


async def test_a_threads_account_is_added_through_metas_authorisation_window(
    fake_threads: FakeThreads,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    opened = a_browser(monkeypatch)
    answers = {
        "Threads app id (your Meta app's)": fake_threads.app_id,
        "Threads app secret": fake_threads.app_secret,
        "Redirect address (as set in your Meta app's Threads settings)": "https://example.org/b",
        "The code, or the whole address your browser was sent to": fake_threads.code,
    }
    store = Store(tmp_path / "threadsmith.db")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_adding(app, pilot, "t", fake_threads.url)
        for label, answer in answers.items():

            def asked(label: str = label) -> bool:
                return isinstance(app.screen, Ask) and app.screen.label == label

            await until(pilot, asked, f"{label!r} asked for")
            app.screen.query_one(Input).value = answer
            await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AccountsScreen), "the account added")
    assert opened and opened[0].startswith(f"{fake_threads.url}/oauth/authorize?")
    (account,) = store.accounts()
    assert (account.network.name, account.handle, account.service) == (
        "threads", "tester", fake_threads.url,
    )  # fmt: skip
    (kept,) = memory_keyring.entries.values()
    assert json.loads(kept)["access_token"] == fake_threads.token
    assert fake_threads.app_secret not in kept  # needed once, at the login
    store.close()
