"""Accounts: add one on any network (verified, its secrets kept in the keyring), remove one.

What a login asks for comes from the network's description. Keyring and network
calls run in thread workers (a Secret Service prompt can block); a login step that
needs the person mid-way (a code from a browser) is asked in a dialog.
"""

from __future__ import annotations

from concurrent.futures import Future
from urllib.parse import urlsplit

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static
from textual.worker import get_current_worker

from threadsmith import accounts, credentials
from threadsmith.errors import InputError, ThreadsmithError
from threadsmith.network import Account, Field, Network, network_named, networks
from threadsmith.tui.base import AppModal, AppScreen
from threadsmith.tui.widgets.dialogs import Ask, Confirm

WAIT = 0.1  # seconds between looks at whether the app is closing, while a dialog asks


# The footer shows the networks' keys together ("x b m t Add an account"): a label each
# would not fit 80 columns once there are four networks.
ADD = Binding.Group("Add an account")


def _add_bindings() -> list[Binding]:
    """A key per network: its name's first letter ("x", "b", "m")."""
    taken = {"d", "a"}
    keys = []
    for network in networks():
        key = next((c for c in network.name if c.isalpha() and c not in taken), None)
        if key is None:
            continue
        taken.add(key)
        keys.append(
            Binding(
                key, f"add('{network.name}')", f"Add {network.display_name}",
                id=f"accounts.add_{network.name}",
                tooltip=f"Add a {network.display_name} account", group=ADD,
            )
        )  # fmt: skip
    return keys


class AccountsScreen(AppScreen[None]):
    HELP_TITLE = "your accounts"
    BINDINGS = [
        *_add_bindings(),
        Binding("delete,d", "remove", "Remove", id="accounts.remove", tooltip="Forget the account"),
        Binding("escape", "app.pop_screen", "Back", id="accounts.back", tooltip="Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="accounts"):
            yield Static("Looking for your keyring…", id="keyring", markup=False)
            yield DataTable(id="account-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Accounts"
        self.query_one(DataTable).add_columns("Network", "Handle", "Server")
        self.refresh_accounts()

    def refresh_accounts(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for account in self.store.accounts():
            table.add_row(
                account.network.display_name, Text(account.handle),
                Text(account.service or "—"), key=account.key,
            )  # fmt: skip
        self._show_keyring()

    @work(thread=True, exclusive=True, group="keyring")
    def _show_keyring(self) -> None:
        """The keyring in use: asking may wait on the Secret Service, so not on the UI thread."""
        try:
            said = f"Secrets are kept in your system keyring: {credentials.backend_name()}"
            error = False
        except ThreadsmithError as problem:
            said, error = f"⚠ {problem}", True
        self.app.call_from_thread(self._keyring_said, said, error)

    def _keyring_said(self, said: str, error: bool) -> None:
        keyring = self.query_one("#keyring", Static)
        keyring.update(said)
        keyring.set_class(error, "-error")

    def action_add(self, network: str) -> None:
        self.app.push_screen(AddAccount(network_named(network)), lambda _: self.refresh_accounts())

    def action_remove(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        account = next(a for a in self.store.accounts() if a.key == key)

        def remove(sure: bool | None) -> None:
            if sure:
                self._remove(account)

        self.app.push_screen(Confirm(f"Remove {account.handle} and its secrets?"), remove)

    @work(thread=True, group="keyring")
    def _remove(self, account: Account) -> None:
        try:
            accounts.logout(self.store, account.network, account.handle)
        except ThreadsmithError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
        self.app.call_from_thread(self.refresh_accounts)


class AddAccount(AppModal[str | None]):
    """Ask for what the network's login needs (secrets hidden), verify it in a worker."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, network: Network) -> None:
        super().__init__(classes="dialog")
        self.network = network

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(f"Add a {self.network.display_name} account", classes="dialog-title")
            for field in self.network.login_fields:
                example = f", e.g. {field.example}" if field.example else ""
                yield Input(
                    field.default, placeholder=f"{field.label}{example}",
                    password=field.secret, name=field.name, classes="login-field",
                )  # fmt: skip
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
        values = {
            str(field.name): field.value.strip()
            for field in self.query(".login-field").results(Input)
        }
        if not all(values.values()):
            self.query_one("#add-status", Static).update("Please fill in every field.")
            return
        self.query_one("#add-status", Static).update("Checking with the service…")
        self.query_one("#save", Button).disabled = True
        self._verify(values)

    @work(thread=True, exclusive=True)
    def _verify(self, values: dict[str, str]) -> None:
        try:
            account = accounts.login(self.store, self.network, _DialogPrompt(self, values))
        except ThreadsmithError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, account.handle)

    def _failed(self, message: str) -> None:
        self.query_one("#add-status", Static).update(f"⚠ {message}")
        self.query_one("#save", Button).disabled = False

    def said(self, text: str) -> None:
        self.query_one("#add-status", Static).update(text)


class _DialogPrompt:
    """A login's questions, from the worker thread: the form's values, and a dialog for
    anything else it needs on the way (a code the browser shows). A question that
    follows a web page (Mastodon's authorisation) shows that page's address itself,
    whole and copyable, and says whether a browser opened it: on a server or over SSH
    none does, and the page is opened elsewhere."""

    interactive = True

    def __init__(self, dialog: AddAccount, values: dict[str, str]) -> None:
        self._dialog = dialog
        self._values = values
        self._page: str | None = None  # the web page the login sent the person to
        self._opened = False  # whether a browser opened it

    def ask(self, field: Field) -> str:
        if self._values.get(field.name):
            return self._values[field.name]
        answer: Future[str | None] = Future()
        network = self._dialog.network
        if self._page is None:
            ask = Ask(f"{network.display_name}: {field.label}", field.label, password=field.secret)
        else:
            ask = asked_after_page(network, field, self._page, opened=self._opened)
        self._dialog.app.call_from_thread(self._dialog.app.push_screen, ask, answer.set_result)
        value = _waited(answer)
        if not value:
            raise InputError(f"no {field.label.lower()} given: nothing was saved")
        return value

    def say(self, text: str) -> None:
        self._dialog.app.call_from_thread(self._dialog.said, text)

    def open_url(self, url: str) -> None:
        from threadsmith.tui.browser import open_in_browser

        self._page, self._opened = url, open_in_browser(url)


def _waited(answer: Future[str | None]) -> str | None:
    """The dialog's answer, from the worker; None if the app closes first (its workers
    are cancelled then, and a thread left waiting would keep the program from ending)."""
    worker = get_current_worker()
    while True:
        try:
            return answer.result(timeout=WAIT)
        except TimeoutError:
            if worker.is_cancelled:
                return None


def asked_after_page(network: Network, field: Field, page: str, *, opened: bool) -> Ask:
    """The dialog asking for what a login's web page gives (Mastodon's code): the page's
    address, whole, and what to do with it, whether a browser `opened` it or not."""
    if opened:
        about = (
            "Your browser shows the page at this address: approve threadsmith there, then "
            "paste the code it gives you."
        )
    else:
        about = (
            "No browser could be opened here. Open this address in a browser (on any "
            "device: Ctrl+Y copies it), approve threadsmith, then paste the code it gives you."
        )
    title = f"{network.display_name}: approve threadsmith on {urlsplit(page).netloc}"
    return Ask(title, field.label, password=field.secret, about=about, address=page)
