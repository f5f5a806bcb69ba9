"""The real `thread` command in subprocesses, with an isolated data dir and the test
keyring: what the CLI and publishing tests drive, and how they read back a thread."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

from support.pds import LocalPDS, PdsAccount, read_thread

PARAGRAPH = (
    "Schools need a funding settlement that matches the need we see every day, "
    "and the evidence for it is overwhelming. #SchoolFunding"
)


def essay(path: Path, paragraphs: int = 8, extra: str = "") -> Path:
    text = "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(1, paragraphs + 1))
    path.write_text(text + extra + "\n")
    return path


class Thread:
    """Runs the real `thread` command with an isolated data dir and the test keyring."""

    def __init__(self, env: dict[str, str], data: Path) -> None:
        self.env = {**os.environ, **env, "XDG_DATA_HOME": str(data)}
        self.data = data
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


def login(thread: Thread, pds: LocalPDS, account: PdsAccount) -> None:
    result = thread(
        "login", "bluesky", "--handle", account.handle, "--service", pds.url,
        stdin=account.password + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"as {account.handle}" in result.stdout


def assert_chain(pds: LocalPDS, account: PdsAccount, count: int) -> list[dict[str, object]]:
    """The account's posts are one thread of `count` posts, in order, none twice."""
    records = read_thread(pds, account)
    numbers = [str(r["text"]).rsplit(" ", 1)[-1] for r in records]
    assert numbers == [f"{n}/" for n in range(1, count + 1)], numbers
    for previous, record in itertools.pairwise(records):
        reply = record["reply"]
        assert isinstance(reply, dict) and reply["parent"]["uri"] == previous["uri"]
        assert reply["root"]["uri"] == records[0]["uri"]
    return records
