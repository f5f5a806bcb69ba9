"""`thread stats`: how far people read a published thread, post by post.

Each network's counts are read now (X only with --pay: it bills each read) and
kept with their time; `--history` shows the readings kept, `--csv` writes them
out. A network that refuses is one line on stderr; the others still show.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.cli.options import Commands
from threadsmith.errors import InputError, PublishError, ThreadsmithError

if TYPE_CHECKING:
    from threadsmith.network import Network, ReadFrom
    from threadsmith.stats import PostFigures, Thread
    from threadsmith.store import Fetch, Store

CHART_MIN = 10  # columns for the bars at the least


def add_arguments(commands: Commands) -> None:
    stats = commands.add_parser(
        "stats",
        help="per-post likes, reposts, replies… of a published thread, and its read-through",
        description=(
            "Read each post's public counts from the networks a thread went to, keep them "
            "with the time, and print a table and chart with the read-through: the last "
            "post's figure as a share of the first's. Replies are replies by others. X "
            "bills every read: it is read only with --pay, after saying what it costs."
        ),
    )
    stats.add_argument(
        "target",
        metavar="FILE|URL",
        nargs="?",
        help="the essay that was published, or the URL of a thread's first post",
    )
    stats.add_argument("--draft", type=int, metavar="ID", help="an app draft that was published")
    stats.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    for network, chosen in _read_from():
        stats.add_argument(
            f"--{chosen.name}",
            metavar="URL",
            help=f"the {network.display_name} {chosen.label} to read from (default "
            f"${chosen.environment}, else the one set in the app, else {chosen.default})",
        )
    stats.add_argument(
        "--pay",
        action="store_true",
        help="also read networks that bill for it (X), at the cost shown",
    )
    stats.add_argument(
        "--history", action="store_true", help="show the readings kept, read nothing now"
    )
    stats.add_argument("--csv", metavar="FILE", help="write every reading kept to FILE (CSV)")
    stats.set_defaults(handler=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from threadsmith.store import open_store

    store = open_store()
    try:
        threads = _threads(store, args)
        if args.history:
            _history(store, threads, args.format)
            failures = 0
        else:
            failures = _read_all(store, threads, args)
        if args.csv:
            from threadsmith.stats import write_csv

            fetches = [fetch for thread in threads for fetch in store.fetches(thread.key)]
            rows = write_csv(fetches, Path(args.csv))
            print(f"Wrote {len(fetches)} readings ({rows} rows) to {args.csv}.", file=sys.stderr)
    finally:
        store.close()
    if failures:
        summary = PublishError(f"{failures} of {len(threads)} threads could not be read")
        raise summary
    return 0


def _threads(store: Store, args: argparse.Namespace) -> list[Thread]:
    from threadsmith import stats

    if (args.target is None) == (args.draft is None):
        raise InputError("say which thread: thread stats FILE, thread stats URL or --draft ID")
    if args.draft is not None:
        found = stats.threads_of_draft(store, args.draft)
        if not found:
            raise InputError(f"draft {args.draft} was never published")
        return found
    if args.target.startswith(("http://", "https://", "at://")):
        return [stats.thread_at_url(store, args.target, _settings(args))]
    path = Path(args.target)
    try:
        return stats.threads_of_file(store, path)
    except InputError:
        # an essay published and then moved is still found above, by the path it had
        if not path.exists():
            raise InputError(
                f"{args.target}: no such file (name the essay that was published, "
                "or the thread by its first post's URL)"
            ) from None
        if path.is_dir():
            raise InputError(f"{args.target}: is a directory, not an essay") from None
        raise


def _read_from() -> list[tuple[Network, ReadFrom]]:
    """The networks whose counts can be read from another server, and how it is named."""
    from threadsmith.network import networks

    return [
        (network, network.metrics.read_from)
        for network in networks()
        if network.metrics is not None and network.metrics.read_from is not None
    ]


def _settings(args: argparse.Namespace) -> dict[str, str]:
    """The servers given to read from (`--appview URL`), each checked."""
    given = {}
    for network, chosen in _read_from():
        if url := getattr(args, chosen.name, None):
            if not url.startswith(("http://", "https://")):
                raise InputError(
                    f"--{chosen.name} takes the {network.display_name} {chosen.label}'s "
                    f"address (https://…), not {url!r}"
                )
            given[chosen.name] = url
    return given


def _read_all(store: Store, threads: list[Thread], args: argparse.Namespace) -> int:
    """Read and show each thread; a network that refuses is one line. Returns how many
    could not be read."""
    from threadsmith import costs, stats

    failures = 0
    settings = _settings(args)
    for thread in threads:
        bill = stats.billed(store, thread)
        if bill is not None:
            table, _ = bill
            said = costs.read_cost_summary(thread.network.display_name, table, len(thread.posts))
            if not args.pay:
                kept = store.latest_fetch(thread.key)
                also = f"; showing the reading taken {_when(kept.fetched_at)}" if kept else ""
                print(f"{thread.name}: not read now: {said}; add --pay{also}", file=sys.stderr)
                if kept is not None:
                    _show(kept, args.format)
                continue
            print(f"{thread.name}: {said}", file=sys.stderr)
        try:
            fetch = stats.read(store, thread, settings)
        except ThreadsmithError as error:
            kept = store.latest_fetch(thread.key)
            also = f"; showing the reading taken {_when(kept.fetched_at)}" if kept else ""
            print(f"thread: {thread.name}: {error}{also}", file=sys.stderr)
            if kept is not None:
                _show(kept, args.format)
            failures += 1
            continue
        _show(fetch, args.format)
    return failures


def _show(fetch: Fetch, output: str) -> None:
    from threadsmith import stats

    if output == "json":
        import json

        print(json.dumps(stats.as_json(fetch), ensure_ascii=False), flush=True)
        return
    rows = stats.post_figures(fetch)
    assert fetch.network.metrics is not None
    through = stats.read_through(rows)
    print(f"{fetch.network.display_name} @{fetch.handle}: {fetch.url}")
    print(f"read {_when(fetch.fetched_at)}")
    has_impressions = any(row.impressions is not None for row in rows)
    basis = "impressions" if has_impressions else "engagements"
    fields = [name for name in fetch.network.metrics.fields if name != basis]  # the bars say it
    heads = ["post", *fields]
    widths = [max(len(head), 4) for head in heads]
    table_width = sum(widths) + 2 * (len(widths) - 1)
    chart = max(CHART_MIN, shutil.get_terminal_size((80, 24)).columns - table_width - 9)
    heading = "  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))
    print(f"{heading}  {basis}")
    peak = max((_figure(row, basis) or 0 for row in rows), default=0)
    for row in rows:
        cells = [str(row.number)]
        if row.deleted:
            print(f"{cells[0].rjust(widths[0])}  deleted")
            continue
        cells += ["—" if getattr(row, name) is None else str(getattr(row, name)) for name in fields]
        figure = _figure(row, basis) or 0
        line = "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))
        print(f"{line}  {stats.bar(figure, peak, chart)} {figure}")
    if through.share is None:
        print("Read-through: — (it needs two posts still online, the first with some reach)")
    else:
        print(
            f"Read-through: {through.share:.0%} (post {through.last}'s {through.basis} "
            f"against post {through.first}'s)"
        )
    print("Replies are by others: the thread's own next post is not counted.\n", flush=True)


def _figure(row: PostFigures, basis: str) -> int | None:
    return row.impressions if basis == "impressions" else row.engagements


def _history(store: Store, threads: list[Thread], output: str) -> None:
    from threadsmith import stats

    for thread in threads:
        fetches = store.fetches(thread.key)
        if output == "json":
            import json

            for fetch in fetches:
                print(json.dumps(stats.as_json(fetch), ensure_ascii=False))
            continue
        print(f"{thread.name}: {thread.url}")
        if not fetches:
            print("no readings kept yet: run thread stats without --history\n")
            continue
        assert thread.network.metrics is not None
        fields = thread.network.metrics.fields
        heads = ["read", "read-through", *fields]
        widths = [17, 12, *(max(len(head), 6) for head in heads[2:])]
        print("  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True)))
        for fetch in fetches:
            rows = stats.post_figures(fetch)
            share = stats.read_through(rows).share
            totals = [
                str(sum(getattr(row, name) or 0 for row in rows if not row.deleted))
                for name in fields
            ]
            cells = [
                time.strftime("%d %b %Y %H:%M", time.localtime(fetch.fetched_at)),
                "—" if share is None else f"{share:.0%}",
                *totals,
            ]
            print("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
        print("(totals over the posts still online; replies by others)\n")


def _when(stamp: float) -> str:
    return time.strftime("on %d %b %Y at %H:%M", time.localtime(stamp))
