"""Each network's chain goes out at the same time as the others', each still in order and
journalled: `thread publish` to Bluesky (the real local PDS) and Mastodon (the fake
server), the CLI's own code in-process."""

from __future__ import annotations

import io
import itertools
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import cast

import pytest

from support.fake_mastodon import FakeMastodon
from support.memory_keyring import MemoryKeyring
from support.pds import LocalPDS, read_thread
from support.split import split
from support.thread_cli import PARAGRAPH, Thread, assert_chain, essay, login
from support.waiting import wait_until
from threadsmith import accounts
from threadsmith.cli import main
from threadsmith.cli.publish_lines import UP_AND_CLEAR
from threadsmith.errors import InputError
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Account, Publisher, SendsThreads
from threadsmith.publish.together import each_network

WAIT = 20  # seconds: only reached when the networks go one after the other


def test_two_networks_run_side_by_side_one_networks_runs_in_turn() -> None:
    both = threading.Barrier(2, timeout=WAIT)  # broken if the networks go in turn
    order: list[str] = []

    def meet() -> None:
        both.wait()

    tasks = [("bluesky", meet), ("mastodon", meet), ("mastodon", lambda: order.append("2nd"))]
    assert each_network(tasks) == [None, None, None]
    assert order == ["2nd"]


def test_one_failure_is_its_own_and_each_is_reported() -> None:
    said: list[tuple[int, str]] = []

    def refuse() -> None:
        raise InputError("no such image")

    errors = each_network(
        [("x", refuse), ("x", lambda: None), ("bluesky", lambda: None)],
        on_error=lambda index, error: said.append((index, str(error))),
    )
    assert [type(e) for e in errors] == [InputError, type(None), type(None)]
    assert said == [(0, "no such image")]


def test_a_bug_stops_every_network_and_is_raised() -> None:
    cancel = threading.Event()

    def bug() -> None:
        raise ZeroDivisionError

    def wait_for_cancel() -> None:
        assert cancel.wait(WAIT)

    with pytest.raises(ZeroDivisionError):
        each_network([("x", bug), ("bluesky", wait_for_cancel)], cancel=cancel)


@pytest.mark.realparts
def test_publish_sends_bluesky_and_mastodon_at_the_same_time(
    pds: LocalPDS,
    fake_mastodon: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    account = pds.create_account("together")
    logins = [
        (("login", "bluesky", "--handle", account.handle, "--service", pds.url), account.password),
        (("login", "mastodon", "--instance", fake_mastodon.url), fake_mastodon.token),
    ]
    for argv, stdin in logins:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
        assert main(list(argv)) == 0
    # Bluesky's thread (one commit) waits for Mastodon's post 1, and Mastodon's post 2 for
    # Bluesky's thread: one network after the other, one of them would wait in vain.
    first_sent = {"bluesky": threading.Event(), "mastodon": threading.Event()}
    waited_in_vain: list[str] = []
    real_open = accounts.open_publisher

    class Crossed:
        def __init__(self, inner: Publisher, network: str) -> None:
            self.inner, self.network = inner, network

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

        def send(
            self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
        ) -> PostRef:
            if post.number == 2 and not first_sent["bluesky"].wait(WAIT):
                waited_in_vain.append(self.network)
            ref = self.inner.send(post, key=key, root=root, parent=parent)
            first_sent[self.network].set()
            return ref

        def send_thread(self, refs: list[PostRef]) -> list[PostRef]:  # Bluesky's, whole
            if not first_sent["mastodon"].wait(WAIT):
                waited_in_vain.append(self.network)
            sent = cast(SendsThreads, self.inner).send_thread(refs)
            first_sent[self.network].set()
            return sent

    def crossed(chosen: Account, options: Mapping[str, str] | None = None) -> Publisher:
        return Crossed(real_open(chosen, options), chosen.network.name)  # type: ignore[return-value]

    monkeypatch.setattr(accounts, "open_publisher", crossed)
    source = tmp_path / "essay.md"
    text = "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(1, 7)) + "\n"
    source.write_text(text)
    command = ["publish", str(source), "--to", "bluesky", "--to", "mastodon", "--yes"]
    assert main(command) == 0
    assert waited_in_vain == []
    bluesky = [str(record["text"]) for record in read_thread(pds, account)]
    assert bluesky == [post.text for post in split(text, "bluesky").posts]
    assert [s.text for s in fake_mastodon.statuses] == [
        p.text for p in split(text, "mastodon").posts
    ]
    for earlier, status in itertools.pairwise(fake_mastodon.statuses):
        assert status.in_reply_to_id == earlier.id
    assert main(command) == 0  # again: already published on both, nothing sent twice
    assert len(fake_mastodon.statuses) == len(split(text, "mastodon").posts)
    assert len(read_thread(pds, account)) == len(bluesky)


@pytest.mark.realparts
def test_killed_while_both_networks_go_out_resume_finishes_each_once(
    pds: LocalPDS, fake_mastodon: FakeMastodon, secret_service: dict[str, str], tmp_path: Path
) -> None:
    thread = Thread(secret_service, tmp_path / "data")
    account = pds.create_account("killed")
    login(thread, pds, account)
    mastodon = thread(
        "login", "mastodon", "--instance", fake_mastodon.url, stdin=fake_mastodon.token
    )
    assert mastodon.returncode == 0, mastodon.stderr
    source = essay(tmp_path / "essay.md", paragraphs=16)
    fake_mastodon.fail("POST /api/v1/statuses", "ok", "ok", "hold")  # Mastodon stops at 3
    process = thread.start(
        "publish", str(source), "--to", "bluesky", "--to", "mastodon", "--yes", "--delay", "2"
    )
    try:  # both chains part way at once (never, one after the other)
        wait_until(
            lambda: len(read_thread(pds, account)) >= 2 and fake_mastodon.holding.is_set(),
            "the two networks part way at the same time",
            every=0.1,
        )
    finally:
        process.kill()  # kill -9, Mastodon's post 3 sent and unanswered
        fake_mastodon.release.set()
    process.communicate(timeout=30)
    text = source.read_text()
    expected = {n: [p.text for p in split(text, n).posts] for n in ("bluesky", "mastodon")}
    assert len(read_thread(pds, account)) < len(expected["bluesky"])
    assert len(fake_mastodon.statuses) < len(expected["mastodon"])

    resumed = thread("publish", "--resume", "--yes")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert [str(r["text"]) for r in read_thread(pds, account)] == expected["bluesky"]
    assert [s.text for s in fake_mastodon.statuses] == expected["mastodon"]  # each once, in order
    for earlier, status in itertools.pairwise(fake_mastodon.statuses):
        assert status.in_reply_to_id == earlier.id
    assert_chain(pds, account, len(expected["bluesky"]))


@pytest.mark.realparts
def test_at_a_terminal_each_network_has_one_line_rewritten_as_it_goes(
    pds: LocalPDS, fake_mastodon: FakeMastodon, secret_service: dict[str, str], tmp_path: Path
) -> None:
    thread = Thread(secret_service, tmp_path / "data")
    account = pds.create_account("lines")
    login(thread, pds, account)
    mastodon = thread(
        "login", "mastodon", "--instance", fake_mastodon.url, stdin=fake_mastodon.token
    )
    assert mastodon.returncode == 0, mastodon.stderr
    source = essay(tmp_path / "essay.md", paragraphs=8)
    code, output = thread.at_terminal(
        "publish", str(source), "--to", "bluesky", "--to", "mastodon", "--yes", answers={}
    )
    assert code == 0, output
    assert UP_AND_CLEAR in output  # the lines rewritten in place
    assert "post 1/3 sent" not in output  # no line per post
    assert re.search(r"Mastodon @\S+: 2 of \d+ sent\r?\n", output)  # how far, as it went
    record_key = str(read_thread(pds, account)[0]["uri"]).rsplit("/", 1)[1]
    status = fake_mastodon.statuses[0].id
    done = [line for line in output.replace(UP_AND_CLEAR, "\n").splitlines() if ": done, " in line]
    assert len(done) == 2  # each network's thread, its link kept
    assert any(line.endswith(f"/post/{record_key}") for line in done), done
    assert any(line.endswith(f"/@{fake_mastodon.username}/{status}") for line in done), done
