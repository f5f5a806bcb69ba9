"""Adding an account from the app's accounts screen, as a person does, for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from support.waiting import until
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen, AddAccount


async def start_adding(app: ThreadsmithApp, pilot: Pilot[None], key: str, address: str) -> None:
    """On the accounts screen, press a network's `key` and give the login dialog the
    server's `address` (all it asks first); what comes next is the network's own."""
    app.push_screen(AccountsScreen())
    await pilot.pause()
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, AddAccount), "the login dialog")
    (field,) = app.screen.query(Input)
    field.value = address
    await pilot.press("enter")
