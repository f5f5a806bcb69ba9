"""`thread stats` on Mastodon through the CLI's own code against the fake Mastodon server
(real HTTP on 127.0.0.1, Mastodon.py's own code): each status's favourites, reblogs and
replies (the thread's own next status not counted), a deleted status shown as deleted,
a thread found from its first status's URL, a refusal in one line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.in_process import run
from support.memory_keyring import MemoryKeyring

ESSAY = "\n\n---\n\n".join(
    f"Point {n}: every school deserves the funding its pupils need." for n in range(1, 5)
)


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    server = FakeMastodon().start()
    yield server
    server.stop()


@pytest.fixture
def published(
    fake: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """A 4-status thread published with `thread publish`: statuses 1-3 favourited, 1
    boosted, 2 replied to; then status 4 deleted."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    login = ("login", "mastodon", "--instance", fake.url)
    assert run(monkeypatch, *login, stdin=fake.token + "\n") == 0
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    assert run(monkeypatch, "publish", str(essay), "--to", "mastodon", "--yes") == 0
    capsys.readouterr()
    ids = [status.id for status in fake.statuses]
    assert len(ids) == 4
    for status_id in ids[:3]:
        fake.engagement[status_id] = {"favourites_count": 1}
    fake.engagement[ids[0]]["reblogs_count"] = 1
    fake.engagement[ids[1]]["replies_count"] = 1  # someone else's reply
    fake.deleted.add(ids[3])
    return essay


def test_counts_as_json_with_the_deleted_status(
    published: Path, fake: FakeMastodon, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert run(monkeypatch, "stats", str(published), "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    urls = [f"{fake.url}/@tester/{status.id}" for status in fake.statuses]
    assert report["network"] == "mastodon"
    assert report["url"] == urls[0]

    def post(number: int, likes: int, reposts: int, replies: int) -> dict[str, object]:
        return {"number": number, "url": urls[number - 1], "likes": likes, "reposts": reposts,
                "replies": replies, "quotes": None, "impressions": None, "bookmarks": None,
                "deleted": False}  # fmt: skip

    assert report["posts"] == [
        post(1, 1, 1, 0),
        post(2, 1, 0, 1),
        post(3, 1, 0, 0),
        {"number": 4, "url": urls[3], "likes": None, "reposts": None, "replies": None,
         "quotes": None, "impressions": None, "bookmarks": None, "deleted": True},
    ]  # fmt: skip
    assert report["read_through"] == 0.5  # post 3's engagements (1) against post 1's (2)


def test_a_thread_is_found_from_its_first_status(
    published: Path, fake: FakeMastodon, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # no journal, no account
    first = f"{fake.url}/@tester/{fake.statuses[0].id}"
    assert run(monkeypatch, "stats", first, "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert [post["number"] for post in report["posts"]] == [1, 2, 3]  # the chain ends at 4
    assert [post["replies"] for post in report["posts"]] == [0, 1, 0]


def test_a_refusing_instance_is_one_line(
    published: Path, fake: FakeMastodon, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    fake.fail("GET /api/v1/statuses/:id", "503")
    assert run(monkeypatch, "stats", str(published)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[0] == (
        f"thread: Mastodon @tester@{fake.host}: {fake.host} failed to read the posts' counts: "
        "Service Unavailable (HTTP 503)"
    )
    assert "Traceback" not in err and fake.token not in err
    assert run(monkeypatch, "stats", str(published)) == 0  # read: the reading is kept
    capsys.readouterr()
    fake.fail("GET /api/v1/statuses/:id", "503")
    assert run(monkeypatch, "stats", str(published)) == 1
    out, err = capsys.readouterr()
    assert "Service Unavailable (HTTP 503); showing the reading taken on " in err
    assert out.startswith(f"Mastodon @tester@{fake.host}: ") and "Read-through" in out
