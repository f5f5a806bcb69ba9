"""The crontab line without systemd, run as cron runs it: a bare environment (what
`env -i` leaves, plus the few variables cron sets), against the real Secret Service
keyring of a login whose session bus is at an address no crontab line could name ahead
(`dbus-daemon --session` picks a new `/tmp/dbus-…` each time, as a login without
systemd does). The runner finds the bus, reads the account's secrets and publishes
to a real PDS. Where no keyring could be reached, `install` says what the machine
needs instead of printing a line."""

from __future__ import annotations

import getpass
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support.pds import LocalPDS
from support.schedules import AHEAD, booked_id, bring_due
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login
from threadsmith.cli import main
from threadsmith.schedule import session_bus


def as_cron_runs(line: str, home: str) -> subprocess.CompletedProcess[str]:
    """The line's command in the environment cron gives it (crontab(5)): nothing of the
    login's, but HOME, LOGNAME, SHELL and a short PATH; `\\%` becomes `%`."""
    command = line.split(" ", 5)[5].replace("\\%", "%")
    cron = [f"HOME={home}", f"LOGNAME={getpass.getuser()}", "SHELL=/bin/sh", "PATH=/usr/bin:/bin"]
    return subprocess.run(
        [shutil.which("env") or "/usr/bin/env", "-i", *cron, "/bin/sh", "-c", command],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.realparts
def test_the_crontab_line_reaches_the_keyring_and_publishes_as_cron_runs_it(
    secret_service: dict[str, str], pds: LocalPDS, tmp_path: Path
) -> None:
    thread = Thread(secret_service, tmp_path / "data")
    thread.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    thread.env["XDG_STATE_HOME"] = str(tmp_path / "state")
    thread.env.pop("PYTHON_KEYRING_BACKEND", None)
    bus = secret_service["DBUS_SESSION_BUS_ADDRESS"]
    assert "/run/user/" not in bus  # a login's bus without systemd: nowhere to guess
    account = pds.create_account("cron")
    login(thread, pds, account)  # its secrets go into the keyring on that bus
    source = essay(tmp_path / "essay.md", paragraphs=3)
    booked = thread("schedule", str(source), "--to", "bluesky", "--at", AHEAD, "--yes")
    assert booked.returncode == 0, booked.stdout + booked.stderr
    installed = thread("schedule", "install", "--cron")
    assert installed.returncode == 0, installed.stderr
    line = installed.stdout.strip()
    assert line.startswith("* * * * * ") and "\n" not in line  # the line alone: for `crontab -`
    assert "DBUS_SESSION_BUS_ADDRESS" not in line  # found when it runs, not guessed now
    assert "while you are logged in with your keyring unlocked" in installed.stderr
    bring_due(thread, booked_id(booked.stdout))
    ran = as_cron_runs(line, secret_service["HOME"])
    log = tmp_path / "state" / "threadsmith" / "schedule.log"
    said = log.read_text()
    assert ran.returncode == 0, said
    assert "no usable system keyring" not in said
    assert re.search(rf"Bluesky @{re.escape(account.handle)}: published: https://", said), said
    assert_chain(pds, account, len(split(source.read_text(), "bluesky").posts))


@pytest.mark.realparts
def test_the_runner_finds_the_keyring_daemons_bus_among_stale_ones(
    secret_service: dict[str, str], tmp_path: Path
) -> None:
    """Processes of earlier logins name buses that are gone; another person's home is
    not this one: the bus the keyring answers on, of this home, is the one taken."""
    proc = tmp_path / "proc"
    live = secret_service["DBUS_SESSION_BUS_ADDRESS"]
    home = secret_service["HOME"]
    processes = {
        "101": ("bash", home, "unix:path=/tmp/dbus-gone,guid=1", 9000),
        "102": ("gnome-keyring-d", home, live, 500),
        "103": ("gnome-keyring-d", "/elsewhere", "unix:path=/tmp/dbus-other,guid=2", 9500),
    }
    for pid, (name, its_home, address, started) in processes.items():
        folder = proc / pid
        folder.mkdir(parents=True)
        (folder / "comm").write_text(name + "\n")
        variables = f"HOME={its_home}\0DBUS_SESSION_BUS_ADDRESS={address}\0PATH=/usr/bin\0"
        (folder / "environ").write_bytes(variables.encode())
        fields = ["S", *(["0"] * 18), str(started), "0"]  # starttime is field 22
        (folder / "stat").write_text(f"{pid} ({name}) {' '.join(fields)}\n")
    runtime = tmp_path / "run"  # no `bus` socket in it, as without systemd
    environ = {"HOME": home, "XDG_RUNTIME_DIR": str(runtime)}
    assert session_bus.session_bus(environ, proc=proc) == live
    assert not session_bus.has_keyring("unix:path=/tmp/dbus-gone,guid=1")
    assert session_bus.session_bus({**environ, "DBUS_SESSION_BUS_ADDRESS": "given"}) == "given"
    (proc / "102").rename(tmp_path / "ended")  # the login ended: its keyring with it
    assert session_bus.session_bus(environ, proc=proc) is None


def test_with_no_keyring_to_reach_install_says_what_the_machine_needs(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(session_bus, "session_bus", lambda *args, **kwargs: None)
    assert main(["schedule", "install", "--cron"]) != 0
    out, err = capsys.readouterr()
    assert out == ""  # no line that cannot work
    assert err.startswith("thread: no crontab line given: ") and err.count("\n") == 1
    assert "This machine needs systemd" in err and "gnome-keyring-daemon --unlock" in err
    assert not (tmp_path / "state").exists()


def test_a_keyring_backend_named_in_the_environment_needs_no_bus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.cryptfile.cryptfile.CryptFileKeyring")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(session_bus, "session_bus", lambda *args, **kwargs: None)
    assert main(["schedule", "install", "--cron"]) == 0
    line = capsys.readouterr().out
    assert "PYTHON_KEYRING_BACKEND=keyrings.cryptfile.cryptfile.CryptFileKeyring " in line
