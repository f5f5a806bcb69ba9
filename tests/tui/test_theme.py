"""The app is light or dark as the terminal is, and keeps a theme the user picks."""

from __future__ import annotations

import os
import pty
import threading

import pytest

from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.theme import (
    DARK_THEME,
    LIGHT_THEME,
    QUERY,
    ask_terminal,
    background_of_colorfgbg,
    background_of_reply,
    terminal_background,
)


@pytest.mark.parametrize(
    ("value", "background"),
    [("15;0", "dark"), ("0;15", "light"), ("0;default;7", "light"), ("7;8", "dark"), ("", None)],
)
def test_colorfgbg_names_the_background(value: str, background: str | None) -> None:
    assert background_of_colorfgbg(value) == background


@pytest.mark.parametrize(
    ("reply", "background"),
    [
        (b"\033]11;rgb:ffff/ffff/ffff\033\\\033[?1;2c", "light"),
        (b"\033]11;rgb:1e1e/1e1e/2e2e\007\033[?62;22c", "dark"),
        (b"\033]11;rgb:fd/f6/e3\033\\", "light"),  # two hex digits a channel (Solarized light)
        (b"\033[?1;2c", None),  # a terminal that does not answer OSC 11
    ],
)
def test_the_answer_to_osc_11_names_the_background(reply: bytes, background: str | None) -> None:
    assert background_of_reply(reply) == background


def test_colorfgbg_is_trusted_without_asking_the_terminal() -> None:
    assert terminal_background({"COLORFGBG": "0;15", "TERM": "xterm"}) == "light"


def test_the_terminal_is_asked_on_a_real_pty() -> None:
    terminal, app_side = pty.openpty()
    heard = bytearray()

    def answer() -> None:  # the terminal emulator's part
        while not heard.endswith(b"\033[c"):
            heard.extend(os.read(terminal, 64))
        os.write(terminal, b"\033]11;rgb:fafa/fafa/fafa\033\\\033[?1;2c")

    emulator = threading.Thread(target=answer, daemon=True)
    emulator.start()
    try:
        reply = ask_terminal(app_side, app_side, timeout=5)
    finally:
        emulator.join(5)
        os.close(terminal)
        os.close(app_side)
    assert bytes(heard) == QUERY
    assert background_of_reply(reply) == "light"


def test_a_silent_terminal_costs_only_the_timeout() -> None:
    terminal, app_side = pty.openpty()
    try:
        assert ask_terminal(app_side, app_side, timeout=0.05) == b""
    finally:
        os.close(terminal)
        os.close(app_side)


async def test_the_theme_follows_the_terminal_until_the_user_picks_one(store: Store) -> None:
    app = ThreadsmithApp(store, background="light")
    async with app.run_test() as pilot:
        assert app.theme == LIGHT_THEME
        await pilot.pause()
        assert store.preference("theme") is None  # the terminal's theme is not a choice
        app.theme = "nord"
        await pilot.pause()
    assert store.preference("theme") == "nord"

    app = ThreadsmithApp(store, background="dark")
    async with app.run_test():
        assert app.theme == "nord"

    store.set_preference("theme", "a-theme-since-removed")
    app = ThreadsmithApp(store, background=None)
    async with app.run_test():
        assert app.theme == DARK_THEME
