"""The user's own timer that runs `thread schedule run` every minute: a systemd user
timer where systemd runs, else a crontab line. threadsmith needs no server of its own.

The unit files go where systemd looks for a user's units
(`$XDG_CONFIG_HOME/systemd/user`, by default ~/.config/systemd/user). They run this
very Python with `-m threadsmith`, and carry the environment that decides which
database and keyring the runner uses (`XDG_DATA_HOME`, `PYTHON_KEYRING_BACKEND`), so
the timer publishes from the same store the person scheduled into.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

UNIT = "threadsmith-schedule"
# What decides where the runner finds the store and the keyring: kept for the timer.
KEPT_ENVIRONMENT = ("XDG_DATA_HOME", "PYTHON_KEYRING_BACKEND")
ENABLE = (("daemon-reload",), ("enable", "--now", f"{UNIT}.timer"))
DISABLE = (("disable", "--now", f"{UNIT}.timer"), ("daemon-reload",))


def runner_command() -> list[str]:
    """`thread schedule run`, as this installation runs it (whatever PATH says later)."""
    return [sys.executable, "-m", "threadsmith", "schedule", "run"]


def kept_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    environ = os.environ if environ is None else environ
    return {name: environ[name] for name in KEPT_ENVIRONMENT if environ.get(name)}


def unit_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where systemd reads this user's own units."""
    environ = os.environ if environ is None else environ
    config = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def service_text(command: Sequence[str], environment: Mapping[str, str]) -> str:
    lines = [
        "[Unit]",
        "Description=threadsmith: publish the scheduled threads that are due",
        "",
        "[Service]",
        "Type=oneshot",
        f"ExecStart={' '.join(_systemd_word(word) for word in command)}",
        *(f"Environment={_systemd_word(f'{k}={v}')}" for k, v in sorted(environment.items())),
    ]
    return "\n".join(lines) + "\n"


def timer_text() -> str:
    # Persistent: a minute missed while the computer was off fires once it is back, and
    # the runner then decides, by the grace period, what is still worth publishing.
    return (
        "[Unit]\n"
        "Description=Run threadsmith's scheduled threads every minute\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=*-*-* *:*:00\n"
        "AccuracySec=1s\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def crontab_line(command: Sequence[str], environment: Mapping[str, str], log: Path) -> str:
    """The line for `crontab -e`: every minute, the output appended to `log`. It names no
    session bus: without systemd each login starts its bus somewhere new, and the
    runner finds it when it runs (`threadsmith.schedule.session_bus`)."""
    prefix = "".join(f"{name}={shlex.quote(value)} " for name, value in environment.items())
    words = " ".join(shlex.quote(word) for word in command)
    line = f"* * * * * {prefix}{words} >> {shlex.quote(str(log))} 2>&1"
    return line.replace("%", "\\%")  # cron reads a bare % as a newline


def cron_reaches_keyring(environment: Mapping[str, str]) -> bool:
    """Whether the crontab line's runner would reach a keyring now: a backend named by
    PYTHON_KEYRING_BACKEND (kept in the line), or a session bus with a keyring on it,
    found from the bare environment cron gives (its HOME, no session bus). Checked on
    Linux only: elsewhere the keyring is not reached through D-Bus."""
    if environment.get("PYTHON_KEYRING_BACKEND") or not sys.platform.startswith("linux"):
        return True
    from threadsmith.schedule.session_bus import session_bus

    return session_bus({"HOME": os.environ.get("HOME", "")}) is not None


def log_path() -> Path:
    """Where the cron line keeps the runner's log (systemd keeps it in the journal)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("threadsmith", appauthor=False)) / "schedule.log"


@dataclass(frozen=True, slots=True)
class Written:
    service: Path
    timer: Path


def write_units(folder: Path, command: Sequence[str], environment: Mapping[str, str]) -> Written:
    """The service and timer files, written into `folder` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    service, timer = folder / f"{UNIT}.service", folder / f"{UNIT}.timer"
    service.write_text(service_text(command, environment), encoding="utf-8")
    timer.write_text(timer_text(), encoding="utf-8")
    return Written(service, timer)


def remove_units(folder: Path) -> list[Path]:
    """The unit files removed from `folder` (none if there were none)."""
    removed = []
    for name in (f"{UNIT}.timer", f"{UNIT}.service"):
        path = folder / name
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def installed(folder: Path) -> bool:
    return (folder / f"{UNIT}.timer").exists()


def enabled(folder: Path) -> bool:
    """Whether `systemctl --user enable` linked the timer in (what uninstall undoes)."""
    return (folder / "timers.target.wants" / f"{UNIT}.timer").is_symlink()


def in_crontab() -> bool:
    """Whether the user's crontab runs `thread schedule run` already."""
    crontab = shutil.which("crontab")
    if crontab is None:
        return False
    try:
        listed = subprocess.run([crontab, "-l"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return listed.returncode == 0 and "threadsmith schedule run" in listed.stdout


def systemd_runs() -> bool:
    """Whether this computer was started by systemd (as `sd_booted()` tells) and has
    `systemctl`: then a user timer can run; else cron is the way."""
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def systemctl_commands(steps: Sequence[Sequence[str]]) -> list[str]:
    return [" ".join(["systemctl", "--user", *step]) for step in steps]


def run_systemctl(steps: Sequence[Sequence[str]]) -> str | None:
    """Run `systemctl --user` for each step; the first failure's one line, or None."""
    for step in steps:
        try:
            done = subprocess.run(
                ["systemctl", "--user", *step], capture_output=True, text=True, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"`systemctl --user {' '.join(step)}` could not run ({error})"
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            return f"`systemctl --user {' '.join(step)}` failed: {said[0] if said else '?'}"
    return None


def _systemd_word(word: str) -> str:
    """One word of a unit file's command line or assignment, quoted as systemd reads it
    (specifiers start with %, variables with $: both doubled to stay literal)."""
    word = word.replace("%", "%%").replace("$", "$$")
    if not word or any(c.isspace() or c in "\"'\\;" for c in word):
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word
