"""Snapshots of the dialogs that send the person to a web page, where no browser opens
(a server, SSH): Mastodon's code dialog over the accounts screen, and the walk-through
publishing to X by hand, each at 80×24 and 120×40, and the walk-through where a
browser did open. Baselines committed after being looked at."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from support.app_publish import publish_to_the_account
from support.browsers import a_browser, no_browser
from support.memory_keyring import MemoryKeyring
from support.waiting import until
from threadsmith.network import Field, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen, asked_after_page
from threadsmith.tui.screens.assist import WalkThrough

Snap = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
PAGE = (
    "https://mastodon.example/oauth/authorize?client_id=Xk3vQ9pL2mN8rT5wY1zA6bC4dE7fG0hJ"
    "iKlMnOpQ&response_type=code&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"
    "&scope=read+write%3Astatuses+write%3Amedia"
)
CODE = Field("code", "Authorisation code (the page gives it once you approve)", option=False)
ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence for it is overwhelming & growing. Parents see it; teachers live it."
    for n in (1, 2, 3)
)


@SIZES
def test_mastodon_code_dialog_with_no_browser(
    snap_compare: Snap, store: Store, memory_keyring: MemoryKeyring, size: tuple[int, int]
) -> None:
    app = ThreadsmithApp(store)

    async def ask(pilot: Pilot[None]) -> None:
        app.push_screen(AccountsScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()  # the keyring's name, then the dialog
        mastodon = network_named("mastodon")
        app.push_screen(asked_after_page(mastodon, CODE, PAGE, opened=False))
        await pilot.pause()
        await without_blinking(pilot, app)

    assert snap_compare(app, terminal_size=size, run_before=ask)


def walk_through(app: ThreadsmithApp, draft_id: int) -> Callable[[Pilot[None]], object]:
    async def start(pilot: Pilot[None]) -> None:
        await publish_to_the_account(app, pilot, draft_id)
        await until(
            pilot,
            lambda: (
                isinstance(screen := app.screen, WalkThrough)
                and screen.question is not None
                and screen.browser is not None
            ),
            "post 1 handed over, the browser tried, its address asked",
        )
        await pilot.wait_for_scheduled_animations()
        await without_blinking(pilot, app)

    return start


async def without_blinking(pilot: Pilot[None], app: ThreadsmithApp) -> None:
    """Fields' cursors drawn exactly when they have focus: a blinking one is drawn or not
    depending on when the snapshot is taken."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@SIZES
def test_walk_through_by_hand_with_no_browser(
    snap_compare: Snap, store: Store, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setattr(webbrowser, "get", no_browser)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    assert snap_compare(app, terminal_size=size, run_before=walk_through(app, draft.id))


def test_walk_through_by_hand_with_a_browser(
    snap_compare: Snap, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_browser(monkeypatch)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    assert snap_compare(app, terminal_size=(80, 24), run_before=walk_through(app, draft.id))
