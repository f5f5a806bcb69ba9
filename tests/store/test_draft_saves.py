"""Saving drafts at the store: a save over a stale revision writes nothing; a full disk
says so and never advises throwing away the database (it holds the publish journal); a
database of the version before revisions opens with its drafts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from threadsmith.errors import StoreError
from threadsmith.store import Store
from threadsmith.store.database import SCHEMA_VERSION


def test_a_save_over_a_stale_revision_writes_nothing(tmp_path: Path) -> None:
    with closing(Store(tmp_path / "threadsmith.db")) as store:
        draft = store.create_draft("Funding", "First.")
        assert draft.revision == 0
        assert store.save_draft(draft.id, over=0, body="Mine.") == 1
        assert store.save_draft(draft.id, over=0, body="Theirs, older.") is None
        assert store.draft(draft.id).body == "Mine."
        assert store.save_draft(draft.id, title="Renamed") == 1  # a title alone: no revision
        assert store.save_draft(draft.id + 1, over=0, body="Gone.") is None  # no such draft


def test_a_full_disk_says_so_and_keeps_the_database(tmp_path: Path) -> None:
    with closing(Store(tmp_path / "threadsmith.db")) as store:
        draft = store.create_draft("Funding", "First.")
        pages = store._rows("PRAGMA page_count")[0][0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # as a disk with no room left
        with pytest.raises(StoreError) as raised:
            store.save_draft(draft.id, body="words " * 100_000)
        message = str(raised.value)
        assert "is full: free some space" in message
        assert "move it away" not in message and "afresh" not in message
        assert store.draft(draft.id).body == "First."


def test_a_damaged_database_is_never_advised_away(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with closing(Store(path)) as store:
        error = store._failure(sqlite3.DatabaseError("database disk image is malformed"))
    assert "restore it from a backup" in str(error) and "keep this file" in str(error)
    assert "move it away" not in str(error)


def test_drafts_written_before_revisions_open_and_save(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with closing(Store(path)) as store:  # made as version 5 left it: no revision, no notes
        store.create_draft("Funding", "Old words.")
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            "DROP TABLE draft_editors; ALTER TABLE drafts DROP COLUMN revision; "
            "ALTER TABLE run_posts DROP COLUMN card; PRAGMA user_version = 5;"
        )
    with closing(Store(path)) as store:
        (draft,) = store.drafts()
        assert (draft.body, draft.revision) == ("Old words.", 0)
        assert store.save_draft(draft.id, over=0, body="New words.") == 1
        token, others = store.open_editor(draft.id)
        assert others == [] and token
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
