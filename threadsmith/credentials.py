"""Account secrets in the system keyring (service `threadsmith`), never in a file.

One keyring entry per account, user name "platform:handle", the value a JSON
object of that account's secrets. Without a usable keyring backend every call
raises `CredentialsError` with one line saying how to get one; there is no
plain-text fallback. No message here ever contains a secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from threadsmith.errors import CredentialsError

SERVICE = "threadsmith"
NO_BACKEND = (
    "no usable system keyring to keep your credentials in: install and unlock a "
    "Secret Service keyring (e.g. `apt install gnome-keyring`, then log in to a desktop "
    "session), or point PYTHON_KEYRING_BACKEND at a backend you trust; "
    "threadsmith never stores secrets in a plain file"
)
# Backends that would keep secrets in plain text or nowhere at all.
_REFUSED = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


@dataclass(frozen=True)
class XSecrets:
    """OAuth 1.0a user context: the app's key and secret, the user's token and secret."""

    api_key: str = field(repr=False)
    api_secret: str = field(repr=False)
    access_token: str = field(repr=False)
    access_secret: str = field(repr=False)


@dataclass(frozen=True)
class BlueskySecrets:
    """An app password, and the SDK's exported session (reused: createSession is rate-limited)."""

    app_password: str = field(repr=False)
    service: str = "https://bsky.social"
    session: str | None = field(default=None, repr=False)


Secrets = XSecrets | BlueskySecrets


def _keyring() -> Any:
    """The keyring module, once a usable backend is known to be there."""
    import keyring
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        raise CredentialsError(NO_BACKEND) from None
    module = type(backend).__module__
    if module.startswith(_REFUSED) or getattr(backend, "priority", 1) <= 0:
        raise CredentialsError(NO_BACKEND)
    return keyring


def backend_name() -> str:
    """A readable name of the keyring backend in use (raises if there is none)."""
    backend = _keyring().get_keyring()
    name: str = getattr(backend, "name", type(backend).__name__)
    return name


def ensure_backend() -> None:
    """Raise `CredentialsError` (one actionable line) when no usable keyring exists."""
    _keyring()


def _user(platform: str, handle: str) -> str:
    return f"{platform}:{handle}"


def save(platform: str, handle: str, secrets: Secrets) -> None:
    backend = _keyring()
    value = json.dumps({f.name: getattr(secrets, f.name) for f in fields(secrets)})
    try:
        backend.set_password(SERVICE, _user(platform, handle), value)
    except Exception as exc:  # noqa: BLE001 - every backend error becomes one clear line
        raise CredentialsError(_failure("save", platform, handle, exc)) from None


def load(platform: str, handle: str) -> Secrets:
    backend = _keyring()
    try:
        value = backend.get_password(SERVICE, _user(platform, handle))
    except Exception as exc:  # noqa: BLE001
        raise CredentialsError(_failure("read", platform, handle, exc)) from None
    if value is None:
        login = f"thread login {platform}" + (f" --handle {handle}" if platform != "x" else "")
        raise CredentialsError(f"no saved credentials for {platform}:{handle}: run `{login}`")
    try:
        data = json.loads(value)
        return XSecrets(**data) if platform == "x" else BlueskySecrets(**data)
    except (ValueError, TypeError):
        raise CredentialsError(
            f"the keyring entry for {platform}:{handle} is damaged: run `thread logout "
            f"{platform} {handle}` and log in again"
        ) from None


def update_session(handle: str, session: str) -> None:
    """Keep Bluesky's refreshed session next to the app password."""
    current = load("bluesky", handle)
    assert isinstance(current, BlueskySecrets)
    save("bluesky", handle, BlueskySecrets(current.app_password, current.service, session))


def delete(platform: str, handle: str) -> bool:
    """Remove the account's entry; False if there was none."""
    backend = _keyring()
    try:
        backend.delete_password(SERVICE, _user(platform, handle))
    except backend.errors.PasswordDeleteError:
        return False
    except Exception as exc:  # noqa: BLE001
        raise CredentialsError(_failure("delete", platform, handle, exc)) from None
    return True


def _failure(action: str, platform: str, handle: str, exc: BaseException) -> str:
    # The backend's message is about the backend (locked, no D-Bus…), never the secret.
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"could not {action} the credentials of {platform}:{handle} in the keyring ({reason})"
