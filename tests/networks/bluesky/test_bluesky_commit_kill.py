"""kill -9 of `thread publish` while its Bluesky thread's one commit is under way, then a
rerun: the thread is on the PDS exactly once. A proxy holds the applyWrites call, either
before it reaches the PDS (nothing landed) or after the PDS applied it (its answer never
comes), and the process is killed while it waits for the answer."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support.pds import LocalPDS, PdsAccount, read_thread
from support.split import split
from support.thread_cli import Thread, assert_chain, essay
from support.waiting import wait_until
from threadsmith.journal import PostState
from threadsmith.store import Store

pytestmark = pytest.mark.realparts

APPLY_WRITES = b"/xrpc/com.atproto.repo.applyWrites"


class HoldingProxy:
    """A TCP proxy to the PDS that holds the first applyWrites call: with `applied`
    False it never reaches the PDS; with `applied` True the PDS applies it and its answer
    is kept back. `held` is set once the call is held (and, if so, applied)."""

    def __init__(self, upstream_url: str, *, applied: bool) -> None:
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._applied = applied
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.held = threading.Event()
        self._released = threading.Event()  # the held connection stays open until then
        self._done = False  # one call held; every other passes
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._released.set()
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._upstream)
            holding = threading.Event()  # this connection's call went through: keep its answer
            for target, ends in (
                (self._requests, (client, server)),
                (self._answers, (server, client)),
            ):
                threading.Thread(target=target, args=(*ends, holding), daemon=True).start()

    def _requests(
        self, source: socket.socket, target: socket.socket, holding: threading.Event
    ) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    hold = not self._done and APPLY_WRITES in data
                    self._done = self._done or hold
                if hold and not self._applied:
                    self.held.set()
                    self._released.wait()
                    break  # the call never reaches the PDS
                if hold:
                    holding.set()
                target.sendall(data)
        except OSError:
            pass
        finally:
            _close(source, target)

    def _answers(
        self, source: socket.socket, target: socket.socket, holding: threading.Event
    ) -> None:
        try:
            while data := source.recv(65536):
                if holding.is_set():  # the PDS answered: it applied the commit
                    self.held.set()
                    self._released.wait()
                    break  # the answer never arrives
                target.sendall(data)
        except OSError:
            pass
        finally:
            _close(source, target)


def _close(*ends: socket.socket) -> None:
    for end in ends:
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()


@pytest.fixture
def thread(secret_service: dict[str, str], tmp_path: Path) -> Thread:
    return Thread(secret_service, tmp_path / "data")


def log_in(thread: Thread, account: PdsAccount, service: str) -> None:
    result = thread(
        "login", "bluesky", "--handle", account.handle, "--service", service,
        stdin=account.password + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture(params=[False, True], ids=["before-the-pds", "applied-answer-lost"])
def proxy(request: pytest.FixtureRequest, pds: LocalPDS) -> Iterator[HoldingProxy]:
    holding = HoldingProxy(pds.url, applied=request.param)
    yield holding
    holding.close()


def test_killed_during_the_commit_then_rerun_gives_the_thread_exactly_once(
    thread: Thread, pds: LocalPDS, proxy: HoldingProxy, tmp_path: Path
) -> None:
    account = pds.create_account("kc")
    log_in(thread, account, proxy.url)
    source = essay(tmp_path / "essay.md", paragraphs=10)
    command = ("publish", str(source), "--to", "bluesky", "--yes", "--no-quotes")
    process = thread.start(*command)
    try:
        wait_until(proxy.held.is_set, "the applyWrites call held", every=0.05)
    finally:
        process.kill()  # kill -9, waiting for the commit's answer
    process.communicate(timeout=30)
    expected = [post.text for post in split(source.read_text(), "bluesky").posts]
    landed = len(read_thread(pds, account))
    assert landed == (len(expected) if proxy._applied else 0)  # all or nothing
    store = Store(thread.data / "threadsmith" / "threadsmith.db")
    try:
        (run,) = store.open_runs()
        journal = store.run_posts(run.id)
        journalled = store.sending_refs(run.id)
    finally:
        store.close()
    # every post was journalled with its record key and CID before the call
    assert [post.state for post in journal] == [PostState.SENDING] * len(expected)
    assert sorted(journalled) == [post.number for post in journal]

    rerun = thread(*command)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    held = assert_chain(pds, account, len(expected))
    assert [str(record["text"]) for record in held] == expected
    # the keys journalled before the kill are the records' keys; their CIDs too if it landed
    assert [str(r["uri"]).rsplit("/", 1)[1] for r in held] == [
        journalled[n].id for n in sorted(journalled)
    ]
    if proxy._applied:
        assert [r["cid"] for r in held] == [journalled[n].cid for n in sorted(journalled)]
        assert "sent earlier" in rerun.stdout
