"""`thread doctor` says whether each network's server answers, against servers on
127.0.0.1: one that answers, one that refuses connections, one that never answers
(held silent on an event until the test ends, the check's timeout injected small);
all asked at once; never a secret printed."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.secret_service import assert_no_secret_in
from threadsmith import credentials
from threadsmith.cli import main
from threadsmith.doctor import reachable
from threadsmith.doctor.reachable import Server, reach, servers_of
from threadsmith.network import Account, network_named
from threadsmith.store import open_store

MASTODON = network_named("mastodon")


class Answering(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base names it
        pass


@pytest.fixture
def answering() -> Iterator[str]:
    """The address of a server that answers."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def refusing() -> str:
    """The address of a port nothing listens on: connections are refused."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{closed.getsockname()[1]}"


class Silent:
    """A server that takes the connection and never answers: it holds it until `done`
    is set (when the test ends), and sets `asked` once a connection came."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.asked = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)
        self.thread.start()

    def _hold(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            self.asked.set()
            self.done.wait()

    def close(self) -> None:
        self.done.set()
        if not self.asked.is_set():
            socket.create_connection(self.listener.getsockname()).close()  # end the accept
        self.thread.join()
        self.listener.close()


@pytest.fixture
def silent() -> Iterator[Silent]:
    server = Silent()
    yield server
    server.close()


def mastodon_at(url: str) -> Server:
    (server,) = servers_of([Account(MASTODON, "tester@host", url)])
    return server


def test_a_server_that_answers_is_ok(answering: str) -> None:
    (finding,) = reach([mastodon_at(answering)])
    assert finding.state == "ok"
    assert (
        finding.line() == f"[ok]  network: {answering.removeprefix('http://')} answers (Mastodon)"
    )


def test_a_server_that_refuses_says_to_check_the_connection_and_the_address(
    refusing: str,
) -> None:
    (finding,) = reach([mastodon_at(refusing)])
    host = refusing.removeprefix("http://")
    assert finding.state == "fix"
    assert finding.said == f"no answer from {host} (connection refused)"
    assert finding.todo == "check your internet connection or the instance's address"


def test_a_silent_server_is_no_answer_within_the_timeout(silent: Silent) -> None:
    (finding,) = reach([mastodon_at(silent.url)], timeout=0.2)
    assert silent.asked.wait(timeout=10)  # it was reached, and said nothing
    assert finding.state == "fix"
    assert finding.said == f"no answer from {silent.url.removeprefix('http://')} within 0.2 s"
    assert "internet connection" in finding.todo


def test_every_server_is_asked_at_once_and_each_has_its_line(
    answering: str, refusing: str, silent: Silent
) -> None:
    asked = [mastodon_at(silent.url), mastodon_at(answering), mastodon_at(refusing)]
    found = reach(asked, timeout=0.5)
    assert [f.state for f in found] == ["fix", "ok", "fix"]
    assert "within 0.5 s" in found[0].said and "connection refused" in found[2].said


def test_servers_that_answer_only_once_all_are_asked_all_answer() -> None:
    """Each server waits, before answering, until every one has been asked: asked one
    after another, the first would wait for the others and never answer."""
    everyone = threading.Barrier(3, timeout=10)

    class WaitsForAll(Answering):
        def do_HEAD(self) -> None:
            everyone.wait()
            super().do_HEAD()

    running = [ThreadingHTTPServer(("127.0.0.1", 0), WaitsForAll) for _ in range(3)]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in running]
    for thread in threads:
        thread.start()
    try:
        found = reach([mastodon_at(f"http://127.0.0.1:{s.server_address[1]}") for s in running])
    finally:
        for server in running:
            server.shutdown()
            server.server_close()
    assert [f.state for f in found] == ["ok", "ok", "ok"]


def test_each_server_is_one_line_and_its_secrets_are_never_shown() -> None:
    bluesky, x = network_named("bluesky"), network_named("x")
    accounts = [
        Account(MASTODON, "a@one", "https://user:tok-in-url-0123@one.example/path?key=k-0123"),
        Account(MASTODON, "b@one", "https://one.example"),
        Account(bluesky, "c.bsky.social"),  # no server of its own: the network's
        Account(x, "d"),
        Account(MASTODON, "e@two", "two.example:8443"),
    ]
    found = servers_of(accounts)
    assert [s.url for s in found] == [
        "https://one.example",
        "https://bsky.social",
        "https://api.x.com",
        "https://two.example:8443",
    ]
    assert_no_secret_in([repr(found)], ["tok-in-url-0123", "user", "k-0123", "/path"])


def test_a_name_that_does_not_resolve_says_it_is_not_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_such_name(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # no real lookup from a test
    (finding,) = reach([mastodon_at("https://mastodon.example")])
    assert finding.said == "mastodon.example is not found (its name does not resolve)"
    assert finding.todo == "check your internet connection or the instance's address"


def test_x_unreached_says_to_check_whether_x_is_down(refusing: str) -> None:
    (server,) = servers_of([Account(network_named("x"), "d", refusing)])
    (finding,) = reach([server])
    assert finding.todo == "check your internet connection, or whether X is down"


def test_the_command_has_a_line_per_server_in_json_and_exits_1_when_one_fails(
    secret_service: dict[str, str], computer: Path, fake_mastodon: FakeMastodon,
    refusing: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(reachable, "TIMEOUT", 2.0)
    store = open_store()
    try:
        store.add_account(MASTODON, "good@host", fake_mastodon.url)
        store.add_account(MASTODON, "gone@host", refusing)
    finally:
        store.close()
    credentials.save("mastodon", "good@host", {"access_token": fake_mastodon.token})
    credentials.save("mastodon", "gone@host", {"access_token": "tok-gone-0123456789"})
    code = main(["doctor", "--format", "json"])
    out = capsys.readouterr()
    assert code == 1
    report = json.loads(out.out)
    lines = [c for c in report["checks"] if c["topic"] == "network"]
    assert [c["state"] for c in lines] == ["ok", "fix"]
    assert lines[1]["said"].startswith(f"no answer from {refusing.removeprefix('http://')}")
    assert lines[1]["todo"] == "check your internet connection or the instance's address"
    assert_no_secret_in([out.out, out.err], [fake_mastodon.token, "tok-gone-0123456789"])


def test_without_accounts_there_is_no_network_line(computer: Path) -> None:
    assert reachable.servers() == []
