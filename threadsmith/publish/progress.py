"""What a publish run says as it goes (`threadsmith.publish.run`'s `on_event`): small
values the command line, the app and the scheduler's log each show their own way; and
how it waits, counting down visibly, stopping when asked to (`Pacing`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from threadsmith.errors import Cancelled
from threadsmith.journal import PostRef

UNKNOWN_RESET_WAIT = 60.0  # seconds, when a 429 names no reset time


@dataclass(frozen=True)
class Sending:
    number: int
    total: int


@dataclass(frozen=True)
class Uploading:
    """Post `number`'s `nth` image goes up, before the posts that carry it are sent."""

    number: int
    nth: int

    def said(self) -> str:
        return f"uploading image {self.nth} of post {self.number}…"


@dataclass(frozen=True)
class Committing:
    """Posts `first` to `last` (of `total`) go out together, in one request (a Bluesky
    commit): all of them or none."""

    first: int
    last: int
    total: int

    def said(self) -> str:
        if self.first == self.last:
            return f"sending post {self.first}/{self.total}…"
        return f"sending posts {self.first}–{self.last}/{self.total} at once…"


@dataclass(frozen=True)
class Sent:
    number: int
    total: int
    ref: PostRef
    earlier: bool = False  # sent by a previous run, found in the journal


@dataclass(frozen=True)
class Waiting:
    """The next attempt at post `number` is `seconds_left` away: rate-limited, or (with
    `why`, what went wrong: "X did not answer within 60 s …") trying again."""

    number: int
    seconds_left: float
    why: str = ""

    def said(self) -> str:
        """The wait in words: "post 3 in 12 s (rate-limited)…", or why it tries again."""
        left = int(self.seconds_left + 0.999)
        if not self.why:
            return f"rate-limited: post {self.number} in {left} s…"
        return f"post {self.number}: {self.why}; trying again in {left} s…"


@dataclass(frozen=True)
class Failed:
    number: int
    message: str


@dataclass(frozen=True)
class Finished:
    first: PostRef
    total: int


Event = Sending | Uploading | Committing | Sent | Waiting | Failed | Finished


class Pacing:
    """Waiting with a visible countdown, and stopping when asked to."""

    def __init__(
        self,
        on_event: Callable[[Event], None],
        cancel: threading.Event | None,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> None:
        self.on_event = on_event
        self._cancel = cancel
        self._sleep = sleep
        self._clock = clock

    def check_cancel(self, number: int) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise Cancelled(
                f"publishing stopped before post {number}: run the same command again to resume"
            )

    def wait_until(self, reset_at: float | None, number: int, why: str = "") -> None:
        """Wait for a rate limit's reset (or, with `why`, to try again), counting down."""
        until = reset_at if reset_at is not None else self._clock() + UNKNOWN_RESET_WAIT
        while (left := until - self._clock()) > 0:
            self.on_event(Waiting(number, left, why))
            self.check_cancel(number)
            self._sleep(min(1.0, left))
        self.check_cancel(number)

    def pause(self, seconds: float, number: int, why: str) -> None:
        self.wait_until(self._clock() + seconds, number, why)
