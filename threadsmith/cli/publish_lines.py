"""What `thread publish` prints while posts go out: a line per post, each naming its
account; or, on a terminal while several networks go out at once, one line per network
rewritten in place as its posts go ("Bluesky @alice.test: 3 of 12 sent"), each left
as its thread's link once that network is done. Lines come from several threads:
each is printed whole, never mixed with another."""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from threadsmith.wording import counted

if TYPE_CHECKING:
    from threadsmith.network import Publisher
    from threadsmith.publish import Event
    from threadsmith.store import Run

UP_AND_CLEAR = "\x1b[1A\x1b[2K"  # the cursor a row up, that row cleared


class Lines:
    """Whole lines, from any thread; with `live` on, a block of one line per run kept
    under them and redrawn as it changes (only on a terminal)."""

    def __init__(self) -> None:
        self.live = False
        self._lock = threading.Lock()
        self._block: dict[int, str] = {}  # run id → its line, in the order they came
        self._rows = 0  # the terminal rows the block takes now

    def say(self, line: str, *, error: bool = False) -> None:
        """A line kept (above the block, if there is one)."""
        with self._lock:
            self._clear()
            print(line, file=sys.stderr if error else sys.stdout, flush=True)
            self._draw()

    def progress(self, run_id: int, line: str) -> None:
        """The run's line in the block, as it is now."""
        with self._lock:
            self._clear()
            self._block[run_id] = line
            self._draw()

    def done(self, run_id: int, line: str | None = None) -> None:
        """The run's line leaves the block, kept above it as `line` (by default as it
        was: how far a run that stopped got)."""
        with self._lock:
            self._clear()
            line = line or self._block.get(run_id)
            self._block.pop(run_id, None)
            if line is not None:
                print(line, flush=True)
            self._draw()

    def _clear(self) -> None:
        if self._rows:
            sys.stdout.write(UP_AND_CLEAR * self._rows)
            sys.stdout.flush()
            self._rows = 0

    def _draw(self) -> None:
        if not self._block:
            return
        width = max(20, shutil.get_terminal_size().columns)
        for line in self._block.values():
            print(line, flush=True)
            self._rows += max(1, -(-len(line) // width))  # a long line wraps: its rows


OUT = Lines()
say = OUT.say


def reporter(run: Run, publisher: Publisher, args: argparse.Namespace) -> Callable[[Event], None]:
    """What `run`'s events print: live (`OUT.live`), a line per network; else a line per
    post (with `--verbose` or by hand, a line as each goes too)."""
    from threadsmith import publish
    from threadsmith.network import Account

    sending, sent = ("", "recorded") if args.assist else ("sending ", "sent")

    def report(event: Event) -> None:
        # by hand with no account, the first address names it
        name = Account(run.network, publisher.handle or run.handle).name
        live = OUT.live
        if isinstance(event, publish.Sending) and (live or args.verbose or args.assist):
            line = f"{name}: {sending}post {event.number}/{event.total}…"
            if live:
                OUT.progress(run.id, line)
            else:
                say(line)
        elif isinstance(event, publish.Uploading | publish.Committing) and (live or args.verbose):
            line = f"{name}: {event.said()}"  # a thread sent whole: its images, then it
            if live:
                OUT.progress(run.id, line)
            else:
                say(line)
        elif isinstance(event, publish.Sent):
            note = f" ({sent} earlier)" if event.earlier else ""
            if live:
                OUT.progress(run.id, f"{name}: {event.number} of {event.total} {sent}{note}")
            else:
                say(f"{name}: post {event.number}/{event.total} {sent}{note}: {event.ref.url}")
        elif isinstance(event, publish.Waiting):
            left = int(event.seconds_left + 0.999)
            line = f"{name}: {event.said()}"
            if live:
                OUT.progress(run.id, line)
            elif left % 10 == 0 or left <= 3 or args.verbose:
                say(line)
        elif isinstance(event, publish.Failed):
            say(f"{name}: post {event.number} failed: {event.message}", error=True)
        elif isinstance(event, publish.Finished):
            done = f"{name}: done, {counted(event.total, 'post')}. The thread: {event.first.url}"
            OUT.done(run.id, done)

    return report
