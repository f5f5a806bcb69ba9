"""`thread login/accounts/publish/logout` for real: subprocesses, the real Secret
Service keyring, a real PDS on 127.0.0.1; then every file written and every
output captured is searched for the secrets."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.pds import LocalPDS, PdsAccount, read_thread
from support.secret_service import assert_no_secret_in, secret_tool_lookup
from threadsmith.threading import split

PARAGRAPH = (
    "Schools need a funding settlement that matches the need we see every day, "
    "and the evidence for it is overwhelming. #SchoolFunding"
)


def essay(path: Path, paragraphs: int = 8) -> Path:
    path.write_text("\n\n".join(f"{n}. {PARAGRAPH}" for n in range(1, paragraphs + 1)) + "\n")
    return path


class Thread:
    """Runs the real `thread` command with an isolated data dir and the test keyring."""

    def __init__(self, env: dict[str, str], data: Path) -> None:
        self.env = {**os.environ, **env, "XDG_DATA_HOME": str(data)}
        self.outputs: list[str] = []

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "threadsmith", *args],
            input=stdin, capture_output=True, text=True, env=self.env, timeout=300,
        )  # fmt: skip
        self.outputs += [result.stdout, result.stderr]
        return result

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "threadsmith", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=self.env,
        )  # fmt: skip


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    return Thread(secret_service, tmp_path / "data")


def login(thread: Thread, pds: LocalPDS, account: PdsAccount) -> None:
    result = thread(
        "login", "bluesky", "--handle", account.handle, "--service", pds.url,
        stdin=account.password + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"as {account.handle}" in result.stdout


def assert_chain(pds: LocalPDS, account: PdsAccount, count: int) -> list[dict[str, object]]:
    records = read_thread(pds, account)
    numbers = [str(r["text"]).rsplit(" ", 1)[-1] for r in records]
    assert numbers == [f"{n}/" for n in range(1, count + 1)], numbers  # in order, no duplicate
    for previous, record in itertools.pairwise(records):
        reply = record["reply"]
        assert isinstance(reply, dict) and reply["parent"]["uri"] == previous["uri"]
        assert reply["root"]["uri"] == records[0]["uri"]
    return records


def test_login_publish_logout_cycle_leaks_no_secret(
    thread: Thread, pds: LocalPDS, secret_service: dict[str, str], tmp_path: Path
) -> None:
    account = pds.create_account("cycle")
    login(thread, pds, account)
    listing = thread("accounts")
    assert account.handle in listing.stdout and "Keyring:" in listing.stdout
    session = secret_tool_lookup(secret_service, f"bluesky:{account.handle}")
    assert account.password in session  # it is in the keyring, and only there

    source = essay(tmp_path / "essay.md")
    dry = thread("publish", str(source), "--to", "bluesky", "--dry-run")
    assert dry.returncode == 0 and "posts" in dry.stdout and read_thread(pds, account) == []
    refused = thread("publish", str(source), "--to", "bluesky")
    assert refused.returncode == 2 and "--yes" in refused.stderr  # no terminal, no --yes

    published = thread("publish", str(source), "--to", "bluesky", "--yes", "--verbose")
    assert published.returncode == 0, published.stderr
    records = assert_chain(pds, account, len(read_thread(pds, account)))
    assert "The thread: https://bsky.app/profile/" in published.stdout
    again = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert "already published" in again.stdout and len(read_thread(pds, account)) == len(records)

    out = thread("logout", "bluesky", account.handle)
    assert (
        out.returncode == 0
        and secret_tool_lookup(secret_service, f"bluesky:{account.handle}") == ""
    )
    assert account.handle not in thread("accounts").stdout
    secrets = [account.password, session.split('"session": "')[-1][:40]]
    assert_no_secret_in([tmp_path / "data", *thread.outputs], secrets)


def test_kill_9_at_random_points_then_resume(thread: Thread, pds: LocalPDS, tmp_path: Path) -> None:
    account = pds.create_account("killed")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=24)
    command = ("publish", str(source), "--to", "bluesky", "--yes", "--delay", "0.2")
    chooser = random.Random(20261123)
    kills = 0
    for _ in range(6):
        process = thread.start(*command)
        time.sleep(chooser.uniform(0.8, 2.5))  # somewhere mid-thread, or mid-request
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate(timeout=60)
    finished = thread(*command)
    assert finished.returncode == 0, finished.stderr
    expected = len(split(source.read_text(), "bluesky").posts)
    assert kills >= 2
    assert len(assert_chain(pds, account, expected)) == expected
