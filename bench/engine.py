"""Benchmark of the splitting engine: quality on real essays, speed, CLI start-up.

Prints each figure next to its target, and the same quality figures for the
compact split and for a naive greedy splitter run on the same essays, in the same
run: for the team's own essays and for campaign prose as it comes pasted from
blogs, word processors and email (tests/engine/essays/*-pasted-*). Re-splits go
through a `Splitter`, as the app's editor does. Timings are medians of
repeated runs, and ratios are taken side by side in one run because machines
are noisy. `thread split` start-up is timed with Python's bytecode cache on, as
on a user's machine. This is a measurement, not a test: it never fails a build.

    python bench/engine.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # for the platform counters run by Node

import startup  # noqa: E402 - bench/startup.py, the start-up measure

from support import network_counts  # noqa: E402
from support.network_counts import NetworkCounter  # noqa: E402
from support.split import rules_for, split  # noqa: E402
from threadsmith.threading import Splitter  # noqa: E402
from threadsmith.threading.frontmatter import read_front_matter  # noqa: E402
from threadsmith.threading.markdown import Kind, read_blocks  # noqa: E402

ESSAY_DIR = ROOT / "tests" / "engine" / "essays"
# the team's own essays, and campaign prose as it comes pasted from WordPress, a
# Google Doc, an email and a blog (no-break spaces, title lines, invisible characters)
ESSAYS = sorted(p for p in ESSAY_DIR.glob("[0-9]*.md") if "-pasted-" not in p.name)
PASTED = sorted(ESSAY_DIR.glob("[0-9]*-pasted-*.md"))
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

Posts = list[tuple[str, str, int, bool]]  # (body, text, length, ends mid-sentence) per post


@dataclass
class Quality:
    posts: int = 0
    breaks: int = 0  # non-final posts
    clean_breaks: int = 0  # … of which end at a sentence or paragraph end
    fill: float = 0.0  # sum of length / limit over non-final posts
    invalid: int = 0  # posts the platform's own library rejects
    words_kept: bool = True
    titles_ending_posts: int = 0  # non-final posts whose last paragraph is a title line
    needless_cuts: int = 0  # posts ending inside a sentence that fits in one post

    def add(self, other: Quality) -> None:
        self.posts += other.posts
        self.breaks += other.breaks
        self.clean_breaks += other.clean_breaks
        self.fill += other.fill
        self.invalid += other.invalid
        self.words_kept &= other.words_kept
        self.titles_ending_posts += other.titles_ending_posts
        self.needless_cuts += other.needless_cuts


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # as written: CRLF and BOM kept


def words(text: str) -> list[str]:
    """Whitespace-separated words a reader sees (invisible characters alone are none)."""
    return [word for word in text.split() if word.strip(INVISIBLE)]


def source_words(text: str) -> list[str]:
    """The words of the essay as its Markdown renders (before splitting)."""
    source = text.replace("\r\n", "\n")
    found: list[str] = []
    for block, _ in read_blocks(source[read_front_matter(source).body_start :]):
        if block.kind != Kind.BREAK and words(block.text):
            found += [block.marker] * bool(block.marker) + words(block.text)
    return found


def title_lines(text: str) -> set[str]:
    """Headings, and paragraphs of one short line that do not end like a sentence or
    a clause, with text after them (found here without the engine's own rule)."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))]
    titles = set()
    for paragraph in [p for p in paragraphs if p][:-1]:
        line = paragraph.strip(INVISIBLE + " ")
        if "\n" in line or re.match(r"[-*+>]|\d+[.)] ", line):
            continue
        if line.startswith("#"):
            titles.add(line.lstrip("#").strip())
        elif len(line.split()) <= 12 and line.rstrip("\"'”’)")[-1] not in ".!?…:;,—–":
            titles.add(line)
    return titles


def engine_posts(text: str, network: str, compact: bool = False) -> Posts:
    thread = split(text, network, compact=compact)
    return [(p.body, p.text, p.length, p.ends_mid_sentence) for p in thread.posts]


def compact_posts(text: str, network: str) -> Posts:
    return engine_posts(text, network, compact=True)


def greedy_posts(text: str, network: str) -> Posts:
    """The baseline: fill each post word by word until the next word would not fit."""
    meter = rules_for(network).meters[0]
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


SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s|$)")


def _fits_one_post(body: str, following: str, measure: Callable[[str], int], limit: int) -> bool:
    """Whether the sentence a post ends inside (its words after the post's last sentence
    end, and the next post's up to its first) would fit in a post of its own, with a
    number: then the cut was needless. Found by punctuation, not by the engine's rules."""
    ends = list(SENTENCE_END.finditer(body))
    head = body[ends[-1].end() :] if ends else body
    closing = SENTENCE_END.search(following)
    if closing is None:
        return False  # the sentence runs on past the next post: longer than a post
    sentence = " ".join((head.strip() + " " + following[: closing.end()]).split())
    return measure(sentence + " 99/") <= limit


def quality(
    splitter: Callable[[str, str], Posts],
    text: str,
    network: str,
    counter: network_counts.NetworkCounter | None,
) -> Quality:
    posts = splitter(text, network)
    limit = rules_for(network).meters[0].limit
    result = Quality(posts=len(posts))
    titles = title_lines(text)
    measure = rules_for(network).meters[0].measure
    for index, (body, _, length, mid) in enumerate(posts[:-1]):
        result.breaks += 1
        result.clean_breaks += not mid
        result.needless_cuts += mid and _fits_one_post(body, posts[index + 1][0], measure, limit)
        result.fill += length / limit
        result.titles_ending_posts += body.rsplit("\n\n", 1)[-1].strip(INVISIBLE) in titles
    if counter is not None:
        posted = rules_for(network).posted  # as sent: Bluesky's links shortened
        for _, published, _, _ in posts:
            counts = counter.count(posted(published))
            ok = (
                counts.x_valid
                if network == "x"
                else counts.graphemes <= 300 and counts.bytes <= 3000
            )
            result.invalid += not ok
    published_words = [w for body, *_ in posts for w in words(body)]
    expected = source_words(text)
    if network == "x":  # X refuses U+FEFF: the engine publishes U+2060 instead
        published_words = [w.replace("\u2060", "\ufeff") for w in published_words]
        expected = [w.replace("\u2060", "\ufeff") for w in expected]
    result.words_kept = published_words == expected
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


def keystroke(
    splitter: Splitter, text: str, network: str, compact: bool = False
) -> Callable[[], object]:
    """A re-split as the app does after each key, through the editor's `Splitter`:
    one more character mid-essay."""
    middle = len(text) // 2
    typed = iter(range(10**9))
    return lambda: splitter.split(
        text[:middle] + "x" * (next(typed) % 7 + 1) + text[middle:],
        rules_for(network),
        compact=compact,
    )


def clear_caches() -> None:
    """Forget everything the engine memoises, for a first-split figure (plain `split`
    keeps no other state)."""
    modules = [
        importlib.import_module(f"threadsmith.threading.{name}")
        for name in (
            "inline",
            "markdown",
            "plain_markdown",
            "segment",
            "tokens",
            "fitting",
            "measure",
            "xcount",
            "breaker",
        )
    ]
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def row(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {name:<46} {value:>14}   target {target:<14} {verdict}")


def report_quality(
    title: str, essays: list[Path], clean_target: float, counter: NetworkCounter | None
) -> None:
    words = sum(len(read(path).split()) for path in essays)
    print(f"\n{title}: {len(essays)} essays, {words} words")
    for network in ("x", "bluesky"):
        print(f" {network} (engine | engine --compact | greedy baseline)")
        results = {"engine": Quality(), "compact": Quality(), "greedy": Quality()}
        for path in essays:
            text = read(path)
            results["engine"].add(quality(engine_posts, text, network, counter))
            results["compact"].add(quality(compact_posts, text, network, counter))
            results["greedy"].add(quality(greedy_posts, text, network, None))
        for label, result in results.items():
            clean = result.clean_breaks / max(1, result.breaks)
            fill = result.fill / max(1, result.breaks)
            targeted = label == "engine"
            print(f"  {label}: {result.posts} posts")
            row(
                "breaks at a sentence or paragraph end",
                f"{clean:.1%}",
                f">= {clean_target:.0%}",
                clean >= clean_target if targeted else None,
            )
            row(
                "mean fill of non-final posts",
                f"{fill:.1%}",
                ">= 75%",
                fill >= 0.75 if targeted else None,
            )
            row(
                "posts cut inside a sentence that fits a post",
                str(result.needless_cuts),
                "0",
                result.needless_cuts == 0 if targeted else None,
            )
            row(
                "words preserved exactly",
                str(result.words_kept),
                "True",
                result.words_kept if label != "greedy" else None,
            )
            row(
                "title lines ending a post",
                str(result.titles_ending_posts),
                "0",
                result.titles_ending_posts == 0 if label != "greedy" else None,
            )
            if counter is not None and label != "greedy":
                row(
                    "posts rejected by the platform's library",
                    str(result.invalid),
                    "0",
                    result.invalid == 0,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    counter = network_counts.NetworkCounter() if network_counts.available() else None
    libraries = "twitter-text + PDS counters" if counter else "NOT AVAILABLE"
    print(f"platform libraries: {libraries}")
    report_quality("Quality on the bundled essays", ESSAYS, 0.9, counter)
    report_quality("Quality on the pasted-style essays", PASTED, 0.95, counter)

    text = ten_thousand_words()
    print(f"\nSpeed: a {len(text.split())}-word essay ({len(text)} characters), median of {runs}")
    for network in ("x", "bluesky"):
        rules = rules_for(network)
        cold = median_ms(lambda r=rules: split(text, r), runs, before=clear_caches)
        warm = {}
        for compact in (False, True):  # each through its own editor's Splitter
            splitter = Splitter()
            splitter.split(text, rules_for(network), compact=compact)
            warm[compact] = median_ms(keystroke(splitter, text, network, compact), runs)
        row(
            f"{network}: re-split after a keystroke",
            f"{warm[False]:.1f} ms",
            "<= 20 ms",
            warm[False] <= 20,
        )
        row(
            f"{network}: … with --compact",
            f"{warm[True]:.1f} ms",
            "<= 20 ms",
            warm[True] <= 20,
        )
        row(f"{network}: first split (caches empty)", f"{cold:.1f} ms", "(no target)", None)

    words = " ".join(ten_thousand_words().split(" ")[:1000])
    startup.report(runs, text=words)
    if counter is not None:
        counter.close()


if __name__ == "__main__":
    main()
