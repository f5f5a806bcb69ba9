"""`thread publish`: split per platform, show what will go out, confirm, post, resume."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.errors import Cancelled, InputError

if TYPE_CHECKING:
    from threadsmith.platforms.base import Outgoing
    from threadsmith.publish import Event
    from threadsmith.store import Account, Run, Store


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from threadsmith.cli import add_split_options

    publish = commands.add_parser(
        "publish",
        help="publish an essay as a thread to X and/or Bluesky",
        description=(
            "Split the essay for each platform, show the posts, ask for confirmation, then "
            "post them as a chain of replies. If a run stops half way, the same command (or "
            "`thread publish --resume`) continues from the first unsent post."
        ),
    )
    publish.add_argument("file", metavar="FILE", nargs="?", help="the essay (Markdown)")
    publish.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="PLATFORM[:HANDLE]",
        help="x or bluesky, optionally with the account (repeat to cross-post)",
    )
    add_split_options(publish, platform=False)
    publish.add_argument("--reply-to", metavar="URL", help="continue an existing thread")
    publish.add_argument(
        "--delay", type=float, default=0.0, metavar="SECONDS", help="pause between posts"
    )
    publish.add_argument("--dry-run", action="store_true", help="show the posts, send nothing")
    publish.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    publish.add_argument("--resume", action="store_true", help="finish unfinished runs")
    publish.add_argument(
        "--again", action="store_true", help="publish a thread that was already published"
    )
    publish.add_argument("--verbose", action="store_true", help="say more about each post")
    publish.set_defaults(handler=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    from threadsmith.store import open_store

    store = open_store()
    try:
        if args.file is None:
            if not args.resume:
                raise InputError("say what to publish: thread publish FILE --to x (or --resume)")
            runs = store.open_runs()
            if not runs:
                print("Nothing to resume: every run is finished.")
                return 0
            for run in runs:
                _send(store, run, args)
            return 0
        return _publish_file(store, args)
    except KeyboardInterrupt:
        raise Cancelled("interrupted: run the same command again to resume") from None
    finally:
        store.close()


def _publish_file(store: Store, args: argparse.Namespace) -> int:
    from threadsmith import accounts
    from threadsmith.cli import read_essay

    if not args.to:
        raise InputError("say where to publish: --to x and/or --to bluesky")
    path = Path(args.file).resolve()
    text = read_essay(args.file)
    draft_key = f"file:{path}"
    plans: list[tuple[Account, Run | None, list[Outgoing]]] = []
    for target in args.to:
        platform, _, handle = target.partition(":")
        account = accounts.choose(store, platform.lower(), handle or None)
        existing = store.open_run(draft_key, account.platform, account.handle)
        posts = _split(text, account.platform, args, path.parent)
        if (
            existing is None
            and not args.again
            and _already_published(store, draft_key, account, posts)
        ):
            continue
        plans.append((account, existing, posts))
    if not plans:
        return 0
    for account, existing, posts in plans:
        _show(store, account, existing, posts, args.verbose)
    if args.dry_run:
        return 0
    if not args.yes:
        _confirm(plans)
    for account, existing, posts in plans:
        run = existing
        if run is None:
            reply_to = None
            if args.reply_to:
                publisher = accounts.open_publisher(account)
                try:
                    reply_to = publisher.resolve(args.reply_to)
                finally:
                    publisher.close()
            run = store.create_run(draft_key, account.platform, account.handle, posts, reply_to)
        _send(store, run, args)
    return 0


def _already_published(
    store: Store, draft_key: str, account: Account, posts: list[Outgoing]
) -> bool:
    """True (and says so) if these very posts already went out from this account."""
    texts = [post.text for post in posts]
    for run in reversed(store.runs_for(draft_key)):
        if run.status != "done" or (run.platform, run.handle) != (account.platform, account.handle):
            continue
        journal = store.run_posts(run.id)
        if [post.text for post in journal] == texts and journal[0].ref is not None:
            print(
                f"{_name(account)}: already published: {journal[0].ref.url} "
                "(add --again to publish it once more)"
            )
            return True
    return False


def _split(text: str, platform: str, args: argparse.Namespace, base: Path) -> list[Outgoing]:
    from threadsmith.cli import split_as_asked
    from threadsmith.platforms.base import Outgoing
    from threadsmith.threading import Media

    thread = split_as_asked(text, platform, args)
    if not thread.posts:
        raise InputError(f"{args.file}: has no text to post")
    for warning in thread.warnings:
        print(f"warning ({platform}): {warning.message}", file=sys.stderr)
    return [
        Outgoing(
            post.number,
            post.text,
            tuple(Media(str((base / m.path).expanduser()), m.alt) for m in post.media),
        )
        for post in thread.posts
    ]


def _show(
    store: Store, account: Account, existing: Run | None, posts: list[Outgoing], verbose: bool
) -> None:
    from threadsmith.threading import rules_for

    name = _name(account)
    if existing is not None:
        journal = store.run_posts(existing.id)
        sent = sum(post.state == "sent" for post in journal)
        print(f"{name}: resuming an unfinished run, {sent} of {len(journal)} posts already sent.")
        if [p.text for p in journal] != [p.text for p in posts]:
            print(
                f"{name}: the essay changed since this run started; the posts confirmed then "
                "will be published, unchanged."
            )
        return
    meter = rules_for(account.platform).meters[0]
    print(f"{name}: {len(posts)} posts")
    for post in posts:
        length = meter.measure(post.text)
        print(f"\n[{post.number}/{len(posts)}] {length}/{meter.limit}")
        print(post.text)
        for media in post.media:
            print(f"  image: {media.path} (alt: {media.alt or 'none'})")
    print()


def _confirm(plans: list[tuple[Account, Run | None, list[Outgoing]]]) -> None:
    summary = " and ".join(f"{len(posts)} posts to {_name(a)}" for a, _, posts in plans)
    if not sys.stdin.isatty():
        raise InputError(f"not at a terminal: add --yes to publish {summary}")
    answer = input(f"Publish {summary}? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise Cancelled("nothing was published")


def _send(store: Store, run: Run, args: argparse.Namespace) -> None:
    from threadsmith import accounts, publish

    account = accounts.choose(store, run.platform, run.handle)
    name = _name(account)
    publisher = accounts.open_publisher(account)

    def report(event: Event) -> None:
        if isinstance(event, publish.Sending) and args.verbose:
            print(f"{name}: sending post {event.number}/{event.total}…", flush=True)
        elif isinstance(event, publish.Sent):
            note = " (sent earlier)" if event.earlier else ""
            print(
                f"{name}: post {event.number}/{event.total} sent{note}: {event.ref.url}", flush=True
            )
        elif isinstance(event, publish.Waiting):
            seconds = int(event.seconds_left + 0.999)
            if seconds % 10 == 0 or seconds <= 3 or args.verbose:
                print(f"{name}: waiting {seconds} s before post {event.number}…", flush=True)
        elif isinstance(event, publish.Failed):
            print(f"{name}: post {event.number} failed: {event.message}", file=sys.stderr)
        elif isinstance(event, publish.Finished):
            print(f"{name}: done, {event.total} posts. The thread: {event.first.url}", flush=True)

    try:
        publish.run(store, run.id, publisher, on_event=report, delay=args.delay)
    finally:
        for warning in getattr(publisher, "warnings", []):
            print(f"warning ({name}): {warning}", file=sys.stderr)
        publisher.close()


def _name(account: Account) -> str:
    return f"{'X' if account.platform == 'x' else 'Bluesky'} @{account.handle}"
