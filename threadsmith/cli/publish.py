"""`thread publish`: plan per account, show what will go out, confirm, post, resume."""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.cli.options import (
    TO_HELP,
    Commands,
    add_publish_options,
    add_split_options,
    network_names,
    seconds,
    split_options,
    where_to_publish,
)
from threadsmith.cli.publish_lines import OUT, reporter, say
from threadsmith.cli.publish_show import say_published, say_scheduled, show_target
from threadsmith.errors import (
    AuthError,
    ByHand,
    Cancelled,
    CredentialsError,
    InputError,
    PublishError,
    Refused,
    ThreadsmithError,
)
from threadsmith.wording import counted

if TYPE_CHECKING:
    from threadsmith.network import Account, Publisher
    from threadsmith.publish import Plan, Target
    from threadsmith.store import Run, Store


def add_arguments(commands: Commands) -> None:
    publish = commands.add_parser(
        "publish",
        help="publish an essay as a thread to one or more accounts",
        description=(
            "Split the essay for each account, show the posts, ask for confirmation, then "
            "post them as a chain of replies. If a run stops half way, the same command (or "
            "`thread publish --resume`) continues from the first unsent post."
        ),
    )
    publish.add_argument("file", metavar="FILE", nargs="?", help="the essay (Markdown)")
    publish.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="NETWORK[:HANDLE]",
        help=TO_HELP.format(network_names()),
    )
    add_split_options(publish, network=False)
    add_publish_options(publish)
    publish.add_argument("--reply-to", metavar="URL", help="continue an existing thread")
    publish.add_argument(
        "--assist",
        action="store_true",
        help="publish each post yourself, helped (X without a paid API): each is copied and "
        "its compose page opened; you paste back the address of the post you published",
    )
    publish.add_argument(
        "--delay", type=seconds, default=0.0, metavar="SECONDS", help="pause between posts"
    )
    publish.add_argument("--dry-run", action="store_true", help="show the posts, send nothing")
    publish.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    publish.add_argument("--resume", action="store_true", help="finish unfinished runs")
    publish.add_argument(
        "--abandon", type=int, metavar="RUN", help="give up the unfinished run RUN for good"
    )
    publish.add_argument(
        "--again", action="store_true", help="publish a thread that was already published"
    )
    publish.add_argument("--verbose", action="store_true", help="say more about each post")
    publish.set_defaults(handler=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    from threadsmith.store import open_store

    store = open_store()
    try:
        if args.abandon is not None:
            return _abandon(store, args.abandon)
        if args.file is None:
            if not args.resume:
                raise InputError("say what to publish: thread publish FILE --to x (or --resume)")
            return _resume_all(store, args)
        return _publish_file(store, args)
    except KeyboardInterrupt:
        raise Cancelled("interrupted: run the same command again to resume") from None
    finally:
        store.close()


def _publish_file(store: Store, args: argparse.Namespace) -> int:
    from threadsmith import accounts, publish
    from threadsmith.essay import read_essay

    if not args.to:
        raise where_to_publish()
    path = Path(args.file).resolve()
    text = read_essay(args.file)
    draft_key = f"file:{path}"
    if args.assist:  # by hand: no account needed, no server asked
        from threadsmith.cli.assist import assisted_accounts

        chosen = assisted_accounts(store, args.to, text, draft_key, args)
    else:
        chosen = [refreshed(store, account) for account in accounts.choose_all(store, args.to)]
    plan = publish.plan(
        store,
        text,
        draft_key=draft_key,
        base=path.parent,
        accounts=chosen,
        options=split_options(args),
    )
    todo = []
    for target in plan.targets:
        for warning in target.thread.warnings:
            name = target.account.network.name
            print(f"warning ({name}): {warning.message}", file=sys.stderr)
        if target.unfinished is None and target.published is not None and not args.again:
            say_published(store, target.account, target.published)
            continue
        if (scheduled := publish.waits_for_schedule(target)) is not None:
            say_scheduled(store, target.account, scheduled)
            continue
        show_target(store, target, args.verbose, by_hand=args.assist)
        todo.append(target)
    if not todo or args.dry_run:
        return 0
    if args.assist:  # nothing goes out but what the person publishes: no confirmation
        from threadsmith.cli.assist import say_how

        for network in {target.account.network for target in todo}:
            say_how(network)
    else:
        _check_room(store, todo, args)  # a quota (Threads'): refused before you are asked
        if not args.yes:
            _confirm(todo)
    cancel = threading.Event()  # Ctrl-C: every network stops after the post it sends

    def failed(index: int, error: ThreadsmithError) -> None:
        if len(todo) > 1:  # one account's failure does not stop the others
            say(f"thread: {todo[index].account.name}: {error}", error=True)

    from threadsmith.publish.together import each_network

    send = functools.partial(_start_and_send, store, plan, args=args, cancel=cancel)
    tasks = [(_network(t.account, args), functools.partial(send, t)) for t in todo]
    OUT.live = _live(args, {network for network, _ in tasks})
    try:
        errors = each_network(tasks, cancel=cancel, on_error=failed)
    finally:
        OUT.live = False
    failures = [error for error in errors if error is not None]
    if len(todo) == 1 and failures:
        raise failures[0]
    _fail_if(failures, len(todo), "run the same command again to resume")
    return 0


def _network(account: Account, args: argparse.Namespace) -> str:
    """Which runs go out side by side: one network's one after the other; by hand,
    all in turn (one person, one prompt at a time)."""
    return "by hand" if args.assist else account.network.name


def _live(args: argparse.Namespace, networks: set[str]) -> bool:
    """A line per network, rewritten in place: on a terminal, when several go at once."""
    return len(networks) > 1 and sys.stdout.isatty() and not (args.verbose or args.assist)


def _start_and_send(
    store: Store, plan: Plan, target: Target, *, args: argparse.Namespace, cancel: threading.Event
) -> None:
    from threadsmith import publish

    publisher = _open(target.account, target.options, args)
    try:
        reply_to = None
        if args.reply_to and target.unfinished is None:
            reply_to = publisher.resolve(args.reply_to)
        started = publish.start(store, plan, target, again=args.again, reply_to=reply_to)
        if started.run is None:  # another threadsmith published it meanwhile
            assert started.earlier is not None
            say_published(store, target.account, started.earlier)
            return
        _send(store, started.run, publisher, args, cancel)
    finally:
        publisher.close()


def _open(account: Account, options: Mapping[str, str], args: argparse.Namespace) -> Publisher:
    """The account's publisher: through its API, or by hand (`--assist`)."""
    from threadsmith import accounts

    if args.assist:
        from threadsmith.cli.assist import open_assisted

        return open_assisted(account, options)
    return accounts.open_publisher(account, options)


def _resume_all(store: Store, args: argparse.Namespace) -> int:
    """Every unfinished run, each on its own: one that fails does not stop the others.
    A scheduled run waiting for its time is not one of them."""
    from threadsmith.journal import RunStatus
    from threadsmith.network import Account
    from threadsmith.publish import check_posts

    runs = store.open_runs()
    if not runs:
        waiting = sum(
            run.status is RunStatus.SCHEDULED for s in store.schedules() for run in s.runs
        )
        later = f" ({waiting} scheduled, to go out at their time: thread schedule list)"
        print(f"Nothing to resume: every run is finished.{later if waiting else ''}")
        return 0
    cancel = threading.Event()

    def resume(run: Run) -> None:
        account = _account_of(store, run, args)
        if not args.assist:  # what is left, measured as the network is now
            left = [p.outgoing() for p in store.run_posts(run.id) if p.ref is None]
            check_posts(refreshed(store, account), left, run.options)
        publisher = _open(account, run.options, args)
        try:
            _send(store, run, publisher, args, cancel)
        finally:
            publisher.close()

    def failed(index: int, error: ThreadsmithError) -> None:
        run = runs[index]
        say(f"thread: {Account(run.network, run.handle).name}, run {run.id}: {error}", error=True)

    tasks = [
        ("by hand" if args.assist else run.network.name, functools.partial(resume, run))
        for run in runs
    ]
    from threadsmith.publish.together import each_network

    OUT.live = _live(args, {network for network, _ in tasks})
    try:
        errors = each_network(tasks, cancel=cancel, on_error=failed)
    finally:
        OUT.live = False
    failures = [error for error in errors if error is not None]
    _fail_if(failures, len(runs), "resume later, or give one up: thread publish --abandon RUN")
    return 0


def _account_of(store: Store, run: Run, args: argparse.Namespace) -> Account:
    """The account that resumes `run`: the store's, through its API; by hand (`--assist`)
    the journal's, which need not be in the store."""
    from threadsmith import accounts
    from threadsmith.network import Account

    if args.assist:
        return Account(run.network, run.handle)
    try:
        if not run.handle:
            raise InputError("it was being published by hand")
        return accounts.choose(store, f"{run.network.name}:{run.handle}")
    except InputError as error:
        if run.network.assisted is None:
            raise
        raise InputError(f"{error}; to go on by hand: thread publish --resume --assist") from None


def _fail_if(failures: list[ThreadsmithError], out_of: int, advice: str) -> None:
    """One closing line for several failures (each said already), with the first's status."""
    if failures:
        summary = PublishError(f"{len(failures)} of {out_of} threads did not finish: {advice}")
        summary.exit_code = failures[0].exit_code
        raise summary


def refreshed(store: Store, account: Account) -> Account:
    """The account with its server's limits as they are now; as kept, if it cannot say."""
    from threadsmith import accounts

    try:
        return accounts.refresh(store, account)
    except ThreadsmithError as error:
        say(f"warning ({account.name}): {error}; using its limits as last seen", error=True)
        return account


def _abandon(store: Store, run_id: int) -> int:
    from threadsmith.network import Account

    run = store.abandon_run(run_id)
    sent = sum(post.ref is not None for post in store.run_posts(run_id))
    print(
        f"Run {run_id} to {Account(run.network, run.handle).name} abandoned "
        f"({counted(sent, 'post')} had been sent); it will not be resumed."
    )
    return 0


def _check_room(store: Store, targets: list[Target], args: argparse.Namespace) -> None:
    """Each account's quota, where its network keeps one (Threads: 24 hours), read before
    you are asked: a thread bigger than what is left is refused, with the numbers, and
    nothing goes. One that cannot be read now is read again before post 1."""
    from threadsmith import accounts

    for target in targets:
        if target.unfinished is not None:
            journal = store.run_posts(target.unfinished.id)
            posts = [post.outgoing() for post in journal if post.ref is None]
            replying = len(posts) < len(journal) or target.unfinished.reply_parent is not None
        else:
            posts, replying = list(target.posts), bool(args.reply_to)
        try:
            accounts.check_room(target.account, posts, replying=replying)
        except (Refused, AuthError, CredentialsError):
            raise  # the thread cannot go from this account now: nothing is sent
        except ThreadsmithError as error:
            say(f"warning ({target.account.name}): {error}; read again before post 1", error=True)


def _confirm(targets: list[Target]) -> None:
    summary = " and ".join(
        f"resume {t.account.name}"
        if t.unfinished
        else f"{counted(len(t.posts), 'post')} to {t.account.name}"
        for t in targets
    )
    if not sys.stdin.isatty():
        raise InputError(f"not at a terminal: add --yes to publish {summary}")
    answer = input(f"Publish {summary}? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise Cancelled("nothing was published")


def _send(
    store: Store,
    run: Run,
    publisher: Publisher,
    args: argparse.Namespace,
    cancel: threading.Event | None = None,
) -> None:
    from threadsmith import publish
    from threadsmith.network import Account

    report = reporter(run, publisher, args)
    try:
        publish.run(store, run.id, publisher, on_event=report, delay=args.delay, cancel=cancel)
    except ByHand as refused:
        from threadsmith.cli.assist import by_hand

        raise by_hand(refused, store.run(run.id), args) from None
    finally:
        OUT.done(run.id)  # stopped before its end: its line, as it was, leaves the block
        name = Account(run.network, publisher.handle or run.handle).name
        for warning in publisher.warnings:
            say(f"warning ({name}): {warning}", error=True)
