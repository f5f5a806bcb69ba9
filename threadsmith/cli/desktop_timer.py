"""`thread schedule install | uninstall` on a Mac (a launchd agent) and on Windows (a
Task Scheduler task), the choice of timer by platform, and `--dry-run` for every kind.

Each timer runs the `thread` that installed it, by its absolute path: a later PATH, or
another threadsmith installed beside it, changes nothing.
"""

from __future__ import annotations

import argparse
import getpass
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

SLEEP = (
    "While the computer sleeps or is off nothing is published; on waking the timer runs "
    "once, and a thread found later than its grace period (30 minutes unless `--grace` "
    "says otherwise) is marked missed, not sent: `thread schedule run --id ID --now` "
    "sends it anyway."
)


def operating_system() -> str:
    """`sys.platform`, read when asked (the tests play a Mac or Windows through it)."""
    return sys.platform


def chosen(args: argparse.Namespace) -> str:
    """The timer asked for, else the platform's own: launchd on a Mac, Task Scheduler on
    Windows, a systemd user timer where systemd runs, cron elsewhere."""
    from threadsmith.schedule import timer

    for kind in ("launchd", "schtasks", "systemd", "cron"):
        if getattr(args, kind, False):
            return kind
    here = operating_system()
    if here == "darwin":
        return "launchd"
    if here == "win32":
        return "schtasks"
    return "systemd" if timer.systemd_runs() else "cron"


def runner_command() -> list[str]:
    """`thread schedule run` by the absolute path of the `thread` running now; where this
    is not a `thread` script (`python -m threadsmith`), this Python with `-m threadsmith`."""
    names = ("thread.exe", "thread") if operating_system() == "win32" else ("thread",)
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name in names and started.is_file():
        return [str(started.absolute()), "schedule", "run"]
    for name in names:
        beside = Path(sys.executable).parent / name  # a venv's or a tool's own scripts
        if beside.is_file():
            return [str(beside.absolute()), "schedule", "run"]
    return [sys.executable, "-m", "threadsmith", "schedule", "run"]


def task_command() -> list[str]:
    """What the Windows task runs: this installation's `pythonw.exe -m threadsmith`,
    which opens no console window (a task running `thread.exe` would flash one up every
    minute); `thread` by its absolute path where there is no pythonw.exe."""
    windowless = Path(sys.executable).parent / "pythonw.exe"
    if windowless.is_file():
        return [str(windowless.absolute()), "-m", "threadsmith", "schedule", "run"]
    return runner_command()


def run(command: Sequence[str]) -> str | None:
    """Run `command`; None when it worked, else its first line of complaint."""
    shown = " ".join(command)
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"`{shown}` could not run ({error})"
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        return f"`{shown}` failed: {said[0] if said else f'exit {done.returncode}'}"
    return None


def install(args: argparse.Namespace, kind: str) -> int:
    if kind == "launchd":
        return _install_launchd(args.dry_run)
    if kind == "schtasks":
        return _install_schtasks(args.dry_run)
    return _dry_run_linux(kind)


def uninstall_here(args: argparse.Namespace) -> bool:
    """Whether `uninstall` is this module's: on a Mac, on Windows, or when asked."""
    return bool(getattr(args, "launchd", False) or getattr(args, "schtasks", False)) or (
        operating_system() in ("darwin", "win32")
    )


def uninstall(args: argparse.Namespace) -> int:
    if args.launchd or (not args.schtasks and operating_system() == "darwin"):
        return _uninstall_launchd()
    return _uninstall_schtasks()


def _install_launchd(dry_run: bool) -> int:
    from threadsmith.schedule import launchd, timer

    path, log = launchd.plist_path(Path.home()), timer.log_path()
    agent = launchd.plist_bytes(runner_command(), timer.kept_environment(), log)
    commands = launchd.load_commands(os.getuid(), path)
    if dry_run:
        print(f"Would write {path}:\n{agent.decode('utf-8')}")
        print("Would run:\n" + "\n".join(f"  {' '.join(c)}" for c in commands))
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(agent)
    print(f"Wrote {path}")
    run(commands[0])  # an older agent unloaded: none may be running, which is fine
    problem = run(commands[1])
    if problem is not None:
        print(f"thread: {problem}; load it yourself with: {' '.join(commands[1])}", file=sys.stderr)
        return 1
    print(
        f"launchd runs `thread schedule run` every minute while you are logged in. Its log: {log}"
    )
    print(SLEEP)
    return 0


def _uninstall_launchd() -> int:
    from threadsmith.schedule import launchd

    path = launchd.plist_path(Path.home())
    if not path.exists():
        print("No threadsmith agent was installed here.")
        return 0
    if not launchd.ours(path):
        print(f"{path} is not threadsmith's (its Label differs): left alone.")
        return 1
    run(launchd.unload_command(os.getuid()))  # not loaded (after a restart) is fine
    path.unlink()
    print(f"Removed {path}")
    return 0


def windows_user() -> str:
    """The signed-in person as Task Scheduler names them: DOMAIN\\name."""
    name = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{name}" if domain else name


def _install_schtasks(dry_run: bool) -> int:
    from threadsmith.schedule import schtasks

    definition = schtasks.task_xml(task_command(), windows_user(), datetime.now())
    if dry_run:
        print(f"Would create the task {schtasks.TASK}:\n{definition.decode('utf-16')}")
        print(f"Would run:\n  {' '.join(schtasks.create_command('TASK.xml'))}")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        xml_file = Path(folder) / f"{schtasks.TASK}.xml"
        xml_file.write_bytes(definition)
        problem = run(schtasks.create_command(str(xml_file)))
    if problem is not None:
        print(f"thread: {problem}", file=sys.stderr)
        return 1
    print(
        f"Task Scheduler runs `thread schedule run` every minute while you are signed in "
        f"(the task {schtasks.TASK}; see it in Task Scheduler's library)."
    )
    print(SLEEP)
    return 0


def _uninstall_schtasks() -> int:
    from threadsmith.schedule import schtasks

    problem = run(schtasks.delete_command())
    if problem is not None:
        print(f"No threadsmith task was removed: {problem}")
        return 0
    print(f"Removed the task {schtasks.TASK}")
    return 0


def _dry_run_linux(kind: str) -> int:
    """What `install` would write and run for systemd or cron, nothing done."""
    from threadsmith.schedule import timer

    # as `install` writes them now: this Python with `-m threadsmith`
    command, environment = timer.runner_command(), timer.kept_environment()
    if kind == "cron":
        print("Would print this line for your crontab (crontab -e):")
        print(timer.crontab_line(command, environment, timer.log_path()))
        return 0
    folder = timer.unit_dir()
    print(f"Would write {folder / (timer.UNIT + '.service')}:")
    print(timer.service_text(command, environment))
    print(f"Would write {folder / (timer.UNIT + '.timer')}:")
    print(timer.timer_text())
    print(
        "Would run:\n" + "\n".join(f"  {line}" for line in timer.systemctl_commands(timer.ENABLE))
    )
    return 0


def add_options(
    how: argparse._MutuallyExclusiveGroup,
    install: argparse.ArgumentParser,
    uninstall: argparse.ArgumentParser,
) -> None:
    """The install options beside `--systemd | --cron`, and uninstall's."""
    how.add_argument("--launchd", action="store_true", help="a launchd agent (macOS)")
    how.add_argument("--schtasks", action="store_true", help="a Task Scheduler task (Windows)")
    install.add_argument(
        "--dry-run", action="store_true", help="print what would be written and run; do nothing"
    )
    which = uninstall.add_mutually_exclusive_group()
    which.add_argument("--launchd", action="store_true", help="the launchd agent (macOS)")
    which.add_argument("--schtasks", action="store_true", help="the Task Scheduler task")


def installed_here() -> bool:
    """Whether this Mac's agent or this PC's task is installed (False elsewhere)."""
    from threadsmith.schedule import launchd, schtasks

    if operating_system() == "darwin":
        return launchd.plist_path(Path.home()).exists()
    if operating_system() == "win32":
        return run(schtasks.query_command()) is None
    return False
