"""`thread schedule install | uninstall` for a Mac (launchd) and Windows (Task
Scheduler), played here on Linux: the property list and the task's XML are read back
with plistlib and ElementTree, and `launchctl` / `schtasks` are stand-ins on PATH that
note what they were asked (the real ones run only on those systems)."""

from __future__ import annotations

import os
import plistlib
import stat
import sys
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from threadsmith.cli import desktop_timer, main
from threadsmith.schedule import launchd, schtasks

NS = {"t": schtasks.NAMESPACE}
THREAD = str(Path(sys.executable).parent / "thread")  # this venv's, as pytest runs it


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home, and `launchctl`/`schtasks` that log their arguments (one call a line) and
    keep a copy of the XML they were given."""
    home, tools = tmp_path / "home", tmp_path / "bin"
    home.mkdir()
    tools.mkdir()
    for name in ("launchctl", "schtasks"):
        tool = tools / name
        tool.write_text(
            "#!/bin/sh\n"
            f'echo "$*" >> {tmp_path}/calls\n'
            'prev=""; for a in "$@"; do [ "$prev" = /XML ] && cp "$a" '
            f"{tmp_path}/task.xml; prev=$a; done\n"
            'exit "${FAKE_EXIT:-0}"\n'
        )
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    return tmp_path


def calls(machine: Path) -> list[str]:
    path = machine / "calls"
    return path.read_text().splitlines() if path.exists() else []


def on(monkeypatch: pytest.MonkeyPatch, system: str) -> None:
    monkeypatch.setattr(desktop_timer, "operating_system", lambda: system)


def test_the_launchd_agent_runs_the_installing_thread_every_minute(
    machine: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    on(monkeypatch, "darwin")
    assert main(["schedule", "install"]) == 0
    path = machine / "home" / "Library" / "LaunchAgents" / "org.threadsmith.schedule.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.threadsmith.schedule"
    assert agent["ProgramArguments"] == [THREAD, "schedule", "run"]
    assert Path(agent["ProgramArguments"][0]).is_absolute()
    assert agent["StartInterval"] == 60
    assert agent["EnvironmentVariables"] == {"XDG_DATA_HOME": str(machine / "data")}
    assert agent["StandardOutPath"] == agent["StandardErrorPath"]
    assert Path(agent["StandardOutPath"]).parent.is_dir()  # launchd cannot make the folder
    uid = os.getuid()
    assert calls(machine) == [
        f"bootout gui/{uid}/org.threadsmith.schedule",
        f"bootstrap gui/{uid} {path}",  # the person's own GUI session: their Keychain
    ]
    out = capsys.readouterr().out
    assert "missed" in out and "grace" in out  # what a sleeping Mac means, said plainly


def test_uninstall_removes_the_agent_it_wrote_and_nothing_else(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "darwin")
    agents = machine / "home" / "Library" / "LaunchAgents"
    assert main(["schedule", "install"]) == 0
    other = agents / "com.example.other.plist"
    other.write_bytes(plistlib.dumps({"Label": "com.example.other"}))
    assert main(["schedule", "uninstall"]) == 0
    assert sorted(p.name for p in agents.iterdir()) == ["com.example.other.plist"]
    assert calls(machine)[-1] == f"bootout gui/{os.getuid()}/org.threadsmith.schedule"


def test_uninstall_leaves_a_file_of_our_name_that_is_not_ours(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "darwin")
    path = launchd.plist_path(machine / "home")
    path.parent.mkdir(parents=True)
    path.write_bytes(plistlib.dumps({"Label": "someone.else"}))
    assert main(["schedule", "uninstall"]) == 1
    assert path.exists()
    assert calls(machine) == []


def test_a_refused_bootstrap_is_one_line_with_the_command_to_run(
    machine: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    on(monkeypatch, "darwin")
    monkeypatch.setenv("FAKE_EXIT", "5")
    assert main(["schedule", "install", "--launchd"]) == 1
    err = capsys.readouterr().err
    assert "launchctl bootstrap gui/" in err and "Traceback" not in err


def test_the_windows_task_runs_the_installing_thread_every_minute_as_the_person(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "win32")
    monkeypatch.setenv("USERDOMAIN", "SCHOOL")
    monkeypatch.setenv("USERNAME", "head")
    assert main(["schedule", "install"]) == 0
    assert calls(machine)[0].startswith("/Create /TN threadsmith-schedule /XML ")
    data = (machine / "task.xml").read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16 with its byte-order mark, as schtasks reads
    task = ElementTree.fromstring(data)
    (trigger,) = task.findall("t:Triggers/t:TimeTrigger", NS)
    assert trigger.findtext("t:Repetition/t:Interval", namespaces=NS) == "PT1M"
    assert trigger.find("t:Repetition/t:Duration", NS) is None  # for ever
    datetime.fromisoformat(trigger.findtext("t:StartBoundary", namespaces=NS) or "")
    principal = task.find("t:Principals/t:Principal", NS)
    assert principal is not None
    assert principal.findtext("t:UserId", namespaces=NS) == "SCHOOL\\head"
    assert principal.findtext("t:LogonType", namespaces=NS) == "InteractiveToken"
    assert task.findtext("t:Settings/t:StartWhenAvailable", namespaces=NS) == "true"
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == THREAD
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) == "schedule run"


def test_a_path_with_spaces_is_one_argument_for_windows() -> None:
    data = schtasks.task_xml(
        ["C:\\Program Files\\thread.exe", "schedule", "run", "a b"], "me", datetime(2026, 1, 1)
    )
    task = ElementTree.fromstring(data)
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == (
        "C:\\Program Files\\thread.exe"
    )
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) == 'schedule run "a b"'


def test_windows_uninstall_deletes_the_task_by_its_name(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "win32")
    assert main(["schedule", "uninstall"]) == 0
    assert calls(machine) == ["/Delete /TN threadsmith-schedule /F"]


@pytest.mark.parametrize(
    ("system", "flags", "kind"),
    [
        ("darwin", [], "launchd"),
        ("win32", [], "schtasks"),
        ("darwin", ["--cron"], "cron"),
        ("linux", ["--launchd"], "launchd"),
        ("linux", ["--schtasks"], "schtasks"),
        ("win32", ["--systemd"], "systemd"),
    ],
)
def test_the_timer_is_chosen_by_operating_system_unless_forced(
    system: str, flags: list[str], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threadsmith.cli import build_parser

    on(monkeypatch, system)
    args = build_parser("schedule").parse_args(["schedule", "install", *flags])
    assert desktop_timer.chosen(args) == kind


@pytest.mark.parametrize("flag", ["--launchd", "--schtasks", "--systemd", "--cron"])
def test_a_dry_run_writes_and_runs_nothing(
    flag: str, machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(machine.rglob("*"))
    assert main(["schedule", "install", flag, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert sorted(machine.rglob("*")) == before
    assert calls(machine) == []
    assert "Would" in out
    assert "schedule" in out and "run" in out


def test_a_dry_run_shows_the_agent_and_the_launchctl_commands(
    machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedule", "install", "--launchd", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "<key>StartInterval</key>" in out
    assert f"launchctl bootstrap gui/{os.getuid()} " in out


def test_the_runner_is_the_thread_script_that_was_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "bin" / "thread"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "schedule", "install"])
    assert desktop_timer.runner_command() == [str(script), "schedule", "run"]


def test_the_windows_task_runs_this_installations_pythonw_so_no_window_opens(
    machine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = machine / "venv" / "Scripts"
    scripts.mkdir(parents=True)
    for name in ("python.exe", "pythonw.exe", "thread.exe"):
        (scripts / name).write_bytes(b"MZ")
    monkeypatch.setattr(sys, "executable", str(scripts / "python.exe"))
    on(monkeypatch, "win32")
    assert main(["schedule", "install"]) == 0
    task = ElementTree.fromstring((machine / "task.xml").read_bytes())
    exec_ = task.find("t:Actions/t:Exec", NS)
    assert exec_ is not None
    assert exec_.findtext("t:Command", namespaces=NS) == str(scripts / "pythonw.exe")
    assert exec_.findtext("t:Arguments", namespaces=NS) == "-m threadsmith schedule run"
