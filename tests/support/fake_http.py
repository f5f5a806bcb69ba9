"""What the fake API servers share (`fake_mastodon_http`, `fake_threads_http`): a threading
server on a free port of 127.0.0.1, and a request handler that reads each GET or POST
whole and hands it to the fake's `answer`, logging nothing."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import SplitResult, urlsplit


class QuietServer(ThreadingHTTPServer):
    """Shows a bug in the fake; a client that gave up (a timeout, a killed run) is part of
    the script, not an error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def local_server(handler: type[BaseHTTPRequestHandler]) -> QuietServer:
    """A server for `handler` on a free port of 127.0.0.1 (not yet serving)."""
    return QuietServer(("127.0.0.1", 0), handler)


class FakeHandler(BaseHTTPRequestHandler):
    """A request read whole (its address split, its body) and given to `answer`."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._read("GET")

    def do_POST(self) -> None:
        self._read("POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it
        pass  # quiet: tests read the fake's own record of requests

    def _read(self, method: str) -> None:
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer(method, parts, body)

    def answer(self, method: str, parts: SplitResult, body: bytes) -> None:
        raise NotImplementedError

    def drop(self) -> None:
        """Close the connection with no answer (a request or an answer lost on the way)."""
        self.close_connection = True


Route = tuple[str, str, str]  # (route as `fail()` names it, its path pattern, the method)


def find_route(routes: Sequence[Route], method: str, path: str) -> tuple[str, str, str] | None:
    """(route name, method answering it, the path's :id) for a request, if a route takes it."""
    for route, pattern, name in routes:
        match = re.fullmatch(pattern, path)
        if route.startswith(method + " ") and match:
            return route, name, match.group(1) if match.groups() else ""
    return None
