"""Publishing by hand, helped (X without a paid API): the walk-through, post by post.

The run is the publish screen's, in its thread worker, through the network's
assisted publisher; `AppGuide` is how that publisher talks to the person here. Its
calls come from the worker: what to show comes to the screen as messages, and the
worker waits for the answer the dialog gives back (an address, "not published",
or None when the person stops). `WalkThrough` is the dialog: the post and its
length, the images to attach, "Copy" (the terminal's clipboard, OSC 52), "Open in
browser" (the compose page, which opens by itself too), the address field; Esc
stops, and publishing again goes on from the same post. Where no browser opens (a
server, SSH) it says so and shows the compose page's address, to copy (Ctrl+L) and
open elsewhere.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import Button, Footer, Input, Label, Static

from threadsmith import publish
from threadsmith.network import Assisted, Handoff, Network
from threadsmith.store import Store
from threadsmith.tui.base import AppModal
from threadsmith.tui.browser import open_in_browser
from threadsmith.tui.widgets.dialogs import Address

WAIT = 0.1  # seconds between looks at whether the run was stopped, while waiting
ROWS_BESIDE_ADDRESS = 21  # the walk-through's rows but the compose page's address


def unfinished_by_hand(store: Store, draft_key: str, network: Network) -> int | None:
    """How many posts went out in this draft's unfinished run to `network` that no
    account here can resume (so it was published by hand), if there is one."""
    accounts = {account.handle.lower() for account in store.accounts(network)}
    for run in store.runs_for(draft_key):
        if run.network is network and run.status == "open" and run.handle.lower() not in accounts:
            return sum(post.ref is not None for post in store.run_posts(run.id))
    return None


class AppGuide:
    """Implements `threadsmith.network.Guide` for the app; called from the worker."""

    @dataclass
    class Prompt(Message):
        """Something for the walk-through to show: a post (`handoff`), a question, or a
        line saying why an answer was refused (`said`)."""

        guide: AppGuide
        handoff: Handoff | None = None
        number: int = 0  # the post a question is about
        question: str | None = None
        optional: bool = False
        said: str | None = None

    def __init__(
        self,
        assisted: Assisted,
        network: str,
        total: int,
        screen: MessagePump,
        stopped: Callable[[], bool],
    ) -> None:
        self.label = assisted.label  # "X (assisted)"
        self.example = assisted.address_example
        self.network = network  # "X": whose counting and compose page these are
        self.total = total  # posts in the run
        self._screen = screen  # gets the prompts; it shows the walk-through
        self._stopped = stopped  # the run was cancelled, or the app is closing
        self._answers: queue.Queue[str | None] = queue.Queue()

    def show(self, handoff: Handoff) -> None:
        self._screen.post_message(self.Prompt(self, handoff=handoff))

    def ask_address(self, number: int, question: str, *, optional: bool = False) -> str | None:
        prompt = self.Prompt(self, number=number, question=question, optional=optional)
        self._screen.post_message(prompt)
        while not self._stopped():
            try:
                return self._answers.get(timeout=WAIT)
            except queue.Empty:
                continue
        return None

    def say(self, text: str) -> None:
        self._screen.post_message(self.Prompt(self, said=text))

    def answer(self, text: str | None) -> None:
        """The person's answer (from the UI thread): an address, "" or None to stop."""
        self._answers.put(text)


class WalkThrough(AppModal[None]):
    """One post at a time: copy it, open its compose page, paste back its address."""

    BINDINGS = [
        Binding("escape", "stop", "Stop", tooltip="Stop here: publishing again goes on"),
        Binding("ctrl+y", "copy", "Copy", tooltip="Copy the post's text again"),
        Binding("ctrl+o", "open", "Open", tooltip="Open the compose page again"),
        Binding(
            "ctrl+l", "copy_address", "Copy address",
            tooltip="Copy the compose page's address, to open it in a browser elsewhere",
        ),
    ]  # fmt: skip

    def __init__(self, guide: AppGuide) -> None:
        super().__init__(classes="dialog")
        self.guide = guide
        self.network = guide.network
        self.handoff: Handoff | None = None
        self.number = 0  # the post being handed over or asked about
        self.question: str | None = None
        self.optional = False
        self.said = ""
        self.closing = False
        self.browser: bool | None = None  # whether a browser opened the post's page (None: trying)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box walk-through"):
            yield Label("", id="walk-title", classes="dialog-title", markup=False)
            with VerticalScroll(id="walk-post"):
                yield Static("", id="walk-text", markup=False)
            yield Static("", id="walk-about", markup=False)
            with VerticalScroll(id="walk-page"):
                yield Address(id="walk-address")
            yield Static("", id="walk-said", markup=False)
            yield Static("", id="walk-question", markup=False)
            yield Input(placeholder=self.guide.example, id="address")
            with Horizontal(classes="dialog-buttons"):  # compact: a long post still fits 24 rows
                yield Button("Copy", id="copy", compact=True)
                yield Button("Open in browser", id="open", compact=True)
                yield Button("Copy address", id="copy-address", compact=True)
                yield Button("Not published", id="not-published", compact=True)
                yield Button("Stop", variant="error", id="stop", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._refresh()

    def on_resize(self) -> None:
        self._refresh()

    def prompt(self, prompt: AppGuide.Prompt) -> None:
        """Show what the publisher sent; a new post is copied and its page opened."""
        if prompt.handoff is not None:
            self.handoff, self.question, self.said = prompt.handoff, None, ""
            self.number = prompt.handoff.post.number
            self.app.copy_to_clipboard(prompt.handoff.post.text)
            self._open(prompt.handoff)
        if prompt.question is not None:
            self.question, self.optional = prompt.question, prompt.optional
            self.number = prompt.number
        if prompt.said is not None:
            self.said = prompt.said
        if self.is_mounted:
            self._refresh()

    def progress(self, event: publish.Event) -> None:
        """The run's progress: the walk-through ends with its run."""
        if isinstance(event, publish.Finished):
            self.close()

    def close(self) -> None:
        """Dismiss it, once, and only while it is the screen in front."""
        if self.is_current and not self.closing:
            self.closing = True
            self.dismiss()

    def _refresh(self) -> None:
        title = f"{self.guide.label}: post {self.number} of {self.guide.total}"
        self.query_one("#walk-title", Label).update(title if self.number else self.guide.label)
        handoff = self._shown()
        post = self.query_one("#walk-post")
        post.display = handoff is not None
        about = []
        if handoff is not None:
            self.query_one("#walk-text", Static).update(handoff.post.text)
            reply = f"a reply to {handoff.reply_to}" if handoff.reply_to else "the first post"
            about.append(f"{handoff.length} characters as {self.network} counts them; {reply}.")
            about += [
                f"Attach by hand: {m.path} (alt text: {m.alt or 'none'})"
                for m in handoff.post.media
            ]
            about.append(self._page_said())
        shown = self.query_one("#walk-about", Static)
        shown.update("\n".join(about))
        shown.display = bool(about)
        elsewhere = handoff is not None and self.browser is False
        page = self.query_one("#walk-page")
        page.display = elsewhere
        # 3 lines of the address in 24 rows (it scrolls); each row more shows more of it
        page.styles.max_height = max(3, self.app.size.height - ROWS_BESIDE_ADDRESS)
        self.query_one(".walk-through").set_class(elsewhere, "-no-browser")
        if handoff is not None:
            self.query_one(Address).show(handoff.compose_url)
        said = self.query_one("#walk-said", Static)
        said.update(f"⚠ {self.said}" if self.said else "")
        said.display = bool(self.said)
        asking = self.question is not None
        self.query_one("#walk-question", Static).update(f"{self.question}:" if asking else "…")
        field = self.query_one("#address", Input)
        field.disabled = not asking
        self.query_one("#not-published", Button).display = asking and self.optional
        self.query_one("#copy", Button).display = post.display
        self.query_one("#open", Button).display = post.display and not elsewhere
        self.query_one("#copy-address", Button).display = elsewhere
        self.refresh_bindings()
        if asking:  # once enabled: a disabled field refuses the focus
            self.call_after_refresh(field.focus)

    @on(Input.Submitted, "#address")
    def _submitted(self, event: Input.Submitted) -> None:
        self._answer(event.value.strip())

    @on(Button.Pressed, "#not-published")
    def _not_published(self) -> None:
        self._answer("")

    def _answer(self, text: str) -> None:
        if self.question is None:
            return  # nothing was asked (yet): the worker is busy
        self.question, self.said = None, ""
        self.query_one("#address", Input).value = ""
        self.guide.answer(text)
        self._refresh()

    def _shown(self) -> Handoff | None:
        """The post on screen (not the one before it, while another is asked about)."""
        handoff = self.handoff
        return handoff if handoff is not None and handoff.post.number == self.number else None

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        if (handoff := self._shown()) is not None:
            self.app.copy_to_clipboard(handoff.post.text)
            self.notify(f"Post {handoff.post.number} copied again.", markup=False)

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        if (handoff := self._shown()) is not None:
            self._open(handoff)

    @on(Button.Pressed, "#copy-address")
    def action_copy_address(self) -> None:
        if self._shown() is not None:
            self.query_one(Address).copy()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open where a browser can open the page; Copy address where none could."""
        if action == "copy_address":
            return self._shown() is not None and self.browser is False
        if action == "open":
            return self._shown() is not None and self.browser is not False
        return True

    def _page_said(self) -> str:
        network = self.network
        if self.browser is None:
            return f"Copied to the clipboard; opening {network}'s compose page in your browser…"
        if self.browser:
            return f"Copied to the clipboard; {network}'s compose page is open in your browser."
        return (  # two lines at 80 columns: with the address, all of it fits in 24 rows
            f"Copied to the clipboard. No browser could be opened here: open {network}'s "
            "compose page at this address elsewhere (Ctrl+L copies it):"
        )

    @dataclass
    class Opened(Message):
        """Whether a browser opened `handoff`'s compose page."""

        handoff: Handoff
        opened: bool

    def _open(self, handoff: Handoff) -> None:
        self.browser = None
        self._open_page(handoff)

    @work(thread=True, group="browser")
    def _open_page(self, handoff: Handoff) -> None:
        """Open the post's compose page: a browser may take a moment to start."""
        self.post_message(self.Opened(handoff, open_in_browser(handoff.compose_url)))

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        if message.handoff is self.handoff:  # not a post handed over before it
            self.browser = message.opened
            if self.is_mounted:
                self._refresh()

    @on(Button.Pressed, "#stop")
    def action_stop(self) -> None:
        self.guide.answer(None)
        self.close()
