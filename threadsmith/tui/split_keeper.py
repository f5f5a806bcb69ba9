"""Keeps an editor's threads in step with its essay, without holding up the typing.

An essay short enough to split within a keystroke's frame is split on the UI
thread, so the cards change in the same frame as the typed word. A longer one is
split in a worker thread while the author goes on typing: a split whose essay
has changed since it started stops at its next check (the engine's `stale`), and
the next one starts from the essay as it then stands. Threads reach the screen
only when they are the essay's latest: never an older split over a newer one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from threadsmith.drafts import DraftSettings
from threadsmith.errors import ThreadsmithError
from threadsmith.network import Account, Network
from threadsmith.threading import Thread
from threadsmith.tui.mention_watch import MentionWatch

if TYPE_CHECKING:
    from threadsmith.threading import Splitter

# Up to this many characters (~33,000 words) an essay is split on the UI thread:
# a keystroke re-splits it in a few milliseconds. Past it, in a worker thread.
SPLIT_IN_FRAME_UP_TO = 200_000
# Seconds without a change before a worker splits a long essay: half as long as its
# last split took, within these bounds. A split that starts while keys still come in
# shares the interpreter with them (and goes stale at the next key).
QUIET = 0.05
QUIET_AT_MOST = 0.5
WORKER_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


def load_the_rest() -> None:
    """Plain Markdown is read without markdown-it-py, and Bluesky's mention rules are
    needed only once an @ is typed: loaded after the first split, in a worker, so
    neither the first code fence nor the first @mention holds a keystroke (~50 ms)."""
    from threadsmith.networks.bluesky import facets  # noqa: F401
    from threadsmith.threading.markdown import load_parser

    load_parser()


@dataclass(frozen=True)
class SplitJob:
    """One split of the essay for the networks on show, gathered on the UI thread
    (`run` may then go to a worker thread: it reads nothing of the screen)."""

    text: str
    networks: tuple[Network, ...]
    accounts: dict[Network, Account | None]  # whose server sets each preview's limits
    settings: DraftSettings
    splitter: Splitter
    mentions: MentionWatch | None = None

    def run(self, stale: Callable[[], bool]) -> Splits:
        """The threads (or why there is none) per network. Raises `Abandoned` as soon
        as `stale()` says the essay has changed since."""
        threads: dict[Network, Thread | str] = {}
        unchecked: dict[Network, set[str]] = {}
        splitter = self.splitter.until(stale)
        for network in self.networks:
            try:
                thread = self.settings.split(
                    self.text,
                    network,
                    self.accounts[network],
                    mention_warnings=self.mentions is None,
                    splitter=splitter,
                )
            except ThreadsmithError as error:
                threads[network] = str(error)
                continue
            if self.mentions is not None:
                thread, unchecked[network] = self.mentions.annotated(thread, network)
            threads[network] = thread
        return Splits(self.text, threads, unchecked)


@dataclass(frozen=True)
class Splits:
    """The essay's threads per network: a thread, or the reason there is none."""

    text: str
    threads: dict[Network, Thread | str]
    unchecked: dict[Network, set[str]] = field(default_factory=dict)  # handles to look up


class SplitKeeper:
    """Runs an editor's splits and hands each one that matches the essay, as it
    stands when the split ends, to `deliver` (on the UI thread)."""

    def __init__(
        self,
        screen: Screen[None],
        length: Callable[[], int],
        prepare: Callable[[], SplitJob],
        deliver: Callable[[Splits], None],
        busy: Callable[[bool], None] = lambda busy: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._screen = screen
        self._clock = clock  # monotonic seconds (a test's own clock decides when typing pauses)
        self._length = length  # the essay's length in characters, cheaply
        self._prepare = prepare  # called on the UI thread: the essay as it stands
        self._deliver = deliver
        self._busy = busy  # told when the preview starts and stops lagging behind
        self._asked = 0  # requests so far: each change of the essay or the settings is one
        self._shown = 0  # the request whose threads are on show
        self._worker: Worker[Splits | None] | None = None
        self._worker_asked = 0  # the request the running worker is splitting for
        self._quiet: Timer | None = None
        self._changed_at = 0.0  # the essay's last change, by the clock
        self._behind = False  # told to `busy` last
        self._started = 0.0  # when the running split started (monotonic seconds)
        self._took = 0.0  # how long the last split that finished took
        self._switch_interval = sys.getswitchinterval()

    @property
    def caught_up(self) -> bool:
        """Whether the threads on show are the essay's as it stands."""
        return self._shown == self._asked

    def request(self, in_background: bool | None = None) -> None:
        """Split the essay as it stands: at once if it is short (or `in_background` is
        False); else in a worker thread, once the typing pauses (at once if True)."""
        self._asked += 1
        at_once = in_background is True  # the first, with nothing on show
        if in_background is None:
            in_background = self._length() > SPLIT_IN_FRAME_UP_TO
        if not in_background:  # a split under way, if any, is stale: it stops
            self._shown = self._asked
            self._lagging(False)
            self._deliver(self._prepare().run(stale=lambda: False))
        elif at_once and self._worker is None:
            self._start(self._prepare())
        else:
            self._lagging(True)
            self._start_when_quiet()

    def _lagging(self, behind: bool) -> None:
        if behind != self._behind:
            self._behind = behind
            self._busy(behind)

    def _quiet_for(self) -> float:
        return min(QUIET_AT_MOST, max(QUIET, self._took / 2))

    def _start_when_quiet(self) -> None:
        self._changed_at = self._clock()
        if self._quiet is None:
            self._quiet = self._screen.set_timer(self._quiet_for(), self._start_latest)

    def _start_latest(self) -> None:
        # The timer only wakes the keeper: the clock says whether the typing has paused
        # (a key since the timer was set puts the split off by what remains of the pause).
        remaining = self._quiet_for() - (self._clock() - self._changed_at)
        if remaining > 0:
            self._quiet = self._screen.set_timer(remaining, self._start_latest)
            return
        self._quiet = None
        if self._worker is None and not self.caught_up:  # else its end starts the next
            self._start(self._prepare())

    def _start(self, job: SplitJob) -> None:
        asked = self._worker_asked = self._asked

        def stale() -> bool:  # read from the worker thread: an int, set on the UI thread
            return self._asked != asked

        def split() -> Splits | None:
            from threadsmith.threading.splitter import Abandoned  # loaded by now

            try:
                return job.run(stale)
            except Abandoned:
                return None

        self._lagging(True)
        self._started = self._clock()
        # The worker hands the interpreter back to the UI thread every half millisecond
        # (not every 5): a key waits that long, not longer, to be handled.
        sys.setswitchinterval(WORKER_SWITCH_INTERVAL)
        self._worker = self._screen.run_worker(
            split, name="split", group="split", thread=True, exit_on_error=False
        )

    def finished(self, event: Worker.StateChanged) -> bool:
        """Take a worker's end (the screen passes on each `Worker.StateChanged`); True if
        the worker was a split. Its threads are shown if the essay has not changed since."""
        worker = event.worker
        if worker is not self._worker:
            return False
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return True
        self._worker = None
        sys.setswitchinterval(self._switch_interval)
        if event.state == WorkerState.ERROR and worker.error is not None:
            raise worker.error  # a bug in the engine: as loud as on the UI thread
        splits = worker.result if event.state == WorkerState.SUCCESS else None
        if splits is not None:
            self._took = self._clock() - self._started
        if splits is not None and self._worker_asked == self._asked:
            self._shown = self._asked
            self._lagging(False)
            self._deliver(splits)
        elif not self.caught_up and self._quiet is None:
            self._start_when_quiet()
        return True
