"""Publish a draft: choose accounts, read the final posts, confirm, watch each post go out;
or schedule it for a set time.

Planning is `threadsmith.publish.plan`, as for `thread publish`: every image is
checked before anything is sent, an unfinished run is resumed (never restarted),
and a thread these accounts already published needs a confirmation that names
it. Each ticked network's publish options (who may reply, Mastodon's visibility…) are
chosen in `PublishOptionsForm`, pre-filled from the front matter, as `thread publish`'s
flags give them; the preview says what a network cannot do of them. The posts go out
in a thread worker through the same journalled run as the command line; its progress
comes back as messages. Cancel stops between posts. "Schedule…" journals the same
posts to go out at a set time.

Each network's run goes out at the same time as the others' (`publish.together`),
each in order; while they do, the progress takes the whole width: a row per post
(with the start of its text), then a line per network, and each thread's link whole
on a line of its own once it is out (c copies them all).

Each network that can be published to by hand (X) is offered as such ("X
(assisted)"), with or without an account: its run is walked through post by post
in `threadsmith.tui.screens.assist`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Static
from textual.worker import get_current_worker

from threadsmith import publish
from threadsmith.accounts import refresh_all
from threadsmith.drafts import draft_folder, draft_key, settings_of
from threadsmith.errors import ThreadsmithError
from threadsmith.essay import options_in_front_matter
from threadsmith.network import Account, Network
from threadsmith.store import Run
from threadsmith.tui import schedule_actions
from threadsmith.tui.base import AppScreen
from threadsmith.tui.run_actions import abandon
from threadsmith.tui.screens.account_choices import (
    account_choices,
    ticked_accounts,
    ticked_networks,
)
from threadsmith.tui.screens.assist import AppGuide, WalkThrough
from threadsmith.tui.screens.publish_run import (
    Progress,
    RunStopped,
    Stopped,
    copy_links,
    send_runs,
    show_progress,
    show_running,
    show_stopped,
    started_runs,
)
from threadsmith.tui.widgets.dialogs import Confirm
from threadsmith.tui.widgets.publish_options import PublishOptionsForm
from threadsmith.tui.widgets.publish_preview import confirmation, preview_text
from threadsmith.tui.widgets.publish_progress import PublishProgress, PublishSummary


class PublishScreen(AppScreen[None]):
    HELP_TITLE = "publishing"
    BINDINGS = [
        Binding("escape", "back", "Back", id="publish.back", tooltip="Back to the editor"),
        # Cancel shows while posts go out, Copy links once one is out, Publish otherwise
        Binding("ctrl+c", "cancel", "Cancel", id="publish.cancel", tooltip="Stop after this post"),
        Binding(
            "c", "copy_links", "Copy links", id="publish.copy",
            tooltip="Copy the links of the threads published",
        ),
        Binding("ctrl+enter,f5", "publish", "Publish", id="publish.go", tooltip="Publish now"),
        Binding(
            "f6", "schedule", "Schedule", id="publish.schedule",
            tooltip="Publish at a set time instead",
        ),
        Binding("a", "app.accounts", "Accounts", id="publish.accounts", tooltip="Add an account"),
        Binding(
            "delete", "abandon", "Abandon", id="publish.abandon", show=False,
            tooltip="Give up the unfinished run of the ticked accounts for good",
        ),
    ]  # fmt: skip

    def __init__(self, draft_id: int) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.cancel_flag = threading.Event()
        self.running = False
        self.listed: list[Account] = []
        self.by_hand: set[str] = set()  # the keys of the chosen accounts published by hand
        self.walk_through: WalkThrough | None = None
        self.walked: set[int] = set()  # the runs published by hand (through the walk-through)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="publish"):
            with VerticalScroll(id="publish-choices"):
                yield Static("Publish to", classes="section-title")
                yield Vertical(id="account-choices")
                body = self.store.draft(self.draft_id).body
                yield PublishOptionsForm(options_in_front_matter(body), id="publish-options")
                yield Static("", id="publish-status", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Publish", variant="primary", id="go")
                    yield Button("Schedule…", id="schedule")
                    yield Button("Cancel", id="stop", disabled=True)
            with VerticalScroll(id="publish-preview"):
                yield Static("", id="preview-text", markup=False)
            yield PublishProgress(id="progress")
        yield PublishSummary(id="publish-summary")
        yield Footer()

    async def on_mount(self) -> None:
        draft = self.store.draft(self.draft_id)
        self.sub_title = f"Publish “{draft.title}”"
        await self._list_accounts()
        self.query_one(PublishProgress).display = False
        self.query_one(PublishSummary).display = False
        self._show_preview()
        self._refresh_limits()

    @work(thread=True, group="limits")
    def _refresh_limits(self) -> None:
        """The servers' limits as they are now (an instance may have changed its own since
        the login): the preview is drawn again if one did."""
        changed, problems = refresh_all(self.store, self.listed)
        for line in problems:
            self.app.call_from_thread(self.notify, line, severity="warning", markup=False)
        if changed:
            self.app.call_from_thread(self._limits_changed)

    def _limits_changed(self) -> None:
        if self.is_attached and not self.running:  # still shown, and nothing sent yet
            self._show_preview()

    async def on_screen_resume(self) -> None:
        if self.is_mounted and self.store.accounts() != self.listed:  # one was added
            await self._list_accounts()
            self._show_preview()

    async def _list_accounts(self) -> None:
        choices = self.query_one("#account-choices", Vertical)
        ticked = {box.name or "" for box in choices.query(Checkbox) if box.value}
        await choices.remove_children()
        self.listed = self.store.accounts()
        await choices.mount_all(
            account_choices(self.store, self.listed, draft_key(self.draft_id), ticked)
        )
        self.query_one(PublishOptionsForm).show_for(self._ticked_networks())
        boxes = choices.query(Checkbox)
        choices.styles.min_height = len(boxes)  # the options below never hide an account
        if boxes:  # keyboard first: Space ticks an account, F5 publishes; focused before
            boxes.first().focus()  # the list is drawn, so a Space as it shows is not lost

    def chosen(self) -> list[Account]:
        """The ticked accounts; by hand, the account it would be (kept in `by_hand`)."""
        chosen, self.by_hand = ticked_accounts(self.store, self._picked(), self.draft_id)
        return chosen

    def _picked(self) -> list[str]:
        """The names of the ticked boxes, in their order (an account's key, or by hand)."""
        boxes = self.query("#account-choices Checkbox").results(Checkbox)
        return [box.name or "" for box in boxes if box.value]

    def shown(self, account: Account) -> str:
        assisted = account.network.assisted
        return assisted.name(account) if account.key in self.by_hand and assisted else account.name

    def publish_choices(self) -> dict[str, str]:
        """The publish options given in the form, for the networks ticked (they win over
        the front matter, as `thread publish`'s flags do)."""
        return self.query_one(PublishOptionsForm).values_for(self._ticked_networks())

    def _ticked_networks(self) -> list[Network]:
        """The networks of the ticked accounts (by hand too), for the options form."""
        return ticked_networks(self.listed, self._picked())

    def _planned(self, accounts: list[Account]) -> Callable[[], publish.Plan]:
        """Planning for `accounts`, with the options the form shows now, to run in a
        thread: a Bluesky link card reads its page then (a slow site takes seconds), and
        the app never waits for a page."""
        draft = self.store.draft(self.draft_id)
        return partial(
            publish.plan,
            self.store,
            draft.body,
            draft_key=draft_key(self.draft_id),
            base=draft_folder(draft),
            accounts=accounts,
            options=replace(settings_of(draft).options(), publish=self.publish_choices()),
        )

    @on(Checkbox.Changed)
    def _accounts_changed(self) -> None:
        self.query_one(PublishOptionsForm).show_for(self._ticked_networks())
        self._show_preview()

    @on(PublishOptionsForm.Changed)
    def _show_preview(self) -> None:
        """The posts as they will go out, planned in a thread; the screen has the class
        `-planning` until they are shown."""
        self.workers.cancel_group(self, "preview")  # what it planned is not shown
        try:
            chosen = self.chosen()
        except ThreadsmithError as error:  # which account by hand is not clear
            self._previewed(f"⚠ {error}")
            return
        if not chosen:
            self._previewed("Choose one or more accounts to see the posts as they will go out.")
            return
        self.add_class("-planning")
        self.query_one("#publish-preview").border_subtitle = "updating…"
        self._preview(self._planned(chosen))

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, planned: Callable[[], publish.Plan]) -> None:
        try:
            shown = preview_text(self.store, planned(), self.shown, self.by_hand)
        except ThreadsmithError as error:  # an image that cannot go, an essay that cannot split
            shown = f"⚠ {error}"
        if not get_current_worker().is_cancelled:  # a later change plans again
            self.app.call_from_thread(self._previewed, shown)

    def _previewed(self, shown: str) -> None:
        if not self.is_attached:  # left meanwhile
            return
        self.query_one("#preview-text", Static).update(shown)
        self.query_one("#publish-preview").border_subtitle = ""
        self.remove_class("-planning")

    @work(thread=True, exclusive=True, group="plan")
    def _plan_then(
        self,
        planned: Callable[[], publish.Plan],
        then: Callable[[publish.Plan], None],
        failure: str,
    ) -> None:
        """`then(plan)` once planned (in a thread, as the preview is); a plan that cannot
        be made is said under `failure`."""
        try:
            plan = planned()
        except ThreadsmithError as error:
            self.app.call_from_thread(
                self.notify, str(error), title=failure, severity="error", markup=False
            )
            return
        if not get_current_worker().is_cancelled:  # pressed again meanwhile: that one goes on
            self.app.call_from_thread(then, plan)

    def choices_again(self) -> bool:
        """After every thread went out, the progress fills the screen: F5 brings the choices
        back first (returns True then), with the preview of what they would do."""
        if self.running or not self.has_class("-progress"):
            return False
        self.remove_class("-progress")
        self.query_one(PublishProgress).display = False
        self.query_one("#publish-preview").display = True
        self._show_preview()
        self.refresh_bindings()
        return True

    @on(Button.Pressed, "#go")
    def action_publish(self) -> None:
        if self.choices_again():
            return
        accounts = self._accounts_to_use()
        if accounts:
            self._plan_then(self._planned(accounts), self._confirm, "Cannot publish")

    def _confirm(self, plan: publish.Plan) -> None:
        if self.running or not self.is_attached:
            return
        for target in plan.targets:
            if (scheduled := publish.waits_for_schedule(target)) is not None:
                self.notify(
                    f"{target.account.name}: this thread is scheduled (schedule "
                    f"{scheduled.schedule_id}): cancel or move it in the library first.",
                    title="Scheduled", severity="warning", markup=False,
                )  # fmt: skip
                return
        question, again = confirmation(self.store, plan, self.shown)
        yes = "Publish again" if again else "Publish"

        def start(sure: bool | None) -> None:
            if sure:
                self._start(plan, again=again)

        self.app.push_screen(Confirm(question, yes=yes, no="Not yet", default_yes=not again), start)

    @on(Button.Pressed, "#schedule")
    def action_schedule(self) -> None:
        """Journal the ticked accounts' posts, as shown, to go out at a time to choose."""
        accounts = self._accounts_to_use()
        if accounts:
            self._plan_then(self._planned(accounts), self._book, "Cannot schedule")

    def _book(self, plan: publish.Plan) -> None:
        async def booked() -> None:
            await self._list_accounts()
            self._show_preview()

        if not self.running and self.is_attached:
            schedule_actions.book(self, plan, self.store.draft(self.draft_id).title, booked)

    def _accounts_to_use(self) -> list[Account]:
        """The ticked accounts, when something may be sent now; else none, and why."""
        try:
            accounts = self.chosen()
        except ThreadsmithError as error:  # which account by hand is not clear
            self.notify(str(error), severity="error", markup=False)
            return []
        if self.running:
            return []
        if not accounts:
            self.notify("Choose at least one account.", severity="warning", markup=False)
        return accounts

    def _start(self, plan: publish.Plan, again: bool) -> None:
        runs = started_runs(self, plan, again)
        if runs:
            show_running(self, runs)
            self._publish(runs)

    @work(thread=True, exclusive=True, group="publish")
    def _publish(self, runs: list[tuple[Account, Run]]) -> None:
        """Each network's run in a thread of its own, all at once (`send_runs`)."""
        send_runs(self, runs, get_current_worker())

    @on(AppGuide.Prompt)
    def _walk(self, prompt: AppGuide.Prompt) -> None:
        walk = self.walk_through
        if walk is None or walk.guide is not prompt.guide or walk.closing:
            walk = self.walk_through = WalkThrough(prompt.guide)
            self.app.push_screen(walk)
        walk.prompt(prompt)

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        show_progress(self, message)

    @on(RunStopped)
    def _run_stopped(self, message: RunStopped) -> None:
        self.query_one(PublishProgress).stopped(message.run_id)  # no row left "sending…"
        self.query_one(PublishSummary).stopped(message.run_id, message.why)

    @on(Stopped)
    def _stopped(self, message: Stopped) -> None:
        show_stopped(self, message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers what can be done now: Cancel while publishing, Publish and
        Schedule when not, Copy links once a thread is out."""
        if action == "cancel":
            return self.running
        if action in ("publish", "schedule"):  # after a publish, F5 brings the choices back
            return not self.running and (action == "publish" or not self.has_class("-progress"))
        if action == "copy_links":
            return any(summary.links for summary in self.query(PublishSummary))
        return super().check_action(action, parameters)

    def action_copy_links(self) -> None:
        copy_links(self)

    @on(Button.Pressed, "#stop")
    def action_cancel(self) -> None:
        if self.running:
            self.cancel_flag.set()
            self.query_one("#publish-status", Static).update("Stopping after the current post…")
            self.query_one(PublishSummary).stopping()  # where it shows while posts go out

    def action_abandon(self) -> None:
        """Give up the ticked accounts' unfinished runs (never resumed afterwards)."""
        if self.running:
            return
        try:
            chosen = self.chosen()
        except ThreadsmithError as error:  # which account by hand is not clear
            self.notify(str(error), severity="error", markup=False)
            return
        abandon(self, draft_key(self.draft_id), chosen, self._refresh)

    async def _refresh(self) -> None:
        await self._list_accounts()
        self._show_preview()

    def action_back(self) -> None:
        if self.running:
            self.notify("Publishing is running: cancel it first.", severity="warning", markup=False)
            return
        self.app.pop_screen()
