"""How far people read a published draft: a tab per thread (each network it went to),
each post's counts with a bar of its reach, and the read-through.

The last reading kept is shown at once. Networks that are free to read (Bluesky,
Mastodon) are read when the screen opens if they never were, and again on
Refresh; a network that bills each read (X) only when the person asks, after a
dialog that says what it will cost. Reading happens in a thread worker, whose
results come back as messages; a network that refuses says so in its own tab,
and the others still show.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from threadsmith import costs, stats
from threadsmith.errors import ThreadsmithError
from threadsmith.network import Network
from threadsmith.store import Fetch
from threadsmith.tui.base import AppScreen
from threadsmith.tui.widgets.dialogs import Ask, Confirm
from threadsmith.tui.widgets.post_chart import PostChart


class StatsScreen(AppScreen[None]):
    HELP_TITLE = "a published draft's statistics"
    HELP_ROWS = (("Tab / ←→", "another network's thread (when it went to several)"),)
    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="stats.refresh",
                tooltip="Read the counts again from the networks that are free to read"),
        Binding("p", "paid_refresh", "Paid refresh", id="stats.paid",
                tooltip="Read the counts from a network that bills each read (asks first)"),
        Binding("v", "appview", "AppView", id="stats.appview",
                tooltip="Read Bluesky from another AppView (a self-hosted one), kept"),
        Binding("escape", "back", "Back", id="stats.back", tooltip="Back to the library"),
    ]  # fmt: skip

    @dataclass
    class Read(Message):
        """A thread's counts were read and kept."""

        key: str
        fetch: Fetch

    @dataclass
    class Refused(Message):
        """The network would not give a thread's counts: `error` says why, in a line."""

        key: str
        error: str

    class Finished(Message):
        """The worker has read everything it was given."""

    def __init__(self, draft_id: int) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.threads: dict[str, stats.Thread] = {}  # by thread key, in the tabs' order
        self.reading = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="stats-status", markup=False)
        yield TabbedContent(id="stats-tabs")
        yield Footer()

    async def on_mount(self) -> None:
        draft = self.store.draft(self.draft_id)
        self.sub_title = f"Statistics of “{draft.title}”"
        found = stats.threads_of_draft(self.store, self.draft_id)
        self.threads = {thread.key: thread for thread in found}
        tabs = self.query_one(TabbedContent)
        for index, thread in enumerate(found):
            assert thread.network.metrics is not None
            posts = self.store.run_posts(thread.run_id) if thread.run_id is not None else []
            texts = {post.number: post.text for post in posts}
            chart = PostChart(thread.network.metrics.fields, texts, id=f"chart-{index}")
            await tabs.add_pane(TabPane(thread.name, chart, id=f"thread-{index}"))
        unread = []
        for thread in found:
            kept = self.store.latest_fetch(thread.key)
            self._show(thread, kept)
            if kept is None and stats.billed(self.store, thread) is None:
                unread.append(thread)
        if not found:
            self._status("This draft has not been published yet.")
        elif unread:
            self._read(unread)
        else:
            self._status("")
        if found:
            self.query_one(PostChart).query_one(DataTable).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """p only where a network bills reads; v only where a thread's network can be read
        from another server (Bluesky's AppView)."""
        if action == "paid_refresh":
            return any(stats.billed(self.store, t) for t in self.threads.values())
        if action == "appview":
            return self._read_elsewhere() is not None
        return True

    def _read_elsewhere(self) -> Network | None:
        """The network of a thread here whose counts can be read from another server."""
        found = (t.network for t in self.threads.values() if stats.read_from(t.network))
        return next(found, None)

    def action_appview(self) -> None:
        network = self._read_elsewhere()
        chosen = stats.read_from(network) if network is not None else None
        if network is None or chosen is None:
            return

        def keep(answer: str | None) -> None:
            if answer is None:
                return
            try:
                kept = stats.set_server(self.store, network, answer)
            except ThreadsmithError as error:
                self.notify(str(error), title="Not changed", severity="error", markup=False)
                return
            now, why = stats.server_in_use(self.store, network)
            said = f"{network.display_name} is read from {now} ({why})"
            if kept is not None and now != kept:  # the environment says otherwise
                said += f"; {kept} is kept for when it is not set"
            self.notify(said + ".", markup=False)
            for thread in self.threads.values():  # the notes say where from
                self._show(thread, self.store.latest_fetch(thread.key))
            self.action_refresh()

        title = (
            f"Read {network.display_name} from which {chosen.label}? (empty: {chosen.default_said})"
        )
        kept = stats.kept_server(self.store, network) or ""
        self.app.push_screen(Ask(title, "https://appview.example", kept), keep)

    def action_refresh(self) -> None:
        free = [t for t in self.threads.values() if stats.billed(self.store, t) is None]
        if not free:
            self.notify("Every network here bills each read: p reads them.", markup=False)
            return
        self._read(free)

    def action_paid_refresh(self) -> None:
        billed = [(t, bill) for t in self.threads.values() if (bill := stats.billed(self.store, t))]
        if not billed:
            self.notify("No network here bills for reading: r reads them all.", markup=False)
            return
        if self.reading:
            return
        said = [
            f"{thread.name}: "
            + costs.read_cost_summary(thread.network.display_name, table, len(thread.posts))
            + "."
            for thread, (table, _) in billed
        ]
        total = sum((cost for _, (_, cost) in billed), start=Decimal(0))
        question = "Read the counts now? It is billed:\n\n" + "\n".join(said)

        def answer(sure: bool | None) -> None:
            if sure:
                self._read([thread for thread, _ in billed])

        yes = f"Read (about {costs.dollars(total)})"
        self.app.push_screen(Confirm(question, yes=yes, no="Not now"), answer)

    def action_back(self) -> None:
        self.app.pop_screen()

    def _read(self, threads: list[stats.Thread]) -> None:
        if self.reading:
            self.notify("Already reading: a moment.", markup=False)
            return
        self.reading = True
        names = ", ".join(thread.network.display_name for thread in threads)
        self._status(f"Reading {names}…")
        self._read_in_worker(threads)

    @work(thread=True, group="stats")
    def _read_in_worker(self, threads: list[stats.Thread]) -> None:
        for thread in threads:
            try:
                fetch = stats.read(self.store, thread)
            except ThreadsmithError as error:
                self.post_message(self.Refused(thread.key, str(error)))
                continue
            self.post_message(self.Read(thread.key, fetch))
        self.post_message(self.Finished())

    @on(Read)
    def _fetched(self, message: Read) -> None:
        self._show(self.threads[message.key], message.fetch)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        thread = self.threads[message.key]
        kept = self.store.latest_fetch(thread.key)
        shown = " (the last reading kept is shown)" if kept else ""
        self._show(thread, kept, f"⚠ Not read now: {message.error}{shown}")
        self.notify(f"{thread.name}: {message.error}", severity="error", markup=False)

    @on(Finished)
    def _finished(self) -> None:
        self.reading = False
        self._status("")

    def _show(self, thread: stats.Thread, fetch: Fetch | None, problem: str = "") -> None:
        index = list(self.threads).index(thread.key)
        notes = [problem] if problem else []
        bill = stats.billed(self.store, thread)
        if bill is not None:
            table, _ = bill
            said = costs.read_cost_summary(thread.network.display_name, table, len(thread.posts))
            notes.append(f"Not read by itself: {said}. p reads it.")
        if fetch is not None:
            notes.append("Replies are by others: the thread's own next post is not counted.")
        if chosen := stats.read_from(thread.network):
            url, why = stats.server_in_use(self.store, thread.network)
            notes.append(f"Read from {url} ({why}): v reads from another {chosen.label}.")
        self.query_one(f"#chart-{index}", PostChart).show(fetch, "\n".join(notes))

    def _status(self, text: str) -> None:
        status = self.query_one("#stats-status", Static)
        status.update(text)
        status.display = bool(text)
