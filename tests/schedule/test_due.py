"""The scheduler with the clock injected: a run goes out when due and within the grace,
is missed beyond it, waits when it cannot start, resumes when it stopped half way, and
a cancelled run never goes out."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from support.fake_publisher import FakePublisher
from threadsmith import publish
from threadsmith.errors import CredentialsError, InputError, PublishError, RunBusy
from threadsmith.journal import Outgoing, RunStatus
from threadsmith.network import Account, Publisher, network_named
from threadsmith.schedule import Outcome, Result, run_due
from threadsmith.store import Planned, Run, Schedule, Store

BLUESKY = network_named("bluesky")
TEXTS = [f"Scheduled post {n} of the thread. {n}/5" for n in range(1, 6)]
DUE = 1_800_000_000.0  # seconds since the epoch
MINUTE = 60.0


def book(store: Store, due: float = DUE, texts: list[str] = TEXTS) -> Schedule:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    planned = Planned(BLUESKY, "tester.test", posts, {})
    return store.create_schedule("file:/essay.md", "Funding", due, [planned])


class Clock:
    """The runner's time: it stands still but for the waits the run asks for, which pass
    at once (and are noted)."""

    def __init__(self, at: float) -> None:
        self.at = at
        self.slept: list[float] = []

    def now(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += seconds


def runner(
    store: Store,
    fake: FakePublisher | Callable[[], Publisher],
    at: float | Clock,
    **options: object,
) -> list[Outcome]:
    def open_publisher(account: Account, chosen: Mapping[str, str]) -> Publisher:
        return fake() if callable(fake) else fake

    clock = at if isinstance(at, Clock) else Clock(at)
    return run_due(
        store, now=clock.now, sleep=clock.sleep,
        choose=lambda run: Account(run.network, run.handle),
        open_publisher=open_publisher, **options,  # type: ignore[arg-type]
    )  # fmt: skip


def assert_published_once(fake: FakePublisher, texts: list[str] = TEXTS) -> None:
    assert [stored.text for stored in fake.server] == texts
    for previous, current in zip(fake.server, fake.server[1:], strict=False):
        assert current.parent == previous.key


def status(store: Store, schedule: Schedule) -> RunStatus:
    (run,) = store.schedule(schedule.id).runs
    return run.status


def test_nothing_goes_out_before_its_time_and_all_of_it_once_due(store: Store) -> None:
    schedule, fake = book(store), FakePublisher()
    assert runner(store, fake, DUE - 1) == []  # nothing due: nothing said
    assert fake.server == [] and status(store, schedule) is RunStatus.SCHEDULED
    (outcome,) = runner(store, fake, DUE + 5)
    assert outcome.result is Result.PUBLISHED and outcome.message.startswith("published: https://")
    assert_published_once(fake)
    assert status(store, schedule) is RunStatus.DONE
    assert runner(store, fake, DUE + 10) == []  # done: never again
    assert len(fake.server) == len(TEXTS)


def test_late_within_the_grace_goes_out(store: Store) -> None:
    book(store)
    fake = FakePublisher()
    (outcome,) = runner(store, fake, DUE + 29 * MINUTE)  # the default grace: 30 minutes
    assert outcome.result is Result.PUBLISHED
    assert_published_once(fake)


def test_beyond_the_grace_it_is_missed_and_never_published_by_surprise(store: Store) -> None:
    schedule, fake = book(store), FakePublisher()
    (outcome,) = runner(store, fake, DUE + 3 * 86400, grace=90.0)
    assert outcome.result is Result.MISSED and not outcome.failed
    assert "3 days late, beyond the grace of 90 s" in outcome.message
    assert f"thread schedule run --id {schedule.id} --now" in outcome.message
    assert status(store, schedule) is RunStatus.MISSED and fake.server == []
    assert runner(store, fake, DUE + 4 * 86400) == []  # a missed run is not due again
    with pytest.raises(PublishError, match="missed its time"):  # nor published by `publish.run`
        publish.run(store, schedule.runs[0].id, fake)
    assert fake.server == []
    (anyway,) = runner(store, fake, DUE + 4 * 86400, only=schedule.id, at_once=True)
    assert anyway.result is Result.PUBLISHED  # a person asked: --id ID --now
    assert_published_once(fake)


def test_a_cancelled_run_is_never_published(store: Store) -> None:
    schedule, fake = book(store), FakePublisher()
    (cancelled,) = store.cancel_schedule(schedule.id)
    assert cancelled.status is RunStatus.CANCELLED
    assert runner(store, fake, DUE + 1) == []
    assert runner(store, fake, DUE + 1, only=schedule.id, at_once=True) == []
    with pytest.raises(PublishError, match="was cancelled"):
        publish.run(store, cancelled.id, fake)
    assert fake.server == []
    with pytest.raises(InputError, match="has no thread waiting"):
        store.cancel_schedule(schedule.id)


def test_a_locked_keyring_keeps_the_run_due_then_it_goes_out(store: Store) -> None:
    schedule, fake = book(store), FakePublisher()

    def locked() -> Publisher:
        raise CredentialsError(
            "could not read the credentials of bluesky:tester.test in the keyring "
            "(Failed to unlock the collection!)"
        )

    (outcome,) = runner(store, locked, DUE + MINUTE)
    assert outcome.result is Result.WAITING and outcome.failed
    assert "\n" not in outcome.message and "Failed to unlock the collection" in outcome.message
    assert "it stays due" in outcome.message
    (run,) = store.schedule(schedule.id).runs
    assert run.status is RunStatus.SCHEDULED and "could not start" in (run.note or "")
    (later,) = runner(store, fake, DUE + 2 * MINUTE)  # unlocked at the next tick
    assert later.result is Result.PUBLISHED
    assert_published_once(fake)
    assert store.schedule(schedule.id).runs[0].note is None


def test_a_keyring_locked_until_the_grace_is_over_makes_it_missed_not_lost(store: Store) -> None:
    schedule = book(store)

    def locked() -> Publisher:
        raise CredentialsError("the keyring is locked")

    for minute in (1, 10, 29):
        (outcome,) = runner(store, locked, DUE + minute * MINUTE)
        assert outcome.result is Result.WAITING
    (outcome,) = runner(store, locked, DUE + 31 * MINUTE)
    assert outcome.result is Result.MISSED and status(store, schedule) is RunStatus.MISSED
    assert len(store.run_posts(schedule.runs[0].id)) == len(TEXTS)  # its posts are all kept


def test_a_failure_half_way_is_resumed_by_the_next_run_whatever_the_time(store: Store) -> None:
    schedule = book(store)
    fake = FakePublisher(failures=deque(["ok", "ok", "401"]))
    (stopped,) = runner(store, fake, DUE)
    assert stopped.result is Result.STOPPED and "resumes it" in stopped.message
    assert status(store, schedule) is RunStatus.OPEN and len(fake.server) == 2
    assert store.open_runs() == [store.run(schedule.runs[0].id)]  # `thread publish --resume` too
    (resumed,) = runner(store, fake, DUE + 2 * 86400)  # part of it is out: finish it
    assert resumed.result is Result.PUBLISHED
    assert_published_once(fake)


def test_a_failure_before_the_first_post_keeps_it_waiting(store: Store) -> None:
    schedule = book(store)
    fake = FakePublisher(failures=deque(["5xx"] * 4))
    waits: dict[str, float] = {}  # why it waits ("… try 2 of 4 next"): for how long
    clock = Clock(DUE)

    def waiting(run: Run, event: publish.Event) -> None:
        if isinstance(event, publish.Waiting):
            waits.setdefault(event.why, event.seconds_left)  # a countdown's first second

    (outcome,) = runner(store, fake, clock, on_event=waiting)
    assert outcome.result is Result.WAITING and "after 4 tries" in outcome.message
    assert list(waits.values()) == [2.0, 4.0, 8.0]  # backing off, on the runner's clock
    assert sum(clock.slept) == 14.0 and clock.now() == DUE + 14.0
    assert status(store, schedule) is RunStatus.SCHEDULED  # not an unfinished run
    assert store.open_runs() == []
    (outcome,) = runner(store, fake, DUE + MINUTE)
    assert outcome.result is Result.PUBLISHED
    assert_published_once(fake)


def test_a_run_another_process_publishes_is_left_alone(store: Store, tmp_path: Path) -> None:
    schedule, fake = book(store), FakePublisher()
    other = Store(tmp_path / "threadsmith.db")
    try:
        claim = other.claim_run(schedule.runs[0].id)  # a person's `--now`, say
        (outcome,) = runner(store, fake, DUE)
        assert outcome.result is Result.BUSY and fake.server == []
        with pytest.raises(RunBusy):  # nor cancelled under its feet
            store.cancel_schedule(schedule.id)
        other.release_claim(claim)
    finally:
        other.close()
    assert status(store, schedule) is RunStatus.SCHEDULED


def test_two_runners_at_the_same_moment_publish_it_once(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with_schedule = Store(path)
    book(with_schedule)
    with_schedule.close()
    fake, lock = FakePublisher(), threading.Lock()
    start, outcomes = threading.Barrier(2), []

    class Serialised(FakePublisher):  # the network takes one request at a time
        def send(self, post: Outgoing, **where: object) -> object:  # type: ignore[override]
            with lock:
                return fake.send(post, **where)  # type: ignore[arg-type]

    def one_runner() -> None:
        store = Store(path)
        try:
            start.wait()
            outcomes.extend(runner(store, Serialised, DUE + 1))  # type: ignore[arg-type]
        finally:
            store.close()

    threads = [threading.Thread(target=one_runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert_published_once(fake)
    results = sorted(outcome.result for outcome in outcomes)
    assert Result.PUBLISHED in results and len(results) <= 2
    assert set(results) <= {Result.PUBLISHED, Result.BUSY, Result.GONE}


def test_a_missed_schedule_moved_to_later_waits_for_then(store: Store) -> None:
    schedule, fake = book(store), FakePublisher()
    runner(store, fake, DUE + 86400)
    assert status(store, schedule) is RunStatus.MISSED
    moved = store.reschedule(schedule.id, DUE + 2 * 86400)
    assert moved.due == DUE + 2 * 86400 and status(store, schedule) is RunStatus.SCHEDULED
    assert runner(store, fake, DUE + 2 * 86400 - 1) == []
    (outcome,) = runner(store, fake, DUE + 2 * 86400 + 1)
    assert outcome.result is Result.PUBLISHED


def test_a_scheduled_run_is_no_unfinished_run_and_publish_names_it(store: Store) -> None:
    schedule = book(store)
    assert (
        store.open_runs() == [] and store.open_run("file:/essay.md", BLUESKY, "tester.test") is None
    )
    found = store.scheduled_run("file:/elsewhere.md", BLUESKY, "tester.test", TEXTS)
    assert found is not None and found.schedule_id == schedule.id  # a copy is the same thread
    with pytest.raises(InputError, match="scheduled already"):
        book(store, due=DUE + 5)
    with pytest.raises(PublishError, match="waits for its time"):
        publish.run(store, schedule.runs[0].id, FakePublisher())


def test_the_posts_of_a_waiting_run_can_be_rewritten_not_those_of_one_started(
    store: Store,
) -> None:
    schedule = book(store)
    run: Run = schedule.runs[0]
    new = [Outgoing(1, "A shorter thread now. 1/2"), Outgoing(2, "The end. 2/2")]
    rewritten = store.rewrite_scheduled(run.id, new, {"replies": "nobody"})
    assert [post.text for post in store.run_posts(run.id)] == [post.text for post in new]
    assert rewritten.options == {"replies": "nobody"} and rewritten.content_key != run.content_key
    fake = FakePublisher()
    runner(store, fake, DUE)
    assert_published_once(fake, [post.text for post in new])
    with pytest.raises(InputError, match="cannot change"):
        store.rewrite_scheduled(run.id, new, {})
