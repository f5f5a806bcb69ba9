"""Accounts: add an X or Bluesky account (verified, kept in the keyring), remove one."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from threadsmith import accounts, credentials
from threadsmith.errors import ThreadsmithError
from threadsmith.tui.widgets.dialogs import Confirm

X_FIELDS = ("API key", "API secret", "Access token", "Access token secret")


class AccountsScreen(Screen[None]):
    BINDINGS = [
        Binding("x", "add('x')", "Add X", id="accounts.add_x", tooltip="Add an X account"),
        Binding(
            "b", "add('bluesky')", "Add Bluesky", id="accounts.add_bluesky",
            tooltip="Add a Bluesky account (handle and app password)",
        ),
        Binding("delete,d", "remove", "Remove", id="accounts.remove", tooltip="Forget the account"),
        Binding("escape", "app.pop_screen", "Back", id="accounts.back", tooltip="Back"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="accounts"):
            yield Static("", id="keyring", markup=False)
            yield DataTable(id="account-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Accounts"
        self.query_one(DataTable).add_columns("Platform", "Handle", "Service")
        self.refresh_accounts()

    def refresh_accounts(self) -> None:
        keyring = self.query_one("#keyring", Static)
        try:
            keyring.update(f"Secrets are kept in your system keyring: {credentials.backend_name()}")
            keyring.remove_class("-error")
        except ThreadsmithError as error:
            keyring.update(f"⚠ {error}")
            keyring.add_class("-error")
        table = self.query_one(DataTable)
        table.clear()
        for account in self.app.store.accounts():  # type: ignore[attr-defined]
            name = "X" if account.platform == "x" else "Bluesky"
            table.add_row(name, Text(account.handle), Text(account.service or "—"),
                          key=f"{account.platform}:{account.handle}")  # fmt: skip

    def action_add(self, platform: str) -> None:
        self.app.push_screen(AddAccount(platform), lambda _: self.refresh_accounts())

    def action_remove(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        platform, handle = key.split(":", 1)

        def remove(sure: bool | None) -> None:
            if not sure:
                return
            try:
                accounts.logout(self.app.store, platform, handle)  # type: ignore[attr-defined]
            except ThreadsmithError as error:
                self.notify(str(error), severity="error", markup=False)
            self.refresh_accounts()

        self.app.push_screen(Confirm(f"Remove {handle} and its secrets?"), remove)


class AddAccount(ModalScreen[str | None]):
    """Ask for an account's secrets (hidden), verify them with the service in a worker."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, platform: str) -> None:
        super().__init__(classes="dialog")
        self.platform = platform

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            name = "X" if self.platform == "x" else "Bluesky"
            yield Label(f"Add a {name} account", classes="dialog-title")
            if self.platform == "x":
                for label in X_FIELDS:
                    yield Input(placeholder=label, password=True, classes="secret")
            else:
                yield Input(placeholder="Handle, e.g. alice.bsky.social", id="handle")
                yield Input(accounts.DEFAULT_SERVICE, placeholder="Service", id="service")
                yield Input(placeholder="App password", password=True, classes="secret")
            yield Static("", id="add-status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Verify and save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        secrets = [field.value.strip() for field in self.query(".secret").results(Input)]
        if not all(secrets) or (self.platform == "bluesky" and not self._value("#handle")):
            self.query_one("#add-status", Static).update("Please fill in every field.")
            return
        self.query_one("#add-status", Static).update("Checking with the service…")
        self.query_one("#save", Button).disabled = True
        self._verify(secrets, self._value("#handle"), self._value("#service"))

    def _value(self, selector: str) -> str:
        found = self.query(selector).results(Input)
        return next((field.value.strip() for field in found), "")

    @work(thread=True, exclusive=True)
    def _verify(self, secrets: list[str], handle: str, service: str) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            if self.platform == "x":
                name = accounts.login_x(store, *secrets)
            else:
                name = accounts.login_bluesky(store, handle, secrets[0], service)
        except ThreadsmithError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, name)

    def _failed(self, message: str) -> None:
        self.query_one("#add-status", Static).update(f"⚠ {message}")
        self.query_one("#save", Button).disabled = False
