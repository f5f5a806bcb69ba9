"""Who is publishing a run: an exclusive claim, so a thread is never sent by two
processes at once (the app and the command line, a timer and a person, a rerun
while the first run still goes).

A claim is a row naming its owner (pid, host, and what tells that process from a
later one given the same pid). It is taken in a write transaction, released when
the run stops, and taken over only when its owner is provably gone: on this
host, its pid no longer runs, or now belongs to another process. An owner on
another host is never presumed dead.

A claim is also where a thread is kept from going out twice by two runs (a schedule
and `thread publish`, two copies of an essay): a run that has sent nothing yet is
claimed only if no other run of the same posts, from the same account, is being
published, stopped half way, or finished since this run was made (`refuse_twice`).
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import time
from dataclasses import dataclass
from functools import cache

from threadsmith.errors import Duplicate, RunBusy


@dataclass(frozen=True, slots=True)
class Claim:
    run_id: int
    token: str


@cache
def _host() -> str:
    return socket.gethostname()


def process_identity(pid: int) -> str:
    """What tells process `pid` from a later one given the same pid: the boot and its
    start time on Linux; "" where that cannot be known (then only the pid counts)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
        with open("/proc/sys/kernel/random/boot_id") as handle:
            boot = handle.read().strip()
    except OSError:
        return ""
    fields = stat[stat.rindex(b")") + 2 :].split()  # the name may hold spaces
    return f"{boot}:{int(fields[19])}"  # field 22 of stat: start time, in clock ticks


def _gone(pid: int, host: str, process: str) -> bool:
    """Whether the owner of a claim has provably stopped."""
    if host != _host():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it runs, as another user
    return bool(process) and process_identity(pid) not in ("", process)


def take(db: sqlite3.Connection, run_id: int) -> Claim:
    """Claim `run_id` inside the caller's write transaction, or raise `RunBusy`."""
    row = db.execute("SELECT pid, host, process FROM claims WHERE run_id = ?", (run_id,)).fetchone()
    if row is not None:
        pid, host, process = row
        if not _gone(pid, host, process):
            raise _busy(pid, host)
    pid = os.getpid()
    claim = Claim(run_id, secrets.token_hex(8))
    db.execute(
        "INSERT INTO claims (run_id, pid, host, process, token, since) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (run_id) DO UPDATE SET pid = excluded.pid, host = excluded.host, "
        "process = excluded.process, token = excluded.token, since = excluded.since",
        (run_id, pid, _host(), process_identity(pid), claim.token, time.time()),
    )
    return claim


def release(db: sqlite3.Connection, claim: Claim) -> None:
    """Drop the claim, if it is still this one's (never another owner's)."""
    db.execute("DELETE FROM claims WHERE run_id = ? AND token = ?", (claim.run_id, claim.token))


def holder(db: sqlite3.Connection, run_id: int) -> tuple[int, str] | None:
    """(pid, host) of the live owner of `run_id`'s claim, if there is one."""
    row = db.execute("SELECT pid, host, process FROM claims WHERE run_id = ?", (run_id,)).fetchone()
    if row is None or _gone(*row):
        return None
    return row[0], row[1]


_STARTED = (
    "EXISTS (SELECT 1 FROM run_posts WHERE run_id = runs.id AND state IN ('sent', 'sending'))"
)


def refuse_twice(db: sqlite3.Connection, run_id: int) -> None:
    """Inside the caller's write transaction (the one that claims `run_id`): raise
    `RunBusy` or `Duplicate` if sending `run_id`, which has sent nothing yet, would
    publish its thread a second time. A run that has started is always finished."""
    run = db.execute(
        f"SELECT platform, handle, content_key, created, {_STARTED} AS started FROM runs "
        "WHERE id = ?",
        (run_id,),
    ).fetchone()
    if run is None or run["started"]:
        return
    twins = db.execute(
        f"SELECT id, status, updated, {_STARTED} AS started FROM runs WHERE platform = ? "
        "AND handle = ? AND content_key = ? AND id != ? AND status NOT IN "
        "('abandoned', 'cancelled') ORDER BY id DESC",
        (run["platform"], run["handle"], run["content_key"], run_id),
    ).fetchall()
    for twin in twins:
        if (owner := holder(db, twin["id"])) is not None:
            raise _busy(*owner)
        if twin["status"] == "done" and twin["updated"] >= run["created"]:
            when = time.strftime("%d %b %Y %H:%M", time.localtime(twin["updated"]))
            first = db.execute(
                "SELECT url FROM run_posts WHERE run_id = ? ORDER BY number LIMIT 1", (twin["id"],)
            ).fetchone()
            raise Duplicate(
                f"this thread was published meanwhile, on {when}: {first['url'] if first else '?'}"
                f" (run {twin['id']}); nothing was sent"
            )
        if twin["started"] and twin["status"] != "done":
            raise Duplicate(
                f"run {twin['id']} of this thread stopped half way: resume it (thread publish "
                f"--resume) or give it up (thread publish --abandon {twin['id']}); nothing was sent"
            )


def _busy(pid: int, host: str) -> RunBusy:
    where = "" if host == _host() else f" on {host}"
    return RunBusy(
        f"this thread is being published by another threadsmith (pid {pid}{where}); "
        "wait for it or stop it",
        pid,
        host,
    )
