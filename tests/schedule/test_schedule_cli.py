"""`thread schedule` for real: subprocesses, the real keyring, a real PDS. A thread booked
ahead goes out only once due, with `createdAt` from when it was sent; two
runners together publish it once; one beyond the grace is missed; a cancelled one never
goes out."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from atproto import models

from support.pds import LocalPDS, read_thread
from support.schedules import AHEAD, booked_id, bring_due, due_at
from support.secret_service import locked_keyring
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login

pytestmark = pytest.mark.realparts


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    thread = Thread(secret_service, tmp_path / "data")
    thread.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no timer of the user's
    thread.env["TZ"] = "America/New_York"  # local time is not UTC: both are shown
    return thread


def posts_in(source: Path) -> int:
    return len(split(source.read_text(), "bluesky").posts)


def booked(thread: Thread, source: Path, at: str, *more: str) -> tuple[int, float]:
    """Schedule `source` to Bluesky; (its id, when it is due in seconds since the epoch)."""
    result = thread("schedule", str(source), "--to", "bluesky", "--at", at, "--yes", *more)
    assert result.returncode == 0, result.stdout + result.stderr
    schedule_id = booked_id(result.stdout)
    return schedule_id, due_at(thread, schedule_id)


def test_booked_ahead_it_goes_out_once_due_and_not_before(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("soon")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=4)
    # booked well ahead (a loaded machine takes seconds over each command), then moved to
    # now once the early checks are done: the time comes when the test says
    schedule_id, _ = booked(thread, source, AHEAD)
    said = thread.outputs[-2]  # what scheduling printed: the time, local and UTC; no timer yet
    assert re.search(r" \d\d:\d\d E[SD]T \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)", said), said
    assert "set one up with `thread schedule install`" in said
    early = thread("schedule", "run")
    assert early.returncode == 0 and early.stdout == "" and early.stderr == ""
    assert read_thread(pds, account) == []
    listed = thread("schedule", "list").stdout
    row = rf"^{schedule_id}\s+\w{{3}} \d\d:\d\d \(in [^)]+\)\s+scheduled\n.*\n   to Bluesky @"
    assert re.search(row, listed, re.MULTILINE), listed
    due = bring_due(thread, schedule_id)
    late = thread("schedule", "run")
    assert late.returncode == 0, late.stdout + late.stderr
    assert f"schedule {schedule_id}, Bluesky @{account.handle}: published: https://" in late.stdout
    records = assert_chain(pds, account, posts_in(source))
    for record in records:  # when it was sent, never when it was scheduled or written
        created = datetime.fromisoformat(str(record["createdAt"]).replace("Z", "+00:00"))
        assert created.timestamp() >= due
    assert thread("schedule", "run").stdout == ""  # done: nothing more
    assert "published" in thread("schedule", "list", "--all").stdout


def test_two_runners_started_together_publish_it_once(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("together")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=12)
    schedule_id, _ = booked(thread, source, AHEAD)
    bring_due(thread, schedule_id)
    first, second = thread.start("schedule", "run"), thread.start("schedule", "run")
    outcomes = [process.communicate(timeout=120) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outcomes
    said = "".join(out for out, _ in outcomes)
    assert said.count(": published: https://") == 1, outcomes
    assert_chain(pds, account, posts_in(source))  # one thread, each post once


def test_beyond_the_grace_it_is_missed_and_published_only_when_asked(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("missed")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    schedule_id, _ = booked(thread, source, AHEAD)
    bring_due(thread, schedule_id, ago=2.5)
    result = thread("schedule", "run", "--grace", "1s")
    assert result.returncode == 0, result.stderr
    assert "missed (found " in result.stdout and "beyond the grace of 1 s" in result.stdout
    assert read_thread(pds, account) == []
    assert thread("schedule", "run").stdout == ""  # missed is never due again
    assert re.search(rf"^{schedule_id}\s.*\smissed\s", thread("schedule", "list").stdout, re.M)
    assert read_thread(pds, account) == []
    anyway = thread("schedule", "run", "--id", str(schedule_id), "--now")
    assert anyway.returncode == 0 and ": published: " in anyway.stdout, anyway.stderr
    assert_chain(pds, account, posts_in(source))


def test_a_cancelled_schedule_is_never_published(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("cancel")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    schedule_id, _ = booked(thread, source, AHEAD)
    cancelled = thread("schedule", "cancel", str(schedule_id))
    assert cancelled.returncode == 0
    assert cancelled.stdout == (
        f"Cancelled schedule {schedule_id} (Bluesky @{account.handle}): it will not be published.\n"
    )
    bring_due(thread, schedule_id)
    for command in (("schedule", "run"), ("schedule", "run", "--id", str(schedule_id), "--now"),
                    ("publish", "--resume")):  # fmt: skip
        result = thread(*command)
        assert result.returncode == 0, result.stderr
    assert read_thread(pds, account) == []
    assert "cancelled" in thread("schedule", "list", "--all").stdout
    assert thread("schedule", "cancel", str(schedule_id)).returncode == 2  # nothing waits


def test_a_scheduled_thread_is_not_published_again_by_hand(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("byhand")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    schedule_id, _ = booked(thread, source, "+1h")
    now = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert now.returncode == 0
    assert "scheduled for " in now.stdout and f"--id {schedule_id} --now" in now.stdout
    resume = thread("publish", "--resume")
    assert "Nothing to resume" in resume.stdout and "(1 scheduled, to go out" in resume.stdout
    again = thread("schedule", str(source), "--to", "bluesky", "--at", "+2h", "--yes")
    assert again.returncode == 2 and f"scheduled already (schedule {schedule_id})" in again.stderr
    assert read_thread(pds, account) == []


def test_a_locked_keyring_is_one_line_and_the_thread_stays_due(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("locked")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    schedule_id, _ = booked(thread, source, AHEAD)
    bring_due(thread, schedule_id)
    with locked_keyring():
        result = thread("schedule", "run")
        listed = thread("schedule", "list").stdout
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr  # one line in the runner's log
    assert (
        f"schedule {schedule_id}, Bluesky @{account.handle}: not published yet: " in result.stderr
    )
    assert "Failed to unlock the collection" in result.stderr and "it stays due" in result.stderr
    assert re.search(rf"^{schedule_id}\s.*\sscheduled\s", listed, re.MULTILINE), listed
    assert "could not start: could not read the credentials" in listed
    assert read_thread(pds, account) == []
    unlocked = thread("schedule", "run")  # the next tick of the timer, the keyring open again
    assert unlocked.returncode == 0 and ": published: " in unlocked.stdout, unlocked.stderr
    assert_chain(pds, account, posts_in(source))


def test_who_may_reply_and_quote_go_with_the_schedule_and_apply_when_it_runs(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("gates")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3)
    source.write_text("---\nquotes: false\n---\n" + source.read_text())
    dry = thread("schedule", str(source), "--to", "bluesky", "--at", "+1h", "--replies",
                 "following", "--dry-run")  # fmt: skip
    assert dry.returncode == 0 and "note:" not in dry.stdout  # Bluesky does both
    schedule_id, _ = booked(thread, source, AHEAD, "--replies", "following")
    bring_due(thread, schedule_id)
    result = thread("schedule", "run")  # another process, from what was journalled
    assert result.returncode == 0, result.stderr
    records = assert_chain(pds, account, posts_in(source))
    client = pds.client(account)
    try:
        gates = {
            collection: client.com.atproto.repo.list_records(
                models.ComAtprotoRepoListRecords.Params(repo=account.did, collection=collection)
            ).records
            for collection in ("app.bsky.feed.threadgate", "app.bsky.feed.postgate")
        }
    finally:
        client.request.close()
    (threadgate,) = gates["app.bsky.feed.threadgate"]
    assert threadgate.value.post == records[0]["uri"]
    assert [rule.py_type for rule in threadgate.value.allow] == [
        "app.bsky.feed.threadgate#followingRule"
    ]
    assert sorted(gate.value.post for gate in gates["app.bsky.feed.postgate"]) == sorted(
        str(record["uri"]) for record in records
    )
