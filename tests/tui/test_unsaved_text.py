"""No typed word is lost when a save fails (a full disk, a database another program
holds): the editor stays open with the text, says what failed and tries again;
closing or quitting asks (save elsewhere as Markdown / keep editing / discard)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from support.waiting import until
from threadsmith.errors import StoreError
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.dialogs import Ask
from threadsmith.tui.widgets.unsaved_dialogs import UnsavedDialog

ESSAY = "# Fair funding now\n\nEvery school needs a funding settlement that matches its needs."
FULL = "the disk holding the database at /x/threadsmith.db is full: free some space"


class FailingStore(Store):
    """A store whose draft saves fail, as on a full disk, while `failing` is set."""

    failing = False
    tries = 0  # saves that failed

    def save_draft(self, draft_id: int, over: int | None = None, **fields: object) -> int | None:
        if self.failing:
            self.tries += 1
            raise StoreError(FULL)
        return super().save_draft(draft_id, over, **fields)


def said(app: ThreadsmithApp, title: str) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == title]


async def typed_while_failing(tmp_path: Path, pilot: Pilot[None]) -> tuple[FailingStore, int]:
    """A draft open in the editor, " Last words." typed while saves fail."""
    app = pilot.app
    assert isinstance(app, ThreadsmithApp) and isinstance(app.store, FailingStore)
    draft = app.store.create_draft("Fair funding now", ESSAY)
    app.open_draft(draft.id)
    await pilot.pause()
    app.store.failing = True
    essay = app.screen.query_one("#essay", TextArea)
    essay.insert(" Last words.", essay.document.end)
    return app.store, draft.id


async def test_a_failing_save_keeps_the_text_says_why_and_tries_again(tmp_path: Path) -> None:
    store = FailingStore(tmp_path / "threadsmith.db")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        store, draft_id = await typed_while_failing(tmp_path, pilot)
        await until(pilot, lambda: bool(said(app, "Not saved")))
        assert FULL in said(app, "Not saved")[0] and "tried again" in said(app, "Not saved")[0]
        assert "move it away" not in said(app, "Not saved")[0]
        assert app.screen.sub_title == "Fair funding now · not saved"
        await until(pilot, lambda: store.tries >= 2)  # tried again, unasked
        assert len(said(app, "Not saved")) == 1  # said once, not at every try
        await pilot.press("escape")  # closing asks; the editor stays open meanwhile
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#essay", TextArea).text == ESSAY + " Last words."
        store.failing = False  # space is freed: the next try saves it, unasked
        await until(pilot, lambda: store.draft(draft_id).body == ESSAY + " Last words.")
        await until(pilot, lambda: bool(said(app, "Saved")))
        assert app.screen.sub_title == "Fair funding now"
        await pilot.press("escape")  # nothing left unsaved: it closes
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)


async def test_quitting_with_a_failed_save_saves_it_elsewhere_as_markdown(
    tmp_path: Path,
) -> None:
    store = FailingStore(tmp_path / "threadsmith.db")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed_while_failing(tmp_path, pilot)
        await pilot.press("ctrl+q")  # well inside the autosave's second: saved at once, fails
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        assert app.is_running
        await pilot.click("#export")
        await until(pilot, lambda: isinstance(app.screen, Ask))
        app.screen.query_one(Input).value = str(tmp_path / "rescued.md")
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running)
    assert (tmp_path / "rescued.md").read_text(encoding="utf-8") == ESSAY + " Last words.\n"


async def test_quitting_with_a_failed_save_can_discard_it_when_asked(tmp_path: Path) -> None:
    store = FailingStore(tmp_path / "threadsmith.db")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        _, draft_id = await typed_while_failing(tmp_path, pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.click("#discard")
        await until(pilot, lambda: not app.is_running)
    assert store.draft(draft_id).body == ESSAY


async def test_a_database_another_program_holds_is_saved_once_it_lets_go(tmp_path: Path) -> None:
    # A real lock: another connection holds the write lock; saving waits 5 s, then says so.
    path = tmp_path / "threadsmith.db"
    store = Store(path)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_draft(draft.id)
            await pilot.pause()
            holder.execute("BEGIN IMMEDIATE")
            essay = app.screen.query_one("#essay", TextArea)
            essay.insert(" Last words.", essay.document.end)
            await until(pilot, lambda: bool(said(app, "Not saved")))
            assert "is busy (another threadsmith holds it)" in said(app, "Not saved")[0]
            holder.execute("COMMIT")
            # tried again every few seconds, a try waiting up to 5 s for the lock
            await until(pilot, lambda: bool(said(app, "Saved")), timeout=60)
            assert store.draft(draft.id).body == ESSAY + " Last words."
    finally:
        holder.close()
        store.close()


async def test_a_draft_that_is_not_saved_is_not_published(tmp_path: Path) -> None:
    store = FailingStore(tmp_path / "threadsmith.db")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed_while_failing(tmp_path, pilot)
        await pilot.press("f5")  # publishing would send the text last saved
        await until(pilot, lambda: bool(said(app, "Not saved")))
        assert isinstance(app.screen, EditorScreen)
        assert any(message.startswith("Not published") for message in said(app, "Not saved"))
