"""One `thread publish` to X, Bluesky and Mastodon: each network gets the essay split by its
own rules, as a chain of replies. The CLI's own code in-process (so `responses` can stand
in for X's API), the real local PDS, the fake Mastodon server, an in-memory keyring."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.fake_x import SECRETS, FakeX
from support.in_process import run
from support.memory_keyring import MemoryKeyring
from support.pds import LocalPDS, read_thread
from support.split import split
from support.thread_cli import PARAGRAPH

pytestmark = pytest.mark.realparts


@pytest.fixture(autouse=True)
def data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_one_publish_to_x_bluesky_and_mastodon(
    fake_x: FakeX,
    pds: LocalPDS,
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    account = pds.create_account("three")
    logins = [
        (("login", "x"), "\n".join(SECRETS)),
        (("login", "bluesky", "--handle", account.handle, "--service", pds.url), account.password),
        (("login", "mastodon", "--instance", fake_mastodon.url), fake_mastodon.token),
    ]
    for argv, stdin in logins:
        assert run(monkeypatch, *argv, stdin=stdin + "\n") == 0
    source = tmp_path / "essay.md"
    text = "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(1, 13)) + "\n"
    source.write_text(text)
    argv = ("publish", str(source), "--to", "x", "--to", "bluesky", "--to", "mastodon", "--yes")
    assert run(monkeypatch, *argv) == 0

    sent = {
        "x": [tweet["text"] for tweet in fake_x.tweets],
        "bluesky": [str(record["text"]) for record in read_thread(pds, account)],
        "mastodon": [status.text for status in fake_mastodon.statuses],
    }
    for network, texts in sent.items():
        assert texts == [post.text for post in split(text, network).posts], network
    assert len(set(map(len, sent.values()))) > 1  # each network split by its own rules
    for previous, tweet in itertools.pairwise(fake_x.tweets):
        assert tweet["in_reply_to"] == previous["id"]
    for earlier, status in itertools.pairwise(fake_mastodon.statuses):
        assert status.in_reply_to_id == earlier.id
    assert run(monkeypatch, *argv) == 0  # again: already published, on every network
    assert len(fake_x.tweets) == len(sent["x"])
    assert len(fake_mastodon.statuses) == len(sent["mastodon"])
