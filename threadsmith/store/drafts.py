"""Drafts: the essays being written in the app, saved as they are typed.

Each draft has a revision, one more at each save of its text or settings: a window
saves "over revision 7" (`save_draft(..., over=7)`), and when another window saved
meanwhile nothing is written, so newer text is never overwritten unseen. A window
notes that it has a draft open (`open_editor`) and hears of the others that have.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from threadsmith.errors import StoreError
from threadsmith.store.claims import _gone as gone  # a claim's owner's liveness, the same
from threadsmith.store.claims import _host as host
from threadsmith.store.claims import process_identity
from threadsmith.store.database import BUSY_WAIT, Database

NOTE_WAIT = 0.5  # seconds: how long noting an open window waits for a busy database


@dataclass(frozen=True)
class Draft:
    id: int
    title: str
    campaign: str
    body: str
    settings: dict[str, object]
    created: float
    updated: float
    revision: int = 0  # one more at each save of its body or settings


@dataclass(frozen=True)
class Editor:
    """An app window a draft is open in."""

    token: str
    pid: int
    host: str


class Drafts(Database):
    def create_draft(self, title: str, body: str = "", campaign: str = "") -> Draft:
        now = time.time()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO drafts (title, campaign, body, created, updated) "
                "VALUES (?, ?, ?, ?, ?)",
                (title, campaign, body, now, now),
            )
        return self.draft(int(cursor.lastrowid or 0))

    def draft(self, draft_id: int) -> Draft:
        found = self.find_draft(draft_id)
        if found is None:
            raise StoreError(f"there is no draft number {draft_id}")
        return found

    def find_draft(self, draft_id: int) -> Draft | None:
        """The draft, or None when there is none (deleted, perhaps in another window)."""
        row = self._row("SELECT * FROM drafts WHERE id = ?", (draft_id,))
        return None if row is None else _draft(row)

    def drafts(self) -> list[Draft]:
        return [_draft(row) for row in self._rows("SELECT * FROM drafts ORDER BY updated DESC")]

    def save_draft(self, draft_id: int, over: int | None = None, **fields: object) -> int | None:
        """Update `title`, `campaign`, `body` and/or `settings` (a dict) of a draft; a new
        body or settings make a new revision. With `over`, only if the draft is still at
        that revision: its new revision, or None (nothing written) when it is not."""
        allowed = {"title", "campaign", "body", "settings"}
        if not fields or not set(fields) <= allowed:
            raise ValueError(f"save_draft takes {sorted(allowed)}")
        values = {k: json.dumps(v) if k == "settings" else v for k, v in fields.items()}
        assignments = ", ".join(f"{name} = ?" for name in values)
        step = int(bool({"body", "settings"} & set(fields)))
        unchanged = "" if over is None else " AND revision = ?"
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE drafts SET {assignments}, updated = ?, revision = revision + ? "
                f"WHERE id = ?{unchanged}",
                (*values.values(), time.time(), step, draft_id, *([] if over is None else [over])),
            )
            if cursor.rowcount == 0:
                return None
            row = db.execute("SELECT revision FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        return int(row[0])

    def delete_draft(self, draft_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))

    def open_editor(self, draft_id: int) -> tuple[str, list[Editor]]:
        """Note that this process has `draft_id` open: (the note's token, to close it with;
        the other windows it is open in). A window whose process has ended is forgotten."""
        pid, token = os.getpid(), secrets.token_hex(8)
        with self._briefly(), self._write() as db:
            others = []
            for row in db.execute(
                "SELECT token, pid, host, process FROM draft_editors WHERE draft_id = ?",
                (draft_id,),
            ).fetchall():
                if gone(row["pid"], row["host"], row["process"]):
                    db.execute("DELETE FROM draft_editors WHERE token = ?", (row["token"],))
                else:
                    others.append(Editor(row["token"], row["pid"], row["host"]))
            db.execute(
                "INSERT INTO draft_editors (token, draft_id, pid, host, process, since) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (token, draft_id, pid, host(), process_identity(pid), time.time()),
            )
        return token, others

    def close_editor(self, token: str) -> None:
        """The window that took `token` no longer has its draft open."""
        with self._briefly(), self._write() as db:
            db.execute("DELETE FROM draft_editors WHERE token = ?", (token,))

    @contextmanager
    def _briefly(self) -> Iterator[None]:
        """Wait at most `NOTE_WAIT` for a database another program holds: a note of the
        windows a draft is open in is not worth holding the app for."""
        with self._lock:
            self._db.execute(f"PRAGMA busy_timeout = {int(NOTE_WAIT * 1000)}")
            try:
                yield
            finally:
                self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT * 1000)}")


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(
        row["id"], row["title"], row["campaign"], row["body"], json.loads(row["settings"]),
        row["created"], row["updated"], row["revision"],
    )  # fmt: skip
