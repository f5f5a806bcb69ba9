"""The publish screen's run: each network's run sent in a thread of its own, all at once
(`threadsmith.publish.together`), each by its publisher (its API's, or by hand through
the walk-through); what happens comes back to the screen as messages."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Button, Static
from textual.worker import Worker

from threadsmith import publish
from threadsmith.errors import ByHand, ThreadsmithError
from threadsmith.network import Account, Network, Publisher
from threadsmith.publish.together import each_network
from threadsmith.store import Run
from threadsmith.tui.screens.assist import AppGuide
from threadsmith.tui.widgets.publish_progress import PublishProgress, PublishSummary

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


def started_runs(
    screen: PublishScreen, plan: publish.Plan, again: bool
) -> list[tuple[Account, Run]]:
    """Each account's run journalled (`publish.start`), those published meanwhile from
    elsewhere left out; none when one cannot be (said in a notification)."""
    runs = []
    for target in plan.targets:
        try:
            started = publish.start(screen.store, plan, target, again=again)
        except ThreadsmithError as error:
            screen.notify(str(error), severity="error", markup=False)
            return []
        if started.run is None:  # published meanwhile, from elsewhere
            screen.notify(f"{target.account.name}: published already.", markup=False)
            continue
        runs.append((target.account, started.run))
    return runs


def show_running(screen: PublishScreen, runs: list[tuple[Account, Run]]) -> None:
    """The progress in place of the choices and preview: a row per post, a line per
    network; Cancel offered, Publish not, until the runs stop."""
    screen.walked = {run.id for account, run in runs if account.key in screen.by_hand}
    table, summary = screen.query_one(PublishProgress), screen.query_one(PublishSummary)
    networks = [account.network for account, _ in runs]
    table.show_runs(
        [(row_label(screen, account, networks), run, screen.store.run_posts(run.id))
         for account, run in runs]
    )  # fmt: skip
    summary.show_runs(
        [(screen.shown(account), run, screen.store.run_posts(run.id)) for account, run in runs]
    )
    table.display = summary.display = True
    screen.query_one("#publish-preview").display = False
    screen.add_class("-progress")  # the progress takes the whole width: while it runs, and
    # after if every thread went out (F5 brings the choices back, as a failure does)
    screen.query_one("#publish-status", Static).update("Publishing…")
    screen.running = screen.threadsmith.publishing = True
    screen.refresh_bindings()
    screen.cancel_flag.clear()
    screen.query_one("#go", Button).disabled = True
    screen.query_one("#stop", Button).disabled = False


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


def show_progress(screen: PublishScreen, message: Progress) -> None:
    """An event of a run, shown: on its rows and its network's line, and in the
    walk-through when it is that run's (another network's end is not its own)."""
    event = message.event
    walk = screen.walk_through
    if walk is not None and walk.is_attached and message.run_id in screen.walked:
        walk.progress(event)
    screen.query_one(PublishProgress).apply(message.run_id, event)
    screen.query_one(PublishSummary).apply(message.run_id, event)
    if isinstance(event, publish.Finished):
        screen.refresh_bindings()  # a link to copy


def show_stopped(screen: PublishScreen, message: Stopped) -> None:
    """Every run stopped: the links below when all went out; else the choices again, to
    resume, with what went wrong (each network's line stays below)."""
    if screen.walk_through is not None:
        screen.walk_through.close()
    screen.walk_through = None
    screen.running = screen.threadsmith.publishing = False
    screen.query_one("#go", Button).disabled = False
    screen.query_one("#stop", Button).disabled = True
    status = screen.query_one("#publish-status", Static)
    if message.error:
        screen.choices_again()
        status.update(f"⚠ {message.error}")
        screen.notify(message.error, title="Publishing stopped", severity="error", markup=False)
    else:  # no toast: it would cover the links
        status.update("Published: the links are below.")
    screen.refresh_bindings()


def copy_links(screen: PublishScreen) -> None:
    """Every thread published on the screen, one link a line, to the clipboard (OSC 52)."""
    links = screen.query_one(PublishSummary).links
    if not links:
        screen.notify("Nothing published yet.", markup=False)
        return
    screen.app.copy_to_clipboard("\n".join(links))
    screen.notify(f"Copied {len(links)} thread link(s).", markup=False)
