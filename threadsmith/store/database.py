"""The SQLite file itself: opening it safely, its schema and upgrades, and every access
wrapped so a damaged file is one clear line, never a traceback.

A database that exists but is empty (0 bytes) or is not a database is refused
before anything is done: recreating it would lose the publish journal, and then a
thread already published could go out again. A new database is built aside and
renamed into place, so a crash never leaves an empty file behind. The file is
private to the user (0600), as is its folder (0700).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from threadsmith.errors import StoreError
from threadsmith.paths import PRIVATE_FILE, private_dir

SCHEMA_VERSION = 7
BUSY_WAIT = 5  # seconds a statement waits for a database another connection writes to
# Each reading of a thread's public counts, kept to compare over time (version 4).
STATS_TABLES = """
CREATE TABLE stats_fetches (
    id INTEGER PRIMARY KEY,
    thread_key TEXT NOT NULL,               -- "bluesky:at://…" or "x:<id>": its first post
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    url TEXT NOT NULL,                      -- the first post's
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,  -- when threadsmith published it
    fetched_at REAL NOT NULL
);
CREATE INDEX stats_by_thread ON stats_fetches (thread_key, fetched_at);
CREATE TABLE stats_posts (                  -- the network's own figures; NULL: none given
    fetch_id INTEGER NOT NULL REFERENCES stats_fetches(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    url TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,     -- the network no longer has it
    likes INTEGER, reposts INTEGER, replies INTEGER, quotes INTEGER,
    impressions INTEGER, bookmarks INTEGER,
    PRIMARY KEY (fetch_id, number)
);
"""
SCHEMA = (
    """
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    campaign TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL,
    updated REAL NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0     -- one more at each save of its text or settings
);
CREATE TABLE draft_editors (                -- the app windows a draft is open in
    token TEXT PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    process TEXT NOT NULL,                  -- tells a live window from a reused pid
    since REAL NOT NULL
);
CREATE TABLE accounts (
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    service TEXT NOT NULL DEFAULT '',
    added REAL NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',    -- learnt from its server (an instance's limits)
    PRIMARY KEY (platform, handle)
);
CREATE TABLE schedules (                    -- threads to publish at a set time
    id INTEGER PRIMARY KEY,
    draft_key TEXT NOT NULL,
    title TEXT NOT NULL,
    due REAL NOT NULL,                      -- when, in seconds since the epoch (UTC)
    created REAL NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    draft_key TEXT NOT NULL,                -- "file:/path/essay.md" or "draft:12"
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',    -- open | done | abandoned | scheduled | missed
                                            -- | cancelled
    reply_root TEXT,                        -- JSON PostRef when continuing a thread
    reply_parent TEXT,
    content_key TEXT NOT NULL DEFAULT '',   -- the posts' texts, hashed
    options TEXT NOT NULL DEFAULT '{}',     -- the network's publish options (JSON)
    created REAL NOT NULL,
    updated REAL NOT NULL,
    schedule_id INTEGER REFERENCES schedules(id),  -- the schedule it belongs to, if any
    note TEXT                               -- what the scheduler last said of it
);
CREATE INDEX runs_by_key ON runs (draft_key, platform, handle, status);
CREATE INDEX runs_by_content ON runs (content_key, platform, handle, status);
CREATE INDEX runs_by_schedule ON runs (schedule_id, status);
CREATE TABLE run_posts (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    media TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | sent | failed
    record_key TEXT,
    remote_id TEXT, uri TEXT, cid TEXT, url TEXT,
    error TEXT,
    updated REAL NOT NULL,
    card TEXT,                              -- JSON Card: its link card, read at planning
    PRIMARY KEY (run_id, number)
);
CREATE TABLE claims (                       -- who is publishing a run right now
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    process TEXT NOT NULL,                  -- tells a live owner from a reused pid
    token TEXT NOT NULL,
    since REAL NOT NULL
);
CREATE TABLE preferences (                  -- the app's choices, e.g. its theme
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
    + STATS_TABLES
)
# Each step upgrades from the version before it. Version 1 (no user_version set) had
# no content keys, account settings or claims; version 2 no publish options; version 3
# no readings of threads' counts; version 4 no schedules; version 5 no draft revisions
# nor note of the windows a draft is open in; version 6 no link cards.
UPGRADES = {
    1: """
ALTER TABLE accounts ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE runs ADD COLUMN content_key TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_by_content ON runs (content_key, platform, handle, status);
CREATE TABLE claims (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL, host TEXT NOT NULL, process TEXT NOT NULL, token TEXT NOT NULL,
    since REAL NOT NULL
);
""",
    2: """
ALTER TABLE runs ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
""",
    3: STATS_TABLES,
    4: """
CREATE TABLE schedules (
    id INTEGER PRIMARY KEY, draft_key TEXT NOT NULL, title TEXT NOT NULL, due REAL NOT NULL,
    created REAL NOT NULL
);
ALTER TABLE runs ADD COLUMN schedule_id INTEGER REFERENCES schedules(id);
ALTER TABLE runs ADD COLUMN note TEXT;
CREATE INDEX runs_by_schedule ON runs (schedule_id, status);
""",
    5: """
ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE draft_editors (
    token TEXT PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL, host TEXT NOT NULL, process TEXT NOT NULL, since REAL NOT NULL
);
""",
    6: """
ALTER TABLE run_posts ADD COLUMN card TEXT;
""",
}
SQLITE_MAGIC = b"SQLite format 3\x00"


class Database:
    """One connection to the file, shared by the app's UI thread and its workers under
    a lock; short transactions, each committed at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            private_dir(path.parent)
            if not path.exists():
                _create(path)
            _check_file(path)
            if path.stat().st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE)
            self._db = sqlite3.connect(
                path, timeout=BUSY_WAIT, isolation_level=None, check_same_thread=False
            )
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database at {path}: {_reason(exc)}") from None
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=FULL")  # a sent post must survive a crash
            self._upgrade()
        except sqlite3.Error as exc:
            self._db.close()
            raise self._failure(exc) from None

    def close(self) -> None:
        self._db.close()

    def _upgrade(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database at {self.path} was written by a newer threadsmith: upgrade it"
            )
        with self._write() as db:  # looked at again: another process may have upgraded it
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if "runs" not in tables:
                _run_script(db, SCHEMA)
            else:
                for step in range(max(version, 1), SCHEMA_VERSION):
                    _run_script(db, UPGRADES[step])
                    if step == 1:
                        self._after_upgrade_from_1(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _after_upgrade_from_1(self, db: sqlite3.Connection) -> None:
        """Data an upgrade derives (the journal fills in the runs' content keys)."""

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (BEGIN IMMEDIATE): what is read inside it
        cannot change before it commits, even with other processes writing."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise self._failure(exc) from None
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Every row of a query; a damaged file is a `StoreError`."""
        with self._lock:
            try:
                return self._db.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise self._failure(exc) from None

    def _row(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, parameters)
        return rows[0] if rows else None

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        """What went wrong, and what to do: never to throw the file away, which holds the
        record of what was published (without it a thread could go out twice)."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
            return StoreError(
                f"the database at {self.path} is busy (another threadsmith holds it): "
                "try again in a moment"
            )
        if code == sqlite3.SQLITE_FULL:  # SQLite rolled the write back: the file is whole
            return StoreError(
                f"the disk holding the database at {self.path} is full: free some space"
            )
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
            return StoreError(
                f"the database at {self.path} cannot be written ({_reason(exc)}): check its "
                "disk and that you may write to it"
            )
        return StoreError(
            f"the database at {self.path} cannot be used ({_reason(exc)}): restore it from a "
            f"backup (`sqlite3 {self.path} .recover` may save what it holds); keep this file "
            "meanwhile: it holds the record of what was published"
        )

    _damaged = _failure  # the name the journal's modules use


def _create(path: Path) -> None:
    """A new, empty database with the schema, built aside and renamed into place."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.new")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    db = sqlite3.connect(partial, isolation_level=None)
    try:
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        db.close()
    try:
        os.link(partial, path)  # never replaces one another process made meanwhile
    except FileExistsError:
        pass
    finally:
        partial.unlink()


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """The statements of `script`, one by one, inside the transaction under way
    (`executescript` would commit it first: a crash could leave half an upgrade). A
    statement ends where SQLite says it does, not at a semicolon in a comment."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


def _check_file(path: Path) -> None:
    """Refuse a file that cannot be threadsmith's database, before SQLite touches it."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if not head:
        raise StoreError(
            f"the database at {path} is empty (0 bytes): it was emptied or damaged, so the "
            "record of what was published is gone. Restore it from a backup, or move it "
            "away to start afresh (threadsmith then cannot tell what was published before)"
        )
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a threadsmith database (not an SQLite file): restore it from a "
            "backup, or move it away to start afresh"
        )


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
