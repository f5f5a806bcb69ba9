"""X calls never hang: tweepy sets no timeout, so every request threadsmith makes through it
carries one, and a stalled connection is one clear line."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import requests
import responses

from threadsmith.errors import ServiceError
from threadsmith.networks.x import publisher as x


@pytest.fixture
def stalled_server() -> Iterator[str]:
    """A server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/2/users/me"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_every_request_of_the_x_client_has_a_timeout(
    stalled_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(x, "TIMEOUT", (1.0, 0.5))
    client = x._client("key", "secret", "token", "token-secret")
    start = time.monotonic()
    with pytest.raises(requests.Timeout):
        client.session.get(stalled_server)  # no timeout given: the adapter's applies
    assert time.monotonic() - start < 5
    assert isinstance(client.session.get_adapter("https://api.x.com/"), x._TimeoutAdapter)


def test_a_stalled_login_is_one_line() -> None:
    with responses.RequestsMock() as mock:
        mock.add("GET", "https://api.twitter.com/2/users/me", body=requests.ReadTimeout())
        with pytest.raises(ServiceError) as stalled:
            x.verify("consumer-key", "consumer-secret", "token", "token-secret")
    assert str(stalled.value) == (
        f"X did not answer within {x.TIMEOUT[1]:.0f} s while trying to check the credentials"
    )
