"""The code passes its own linters: ruff (format and check) and mypy --strict, on the
package and its tests; the pre-commit hooks run the same."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from support.realparts import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "format", "--check", "."],
        ["ruff", "check", "."],
        ["mypy"],
    ],
    ids=["ruff-format", "ruff-check", "mypy-strict"],
)
def test_linters(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_the_pre_commit_hooks_run_the_same_checks() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert entries == ["ruff format --check", "ruff check", "mypy", "lint-imports"]


# A wait of a guessed time: a Pilot pause of some seconds, a sleep of a number, a timer;
# or a wait for the clock to reach a time (a booking's): a test brings that time instead.
FIXED_WAIT = re.compile(
    r"\bpilot\.pause\(\s*[^)\s]|\b(?:time\.|asyncio\.)?sleep\(\s*(?:[\d.]|max\()"
    r"|\bTimer\(\s*[\d.]"
)
# Where one is allowed, and why.
WAITS_ALLOWED = {
    "tests/support/waiting.py": "the polling helpers: a short pause between checks",
    "tests/support/import_site/site_server.py": "a page that trickles on purpose",
}
# Files another piece of work is changing, with the waits they have left: each is to wait
# for a condition (support/waiting.py) and leave this list.
WAITS_LEFT: dict[str, int] = {}


def test_no_test_waits_a_fixed_time() -> None:
    """A loaded CI machine outlasts any guessed time: tests wait for a condition (a screen,
    a widget, a message, a file, a port) through support/waiting.py's until/wait_until."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if "node_modules" in path.parts or name in WAITS_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  # ", 1)[0]
            if not code.lstrip().startswith("#") and FIXED_WAIT.search(code):
                found.setdefault(name, []).append(f"{name}:{number}: {line.strip()}")
    unexpected = [
        wait
        for name, waits in found.items()
        if len(waits) > WAITS_LEFT.get(name, 0)
        for wait in waits
    ]
    assert not unexpected, "waits of a fixed time (wait for a condition instead):\n" + "\n".join(
        unexpected
    )
    done = [name for name in WAITS_LEFT if len(found.get(name, [])) < WAITS_LEFT[name]]
    assert not done, f"fewer fixed waits left than WAITS_LEFT says: lower or drop {done}"
