"""`thread publish --to bluesky` for real (subprocesses, the Secret Service keyring, a
real PDS on 127.0.0.1): `--dry-run` shows each post as it will be sent, its links
shortened as the official Bluesky app shows them, and that is the text posted."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.pds import LocalPDS, read_thread
from support.thread_cli import Thread, essay, login

LETTER = "https://www.naht.org.uk/news/latest-news/pay-award-2026-letter-to-the-secretary"
SHOWN = "Read the letter: www.naht.org.uk/news/latest-..."


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    return Thread(secret_service, tmp_path / "data")


def test_the_dry_run_shows_the_short_link_that_is_then_posted(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("shortlink")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=3, extra=f"\n\nRead the letter: {LETTER}")

    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert SHOWN in dry.stdout and LETTER not in dry.stdout

    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0, published.stderr
    last = read_thread(pds, account)[-1]
    text = str(last["text"])
    assert SHOWN in text and LETTER not in text
    facets = last["facets"]
    assert isinstance(facets, list)
    (link,) = [f for f in facets if f["features"][0]["$type"].endswith("#link")]
    raw = text.encode("utf-8")
    shown = raw[link["index"]["byteStart"] : link["index"]["byteEnd"]].decode("utf-8")
    assert shown == "www.naht.org.uk/news/latest-..."
    assert link["features"][0]["uri"] == LETTER
