"""A database written before statistics and schedules (version 3) is upgraded in place:
its journal is kept as it was, and schedules can be made in it at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from threadsmith.journal import Outgoing, RunStatus
from threadsmith.network import network_named
from threadsmith.store import Planned, Store
from threadsmith.store.database import SCHEMA_VERSION

VERSION_3 = """
CREATE TABLE drafts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, campaign TEXT NOT NULL
    DEFAULT '', body TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE accounts (platform TEXT NOT NULL, handle TEXT NOT NULL, service TEXT NOT NULL
    DEFAULT '', added REAL NOT NULL, settings TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (platform, handle));
CREATE TABLE runs (id INTEGER PRIMARY KEY, draft_key TEXT NOT NULL, platform TEXT NOT NULL,
    handle TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', reply_root TEXT,
    reply_parent TEXT, content_key TEXT NOT NULL DEFAULT '', options TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX runs_by_key ON runs (draft_key, platform, handle, status);
CREATE INDEX runs_by_content ON runs (content_key, platform, handle, status);
CREATE TABLE run_posts (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT NOT NULL, media TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'pending', record_key TEXT, remote_id TEXT, uri TEXT, cid TEXT,
    url TEXT, error TEXT, updated REAL NOT NULL, PRIMARY KEY (run_id, number));
CREATE TABLE claims (run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    pid INTEGER NOT NULL, host TEXT NOT NULL, process TEXT NOT NULL, token TEXT NOT NULL,
    since REAL NOT NULL);
CREATE TABLE preferences (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO runs (draft_key, platform, handle, status, content_key, options, created, updated)
    VALUES ('file:/old.md', 'bluesky', 'old.test', 'done', 'k', '{"replies": "x"}', 1, 2);
INSERT INTO run_posts (run_id, number, text, state, remote_id, uri, cid, url, updated)
    VALUES (1, 1, 'An old post 1/1', 'sent', 'r', 'at://d/p/r', 'c', 'https://b/r', 2);
PRAGMA user_version = 3;
"""


def test_a_version_3_database_gains_schedules_and_keeps_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    old = sqlite3.connect(path)
    old.executescript(VERSION_3)
    old.close()
    store = Store(path)
    try:
        (run,) = store.runs_for("file:/old.md")
        assert (run.status, run.schedule_id, run.note) == (RunStatus.DONE, None, None)
        assert run.options == {"replies": "x"}
        (post,) = store.run_posts(run.id)
        assert post.ref is not None and post.ref.url == "https://b/r"
        planned = Planned(network_named("bluesky"), "old.test", [Outgoing(1, "New 1/1")], {})
        schedule = store.create_schedule("file:/new.md", "New", 1_900_000_000.0, [planned])
        assert [r.status for r in schedule.runs] == [RunStatus.SCHEDULED]
        assert store.due_runs(1_900_000_001.0)[0][1].id == schedule.runs[0].id
    finally:
        store.close()
    upgraded = sqlite3.connect(path)
    version = upgraded.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in upgraded.execute("SELECT name FROM sqlite_master")}
    upgraded.close()
    assert version == SCHEMA_VERSION
    assert {"schedules", "stats_fetches", "stats_posts"} <= tables  # every step since 3
