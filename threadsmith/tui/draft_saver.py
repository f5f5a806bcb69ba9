"""Saves an editor's draft: within a second of a change, and at once when asked.

Saving a 5 MB essay takes ~70 ms (reading the saved draft, finding its title,
writing the text), too long to take out of the typing: a long essay's autosave
runs in a worker thread. A save asked for (Ctrl+S, closing, quitting, publishing)
runs at once, after any save under way; a save never writes an older text over a
newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from threadsmith.drafts import DraftSettings
from threadsmith.errors import ThreadsmithError

AUTOSAVE_DELAY = 0.5  # seconds: a change is saved within a second
SAVE_IN_FRAME_UP_TO = 200_000  # characters; a longer essay's autosave runs in a worker

Autosave = Callable[[str, DraftSettings], str | None]  # returns the draft's title


class DraftSaver:
    """Saves the essay `essay()` gives with `save`, telling `saved` its title."""

    def __init__(
        self,
        screen: Screen[None],
        save: Autosave,
        essay: Callable[[], tuple[str, DraftSettings]],
        length: Callable[[], int],
        saved: Callable[[str], None],
    ) -> None:
        self._screen = screen
        self._save = save
        self._essay = essay  # on the UI thread: the text and settings as they stand
        self._length = length  # the essay's length, cheaply
        self._saved = saved
        self._timer: Timer | None = None
        self._lock = Lock()  # one save at a time
        self._numbered = 0  # saves asked for, in order
        self._written = 0  # the latest written
        self._worker: Worker[str | None] | None = None
        self._stopped = False

    def changed(self) -> None:
        """The essay changed: save it within `AUTOSAVE_DELAY` of the first change."""
        if self._timer is None:
            self._timer = self._screen.set_timer(AUTOSAVE_DELAY, self._autosave)

    def now(self) -> None:
        """Save at once (after a save under way), on the UI thread."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text, settings = self._essay()
        try:
            title = self._write(text, settings, self._number())
        except ThreadsmithError as error:
            self._failed(str(error))
            return
        if title:
            self._saved(title)

    def _autosave(self) -> None:
        self._timer = None
        if self._length() <= SAVE_IN_FRAME_UP_TO:
            self.now()
            return
        text, settings = self._essay()
        number = self._number()

        def save() -> str | None:
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
        if event.state == WorkerState.SUCCESS and worker.result:
            self._saved(worker.result)
        elif event.state == WorkerState.ERROR:
            if not isinstance(worker.error, _NotSaved):
                raise worker.error  # type: ignore[misc]  # a bug: as loud as on the UI thread
            self._failed(str(worker.error))
        return True

    def _number(self) -> int:
        self._numbered += 1
        return self._numbered

    def stop(self) -> None:
        """No more saves from workers; returns once a save under way has ended (the
        editor is closing: the database may be closed next)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self._lock:
            self._stopped = True

    def _write(
        self, text: str, settings: DraftSettings, number: int, in_worker: bool = False
    ) -> str | None:
        """Save `text` unless a save asked for later has been written already (or, in a
        worker, the saver has stopped)."""
        with self._lock:
            if number < self._written or (in_worker and self._stopped):
                return None
            title = self._save(text, settings)
            self._written = number
            return title

    def _failed(self, message: str) -> None:
        self._screen.notify(message, title="Not saved", severity="error", markup=False)


class _NotSaved(Exception):
    """A save in a worker thread failed with a `ThreadsmithError`'s message."""
