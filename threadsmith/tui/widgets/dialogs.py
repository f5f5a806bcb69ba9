"""Small modal dialogs: a yes/no question and a one-line answer (with, when the answer
comes from a web page, that page's address shown whole, to select or copy)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with the answer."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Cancel", show=False),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", default_yes: bool = False
    ) -> None:
        super().__init__(classes="dialog")
        self.question, self.yes, self.no = question, yes, no
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary" if self.default_yes else "error", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class Address(Static):
    """A web address shown whole (wrapped, never cut), to select with the mouse or copy
    with `copy` (OSC 52: the clipboard of the terminal the person sits at, over SSH too)."""

    def __init__(self, address: str = "", *, id: str | None = None) -> None:
        super().__init__(address, id=id, markup=False, classes="address")
        self.address = address

    def show(self, address: str) -> None:
        self.address = address
        self.update(address)

    def copy(self) -> None:
        self.app.copy_to_clipboard(self.address)
        self.notify("The address is on the clipboard.", markup=False)


class Ask(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it, or None when cancelled. An answer
    that comes from a web page (a code to paste) is asked under `about` and the page's
    `address`, shown whole, with "Copy address" (Ctrl+Y)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+y", "copy_address", "Copy address", show=False),
    ]

    def __init__(
        self,
        title: str,
        label: str,
        value: str = "",
        password: bool = False,
        *,
        about: str = "",
        address: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.label, self.value, self.password = title, label, value, password
        self.about, self.address = about, address

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.about:
                yield Label(self.about, id="ask-about", markup=False)
            if self.address is not None:
                yield Address(self.address, id="ask-address")
            yield Input(self.value, placeholder=self.label, password=self.password, id="answer")
            with Horizontal(classes="dialog-buttons"):
                if self.address is not None:
                    yield Button("Copy address", id="copy-address")
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#copy-address")
    def action_copy_address(self) -> None:
        if self.address is not None:
            self.query_one(Address).copy()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#answer", Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
