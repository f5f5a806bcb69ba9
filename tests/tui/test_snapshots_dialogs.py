"""Snapshots of the accounts screen and the schedule dialog at 80×24 and 120×40 (the
dialog on an injected clock and zone, so its "→ Mon 07 Dec 2026 15:00 UTC, in 1 h" is
fixed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from support.memory_keyring import MemoryKeyring
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.widgets.schedule_dialog import ScheduleDialog

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
NOW = datetime(2026, 12, 7, 14, 0, tzinfo=UTC).timestamp()
Snap = Callable[..., bool]


@SIZES
def test_accounts(
    snap_compare: Snap, store: Store, memory_keyring: MemoryKeyring, size: tuple[int, int]
) -> None:
    store.add_account(network_named("x"), "campaigner")
    store.add_account(network_named("bluesky"), "head.teacher.test", "https://pds.example")
    store.add_account(network_named("mastodon"), "head@mastodon.example", "https://m.example")
    app = ThreadsmithApp(store)

    async def show(pilot: Pilot[None]) -> None:
        app.push_screen(AccountsScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)


@SIZES
def test_the_schedule_dialog(snap_compare: Snap, store: Store, size: tuple[int, int]) -> None:
    app = ThreadsmithApp(store)

    async def ask(pilot: Pilot[None]) -> None:
        app.push_screen(ScheduleDialog("Schedule 13 posts", clock=lambda: NOW, zone=UTC))
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=ask)
