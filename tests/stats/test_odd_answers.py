"""`thread stats` against answers no well-behaved server gives: garbage, a web page, the
wrong shapes, counts that cannot be (negative, strings, NaN, 10^30), a thread of hundreds
of self-replies, terminal escapes in a handle. Each is a reading or one line, never a
traceback, never -5 likes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support.fake_appview import DID, POSTS, THREAD, FakeAppView, rkey
from support.fake_appview import fake_appview as appview_of
from support.fake_mastodon import FakeMastodon
from support.memory_keyring import MemoryKeyring
from threadsmith.cli import main
from threadsmith.networks.bluesky.metrics import DEPTH


@pytest.fixture
def view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAppView]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield from appview_of(4)


def stats(view: FakeAppView, monkeypatch: pytest.MonkeyPatch, *more: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    first = f"https://bsky.app/profile/{DID}/post/{rkey(0)}"
    return main(["stats", first, "--appview", view.url, *more])


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The one line saying why, on its own or above the count of threads not read."""
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    line, *summary = err.strip().splitlines()
    assert summary in ([], ["thread: 1 of 1 threads could not be read"])
    return line


def test_a_thread_of_hundreds_of_self_replies_is_followed_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for view in appview_of(300):  # posts 0 to 300: one answer nesting them all is too deep
        assert stats(view, monkeypatch, "--format", "json") == 0
        report = json.loads(capsys.readouterr().out)
        assert [post["number"] for post in report["posts"]] == list(range(1, 302))
        assert [post["likes"] for post in report["posts"]] == [1] * 301
        asked = [query for path, query in view.asked if path == THREAD]
        assert len(asked) == 300 // DEPTH and {q["depth"][0] for q in asked} == {str(DEPTH)}


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"{not json"),
        ("text/html", b"<!DOCTYPE html><html><body>Welcome</body></html>"),
        ("application/json", b"[1, 2]"),
        ("application/json", b'{"posts": "all of them"}'),
        ("application/json", b'{"posts": [{"uri": "at://x"}]}'),
        ("application/json", b'{"thread": {"$type": "app.bsky.feed.defs#threadViewPost"}}'),
    ],
    ids=["garbage", "html", "a-list", "posts-a-string", "a-post-without-author", "thread-shape"],
)
@pytest.mark.parametrize("path", [POSTS, THREAD])
def test_an_answer_that_is_not_the_api_is_one_line(
    view: FakeAppView, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    path: str, content_type: str, body: bytes,
) -> None:  # fmt: skip
    view.answers[path] = (content_type, body)
    assert stats(view, monkeypatch) in (1, 2)
    what = "read the posts' counts" if path == POSTS else "read the thread"
    line = one_line(capsys)
    assert line.startswith("thread: ") and line.endswith(
        f"{view.url} did not answer as Bluesky's API does while trying to {what}"
    )


@pytest.mark.parametrize(
    ("count", "shown"),
    [(-5, "-5"), (10**30, repr(10**30)), ("5", "'5'"), (5.5, "5.5"), (float("nan"), "nan")],
    ids=["negative", "ten-to-the-thirty", "a-string", "a-float", "nan"],
)
def test_a_count_that_cannot_be_is_refused_as_such(
    view: FakeAppView, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    count: Any, shown: str,
) -> None:  # fmt: skip
    view.counts = {"likeCount": 3, "repostCount": count}
    status = stats(view, monkeypatch)
    line = one_line(capsys)
    assert status == 1 and "-5 likes" not in line and "%" not in line
    if isinstance(count, int):  # JSON's own kind of number: read, then refused as no count
        assert line == (
            f"thread: Bluesky @long.test: Bluesky gave post 1 {shown} reposts, which cannot be "
            "a count; nothing was kept"
        )
    else:  # not an integer at all: not the API's answer
        assert "did not answer as Bluesky's API does" in line


def test_terminal_escapes_in_a_handle_are_shown_escaped(
    view: FakeAppView, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    view.handle = "evil\x1b]52;c;aGk=\x07.test"
    assert stats(view, monkeypatch) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "evil\\x1b]52;c;aGk=\\x07.test" in out


@pytest.mark.parametrize("count", [-5, 10**30])
def test_a_mastodon_count_that_cannot_be_is_refused_as_such(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], count: Any,
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    fake = FakeMastodon().start()
    try:
        essay = tmp_path / "essay.md"
        essay.write_text("One point, made plainly.\n\n---\n\nAnother point, made plainly.\n")
        monkeypatch.setattr("sys.stdin", io.StringIO(fake.token + "\n"))
        assert main(["login", "mastodon", "--instance", fake.url]) == 0
        assert main(["publish", str(essay), "--to", "mastodon", "--yes"]) == 0
        capsys.readouterr()
        fake.engagement[fake.statuses[1].id] = {"favourites_count": count}
        assert main(["stats", str(essay)]) == 1
        assert one_line(capsys) == (
            f"thread: Mastodon @tester@{fake.host}: Mastodon gave post 2 {count!r} likes, "
            "which cannot be a count; nothing was kept"
        )
    finally:
        fake.stop()
