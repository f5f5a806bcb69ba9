"""One app window's hold on a draft: it saves the essay only over the revision it last
read or wrote, so a save never writes over newer text from another window unseen;
it notes that the draft is open here, and hears of the other windows it is open in.

When another window saved meanwhile (or deleted the draft), a save writes nothing and
says so (`Conflict`); the person then keeps theirs as a copy or takes the other one.
"""

from __future__ import annotations

import json
import socket
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from threadsmith.drafts import UNTITLED, DraftSettings, draft_title, settings_json, settings_of
from threadsmith.errors import StoreError

if TYPE_CHECKING:
    from threadsmith.store import Draft, Store
    from threadsmith.store.drafts import Editor


@dataclass(frozen=True)
class Conflict:
    """A save that wrote nothing: the draft changed (or went) since this window read it."""

    theirs: Draft | None  # the draft as saved now; None when it was deleted

    @property
    def message(self) -> str:
        if self.theirs is None:
            return "This draft was deleted in another window while you were writing."
        return (
            "This draft was changed in another window since this one last saved it: saving "
            "here would write over that text, so nothing was saved."
        )


class DraftEditing:
    """Saves one draft's essay for an editor (an editor's `Autosave`)."""

    def __init__(self, store: Store, draft_id: int) -> None:
        self._store = store
        draft = store.draft(draft_id)
        self.source = draft.settings.get("source")
        self._token: str | None = None
        self.others: list[Editor] = []  # the other windows the draft is open in
        self._note(draft_id)
        self._read(draft)

    def _note(self, draft_id: int) -> None:
        """Note that the draft is open here (not at all if the database cannot be written
        now: the editor opens all the same, and its saves still never overwrite newer text)."""
        try:
            self._token, self.others = self._store.open_editor(draft_id)
        except StoreError:
            self._token, self.others = None, []

    def _read(self, draft: Draft) -> None:
        self.draft_id, self.revision = draft.id, draft.revision
        # the settings as this window would save them (a default filled in is no change)
        self._body, self._settings = draft.body, settings_json(settings_of(draft), self.source)

    def __call__(self, text: str, settings: DraftSettings) -> str | Conflict | None:
        """Save `text` and `settings` unless another window saved meanwhile: the draft's
        title, None when there was nothing new to save, or the `Conflict`."""
        stored = settings_json(settings, self.source)
        if text == self._body and _same(stored, self._settings):
            return None
        saved = self._store.find_draft(self.draft_id)
        if saved is None or saved.revision != self.revision:
            return Conflict(saved)
        named_by_user = saved.title != (draft_title(saved.body) or saved.title)  # renamed
        title = saved.title if named_by_user else draft_title(text) or saved.title
        revision = self._store.save_draft(
            self.draft_id, over=self.revision, body=text, title=title, settings=stored
        )
        if revision is None:  # another window saved between the two
            return Conflict(self._store.find_draft(self.draft_id))
        self.revision, self._body, self._settings = revision, text, stored
        return title

    def keep_as_copy(self, text: str, settings: DraftSettings) -> str:
        """Save `text` as a new draft, which this window edits from now on: its title."""
        saved = self._store.find_draft(self.draft_id)
        title = draft_title(text) or (saved.title if saved else UNTITLED)
        copy = self._store.create_draft(f"{title} (copy)", text, saved.campaign if saved else "")
        self._store.save_draft(copy.id, settings=settings_json(settings, self.source))
        self.release()
        self._note(copy.id)
        self._read(self._store.draft(copy.id))
        return copy.title

    def take_theirs(self, theirs: Draft) -> tuple[str, DraftSettings]:
        """Edit the draft as the other window saved it from now on: its text and settings."""
        self._read(theirs)
        return theirs.body, settings_of(theirs)

    def release(self) -> None:
        """The window closes: the draft is no longer open here (a note left behind by a
        failing database is forgotten once this process has ended)."""
        if self._token is not None:
            with suppress(StoreError):
                self._store.close_editor(self._token)
            self._token = None


def open_elsewhere(others: list[Editor]) -> str:
    """What a window is told when the draft it opens is open in others too."""
    here = socket.gethostname()
    where = ", ".join(
        f"pid {other.pid}" + ("" if other.host == here else f" on {other.host}") for other in others
    )
    return (
        f"This draft is open in another threadsmith window too ({where}). Edits there and "
        "here are kept apart: a save that would write over newer text from there asks first."
    )


def _same(settings: dict[str, object], saved: dict[str, object]) -> bool:
    """Whether `settings` are those saved (as JSON keeps them: a tuple comes back a list)."""
    return json.dumps(settings, sort_keys=True) == json.dumps(saved, sort_keys=True)
