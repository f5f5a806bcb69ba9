"""A TCP proxy on 127.0.0.1 that loses the server's next answer after the work is done:
the connection drops, or a gateway's 502 comes instead.

Both are the ambiguous case publishing must survive without duplicating a post: the
server applied the request; the client cannot know it."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from urllib.parse import urlsplit

_BODY = json.dumps({"error": "BadGateway", "message": "the upstream server failed"}).encode()
BAD_GATEWAY = (
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\n"
    + f"Content-Length: {len(_BODY)}\r\nConnection: close\r\n\r\n".encode()
    + _BODY
)


class AnswerProxy:
    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lose: str | None = None  # "dropped" or "5xx", for the next answer
        self._lock = threading.Lock()
        self.lost: list[str] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def lose_next_answer(self, how: str) -> None:
        """The next answer from upstream is lost: "dropped" or "5xx" (a 502 instead)."""
        assert how in ("dropped", "5xx"), how
        with self._lock:
            self._lose = how

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._upstream)
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _take(self) -> str | None:
        with self._lock:
            how, self._lose = self._lose, None
        return how

    def _pipe(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                how = self._take() if answers else None
                if how is not None:
                    self.lost.append(how)
                    if how == "5xx":
                        target.sendall(BAD_GATEWAY)
                    break  # the answer itself never arrives
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
