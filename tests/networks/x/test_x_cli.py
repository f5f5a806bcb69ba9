"""`thread login x` and `thread publish --to x` through the CLI's own code, against the
fake X API (in-process, so `responses` intercepts tweepy), with an in-memory keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fake_x import SECRETS, FakeX
from support.in_process import run
from support.memory_keyring import MemoryKeyring


@pytest.fixture
def fake(fake_x: FakeX, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeX:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return fake_x


def test_login_and_publish_to_x_then_resume_after_an_ambiguous_failure(
    fake: FakeX,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n") == 0
    assert "as campaigner" in capsys.readouterr().out
    essay = tmp_path / "essay.md"
    essay.write_text(
        "\n\n".join(f"Point {n}: schools need funding that matches need." * 3 for n in range(6))
    )
    fake.script.extend(["ok", "ok", "503-after-write"])  # post 3 lands but its answer is a 503
    monkeypatch.setattr("threadsmith.publish.runner.MAX_ATTEMPTS", 2)
    assert run(monkeypatch, "publish", str(essay), "--to", "x", "--yes") == 0
    out = capsys.readouterr().out
    texts = [t["text"] for t in fake.tweets]
    assert len(texts) == len(set(texts))  # post 3 was found, not resent
    assert "The thread: https://x.com/campaigner/status/" in out
    for previous, tweet in zip(fake.tweets, fake.tweets[1:], strict=False):
        assert tweet["in_reply_to"] == previous["id"]
    assert run(monkeypatch, "publish", str(essay), "--to", "x", "--yes") == 0
    assert "already published" in capsys.readouterr().out
    stored = next(iter(memory_keyring.entries.values()))
    assert SECRETS[1] in stored  # kept in the keyring…
    for file in (tmp_path / "data").rglob("*"):
        if file.is_file():  # …and nowhere else
            assert not any(s.encode() in file.read_bytes() for s in SECRETS)


def test_reply_restriction_stops_with_x_words_and_resumes(
    fake: FakeX,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(monkeypatch, "login", "x", stdin="\n".join(SECRETS) + "\n")
    essay = tmp_path / "essay.md"
    essay.write_text(
        "\n\n".join(f"Point {n}: the case for fair funding, made plainly." * 3 for n in range(5))
    )
    fake.script.extend(["ok", "403-reply"])
    assert run(monkeypatch, "publish", str(essay), "--to", "x", "--yes") == 1
    err = capsys.readouterr().err
    assert "You attempted to reply to a Tweet that is deleted or not visible to you." in err
    assert err.strip().splitlines()[-1].startswith("thread: ")
    assert run(monkeypatch, "publish", str(essay), "--to", "x", "--yes") == 0
    assert "resuming an unfinished run, 1 of" in capsys.readouterr().out
    texts = [t["text"] for t in fake.tweets]
    assert len(texts) == len(set(texts))
