"""The local SQLite database: drafts, the accounts index (no secrets), the publish journal.

The journal is what makes publishing safe to interrupt: one `runs` row per
(draft, platform, account) attempt, one `run_posts` row per post with its state
(`pending`, `sending`, `sent`, `failed`) and remote identity. Every state change
is committed before the next network request, so a `kill -9` at any point
leaves a journal that says exactly how far publishing got.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from threadsmith.errors import StoreError
from threadsmith.platforms.base import Outgoing, PostRef
from threadsmith.threading.models import Media

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    campaign TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    service TEXT NOT NULL DEFAULT '',
    added REAL NOT NULL,
    PRIMARY KEY (platform, handle)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    draft_key TEXT NOT NULL,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',   -- open | done
    reply_root TEXT,                        -- JSON PostRef when continuing a thread
    reply_parent TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_key ON runs (draft_key, platform, handle, status);
CREATE TABLE IF NOT EXISTS run_posts (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    media TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | sent | failed
    record_key TEXT,
    remote_id TEXT, uri TEXT, cid TEXT, url TEXT,
    error TEXT,
    updated REAL NOT NULL,
    PRIMARY KEY (run_id, number)
);
CREATE TABLE IF NOT EXISTS preferences (   -- the app's choices, e.g. its theme
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Account:
    platform: str
    handle: str
    service: str


@dataclass(frozen=True)
class Run:
    id: int
    draft_key: str
    platform: str
    handle: str
    status: str
    reply_root: PostRef | None
    reply_parent: PostRef | None


@dataclass(frozen=True)
class JournalPost:
    """One post of a run, as journalled."""

    number: int
    text: str
    media: tuple[Media, ...]
    state: str
    record_key: str | None
    ref: PostRef | None
    error: str | None

    def outgoing(self) -> Outgoing:
        return Outgoing(self.number, self.text, self.media)


@dataclass(frozen=True)
class Draft:
    id: int
    title: str
    campaign: str
    body: str
    settings: dict[str, object]
    created: float
    updated: float


class Store:
    """One connection to the database; short transactions, each committed at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The app writes from its UI thread and from workers: one connection, one lock.
            self._db = sqlite3.connect(
                path, timeout=5, isolation_level=None, check_same_thread=False
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=FULL")  # a sent post must survive a crash
            self._db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database at {path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(
                    f"the database at {self.path} could not be written: {exc}"
                ) from None

    # --- accounts -----------------------------------------------------------------

    def add_account(self, platform: str, handle: str, service: str = "") -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO accounts (platform, handle, service, added) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (platform, handle) DO UPDATE SET service = excluded.service",
                (platform, handle, service, time.time()),
            )

    def remove_account(self, platform: str, handle: str) -> bool:
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM accounts WHERE platform = ? AND handle = ?", (platform, handle)
            )
        return cursor.rowcount > 0

    def accounts(self, platform: str | None = None) -> list[Account]:
        rows = self._db.execute(
            "SELECT platform, handle, service FROM accounts "
            "WHERE ? IS NULL OR platform = ? ORDER BY platform, handle",
            (platform, platform),
        ).fetchall()
        return [Account(row["platform"], row["handle"], row["service"]) for row in rows]

    # --- preferences --------------------------------------------------------------

    def preference(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM preferences WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row["value"])

    def set_preference(self, name: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO preferences (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    # --- drafts -------------------------------------------------------------------

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
        row = self._db.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise StoreError(f"there is no draft number {draft_id}")
        return _draft(row)

    def drafts(self) -> list[Draft]:
        rows = self._db.execute("SELECT * FROM drafts ORDER BY updated DESC").fetchall()
        return [_draft(row) for row in rows]

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

    # --- the publish journal ------------------------------------------------------

    def open_run(self, draft_key: str, platform: str, handle: str) -> Run | None:
        """The unfinished run for this draft, platform and account, if there is one."""
        row = self._db.execute(
            "SELECT * FROM runs WHERE draft_key = ? AND platform = ? AND handle = ? "
            "AND status = 'open' ORDER BY id DESC LIMIT 1",
            (draft_key, platform, handle),
        ).fetchone()
        return _run(row) if row else None

    def open_runs(self) -> list[Run]:
        rows = self._db.execute("SELECT * FROM runs WHERE status = 'open' ORDER BY id").fetchall()
        return [_run(row) for row in rows]

    def runs_for(self, draft_key: str) -> list[Run]:
        rows = self._db.execute(
            "SELECT * FROM runs WHERE draft_key = ? ORDER BY id", (draft_key,)
        ).fetchall()
        return [_run(row) for row in rows]

    def create_run(
        self,
        draft_key: str,
        platform: str,
        handle: str,
        posts: list[Outgoing],
        reply_to: tuple[PostRef, PostRef] | None = None,
    ) -> Run:
        now = time.time()
        root, parent = reply_to if reply_to else (None, None)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO runs (draft_key, platform, handle, reply_root, reply_parent, "
                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (draft_key, platform, handle, _ref_json(root), _ref_json(parent), now, now),
            )
            run_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO run_posts (run_id, number, text, media, updated) "
                "VALUES (?, ?, ?, ?, ?)",
                [(run_id, p.number, p.text, _media_json(p.media), now) for p in posts],
            )
        run = self.run(run_id)
        return run

    def run(self, run_id: int) -> Run:
        row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise StoreError(f"there is no publish run number {run_id}")
        return _run(row)

    def run_posts(self, run_id: int) -> list[JournalPost]:
        rows = self._db.execute(
            "SELECT * FROM run_posts WHERE run_id = ? ORDER BY number", (run_id,)
        ).fetchall()
        return [_journal_post(row) for row in rows]

    def mark_sending(self, run_id: int, number: int, record_key: str | None) -> None:
        self._set_post(run_id, number, state="sending", record_key=record_key, error=None)

    def mark_sent(self, run_id: int, number: int, ref: PostRef) -> None:
        self._set_post(
            run_id, number, state="sent", remote_id=ref.id, uri=ref.uri, cid=ref.cid,
            url=ref.url, error=None,
        )  # fmt: skip

    def mark_failed(self, run_id: int, number: int, error: str) -> None:
        self._set_post(run_id, number, state="failed", error=error)

    def finish_run(self, run_id: int) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE runs SET status = 'done', updated = ? WHERE id = ?", (time.time(), run_id)
            )

    def _set_post(self, run_id: int, number: int, **fields: object) -> None:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self._write() as db:
            db.execute(
                f"UPDATE run_posts SET {assignments}, updated = ? WHERE run_id = ? AND number = ?",
                (*fields.values(), time.time(), run_id, number),
            )
            db.execute("UPDATE runs SET updated = ? WHERE id = ?", (time.time(), run_id))


def open_store() -> Store:
    """The user's store, at the platformdirs location."""
    from threadsmith.paths import database_path

    return Store(database_path())


def _ref_json(ref: PostRef | None) -> str | None:
    if ref is None:
        return None
    return json.dumps({"id": ref.id, "url": ref.url, "uri": ref.uri, "cid": ref.cid})


def _ref(value: str | None) -> PostRef | None:
    if not value:
        return None
    data = json.loads(value)
    return PostRef(data["id"], data["url"], data.get("uri"), data.get("cid"))


def _media_json(media: tuple[Media, ...]) -> str:
    return json.dumps([{"path": m.path, "alt": m.alt} for m in media])


def _run(row: sqlite3.Row) -> Run:
    return Run(
        row["id"], row["draft_key"], row["platform"], row["handle"], row["status"],
        _ref(row["reply_root"]), _ref(row["reply_parent"]),
    )  # fmt: skip


def _journal_post(row: sqlite3.Row) -> JournalPost:
    ref = None
    if row["state"] == "sent":
        ref = PostRef(row["remote_id"], row["url"], row["uri"], row["cid"])
    media = tuple(Media(m["path"], m["alt"]) for m in json.loads(row["media"]))
    return JournalPost(
        row["number"], row["text"], media, row["state"], row["record_key"], ref, row["error"]
    )


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(
        row["id"], row["title"], row["campaign"], row["body"], json.loads(row["settings"]),
        row["created"], row["updated"],
    )  # fmt: skip
