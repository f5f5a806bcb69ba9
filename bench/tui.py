"""Benchmark of the drafting app on essays from 3,000 words to 5 MB: first paint,
keystroke to painted preview, typing while the preview catches up.

Method, written down because every figure depends on it (each line of the report
names the measure it comes from):

- Essays: the bundled essays (tests/engine/essays, campaign prose with headings,
  lists and quotes) repeated to the size, each copy's lines made its own ("It-2
  was…") so no paragraph repeats: a cache cannot serve a copy it has seen.
- First paint: the real `thread draft essay.md` (`python -m threadsmith`, the code
  under test on PYTHONPATH, started in a scratch folder) in a tmux pane (120x36);
  the pane is polled every 10 ms until it shows the essay's first line (first
  paint) and then the first post card ("1 of"). Median of several runs (one at
  5 MB).
- Keystroke to painted preview: the app runs headless (Textual's run_test, 120x40)
  with the cursor mid-essay. Each key is posted to the app as the terminal driver
  posts it (no Pilot: its waits for idleness would be timed too); the clock starts
  then and stops at the first frame written to the driver in which a post card
  holds the new text (checked as the frame is written: rendering is synchronous).
  This covers the key event, the re-split, the card update, layout and rendering;
  not the terminal emulator's own drawing. Keys come 120 ms apart (a brisk typist,
  ~8 keys a second), each measured on its own.
- Typing (essays split in a worker thread): the same keys, 120 ms apart, while the
  preview catches up; the clock stops at the first frame written in which the
  essay shows the key. "Preview caught up" is from the last key to the first frame
  whose cards hold the last key's text.
- Engine alone: an editor's `Splitter` re-splitting after one more character
  mid-essay (as after each key), median of several, for X.
- Before and after: with `--against PATH` every measure runs, in the same run and
  by this same script, on the code at PATH (e.g. a `git archive` of the commit
  before), one child process per measure; the ratio is before / after.

    python bench/tui.py [--runs N] [--sizes 3k,30k,300k,1m,5m] [--against PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ESSAY_DIR = HERE.parent / "tests" / "engine" / "essays"
ESSAYS = sorted(p for p in ESSAY_DIR.glob("[0-9]*.md") if "-pasted-" not in p.name)
# name -> (words, characters): an essay is grown to whichever comes first
SIZES = {
    "3k": (3_000, 10**9),
    "30k": (30_000, 10**9),
    "300k": (10**9, 300_000),
    "1m": (10**9, 1_000_000),
    "5m": (10**9, 5_000_000),
}
IN_FRAME = ("3k", "30k")  # split on the UI thread: the preview is part of the keystroke
TIMEOUT = 600  # seconds a child measure may take (the code before is slow on 5 MB)
_FIRST_WORD = re.compile(r"^(\s*(?:#+ |> |[-*+] |\d+\. )?)([A-Za-z]\S*)", re.MULTILINE)


def essay_of(words: int, characters: int = 10**9) -> str:
    parts: list[str] = []
    count = size = copy = 0
    while count < words and size < characters:
        for path in ESSAYS:
            body = path.read_text(encoding="utf-8")
            if copy:  # each copy's own: "It was" -> "It-3 was", list markers kept
                body = _FIRST_WORD.sub(rf"\g<1>\g<2>-{copy}", body)
            parts.append(body)
            count += len(body.split())
            size += len(body) + 2
            if count >= words or size >= characters:
                break
        copy += 1
    return "\n\n".join(parts)


def essay_for(size: str) -> str:
    return essay_of(*SIZES[size])


# --- the measures (each runs in a child process, on the code under test) ----------


def first_paint(size: str, runs: int, folder: Path) -> dict[str, float]:
    """Median seconds from starting `thread draft` to each milestone on screen."""
    if shutil.which("tmux") is None:
        return {}
    essay = folder / "essay.md"
    text = essay_for(size)
    essay.write_text(text, encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()[:20]
    milestones: dict[str, Callable[[str], bool]] = {
        "paint": lambda shown: title in shown,
        "cards": lambda shown: "1 of " in shown,
    }
    seen: dict[str, list[float]] = {name: [] for name in milestones}
    for run in range(runs):
        session = f"bench-{os.getpid()}-{run}"
        env = f"XDG_DATA_HOME={folder / f'data{run}'} PYTHONPATH={os.environ['PYTHONPATH']}"
        start = time.perf_counter()
        subprocess.run(  # started in the scratch folder: `-m` would import a checkout it is in
            ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
             "-c", str(folder), f"env {env} {sys.executable} -m threadsmith draft {essay}"],
            check=True,
        )  # fmt: skip
        waiting = dict(milestones)
        try:
            while waiting and time.perf_counter() - start < TIMEOUT - 30:
                shown = subprocess.run(
                    ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
                ).stdout
                for name, test in list(waiting.items()):
                    if test(shown):
                        seen[name].append(time.perf_counter() - start)
                        del waiting[name]
                time.sleep(0.01)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return {name: statistics.median(times) for name, times in seen.items() if times}


async def keystrokes(size: str, keys: int, folder: Path) -> dict[str, Any]:
    """Per key: seconds to the frame showing it in the essay, and to the frame whose
    cards show it; and from the last key to the cards catching up."""
    from textual import events

    from threadsmith.store import Store
    from threadsmith.tui.app import ThreadsmithApp

    store = Store(folder / "keys.db")
    text = essay_for(size)
    draft = store.create_draft("Bench", text)
    app = ThreadsmithApp(store)
    typed = 0
    essay_at: list[float] = []  # when the frame showing the latest key was written
    cards_at: list[float] = []
    typing, preview = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:  # the driver writes each frame here
            display(screen, renderable)
            now = time.perf_counter()
            # Rendering and writing a frame is synchronous: what is checked now is
            # what this frame drew.
            if typed and not essay_at and _essay_shows(app, typed):
                essay_at.append(now)
            if typed and not cards_at and _cards_show(app, typed):
                cards_at.append(now)

        app._display = spy  # type: ignore[method-assign]
        app.open_draft(draft.id)
        await pilot.pause(0.5)
        deadline = time.perf_counter() + TIMEOUT / 2
        while not _cards(app) and time.perf_counter() < deadline:  # the first split
            await asyncio.sleep(0.05)
        editor = app.screen.query_one("#essay")
        middle = text.index(". ", len(text) // 2) + 1
        editor.move_cursor(editor.document.get_location_from_index(middle))  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        await _settle(app, 1)
        for typed in range(1, keys + 1):  # noqa: B007 (the spy reads it)
            essay_at.clear()
            cards_at.clear()
            start = time.perf_counter()
            app.post_message(events.Key("q", "q"))  # as the terminal driver posts a key
            while not essay_at:
                await asyncio.sleep(0.001)
            typing.append(essay_at[0] - start)
            if size in IN_FRAME:  # the preview is part of the keystroke: wait for it
                while not cards_at:
                    await asyncio.sleep(0.001)
                preview.append(cards_at[0] - start)
            await asyncio.sleep(0.12)  # a brisk typist: keys ~8 a second
        last = time.perf_counter() - 0.12
        while not cards_at and time.perf_counter() - last < TIMEOUT / 2:
            await asyncio.sleep(0.005)
        caught_up = (cards_at[0] - last) if cards_at else None
    store.close()
    return {"typing": typing, "preview": preview, "caught_up": caught_up}


def _cards(app: Any) -> list[Any]:
    try:
        return list(app.screen.query_one("#preview-x").cards)  # no DOM walk: cheap
    except Exception:  # noqa: BLE001 (the screen may not be up yet)
        return []


def _cards_show(app: Any, length: int) -> bool:
    run = "q" * length
    for card in _cards(app):
        shown = str(card.content)  # what the card paints, not what it may hold
        if run in shown and run + "q" not in shown:
            return True
    return False


def _essay_shows(app: Any, length: int) -> bool:
    editor = app.screen.query_one("#essay")
    row = editor.cursor_location[0]
    line = editor.document.get_line(row)
    return "q" * length in line and "q" * (length + 1) not in line


async def _settle(app: Any, seconds: float) -> None:
    """Let the first split's aftermath (workers, a collection) finish before timing."""
    await asyncio.sleep(seconds)
    await app.workers.wait_for_complete()


def engine(size: str, runs: int) -> float:
    """Median seconds of an editor's re-split after one more character mid-essay."""
    from threadsmith.network import network_named
    from threadsmith.threading import Splitter

    x_rules = network_named("x").post_rules(None, None, {})
    text = essay_for(size)
    splitter = Splitter()
    splitter.split(text, x_rules)
    middle = text.index(". ", len(text) // 2) + 1
    times = []
    for run in range(runs):
        edited = text[:middle] + "q" * (run % 7 + 1) + text[middle:]
        start = time.perf_counter()
        splitter.split(edited, x_rules)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child(measure: str, size: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if measure == "paint":
            result: Any = first_paint(size, runs, folder)
        elif measure == "keys":
            result = asyncio.run(keystrokes(size, runs, folder))
        else:
            result = engine(size, runs)
    print(json.dumps(result))


# --- the report --------------------------------------------------------------------


def run_child(root: Path, measure: str, size: str, runs: int) -> Any:
    """A measure's result on the code at `root` (None: it did not finish in time)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, __file__, "--child", measure, "--size", size, "--runs", str(runs)]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=True
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as error:
        stderr = getattr(error, "stderr", "") or ""
        print(f"    ({measure} on {size} at {root}: {type(error).__name__} {stderr[-200:]})")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.9 + 0.5) - 1)]


def row(name: str, after: float | None, before: float | None, target: float | None) -> None:
    def ms(value: float | None) -> str:
        return (
            "—"
            if value is None
            else f"{value * 1e3:,.0f} ms"
            if value >= 0.1
            else f"{value * 1e3:.1f} ms"
        )

    ratio = f"{before / after:.1f}x" if before and after else ""
    verdict = ""
    if target is not None:
        ok = after is not None and after <= target
        verdict = f"<= {target * 1e3:,.0f} ms {'ok' if ok else 'MISSED'}"
    print(f"  {name:<44} {ms(before):>11} {ms(after):>11} {ratio:>8}   {verdict}")


def report(size: str, runs: int, roots: dict[str, Path | None]) -> None:
    text = essay_for(size)
    print(f"\n{size}: {len(text.split()):,} words, {len(text):,} characters")
    results: dict[str, dict[str, Any]] = {}
    for label, root in roots.items():
        if root is None:
            continue
        big = size in ("1m", "5m")
        slow_before = label == "before" and big  # minutes a key there: a few keys only
        keys = 3 if slow_before else (runs if big else runs * 2)
        paints = 1 if size == "5m" else max(3, runs // 3)
        results[label] = {
            "paint": run_child(root, "paint", size, paints),
            "keys": run_child(root, "keys", size, keys),
            "engine": run_child(root, "engine", size, 3 if slow_before else runs),
        }

    def figure(label: str, pick: Callable[[dict[str, Any]], float | None]) -> float | None:
        found = results.get(label)
        try:
            return pick(found) if found else None
        except (KeyError, TypeError, ValueError, statistics.StatisticsError):
            return None

    def both(
        name: str, pick: Callable[[dict[str, Any]], float | None], target: float | None
    ) -> None:
        row(name, figure("after", pick), figure("before", pick), target)

    both(
        "start to first paint (tmux)",
        lambda r: r["paint"]["paint"],
        1.0 if size in IN_FRAME else None,
    )
    both("start to the first post card (tmux)", lambda r: r["paint"]["cards"], None)
    if size in IN_FRAME:
        target = 0.05 if size == "30k" else None
        both(
            "keystroke to painted preview, median",
            lambda r: statistics.median(r["keys"]["preview"]),
            None,
        )
        both("keystroke to painted preview, p90", lambda r: p90(r["keys"]["preview"]), target)
    else:
        both(
            "typing: key to frame showing it, median",
            lambda r: statistics.median(r["keys"]["typing"]),
            None,
        )
        both("typing: key to frame showing it, p90", lambda r: p90(r["keys"]["typing"]), 0.05)
        both("preview caught up, after the last key", lambda r: r["keys"]["caught_up"], None)
    both("engine alone: re-split after a key (median)", lambda r: r["engine"], None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--against", type=Path, help="the code before, for a side-by-side")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.size, options.runs)
        return
    roots = {"before": options.against, "after": HERE.parent}
    print("Drafting app (method in this script's docstring)")
    print(f"  {'':<44} {'before':>11} {'after':>11} {'ratio':>8}   target")
    if options.against is None:
        print("  (no --against: the 'before' column is empty)")
    for size in options.sizes.split(","):
        report(size, options.runs, roots)


if __name__ == "__main__":
    main()
