"""`thread doctor` on this computer's parts: the real Secret Service keyring unlocked,
locked and absent, no timer, a damaged or open database; each a line saying what to
do, exit 1 when anything needs fixing, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from support.secret_service import locked_keyring
from threadsmith import doctor
from threadsmith.cli import main
from threadsmith.doctor import checks, machine
from threadsmith.doctor.finding import Finding


def one(found: list[Finding]) -> Finding:
    (finding,) = found
    return finding


def test_an_unlocked_secret_service_is_named_and_well(secret_service: dict[str, str]) -> None:
    finding = one(checks.keyring())
    assert (finding.state, finding.said) == ("ok", "Secret Service, unlocked")


def test_a_locked_secret_service_says_how_to_unlock_it(secret_service: dict[str, str]) -> None:
    with locked_keyring():
        finding = one(checks.keyring())
    assert finding.state == "fix"
    assert "locked" in finding.said
    assert "gnome-keyring-daemon --unlock --components=secrets" in finding.todo


def test_no_keyring_says_what_to_install_and_unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        monkeypatch.setattr(sys, "platform", "linux")
        finding = one(checks.keyring())
    finally:
        keyring.set_keyring(previous)
    assert finding.state == "fix"
    assert "apt install gnome-keyring" in finding.todo
    assert "dbus-run-session" in finding.todo


def test_no_keyring_from_the_command_is_exit_1_in_json(computer: Path) -> None:
    # no Secret Service on the session bus (none at all): keyring finds no backend itself
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={computer}/no-bus"}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = subprocess.run([sys.executable, "-m", "threadsmith", "doctor", "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert report["ok"] is False
    (found,) = [c for c in report["checks"] if c["topic"] == "keyring"]
    assert found["state"] == "fix" and found["todo"]


def test_no_timer_says_to_install_one(computer: Path) -> None:
    finding = one(machine.timer())
    assert finding.state == "fix"
    assert "thread schedule install" in finding.todo


def test_a_written_timer_is_found(computer: Path) -> None:
    from threadsmith.schedule import timer

    timer.write_units(timer.unit_dir(), ["thread", "schedule", "run"], {})
    finding = one(machine.timer())
    assert finding.state == "ok"
    assert "systemd" in finding.said


def test_a_damaged_database_says_to_move_it_aside(
    computer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from threadsmith.paths import database_path, private_dir

    path = database_path()
    private_dir(path.parent)
    path.write_bytes(b"this is no database " * 300)
    path.chmod(0o600)
    assert main(["doctor"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    (line,) = [ln for ln in out.out.splitlines() if ln.startswith("[fix] database:")]
    assert "is damaged" in line and f"mv {path} {path}.damaged" in line
    (accounts,) = [ln for ln in out.out.splitlines() if " accounts:" in ln]
    assert "see the database line" in accounts


def test_a_database_others_can_read_says_which_chmod(computer: Path) -> None:
    from threadsmith.store import open_store

    open_store().close()
    from threadsmith.paths import database_path

    database_path().chmod(0o644)
    found = machine.database()
    assert [f.todo for f in found if f.state == "fix"] == [f"run `chmod 600 {database_path()}`"]
    assert found[-1].state == "ok" and "whole" in found[-1].said


def test_a_whole_database_is_well(computer: Path) -> None:
    from threadsmith.store import open_store

    open_store().close()
    finding = one(machine.database())
    assert finding.state == "ok"


def test_a_check_that_breaks_is_a_line_not_a_traceback() -> None:
    def broken() -> list[Finding]:
        raise KeyError("boom")

    found = doctor.examine([broken, checks.versions])
    assert [f.state for f in found] == ["fix", "ok"]
    assert "could not be checked" in found[0].line()
    assert not doctor.all_well(found)


def test_each_line_that_needs_fixing_says_what_to_do(computer: Path) -> None:
    for finding in doctor.examine():
        if finding.state != "ok":
            assert finding.todo, finding


def test_on_a_mac_the_launchd_agent_is_the_timer(
    computer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threadsmith.schedule import launchd

    monkeypatch.setenv("HOME", str(computer))
    monkeypatch.setattr(sys, "platform", "darwin")
    assert one(machine.timer()).state == "fix"
    path = launchd.plist_path(computer)
    path.parent.mkdir(parents=True)
    path.write_bytes(launchd.plist_bytes(["thread", "schedule", "run"], {}, computer / "log"))
    finding = one(machine.timer())
    assert finding.state == "ok" and "launchd agent" in finding.said


def test_on_windows_the_task_and_when_it_last_ran(
    computer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schtasks = computer / "bin" / "schtasks"
    listed = "TaskName: \\\\threadsmith-schedule\\r\\nLast Run Time:   07/12/2026 15:00:00\\r\\n"
    schtasks.write_text(f'#!/bin/sh\nprintf "{listed}"\nexit "${{FAKE_EXIT:-0}}"\n')
    schtasks.chmod(0o755)
    monkeypatch.setattr(sys, "platform", "win32")
    finding = one(machine.timer())
    assert finding.state == "ok" and finding.said.endswith("it last ran 07/12/2026 15:00:00")
    monkeypatch.setenv("FAKE_EXIT", "1")  # ERROR: The system cannot find the file specified.
    assert one(machine.timer()).state == "fix"
