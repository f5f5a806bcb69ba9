"""The user's timer: systemd unit files written into a temporary config dir and checked
by systemd itself (`systemd-analyze verify`), and the crontab line run as cron would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.realparts import require_real_part
from threadsmith.schedule import timer

REASON = "checking unit files needs systemd-analyze (Debian: apt-get install systemd)"


def thread(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args], capture_output=True, text=True,
        env={**os.environ, **env}, timeout=120,
    )  # fmt: skip


def verify(folder: Path, runtime: Path) -> subprocess.CompletedProcess[str]:
    """systemd's own check of the unit files, as the user's manager would load them."""
    runtime.mkdir(mode=0o700, exist_ok=True)
    return subprocess.run(
        ["systemd-analyze", "--user", "verify", f"{timer.UNIT}.service", f"{timer.UNIT}.timer"],
        cwd=folder, capture_output=True, text=True, timeout=60,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )  # fmt: skip


@pytest.mark.realparts
def test_install_writes_units_systemd_accepts_and_uninstall_removes_them(tmp_path: Path) -> None:
    require_real_part(shutil.which("systemd-analyze") is not None, REASON)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "d 50%")}
    installed = thread(env, "schedule", "install", "--systemd", "--no-enable")
    assert installed.returncode == 0, installed.stderr
    folder = tmp_path / "config" / "systemd" / "user"
    assert "systemctl --user enable --now threadsmith-schedule.timer" in installed.stdout
    service = (folder / f"{timer.UNIT}.service").read_text()
    assert f"ExecStart={sys.executable} -m threadsmith schedule run\n" in service
    assert f'Environment="XDG_DATA_HOME={tmp_path}/d 50%%"\n' in service  # % doubled for systemd
    assert "OnCalendar=*-*-* *:*:00" in (folder / f"{timer.UNIT}.timer").read_text()
    checked = verify(folder, tmp_path / "run")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stderr == "", checked.stderr  # not even a warning
    removed = thread(env, "schedule", "uninstall")
    assert removed.returncode == 0 and removed.stdout.count("Removed ") == 2
    assert list(folder.iterdir()) == []
    assert "No threadsmith timer" in thread(env, "schedule", "uninstall").stdout


@pytest.mark.realparts
def test_systemd_refuses_a_broken_unit_so_the_check_means_something(tmp_path: Path) -> None:
    require_real_part(shutil.which("systemd-analyze") is not None, REASON)
    written = timer.write_units(tmp_path, ["/nowhere/python", "-m", "threadsmith"], {})
    assert verify(tmp_path, tmp_path / "run").returncode != 0
    written.service.unlink()
    command = [sys.executable, "-m", "threadsmith", "schedule", "run"]
    timer.write_units(tmp_path, command, {"XDG_DATA_HOME": '/a "quoted" $HOME \\ path'})
    assert verify(tmp_path, tmp_path / "run").returncode == 0


def test_the_crontab_line_runs_the_runner_as_cron_would(tmp_path: Path) -> None:
    data = tmp_path / "data 100%"
    log = tmp_path / "state" / "schedule.log"
    line = timer.crontab_line(timer.runner_command(), {"XDG_DATA_HOME": str(data)}, log)
    fields = line.split(" ", 5)
    assert fields[:5] == ["*"] * 5  # every minute
    assert "DBUS_SESSION_BUS_ADDRESS" not in line  # the runner finds the login's bus itself
    assert "100\\%" in line and "100%" not in line.replace("\\%", "")  # cron reads % as a newline
    log.parent.mkdir()
    command = fields[5].replace("\\%", "%")  # what cron hands to /bin/sh
    for _ in range(2):
        done = subprocess.run(["/bin/sh", "-c", command], env={"PATH": "/usr/bin:/bin"}, timeout=60)
        assert done.returncode == 0
    assert log.read_text() == ""  # nothing due: nothing said, exit 0
    assert (data / "threadsmith" / "threadsmith.db").exists()  # the store the line names


@pytest.mark.realparts
def test_install_without_systemd_prints_the_crontab_line(
    secret_service: dict[str, str], tmp_path: Path
) -> None:
    """(Where a keyring runs for it to reach: see test_cron_keyring.py for where none does.)"""
    env = {
        **secret_service,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "s"),
    }
    printed = thread(env, "schedule", "install", "--cron")
    assert printed.returncode == 0
    assert printed.stdout.startswith("* * * * * ") and "schedule run >> " in printed.stdout
    assert shlex.quote(str(tmp_path / "s" / "threadsmith" / "schedule.log")) in printed.stdout
    assert (tmp_path / "s" / "threadsmith").is_dir()  # where cron's `>>` will write
    assert not (tmp_path / "config").exists()  # no unit file for cron
