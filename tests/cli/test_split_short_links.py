"""`thread split --network bluesky` prints what will be posted: links shortened as the
official Bluesky app shows them, each post's length counted on that text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LETTER = "https://www.naht.org.uk/news/latest-news/pay-award-2026-letter-to-the-secretary"
ESSAY = "\n\n".join(
    f"Point {n}: our schools need a funding settlement that matches the need. Read {LETTER}."
    for n in range(1, 9)
)


def thread(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadsmith", *args], capture_output=True, text=True, timeout=60
    )


def _essay(tmp_path: Path) -> Path:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    return path


def test_bluesky_posts_are_printed_with_their_links_shortened(tmp_path: Path) -> None:
    result = thread("split", str(_essay(tmp_path)), "--network", "bluesky")
    assert result.returncode == 0, result.stderr
    assert LETTER not in result.stdout
    assert result.stdout.count("Read www.naht.org.uk/news/latest-....") == 8


def test_bluesky_json_gives_the_text_posted_and_its_length(tmp_path: Path) -> None:
    result = thread("split", str(_essay(tmp_path)), "--network", "bluesky", "--format", "json")
    assert result.returncode == 0, result.stderr
    posts = json.loads(result.stdout)["posts"]
    assert all(set(post) == {"number", "text", "length", "media"} for post in posts)
    assert all(post["length"] == len(post["text"]) <= 300 for post in posts)  # ASCII text
    assert "".join(post["text"] for post in posts).count("www.naht.org.uk/news/latest-...") == 8
    # paragraphs of 158 characters as written (one a post), of 107 as posted: two a post
    assert len(posts) == 4


def test_x_and_mastodon_print_links_as_written(tmp_path: Path) -> None:
    for network in ("x", "mastodon"):
        result = thread("split", str(_essay(tmp_path)), "--network", network)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count(LETTER) == 8
