"""A database written by an older threadsmith opens, upgraded in one transaction, with
everything it held: version 1 (no user_version, no content keys or claims), version 2
(no publish options), version 3 (no readings of threads' counts)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from threadsmith.network import PostMetrics, network_named
from threadsmith.store import FetchedPost, Store
from threadsmith.store.database import SCHEMA_VERSION, UPGRADES

# The schema of version 1, as threadsmith/store.py created it (commit 072ecfc…e99eebf^).
VERSION_1 = """
CREATE TABLE drafts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, campaign TEXT NOT NULL
    DEFAULT '', body TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}',
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE accounts (platform TEXT NOT NULL, handle TEXT NOT NULL, service TEXT NOT NULL
    DEFAULT '', added REAL NOT NULL, PRIMARY KEY (platform, handle));
CREATE TABLE runs (id INTEGER PRIMARY KEY, draft_key TEXT NOT NULL, platform TEXT NOT NULL,
    handle TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', reply_root TEXT,
    reply_parent TEXT, created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX runs_by_key ON runs (draft_key, platform, handle, status);
CREATE TABLE run_posts (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT NOT NULL, media TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'pending', record_key TEXT, remote_id TEXT, uri TEXT,
    cid TEXT, url TEXT, error TEXT, updated REAL NOT NULL, PRIMARY KEY (run_id, number));
CREATE TABLE preferences (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO accounts VALUES ('x', 'campaigner', '', 1.0);
INSERT INTO runs VALUES (1, 'file:/essay.md', 'x', 'campaigner', 'done', NULL, NULL, 1.0, 2.0);
INSERT INTO run_posts VALUES (1, 1, 'First 1/', '[]', 'sent', NULL, '101', NULL, NULL,
    'https://x.com/campaigner/status/101', NULL, 2.0);
INSERT INTO preferences VALUES ('theme', 'nord');
"""


def old_database(path: Path, version: int) -> Path:
    """A database as threadsmith `version` left it, holding a published thread."""
    db = sqlite3.connect(path)
    db.executescript(VERSION_1)
    for step in range(1, version):
        db.executescript(UPGRADES[step])
    if version > 1:  # version 1 set none
        db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    return path


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_database_opens_upgraded_with_its_journal(tmp_path: Path, version: int) -> None:
    path = old_database(tmp_path / "threadsmith.db", version)
    store = Store(path)
    try:
        run = store.run(1)
        if version == 1:
            assert run.content_key  # derived from its posts' texts
        assert store.preference("theme") == "nord"
        assert store.run_starting_at("https://x.com/campaigner/status/101") == 1
        assert store.fetches("x:101") == []
        fetch = store.save_fetch(
            "x:101", network_named("x"), "campaigner", "https://x.com/campaigner/status/101",
            1, [FetchedPost(1, "https://x.com/campaigner/status/101", PostMetrics(likes=3))],
        )  # fmt: skip
        assert store.latest_fetch("x:101") == fetch
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    reopened = Store(path)  # and it stays upgraded
    try:
        assert len(reopened.fetches("x:101")) == 1
    finally:
        reopened.close()


def test_readings_keep_deleted_posts_apart_from_zeros(tmp_path: Path) -> None:
    store = Store(tmp_path / "threadsmith.db")
    bluesky = network_named("bluesky")
    try:
        posts = [
            FetchedPost(1, "https://bsky.app/a", PostMetrics(0, 0, 1, 0)),
            FetchedPost(2, "https://bsky.app/b", None),
        ]
        first = store.save_fetch("bluesky:at://a", bluesky, "a.test", "https://bsky.app/a", None,
                                 posts, fetched_at=100.0)  # fmt: skip
        later = store.save_fetch("bluesky:at://a", bluesky, "a.test", "https://bsky.app/a", None,
                                 posts[:1], fetched_at=200.0)  # fmt: skip
        assert store.fetches("bluesky:at://a") == [first, later]
        assert store.latest_fetch("bluesky:at://a") == later
        kept = store.fetches("bluesky:at://a")[0].posts
        assert kept[0].metrics == PostMetrics(0, 0, 1, 0, None, None)
        assert kept[1].metrics is None
    finally:
        store.close()
