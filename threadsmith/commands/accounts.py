"""`thread login`, `thread logout`, `thread accounts`."""

from __future__ import annotations

import argparse
import getpass
import sys

from threadsmith.accounts import DEFAULT_SERVICE, PLATFORMS
from threadsmith.errors import InputError

X_SECRETS = ("API key", "API secret", "access token", "access token secret")


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = commands.add_parser(
        "login",
        help="add an X or Bluesky account (secrets go to the system keyring)",
        description=(
            "Verify an account's credentials with the service and keep them in the system "
            "keyring. Secrets are asked for without echo; when standard input is not a "
            "terminal they are read from it, one per line (X: API key, API secret, access "
            "token, access token secret; Bluesky: an app password)."
        ),
    )
    login.add_argument("platform", choices=PLATFORMS)
    login.add_argument("--handle", help="your Bluesky handle, e.g. alice.bsky.social")
    login.add_argument(
        "--service", default=DEFAULT_SERVICE, help="your Bluesky PDS (default bsky.social)"
    )
    login.set_defaults(handler=run_login)

    logout = commands.add_parser("logout", help="forget an account and its secrets")
    logout.add_argument("platform", choices=PLATFORMS)
    logout.add_argument("handle")
    logout.set_defaults(handler=run_logout)

    listing = commands.add_parser("accounts", help="list your accounts (never their secrets)")
    listing.set_defaults(handler=run_accounts)


def run_login(args: argparse.Namespace) -> int:
    from threadsmith import accounts, credentials
    from threadsmith.store import open_store

    credentials.ensure_backend()
    store = open_store()
    try:
        if args.platform == "x":
            handle = accounts.login_x(store, *ask(X_SECRETS))
        else:
            if not args.handle:
                raise InputError("say which account: thread login bluesky --handle HANDLE")
            (password,) = ask(("app password",))
            handle = accounts.login_bluesky(store, args.handle, password, args.service)
    finally:
        store.close()
    where = credentials.backend_name()
    print(f"Logged in to {args.platform} as {handle}; credentials are in the keyring ({where}).")
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from threadsmith import accounts
    from threadsmith.store import open_store

    store = open_store()
    try:
        accounts.logout(store, args.platform, args.handle)
    finally:
        store.close()
    print(f"Removed {args.platform} account {args.handle.lstrip('@')} and its secrets.")
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
        print("No accounts yet: run `thread login x` or `thread login bluesky --handle HANDLE`.")
    for account in known:
        service = f"  ({account.service})" if account.service else ""
        print(f"{account.platform:<8} {account.handle}{service}")
    print(f"Keyring: {credentials.backend_name()}")
    return 0


def ask(labels: tuple[str, ...]) -> list[str]:
    """Secrets from the terminal without echo, or from standard input, one per line."""
    if sys.stdin.isatty():
        values = [getpass.getpass(f"{label}: ").strip() for label in labels]
    else:
        values = [sys.stdin.readline().strip() for _ in labels]
    missing = [label for label, value in zip(labels, values, strict=True) if not value]
    if missing:
        expected = ", ".join(labels)
        raise InputError(f"missing {missing[0]}: give {len(labels)} line(s): {expected}")
    return values
