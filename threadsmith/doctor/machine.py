"""Checks of this computer's parts: the timer that runs the schedule, and the database
(its folder, size, modes and integrity), read without changing anything."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

from threadsmith.doctor.finding import Finding

INSTALL = "run `thread schedule install` (or nothing scheduled is ever published)"


def timer() -> list[Finding]:
    """Which timer runs `thread schedule run`, and when it last ran."""
    from threadsmith.schedule import launchd
    from threadsmith.schedule import timer as linux

    if sys.platform == "darwin":
        found = launchd.plist_path(Path.home()).exists()
        kind = "a launchd agent"
    elif sys.platform == "win32":
        found, kind = _task_exists(), "a Task Scheduler task"
    elif linux.installed(linux.unit_dir()):
        found, kind = True, "a systemd user timer"
        if linux.systemd_runs() and not linux.enabled(linux.unit_dir()):
            enable = f"run `systemctl --user enable --now {linux.UNIT}.timer`"
            return [Finding("timer", "fix", "the systemd user timer is not enabled", enable)]
    else:
        found, kind = linux.in_crontab(), "a crontab line"
    if not found:
        return [Finding("timer", "fix", "none runs `thread schedule run`", INSTALL)]
    return [Finding("timer", "ok", f"{kind} runs `thread schedule run` every minute; {_last()}")]


def _last() -> str:
    """When the runner last wrote to its log (the cron line's and the launchd agent's)."""
    from threadsmith.schedule import timer as linux

    log = linux.log_path()
    try:
        when = log.stat().st_mtime
    except OSError:
        return "its log is empty so far (nothing due has been published yet)"
    return f"its log was last written {time.strftime('%Y-%m-%d %H:%M', time.localtime(when))}"


def _task_exists() -> bool:
    from threadsmith.schedule import schtasks

    try:
        done = subprocess.run(schtasks.query_command(), capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def database() -> list[Finding]:
    """The database file and its folder: there, private, whole."""
    from threadsmith.paths import database_path

    path = database_path()
    folder = path.parent
    if not path.exists():
        return [Finding("database", "note", f"none yet in {folder}",
                        "it is made when you first save a draft or log in")]  # fmt: skip
    found: list[Finding] = []
    for place, wanted in ((folder, 0o700), (path, 0o600)):
        mode = stat.S_IMODE(place.stat().st_mode)
        if os.name == "posix" and mode & 0o077:
            found.append(
                Finding("database", "fix", f"{place} is open to others (mode {mode:o})",
                        f"run `chmod {wanted:o} {place}`")
            )  # fmt: skip
    problem = _integrity(path)
    size = path.stat().st_size
    if problem is not None:
        moved = path.with_name(path.name + ".damaged")
        found.append(
            Finding("database", "fix", f"{path} is damaged ({problem})",
                    f"quit threadsmith, move it aside (`mv {path} {moved}`) and threadsmith "
                    "starts a new one; log in again, and keep the old file for your drafts")
        )  # fmt: skip
    else:
        found.append(Finding("database", "ok", f"{path}, {_size(size)}, whole"))
    return found


def _integrity(path: Path) -> str | None:
    """SQLite's own integrity check, read-only; None when the file is whole."""
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as error:
        return str(error)
    finally:
        db.close()
    said = [str(row[0]) for row in rows]
    return None if said == ["ok"] else "; ".join(said[:3])


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
