"""The scheduler: what `thread schedule run` does each time the user's timer fires.

Every run whose time has come is claimed first (so two runners, a timer and a
person, never publish one run: the second is told it is busy and moves on), then
looked at again under the claim:

- waiting, and late by no more than the grace period: published now, through
  `threadsmith.publish.run`, as any run (each post's `createdAt` is when it is sent);
- waiting, and later than that: `missed`, published by nobody unless a person asks
  (`--id ID --now`): a thread about this morning's news must not go out days later;
- started and unfinished (a network failure half way): resumed, whatever the time,
  since part of it is out already.

Before post 1 (and before resuming) the run is checked as `thread publish` checks it:
the same thread not published, being published or stopped half way by another run
(checked as the run is claimed), every image by its content, each post's length
against the network as it is now (a Mastodon instance's limits read again), and the
account's login. Something only the person can fix (a missing image, a post over
the limit, a refused login, a thread published meanwhile, a post the network
refuses) sends nothing more and marks the run `held`: "needs you", with the reason,
left alone by the timer until the person moves it or publishes it (`--id ID --now`).
What may pass (a locked keyring, a server down) leaves it due, with a note of why,
tried again at the next run of the timer until its grace is over. Nothing here
sleeps or reads the clock but through `now` and `sleep` (a publish run's back-off
between tries waits by them too: a test's clock moves when it sleeps).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from threadsmith import publish
from threadsmith.errors import (
    AuthError,
    ByHand,
    Duplicate,
    InputError,
    Refused,
    RunBusy,
    ThreadsmithError,
)
from threadsmith.journal import PostState, RunStatus
from threadsmith.network import Account, Publisher
from threadsmith.store import Run, Schedule, Store
from threadsmith.times import span

DEFAULT_GRACE = 30 * 60.0  # seconds a run may start late and still go out


class Result(StrEnum):
    PUBLISHED = "published"
    MISSED = "missed"
    WAITING = "waiting"  # could not start: tried again at the next run, within the grace
    STOPPED = "stopped"  # started, stopped half way: the next run resumes it
    BUSY = "busy"  # another process is publishing it
    GONE = "gone"  # cancelled or published meanwhile: nothing to do
    HELD = "needs you"  # something only the person can fix: the timer leaves it alone


@dataclass(frozen=True, slots=True)
class Outcome:
    schedule: Schedule
    run: Run
    result: Result
    message: str  # one line for the runner's log
    warnings: tuple[str, ...] = ()  # what the network said along the way (a mention left as text)

    @property
    def failed(self) -> bool:
        return self.result in (Result.WAITING, Result.STOPPED, Result.HELD)


def run_due(
    store: Store,
    *,
    now: Callable[[], float],
    grace: float = DEFAULT_GRACE,
    choose: Callable[[Run], Account],
    open_publisher: Callable[[Account, Mapping[str, str]], Publisher],
    refresh: Callable[[Account], Account] = lambda account: account,
    only: int | None = None,
    at_once: bool = False,
    on_event: Callable[[Run, publish.Event], None] = lambda run, event: None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Publish what is due by `now()` (only schedule `only`, if given; with `at_once`,
    its waiting, missed or held runs whatever the time); one `Outcome` per run looked
    at, none when nothing is due. `refresh` gives an account as its server says it is
    now (an instance's limits); `sleep` waits out a run's back-off, by `now`."""
    if only is None:
        candidates = store.due_runs(now())
    else:
        schedule = store.schedule(only)
        candidates = [
            (schedule, run)
            for run in schedule.runs
            if run.status is RunStatus.OPEN
            or (run.status is RunStatus.SCHEDULED and (at_once or schedule.due <= now()))
            or (run.status in (RunStatus.MISSED, RunStatus.HELD) and at_once)
        ]
    network = _Network(choose, refresh, open_publisher)
    return [
        _publish_due(store, schedule, run, _Clock(now, sleep), grace, network, at_once, on_event)
        for schedule, run in candidates
    ]


@dataclass(frozen=True, slots=True)
class _Clock:
    """The time (seconds since the epoch) and how to wait: the run's back-off between
    tries waits on it."""

    now: Callable[[], float]
    sleep: Callable[[float], None]


@dataclass(frozen=True, slots=True)
class _Network:
    """How the runner reaches a run's account: which it is, as its server says it is now,
    and a publisher for it (the login)."""

    choose: Callable[[Run], Account]
    refresh: Callable[[Account], Account]
    open_publisher: Callable[[Account, Mapping[str, str]], Publisher]

    def ready(self, store: Store, run: Run) -> Publisher:
        """The run's publisher, once everything `thread publish` checks before sending
        holds for what is left to send (raises the first thing that does not)."""
        account = self.refresh(self.choose(run))
        left = [p.outgoing() for p in store.run_posts(run.id) if p.state is not PostState.SENT]
        publish.check_posts(account, left, run.options)
        return self.open_publisher(account, run.options)


# What only the person can fix: retrying every minute cannot help.
NEEDS_YOU = (InputError, AuthError, Refused, ByHand, Duplicate)


def _publish_due(
    store: Store,
    schedule: Schedule,
    run: Run,
    clock: _Clock,
    grace: float,
    network: _Network,
    at_once: bool,
    on_event: Callable[[Run, publish.Event], None],
) -> Outcome:
    try:
        claim = store.claim_run(run.id)  # refused if the thread went out, or goes out, elsewhere
    except RunBusy as busy:
        return Outcome(schedule, run, Result.BUSY, f"left alone: {busy}")
    except Duplicate as twice:  # the run sent nothing (else it would be claimed)
        return _not_sent(store, schedule, run, twice, grace, before=True)
    try:
        run = store.run(run.id)  # as it is now that it is ours
        allowed = (RunStatus.SCHEDULED, RunStatus.OPEN)
        if run.status not in allowed + ((RunStatus.MISSED, RunStatus.HELD) if at_once else ()):
            return Outcome(schedule, run, Result.GONE, f"nothing to do: it is {run.status.value}")
        started = _started(store, run.id)
        late = clock.now() - schedule.due
        if not started and not at_once and late > grace:
            note = f"found {span(late)} late, beyond the grace of {span(grace)}: not published"
            store.miss(run.id, note)
            return Outcome(
                schedule, run, Result.MISSED,
                f"missed ({note}); to publish it anyway: thread schedule run --id "
                f"{schedule.id} --now",
            )  # fmt: skip
        try:
            publisher = network.ready(store, run)
        except ThreadsmithError as error:  # a missing image, a locked keyring, a server down…
            return _not_sent(store, schedule, run, error, grace, before=True)
        try:
            store.begin_scheduled(run.id)
            first = publish.run(
                store, run.id, publisher, claim=claim,
                on_event=lambda event: on_event(run, event), sleep=clock.sleep, clock=clock.now,
            )  # fmt: skip
        except ThreadsmithError as error:
            outcome = _not_sent(store, schedule, run, error, grace, before=False)
        else:
            store.note_run(run.id, None)
            outcome = Outcome(schedule, run, Result.PUBLISHED, f"published: {first.url}")
        finally:
            publisher.close()
        return Outcome(
            schedule, store.run(run.id), outcome.result, outcome.message, tuple(publisher.warnings)
        )
    finally:
        store.release_claim(claim)


def _not_sent(
    store: Store,
    schedule: Schedule,
    run: Run,
    error: ThreadsmithError,
    grace: float,
    *,
    before: bool,
) -> Outcome:
    """What becomes of a run stopped by `error` (`before` it was begun, or while sending):
    nothing of it sent, it needs the person or stays due; part of it out, the next run
    resumes it (whatever the time: a half-published thread is finished, once fixed)."""
    if isinstance(error, NEEDS_YOU) and store.hold(run.id, f"needs you: {error}"):
        said = str(error) if "nothing was sent" in str(error) else f"{error}; nothing was sent"
        return Outcome(
            schedule, store.run(run.id), Result.HELD,
            f"needs you: {said}; once fixed, thread schedule run --id {schedule.id} --now "
            f"publishes it (or cancel it: thread schedule cancel {schedule.id})",
        )  # fmt: skip
    if before and not _started(store, run.id):
        store.note_run(run.id, f"could not start: {error}")
        return Outcome(schedule, run, Result.WAITING, _still_due(error, grace))
    if not before and store.unstart(run.id, f"stopped before its first post: {error}"):
        return Outcome(schedule, run, Result.WAITING, _still_due(error, grace))
    store.note_run(run.id, f"stopped half way: {error}")
    return Outcome(
        schedule, run, Result.STOPPED,
        f"stopped half way: {error}; the next `thread schedule run` resumes it",
    )  # fmt: skip


def _started(store: Store, run_id: int) -> bool:
    """Whether any post of the run may be out."""
    sending = (PostState.SENT, PostState.SENDING)
    return any(post.state in sending for post in store.run_posts(run_id))


def _still_due(error: ThreadsmithError, grace: float) -> str:
    return (
        f"not published yet: {error}; it stays due and is tried again at the next run, "
        f"for up to {span(grace)} after its time, then it is missed"
    )
