"""Accounts: the index in the store (network, handle, server) plus secrets in the keyring.

Shared by the CLI and the app. Network and keyring libraries are imported only
inside the networks' functions, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from threadsmith import credentials
from threadsmith.errors import InputError
from threadsmith.network import Account, Network, Prompt, Publisher, Secrets, network_named

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing
    from threadsmith.store import Store


def login(store: Store, network: Network, prompt: Prompt) -> Account:
    """Verify an account with its network, then keep its secrets in the keyring and the
    account in the store. Nothing is kept unless the network accepted it."""
    credentials.ensure_backend()  # before any network call: fail fast on a bare server
    logged_in = network.login(prompt)
    credentials.save(network.name, logged_in.handle, logged_in.secrets)
    return store.add_account(network, logged_in.handle, logged_in.service, logged_in.settings)


def logout(store: Store, network: Network, handle: str) -> None:
    handle = network.normalise_handle(handle)
    in_keyring = credentials.delete(network.name, handle)
    in_index = store.remove_account(network, handle)
    if not in_keyring and not in_index:
        raise InputError(f"there is no {network.name} account {handle!r}: see `thread accounts`")


def choose(store: Store, target: str) -> Account:
    """The account `target` names: "bluesky:alice.bsky.social", or "bluesky" for the only
    Bluesky account. Split on the first colon only (a Mastodon handle has none, but its
    server may have a port)."""
    name, _, handle = target.partition(":")
    network = network_named(name)
    known = store.accounts(network)
    if handle:
        handle = network.normalise_handle(handle)
        for account in known:
            if account.handle.lower() == handle.lower():
                return account
        raise InputError(
            f"no {network.name} account {handle!r}: log in with `{network.login_command()}`"
        )
    if len(known) == 1:
        return known[0]
    if not known:
        raise InputError(f"no {network.name} account yet: run `{network.login_command()}`")
    names = ", ".join(account.handle for account in known)
    raise InputError(
        f"which {network.name} account? say --to {network.name}:HANDLE (one of {names})"
    )


def choose_all(store: Store, targets: Iterable[str]) -> list[Account]:
    """The accounts `targets` name, each once, in the order first named."""
    chosen: dict[str, Account] = {}
    for target in targets:
        account = choose(store, target)
        chosen.setdefault(account.key, account)
    return list(chosen.values())


def secrets_of(account: Account) -> Secrets:
    """`account`'s secrets from the keyring, renewed first where its network renews its
    logins and this one is due (Threads' token), the renewed ones kept there again: every
    command that uses a login keeps it alive."""
    secrets = credentials.load(account.network, account.handle)
    fresh = account.network.renewed(account, secrets)
    if fresh is None:
        return secrets
    credentials.save(account.network.name, account.handle, fresh)
    return Secrets(fresh)


def open_publisher(account: Account, options: Mapping[str, str] | None = None) -> Publisher:
    """A publisher for `account`, with its secrets from the keyring and the run's publish
    `options`; secrets the network changes (a refreshed session) are kept there again."""
    secrets = secrets_of(account)

    def save(changed: Mapping[str, str]) -> None:
        credentials.save(account.network.name, account.handle, changed)

    return account.network.open_publisher(account, secrets, save, options or {})


def check_room(account: Account, posts: Sequence[Outgoing], *, replying: bool) -> None:
    """Whether `account` may publish `posts` now, by its network's quota (see
    `Network.check_room`): `Refused`, with the numbers, when not. Sends nothing."""
    account.network.check_room(account, lambda: secrets_of(account), posts, replying=replying)


def mention_lookup(account: Account) -> Callable[[str], bool]:
    """Whether a handle names an account, asked on `account`'s network with its secrets."""
    return account.network.mention_lookup(account, lambda: secrets_of(account))


def refresh(store: Store, account: Account) -> Account:
    """`account` with what its server says now (a Mastodon instance's limits), kept in
    the store; as it was if the network keeps nothing of the kind. Raises the
    network's error when the server cannot be asked."""
    settings_now = account.network.server_settings
    if settings_now is None:
        return account
    return store.update_account_settings(account, settings_now(account))


def refresh_all(store: Store, accounts: Iterable[Account]) -> tuple[bool, list[str]]:
    """`refresh` each of `accounts`: whether any server's settings changed, and a line for
    each server that could not be asked (its account keeps its limits as last seen)."""
    from threadsmith.errors import ThreadsmithError

    changed, problems = False, []
    for account in accounts:
        try:
            changed |= refresh(store, account).settings != account.settings
        except ThreadsmithError as error:
            problems.append(f"{account.name}: {error}; using its limits as last seen")
    return changed, problems
