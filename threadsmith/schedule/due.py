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

A run that cannot start (a locked keyring, an account logged out, a failure before
its first post) stays due, with a note of why, and is tried again at the next run
of the timer until its grace is over. Nothing here sleeps or reads the clock but
through `now`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from threadsmith import publish
from threadsmith.errors import RunBusy, ThreadsmithError
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


@dataclass(frozen=True, slots=True)
class Outcome:
    schedule: Schedule
    run: Run
    result: Result
    message: str  # one line for the runner's log
    warnings: tuple[str, ...] = ()  # what the network said along the way (a mention left as text)

    @property
    def failed(self) -> bool:
        return self.result in (Result.WAITING, Result.STOPPED)


def run_due(
    store: Store,
    *,
    now: Callable[[], float],
    grace: float = DEFAULT_GRACE,
    choose: Callable[[Run], Account],
    open_publisher: Callable[[Account, Mapping[str, str]], Publisher],
    only: int | None = None,
    at_once: bool = False,
    on_event: Callable[[Run, publish.Event], None] = lambda run, event: None,
) -> list[Outcome]:
    """Publish what is due by `now()` (only schedule `only`, if given; with `at_once`,
    its waiting or missed runs whatever the time); one `Outcome` per run looked at,
    none when nothing is due."""
    if only is None:
        candidates = store.due_runs(now())
    else:
        schedule = store.schedule(only)
        candidates = [
            (schedule, run)
            for run in schedule.runs
            if run.status is RunStatus.OPEN
            or (run.status is RunStatus.SCHEDULED and (at_once or schedule.due <= now()))
            or (run.status is RunStatus.MISSED and at_once)
        ]
    return [
        _publish_due(store, schedule, run, now, grace, choose, open_publisher, at_once, on_event)
        for schedule, run in candidates
    ]


def _publish_due(
    store: Store,
    schedule: Schedule,
    run: Run,
    now: Callable[[], float],
    grace: float,
    choose: Callable[[Run], Account],
    open_publisher: Callable[[Account, Mapping[str, str]], Publisher],
    at_once: bool,
    on_event: Callable[[Run, publish.Event], None],
) -> Outcome:
    try:
        claim = store.claim_run(run.id)
    except RunBusy as busy:
        return Outcome(schedule, run, Result.BUSY, f"left alone: {busy}")
    try:
        run = store.run(run.id)  # as it is now that it is ours
        allowed = (RunStatus.SCHEDULED, RunStatus.OPEN, *((RunStatus.MISSED,) if at_once else ()))
        if run.status not in allowed:
            return Outcome(schedule, run, Result.GONE, f"nothing to do: it is {run.status.value}")
        started = any(
            post.state in (PostState.SENT, PostState.SENDING) for post in store.run_posts(run.id)
        )
        late = now() - schedule.due
        if not started and not at_once and late > grace:
            note = f"found {span(late)} late, beyond the grace of {span(grace)}: not published"
            store.miss(run.id, note)
            return Outcome(
                schedule, run, Result.MISSED,
                f"missed ({note}); to publish it anyway: thread schedule run --id "
                f"{schedule.id} --now",
            )  # fmt: skip
        try:
            publisher = open_publisher(choose(run), run.options)
        except ThreadsmithError as error:  # a locked keyring, an account logged out…
            store.note_run(run.id, f"could not start: {error}")
            return Outcome(schedule, run, Result.WAITING, _still_due(error, grace))
        try:
            store.begin_scheduled(run.id)
            first = publish.run(
                store, run.id, publisher, claim=claim,
                on_event=lambda event: on_event(run, event),
            )  # fmt: skip
        except ThreadsmithError as error:
            if store.unstart(run.id, f"stopped before its first post: {error}"):
                outcome = Outcome(schedule, run, Result.WAITING, _still_due(error, grace))
            else:
                store.note_run(run.id, f"stopped half way: {error}")
                outcome = Outcome(
                    schedule, run, Result.STOPPED,
                    f"stopped half way: {error}; the next `thread schedule run` resumes it",
                )  # fmt: skip
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


def _still_due(error: ThreadsmithError, grace: float) -> str:
    return (
        f"not published yet: {error}; it stays due and is tried again at the next run, "
        f"for up to {span(grace)} after its time, then it is missed"
    )
