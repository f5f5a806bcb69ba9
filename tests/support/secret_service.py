"""The real Secret Service keyring (gnome-keyring) under a private D-Bus session.

`secret_service` starts dbus-daemon and an unlocked gnome-keyring-daemon in a
temporary XDG environment, points this process's keyring at it, and returns
the environment variables for subprocesses (`thread login …` run for real).
Skips without the daemons on a user's machine; CI installs and requires them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from support.realparts import require_real_part

UNLOCK = "threadsmith-test-unlock\n"  # the keyring's password, as the daemon read it
REASON = (
    "the Secret Service test needs gnome-keyring and D-Bus "
    "(apt-get install gnome-keyring dbus dbus-x11 libsecret-tools)"
)


def available() -> bool:
    return all(shutil.which(tool) for tool in ("dbus-daemon", "gnome-keyring-daemon"))


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    require_real_part(available(), REASON)
    home = tmp_path_factory.mktemp("keyring-home")
    env = {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "HOME": str(home),
    }
    for folder in ("data", "config", "run"):
        (home / folder).mkdir(mode=0o700)
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, check=True, env={**os.environ, **env},
    )  # fmt: skip
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=UNLOCK, capture_output=True, text=True, check=True,
        env={**os.environ, **env},
    )  # fmt: skip
    daemon_pid = None
    for line in daemon.stdout.splitlines():
        name, _, value = line.partition("=")
        if name == "GNOME_KEYRING_CONTROL":
            env[name] = value
        if name == "GNOME_KEYRING_PID":
            daemon_pid = int(value)
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    previous = keyring.get_keyring()
    from keyring.backends import SecretService

    keyring.set_keyring(SecretService.Keyring())  # type: ignore[no-untyped-call]
    try:
        yield env
    finally:
        keyring.set_keyring(previous)
        for name, was in saved.items():
            if was is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = was
        for process in (daemon_pid, int(pid)):
            if process:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process, signal.SIGTERM)


@contextlib.contextmanager
def locked_keyring() -> Iterator[None]:
    """The test keyring locked, as a desktop locks it when the screen locks, then unlocked
    again (with gnome-keyring's own unlock-by-password call, as no one can type it here)."""
    import secretstorage
    from jeepney import DBusAddress, new_method_call

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        collection.lock()
        assert collection.is_locked()
        try:
            yield
        finally:
            service = DBusAddress(
                "/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                interface="org.freedesktop.Secret.Service",
            )  # fmt: skip
            opened = connection.send_and_get_reply(
                new_method_call(service, "OpenSession", "sv", ("plain", ("s", "")))
            )
            internal = DBusAddress(
                "/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
            )  # fmt: skip
            secret = (opened.body[1], b"", UNLOCK.encode(), "text/plain")
            connection.send_and_get_reply(
                new_method_call(
                    internal, "UnlockWithMasterPassword", "o(oayays)",
                    (collection.collection_path, secret),
                )
            )  # fmt: skip
            assert not collection.is_locked()
    finally:
        connection.close()


def secret_tool_lookup(env: dict[str, str], user: str) -> str:
    """What `secret-tool` (libsecret, another client of the daemon) finds for `user`."""
    tool = shutil.which("secret-tool")
    if tool is None:
        return ""
    result = subprocess.run(
        [tool, "lookup", "service", "threadsmith", "username", user],
        capture_output=True, text=True, env={**os.environ, **env},
    )  # fmt: skip
    return result.stdout


def assert_no_secret_in(places: list[Path | str], secrets: list[str]) -> None:
    """No secret in any file under the given folders/files, nor in the given texts."""
    for place in places:
        if isinstance(place, Path):
            files = [place] if place.is_file() else [p for p in place.rglob("*") if p.is_file()]
            for file in files:
                data = file.read_bytes()
                for secret in secrets:
                    assert secret.encode() not in data, f"a secret leaked into {file}"
        else:
            for secret in secrets:
                assert secret not in place, "a secret leaked into captured output"
