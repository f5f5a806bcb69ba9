"""What the app does with a schedule, each a question or two and then the change: book
a thread (publish screen), and cancel, move or update a booking (library). Each
says how it went in a notification and then calls `done` (to refresh the screen)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from threadsmith import publish, schedule
from threadsmith.drafts import draft_folder, settings_of
from threadsmith.errors import ThreadsmithError
from threadsmith.journal import RunStatus
from threadsmith.store import Draft, Schedule
from threadsmith.times import full_when, local_zone, relative, short_when, zone_when
from threadsmith.tui.base import AppScreen
from threadsmith.tui.widgets.dialogs import Confirm
from threadsmith.tui.widgets.schedule_dialog import ScheduleDialog
from threadsmith.wording import counted

Done = Callable[[], Awaitable[None]]
TIMER = "It goes out then if a timer runs `thread schedule run` (`thread schedule install`)."


def book(screen: AppScreen[None], plan: publish.Plan, title: str, done: Done) -> None:
    """Ask when, confirm, then journal `plan`'s targets to go out then."""
    refusal = next((r for target in plan.targets if (r := schedule.refused(target))), None)
    if refusal:
        screen.notify(refusal, title="Cannot schedule", severity="error", markup=False)
        return

    def when(due: float | None) -> None:
        if due is None:
            return
        parts = [f"{counted(len(t.posts), 'post')} to {t.account.name}" for t in plan.targets]
        question = f"Schedule {' and '.join(parts)} for {full_when(due, local_zone())}?"
        again = [target for target in plan.targets if target.published is not None]
        for target in again:
            question += f"\n\n{target.account.name} published this thread already."

        async def sure(yes: bool | None) -> None:
            if not yes:
                return
            try:
                booked = schedule.book(screen.store, plan, plan.targets, due=due, title=title)
            except ThreadsmithError as error:
                screen.notify(str(error), title="Not scheduled", severity="error", markup=False)
                return
            screen.notify(
                f"Scheduled for {_soon(booked.due)} (schedule {booked.id}). {TIMER}",
                title="Scheduled", markup=False,
            )  # fmt: skip
            await done()

        # a yes that would publish it again is never what Enter does (as F5's question)
        yes = "Schedule again" if again else "Schedule"
        sure_of = Confirm(question + "\n\n" + TIMER, yes=yes, no="Not yet", default_yes=not again)
        screen.app.push_screen(sure_of, sure)

    screen.app.push_screen(ScheduleDialog(f"Schedule “{title}”"), when)


def cancel(screen: AppScreen[None], booked: Schedule, done: Done) -> None:
    """Ask, then cancel every waiting run of `booked`: none is ever published."""

    async def sure(yes: bool | None) -> None:
        if not yes:
            return
        try:
            screen.store.cancel_schedule(booked.id)
        except ThreadsmithError as error:
            screen.notify(str(error), title="Not cancelled", severity="error", markup=False)
            return
        screen.notify(f"Schedule {booked.id} cancelled: it will not be published.", markup=False)
        await done()

    question = (
        f"Cancel the thread scheduled for {full_when(booked.due, local_zone())} "
        f"({_targets(booked)})? Nothing of it will be published."
    )
    screen.app.push_screen(Confirm(question, yes="Cancel it", no="Keep it"), sure)


def move(screen: AppScreen[None], booked: Schedule, done: Done) -> None:
    """Ask for a new time for `booked` (a missed one waits again, for then)."""

    async def moved(due: float | None) -> None:
        if due is None:
            return
        try:
            screen.store.reschedule(booked.id, due)
        except ThreadsmithError as error:
            screen.notify(str(error), title="Not moved", severity="error", markup=False)
            return
        screen.notify(f"Schedule {booked.id} now goes out {_soon(due)}.", markup=False)
        await done()

    screen.app.push_screen(ScheduleDialog(f"Move “{booked.title}”", booked.due, ok="Move"), moved)


def update(screen: AppScreen[None], stale: list[Schedule], draft: Draft, done: Done) -> None:
    """Ask, then replace the posts of the `stale` schedules with the draft's as it is now."""

    async def sure(yes: bool | None) -> None:
        if not yes:
            return
        changed = []
        for booked in stale:
            try:
                changed += await asyncio.to_thread(  # a link card reads its page meanwhile
                    schedule.update, screen.store, booked, draft.body, base=draft_folder(draft),
                    options=settings_of(draft).options(),
                )  # fmt: skip
            except ThreadsmithError as error:
                screen.notify(str(error), title="Not updated", severity="error", markup=False)
                return
        names = ", ".join(f"{run.network.display_name} @{run.handle}" for run in changed)
        screen.notify(f"The scheduled thread is the draft again ({names}).", markup=False)
        await done()

    when = " and ".join(_soon(booked.due) for booked in stale)
    if len(stale) == 1:
        question = f"The thread scheduled for {when} differs from the draft now. Update it?"
    else:
        question = f"The threads scheduled for {when} differ from the draft now. Update them?"
    screen.app.push_screen(Confirm(question, yes="Update it", no="Keep as scheduled"), sure)


def describe(booked: list[Schedule], stale: list[Schedule]) -> str:
    """The library's line for a draft's schedules: when each goes out (or that it missed
    its time, or why it needs the person), the keys for them, and whether they still are
    the draft."""
    parts = []
    for each in booked:
        waiting = schedule.waiting(each)
        targets = ", ".join(f"{run.network.display_name} @{run.handle}" for run in waiting)
        when = zone_when(each.due, local_zone())
        held = [run for run in waiting if run.status is RunStatus.HELD]
        if held:  # why, in the runner's words ("needs you: …")
            parts += [f"{run.network.display_name} @{run.handle} {run.note}" for run in held]
        elif all(run.status is RunStatus.MISSED for run in waiting):
            parts.append(f"missed its time, {when}, to {targets}")
        else:
            parts.append(f"{when}, {relative(each.due, time.time())}, to {targets}")
    which = "the first" if len(booked) > 1 else "it"
    text = f"Scheduled: {'; '.join(parts)}. t moves {which}, x cancels {which}."
    if stale:
        text += "\n⚠ The scheduled thread differs from the draft now: u updates it."
    return text


def _soon(due: float) -> str:
    return short_when(due, time.time(), local_zone())


def _targets(booked: Schedule) -> str:
    return ", ".join(f"{run.network.display_name} @{run.handle}" for run in booked.runs)
