"""The publish screen's run: each network's run sent in a thread of its own, all at once
(`threadsmith.publish.together`), each by its publisher (its API's, or by hand through
the walk-through); what happens comes back to the screen as messages."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker

from threadsmith import publish
from threadsmith.errors import ByHand, InputError, ThreadsmithError
from threadsmith.network import REPLIES, Account, Network, Publisher
from threadsmith.publish.together import each_network
from threadsmith.store import Run
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.tui.screens.assist import AppGuide

if TYPE_CHECKING:
    from threadsmith.tui.screens.publish import PublishScreen


@dataclass
class Progress(Message):
    """An event of the run `run_id`, from the thread sending it."""

    run_id: int
    event: publish.Event


@dataclass
class RunStopped(Message):
    """The run `run_id` stopped before its end (the others may go on): `why`."""

    run_id: int
    why: str


@dataclass
class Stopped(Message):
    """Every run is done: `error` says why some stopped early, if any did."""

    error: str | None


def send_runs(screen: PublishScreen, runs: list[tuple[Account, Run]], worker: Worker[None]) -> None:
    """(In the screen's worker) each network's runs in a thread of their own, all at once;
    each posts its progress, and at the end `Stopped` says what went wrong, if anything."""

    def send(account: Account, run: Run) -> None:
        def report(event: publish.Event) -> None:
            screen.post_message(Progress(run.id, event))

        publisher = _open(screen, account, run, worker)
        try:
            publish.run(screen.store, run.id, publisher, cancel=screen.cancel_flag, on_event=report)
        finally:
            publisher.close()

    def failed(index: int, error: ThreadsmithError) -> None:
        account, run = runs[index]
        message = f"{screen.shown(account)}: {error}"
        assisted = account.network.assisted
        if isinstance(error, ByHand) and assisted is not None:
            message += f". To go on by hand, tick “{assisted.label}” and publish again"
        said.append(message)
        screen.post_message(RunStopped(run.id, str(error)))

    said: list[str] = []
    tasks = [(account.network.name, functools.partial(send, account, run)) for account, run in runs]
    each_network(tasks, cancel=screen.cancel_flag, on_error=failed)
    screen.post_message(Stopped("; ".join(said) or None))


def _open(screen: PublishScreen, account: Account, run: Run, worker: Worker[None]) -> Publisher:
    """(In a sending thread) the account's publisher: its API's, or by hand through the
    walk-through, which waits for the person until the run is cancelled."""
    assisted = account.network.assisted
    if account.key not in screen.by_hand or assisted is None:
        return screen.threadsmith.publisher_factory(account, run.options)
    guide = AppGuide(
        assisted,
        account.network.display_name,
        len(screen.store.run_posts(run.id)),
        screen,
        lambda: screen.cancel_flag.is_set() or worker.is_cancelled,
    )
    return assisted.open_publisher(account, guide, run.options)


def row_label(screen: PublishScreen, account: Account, networks: list[Network]) -> str:
    """What a progress row says a post goes to: its network; the account too when two of
    that network's are being published to, or it goes by hand."""
    if networks.count(account.network) > 1 or account.key in screen.by_hand:
        return screen.shown(account)
    return account.network.display_name


def asked_in_essay(body: str) -> tuple[str, str]:
    """Who may reply and whether others may quote ("true", "false"), as the essay's front
    matter says."""
    try:
        said = read_front_matter(body).others
    except InputError:
        said = {}  # the preview says what is wrong with the front matter
    replies = said.get("replies", "").strip().lower()
    quotes = said.get("quotes", "").strip().lower() not in ("false", "no", "off")
    return (replies if replies in REPLIES else REPLIES[0]), str(quotes).lower()
