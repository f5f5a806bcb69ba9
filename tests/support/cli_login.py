"""A login through the real `thread` command as a script does it: the token on standard
input, against a fake server, kept in the test keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.fake_threads import FakeThreads
from support.thread_cli import Thread


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    """The real `thread` command with the test keyring and a data folder of its own."""
    return Thread(secret_service, tmp_path / "data")


def login_to_mastodon(thread: Thread, server: FakeMastodon) -> str:
    """Log in to the fake instance with its token; the account's handle."""
    handle = f"{server.username}@{server.host}"
    _login(thread, ["mastodon", "--instance", server.url], server.token, handle)
    return handle


def login_to_threads(thread: Thread, fake: FakeThreads) -> None:
    """Log in to the fake Threads API with its token."""
    _login(thread, ["threads", "--service", fake.url], fake.token, fake.username)


def _login(thread: Thread, where: list[str], token: str, handle: str) -> None:
    result = thread("login", *where, stdin=token + "\n")
    assert result.returncode == 0, result.stderr
    assert f"as {handle}" in result.stdout
