"""`thread stats` on X through the CLI's own code against the fake X API (tweepy's own
code runs): X is read only with --pay, after the cost is said; the counts, the
deleted post and the read-through on impressions; a refusal is one line; 100 ids a call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.fake_x import KEPT, SECRETS, FakeX
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from threadsmith.journal import PostRef
from threadsmith.network import MetricsAccess, Secrets
from threadsmith.networks.x import metrics

ESSAY = "\n\n---\n\n".join(
    f"Point {n}: schools need funding that matches the need we see." for n in range(1, 6)
)


@pytest.fixture
def fake(fake_x: FakeX, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeX:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "100")
    return fake_x


@pytest.fixture
def published(
    fake: FakeX,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """A 5-post thread published to the fake X, engaged with; post 4 deleted."""
    assert run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n") == 0
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY)
    assert run(monkeypatch, "publish", str(essay), "--to", "x", "--yes") == 0
    capsys.readouterr()
    ids = [tweet["id"] for tweet in fake.tweets]
    assert len(ids) == 5
    fake.engagement[ids[0]] = {"impression_count": 400, "like_count": 9, "retweet_count": 3}
    fake.engagement[ids[1]] = {"impression_count": 250, "like_count": 4, "reply_count": 2}
    fake.engagement[ids[2]] = {"impression_count": 180, "quote_count": 1, "bookmark_count": 2}
    fake.engagement[ids[4]] = {"impression_count": 100, "like_count": 1}
    fake.deleted.add(ids[3])
    return essay


def test_x_is_not_read_without_pay_and_the_cost_is_said(
    published: Path,
    fake: FakeX,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(monkeypatch, "stats", str(published)) == 0
    out, err = capsys.readouterr()
    assert fake.lookups == []  # nothing billed
    assert out == ""
    assert "reading 5 posts costs about $0.025 on X ($0.005 each" in err
    assert "add --pay" in err


def test_x_counts_with_pay_as_json(
    published: Path,
    fake: FakeX,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(monkeypatch, "stats", str(published), "--pay", "--format", "json") == 0
    out, err = capsys.readouterr()
    assert "reading 5 posts costs about $0.025 on X" in err
    assert len(fake.lookups) == 1 and len(fake.lookups[0]) == 5
    report = json.loads(out)
    ids = [tweet["id"] for tweet in fake.tweets]
    assert report["network"] == "x"
    assert report["url"] == f"https://x.com/campaigner/status/{ids[0]}"
    assert report["fetched_at"].endswith("Z")

    def post(number: int, **counts: int | None) -> dict[str, object]:
        figures: dict[str, object] = dict.fromkeys(
            ("likes", "reposts", "replies", "quotes", "impressions", "bookmarks"), 0
        )
        return {
            "number": number, "url": f"https://x.com/campaigner/status/{ids[number - 1]}",
            **figures, **counts, "deleted": False,
        }  # fmt: skip

    deleted = dict.fromkeys(("likes", "reposts", "replies", "quotes", "impressions", "bookmarks"))
    assert report["posts"] == [
        post(1, likes=9, reposts=3, impressions=400),  # post 2's reply to it is the chain's
        post(2, likes=4, replies=2, impressions=250),
        post(3, quotes=1, bookmarks=2, impressions=180),  # its next post is gone: no chain
        {"number": 4, "url": f"https://x.com/campaigner/status/{ids[3]}", **deleted,
         "deleted": True},
        post(5, likes=1, impressions=100),
    ]  # fmt: skip
    assert report["read_through"] == 0.25  # impressions: 100 of 400


def test_a_refusal_is_one_line_and_the_reading_is_kept_otherwise(
    published: Path,
    fake: FakeX,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake.lookup_script.append("429")
    assert run(monkeypatch, "stats", str(published), "--pay") == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = [line for line in err.splitlines() if line.startswith("thread: ")]
    assert lines[0] == "thread: X @campaigner: X asked us to slow down (read the posts' counts)"
    assert "Traceback" not in err
    assert run(monkeypatch, "stats", str(published), "--pay") == 0
    out = capsys.readouterr().out
    assert "Read-through: 25% (post 5's impressions against post 1's)" in out
    assert "   4  deleted" in out
    assert run(monkeypatch, "stats", str(published), "--history") == 0
    history = capsys.readouterr().out
    assert len([line for line in history.splitlines() if "25%" in line]) == 1  # one kept


def test_a_thread_url_of_ours_is_found_under_twitter_com(
    published: Path,
    fake: FakeX,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = fake.tweets[0]["id"]
    url = f"https://twitter.com/campaigner/status/{first}?s=20"
    assert run(monkeypatch, "stats", url, "--pay", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["url"] == f"https://x.com/campaigner/status/{first}"


def test_an_x_thread_threadsmith_did_not_publish_is_refused_without_a_read(
    fake: FakeX, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(monkeypatch, "stats", "https://x.com/someone/status/123", "--pay") == 2
    assert "threadsmith did not publish this thread" in capsys.readouterr().err
    assert fake.lookups == []


def test_metrics_are_read_100_ids_a_call(fake: FakeX) -> None:
    refs = []
    for number in range(1, 231):
        tweet = fake._store({"text": f"post {number}"})
        refs.append(PostRef(tweet["id"], f"https://x.com/campaigner/status/{tweet['id']}"))
    fake.engagement[refs[150].id] = {"like_count": 7}
    fake.deleted.add(refs[200].id)
    access = MetricsAccess(None, lambda: Secrets(KEPT))
    counts = metrics.read(access, refs)
    assert [len(ids) for ids in fake.lookups] == [100, 100, 30]
    assert counts[150] is not None and counts[150].likes == 7
    assert counts[200] is None
    assert sum(count is None for count in counts) == 1


def test_an_impossible_count_is_refused_and_nothing_kept(
    published: Path, fake: FakeX, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    fake.engagement[fake.tweets[1]["id"]]["like_count"] = -5
    assert run(monkeypatch, "stats", str(published), "--pay") == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert (
        "thread: X @campaigner: X gave post 2 -5 likes, which cannot be a count; nothing was kept"
    ) in err.splitlines()
    assert run(monkeypatch, "stats", str(published)) == 0  # no reading was kept: none to show
    assert "-5" not in capsys.readouterr().out
