"""Checks of this installation: versions, the keyring, and what a sleeping computer
means for scheduled threads."""

from __future__ import annotations

import platform as host
import sys
from typing import Any

from threadsmith.doctor.finding import Finding
from threadsmith.errors import printable

KINDS = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.kwallet": "KWallet",
}
REFUSED = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")
HEADLESS = (
    "install one (Debian/Ubuntu: `sudo apt install gnome-keyring dbus-x11 libsecret-tools`), "
    "then log in to a desktop session; on a server with no desktop run "
    "`dbus-run-session -- bash`, in it `gnome-keyring-daemon --unlock --components=secrets` "
    "(type a password, then Ctrl-D), and use threadsmith from that shell"
)
UNLOCK = (
    "unlock it: log in to your desktop (or unlock the screen); on a server, in the shell "
    "where the keyring runs, `gnome-keyring-daemon --unlock --components=secrets` and type "
    "its password"
)


def versions() -> list[Finding]:
    from threadsmith import __version__

    python = ".".join(str(part) for part in sys.version_info[:3])
    said = f"Python {python} on {host.system() or sys.platform}, threadsmith {__version__}"
    return [Finding("versions", "ok", said)]


def keyring() -> list[Finding]:
    """The keyring backend in use, and whether it is unlocked (Secret Service only:
    the Keychain and the Credential Locker open with the person's login)."""
    import keyring as keyring_module

    try:
        backend: Any = keyring_module.get_keyring()
    except Exception as error:  # noqa: BLE001 - a broken keyring setup is a finding
        return [Finding("keyring", "fix", f"none usable ({_first_line(error)})", _get_one())]
    module = type(backend).__module__
    if module.startswith(REFUSED) or getattr(backend, "priority", 1) <= 0:
        return [Finding("keyring", "fix", "none usable: logins cannot be kept", _get_one())]
    if module == "keyring.backends.chainer" and getattr(backend, "backends", None):
        backend = backend.backends[0]  # the one asked first
        module = type(backend).__module__
    kind = next((name for prefix, name in KINDS.items() if module.startswith(prefix)), None)
    kind = kind or printable(str(getattr(backend, "name", type(backend).__name__)))
    if not module.startswith("keyring.backends.SecretService"):
        return [Finding("keyring", "ok", kind)]
    locked = _secret_service_locked()
    if locked is None:
        return [Finding("keyring", "ok", f"{kind} (whether it is locked could not be seen)")]
    if locked:
        return [Finding("keyring", "fix", f"{kind}, locked: nothing can be published", UNLOCK)]
    return [Finding("keyring", "ok", f"{kind}, unlocked")]


def keyring_locked() -> bool:
    """Whether the keyring in use is a Secret Service that is locked now (reading from
    it would ask the person to unlock it, or wait for them)."""
    import keyring as keyring_module

    try:
        module = type(keyring_module.get_keyring()).__module__
    except Exception:  # noqa: BLE001 - no keyring: the keyring line says so
        return False
    return module.startswith("keyring.backends.SecretService") and bool(_secret_service_locked())


def _secret_service_locked() -> bool | None:
    """Whether the default collection is locked, asked without unlocking it (which
    would pop up a prompt); None when that cannot be told."""
    try:
        import secretstorage
        from secretstorage.exceptions import SecretStorageException
    except ImportError:
        return None
    try:
        connection = secretstorage.dbus_init()
    except SecretStorageException:
        return None
    try:
        return bool(secretstorage.Collection(connection).is_locked())
    except SecretStorageException:
        return None
    finally:
        connection.close()


def _get_one() -> str:
    if sys.platform == "darwin":
        return "the macOS Keychain should be there: run `thread doctor` from your own login"
    if sys.platform == "win32":
        return "the Windows Credential Locker should be there: sign in as yourself"
    return HEADLESS


def sleeping() -> list[Finding]:
    return [
        Finding(
            "sleep", "note",
            "while the computer sleeps or is off no thread goes out; on waking the timer "
            "runs once, and a thread more than its grace (30 minutes) late is marked missed",
            "keep it awake at the time, or send a missed one with "
            "`thread schedule run --id ID --now`",
        )
    ]  # fmt: skip


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return printable(text.splitlines()[0]) if text else type(error).__name__
