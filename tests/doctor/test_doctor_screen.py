"""The app's "Check this computer" (command palette): the same findings as `thread
doctor`, each with what to do, checked in a worker and shown when they come back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from rich.console import Console
from textual.widgets import Static

from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.doctor import DoctorScreen


def text(shown: object) -> str:
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(shown)
    return console.export_text()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


async def test_check_this_computer_from_the_palette_shows_what_to_fix(
    computer: Path, no_keyring: None
) -> None:
    store = Store(computer / "app.db")
    app = ThreadsmithApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            (command,) = [
                c for c in app.get_system_commands(app.screen) if c.title == "Check this computer"
            ]
            command.callback()
            await pilot.pause()
            assert isinstance(app.screen, DoctorScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            summary = str(app.screen.query_one("#doctor-summary", Static).render())
            assert summary.startswith("2 things to fix")  # the keyring and the timer
            assert len(app.screen.query(".finding.fix")) == 2
            shown = "\n".join(text(s.content) for s in app.screen.query(".finding").results(Static))
            assert "[fix] keyring: none usable" in shown and "apt install gnome-keyring" in shown
            assert "thread schedule install" in shown
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, DoctorScreen)
    finally:
        store.close()
