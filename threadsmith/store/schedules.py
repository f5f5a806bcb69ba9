"""Schedules: threads journalled now, with their exact texts, to be published at a set time.

A schedule groups the runs of one essay to one or more accounts, all due at the
same moment. Its runs wait in the `scheduled` state; the scheduler moves each to
`open` once its time has come (then it is published, and resumed, as any run), to
`missed` when it is found too late, or to `held` ("needs you") when something only
the person can fix stops it (a missing image, a post over the limit, a refused
login, the thread published meanwhile). A run that has not started (`scheduled`,
`missed` or `held`) can be cancelled, moved or rewritten; each of those is done
under the run's claim, in one write transaction, so never while a runner publishes
it. A booking is refused, in its own transaction, when the thread is scheduled,
being published or unfinished, or went out since the person was asked.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadsmith.errors import Duplicate, InputError, StoreError
from threadsmith.journal import Outgoing, RunStatus, content_key
from threadsmith.network import Network
from threadsmith.store import claims
from threadsmith.store.run_rows import Run, insert_posts, insert_run, run_of
from threadsmith.store.runs import Runs

# not started: may be cancelled or moved
WAITING = (RunStatus.SCHEDULED, RunStatus.MISSED, RunStatus.HELD)
_STARTED = (
    "EXISTS (SELECT 1 FROM run_posts WHERE run_id = runs.id AND state IN ('sent', 'sending'))"
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """An essay's runs to publish at `due` (seconds since the epoch)."""

    id: int
    draft_key: str
    title: str
    due: float
    created: float
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Planned:
    """One account's thread to schedule: its exact posts and publish options."""

    network: Network
    handle: str
    posts: Sequence[Outgoing]
    options: Mapping[str, str]
    seen_published: int | None = None  # the finished run of these posts the person was shown


class Schedules(Runs):
    def create_schedule(
        self, draft_key: str, title: str, due: float, planned: Sequence[Planned]
    ) -> Schedule:
        """One schedule with a `scheduled` run per account, in one transaction; refused
        when one of these threads is scheduled for that account already, is being
        published or stopped half way (`InputError`), or went out since the person was
        asked (`Duplicate`: a finished run other than the one they were shown)."""
        now = time.time()
        with self._write() as db:
            for item in planned:
                _refuse_booking(db, draft_key, item)
            cursor = db.execute(
                "INSERT INTO schedules (draft_key, title, due, created) VALUES (?, ?, ?, ?)",
                (draft_key, title, due, now),
            )
            schedule_id = int(cursor.lastrowid or 0)
            for item in planned:
                key = content_key(post.text for post in item.posts)
                run_id = insert_run(
                    db, draft_key, item.network, item.handle, item.posts, key, None, item.options
                )
                db.execute(
                    "UPDATE runs SET status = ?, schedule_id = ? WHERE id = ?",
                    (RunStatus.SCHEDULED.value, schedule_id, run_id),
                )
        return self.schedule(schedule_id)

    def schedule(self, schedule_id: int) -> Schedule:
        row = self._row("SELECT * FROM schedules WHERE id = ?", (schedule_id,))
        if row is None:
            raise StoreError(
                f"there is no schedule number {schedule_id}: see `thread schedule list`"
            )
        return self._schedule(row)

    def schedules(self, draft_key: str | None = None) -> list[Schedule]:
        """Every schedule (of one draft, if `draft_key`), the soonest first."""
        rows = self._rows(
            "SELECT * FROM schedules WHERE ? IS NULL OR draft_key = ? ORDER BY due, id",
            (draft_key, draft_key),
        )
        return [self._schedule(row) for row in rows]

    def scheduled_run(
        self, draft_key: str, network: Network, handle: str, texts: Sequence[str]
    ) -> Run | None:
        """The run waiting for its time that publishes this draft, or these very posts,
        from this account."""
        with self._lock:
            try:
                row = _waiting(self._db, draft_key, network, handle, content_key(texts))
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None
        return run_of(row) if row is not None else None

    def due_runs(self, now: float) -> list[tuple[Schedule, Run]]:
        """What the scheduler has to do: runs whose time (by `now`) has come, waiting or
        started and unfinished, the longest due first."""
        rows = self._rows(
            "SELECT runs.id FROM runs JOIN schedules ON schedules.id = runs.schedule_id "
            "WHERE (runs.status = 'scheduled' AND schedules.due <= ?) OR runs.status = 'open' "
            "ORDER BY schedules.due, runs.id",
            (now,),
        )
        found = []
        for row in rows:
            run = self.run(row["id"])
            assert run.schedule_id is not None
            found.append((self.schedule(run.schedule_id), run))
        return found

    # --- the scheduler's moves (it holds the run's claim) -------------------------------

    def begin_scheduled(self, run_id: int, note: str | None = None) -> bool:
        """A waiting run starts: it is now an unfinished run like any other."""
        return self._move(run_id, "status IN ('scheduled', 'missed', 'held')", RunStatus.OPEN, note)

    def hold(self, run_id: int, note: str) -> bool:
        """Something only the person can fix stopped a run that sent nothing ("needs
        you", with `note`): the timer leaves it alone until they move it or publish it
        (`--id ID --now`). A run with posts out is not held: it is finished once fixed."""
        return self._move(
            run_id, f"status IN ('scheduled', 'missed', 'held', 'open') AND NOT {_STARTED}",
            RunStatus.HELD, note,
        )  # fmt: skip

    def miss(self, run_id: int, note: str) -> bool:
        """Too late: a waiting run, or one started that sent nothing, is `missed`."""
        return self._move(
            run_id, f"(status = 'scheduled' OR (status = 'open' AND NOT {_STARTED}))",
            RunStatus.MISSED, note,
        )  # fmt: skip

    def unstart(self, run_id: int, note: str) -> bool:
        """A started run that sent nothing waits again (for the next try, within the grace)."""
        return self._move(run_id, f"status = 'open' AND NOT {_STARTED}", RunStatus.SCHEDULED, note)

    def note_run(self, run_id: int, note: str | None) -> None:
        with self._write() as db:
            db.execute("UPDATE runs SET note = ? WHERE id = ?", (note, run_id))

    # --- the person's moves ------------------------------------------------------------

    def cancel_schedule(self, schedule_id: int) -> list[Run]:
        """Cancel every run of the schedule that has not started: none is ever published.
        Raises `RunBusy` while one is being published, `InputError` if none can be."""
        self.schedule(schedule_id)  # a clear error for a schedule that does not exist
        with self._write() as db:
            waiting = _claimed_waiting(db, schedule_id)
            db.executemany(
                "UPDATE runs SET status = 'cancelled', note = NULL, updated = ? WHERE id = ?",
                [(time.time(), run_id) for run_id in waiting],
            )
        return [self.run(run_id) for run_id in waiting]

    def reschedule(self, schedule_id: int, due: float) -> Schedule:
        """Move the schedule to `due`: its waiting runs (missed ones too) wait for then."""
        self.schedule(schedule_id)
        with self._write() as db:
            waiting = _claimed_waiting(db, schedule_id)
            db.execute("UPDATE schedules SET due = ? WHERE id = ?", (due, schedule_id))
            db.executemany(
                "UPDATE runs SET status = 'scheduled', note = NULL, updated = ? WHERE id = ?",
                [(time.time(), run_id) for run_id in waiting],
            )
        return self.schedule(schedule_id)

    def rewrite_scheduled(
        self, run_id: int, posts: Sequence[Outgoing], options: Mapping[str, str]
    ) -> Run:
        """Replace a waiting run's posts (the draft was edited since it was scheduled)."""
        key = content_key(post.text for post in posts)
        now = time.time()
        with self._write() as db:
            row = db.execute(
                f"SELECT status, {_STARTED} AS started FROM runs WHERE id = ?", (run_id,)
            ).fetchone()
            if row is None or RunStatus(row["status"]) not in WAITING or row["started"]:
                raise InputError(f"run {run_id} has started or was cancelled: it cannot change")
            claims.release(db, claims.take(db, run_id))  # RunBusy while it is being published
            db.execute("DELETE FROM run_posts WHERE run_id = ?", (run_id,))
            insert_posts(db, run_id, posts, now)
            db.execute(
                "UPDATE runs SET content_key = ?, options = ?, updated = ? WHERE id = ?",
                (key, json.dumps(dict(options)), now, run_id),
            )
        return self.run(run_id)

    # --- helpers -------------------------------------------------------------------------

    def _schedule(self, row: sqlite3.Row) -> Schedule:
        rows = self._rows("SELECT * FROM runs WHERE schedule_id = ? ORDER BY id", (row["id"],))
        runs = tuple(run_of(run) for run in rows)
        return Schedule(row["id"], row["draft_key"], row["title"], row["due"], row["created"], runs)

    def _move(self, run_id: int, condition: str, status: RunStatus, note: str | None) -> bool:
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE runs SET status = ?, note = ?, updated = ? WHERE id = ? AND {condition}",
                (status.value, note, time.time(), run_id),
            )
        return cursor.rowcount > 0


def _claimed_waiting(db: sqlite3.Connection, schedule_id: int) -> list[int]:
    """The schedule's runs that have not started, each checked free of a publisher inside
    the caller's transaction (`RunBusy` otherwise: then nothing changes)."""
    rows = db.execute(
        "SELECT id FROM runs WHERE schedule_id = ? AND status IN ('scheduled', 'missed', 'held') "
        f"AND NOT {_STARTED}",
        (schedule_id,),
    ).fetchall()
    if not rows:
        raise InputError(
            f"schedule {schedule_id} has no thread waiting: each was published, started "
            "(see `thread publish --resume` or `--abandon`) or cancelled"
        )
    for (run_id,) in rows:
        claims.release(db, claims.take(db, run_id))
    return [run_id for (run_id,) in rows]


def _waiting(
    db: sqlite3.Connection, draft_key: str, network: Network, handle: str, key: str
) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM runs WHERE platform = ? AND handle = ? AND status = 'scheduled' "
        "AND (draft_key = ? OR content_key = ?) ORDER BY id DESC LIMIT 1",
        (network.name, handle, draft_key, key),
    ).fetchone()
    return row


def _refuse_booking(db: sqlite3.Connection, draft_key: str, item: Planned) -> None:
    """Inside the booking's transaction: why `item` cannot be scheduled, raised."""
    name = f"{item.network.display_name} @{item.handle}"
    key = content_key(post.text for post in item.posts)
    if (other := _waiting(db, draft_key, item.network, item.handle, key)) is not None:
        raise InputError(
            f"{name}: this thread is scheduled already (schedule {other['schedule_id']}): "
            "cancel or move that one"
        )
    unfinished = db.execute(
        "SELECT id FROM runs WHERE platform = ? AND handle = ? AND status IN ('open', 'held') "
        f"AND (draft_key = ? OR content_key = ?) AND (status = 'open' OR {_STARTED}) "
        "ORDER BY id DESC LIMIT 1",
        (item.network.name, item.handle, draft_key, key),
    ).fetchone()
    if unfinished is not None:
        run = unfinished["id"]
        raise InputError(
            f"{name}: this thread is being published, or stopped half way (run {run}): nothing "
            f"was scheduled; finish it (thread publish --resume) or give it up (--abandon {run})"
        )
    done = db.execute(
        "SELECT id, updated FROM runs WHERE platform = ? AND handle = ? AND status = 'done' "
        "AND content_key = ? ORDER BY id DESC LIMIT 1",
        (item.network.name, item.handle, key),
    ).fetchone()
    if done is not None and done["id"] != item.seen_published:
        when = time.strftime("%d %b %Y %H:%M", time.localtime(done["updated"]))
        first = db.execute(
            "SELECT url FROM run_posts WHERE run_id = ? ORDER BY number LIMIT 1", (done["id"],)
        ).fetchone()
        raise Duplicate(
            f"{name}: this thread was published meanwhile, on {when}: "
            f"{first['url'] if first else '?'}; nothing was scheduled"
        )
