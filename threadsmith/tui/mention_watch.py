"""Keeps an editor's post cards told about their @mentions.

A mention a network will misread is flagged on its card as soon as it is typed.
A well-formed handle nobody has asked about is looked up once the author pauses
(not on every keystroke: X allows few lookups a day), in a worker thread, with an
account the user has added; the cards are then refreshed. The handle still being
typed at the cursor waits for the next pause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual.screen import Screen
from textual.timer import Timer

from threadsmith.mentions import MentionChecks
from threadsmith.network import Account, Network
from threadsmith.threading import Thread, ThreadWarning

PAUSE = 1.5  # seconds without a change before new handles are looked up


_TYPED_HANDLE = re.compile(r"[@＠]([\w.-]+)$")


def handle_typed(before_cursor: str) -> str | None:
    """The @handle being typed, if the text before the cursor ends with one."""
    typed = _TYPED_HANDLE.search(before_cursor)
    return typed[1].rstrip(".-") if typed else None


class MentionWatch:
    """Adds mention warnings to a screen's threads and looks up new handles."""

    def __init__(
        self,
        screen: Screen[None],
        checks: MentionChecks,
        refresh: Callable[[], None],
        before_cursor: Callable[[], str],
    ) -> None:
        self._screen = screen
        self._checks = checks
        self._refresh = refresh  # re-split: the cards pick up what was learnt
        self._before_cursor = before_cursor  # the cursor's line, up to the cursor
        self._pending: dict[Network, set[str]] = {}
        self._asked: set[tuple[Network, str]] = set()  # sent to a worker already
        self._timer: Timer | None = None

    def annotated(self, thread: Thread, network: Network) -> tuple[Thread, set[str]]:
        """`thread`, with a warning on each post whose mentions are known to be wrong;
        and the handles in it nobody has asked about yet. Reads only what lookups
        learnt: safe in the worker thread that split the essay."""
        found = []
        unchecked: set[str] = set()  # in the text as it is now: not what was typed on the way
        for post in thread.posts:
            if "@" not in post.text and "＠" not in post.text:
                continue  # no mention (most posts): nothing to ask about
            for problem in self._checks.problems(post.text, network):
                found.append(ThreadWarning("mention", problem, post.number))
            unchecked.update(self._checks.unchecked(post.text, network))
        if found:
            thread = replace(thread, warnings=thread.warnings + tuple(found))
        return thread, unchecked

    def noted(self, network: Network, unchecked: set[str]) -> None:
        """The handles on show for `network` that nobody has asked about: they are
        looked up once the author pauses."""
        self._pending[network] = unchecked
        if any(self._pending.values()):
            if self._timer is not None:
                self._timer.stop()
            self._timer = self._screen.set_timer(PAUSE, self._look_up)

    def _look_up(self) -> None:
        typing = handle_typed(self._before_cursor())
        for network, handles in self._pending.items():
            account = self._checks.account(network)
            asked = sorted(
                handle
                for handle in handles
                if handle != typing and (network, handle) not in self._asked
            )
            if account is not None and asked:
                self._asked.update((network, handle) for handle in asked)
                self._screen.run_worker(
                    partial(self._ask, account, asked),
                    name="mentions",
                    group="mentions",
                    thread=True,
                    exit_on_error=False,
                )
        self._pending.clear()

    def _ask(self, account: Account, handles: list[str]) -> None:
        """In a worker thread: the network calls."""
        reason = self._checks.look_up(account, handles)
        self._screen.app.call_from_thread(self._answered, account.network, reason)

    def _answered(self, network: Network, reason: str | None) -> None:
        if not self._screen.is_attached:
            return  # the editor was closed while the service answered
        if reason:
            self._screen.notify(
                f"@mentions on {network.display_name} are not being checked: {reason}",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self._refresh()
