"""The database as a user's disk leaves it: emptied, damaged, from an older threadsmith,
shared by two processes. One clear line, never a traceback, nothing recreated over it."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from threadsmith.errors import RunBusy, StoreError
from threadsmith.journal import Outgoing
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.store.database import SCHEMA_VERSION

BLUESKY = network_named("bluesky")


def thread(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHON_KEYRING_BACKEND": "x.y"}
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


def database(data: Path) -> Path:
    return data / "threadsmith" / "threadsmith.db"


def test_the_folder_and_the_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "threadsmith"
    folder.mkdir(mode=0o755)  # as an older threadsmith made it
    store = Store(folder / "threadsmith.db")
    store.create_draft("Secret plans", "Not for the neighbours.")
    store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_an_emptied_database_is_said_and_left_as_it_is(tmp_path: Path) -> None:
    path = database(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    result = thread(tmp_path, "publish", "--resume")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "is empty (0 bytes)" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == b""  # not recreated: the journal may be restored


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = database(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("this is not a database\n")
    result = thread(tmp_path, "publish", "--resume")
    assert result.returncode == 1 and "not a threadsmith database" in result.stderr
    assert result.stderr.count("\n") == 1


def test_damaged_pages_are_one_line_on_every_read(tmp_path: Path) -> None:
    path = database(tmp_path)
    path.parent.mkdir(parents=True)
    store = Store(path)
    for number in range(200):  # enough pages that one in the middle holds drafts
        store.create_draft(f"Draft {number}", "words " * 200)
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = 4096
    with path.open("r+b") as handle:  # every page but the first (the schema) is garbage
        for at in range(page, path.stat().st_size, page):
            handle.seek(at)
            handle.write(b"\xde\xad\xbe\xef" * (page // 4))
    result = thread(tmp_path, "publish", "--resume")
    assert result.returncode == 1, result.stdout
    assert "cannot be used" in result.stderr and "restore it from a backup" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    with pytest.raises(StoreError, match="cannot be used"):
        damaged = Store(path)
        try:
            damaged.drafts()
        finally:
            damaged.close()


def test_a_database_of_threadsmith_0_1_is_upgraded_keeping_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with sqlite3.connect(path) as db:  # the schema as the first release made it
        db.executescript(
            """
            CREATE TABLE drafts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, campaign TEXT
              NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL
              DEFAULT '{}', created REAL NOT NULL, updated REAL NOT NULL);
            CREATE TABLE accounts (platform TEXT NOT NULL, handle TEXT NOT NULL, service TEXT
              NOT NULL DEFAULT '', added REAL NOT NULL, PRIMARY KEY (platform, handle));
            CREATE TABLE runs (id INTEGER PRIMARY KEY, draft_key TEXT NOT NULL, platform TEXT
              NOT NULL, handle TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', reply_root
              TEXT, reply_parent TEXT, created REAL NOT NULL, updated REAL NOT NULL);
            CREATE TABLE run_posts (run_id INTEGER NOT NULL, number INTEGER NOT NULL, text TEXT
              NOT NULL, media TEXT NOT NULL DEFAULT '[]', state TEXT NOT NULL DEFAULT
              'pending', record_key TEXT, remote_id TEXT, uri TEXT, cid TEXT, url TEXT, error
              TEXT, updated REAL NOT NULL, PRIMARY KEY (run_id, number));
            CREATE TABLE preferences (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO accounts VALUES ('bluesky', 'alice.test', 'https://pds.example', 1);
            INSERT INTO runs VALUES (1, 'file:/essay.md', 'bluesky', 'alice.test', 'done',
              NULL, NULL, 1, 1);
            INSERT INTO run_posts VALUES (1, 1, 'One 1/', '[]', 'sent', NULL, 'a', 'at://a',
              'c', 'https://bsky.app/a', NULL, 1);
            INSERT INTO run_posts VALUES (1, 2, 'Two 2/', '[]', 'sent', NULL, 'b', 'at://b',
              'c', 'https://bsky.app/b', NULL, 1);
            """
        )
    store = Store(path)
    try:
        assert store._row("PRAGMA user_version")[0] == SCHEMA_VERSION  # type: ignore[index]
        (account,) = store.accounts()
        assert account.handle == "alice.test" and account.settings == {}
        earlier = store.published(BLUESKY, "alice.test", ["One 1/", "Two 2/"])
        assert earlier is not None and earlier.id == 1  # "already published" still knows it
        started = store.start_run(
            "file:/copy.md", BLUESKY, "alice.test", [Outgoing(1, "One 1/"), Outgoing(2, "Two 2/")]
        )
        assert started.run is None and started.earlier is not None
    finally:
        store.close()


def test_a_claim_is_exclusive_and_taken_over_only_from_a_dead_owner(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    first, second = Store(path), Store(path)
    try:
        run = first.create_run("draft:1", BLUESKY, "alice.test", [Outgoing(1, "One")])
        claim = first.claim_run(run.id)
        with pytest.raises(RunBusy, match=rf"another threadsmith \(pid {os.getpid()}\)"):
            second.claim_run(run.id)
        first.release_claim(claim)
        second.release_claim(second.claim_run(run.id))
        # a claim left by a process that died (kill -9) is taken over
        child = subprocess.run(
            [sys.executable, "-c", f"from threadsmith.store import Store; "
             f"from pathlib import Path; Store(Path({str(path)!r})).claim_run({run.id})"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert child.returncode == 0, child.stderr
        assert second.run_owner(run.id) is None  # its pid runs no more
        second.release_claim(second.claim_run(run.id))
    finally:
        first.close()
        second.close()
