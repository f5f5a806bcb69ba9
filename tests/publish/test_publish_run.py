"""The publish run over the journal: nothing posted twice, nothing skipped, resumable."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_publisher import FakePublisher
from threadsmith import publish
from threadsmith.errors import AmbiguousResult, AuthError, Cancelled, Refused, ServiceError
from threadsmith.journal import Outgoing, PostState
from threadsmith.network import network_named
from threadsmith.store import Store

TEXTS = [f"Post number {n} of the thread. {n}/6" for n in range(1, 7)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def new_run(store: Store, texts: list[str] = TEXTS) -> int:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    return store.create_run("file:/essay.md", network_named("bluesky"), "tester.test", posts).id


def go(
    store: Store,
    run_id: int,
    fake: FakePublisher,
    cancel: threading.Event | None = None,
    delay: float = 0.0,
) -> list[publish.Event]:
    events: list[publish.Event] = []
    publish.run(
        store, run_id, fake, on_event=events.append, sleep=fake.sleep, clock=fake.now,
        cancel=cancel, delay=delay,
    )  # fmt: skip
    return events


def assert_complete_chain(fake: FakePublisher) -> None:
    assert [s.text for s in fake.server] == TEXTS  # in order, no duplicate, no gap
    assert fake.server[0].parent is None
    for previous, current in zip(fake.server, fake.server[1:], strict=False):
        assert current.parent == previous.key


def test_publishes_a_reply_chain_and_records_each_post(store: Store) -> None:
    fake = FakePublisher()
    run_id = new_run(store)
    events = go(store, run_id, fake)
    assert_complete_chain(fake)
    assert all(p.state == "sent" for p in store.run_posts(run_id))
    assert store.run(run_id).status == "done"
    assert isinstance(events[-1], publish.Finished) and events[-1].first.id == fake.server[0].key


def test_ambiguous_failure_after_the_write_is_not_resent(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "ok", "ambiguous-after-write"]))
    go(store, new_run(store), fake)
    assert_complete_chain(fake)


def test_ambiguous_failure_before_the_write_is_resent_once(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "ambiguous-before-write"]))
    go(store, new_run(store), fake)
    assert_complete_chain(fake)


def test_rate_limit_waits_for_the_reset_with_a_countdown(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "429"]))
    start = fake.now()
    events = go(store, new_run(store), fake)
    assert_complete_chain(fake)
    waits = [e.seconds_left for e in events if isinstance(e, publish.Waiting)]
    assert waits == [3.0, 2.0, 1.0]
    assert fake.now() - start >= 3


def test_auth_error_stops_with_the_journal_intact_then_resumes(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "ok", "401"]))
    run_id = new_run(store)
    with pytest.raises(AuthError, match="Token expired"):
        go(store, run_id, fake)
    states = [p.state for p in store.run_posts(run_id)]
    assert states == ["sent", "sent", "failed", "pending", "pending", "pending"]
    go(store, run_id, fake)  # the same command again
    assert_complete_chain(fake)


def test_undecidable_result_stops_rather_than_risk_a_duplicate(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "ambiguous-after-write"]), lookup_fails=True)
    run_id = new_run(store)
    with pytest.raises(AmbiguousResult):
        go(store, run_id, fake)
    assert [p.state for p in store.run_posts(run_id)][:2] == ["sent", "sending"]
    fake.lookup_fails = False
    go(store, run_id, fake)  # resume looks first, finds post 2, does not resend it
    assert_complete_chain(fake)


def test_a_crash_mid_request_is_resolved_by_looking(store: Store) -> None:
    fake = FakePublisher()
    run_id = new_run(store)
    go(store, run_id, fake)
    # simulate a process killed after post 4's request reached the server
    store.mark_sending(run_id, 4, fake.server[3].key)
    store.mark_sending(run_id, 5, "key-never-sent")
    for number in (5, 6):
        store._set_post(run_id, number, state="pending" if number == 6 else "sending")
    del fake.server[4:]
    go(store, run_id, fake)
    assert [s.text for s in fake.server] == TEXTS


def test_server_errors_retry_with_backoff_then_give_up(store: Store) -> None:
    fake = FakePublisher(failures=deque(["5xx"] * 10))
    run_id = new_run(store)
    start = fake.now()
    with pytest.raises(ServiceError, match="after 4 tries"):
        go(store, run_id, fake)
    assert fake.now() - start == 2 + 4 + 8
    assert store.run_posts(run_id)[0].state == "failed"
    fake.failures.clear()
    go(store, run_id, fake)
    assert_complete_chain(fake)


def test_cancel_stops_between_posts_and_resume_continues(store: Store) -> None:
    fake = FakePublisher()
    run_id = new_run(store)
    cancel = threading.Event()

    def stop_after_three(event: publish.Event) -> None:
        if isinstance(event, publish.Sent) and event.number == 3:
            cancel.set()

    with pytest.raises(Cancelled, match="before post 4"):
        publish.run(store, run_id, fake, on_event=stop_after_three, cancel=cancel, sleep=fake.sleep)
    assert len(fake.server) == 3
    go(store, run_id, fake)
    assert_complete_chain(fake)


def test_delay_paces_posts(store: Store) -> None:
    fake = FakePublisher()
    start = fake.now()
    go(store, new_run(store), fake, delay=5.0)
    assert fake.now() - start == 5 * (len(TEXTS) - 1)


def test_a_refusal_that_a_retry_cannot_change_is_never_retried(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", "400", "ok"]))
    run_id = new_run(store)
    with pytest.raises(Refused, match="Invalid record"):
        go(store, run_id, fake)
    assert [s.text for s in fake.server] == TEXTS[:1]
    assert fake.clock[0] == 1000.0  # no backoff: nothing was waited for
    posts = store.run_posts(run_id)
    assert posts[1].state is PostState.FAILED and "Invalid record" in (posts[1].error or "")
    go(store, run_id, fake)  # once the cause is fixed, resume sends it: each post once
    assert_complete_chain(fake)


def test_a_post_that_times_out_each_try_is_said_as_a_timeout_while_it_waits(store: Store) -> None:
    fake = FakePublisher(failures=deque(["ok", *["ambiguous-before-write"] * 4]))
    run_id = new_run(store)
    events: list[publish.Event] = []
    with pytest.raises(ServiceError) as stopped:
        publish.run(
            store, run_id, fake, on_event=events.append, sleep=fake.sleep, clock=fake.now
        )  # fmt: skip
    # the error is what went wrong (here the fake's "connection dropped"; X's says
    # "X did not answer within 60 s …"), not "the server failed"
    assert "after 4 tries: connection dropped" in str(stopped.value)
    waits = [event for event in events if isinstance(event, publish.Waiting)]
    said = {event.said().split(";")[0] for event in waits}
    assert said == {f"post 2: connection dropped (try {n} of 4 next)" for n in (2, 3, 4)}
    assert all("trying again in" in event.said() for event in waits)


def test_a_rate_limit_wait_says_so() -> None:
    assert publish.Waiting(3, 11.2).said() == "rate-limited: post 3 in 12 s…"
