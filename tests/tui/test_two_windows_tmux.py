"""Two real `thread draft` processes on one essay, in tmux at 80×24, as a person would
run them: the second is told the draft is open elsewhere; when the first has saved,
the second's save asks instead of writing over it, and "Keep mine as a copy" keeps
both texts."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from support.realparts import require_real_part
from support.tmux import keys, screen, wait_for
from support.waiting import wait_until

ESSAY = "# Fair funding now\n\nEvery school needs a funding settlement that matches its needs.\n"


@contextmanager
def window(name: str, tmp_path: Path) -> Iterator[str]:
    """`thread draft essay.md` in a tmux session of its own, at 80×24."""
    session = f"threadsmith-{name}-{os.getpid()}"
    data, config = tmp_path / "data", tmp_path / "config"
    path = os.environ.get("PYTHONPATH", "")  # (the tmux server's environment is not ours)
    command = (
        f"cd {tmp_path} && XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} PYTHONPATH={path} "
        f"{sys.executable} -m threadsmith draft essay.md"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command], check=True
    )
    try:
        wait_for(session, "1 of 1", timeout=60)
        yield session
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def bodies(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "data" / "threadsmith" / "threadsmith.db"
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT title, body FROM drafts").fetchall())


def test_two_windows_on_one_draft_never_overwrite_each_other(tmp_path: Path) -> None:
    require_real_part(shutil.which("tmux") is not None, "tmux is not installed")
    (tmp_path / "essay.md").write_text(ESSAY, encoding="utf-8")
    with window("first", tmp_path) as first, window("second", tmp_path) as second:
        wait_for(second, "Open elsewhere")
        assert "Open elsewhere" not in screen(first)
        keys(first, "C-End")
        keys(first, " First's words.", literal=True)
        keys(first, "C-s")
        wait_until(
            lambda: "First's words." in bodies(tmp_path).get("Fair funding now", ""),
            lambda: f"the first window's save; the drafts are {bodies(tmp_path)}",
        )
        keys(second, "C-End")
        keys(second, " Second's words.", literal=True)  # its autosave finds newer text
        wait_for(second, "Changed in another window")
        assert bodies(tmp_path) == {"Fair funding now": ESSAY + " First's words."}
        keys(second, "Left", "Left", "Enter")  # from "Keep editing" to "Keep mine as a copy"
        wait_for(second, "Kept as a copy")
        drafts = bodies(tmp_path)
        assert drafts.pop("Fair funding now") == ESSAY + " First's words."
        ((title, copy),) = drafts.items()  # (where Ctrl+End put the cursor is not the point)
        assert title.endswith("(copy)") and "Second's words." in copy and "First's" not in copy
