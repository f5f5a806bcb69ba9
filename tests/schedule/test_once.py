"""One publication per thread, whoever starts it, checked where it is decided: in the
transaction that claims a run (the runner, `thread publish`, the app), that starts one,
or that books one. A run that sent nothing and would publish its thread twice is
refused there; the runner marks such a schedule "needs you" and leaves it alone."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from pathlib import Path

import pytest

from support.fake_publisher import FakePublisher
from threadsmith import publish
from threadsmith.errors import Duplicate, RunBusy
from threadsmith.journal import Outgoing, RunStatus
from threadsmith.network import Account, Publisher, network_named
from threadsmith.schedule import Outcome, Result, run_due
from threadsmith.store import Planned, Schedule, Store

BLUESKY = network_named("bluesky")
TEXTS = [f"Scheduled post {n} of the thread. {n}/5" for n in range(1, 6)]
POSTS = [Outgoing(n, text) for n, text in enumerate(TEXTS, start=1)]
DUE = 1_800_000_000.0  # seconds since the epoch
MINUTE = 60.0


def book(store: Store) -> Schedule:
    planned = Planned(BLUESKY, "tester.test", POSTS, {})
    return store.create_schedule("file:/essay.md", "Funding", DUE, [planned])


def runner(store: Store, fake: FakePublisher, at: float, **options: object) -> list[Outcome]:
    def open_publisher(account: Account, chosen: Mapping[str, str]) -> Publisher:
        return fake

    def no_waiting(seconds: float) -> None:  # the clock stands still: a wait would never end
        raise AssertionError(f"the run waited {seconds} s")

    return run_due(
        store, now=lambda: at, choose=lambda run: Account(run.network, run.handle),
        open_publisher=open_publisher, sleep=no_waiting, **options,  # type: ignore[arg-type]
    )  # fmt: skip


def status(store: Store, schedule: Schedule) -> RunStatus:
    (run,) = store.schedule(schedule.id).runs
    return run.status


def published_by_hand(store: Store) -> int:
    """The same posts, from a copy of the essay, published now by `thread publish`."""
    run = store.create_run("file:/copy.md", BLUESKY, "tester.test", POSTS)
    publish.run(store, run.id, FakePublisher())
    return run.id


def test_a_thread_published_by_another_run_after_booking_is_held_not_sent_again(
    store: Store,
) -> None:
    schedule = book(store)
    published_by_hand(store)
    fake = FakePublisher()
    (outcome,) = runner(store, fake, DUE)
    assert outcome.result is Result.HELD and outcome.failed and fake.server == []
    assert "needs you: this thread was published meanwhile" in outcome.message
    assert "nothing was sent" in outcome.message
    assert status(store, schedule) is RunStatus.HELD
    assert "published meanwhile" in (store.schedule(schedule.id).runs[0].note or "")
    assert runner(store, fake, DUE + MINUTE) == []  # the timer leaves it alone
    (again,) = runner(store, fake, DUE + MINUTE, only=schedule.id, at_once=True)
    assert again.result is Result.HELD and fake.server == []  # asked for: still not twice


def test_a_thread_published_before_booking_and_scheduled_again_knowingly_goes_out(
    store: Store,
) -> None:
    earlier = published_by_hand(store)
    unseen = Planned(BLUESKY, "tester.test", POSTS, {})
    with pytest.raises(Duplicate, match="published meanwhile"):  # not what the person saw
        store.create_schedule("file:/essay.md", "Funding", DUE, [unseen])
    seen = Planned(BLUESKY, "tester.test", POSTS, {}, seen_published=earlier)
    store.create_schedule("file:/essay.md", "Funding", DUE, [seen])  # `--again`, or the app's yes
    fake = FakePublisher()
    (outcome,) = runner(store, fake, DUE)
    assert outcome.result is Result.PUBLISHED and len(fake.server) == len(TEXTS)


def test_a_run_of_the_same_posts_going_out_elsewhere_leaves_the_schedule_alone(
    store: Store, tmp_path: Path
) -> None:
    schedule = book(store)
    other = Store(tmp_path / "threadsmith.db")  # another process: the app, say
    try:
        copy = other.create_run("draft:7", BLUESKY, "tester.test", POSTS)
        claim = other.claim_run(copy.id)
        fake = FakePublisher()
        (outcome,) = runner(store, fake, DUE)
        assert outcome.result is Result.BUSY and fake.server == []
        assert status(store, schedule) is RunStatus.SCHEDULED
        other.release_claim(claim)
    finally:
        other.close()


def test_publishing_refuses_a_thread_whose_schedule_is_going_out(
    store: Store, tmp_path: Path
) -> None:
    schedule = book(store)
    copy = store.create_run("file:/copy.md", BLUESKY, "tester.test", POSTS)  # planned earlier
    runner_store = Store(tmp_path / "threadsmith.db")
    try:
        claim = runner_store.claim_run(schedule.runs[0].id)  # the timer's runner, now sending
        with pytest.raises(RunBusy, match="being published by another threadsmith"):
            publish.run(store, copy.id, FakePublisher())
        runner_store.release_claim(claim)
    finally:
        runner_store.close()


def test_starting_a_run_refuses_a_thread_scheduled_since_the_question(store: Store) -> None:
    schedule = book(store)
    with pytest.raises(Duplicate, match=rf"scheduled meanwhile \(schedule {schedule.id}\)"):
        store.start_run("file:/copy.md", BLUESKY, "tester.test", POSTS)
    assert [run.id for run in store.runs_for("file:/copy.md")] == []


def test_a_refused_login_at_post_one_needs_you_a_server_down_does_not(store: Store) -> None:
    schedule = book(store)
    fake = FakePublisher(failures=deque(["401"]))
    (outcome,) = runner(store, fake, DUE)
    assert outcome.result is Result.HELD and fake.server == []
    assert "needs you: Bluesky refused to publish post: Token expired" in outcome.message
    assert status(store, schedule) is RunStatus.HELD and store.open_runs() == []
    moved = store.reschedule(schedule.id, DUE + 2 * MINUTE)  # fixed: the app's `t`
    assert moved.runs[0].status is RunStatus.SCHEDULED and moved.runs[0].note is None
    (outcome,) = runner(store, fake, DUE + 2 * MINUTE)
    assert outcome.result is Result.PUBLISHED and len(fake.server) == len(TEXTS)


def test_the_library_says_a_schedule_needs_you_and_why(store: Store) -> None:
    from threadsmith.drafts import publish_state
    from threadsmith.tui.schedule_actions import describe

    draft = store.create_draft("Funding")
    planned = Planned(BLUESKY, "tester.test", POSTS, {})
    schedule = store.create_schedule(f"draft:{draft.id}", "Funding", DUE, [planned])
    (outcome,) = runner(store, FakePublisher(failures=deque(["401"])), DUE)
    assert outcome.result is Result.HELD
    assert publish_state(store, draft.id, DUE)[0] == "needs you"  # its row
    line = describe([store.schedule(schedule.id)], [])  # the line under the table
    assert "Bluesky @tester.test needs you: Bluesky refused to publish post: Token" in line
