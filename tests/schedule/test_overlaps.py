"""Scheduling and publishing one thread at once, as two people (or one, in two terminals)
would: each real `thread` process on its own pseudo-terminal, waiting at its question
while the other one finishes. Whichever order, the thread goes out once, and the one
that comes second says why in one line. The real keyring, a real PDS."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.pds import LocalPDS
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login

pytestmark = pytest.mark.realparts


class AtTerminal:
    """A real `thread` command on a pseudo-terminal (so it asks, as it does a person),
    read as it goes: wait for a question, do something else, then answer it."""

    def __init__(self, thread: Thread, *args: str) -> None:
        self._leader, follower = os.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "threadsmith", *args],
            stdin=follower, stdout=follower, stderr=follower, env=thread.env, close_fds=True,
        )  # fmt: skip
        os.close(follower)
        self._seen = b""

    @property
    def output(self) -> str:
        return self._seen.decode(errors="replace").replace("\r\n", "\n")

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self._seen:
            assert time.monotonic() < deadline, f"no {text!r} in: {self.output}"
            assert self._read(), f"it ended before asking {text!r}: {self.output}"

    def answer(self, line: str) -> None:
        os.write(self._leader, line.encode() + b"\n")

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        """Its exit code and everything it wrote, once it has ended."""
        deadline = time.monotonic() + timeout
        try:
            while self._read():
                assert time.monotonic() < deadline, f"still running: {self.output}"
            return self.process.wait(timeout=30), self.output
        finally:
            self.process.kill()
            os.close(self._leader)

    def _read(self) -> bool:
        """Read what is there (waiting a little); False once the terminal is closed."""
        ready, _, _ = select.select([self._leader], [], [], 0.2)
        if not ready:
            return self.process.poll() is None
        try:
            chunk = os.read(self._leader, 4096)
        except OSError:  # the command ended and its side of the terminal closed
            return False
        self._seen += chunk
        return bool(chunk)


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    thread = Thread(secret_service, tmp_path / "data")
    thread.env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no timer of the user's
    return thread


def posts_in(source: Path) -> int:
    return len(split(source.read_text(), "bluesky").posts)


def test_published_while_scheduling_asks_the_schedule_is_refused_and_it_goes_out_once(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("overlap-a")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=4)
    scheduling = AtTerminal(thread, "schedule", str(source), "--to", "bluesky", "--at", "+30s")
    scheduling.wait_for("? [y/N] ")
    published = thread("publish", str(source), "--to", "bluesky", "--yes")
    assert published.returncode == 0 and "done, " in published.stdout, published.stderr
    scheduling.answer("y")
    code, said = scheduling.finish()
    booked = re.search(r"^Scheduled (\d+): ", said, re.MULTILINE)
    if booked is not None:  # the schedule would go out at its time: see what it would post
        thread("schedule", "run", "--id", booked.group(1), "--now")
    assert_chain(pds, account, posts_in(source))  # one thread, each post once
    assert booked is None and code == 1, said
    last = said.strip().splitlines()[-1]
    assert last.startswith(f"thread: Bluesky @{account.handle}: this thread was published "), said
    assert "nothing was scheduled" in last
    assert thread("schedule", "list").stdout.startswith("Nothing scheduled.")


def test_scheduled_while_publishing_asks_the_publish_sends_nothing_and_it_goes_out_once(
    thread: Thread, pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("overlap-b")
    login(thread, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=4)
    publishing = AtTerminal(thread, "publish", str(source), "--to", "bluesky")
    publishing.wait_for("? [y/N] ")
    scheduled = thread("schedule", str(source), "--to", "bluesky", "--at", "+1h", "--yes")
    assert scheduled.returncode == 0, scheduled.stderr
    found = re.search(r"^Scheduled (\d+): ", scheduled.stdout, re.MULTILINE)
    assert found is not None, scheduled.stdout
    schedule_id = found.group(1)
    publishing.answer("y")
    code, said = publishing.finish()
    runner = thread("schedule", "run", "--id", schedule_id, "--now")  # its time, come early
    assert_chain(pds, account, posts_in(source))  # one thread, each post once
    assert code == 1, said
    last = said.strip().splitlines()[-1]
    assert last.startswith(f"thread: this thread was scheduled meanwhile (schedule {schedule_id})")
    assert "nothing was sent" in last and f"--id {schedule_id} --now" in last
    assert runner.returncode == 0 and ": published: https://" in runner.stdout, runner.stderr
