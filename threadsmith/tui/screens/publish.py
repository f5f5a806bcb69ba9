"""Publish a draft: choose accounts, read the final posts, confirm, watch each post go out.

The network work runs in a Textual thread worker through `threadsmith.publish`,
the same journal-driven run as the CLI: cancel stops between posts, and an
unfinished run is resumed, never restarted.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Footer, Header, Static

from threadsmith import publish
from threadsmith.errors import ThreadsmithError
from threadsmith.platforms.base import Outgoing
from threadsmith.store import Account, Store
from threadsmith.threading import Thread
from threadsmith.tui.drafts import draft_key, settings_of
from threadsmith.tui.widgets.dialogs import Confirm


class PublishScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+enter,f5", "publish", "Publish", id="publish.go", tooltip="Publish now"),
        Binding("escape", "back", "Back", id="publish.back", tooltip="Back to the editor"),
        Binding("ctrl+c", "cancel", "Cancel", id="publish.cancel", tooltip="Stop after this post"),
        Binding("a", "app.accounts", "Accounts", id="publish.accounts", tooltip="Add an account"),
    ]

    def __init__(self, draft_id: int) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.cancel_flag = threading.Event()
        self.running = False
        self.listed: list[Account] = []

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="publish"):
            with Vertical(id="publish-choices"):
                yield Static("Publish to", classes="section-title")
                yield Vertical(id="account-choices")
                yield Static("", id="publish-status", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Publish", variant="primary", id="go")
                    yield Button("Cancel", id="stop", disabled=True)
            with VerticalScroll(id="publish-preview"):
                yield Static("", id="preview-text", markup=False)
            yield DataTable(id="progress", cursor_type="row")
        yield Footer()

    async def on_mount(self) -> None:
        draft = self.store.draft(self.draft_id)
        self.sub_title = f"Publish “{draft.title}”"
        await self._list_accounts()
        table = self.query_one("#progress", DataTable)
        table.add_column("Account", key="account")
        table.add_column("Post", key="post")
        table.add_column("State", key="state")
        table.display = False
        self._show_preview()

    async def on_screen_resume(self) -> None:
        if self.is_mounted and self.store.accounts() != self.listed:  # one was added
            await self._list_accounts()
            self._show_preview()

    async def _list_accounts(self) -> None:
        choices = self.query_one("#account-choices", Vertical)
        ticked = {box.name for box in choices.query(Checkbox) if box.value}
        await choices.remove_children()
        known = self.listed = self.store.accounts()
        if not known:
            await choices.mount(Static("No accounts yet: press a to add one."))
        for account in known:
            name = f"{'X' if account.platform == 'x' else 'Bluesky'} @{account.handle}"
            unfinished = self.store.open_run(
                draft_key(self.draft_id), account.platform, account.handle
            )
            if unfinished is not None:
                sent = sum(p.state == "sent" for p in self.store.run_posts(unfinished.id))
                name += f" (resume: {sent} sent)"
            value = unfinished is not None or _key(account) in ticked
            await choices.mount(Checkbox(name, value=value, name=_key(account)))
        boxes = choices.query(Checkbox)
        if boxes:  # keyboard first: Space ticks an account, F5 publishes
            self.call_after_refresh(boxes.first().focus)

    @on(Checkbox.Changed)
    def _show_preview(self) -> None:
        parts = []
        for account in self.chosen():
            thread = self._thread(account.platform)
            if thread is None:
                continue
            parts.append(f"── {account.platform} @{account.handle}: {len(thread.posts)} posts ──")
            parts += [f"[{p.number}] {p.length}/{p.limit}\n{p.text}\n" for p in thread.posts]
        self.query_one("#preview-text", Static).update(
            "\n".join(parts) or "Choose one or more accounts to see the posts as they will go out."
        )

    def chosen(self) -> list[Account]:
        picked = {box.name for box in self.query(Checkbox) if box.value}
        return [a for a in self.store.accounts() if _key(a) in picked]

    def _thread(self, platform: str) -> Thread | None:
        draft = self.store.draft(self.draft_id)
        settings = settings_of(draft)
        try:
            return settings.split(draft.body, platform)
        except ThreadsmithError as error:
            self.notify(str(error), severity="error", markup=False)
            return None

    @on(Button.Pressed, "#go")
    def action_publish(self) -> None:
        targets = self.chosen()
        if self.running or not targets:
            if not targets:
                self.notify("Choose at least one account.", severity="warning", markup=False)
            return
        parts = []
        for account in targets:
            unfinished = self.store.open_run(
                draft_key(self.draft_id), account.platform, account.handle
            )
            thread = self._thread(account.platform)
            if unfinished is not None:
                parts.append(f"resume @{account.handle}")
            elif thread is not None:
                parts.append(f"{len(thread.posts)} posts to @{account.handle}")

        def start(sure: bool | None) -> None:
            if sure:
                self._start(targets)

        question = "Publish " + " and ".join(parts) + "?"
        self.app.push_screen(
            Confirm(question, yes="Publish", no="Not yet", default_yes=True), start
        )

    def _start(self, targets: list[Account]) -> None:
        runs = []
        for account in targets:
            run = self.store.open_run(draft_key(self.draft_id), account.platform, account.handle)
            if run is None:
                thread = self._thread(account.platform)
                if thread is None or not thread.posts:
                    return
                posts = [Outgoing(p.number, p.text, p.media) for p in thread.posts]
                run = self.store.create_run(
                    draft_key(self.draft_id), account.platform, account.handle, posts
                )
            runs.append((account, run.id))
        table = self.query_one("#progress", DataTable)
        table.clear()
        for account, run_id in runs:
            for post in self.store.run_posts(run_id):
                state = "sent " + post.ref.url if post.ref else "pending"
                table.add_row(
                    Text(account.handle),
                    str(post.number),
                    Text(state),
                    key=f"{run_id}:{post.number}",
                )
        table.display = True
        self.query_one("#publish-preview").display = False
        self.running = True
        self.cancel_flag.clear()
        self.query_one("#go", Button).disabled = True
        self.query_one("#stop", Button).disabled = False
        self._publish(runs)

    @work(thread=True, exclusive=True, group="publish")
    def _publish(self, runs: list[tuple[Account, int]]) -> None:
        factory = self.app.publisher_factory  # type: ignore[attr-defined]
        for account, run_id in runs:

            def report(event: publish.Event, run_id: int = run_id) -> None:
                self.app.call_from_thread(self._event, run_id, event)

            try:
                publisher = factory(account)
                try:
                    publish.run(
                        self.store, run_id, publisher, cancel=self.cancel_flag, on_event=report
                    )
                finally:
                    publisher.close()
            except ThreadsmithError as error:
                self.app.call_from_thread(self._stopped, str(error))
                return
        self.app.call_from_thread(self._stopped, None)

    def _event(self, run_id: int, event: publish.Event) -> None:
        table = self.query_one("#progress", DataTable)
        status = self.query_one("#publish-status", Static)
        if isinstance(event, publish.Sending):
            table.update_cell(f"{run_id}:{event.number}", "state", "sending…", update_width=True)
        elif isinstance(event, publish.Sent):
            table.update_cell(
                f"{run_id}:{event.number}",
                "state",
                Text(f"sent {event.ref.url}"),
                update_width=True,
            )
            status.update(f"Sent {event.number} of {event.total}.")
        elif isinstance(event, publish.Waiting):
            status.update(
                f"Rate-limited: post {event.number} in {int(event.seconds_left + 0.999)} s…"
            )
        elif isinstance(event, publish.Failed):
            table.update_cell(
                f"{run_id}:{event.number}",
                "state",
                Text(f"failed: {event.message}"),
                update_width=True,
            )
        elif isinstance(event, publish.Finished):
            status.update(f"Done: {event.first.url}")

    def _stopped(self, error: str | None) -> None:
        self.running = False
        self.query_one("#go", Button).disabled = False
        self.query_one("#stop", Button).disabled = True
        if error:
            self.query_one("#publish-status", Static).update(f"⚠ {error}")
            self.notify(error, title="Publishing stopped", severity="error", markup=False)
        else:
            self.notify("Published.", title="Done", markup=False)

    @on(Button.Pressed, "#stop")
    def action_cancel(self) -> None:
        if self.running:
            self.cancel_flag.set()
            self.query_one("#publish-status", Static).update("Stopping after the current post…")

    def action_back(self) -> None:
        if self.running:
            self.notify("Publishing is running: cancel it first.", severity="warning", markup=False)
            return
        self.app.pop_screen()


def _key(account: Account) -> str:
    return f"{account.platform}:{account.handle}"
