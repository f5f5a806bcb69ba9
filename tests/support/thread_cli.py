"""The real `thread` command in subprocesses, with an isolated data dir and the test
keyring: what the CLI and publishing tests drive, and how they read back a thread."""

from __future__ import annotations

import itertools
import os
import select
import subprocess
import sys
import time
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


# `thread` resolves no name but this machine's, as the tests' own process (a link card
# would read the page an essay links to): offline/sitecustomize.py, loaded at its start
OFFLINE = os.pathsep.join(
    filter(None, (str(Path(__file__).parent / "offline"), os.environ.get("PYTHONPATH")))
)


class Thread:
    """Runs the real `thread` command with an isolated data dir and the test keyring."""

    def __init__(self, env: dict[str, str], data: Path) -> None:
        self.env = {**os.environ, **env, "XDG_DATA_HOME": str(data), "PYTHONPATH": OFFLINE}
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

    def at_terminal(self, *args: str, answers: dict[str, str]) -> tuple[int, str]:
        """Runs `thread` on a pseudo-terminal (so it knows it is at a terminal), typing
        `answers[question]` once each question appears; its exit code and all it wrote."""
        leader, follower = os.openpty()
        process = subprocess.Popen(
            [sys.executable, "-m", "threadsmith", *args],
            stdin=follower, stdout=follower, stderr=follower, env=self.env, close_fds=True,
        )  # fmt: skip
        os.close(follower)
        seen, waiting = b"", dict(answers)
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([leader], [], [], 0.1)
                if ready:
                    try:
                        chunk = os.read(leader, 4096)
                    except OSError:  # the terminal closed: the command has ended
                        break
                    if not chunk:
                        break
                    seen += chunk
                for question in [q for q in waiting if q.encode() in seen]:
                    os.write(leader, waiting.pop(question).encode() + b"\n")
                if process.poll() is not None and not ready:
                    break
            code = process.wait(timeout=10)
        finally:
            process.kill()
            os.close(leader)
        output = seen.decode(errors="replace").replace("\r\n", "\n")
        self.outputs.append(output)
        return code, output


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
