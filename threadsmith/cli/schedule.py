"""`thread schedule`: publish an essay at a set time, and look after the schedules.

    thread schedule [add] FILE --to NETWORK[:HANDLE] --at TIME [--tz ZONE] [--yes]
    thread schedule list [--all]
    thread schedule cancel ID
    thread schedule run [--grace 30m] [--id ID [--now]]
    thread schedule install [--systemd | --cron | --launchd | --schtasks] [--dry-run] | uninstall

Scheduling shows the same preview and asks the same question as `thread publish`;
the runner (`run`) is what the user's timer calls every minute.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import textwrap
import time
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.cli import desktop_timer
from threadsmith.cli.options import (
    TO_HELP,
    Commands,
    Parser,
    add_publish_options,
    add_split_options,
    network_names,
    split_options,
    where_to_publish,
)
from threadsmith.cli.timer import run_install, run_uninstall, timer_hint
from threadsmith.errors import Cancelled, InputError
from threadsmith.wording import counted

if TYPE_CHECKING:
    from threadsmith.publish import Event, Target
    from threadsmith.schedule import Outcome
    from threadsmith.store import Run, Schedule, Store

EXAMPLE = 'thread schedule essay.md --to bluesky --at "2026-12-01 07:30"'


def add_arguments(commands: Commands) -> None:
    schedule = commands.add_parser(
        "schedule",
        help="publish an essay at a set time; list, cancel and run the schedules",
        description=(
            "Schedule an essay (`thread schedule FILE --to … --at TIME`, the same preview and "
            "question as `thread publish`), or look after the schedules. A timer of your own "
            "runs `thread schedule run` every minute: `thread schedule install` sets it up."
        ),
    )
    assert isinstance(schedule, Parser)
    schedule.default_command = "add"
    actions = schedule.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)

    add = actions.add_parser(
        "add",
        help="schedule an essay (the word `add` may be left out)",
        description=f"Split the essay now and journal it to go out at a set time: {EXAMPLE}",
    )
    add.add_argument("file", metavar="FILE", nargs="?", help="the essay (Markdown)")
    add.add_argument(
        "--to", action="append", default=[], metavar="NETWORK[:HANDLE]",
        help=TO_HELP.format(network_names()),
    )  # fmt: skip
    add.add_argument(
        "--at", metavar="TIME",
        help='when: "2026-12-01 07:30" (local time), "tomorrow 07:30", "+2h", or an ISO '
        "time with an offset",
    )  # fmt: skip
    add.add_argument("--tz", metavar="ZONE", help="the time zone of --at, e.g. Europe/London")
    add_split_options(add, network=False)
    add_publish_options(add)
    add.add_argument("--dry-run", action="store_true", help="show the posts, schedule nothing")
    add.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add.add_argument("--again", action="store_true", help="schedule a thread published before")
    add.add_argument("--verbose", action="store_true", help="say more about each post")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="the schedules still to come, missed or running")
    listing.add_argument("--all", action="store_true", help="the published and cancelled too")
    listing.set_defaults(handler=run_list)

    cancel = actions.add_parser("cancel", help="cancel a schedule: nothing of it is published")
    cancel.add_argument("id", type=int, metavar="ID", help="the schedule (thread schedule list)")
    cancel.set_defaults(handler=run_cancel)

    runner = actions.add_parser(
        "run",
        help="publish what is due now (what the timer calls)",
        description=(
            "Publish every scheduled thread whose time has come and that is late by no more "
            "than the grace period; mark the later ones missed. Exit 0 when nothing is due."
        ),
    )
    runner.add_argument(
        "--grace", default="30m", metavar="TIME",
        help="how late a thread may still go out: 90s, 30m (default), 2h",
    )  # fmt: skip
    runner.add_argument("--id", type=int, metavar="ID", help="only this schedule")
    runner.add_argument(
        "--now", action="store_true", help="with --id: publish it now, even if missed or early"
    )
    runner.set_defaults(handler=run_due)

    install = actions.add_parser("install", help="set up the timer that runs `schedule run`")
    how = install.add_mutually_exclusive_group()
    how.add_argument("--systemd", action="store_true", help="a systemd user timer")
    how.add_argument("--cron", action="store_true", help="print the crontab line instead")
    install.add_argument(
        "--no-enable", action="store_true",
        help="write the systemd files, and print the systemctl commands rather than run them",
    )  # fmt: skip
    install.set_defaults(handler=run_install)
    uninstall = actions.add_parser("uninstall", help="remove the timer")
    uninstall.set_defaults(handler=run_uninstall)
    desktop_timer.add_options(how, install, uninstall)  # launchd, Task Scheduler, --dry-run


def run_add(args: argparse.Namespace) -> int:
    from threadsmith import accounts, publish, schedule
    from threadsmith.cli.publish import refreshed
    from threadsmith.cli.publish_show import say_published, show_target
    from threadsmith.drafts import draft_title
    from threadsmith.essay import read_essay
    from threadsmith.store import open_store
    from threadsmith.times import local_zone, parse_at, zone_named

    if args.file is None:
        raise InputError(f"say what to schedule: {EXAMPLE} (or: thread schedule list)")
    if not args.to:
        raise where_to_publish()
    if not args.at:
        raise InputError('say when: --at "2026-12-01 07:30", "tomorrow 07:30" or "+2h"')
    zone = zone_named(args.tz) if args.tz else local_zone()
    due = parse_at(args.at, datetime.now(UTC), zone).timestamp()
    path = Path(args.file).resolve()
    text = read_essay(args.file)
    store = open_store()
    try:
        chosen = [refreshed(store, account) for account in accounts.choose_all(store, args.to)]
        plan = publish.plan(
            store, text, draft_key=f"file:{path}", base=path.parent, accounts=chosen,
            options=split_options(args),
        )  # fmt: skip
        todo: list[Target] = []
        for target in plan.targets:
            for warning in target.thread.warnings:
                print(
                    f"warning ({target.account.network.name}): {warning.message}", file=sys.stderr
                )
            if target.unfinished is None and target.published is not None and not args.again:
                say_published(store, target.account, target.published)
                continue
            refusal = schedule.refused(target)
            if refusal:
                raise InputError(refusal)
            show_target(store, target, args.verbose)
            todo.append(target)
        if not todo:
            return 0
        when = _when(due, zone)
        if args.dry_run:
            print(f"To go out {when}.")
            return 0
        if not args.yes:
            _confirm(todo, when)
        title = draft_title(text) or path.stem
        booked = schedule.book(store, plan, todo, due=due, title=title)
    except KeyboardInterrupt:
        raise Cancelled("interrupted: nothing was scheduled") from None
    finally:
        store.close()
    print(f"Scheduled {booked.id}: {_summary(todo)}, {when}.")
    print(f"To cancel it: thread schedule cancel {booked.id}")
    timer_hint()
    return 0


def _when(due: float, zone: tzinfo) -> str:
    """ "Tue 01 Dec 2026 07:30 GMT (2026-12-01 07:30 UTC)" in local time; and in the zone
    given with --tz, when that is another."""
    from threadsmith.times import full_when, local_zone

    local = local_zone()
    shown = full_when(due, local)
    there = datetime.fromtimestamp(due, zone)
    if there.utcoffset() != datetime.fromtimestamp(due, local).utcoffset():
        shown += f"; {there.strftime('%H:%M %Z')} in {getattr(zone, 'key', 'that zone')}"
    return shown


def _summary(targets: list[Target]) -> str:
    return " and ".join(f"{counted(len(t.posts), 'post')} to {t.account.name}" for t in targets)


def _confirm(targets: list[Target], when: str) -> None:
    summary = _summary(targets)
    if not sys.stdin.isatty():
        raise InputError(f"not at a terminal: add --yes to schedule {summary}")
    answer = input(f"Schedule {summary} for {when}? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise Cancelled("nothing was scheduled")


def run_list(args: argparse.Namespace) -> int:
    from threadsmith.store import open_store
    from threadsmith.times import local_zone, short_when

    store = open_store()
    try:
        now, zone = time.time(), local_zone()
        shown = [s for s in store.schedules() if args.all or _current(s)]
        if not shown:
            print("Nothing scheduled." + ("" if args.all else " (--all shows past ones)"))
            return 0
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
        for index, each in enumerate(shown):
            # one record a few lines, wrapped to the terminal (a pipe gets whole lines)
            head = f"{each.id}  {short_when(each.due, now, zone)}  {_state(store, each)}"
            lines = [(head, ""), (each.title, "   "), (f"to {_targets(each)}", "   ")]
            lines += [  # why it waits, or was missed
                (f"{run.network.display_name} @{run.handle}: {run.note}", "   ")
                for run in each.runs
                if run.note
            ]
            print("\n" if index else "", end="")
            for text, indent in lines:
                print(_wrapped(text, indent, width))
    finally:
        store.close()
    return 0


def _wrapped(text: str, indent: str, width: int) -> str:
    """`text` after `indent`, its further lines indented the same and two more (whole
    when `width` is 0); a `command` or an address is never cut, so it can be copied."""
    if not width:
        return indent + text
    kept = re.sub(r"`[^`]*`", lambda found: found[0].replace(" ", "\0"), text)
    wrapped = textwrap.fill(kept, max(width - 1, 40), initial_indent=indent,
                            subsequent_indent=indent + "  ", break_on_hyphens=False,
                            break_long_words=False)  # fmt: skip
    return wrapped.replace("\0", " ")


def _current(schedule: Schedule) -> bool:
    """Worth listing by default: waiting, missed, needing the person, or being published."""
    from threadsmith.journal import RunStatus

    shown = (RunStatus.SCHEDULED, RunStatus.MISSED, RunStatus.OPEN, RunStatus.HELD)
    return any(run.status in shown for run in schedule.runs)


def _targets(schedule: Schedule) -> str:
    return ", ".join(f"{run.network.display_name} @{run.handle}" for run in schedule.runs)


def _state(store: Store, schedule: Schedule) -> str:
    """ "scheduled", "missed", "needs you", "published", or per account when they differ."""
    states = [_run_state(store, run) for run in schedule.runs]
    if len(set(states)) == 1:
        return states[0]
    return ", ".join(
        f"{run.network.display_name} {state}"
        for run, state in zip(schedule.runs, states, strict=True)
    )


def _run_state(store: Store, run: Run) -> str:
    from threadsmith.journal import RunStatus

    if run.status is RunStatus.OPEN:
        posts = store.run_posts(run.id)
        return f"publishing {sum(p.ref is not None for p in posts)}/{len(posts)}"
    named = {
        RunStatus.DONE: "published",
        RunStatus.ABANDONED: "given up",
        RunStatus.HELD: "needs you",
    }
    return named.get(run.status, run.status.value)


def run_cancel(args: argparse.Namespace) -> int:
    from threadsmith.store import open_store

    store = open_store()
    try:
        cancelled = store.cancel_schedule(args.id)
    finally:
        store.close()
    names = ", ".join(f"{run.network.display_name} @{run.handle}" for run in cancelled)
    print(f"Cancelled schedule {args.id} ({names}): it will not be published.")
    return 0


def run_due(args: argparse.Namespace) -> int:
    from threadsmith import accounts, schedule
    from threadsmith.schedule.session_bus import use_session_bus
    from threadsmith.store import open_store
    from threadsmith.times import parse_duration

    grace = parse_duration(args.grace)
    if args.now and args.id is None:
        raise InputError("--now needs --id: which schedule to publish now? (thread schedule list)")
    use_session_bus()  # started by cron: the keyring is on the login's bus, found here
    store = open_store()
    try:
        outcomes = schedule.run_due(
            store,
            now=time.time,
            grace=grace,
            choose=lambda run: accounts.choose(store, f"{run.network.name}:{run.handle}"),
            open_publisher=accounts.open_publisher,
            refresh=lambda account: accounts.refresh(store, account),
            only=args.id,
            at_once=args.now,
            on_event=_log_event,
        )
        if args.id is not None and not outcomes:
            _log(f"schedule {args.id}: nothing due (add --now to publish it now)")
    except KeyboardInterrupt:
        raise Cancelled("interrupted: the next `thread schedule run` resumes") from None
    finally:
        store.close()
    for outcome in outcomes:
        _log_outcome(outcome)
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def _log(line: str, error: bool = False) -> None:
    """One line of the runner's log (the timer's journal, or the cron line's file)."""
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} {line}", file=sys.stderr if error else sys.stdout, flush=True)


def _log_event(run: Run, event: Event) -> None:
    from threadsmith import publish

    name = f"schedule {run.schedule_id}, {run.network.display_name} @{run.handle}"
    if isinstance(event, publish.Sent):
        note = " (sent earlier)" if event.earlier else ""
        _log(f"{name}: post {event.number}/{event.total} sent{note}: {event.ref.url}")
    elif isinstance(event, publish.Waiting):
        left = int(event.seconds_left + 0.999)
        if left % 30 == 0 or left <= 1:
            _log(f"{name}: {event.said()}")
    elif isinstance(event, publish.Committing):  # a thread sent whole (Bluesky)
        _log(f"{name}: {event.said()}")
    elif isinstance(event, publish.Failed):
        _log(f"{name}: post {event.number} failed: {event.message}", error=True)


def _log_outcome(outcome: Outcome) -> None:
    run = outcome.run
    name = f"schedule {outcome.schedule.id}, {run.network.display_name} @{run.handle}"
    _log(f"{name}: {outcome.message}", error=outcome.failed)
    for warning in outcome.warnings:
        _log(f"{name}: warning: {warning}", error=True)
