"""Benchmark of X's weighted length: how fast links are found, cold and warm.

The engine re-measures posts on every keystroke, so the per-post cost of
`weighted_length` (without its cache) matters, and so does the first link check
of a new process, which compiles twitter-text's patterns: `thread split` pays it
at start-up. Timings are medians; figures are printed, never asserted.

    python bench/x_counting.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from threadsmith.network import network_named
from threadsmith.threading import _twitter_data as data
from threadsmith.threading import split

ROOT = Path(__file__).resolve().parent.parent
X_RULES = network_named("x").post_rules(None, None, {})
ESSAYS = sorted((ROOT / "tests" / "engine" / "essays").glob("[0-9]*.md"))

# Tokens that send the counter down its link path: links with and without a
# protocol, abbreviations, numbers, IDN and punycode domains, t.co, trailing dots.
LINKISH = [
    "https://www.gov.uk/government/news/ofsted-visits",
    "www.naht.org.uk/news.",
    "example.com/a?b=1",
    "e.g.",
    "i.e.,",
    "U.K.",
    "3.5%",
    "Mr.",
    "end.",
    "https://t.co/AbC123",
    "пример.рф",
    "xn--80ak6aa92e.com",
    "(see example.co.uk)",
    "foo.bar.baz.quux",
    "naïve.café.fr",
    "a.b",
]
WORDS = ["the", "school", "letter", "parents", "inspectors", "visit", "and", "of", "to", "a"]

FIRST_CHECK = (
    "import time\n"
    "from threadsmith.threading.xcount import weighted_length\n"
    "start = time.perf_counter()\n"
    "weighted_length('see www.example.co.uk/a, https://t.co/x and \\u2615')\n"
    "print((time.perf_counter() - start) * 1000)\n"
)


def essay_posts() -> list[str]:
    return [
        post.text
        for path in ESSAYS
        for post in split(path.read_text(encoding="utf-8"), X_RULES).posts
    ]


def linkish_posts(count: int) -> list[str]:
    """Posts of ~40 words, a third of them link-like (a fixed seed: the same every run)."""
    rng = random.Random(17)
    return [
        " ".join(
            rng.choice(LINKISH) if rng.random() < 0.33 else rng.choice(WORDS) for _ in range(40)
        )
        for _ in range(count)
    ]


def per_call_us(texts: list[str], runs: int) -> float:
    from threadsmith.threading.xcount import weighted_length

    measure = weighted_length.__wrapped__  # without the lru_cache: the work itself
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            measure(text)
        times.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(times)


PATTERNS = [
    "URL_PRECEDING_CHAR",
    "DOMAIN_CHAR",
    "URL_PROTOCOL",
    "SUBDOMAIN",
    "DOMAIN_NAME",
    "TLD_CHARS",
    "TLD_END",
    "PUNYCODE_TLD",
    "URL_AFTER_DOMAIN",
    "ASCII_DOMAIN_LABEL",
    "VALID_TCO_URL",
    "INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS",
    "EMOJI",
    "EMOJI_FIRST_UNITS",
]


def compile_ms(source: str, runs: int) -> float:
    """Best of `runs` (compiling is deterministic: the minimum is the least noisy)."""
    times = []
    for _ in range(runs):
        re.purge()
        start = time.perf_counter()
        re.compile(source)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def row(name: str, value: str) -> None:
    print(f"  {name:<52} {value:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs

    first = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_CHECK], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(max(5, runs // 2))
    ]
    print(f"Compiling twitter-text's patterns (best of {runs}; each compiled on first use)")
    for name in PATTERNS:
        row(name, f"{compile_ms(getattr(data, name), runs):.2f} ms")
    print(f"\nX weighted length, median of {runs}")
    row("first link check in a new process (compiles)", f"{statistics.median(first):.1f} ms")
    essays = essay_posts()
    row(f"essay posts ({len(essays)}), per post, uncached", f"{per_call_us(essays, runs):.1f} µs")
    dense = linkish_posts(300)
    row("link-dense posts (300), per post, uncached", f"{per_call_us(dense, runs):.1f} µs")
    tokens = [token for token in LINKISH for _ in range(50)]
    row("link-like tokens alone, per token, uncached", f"{per_call_us(tokens, runs):.1f} µs")


if __name__ == "__main__":
    main()
