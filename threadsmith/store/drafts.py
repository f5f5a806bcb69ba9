"""Drafts: the essays being written in the app, saved as they are typed."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from threadsmith.errors import StoreError
from threadsmith.store.database import Database


@dataclass(frozen=True)
class Draft:
    id: int
    title: str
    campaign: str
    body: str
    settings: dict[str, object]
    created: float
    updated: float


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
        row = self._row("SELECT * FROM drafts WHERE id = ?", (draft_id,))
        if row is None:
            raise StoreError(f"there is no draft number {draft_id}")
        return _draft(row)

    def drafts(self) -> list[Draft]:
        return [_draft(row) for row in self._rows("SELECT * FROM drafts ORDER BY updated DESC")]

    def save_draft(self, draft_id: int, **fields: object) -> None:
        """Update `title`, `campaign`, `body` and/or `settings` (a dict) of a draft."""
        allowed = {"title", "campaign", "body", "settings"}
        if not fields or not set(fields) <= allowed:
            raise ValueError(f"save_draft takes {sorted(allowed)}")
        values = {k: json.dumps(v) if k == "settings" else v for k, v in fields.items()}
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._write() as db:
            db.execute(
                f"UPDATE drafts SET {assignments}, updated = ? WHERE id = ?",
                (*values.values(), time.time(), draft_id),
            )

    def delete_draft(self, draft_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(
        row["id"], row["title"], row["campaign"], row["body"], json.loads(row["settings"]),
        row["created"], row["updated"],
    )  # fmt: skip
