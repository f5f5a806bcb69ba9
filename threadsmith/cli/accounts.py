"""`thread login`, `thread logout`, `thread accounts`.

What a login asks for comes from each network's description: its options
(`--handle`, `--service`…) are the union of the networks' non-secret fields;
secrets are asked without echo, or read from standard input one per line.
"""

from __future__ import annotations

import argparse
import sys

from threadsmith.cli.options import Commands
from threadsmith.errors import InputError
from threadsmith.network import Field, Network, network_named, networks


def add_arguments(commands: Commands) -> None:
    names = [network.name for network in networks()]
    login = commands.add_parser(
        "login",
        help="add an account (its secrets go to the system keyring)",
        description=(
            "Verify an account with its network and keep its secrets in the system "
            "keyring. Secrets are asked for without echo; when standard input is not a "
            "terminal they are read from it, one per line. "
            + " ".join(_secrets_said(network) for network in networks())
        ),
    )
    login.add_argument("network", choices=names, metavar="NETWORK", help=", ".join(names))
    options: dict[str, Field] = {}
    for network in networks():
        for field in network.login_fields:
            if not field.secret:
                options.setdefault(field.name, field)
    for field in options.values():
        used_by = [p.display_name for p in networks() if field in p.login_fields]
        example = f", e.g. {field.example}" if field.example else ""
        default = f" (default {field.default})" if field.default else ""
        login.add_argument(
            f"--{field.name}", help=f"{field.label} ({', '.join(used_by)}){example}{default}"
        )
    login.set_defaults(handler=run_login)

    logout = commands.add_parser("logout", help="forget an account and its secrets")
    logout.add_argument("network", choices=names, metavar="NETWORK")
    logout.add_argument("handle")
    logout.set_defaults(handler=run_logout)

    listing = commands.add_parser("accounts", help="list your accounts (never their secrets)")
    listing.set_defaults(handler=run_accounts)


class TerminalPrompt:
    """A login's questions on the terminal: options given on the command line first,
    then defaults; secrets are asked without echo, and what a login learns along the way
    (a code its web page shows) is asked, or read from piped input."""

    def __init__(self, network: Network, given: dict[str, str]) -> None:
        self.network = network
        self.given = given
        self.interactive = sys.stdin.isatty()

    def ask(self, field: Field) -> str:
        value = self.given.get(field.name) or ""
        if not value and not field.secret and field.option:  # the others are asked for
            value = field.default
            if not value:
                raise InputError(f"say which {field.label.lower()}: {self.network.login_command()}")
        if not value:
            if self.interactive:
                from getpass import getpass

                value = getpass(f"{field.label}: ") if field.secret else input(f"{field.label}: ")
            else:
                value = sys.stdin.readline()
        value = value.strip()
        if not value:
            secrets = [f.label for f in self.network.login_fields if f.secret]
            if field.secret and secrets:
                how = f"give {len(secrets)} line(s): {', '.join(secrets)}"
            elif self.interactive:
                how = "paste it when asked"
            else:
                how = "give it as a line on standard input"
            raise InputError(f"missing {field.label.lower()}: {how}")
        return value

    def say(self, text: str) -> None:
        print(text, flush=True)

    def open_url(self, url: str) -> None:
        import webbrowser  # here: `thread split` loads this module too, and starts fast

        webbrowser.open(url)


def run_login(args: argparse.Namespace) -> int:
    from threadsmith import accounts, credentials
    from threadsmith.store import open_store

    network = network_named(args.network)
    given = {
        field.name: value
        for field in network.login_fields
        if not field.secret and (value := getattr(args, field.name, None))
    }
    unused = [
        f"--{name}"
        for name, value in vars(args).items()
        if value and name not in given and name not in ("network", "command", "handler")
    ]
    if unused:
        raise InputError(f"{network.display_name} does not use {', '.join(unused)}")
    credentials.ensure_backend()
    store = open_store()
    try:
        account = accounts.login(store, network, TerminalPrompt(network, given))
    finally:
        store.close()
    where = credentials.backend_name()
    print(
        f"Logged in to {network.name} as {account.handle}; "
        f"credentials are in the keyring ({where})."
    )
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from threadsmith import accounts
    from threadsmith.store import open_store

    network = network_named(args.network)
    store = open_store()
    try:
        accounts.logout(store, network, args.handle)
    finally:
        store.close()
    handle = network.normalise_handle(args.handle)
    print(f"Removed {args.network} account {handle} and its secrets.")
    return 0


def run_accounts(args: argparse.Namespace) -> int:
    from threadsmith import credentials
    from threadsmith.store import open_store

    store = open_store()
    try:
        known = store.accounts()
    finally:
        store.close()
    if not known:
        commands = " or ".join(f"`{network.login_command()}`" for network in networks())
        print(f"No accounts yet: run {commands}.")
    for account in known:
        service = f"  ({account.service})" if account.service else ""
        gone = (
            "  (its network is not installed any more)" if account.network not in networks() else ""
        )
        print(f"{account.network.name:<9} {account.handle}{service}{gone}")
    print(f"Keyring: {credentials.backend_name()}")
    return 0


def _secrets_said(network: Network) -> str:
    secrets = [field.label for field in network.login_fields if field.secret]
    return f"{network.display_name}: {', '.join(secrets)}." if secrets else ""
