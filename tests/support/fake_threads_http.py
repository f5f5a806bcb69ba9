"""The HTTP side of the fake Threads API: real HTTP on 127.0.0.1, routes, Meta's error
shape, and failures scripted per route (see `fake_threads`)."""

from __future__ import annotations

import json
import threading
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, parse_qs

from support.fake_http import FakeHandler, Route, find_route, local_server

if TYPE_CHECKING:
    from support.fake_threads import FakeThreads

API = "/v1.0"
# (route as `fail()` names it, its path pattern under /v1.0, the method answering it)
ROUTES: list[Route] = [
    ("POST /oauth/access_token", r"/oauth/access_token", "code_token"),
    ("GET /access_token", r"/access_token", "long_lived_token"),
    ("GET /refresh_access_token", r"/refresh_access_token", "refresh_token"),
    ("GET /me", r"/me", "me"),
    ("GET /profile_lookup", r"/profile_lookup", "profile_lookup"),
    ("POST /:user/threads", r"/(\w+)/threads", "create_container"),
    ("POST /:user/threads_publish", r"/(\w+)/threads_publish", "publish"),
    ("GET /:user/threads", r"/(\w+)/threads", "user_threads"),
    ("GET /:user/replies", r"/(\w+)/replies", "user_replies"),
    ("GET /:user/threads_publishing_limit", r"/(\w+)/threads_publishing_limit", "quota"),
    ("GET /:media/insights", r"/(\w+)/insights", "insights"),
    ("GET /:id", r"/(\w+)", "get_object"),
]


class MetaError(Exception):
    """An error answer, in Meta's shape."""

    def __init__(self, status: int, message: str, code: int, subcode: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {
            "error": {
                "message": message,
                "type": "THApiException",
                "code": code,
                "error_subcode": subcode,
                "fbtrace_id": "A" + format(abs(hash(message)) % 10**10, "010d"),
            }
        }
        if subcode is None:
            del self.body["error"]["error_subcode"]


class Call:
    """One request as a route sees it: its parameters (query and form), token, path id."""

    def __init__(self, params: dict[str, str], token: str | None, path_id: str) -> None:
        self.params = params
        self.token = token
        self.path_id = path_id


def serve(fake: FakeThreads) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """The fake's server on a free port of 127.0.0.1, serving in a daemon thread."""
    server = local_server(_handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _handler(fake: FakeThreads) -> type[FakeHandler]:
    class Handler(FakeHandler):
        def answer(self, method: str, parts: SplitResult, body: bytes) -> None:
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            if body:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                params.update({k: v[-1] for k, v in form.items()})
            auth = self.headers.get("Authorization") or ""
            token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else None
            token = token or params.pop("access_token", None)
            under_api = parts.path.startswith(API + "/")
            found = find_route(ROUTES, method, parts.path[len(API) :]) if under_api else None
            route = found[0] if found else f"{method} {parts.path}"
            with fake.lock:
                fake.requests.append((route, dict(params)))
                failure = fake.next_failure(route)
            if failure == "drop-before":
                return self.drop()
            if failure in ("500", "503"):
                error = MetaError(int(failure), "An unexpected error has occurred.", 2)
                return self._send(error.status, error.body)
            if failure == "429":
                error = MetaError(429, "Application request limit reached", 4)
                return self._send(429, error.body)
            try:
                if found is None:
                    raise MetaError(400, "Unsupported request", 100, 33)
                _, name, path_id = found
                with fake.lock:
                    answer: Any = getattr(fake, name)(Call(params, token, path_id))
                status = 200
            except MetaError as refused:
                status, answer = refused.status, refused.body
            if failure == "drop-after":
                return self.drop()
            if failure == "503-after":
                lost = MetaError(503, "An unexpected error has occurred.", 2)
                return self._send(503, lost.body)
            self._send(status, answer)

        def _send(self, status: int, answer: Any) -> None:
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
