"""Booking a thread for a set time, and the changes a person makes to a booking: cancel
it, move it, or bring its posts up to date with the draft.

A schedule is journalled when it is made, from the same plan as `thread publish`
(every image checked then), with the exact texts that will go out: editing the
essay afterwards changes nothing until the person updates the schedule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith import publish
from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions
from threadsmith.journal import RunStatus, content_key
from threadsmith.network import Account
from threadsmith.store import Planned, Run, Schedule

if TYPE_CHECKING:
    from threadsmith.store import Store


def book(
    store: Store, plan: publish.Plan, targets: Sequence[publish.Target], *, due: float, title: str
) -> Schedule:
    """Journal `targets` (of `plan`) to go out at `due` (seconds since the epoch), each
    with its posts as they are now. Refuses an account with an unfinished run of this
    thread (it would be resumed, not scheduled) or one that is scheduled already; and,
    looked at again as it is booked, a thread published since the plan was made
    (`Duplicate`: the person was asked about the thread as it stood then)."""
    for target in targets:
        refusal = refused(target)
        if refusal:
            raise InputError(refusal)
    planned = [
        Planned(t.account.network, t.account.handle, t.posts, t.options, _seen(t.published))
        for t in targets
    ]
    return store.create_schedule(plan.draft_key, title, due, planned)


def _seen(published: Run | None) -> int | None:
    """The finished run of these posts the person was shown when asked, if any."""
    return published.id if published is not None else None


def refused(target: publish.Target) -> str | None:
    """Why `target` cannot be scheduled, or None."""
    name = target.account.name
    if target.unfinished is not None:
        return (
            f"{name} has an unfinished run of this thread (run {target.unfinished.id}): finish "
            f"it (thread publish --resume) or give it up (--abandon {target.unfinished.id}) first"
        )
    if target.scheduled is not None:
        return (
            f"{name}: this thread is scheduled already (schedule {target.scheduled.schedule_id}):"
            " cancel or move that one"
        )
    return None


def waiting(schedule: Schedule) -> list[Run]:
    """The runs of `schedule` that have not started: they may be cancelled, moved, updated."""
    waits = (RunStatus.SCHEDULED, RunStatus.MISSED, RunStatus.HELD)
    return [run for run in schedule.runs if run.status in waits]


def differing(store: Store, schedule: Schedule, text: str, options: SplitOptions) -> list[Run]:
    """The waiting runs of `schedule` whose posts are not what `text` makes now (the
    draft was edited since it was scheduled)."""
    from threadsmith.essay import split_for

    found = []
    for run in waiting(schedule):
        account = _account(store, run)
        booked = replace(options, publish={**options.publish, **run.options})
        try:
            thread = split_for(text, run.network, booked, account, mention_warnings=False)
        except InputError:
            found.append(run)  # it cannot even be split now: certainly not the same
            continue
        if content_key(post.text for post in thread.posts) != run.content_key:
            found.append(run)
    return found


def update(
    store: Store,
    schedule: Schedule,
    text: str,
    *,
    base: Path,
    options: SplitOptions,
) -> list[Run]:
    """Replace the posts of the schedule's waiting runs with what `text` makes now (its
    images checked first, as when it was scheduled), keeping the publish options each
    was booked with (who may reply…); returns the runs changed."""
    runs = waiting(schedule)
    if not runs:
        raise InputError(f"schedule {schedule.id} has no thread waiting: nothing to update")
    targets = []
    for run in runs:  # each planned with its own options: they shape the split (a cw)
        booked = replace(options, publish={**options.publish, **run.options})
        (target,) = publish.plan(
            store, text, draft_key=schedule.draft_key, base=base,
            accounts=[_account(store, run)], options=booked,
        ).targets  # fmt: skip
        if target.unfinished is not None:  # its posts would be the unfinished run's
            raise InputError(refused(target) or "")
        targets.append(target)
    changed = []
    for run, target in zip(runs, targets, strict=True):
        if content_key(post.text for post in target.posts) != run.content_key:
            changed.append(store.rewrite_scheduled(run.id, target.posts, target.options))
    return changed


def _account(store: Store, run: Run) -> Account:
    """The account a run publishes from, with what its server said of it last."""
    for account in store.accounts(run.network):
        if account.handle == run.handle:
            return account
    return Account(run.network, run.handle)
