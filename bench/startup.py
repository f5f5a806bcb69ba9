"""Start-up of `thread split` against `python -c pass`, side by side in one run.

Each command is run in turn, round after round, so that a busy moment of the machine
falls on all of them alike; the figures are medians. Python keeps compiled bytecode
as on a user's machine (a sandbox may forbid it with PYTHONDONTWRITEBYTECODE, which
would time compiling every module), and the first run of each, which writes it, is
not counted. `--checkout DIR`, given twice or more, times each checkout's `thread
split` in the same rounds instead of this one's (e.g. two `git archive REV | tar -x
-C DIR`), for a before/after figure. This is a measurement, not a test: it never
fails a build.

    python bench/startup.py [--runs N] [--checkout DIR ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10  # times `python -c pass`
ESSAYS = sorted(p for p in (ROOT / "tests" / "engine" / "essays").glob("[0-9]*.md"))


def thousand_words() -> str:
    """The first 1,000 words of the bundled essays, as one essay."""
    words: list[str] = []
    for path in ESSAYS:
        words += path.read_text(encoding="utf-8").split(" ")
        if len(words) >= 1000:
            break
    return " ".join(words[:1000])


def median_runs(
    commands: dict[str, tuple[list[str], Path]], rounds: int
) -> dict[str, tuple[float, float]]:
    """The median wall time and CPU time (user + system) of each command in ms, every
    round running each once. On a busy machine the CPU time is the steadier figure."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(argv: list[str], folder: Path) -> None:
        quiet = subprocess.DEVNULL
        subprocess.run(argv, cwd=folder, env=env, stdout=quiet, stderr=quiet, check=True)

    for argv, folder in commands.values():  # writes the bytecode; not counted
        run(argv, folder)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (argv, folder) in commands.items():
            cpu_before = _children_cpu()
            start = time.perf_counter()
            run(argv, folder)
            walls[name].append((time.perf_counter() - start) * 1000)
            cpus[name].append((_children_cpu() - cpu_before) * 1000)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands
    }


def _children_cpu() -> float:
    """Seconds of CPU the finished child processes used, in all (0 where not told)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def row(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {name:<46} {value:>14}   target {target:<14} {verdict}")


def report(runs: int, checkouts: Sequence[Path] = (ROOT,), text: str | None = None) -> None:
    """Prints the start-up figures: `thread split` on a 1,000-word essay (`text`, or the
    bundled essays' first 1,000 words) run from each checkout (this one by default)."""
    print("\nStart-up: `thread split` on a 1,000-word essay vs `python -c pass`, side by side")
    with tempfile.TemporaryDirectory() as folder:
        essay = Path(folder) / "essay.md"
        essay.write_text(thousand_words() if text is None else text, encoding="utf-8")
        # `-m` finds the package in the working folder first: each checkout runs its own
        split = [sys.executable, "-m", "threadsmith", "split", str(essay)]
        commands = {"python -c pass": ([sys.executable, "-c", "pass"], ROOT)}
        for checkout in checkouts:
            name = "essay.md (1,000 words)" if list(checkouts) == [ROOT] else checkout.name
            commands[f"thread split {name}"] = (split, checkout.resolve())
        medians = median_runs(commands, max(5, runs // 2))
    wall, cpu = medians.pop("python -c pass")
    row("python -c pass (wall, CPU)", f"{wall:.0f}, {cpu:.0f} ms", "", None)
    for name, (ms, cpu_ms) in medians.items():
        row(name, f"{ms:.0f}, {cpu_ms:.0f} ms", "", None)
        ratio = ms / wall
        row("  ratio", f"{ratio:.1f}x", f"<= {TARGET}x", ratio <= TARGET)
        if cpu:
            row("  ratio of CPU time", f"{cpu_ms / cpu:.1f}x", "", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--checkout", type=Path, action="append", help="a checkout to time (repeatable)"
    )
    options = parser.parse_args()
    report(options.runs, options.checkout or (ROOT,))


if __name__ == "__main__":
    main()
