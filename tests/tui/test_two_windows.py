"""Two app windows on one draft: the second is told at once that the draft is open
elsewhere, and a save never writes over the other's newer text unseen: it asks (keep
mine as a copy / reload theirs). The other window here is its saves as its editor
makes them (`DraftEditing`), on a connection of its own; test_two_windows_tmux.py runs
two real `thread draft` processes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, TextArea

from support.waiting import until
from threadsmith.drafts import DraftSettings
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.draft_editing import DraftEditing
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.unsaved_dialogs import ConflictDialog

ESSAY = "# Fair funding now\n\nEvery school needs a funding settlement that matches its needs."


@asynccontextmanager
async def window(path: Path, draft_id: int) -> AsyncIterator[tuple[ThreadsmithApp, Pilot[None]]]:
    """The app, with its own connection to the database, editing the draft."""
    store = Store(path)
    app = ThreadsmithApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_draft(draft_id)
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            await pilot.pause()  # its notices are shown
            yield app, pilot
    finally:
        store.close()


@asynccontextmanager
async def two_windows(
    tmp_path: Path,
) -> AsyncIterator[tuple[DraftEditing, ThreadsmithApp, Pilot[None], int]]:
    """A draft open in another window first, then in the app."""
    path = tmp_path / "threadsmith.db"
    with closing(Store(path)) as store:
        draft_id = store.create_draft("Fair funding now", ESSAY).id
    with closing(Store(path)) as elsewhere:
        first = DraftEditing(elsewhere, draft_id)
        async with window(path, draft_id) as (app, pilot):
            yield first, app, pilot, draft_id


async def choose(pilot: Pilot[None], answer: str) -> None:
    """Press the dialog's button (a notice may lie over it, in the way of a click),
    once the dialog has built it: a screen is pushed before its widgets mount."""
    await until(pilot, lambda: bool(pilot.app.screen.query(f"#{answer}")))
    pilot.app.screen.query_one(f"#{answer}", Button).press()
    await pilot.pause()


def bodies(app: ThreadsmithApp) -> dict[str, str]:
    return {draft.title: draft.body for draft in app.store.drafts()}


def essay(app: ThreadsmithApp) -> TextArea:
    return app.screen.query_one("#essay", TextArea)


def append(app: ThreadsmithApp, words: str) -> None:
    essay(app).insert(words, essay(app).document.end)


def warned(app: ThreadsmithApp) -> bool:
    return any(n.title == "Open elsewhere" for n in app._notifications)


async def test_the_second_window_is_told_and_its_save_asks_then_keeps_a_copy(
    tmp_path: Path,
) -> None:
    async with two_windows(tmp_path) as (first, second, pilot, draft_id):
        assert warned(second)
        first(ESSAY + " First window's words.", DraftSettings())
        append(second, " Second window's words.")  # its autosave finds newer text
        await until(pilot, lambda: isinstance(second.screen, ConflictDialog))
        assert second.store.draft(draft_id).body == ESSAY + " First window's words."
        await choose(pilot, "copy")
        await until(pilot, lambda: len(bodies(second)) == 2)
        assert bodies(second) == {
            "Fair funding now": ESSAY + " First window's words.",
            "Fair funding now (copy)": ESSAY + " Second window's words.",
        }
        assert second.screen.sub_title == "Fair funding now (copy)"
        append(second, " More.")  # the second window edits its copy from now on
        await pilot.press("ctrl+s")
        assert first(ESSAY + " First window's words. And more.", DraftSettings())
        assert bodies(second) == {
            "Fair funding now": ESSAY + " First window's words. And more.",
            "Fair funding now (copy)": ESSAY + " Second window's words. More.",
        }


async def test_reloading_theirs_shows_their_text_and_undo_brings_mine_back(
    tmp_path: Path,
) -> None:
    async with two_windows(tmp_path) as (first, second, pilot, draft_id):
        first(ESSAY + " Theirs.", DraftSettings())
        append(second, " Mine.")
        await pilot.press("ctrl+s")  # a save asked for: the same question
        await until(pilot, lambda: isinstance(second.screen, ConflictDialog))
        await choose(pilot, "theirs")
        await until(pilot, lambda: essay(second).text == ESSAY + " Theirs.")
        assert second.screen.sub_title == "Fair funding now"  # nothing left unsaved
        essay(second).undo()
        assert essay(second).text == ESSAY + " Mine."
        await pilot.press("ctrl+s")  # now over their text, which this window has seen
        assert second.store.draft(draft_id).body == ESSAY + " Mine."


async def test_closing_over_newer_text_asks_first(tmp_path: Path) -> None:
    async with two_windows(tmp_path) as (first, second, pilot, draft_id):
        first(ESSAY + " First's.", DraftSettings())
        append(second, " Second's.")
        await pilot.press("escape")  # closing: asked, not closed, nothing written
        await until(pilot, lambda: isinstance(second.screen, ConflictDialog))
        assert str(second.screen.query_one("#theirs", Button).label) == "Discard mine"
        await pilot.press("escape")  # keep editing
        await until(pilot, lambda: isinstance(second.screen, EditorScreen))
        assert essay(second).text == ESSAY + " Second's."
        assert second.store.draft(draft_id).body == ESSAY + " First's."
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(second.screen, ConflictDialog))
        await choose(pilot, "theirs")  # discard mine: it closes, theirs kept
        await until(pilot, lambda: not isinstance(second.screen, (EditorScreen, ConflictDialog)))
        assert second.store.draft(draft_id).body == ESSAY + " First's."


async def test_a_window_that_closed_or_ended_is_no_longer_named(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with closing(Store(path)) as store:
        draft_id = store.create_draft("Fair funding now", ESSAY).id
        token, others = store.open_editor(draft_id)
        assert others == []
        store.close_editor(token)
        store._db.execute(  # a window whose process has ended (pid 2**22 + 1 runs nothing)
            "INSERT INTO draft_editors VALUES ('gone', ?, 4194305, ?, '', 0)",
            (draft_id, __import__("socket").gethostname()),
        )
    async with window(path, draft_id) as (app, pilot):
        assert not warned(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, EditorScreen))
        assert app.store._rows("SELECT * FROM draft_editors") == []
