"""Account secrets in the system keyring (service `threadsmith`), never in a file.

One keyring entry per account, user name "network:handle", the value a JSON
object of that account's secrets (which ones, each network's description says).
Without a usable keyring backend every call raises `NoKeyring` with one
line saying how to get one; there is no plain-text fallback. No message here
ever contains a secret.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from threadsmith.errors import CredentialsError, NoKeyring
from threadsmith.network import Network, Secrets

SERVICE = "threadsmith"
NO_BACKEND = (
    "no usable system keyring to keep your credentials in: install and unlock a "
    "Secret Service keyring (e.g. `apt install gnome-keyring`, then log in to a desktop "
    "session), or point PYTHON_KEYRING_BACKEND at a backend you trust; "
    "threadsmith never stores secrets in a plain file"
)
# Backends that would keep secrets in plain text or nowhere at all.
_REFUSED = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _keyring() -> Any:
    """The keyring module, once a usable backend is known to be there."""
    import keyring
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        raise NoKeyring(NO_BACKEND) from None
    module = type(backend).__module__
    if module.startswith(_REFUSED) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyring(NO_BACKEND)
    return keyring


def backend_name() -> str:
    """A readable name of the keyring backend in use (raises if there is none)."""
    backend = _keyring().get_keyring()
    name: str = getattr(backend, "name", type(backend).__name__)
    return name


def ensure_backend() -> None:
    """Raise `CredentialsError` (one actionable line) when no usable keyring exists."""
    _keyring()


def _user(network: str, handle: str) -> str:
    return f"{network}:{handle}"


def save(network: str, handle: str, secrets: Mapping[str, str]) -> None:
    """Keep `secrets` (they replace what was kept for this account)."""
    backend = _keyring()
    value = json.dumps(dict(secrets))
    try:
        backend.set_password(SERVICE, _user(network, handle), value)
    except Exception as exc:  # noqa: BLE001 - every backend error becomes one clear line
        raise CredentialsError(_failure("save", network, handle, exc)) from None


def load(network: Network, handle: str) -> Secrets:
    """The account's secrets, checked to hold what its network needs."""
    backend = _keyring()
    try:
        value = backend.get_password(SERVICE, _user(network.name, handle))
    except Exception as exc:  # noqa: BLE001
        raise CredentialsError(_failure("read", network.name, handle, exc)) from None
    if value is None:
        raise CredentialsError(
            f"no saved credentials for {network.name}:{handle}: run "
            f"`{network.login_command(handle)}`"
        )
    try:
        data = json.loads(value)
        if not isinstance(data, dict) or not all(
            isinstance(data.get(name), str) and data[name] for name in network.secret_names
        ):
            raise ValueError("incomplete")
    except ValueError:
        raise CredentialsError(
            f"the keyring entry for {network.name}:{handle} is damaged: run `thread logout "
            f"{network.name} {handle}` and log in again"
        ) from None
    return Secrets({key: item for key, item in data.items() if isinstance(item, str)})


def delete(network: str, handle: str) -> bool:
    """Remove the account's entry; False if there was none."""
    backend = _keyring()
    try:
        backend.delete_password(SERVICE, _user(network, handle))
    except backend.errors.PasswordDeleteError:
        return False
    except Exception as exc:  # noqa: BLE001
        raise CredentialsError(_failure("delete", network, handle, exc)) from None
    return True


def _failure(action: str, network: str, handle: str, exc: BaseException) -> str:
    # The backend's message is about the backend (locked, no D-Bus…), never the secret.
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"could not {action} the credentials of {network}:{handle} in the keyring ({reason})"
