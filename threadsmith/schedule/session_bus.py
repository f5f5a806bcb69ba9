"""The person's D-Bus session bus, for a runner that cron starts outside their session.

The keyring (the Secret Service: gnome-keyring, KWallet) answers on the session bus of
the person's login, and a program in that login finds the bus in its environment
(`DBUS_SESSION_BUS_ADDRESS`, set for every process of the session). Cron gives a bare
environment, and without systemd there is no fixed address to write into a crontab
line: each login starts its bus somewhere new (`/tmp/dbus-…`). So the runner looks
for it as a D-Bus client does, then where the login's own processes say it is:

1. `DBUS_SESSION_BUS_ADDRESS`, when the environment gives one;
2. `$XDG_RUNTIME_DIR/bus` (by default `/run/user/<uid>/bus`): the standard place,
   where systemd, or elogind with a per-user bus, puts it;
3. the address in the environment of this person's running processes, the keyring
   daemon's first, then the newest login's.

A bus counts only if a keyring answers on it. None found: the keyring reports that no
usable keyring is there, as it would at a terminal without one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

ADDRESS = "DBUS_SESSION_BUS_ADDRESS"
# the bus names a keyring answers on (KWallet also answers as the Secret Service now)
KEYRING_NAMES = ("org.freedesktop.secrets", "org.kde.kwalletd6", "org.kde.kwalletd5")
# their process names, as the kernel keeps them (the first 15 bytes)
KEYRING_DAEMONS = {name[:15] for name in ("gnome-keyring-daemon", "kwalletd6", "kwalletd5")}
TIMEOUT = 1.0  # seconds for a bus to answer: a stale socket must not hold up the runner


def session_bus(
    environ: Mapping[str, str] | None = None, *, proc: Path = Path("/proc")
) -> str | None:
    """The address of this person's session bus with a keyring on it, or None."""
    environ = os.environ if environ is None else environ
    if environ.get(ADDRESS):
        return environ[ADDRESS]
    seen: set[str] = set()
    for address in _candidates(environ, proc):
        if address not in seen:
            seen.add(address)
            if has_keyring(address):
                return address
    return None


def use_session_bus() -> str | None:
    """Point this process's keyring at the person's session bus when its environment
    names none (a cron job); a backend chosen by PYTHON_KEYRING_BACKEND is left alone.
    The address used, if any."""
    if os.environ.get(ADDRESS) or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return os.environ.get(ADDRESS)
    address = session_bus()
    if address is not None:
        os.environ[ADDRESS] = address
    return address


def has_keyring(address: str) -> bool:
    """Whether a keyring answers on the bus at `address` (False for a bus that is gone)."""
    try:
        from jeepney import DBus
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:  # no Secret Service client here: take the bus as found
        return True
    try:
        connection = open_dbus_connection(address, auth_timeout=TIMEOUT)
    except (OSError, ValueError, RuntimeError, KeyError, StopIteration):
        return False  # a socket gone, a refusal, an address of another kind
    try:
        bus = DBus()
        for name in KEYRING_NAMES:
            reply = connection.send_and_get_reply(bus.NameHasOwner(name), timeout=TIMEOUT)
            if reply.body and reply.body[0]:
                return True
    except (OSError, ValueError):
        return False
    finally:
        connection.close()
    return False


def _candidates(environ: Mapping[str, str], proc: Path) -> Iterator[str]:
    uid = os.getuid()
    runtime = environ.get("XDG_RUNTIME_DIR") or f"/run/user/{uid}"
    socket = Path(runtime) / "bus"
    try:
        found = socket.stat()
    except OSError:
        pass
    else:
        if stat.S_ISSOCK(found.st_mode) and found.st_uid == uid:
            yield f"unix:path={socket}"
    yield from _from_processes(environ.get("HOME"), uid, proc)


def _from_processes(home: str | None, uid: int, proc: Path) -> Iterator[str]:
    """The session bus addresses this person's processes were started with: those of
    the same home first (cron gives HOME), the keyring daemon's before the others, the
    newest first."""
    found = []
    try:
        entries = list(proc.iterdir())
    except OSError:
        return
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            environment = _environment((entry / "environ").read_bytes())
            name = (entry / "comm").read_text().strip()
            started = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[19])
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile, or not ours to read
        address = environment.get(ADDRESS)
        if address:
            rank = (environment.get("HOME") == home, name in KEYRING_DAEMONS, started)
            found.append((rank, address))
    found.sort(reverse=True)
    yield from (address for _, address in found)


def _environment(data: bytes) -> dict[str, str]:
    pairs = (item.partition(b"=") for item in data.split(b"\0") if b"=" in item)
    return {key.decode(errors="replace"): value.decode(errors="replace") for key, _, value in pairs}
