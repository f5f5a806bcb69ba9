"""Accounts: the index in the store (platform, handle, service) plus secrets in the keyring.

Shared by the CLI and the app. Network and keyring libraries are imported only
inside these functions, so importing this module stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threadsmith import credentials
from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.platforms.base import Publisher
    from threadsmith.store import Account, Store

PLATFORMS = ("x", "bluesky")
DEFAULT_SERVICE = "https://bsky.social"


def login_x(store: Store, api_key: str, api_secret: str, token: str, token_secret: str) -> str:
    """Verify X credentials with X, then keep them; returns the account's username."""
    from threadsmith.platforms import x

    credentials.ensure_backend()  # before any network call: fail fast on a bare server
    username = x.verify(api_key, api_secret, token, token_secret)
    credentials.save("x", username, credentials.XSecrets(api_key, api_secret, token, token_secret))
    store.add_account("x", username)
    return username


def login_bluesky(store: Store, handle: str, app_password: str, service: str) -> str:
    """Verify a Bluesky app password by opening a session, then keep both."""
    from threadsmith.platforms import bluesky

    credentials.ensure_backend()
    handle = handle.lstrip("@")
    session = bluesky.login(handle, app_password, service)
    credentials.save("bluesky", handle, credentials.BlueskySecrets(app_password, service, session))
    store.add_account("bluesky", handle, service)
    return handle


def logout(store: Store, platform: str, handle: str) -> None:
    handle = handle.lstrip("@")
    in_keyring = credentials.delete(platform, handle)
    in_index = store.remove_account(platform, handle)
    if not in_keyring and not in_index:
        raise InputError(f"there is no {platform} account {handle!r}: see `thread accounts`")


def choose(store: Store, platform: str, handle: str | None) -> Account:
    """The account to use: the one named, or the only one on that platform."""
    if platform not in PLATFORMS:
        raise InputError(f"unknown platform {platform!r}: use 'x' or 'bluesky'")
    known = store.accounts(platform)
    if handle:
        handle = handle.lstrip("@")
        for account in known:
            if account.handle == handle:
                return account
        raise InputError(f"no {platform} account {handle!r}: log in with `thread login {platform}`")
    if len(known) == 1:
        return known[0]
    if not known:
        hint = "thread login x" if platform == "x" else "thread login bluesky --handle HANDLE"
        raise InputError(f"no {platform} account yet: run `{hint}`")
    names = ", ".join(account.handle for account in known)
    raise InputError(f"which {platform} account? say --to {platform}:HANDLE (one of {names})")


def open_publisher(account: Account) -> Publisher:
    """A publisher for `account`, with its secrets from the keyring."""
    secrets = credentials.load(account.platform, account.handle)
    if isinstance(secrets, credentials.XSecrets):
        from threadsmith.platforms.x import XPublisher

        return XPublisher(
            account.handle, secrets.api_key, secrets.api_secret, secrets.access_token,
            secrets.access_secret,
        )  # fmt: skip
    from threadsmith.platforms.bluesky import BlueskyPublisher

    return BlueskyPublisher(
        account.handle,
        account.service or secrets.service,
        secrets.app_password,
        secrets.session,
        lambda session: credentials.update_session(account.handle, session),
    )
