"""`thread stats FILE` as a person types it, in a subprocess: a file that is not there is
said to be not there (not "never published"), and an essay published and then moved
away is still found by the path it was published from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.stats_data import record_run
from threadsmith.journal import PostRef
from threadsmith.network import network_named
from threadsmith.store import Store


def thread(data: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd,
        env={**os.environ, "XDG_DATA_HOME": str(data)},
    )  # fmt: skip


def test_a_missing_file_is_said_to_be_missing(tmp_path: Path) -> None:
    result = thread(tmp_path / "data", "stats", "missing.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("thread: missing.md: no such file (")
    assert "never published" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_folder_is_not_an_essay(tmp_path: Path) -> None:
    (tmp_path / "campaign").mkdir()
    result = thread(tmp_path / "data", "stats", "campaign", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "thread: campaign: is a directory, not an essay\n",
    )


def test_an_essay_that_is_there_but_never_published_says_so(tmp_path: Path) -> None:
    (tmp_path / "essay.md").write_text("Schools need funding.\n")
    result = thread(tmp_path / "data", "stats", "essay.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("thread: essay.md was never published")


def test_an_essay_moved_after_publishing_is_still_found(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    (tmp_path / "data" / "threadsmith").mkdir(parents=True)
    store = Store(tmp_path / "data" / "threadsmith" / "threadsmith.db")
    refs = [
        PostRef(
            "3kabc1",
            "https://bsky.app/profile/a.test/post/3kabc1",
            "at://did:plc:a/app.bsky.feed.post/3kabc1",
            "bafy1",
        )
    ]
    record_run(store, f"file:{essay.resolve()}", network_named("bluesky"), "a.test", refs)
    store.close()
    result = thread(tmp_path / "data", "stats", "essay.md", "--history", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no readings kept yet" in result.stdout
