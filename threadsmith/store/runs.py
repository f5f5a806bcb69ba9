"""The publish journal: one `runs` row per thread going to one account, one `run_posts`
row per post with its state and remote identity, and who is publishing it now.

Every state change is committed before the next network request, so a `kill -9`
at any point leaves a journal that says exactly how far publishing got. A run is
started (found or made) and claimed in write transactions, so two processes
never make two runs of one thread, nor publish one run together.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadsmith.errors import Duplicate, InputError, StoreError
from threadsmith.journal import Outgoing, PostRef, PostState, RunStatus, content_key
from threadsmith.network import Network
from threadsmith.store import claims
from threadsmith.store.claims import Claim
from threadsmith.store.database import Database
from threadsmith.store.run_rows import (
    JournalPost,
    Run,
    insert_run,
    journal_post,
    run_of,
)

# A thread whose text is this much the same as one the account published is the same
# thread with a typo fixed, not a new one (a sentence rewritten in a thread of ten
# posts leaves about 0.95; a different essay on the same topic well under 0.5).
RESEMBLING = 0.9
RECENT_RUNS = 20  # of an account's finished runs, the newest this many are compared


@dataclass(frozen=True, slots=True)
class Started:
    """What `start_run` found: the run to publish (a new one, or an unfinished one to
    resume), or, when these very posts already went out, the run that sent them."""

    run: Run | None
    earlier: Run | None = None
    resumed: bool = False


class Runs(Database):
    def start_run(
        self,
        draft_key: str,
        network: Network,
        handle: str,
        posts: Sequence[Outgoing],
        reply_to: tuple[PostRef, PostRef] | None = None,
        again: bool = False,
        options: Mapping[str, str] | None = None,
    ) -> Started:
        """The run that publishes `posts` to the account, in one transaction: the
        unfinished run of this draft or of these posts if there is one (resumed as
        journalled), else nothing if these posts went out already (unless `again`),
        else a new run. Raises `Duplicate` when this draft or these posts wait to go out
        at a set time (scheduled since the plan was made)."""
        key = content_key(post.text for post in posts)
        with self._write() as db:
            row = db.execute(
                "SELECT * FROM runs WHERE platform = ? AND handle = ? AND status = 'open' "
                "AND (draft_key = ? OR content_key = ?) ORDER BY id DESC LIMIT 1",
                (network.name, handle, draft_key, key),
            ).fetchone()
            if row is not None:
                return Started(run_of(row), resumed=True)
            waiting = db.execute(
                "SELECT id, schedule_id FROM runs WHERE platform = ? AND handle = ? AND status = "
                "'scheduled' AND (draft_key = ? OR content_key = ?) ORDER BY id DESC LIMIT 1",
                (network.name, handle, draft_key, key),
            ).fetchone()
            if waiting is not None:  # booked meanwhile: it goes out then, once
                schedule = waiting["schedule_id"]
                raise Duplicate(
                    f"this thread was scheduled meanwhile (schedule {schedule}) and goes out "
                    f"then; nothing was sent (to publish it now: thread schedule run --id "
                    f"{schedule} --now)"
                )
            if not again:
                row = _published(db, network, handle, key)
                if row is not None:
                    return Started(None, earlier=run_of(row))
            run_id = insert_run(db, draft_key, network, handle, posts, key, reply_to, options)
        return Started(self.run(run_id))

    def create_run(
        self,
        draft_key: str,
        network: Network,
        handle: str,
        posts: Sequence[Outgoing],
        reply_to: tuple[PostRef, PostRef] | None = None,
        options: Mapping[str, str] | None = None,
    ) -> Run:
        """A new run, whatever else there is (`start_run` is what publishing uses)."""
        key = content_key(post.text for post in posts)
        with self._write() as db:
            run_id = insert_run(db, draft_key, network, handle, posts, key, reply_to, options)
        return self.run(run_id)

    def open_run(self, draft_key: str, network: Network, handle: str) -> Run | None:
        """The unfinished run for this draft and account, if there is one."""
        row = self._row(
            "SELECT * FROM runs WHERE draft_key = ? AND platform = ? AND handle = ? "
            "AND status = 'open' ORDER BY id DESC LIMIT 1",
            (draft_key, network.name, handle),
        )
        return run_of(row) if row else None

    def published(self, network: Network, handle: str, texts: Sequence[str]) -> Run | None:
        """The last finished run that sent exactly these posts from this account."""
        key = content_key(texts)
        with self._lock:
            try:
                row = _published(self._db, network, handle, key)
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None
        return run_of(row) if row else None

    def resembling(self, network: Network, handle: str, texts: Sequence[str]) -> Run | None:
        """The last of this account's recent finished runs whose posts are nearly these
        (a typo fixed, a word changed: `RESEMBLING` of their text the same), not exactly."""
        from difflib import SequenceMatcher

        key, wanted = content_key(texts), "\n".join(texts)
        rows = self._rows(
            "SELECT * FROM runs WHERE platform = ? AND handle = ? AND status = 'done' "
            "AND content_key != ? ORDER BY id DESC LIMIT ?",
            (network.name, handle, key, RECENT_RUNS),
        )
        for row in rows:
            earlier = "\n".join(post.text for post in self.run_posts(row["id"]))
            matcher = SequenceMatcher(None, earlier, wanted, autojunk=False)
            if matcher.real_quick_ratio() >= RESEMBLING and matcher.ratio() >= RESEMBLING:
                return run_of(row)
        return None

    def published_by_anyone(self, network: Network, texts: Sequence[str]) -> Run | None:
        """The last finished run that sent exactly these posts to `platform`, from
        whichever account (who published by hand may have said no name)."""
        row = self._row(
            "SELECT * FROM runs WHERE platform = ? AND status = 'done' AND content_key = ? "
            "ORDER BY id DESC LIMIT 1",
            (network.name, content_key(texts)),
        )
        return run_of(row) if row else None

    def name_run_account(self, run_id: int, handle: str) -> Run:
        """Give a run started before its account's name was known (by hand, with no
        account) the name its first post showed; a run that has one keeps it."""
        with self._write() as db:
            db.execute(
                "UPDATE runs SET handle = ?, updated = ? WHERE id = ? AND handle = ''",
                (handle, time.time(), run_id),
            )
        return self.run(run_id)

    def open_runs(self) -> list[Run]:
        return [run_of(row) for row in self._rows("SELECT * FROM runs WHERE status = 'open'")]

    def runs_for(self, draft_key: str) -> list[Run]:
        rows = self._rows("SELECT * FROM runs WHERE draft_key = ? ORDER BY id", (draft_key,))
        return [run_of(row) for row in rows]

    def run(self, run_id: int) -> Run:
        row = self._row("SELECT * FROM runs WHERE id = ?", (run_id,))
        if row is None:
            raise StoreError(f"there is no publish run number {run_id}")
        return run_of(row)

    def run_posts(self, run_id: int) -> list[JournalPost]:
        rows = self._rows("SELECT * FROM run_posts WHERE run_id = ? ORDER BY number", (run_id,))
        return [journal_post(row) for row in rows]

    # --- who publishes a run --------------------------------------------------------

    def claim_run(self, run_id: int) -> Claim:
        """Claim the run for this process, or raise `RunBusy` naming its owner. A run
        that has sent nothing yet is refused with `Duplicate` (nothing claimed) if its
        posts went out from this account since it was made, or are going out, from
        another run: checked in the claim's own transaction, at the moment of sending."""
        with self._write() as db:
            claim = claims.take(db, run_id)
            claims.refuse_twice(db, run_id)
            return claim

    def release_claim(self, claim: Claim) -> None:
        with self._write() as db:
            claims.release(db, claim)

    def run_owner(self, run_id: int) -> tuple[int, str] | None:
        """(pid, host) of the process publishing the run now, if any."""
        with self._lock:
            try:
                return claims.holder(self._db, run_id)
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None

    # --- the journal's states ---------------------------------------------------------

    def mark_sending(self, run_id: int, number: int, record_key: str | None) -> None:
        self._set_post(
            run_id, number, state=PostState.SENDING.value, record_key=record_key, error=None
        )

    def mark_sent(self, run_id: int, number: int, ref: PostRef) -> None:
        self._set_post(
            run_id, number, state=PostState.SENT.value, remote_id=ref.id, uri=ref.uri,
            cid=ref.cid, url=ref.url, error=None,
        )  # fmt: skip

    def mark_failed(self, run_id: int, number: int, error: str) -> None:
        self._set_post(run_id, number, state=PostState.FAILED.value, error=error)

    def finish_run(self, run_id: int) -> None:
        self._set_status(run_id, RunStatus.DONE)

    def abandon_run(self, run_id: int) -> Run:
        """Give up an unfinished run: it is never resumed, and no longer blocks anything.
        Refused while another process publishes it."""
        run = self.run(run_id)
        if run.status is not RunStatus.OPEN:
            raise InputError(
                f"run {run_id} is {run.status.value}: only an unfinished run can be given up"
            )
        with self._write() as db:
            claim = claims.take(db, run_id)  # RunBusy if someone is publishing it
            claims.release(db, claim)
            db.execute(
                "UPDATE runs SET status = ?, updated = ? WHERE id = ?",
                (RunStatus.ABANDONED.value, time.time(), run_id),
            )
        return self.run(run_id)

    def _set_status(self, run_id: int, status: RunStatus) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE runs SET status = ?, updated = ? WHERE id = ?",
                (status.value, time.time(), run_id),
            )

    def _set_post(self, run_id: int, number: int, **fields: object) -> None:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self._write() as db:
            db.execute(
                f"UPDATE run_posts SET {assignments}, updated = ? WHERE run_id = ? AND number = ?",
                (*fields.values(), time.time(), run_id, number),
            )
            db.execute("UPDATE runs SET updated = ? WHERE id = ?", (time.time(), run_id))

    def _after_upgrade_from_1(self, db: sqlite3.Connection) -> None:
        """Runs journalled before content keys get theirs, from their posts' texts."""
        for (run_id,) in db.execute("SELECT id FROM runs").fetchall():
            texts = db.execute(
                "SELECT text FROM run_posts WHERE run_id = ? ORDER BY number", (run_id,)
            ).fetchall()
            key = content_key(text for (text,) in texts)
            db.execute("UPDATE runs SET content_key = ? WHERE id = ?", (key, run_id))

    # --- posts sent together (a Bluesky thread in one commit) ---------------------------

    def mark_sending_together(self, run_id: int, refs: Mapping[int, PostRef]) -> None:
        """Journal the posts `refs` (by number) as going out in one request, each with the
        ref it will have (record key, uri, CID), in one transaction: all or none."""
        now = time.time()
        with self._write() as db:
            db.executemany(
                "UPDATE run_posts SET state = ?, record_key = ?, remote_id = ?, uri = ?, "
                "cid = ?, url = ?, error = NULL, updated = ? WHERE run_id = ? AND number = ?",
                [(PostState.SENDING.value, ref.id, ref.id, ref.uri, ref.cid, ref.url, now,
                  run_id, number) for number, ref in refs.items()],
            )  # fmt: skip
            db.execute("UPDATE runs SET updated = ? WHERE id = ?", (now, run_id))

    def sending_refs(self, run_id: int) -> dict[int, PostRef]:
        """The refs journalled for posts still `sending` together (`mark_sending_together`),
        by number: what they are on the network if their request went through."""
        rows = self._rows(
            "SELECT number, remote_id, url, uri, cid FROM run_posts WHERE run_id = ? AND "
            "state = ? AND cid IS NOT NULL ORDER BY number",
            (run_id, PostState.SENDING.value),
        )
        return {
            row["number"]: PostRef(row["remote_id"], row["url"], row["uri"], row["cid"])
            for row in rows
        }

    def mark_sent_together(self, run_id: int, refs: Mapping[int, PostRef]) -> None:
        """The posts `refs` (by number) are out, all in one transaction."""
        now = time.time()
        with self._write() as db:
            db.executemany(
                "UPDATE run_posts SET state = ?, remote_id = ?, uri = ?, cid = ?, url = ?, "
                "error = NULL, updated = ? WHERE run_id = ? AND number = ?",
                [(PostState.SENT.value, ref.id, ref.uri, ref.cid, ref.url, now, run_id, number)
                 for number, ref in refs.items()],
            )  # fmt: skip
            db.execute("UPDATE runs SET updated = ? WHERE id = ?", (now, run_id))


def _published(
    db: sqlite3.Connection, network: Network, handle: str, key: str
) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM runs WHERE platform = ? AND handle = ? AND status = 'done' "
        "AND content_key = ? ORDER BY id DESC LIMIT 1",
        (network.name, handle, key),
    ).fetchone()
    return row
