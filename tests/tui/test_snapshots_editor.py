"""Snapshots of the editor's views and dialogs at 80×24 and 120×40: every network side
by side (stacked when narrow), F3's post editor with its count, F4's settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from support.editor_app import caught_up
from support.waiting import until
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp

ESSAY = (Path(__file__).parents[2] / "examples" / "essay.md").read_text(encoding="utf-8")
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
Snap = Callable[..., bool]


def opened(store: Store, view: str = "x") -> tuple[ThreadsmithApp, Callable[..., Awaitable[None]]]:
    draft = store.create_draft("Exams", ESSAY)
    store.save_draft(draft.id, settings={"view": view})
    app = ThreadsmithApp(store)

    async def open_it(pilot: Pilot[None], *keys: str) -> None:
        app.open_draft(draft.id)
        # the engine's warm-up, then the cards (its worker may not have started yet)
        await until(pilot, lambda: caught_up(app), "the cards of the essay")
        await app.workers.wait_for_complete()
        # without a blink, a text area draws its cursor exactly when it has focus: the
        # essay is focused, and the picture waits until it knows it
        essay = app.screen.query_one("#essay", TextArea)
        essay.focus()
        await until(pilot, lambda: essay.has_focus, "the essay focused")
        for area in app.screen.query(TextArea):
            area.cursor_blink = False  # a blink would make it flaky
        if keys:
            editor = app.screen
            await pilot.press(*keys)
            await until(
                pilot,
                lambda: app.screen is not editor and app.screen.is_mounted,
                "the dialog open",
            )
            await app.workers.wait_for_complete()
            for field in [*app.screen.query(TextArea), *app.screen.query(Input)]:
                field.cursor_blink = False  # the dialog's fields blink too
        await pilot.pause()

    return app, open_it


@SIZES
def test_every_network_side_by_side_or_stacked(
    snap_compare: Snap, store: Store, size: tuple[int, int]
) -> None:
    app, open_it = opened(store, view="all")
    assert snap_compare(app, terminal_size=size, run_before=open_it)


@SIZES
def test_the_post_editor_with_its_count(
    snap_compare: Snap, store: Store, size: tuple[int, int]
) -> None:
    app, open_it = opened(store)

    async def edit(pilot: Pilot[None]) -> None:
        await open_it(pilot, "f3")

    assert snap_compare(app, terminal_size=size, run_before=edit)


@SIZES
def test_the_settings_dialog(snap_compare: Snap, store: Store, size: tuple[int, int]) -> None:
    app, open_it = opened(store)

    async def settings(pilot: Pilot[None]) -> None:
        await open_it(pilot, "f4")

    assert snap_compare(app, terminal_size=size, run_before=settings)


@SIZES
def test_one_network(snap_compare: Snap, store: Store, size: tuple[int, int]) -> None:
    app, open_it = opened(store, view="bluesky")
    assert snap_compare(app, terminal_size=size, run_before=open_it)
