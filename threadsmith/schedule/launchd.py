"""The timer on macOS: a launchd agent of the person's own (a property list in
~/Library/LaunchAgents) that runs `thread schedule run` every minute, loaded into the
person's GUI session with `launchctl bootstrap gui/$UID`, where the login Keychain is
unlocked.

launchd skips the intervals that fall while the Mac sleeps and carries on after it
wakes, so the runner runs within a minute of waking; it then decides by the grace
period what is still worth publishing.
"""

from __future__ import annotations

import plistlib
from collections.abc import Mapping, Sequence
from pathlib import Path

LABEL = "org.threadsmith.schedule"
INTERVAL_SECONDS = 60


def plist_path(home: Path) -> Path:
    """Where launchd reads the agents of the person whose home is `home`."""
    return home / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def plist_bytes(command: Sequence[str], environment: Mapping[str, str], log: Path) -> bytes:
    """The agent's property list: `command` every minute, its output appended to `log`."""
    agent: dict[str, object] = {
        "Label": LABEL,
        "ProgramArguments": list(command),
        "StartInterval": INTERVAL_SECONDS,
        "RunAtLoad": False,
        "ProcessType": "Background",
        "StandardOutPath": str(log),
        "StandardErrorPath": str(log),
    }
    if environment:
        agent["EnvironmentVariables"] = dict(environment)
    return plistlib.dumps(agent, sort_keys=True)


def ours(path: Path) -> bool:
    """Whether `path` is an agent threadsmith wrote (its label is ours)."""
    try:
        agent = plistlib.loads(path.read_bytes())
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False
    return isinstance(agent, dict) and agent.get("Label") == LABEL


def domain(uid: int) -> str:
    """The person's GUI session: agents there reach the login Keychain."""
    return f"gui/{uid}"


def load_commands(uid: int, path: Path) -> list[list[str]]:
    """Unload the agent if an older one runs (that may fail: none ran), then load it."""
    return [
        ["launchctl", "bootout", f"{domain(uid)}/{LABEL}"],
        ["launchctl", "bootstrap", domain(uid), str(path)],
    ]


def unload_command(uid: int) -> list[str]:
    return ["launchctl", "bootout", f"{domain(uid)}/{LABEL}"]
