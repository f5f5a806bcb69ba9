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
        last_run = _task_last_run()
        if last_run is None:
            return [Finding("timer", "fix", "none runs `thread schedule run`", INSTALL)]
        said = f"a Task Scheduler task runs `thread schedule run` every minute; {last_run}"
        return [Finding("timer", "ok", said)]
    elif linux.installed(linux.unit_dir()):
        found, kind = True, "a systemd user timer"
        if linux.systemd_runs() and not linux.enabled(linux.unit_dir()):
            enable = f"run `systemctl --user enable --now {linux.UNIT}.timer`"
            return [Finding("timer", "fix", "the systemd user timer is not enabled", enable)]
    else:
        found, kind = linux.in_crontab(), "a crontab line"
    if not found:
        return [Finding("timer", "fix", "none runs `thread schedule run`", INSTALL)]
    last = _systemd_last() if kind.endswith("systemd user timer") else _log_last()
    return [Finding("timer", "ok", f"{kind} runs `thread schedule run` every minute; {last}")]


def _systemd_last() -> str:
    """When systemd last started the runner, as `systemctl --user show` says."""
    from threadsmith.schedule import timer as linux

    asked = ["systemctl", "--user", "show", f"{linux.UNIT}.timer", "-p", "LastTriggerUSec"]
    try:
        done = subprocess.run([*asked, "--value"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return f"when it last ran: `journalctl --user -u {linux.UNIT}`"
    when = done.stdout.strip()
    if done.returncode != 0 or not when or when == "n/a":
        return f"it has not run yet (its log: `journalctl --user -u {linux.UNIT}`)"
    return f"it last ran {when}"


def _log_last() -> str:
    """When the runner last wrote to its log (the cron line's and the launchd agent's)."""
    from threadsmith.schedule import timer as linux

    log = linux.log_path()
    try:
        when = log.stat().st_mtime
    except OSError:
        return "its log is empty so far (nothing due has been published yet)"
    return f"its log was last written {time.strftime('%Y-%m-%d %H:%M', time.localtime(when))}"


def _task_last_run() -> str | None:
    """When Task Scheduler last ran the task, as `schtasks /Query /V` lists it; None
    when there is no such task."""
    from threadsmith.schedule import schtasks

    try:
        done = subprocess.run(schtasks.query_command(), capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    for line in done.stdout.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "Last Run Time":
            return f"it last ran {value.strip()}"
    return "when it last ran: see Task Scheduler's library"


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
