"""Benchmark of the drafting app: start to first paint, keystroke to updated preview.

Method, written down because both figures depend on it:

- Start to first paint: the real `thread draft essay.md` command (1,800 words)
  is started in a tmux pane (120x36) and the pane is polled every 10 ms until
  the editor shows the essay (first paint), its footer keys, and the first post
  card ("1 of"). Median of several runs. The cards come last on purpose: the
  engine warms up in a thread after the first paint.
- Keystroke to painted preview: the app runs headless (Textual's run_test, 120x40)
  on a 3,000-word essay with the cursor mid-essay. Each key is posted to the app
  as the terminal driver posts it (no Pilot: its waits for idleness would be
  timed too); the clock starts then and stops at the first frame written to the
  driver whose cards hold the new text (checked as the frame is written). This
  covers the key event, the debounce, the re-split, the card update, layout and
  rendering; not the terminal emulator's own drawing. Keys
  come 120 ms apart, a brisk typist, so each is measured on its own.

    python bench/tui.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from engine import ESSAYS  # noqa: E402
from textual import events  # noqa: E402

from threadsmith.store import Store  # noqa: E402
from threadsmith.tui.app import ThreadsmithApp  # noqa: E402
from threadsmith.tui.widgets.preview import ThreadPreview  # noqa: E402


def essay_of(words: int) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        for path in ESSAYS:
            body = path.read_text(encoding="utf-8")
            parts.append(body)
            count += len(body.split())
            if count >= words:
                break
    return "\n\n".join(parts)


def row(name: str, value: str, target: str = "", ok: bool = True) -> None:
    verdict = f"target {target:<10} {'ok' if ok else 'MISSED'}" if target else "(no target)"
    print(f"  {name:<48} {value:>10}   {verdict}")


def start_up(runs: int, folder: Path) -> dict[str, float] | None:
    """Median seconds from starting `thread draft` to each milestone on screen."""
    if shutil.which("tmux") is None:
        print("  (tmux is not installed: start-up not measured)")
        return None
    essay = folder / "essay.md"
    text = essay_of(1000)
    essay.write_text(text, encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()[:20]
    milestones: dict[str, Callable[[str], bool]] = {  # what the pane shows at each step
        "the essay": lambda shown: title in shown,
        "the footer keys": lambda shown: "f2 Platform" in shown,
        "the first post card": lambda shown: "1 of " in shown,
    }
    seen: dict[str, list[float]] = {name: [] for name in milestones}
    for run in range(runs):
        session = f"bench-{os.getpid()}-{run}"
        env = f"XDG_DATA_HOME={folder / f'data{run}'}"
        start = time.perf_counter()
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
             f"env {env} {sys.executable} -m threadsmith draft {essay}"],
            check=True,
        )  # fmt: skip
        waiting = dict(milestones)
        try:
            while waiting and time.perf_counter() - start < 30:
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
    if not all(seen.values()):
        return None
    return {name: statistics.median(times) for name, times in seen.items()}


async def keystrokes(runs: int, folder: Path) -> tuple[float, float]:
    """Median and 90th percentile of keystroke to painted preview, in seconds."""
    store = Store(folder / "keys.db")
    text = essay_of(3000)
    draft = store.create_draft("Bench", text)
    app = ThreadsmithApp(store)
    typed = 0
    shown_at: list[float] = []  # when the frame showing the latest key was written
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:  # the driver writes each frame here
            display(screen, renderable)
            # Rendering and writing a frame is synchronous: the cards seen now are
            # the ones this frame drew.
            if typed and not shown_at and _shows_run_of_q(app, typed):
                shown_at.append(time.perf_counter())

        app._display = spy  # type: ignore[method-assign]
        app.open_draft(draft.id)
        await pilot.pause(0.5)
        editor = app.screen.query_one("#essay")
        middle = text.index(". ", len(text) // 2) + 1
        editor.move_cursor(editor.document.get_location_from_index(middle))  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        for typed in range(1, runs + 1):  # noqa: B007 (the spy reads it)
            shown_at.clear()
            start = time.perf_counter()
            app.post_message(events.Key("q", "q"))  # as the terminal driver posts a key
            while not shown_at:
                await asyncio.sleep(0.001)
            times.append(shown_at[0] - start)
            await asyncio.sleep(0.12)  # a brisk typist: keys ~8 a second, measured one by one
    store.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def _shows_run_of_q(app: ThreadsmithApp, length: int) -> bool:
    cards = app.screen.query_one("#preview-x", ThreadPreview).cards  # no DOM query: cheap
    texts = " ".join(card.post.text for card in cards)
    return "q" * length in texts and "q" * (length + 1) not in texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("Drafting app (method in this script's docstring)")
        measured = start_up(max(3, runs // 3), folder)
        for milestone, seconds in (measured or {}).items():
            if milestone == "the essay":  # the first paint: the editor with the essay in it
                row(
                    "start to first paint (the essay)",
                    f"{seconds * 1e3:.0f} ms",
                    "<= 1000 ms",
                    seconds <= 1,
                )
            else:
                row(f"start to {milestone}", f"{seconds * 1e3:.0f} ms")
        median, slow = asyncio.run(keystrokes(runs * 2, folder))
        for label, value in (("median", median), ("90th percentile", slow)):
            row(
                f"keystroke to painted preview, {label}",
                f"{value * 1e3:.1f} ms",
                "<= 50 ms",
                value <= 0.05,
            )


if __name__ == "__main__":
    main()
