"""Benchmark of the splitting engine: quality on real essays, speed, CLI start-up.

Prints each figure next to its target, and the same quality figures for a naive
greedy splitter run on the same essays, in the same run. Timings are medians of
repeated runs, and ratios are taken side by side in one run because machines
are noisy. This is a measurement, not a test: it never fails a build.

    python bench/engine.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # for the platform counters run by Node

from support import platform_counts  # noqa: E402
from threadsmith.threading import Splitter, rules_for, split  # noqa: E402
from threadsmith.threading.frontmatter import read_front_matter  # noqa: E402
from threadsmith.threading.markdown import read_blocks  # noqa: E402
from threadsmith.threading.segment import segment  # noqa: E402

ESSAYS = sorted((ROOT / "tests" / "engine" / "essays").glob("[0-9]*.md"))


@dataclass
class Quality:
    posts: int = 0
    breaks: int = 0  # non-final posts
    clean_breaks: int = 0  # … of which end at a sentence or paragraph end
    fill: float = 0.0  # sum of length / limit over non-final posts
    invalid: int = 0  # posts the platform's own library rejects
    words_kept: bool = True

    def add(self, other: Quality) -> None:
        self.posts += other.posts
        self.breaks += other.breaks
        self.clean_breaks += other.clean_breaks
        self.fill += other.fill
        self.invalid += other.invalid
        self.words_kept &= other.words_kept


def source_words(text: str) -> list[str]:
    """The words of the essay as the engine renders its Markdown (before splitting)."""
    body_start = read_front_matter(text).body_start
    words: list[str] = []
    for block, _ in read_blocks(text[body_start:]):
        words += " ".join(segment(block.text, block.kind, block.marker).tokens).split()
    return words


def engine_posts(text: str, platform: str) -> list[tuple[str, str, int, bool]]:
    """(body, text, length, ends mid-sentence) per post."""
    thread = split(text, platform)
    return [
        (p.body, p.text, p.length, p.text[len(p.body) :].startswith(("…", " …")))
        for p in thread.posts
    ]


def greedy_posts(text: str, platform: str) -> list[tuple[str, str, int, bool]]:
    """The baseline: fill each post word by word until the next word would not fit."""
    meter = rules_for(platform).meters[0]
    words = source_words(text)
    reserve = len(" 99/") + len(" …") + 1
    posts: list[list[str]] = [[]]
    for word in words:
        candidate = " ".join([*posts[-1], word])
        if posts[-1] and meter.measure(candidate) > meter.limit - reserve:
            posts.append([word])
        else:
            posts[-1].append(word)
    out = []
    for number, post in enumerate(posts, start=1):
        body = " ".join(post)
        mid = number < len(posts) and not body.endswith((".", "!", "?", "”", '"', "’"))
        text = body + ("…" if mid else "") + f" {number}/"
        out.append((body, text, meter.measure(text), mid))
    return out


def quality(
    splitter: Callable[[str, str], list[tuple[str, str, int, bool]]],
    text: str,
    platform: str,
    counter: platform_counts.PlatformCounter | None,
) -> Quality:
    posts = splitter(text, platform)
    limit = rules_for(platform).meters[0].limit
    result = Quality(posts=len(posts))
    for _, _, length, mid in posts[:-1]:
        result.breaks += 1
        result.clean_breaks += not mid
        result.fill += length / limit
    if counter is not None:
        for _, published, _, _ in posts:
            counts = counter.count(published)
            ok = (
                counts.x_valid
                if platform == "x"
                else counts.graphemes <= 300 and counts.bytes <= 3000
            )
            result.invalid += not ok
    result.words_kept = [w for body, *_ in posts for w in body.split()] == source_words(text)
    return result


def ten_thousand_words() -> str:
    parts: list[str] = []
    words = 0
    while words < 10_000:
        for path in ESSAYS:
            body = path.read_text(encoding="utf-8")
            parts.append(body)
            words += len(body.split())
    return "\n\n".join(parts)


def median_ms(
    action: Callable[[], object], runs: int, before: Callable[[], None] | None = None
) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def keystroke(splitter: Splitter, text: str, platform: str) -> Callable[[], object]:
    """A re-split as the app does after each key, through the editor's `Splitter`:
    one more character mid-essay."""
    middle = len(text) // 2
    typed = iter(range(10**9))
    return lambda: splitter.split(
        text[:middle] + "x" * (next(typed) % 7 + 1) + text[middle:], platform
    )


def clear_caches() -> None:
    """Forget everything the engine memoises, for a first-split figure (plain `split`
    keeps no other state)."""
    modules = [
        importlib.import_module(f"threadsmith.threading.{name}")
        for name in ("inline", "markdown", "segment", "splitter", "measure", "xcount", "breaker")
    ]
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def row(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {name:<46} {value:>14}   target {target:<14} {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    counter = platform_counts.PlatformCounter() if platform_counts.available() else None
    print(
        f"{len(ESSAYS)} essays, {sum(len(p.read_text().split()) for p in ESSAYS)} words; "
        f"platform libraries: {'twitter-text + PDS counters' if counter else 'NOT AVAILABLE'}"
    )

    for platform in ("x", "bluesky"):
        print(f"\nQuality on {platform} (engine | greedy baseline)")
        engine, greedy = Quality(), Quality()
        for path in ESSAYS:
            text = path.read_text(encoding="utf-8")
            engine.add(quality(engine_posts, text, platform, counter))
            greedy.add(quality(greedy_posts, text, platform, None))
        for label, result in (("engine", engine), ("greedy", greedy)):
            clean = result.clean_breaks / max(1, result.breaks)
            fill = result.fill / max(1, result.breaks)
            print(f" {label}: {result.posts} posts")
            row(
                "breaks at a sentence or paragraph end",
                f"{clean:.1%}",
                ">= 90%",
                clean >= 0.9 if label == "engine" else None,
            )
            row(
                "mean fill of non-final posts",
                f"{fill:.1%}",
                ">= 75%",
                fill >= 0.75 if label == "engine" else None,
            )
            row(
                "words preserved exactly",
                str(result.words_kept),
                "True",
                result.words_kept if label == "engine" else None,
            )
        if counter is not None:
            row(
                "posts rejected by the platform's library",
                str(engine.invalid),
                "0",
                engine.invalid == 0,
            )

    text = ten_thousand_words()
    print(f"\nSpeed: a {len(text.split())}-word essay ({len(text)} characters), median of {runs}")
    for platform in ("x", "bluesky"):
        cold = median_ms(lambda p=platform: split(text, p), runs, before=clear_caches)
        splitter = Splitter()
        splitter.split(text, platform)
        warm = median_ms(keystroke(splitter, text, platform), runs)
        row(
            f"{platform}: re-split after a keystroke",
            f"{warm:.1f} ms",
            "<= 20 ms",
            warm <= 20,
        )
        row(f"{platform}: first split (caches empty)", f"{cold:.1f} ms", "(no target)", None)

    print("\nStart-up: `thread split` on a 1,000-word essay vs `python -c pass`, side by side")
    with tempfile.TemporaryDirectory() as folder:
        essay = Path(folder) / "essay.md"
        words = " ".join(ten_thousand_words().split(" ")[:1000])
        essay.write_text(words, encoding="utf-8")
        python = [sys.executable, "-c", "pass"]
        thread = [sys.executable, "-m", "threadsmith", "split", str(essay)]
        baseline, tool = [], []
        for _ in range(max(5, runs // 2)):
            for command, times in ((python, baseline), (thread, tool)):
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                times.append((time.perf_counter() - start) * 1000)
        ratio = statistics.median(tool) / statistics.median(baseline)
        row("python -c pass", f"{statistics.median(baseline):.0f} ms", "", None)
        row("thread split essay.md (1,000 words)", f"{statistics.median(tool):.0f} ms", "", None)
        row("ratio", f"{ratio:.1f}x", "<= 10x", ratio <= 10)
    if counter is not None:
        counter.close()


if __name__ == "__main__":
    main()
