"""Benchmark of the drafting app: start to first paint, keystroke to updated preview.

Method, written down because both figures depend on it:

- Start to first paint: the real `thread draft essay.md` command is started in a
  tmux pane (120x36) and the pane is polled every 10 ms until the editor is on
  screen (its footer keys), and then until the first post card ("1 of") is.
  Median of several runs.
- Keystroke to updated preview: the app runs headless (Textual's run_test, 120x40)
  on a 3,000-word essay with the cursor mid-essay. For each key, the clock starts
  before the key is sent and stops when the card of the post under the cursor
  shows the new text (polled every millisecond). This covers the key event, the
  debounce, the re-split and the card update; not the terminal's own drawing.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from engine import ESSAYS  # noqa: E402

from threadsmith.store import Store  # noqa: E402
from threadsmith.tui.app import ThreadsmithApp  # noqa: E402
from threadsmith.tui.widgets.post_card import PostCard  # noqa: E402


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


def row(name: str, value: str, target: str, ok: bool) -> None:
    print(f"  {name:<44} {value:>10}   target {target:<10} {'ok' if ok else 'MISSED'}")


def first_paint(runs: int, folder: Path) -> tuple[float, float] | None:
    if shutil.which("tmux") is None:
        print("  (tmux is not installed: start-up not measured)")
        return None
    essay = folder / "essay.md"
    essay.write_text(essay_of(1000), encoding="utf-8")
    paints: list[float] = []
    times: list[float] = []
    for run in range(runs):
        session = f"bench-{os.getpid()}-{run}"
        env = f"XDG_DATA_HOME={folder / f'data{run}'}"
        start = time.perf_counter()
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
             f"env {env} {sys.executable} -m threadsmith draft {essay}"],
            check=True,
        )  # fmt: skip
        try:
            while time.perf_counter() - start < 30:
                shown = subprocess.run(
                    ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
                ).stdout
                if "X/Bluesky/both" in shown and len(paints) == len(times):
                    paints.append(time.perf_counter() - start)
                if "1 of " in shown:
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.01)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    if not times or not paints:
        return None
    return statistics.median(paints), statistics.median(times)


async def keystrokes(runs: int, folder: Path) -> float:
    store = Store(folder / "keys.db")
    text = essay_of(3000)
    draft = store.create_draft("Bench", text)
    app = ThreadsmithApp(store)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_draft(draft.id)
        await pilot.pause(0.5)
        editor = app.screen.query_one("#essay")
        middle = text.index(". ", len(text) // 2) + 1
        editor.move_cursor(editor.document.get_location_from_index(middle))  # type: ignore[attr-defined]
        await pilot.pause(0.2)
        for number in range(runs):
            marker = f"Q{number}"
            start = time.perf_counter()
            await pilot.press(*marker)
            while not any(marker in card.post.text for card in app.screen.query(PostCard)):
                await asyncio.sleep(0.001)
            times.append((time.perf_counter() - start) / len(marker))
    store.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("Drafting app (method in this script's docstring)")
        measured = first_paint(max(3, runs // 3), folder)
        if measured is not None:
            paint, cards = measured
            row(
                "start to first paint (1,000 words)",
                f"{paint * 1e3:.0f} ms",
                "<= 1000 ms",
                paint <= 1,
            )
            row("start to the first post card", f"{cards * 1e3:.0f} ms", "<= 1000 ms", cards <= 1)
        key = asyncio.run(keystrokes(runs, folder))
        row(
            "keystroke to updated preview (3,000 words)",
            f"{key * 1e3:.1f} ms",
            "<= 50 ms",
            key <= 0.05,
        )


if __name__ == "__main__":
    main()
