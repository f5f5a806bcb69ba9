"""Benchmark of Mastodon's counter against X's, side by side in one run.

The breaker weighs every token of the essay on every keystroke, and the final
check measures whole posts: both are timed here on the bundled essays, for X's
weighted length and Mastodon's count, with each figure next to its target.
Caches are cleared before each run so every measurement does the real work.
This is a measurement, not a test: it never fails a build.

    python bench/mastodon_count.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from threadsmith.threading import mastodon_count, xcount  # noqa: E402
from threadsmith.threading.measure import X_METER  # noqa: E402

ESSAYS = sorted((ROOT / "tests" / "engine" / "essays").glob("[0-9]*.md"))
TOKEN_TARGET_US = 2.0  # per token, on average over an essay: a keystroke re-weighs them all
RATIO_TARGET = 1.5  # Mastodon's tokens cost at most this much more than X's


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        clear()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def clear() -> None:
    xcount.weighted_length.cache_clear()
    mastodon_count._length.cache_clear()
    mastodon_count._non_ascii_graphemes.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in ESSAYS)
    tokens = text.split()
    posts = [" ".join(tokens[i : i + 60]) for i in range(0, len(tokens), 60)]
    x_token = X_METER.measure_token
    # compile both URL patterns once, outside the timings (the app does it at start)
    xcount.weighted_length("https://example.com")
    mastodon_count.mastodon_length("https://example.com")

    x_tokens = median_seconds(lambda: [x_token(t) for t in tokens], runs)
    m_tokens = median_seconds(
        lambda: [mastodon_count.mastodon_token_length(t) for t in tokens], runs
    )
    x_posts = median_seconds(lambda: [xcount.weighted_length(p) for p in posts], runs)
    m_posts = median_seconds(lambda: [mastodon_count.mastodon_length(p) for p in posts], runs)

    per_token = m_tokens / len(tokens) * 1e6
    print(f"{len(tokens)} tokens, {len(posts)} posts of 60 tokens, median of {runs} runs")
    print(f"Mastodon per token: {per_token:.2f} µs (target ≤ {TOKEN_TARGET_US} µs)")
    print(f"X per token:        {x_tokens / len(tokens) * 1e6:.2f} µs")
    print(f"tokens, Mastodon / X: {m_tokens / x_tokens:.2f}× (target ≤ {RATIO_TARGET}×)")
    print(f"posts, Mastodon / X:  {m_posts / x_posts:.2f}× ({m_posts * 1e3:.1f} ms vs "
          f"{x_posts * 1e3:.1f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
