"""Saves an editor's draft: within a second of a change, and at once when asked.

Saving a 5 MB essay takes ~70 ms (reading the saved draft, finding its title,
writing the text), too long to take out of the typing: a long essay's autosave
runs in a worker thread. A save asked for (Ctrl+S, closing, quitting, publishing)
runs at once, after any save under way; a save never writes an older text over a
newer one.

No typed word is lost. A save that fails (a full disk, a database another program
holds) leaves the text in the editor, says what failed ("not saved" stays in the
header until a save succeeds) and is tried again every `RETRY_EVERY` seconds;
closing then asks: save it elsewhere as Markdown, keep editing, or discard it. A
save that would write over newer text from another window writes nothing and asks:
keep this window's text as a copy, reload the other's, or decide later.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import Worker, WorkerState

from threadsmith.drafts import DraftSettings, draft_title, settings_json
from threadsmith.errors import ThreadsmithError
from threadsmith.tui.draft_editing import Conflict, DraftEditing
from threadsmith.tui.widgets import unsaved_dialogs as ask

if TYPE_CHECKING:
    from pathlib import Path

    from threadsmith.tui.base import AppScreen

AUTOSAVE_DELAY = 0.5  # seconds: a change is saved within a second
RETRY_EVERY = 3.0  # seconds between tries of a save that failed
SAVE_IN_FRAME_UP_TO = 200_000  # characters; a longer essay's autosave runs in a worker
NOT_SAVED = " · not saved"  # after the draft's title in the header

# Saves the text and settings: the draft's title, None when there was nothing to save,
# or the `Conflict` (newer text from another window) that kept it from saving.
Autosave = Callable[[str, DraftSettings], str | Conflict | None]
Then = Callable[[], None]


class DraftSaver:
    """Saves the essay `essay()` gives with `save`, telling `saved` its title; `load`
    puts another window's text and settings in the editor."""

    def __init__(
        self,
        screen: AppScreen[None],
        save: Autosave,
        essay: Callable[[], tuple[str, DraftSettings]],
        length: Callable[[], int],
        saved: Callable[[str], None],
        load: Callable[[str, DraftSettings], None] | None = None,
    ) -> None:
        self._screen = screen
        self._save = save
        self._editing = save if isinstance(save, DraftEditing) else None  # the app's
        self._essay = essay  # on the UI thread: the text and settings as they stand
        self._length = length  # the essay's length, cheaply
        self._saved = saved
        self._load = load
        self._timer: Timer | None = None
        self._lock = Lock()  # one save at a time
        self._numbered = 0  # saves asked for, in order
        self._written = 0  # the latest written
        self._worker: Worker[str | Conflict | None] | None = None
        self._stopped = False
        self._changes = 0  # changes to the essay, counted on the UI thread
        self._change_of: dict[int, int] = {}  # save number -> the changes its text holds
        self._saved_up_to = 0  # the changes the saved text holds
        self.failure: str | None = None  # why the last save failed, until one succeeds
        self._conflict: Conflict | None = None  # newer text elsewhere, not yet answered
        self._asking = False  # a question about the unsaved text is on screen
        self._let_go = False  # the person discarded the text, or saved it elsewhere

    @property
    def unsaved(self) -> bool:
        """Whether the editor holds text (or settings) the draft does not."""
        if self._let_go:
            return False
        return bool(self.failure or self._conflict or self._saved_up_to < self._changes)

    def changed(self) -> None:
        """The essay changed: save it within `AUTOSAVE_DELAY` of the first change."""
        self._changes += 1
        self._let_go = False
        if self._timer is None and self._conflict is None:
            self._timer = self._screen.set_timer(AUTOSAVE_DELAY, self._autosave)

    def now(self, then: Then | None = None) -> None:
        """Save at once (after a save under way), on the UI thread; then, if given,
        `then()` once nothing typed is left unsaved, or the person has chosen what to do
        with it (not at all if they keep editing)."""
        if then is not None and self.failure is not None and not self._let_go:
            self._ask_unsaved(then)  # at once: a try may take seconds to fail again; the
            return  # tries go on meanwhile
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._let_go:
            if then is not None:
                then()
            return
        text, settings = self._essay()
        try:
            result = self._write(text, settings, self._number())
        except ThreadsmithError as error:
            self._failed(str(error))
            if then is not None:
                self._ask_unsaved(then)
            return
        self._took(result, then)

    def _autosave(self, in_frame: bool = True) -> None:
        self._timer = None
        if in_frame and self._length() <= SAVE_IN_FRAME_UP_TO:
            self.now()
            return
        text, settings = self._essay()
        number = self._number()

        def save() -> str | Conflict | None:
            try:
                return self._write(text, settings, number, in_worker=True)
            except ThreadsmithError as error:
                raise _NotSaved(str(error)) from None

        self._worker = self._screen.run_worker(
            save, name="autosave", group="autosave", thread=True, exit_on_error=False
        )

    def finished(self, event: Worker.StateChanged) -> bool:
        """Take a worker's end (the screen passes on each `Worker.StateChanged`); True if
        it was an autosave's."""
        worker = event.worker
        if worker is not self._worker:
            return False
        if event.state == WorkerState.SUCCESS:
            self._took(worker.result)
        elif event.state == WorkerState.ERROR:
            if not isinstance(worker.error, _NotSaved):
                raise worker.error  # type: ignore[misc]  # a bug: as loud as on the UI thread
            self._failed(str(worker.error))
        return True

    def _number(self) -> int:
        """The next save's number, noting the changes its text (read just now) holds."""
        self._numbered += 1
        self._change_of[self._numbered] = self._changes
        return self._numbered

    def stop(self) -> None:
        """No more saves from workers; returns once a save under way has ended (the
        editor is closing: the database may be closed next)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self._lock:
            self._stopped = True
        if self._editing is not None and self.failure is None:  # (a failing database
            self._editing.release()  # would hold the exit; the note goes with the process)

    def _write(
        self, text: str, settings: DraftSettings, number: int, in_worker: bool = False
    ) -> str | Conflict | None:
        """Save `text` unless a save asked for later has been written already (or, in a
        worker, the saver has stopped)."""
        with self._lock:
            changes = self._change_of.pop(number, 0)
            if number < self._written or (in_worker and self._stopped):
                return None
            result = self._save(text, settings)
            if not isinstance(result, Conflict):
                self._written = number
                self._saved_up_to = max(self._saved_up_to, changes)
            return result

    def _took(self, result: str | Conflict | None, then: Then | None = None) -> None:
        """A save's result, on the UI thread."""
        if isinstance(result, Conflict):
            self._conflicted(result, then)
            return
        self._conflict = None
        if self.failure is not None:
            self.failure = None
            self._screen.notify("The draft is saved again.", title="Saved", markup=False)
        self._mark(unsaved=False)
        if result:
            self._saved(result)
        if then is not None:
            then()

    def _failed(self, message: str) -> None:
        if message != self.failure:  # said once, not at every try
            self._screen.notify(
                f"{message}.\nWhat you typed stays here; saving is tried again every "
                f"{RETRY_EVERY:g} s.",
                title="Not saved",
                severity="error",
                timeout=12,
                markup=False,
            )
        self.failure = message
        self._mark(unsaved=True)
        if self._timer is None and not self._stopped:  # tried again in a worker: a busy
            # database may take seconds to say so, which would hold the typing
            self._timer = self._screen.set_timer(RETRY_EVERY, lambda: self._autosave(False))

    def _mark(self, unsaved: bool) -> None:
        """Say "not saved" in the header after the draft's title, or no longer."""
        title = self._title()
        self._screen.sub_title = title + NOT_SAVED if unsaved else title

    def _title(self) -> str:
        """The draft's title, as the header shows it."""
        return (self._screen.sub_title or "").removesuffix(NOT_SAVED)

    # --- asking the person -----------------------------------------------------------

    def _ask_unsaved(self, then: Then) -> None:
        """Closing with text a save failed to keep: save it elsewhere, keep editing, or
        discard it."""
        if self._asking:
            return
        self._asking = True
        title = self._title() or "This draft"

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == ask.DISCARD:
                self._let_go = True
                self._screen.app.call_later(then)  # once the dialog has gone
            elif choice == ask.EXPORT:
                self._save_elsewhere(then)

        reason = self.failure or "the database could not be written"
        self._screen.app.clear_notifications()  # they would lie over its buttons
        self._screen.app.push_screen(ask.UnsavedDialog(title, reason), answer)

    def _save_elsewhere(self, then: Then) -> None:
        """Export the essay as it stands as Markdown; once written, `then()`."""
        from threadsmith.store import Draft
        from threadsmith.tui.draft_actions import export

        text, settings = self._essay()
        source = self._editing.source if self._editing is not None else None
        title = draft_title(text) or self._title()
        draft = Draft(0, title, "", text, settings_json(settings, source), 0.0, 0.0)

        def written(path: Path) -> None:
            self._let_go = True
            self._screen.app.call_later(then)  # once the dialog has gone

        export(self._screen, draft, written)

    def _conflicted(self, conflict: Conflict, then: Then | None) -> None:
        """A save found newer text from another window: ask what to do."""
        self._conflict = conflict
        self._mark(unsaved=True)
        if self._asking or self._editing is None:
            return
        self._asking = True
        closing = then is not None

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == ask.COPY:
                self._keep_as_copy(then)
            elif choice == ask.THEIRS and then is not None:  # closing: discard mine
                self._let_go = True
                self._screen.app.call_later(then)  # once the dialog has gone
            elif choice == ask.THEIRS and conflict.theirs is not None:
                self._reload(conflict)

        dialog = ask.ConflictDialog(conflict.message, conflict.theirs is not None, closing)
        self._screen.app.clear_notifications()  # they would lie over its buttons
        self._screen.app.push_screen(dialog, answer)

    def _keep_as_copy(self, then: Then | None) -> None:
        assert self._editing is not None  # only the app's saves find conflicts
        text, settings = self._essay()
        number = self._number()
        try:
            with self._lock:
                title = self._editing.keep_as_copy(text, settings)
                self._written = number
                self._saved_up_to = max(self._saved_up_to, self._change_of.pop(number, 0))
        except ThreadsmithError as error:
            self._failed(str(error))
            if then is not None:
                self._ask_unsaved(then)
            return
        self._screen.notify(
            f"Your text is now a draft of its own, “{title}”; the other window's is as it "
            "saved it.",
            title="Kept as a copy",
            markup=False,
        )
        self._took(title, then)

    def _reload(self, conflict: Conflict) -> None:
        assert self._editing is not None and conflict.theirs is not None
        with self._lock:
            text, settings = self._editing.take_theirs(conflict.theirs)
        self._saved_up_to = self._changes  # this window's text is set aside (Ctrl+Z)
        self._took(conflict.theirs.title)
        if self._load is not None:
            self._load(text, settings)


class _NotSaved(Exception):
    """A save in a worker thread failed with a `ThreadsmithError`'s message."""
