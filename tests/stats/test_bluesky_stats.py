"""`thread stats` on Bluesky, end to end with real parts: `thread publish` sends a thread
to the local PDS, a second account engages with the atproto SDK, the real AppView
indexes it all, and `thread stats essay.md` reads the counts back from it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from atproto import Client, models

from support.appview import LocalAppView
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from support.pds import LocalPDS, PdsAccount, read_thread

pytestmark = pytest.mark.realparts

ESSAY = "\n\n---\n\n".join(
    f"Point {n}: a fair funding settlement for every school, argued plainly." for n in range(1, 5)
)
COUNTS = ("likes", "reposts", "replies", "quotes")


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def strong(record: dict[str, Any]) -> models.ComAtprotoRepoStrongRef.Main:
    return models.ComAtprotoRepoStrongRef.Main(uri=record["uri"], cid=record["cid"])


@pytest.fixture
def published(
    pds: LocalPDS,
    appview: LocalAppView,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[tuple[Path, PdsAccount, list[dict[str, Any]]]]:
    """A 4-post thread published with `thread publish`; posts 1-3 liked, post 1 reposted,
    post 2 replied to by another account; then post 4 deleted by its author. Indexed."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("THREADSMITH_BSKY_APPVIEW", raising=False)
    author = pds.create_account("author")
    fan = pds.create_account("fan")
    login = ("login", "bluesky", "--handle", author.handle, "--service", pds.url)
    assert run(monkeypatch, *login, stdin=author.password + "\n") == 0
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    assert run(monkeypatch, "publish", str(essay), "--to", "bluesky", "--yes") == 0
    capsys.readouterr()
    thread = read_thread(pds, author)
    assert len(thread) == 4
    fan_client: Client = pds.client(fan)
    author_client: Client = pds.client(author)
    try:
        feed = fan_client.app.bsky.feed
        for record in thread[:3]:
            feed.like.create(
                fan.did, models.AppBskyFeedLike.Record(subject=strong(record), created_at=now())
            )
        feed.repost.create(
            fan.did, models.AppBskyFeedRepost.Record(subject=strong(thread[0]), created_at=now())
        )
        reply = models.AppBskyFeedPost.ReplyRef(root=strong(thread[0]), parent=strong(thread[1]))
        feed.post.create(
            fan.did, models.AppBskyFeedPost.Record(text="Agreed.", reply=reply, created_at=now())
        )
        rkey = str(thread[3]["uri"]).rsplit("/", 1)[-1]
        author_client.app.bsky.feed.post.delete(author.did, rkey)
    finally:
        fan_client.request.close()
        author_client.request.close()
    appview.wait_until_indexed(author, fan)
    yield essay, author, thread


def test_stats_report_exactly_the_engagement_given_and_the_deleted_post(
    published: tuple[Path, PdsAccount, list[dict[str, Any]]],
    appview: LocalAppView,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    essay, author, thread = published
    argv = ("stats", str(essay), "--format", "json", "--appview", appview.url)
    assert run(monkeypatch, *argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    report = json.loads(out)
    urls = [f"https://bsky.app/profile/{author.handle}/post/{r['uri'].rsplit('/', 1)[-1]}"
            for r in thread]  # fmt: skip
    assert report["network"] == "bluesky"
    assert report["url"] == urls[0]
    datetime.strptime(report["fetched_at"], "%Y-%m-%dT%H:%M:%SZ")  # ISO 8601, UTC

    def post(number: int, *counts: int) -> dict[str, object]:
        return {"number": number, "url": urls[number - 1], **dict(zip(COUNTS, counts, strict=True)),
                "impressions": None, "bookmarks": None, "deleted": False}  # fmt: skip

    assert report["posts"] == [
        post(1, 1, 1, 0, 0),  # its reply from post 2 is the thread's own: not counted
        post(2, 1, 0, 1, 0),  # the fan's reply (post 3 is the chain's)
        post(3, 1, 0, 0, 0),  # post 4, its chain reply, is gone
        {"number": 4, "url": urls[3], **dict.fromkeys(COUNTS), "impressions": None,
         "bookmarks": None, "deleted": True},
    ]  # fmt: skip
    # engagements: post 3 (the last still online) has 1, post 1 has 2
    assert report["read_through"] == 0.5


def test_readings_are_kept_shown_as_history_and_written_as_csv(
    published: tuple[Path, PdsAccount, list[dict[str, Any]]],
    appview: LocalAppView,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    essay, author, _ = published
    monkeypatch.setenv("THREADSMITH_BSKY_APPVIEW", appview.url)  # as --appview
    monkeypatch.setenv("COLUMNS", "80")
    assert run(monkeypatch, "stats", str(essay)) == 0
    text = capsys.readouterr().out
    assert "Read-through: 50% (post 3's engagements against post 1's)" in text
    assert "   4  deleted" in text
    assert run(monkeypatch, "stats", str(essay), "--format", "json") == 0
    capsys.readouterr()
    exported = tmp_path / "readings.csv"
    assert run(monkeypatch, "stats", str(essay), "--history", "--csv", str(exported)) == 0
    out, err = capsys.readouterr()
    assert len([line for line in out.splitlines() if "50%" in line]) == 2, out
    assert "Wrote 2 readings (8 rows)" in err
    with exported.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["number"] for row in table] == ["1", "2", "3", "4"] * 2
    assert {row["handle"] for row in table} == {author.handle}
    assert [row["deleted"] for row in table[:4]] == ["0", "0", "0", "1"]
    assert table[1]["replies"] == "1" and table[3]["likes"] == ""
    assert len({row["fetched_at"] for row in table}) <= 2
    assert run(monkeypatch, "stats", str(essay), "--history", "--format", "json") == 0
    readings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["read_through"] for r in readings] == [0.5, 0.5]


def test_a_thread_is_read_from_its_url_even_if_threadsmith_did_not_publish_it(
    published: tuple[Path, PdsAccount, list[dict[str, Any]]],
    appview: LocalAppView,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, author, thread = published
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # a journal that never saw it
    first = f"https://bsky.app/profile/{author.handle}/post/{thread[0]['uri'].rsplit('/', 1)[-1]}"
    argv = ("stats", first, "--format", "json", "--appview", appview.url)
    assert run(monkeypatch, *argv) == 0
    report = json.loads(capsys.readouterr().out)
    # followed through the author's own replies: the fan's reply is not a post of it,
    # and the deleted post 4 ended the chain
    assert [post["number"] for post in report["posts"]] == [1, 2, 3]
    assert [post["likes"] for post in report["posts"]] == [1, 1, 1]
    assert [post["replies"] for post in report["posts"]] == [0, 1, 0]
    assert report["read_through"] == 0.5


def test_an_appview_that_cannot_be_reached_is_one_line(
    published: tuple[Path, PdsAccount, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    essay, _, _ = published
    assert run(monkeypatch, "stats", str(essay), "--appview", "http://127.0.0.1:9") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err.splitlines()[0].startswith("thread: Bluesky @author")
        and "cannot reach http://127.0.0.1:9 to read the posts' counts" in err
    )
    assert "Traceback" not in err
