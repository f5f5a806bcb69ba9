"""The HTTP side of the fake Mastodon server: routes, requests, answers, scripted failures.

`serve(fake)` runs a threading HTTP server on 127.0.0.1 whose handler asks `fake`
(a `FakeMastodon`) to answer each route, after the failure scripted for it, if any.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, parse_qs

from support import fake_mastodon_entities as entities
from support.fake_http import FakeHandler, find_route, local_server
from support.fake_mastodon_entities import Form

if TYPE_CHECKING:
    from support.fake_mastodon import FakeMastodon

# (route as `fail()` names it, its path pattern, the method answering it)
_ROUTES = [
    ("GET /api/v1/instance", r"/api/v1/instance/?", "instance_v1"),
    ("GET /api/v2/instance", r"/api/v2/instance/?", "instance_v2"),
    ("GET /.well-known/oauth-authorization-server", r"/\.well-known/oauth-authorization-server",
     "oauth_metadata"),
    ("POST /api/v1/apps", r"/api/v1/apps", "create_app"),
    ("GET /oauth/authorize", r"/oauth/authorize", "authorize_page"),
    ("POST /oauth/token", r"/oauth/token", "oauth_token"),
    ("GET /api/v1/accounts/verify_credentials", r"/api/v1/accounts/verify_credentials",
     "verify_credentials"),
    ("GET /api/v1/accounts/:id/statuses", r"/api/v1/accounts/([^/]+)/statuses", "account_statuses"),
    ("POST /api/v1/statuses", r"/api/v1/statuses", "create_status"),
    ("GET /api/v1/statuses/:id", r"/api/v1/statuses/([^/]+)", "get_status"),
    ("GET /api/v1/statuses/:id/context", r"/api/v1/statuses/([^/]+)/context", "status_context"),
    ("GET /api/v2/search", r"/api/v2/search", "search"),
    ("POST /api/v2/media", r"/api/v2/media", "create_media"),
    ("GET /api/v1/media/:id", r"/api/v1/media/([^/]+)", "get_media"),
]  # fmt: skip
_ERRORS = {
    401: "The access token is invalid",
    403: "This action is outside the authorized scopes",
    404: "Record not found",
    429: "Too many requests",
    500: "Something went wrong on our end",
    503: "Service Unavailable",
}
NOT_MASTODON_PAGE = b"<!doctype html><html><head><title>Blog</title></head><body>Hi</body></html>"


@dataclass
class Request:
    form: Form
    auth: str | None  # the Authorization header
    idempotency_key: str | None
    path_id: str = ""  # the :id of the path, if it has one


class Reply(Exception):
    """An answer other than 200, raised from a route."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status = status
        self.body = {"error": _ERRORS.get(status, "Error")} if body is None else body
        self.headers = headers or {}


def serve(fake: FakeMastodon) -> ThreadingHTTPServer:
    """A server for `fake` on a free port of 127.0.0.1 (not yet serving)."""
    return local_server(_handler(fake))


def _handler(fake: FakeMastodon) -> type[FakeHandler]:
    class Handler(FakeHandler):
        def answer(self, method: str, parts: SplitResult, body: bytes) -> None:
            with fake.lock:
                fake.requests.append((method, parts.path))
            if not fake.is_mastodon:
                return self._send(200, NOT_MASTODON_PAGE, {"Content-Type": "text/html"})
            route, name, path_id = find_route(_ROUTES, method, parts.path) or (None, "", "")
            failure = fake.next_failure(route) if route else "ok"
            if failure == "drop-before":
                return self.drop()
            if failure == "hold":  # until the test lets go (the client may be killed by then)
                fake.holding.set()
                fake.release.wait()
                return self.drop()
            if failure in ("401", "403", "404", "422", "500", "502", "503", "429"):
                return self._fail(int(failure))
            request = Request(
                _form(self, parts.query, body),
                self.headers.get("Authorization"),
                self.headers.get("Idempotency-Key"),
                path_id,
            )
            try:
                if not name:
                    raise Reply(404)
                with fake.lock:
                    result = getattr(fake, name)(request)
            except Reply as refusal:
                result = refusal
            if failure == "drop-after":
                return self.drop()
            if failure == "slow":
                time.sleep(fake.slow_seconds)
            reply = result if isinstance(result, Reply) else Reply(200, result)
            payload = reply.body if isinstance(reply.body, bytes | str) else json.dumps(reply.body)
            content_type = "text/html" if isinstance(reply.body, str) else "application/json"
            data = payload.encode() if isinstance(payload, str) else payload
            return self._send(reply.status, data, {"Content-Type": content_type, **reply.headers})

        def _fail(self, status: int) -> None:
            headers = {"Content-Type": "application/json"}
            if status == 429:
                headers |= rate_headers(remaining=0, reset_in=fake.rate_limit_reset_in)
            if status == 422:
                body = {"error": "Validation failed: Text character limit of "
                        f"{fake.max_characters} exceeded"}  # fmt: skip
            elif status == 502:
                body_bytes = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
                return self._send(502, body_bytes, {"Content-Type": "text/html"})
            else:
                body = {"error": _ERRORS.get(status, "Error")}
            return self._send(status, json.dumps(body).encode(), headers)

        def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            self.send_response_only(status)  # its Date is the fake's own to say
            self.send_header("Date", fake.date_header or self.date_time_string())
            for name, value in {**rate_headers(), **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _form(handler: BaseHTTPRequestHandler, query: str, body: bytes) -> Form:
    content_type = handler.headers.get("Content-Type") or ""
    form = Form(fields=parse_qs(query, keep_blank_values=True))
    if content_type.startswith("multipart/form-data"):
        uploaded = entities.parse_multipart(content_type, body)
        form.fields.update(uploaded.fields)
        form.files = uploaded.files
    elif content_type.startswith("application/json"):
        for name, value in json.loads(body or b"{}").items():
            values = value if isinstance(value, list) else [value]
            key = f"{name}[]" if isinstance(value, list) else name
            form.fields[key] = [str(v) for v in values]
    elif body:
        form.fields.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))
    return form


def rate_headers(remaining: int = 299, reset_in: float = 300.0) -> dict[str, str]:
    """Mastodon's rate-limit headers (300 requests per 5 minutes; Reset in ISO 8601)."""
    return {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": entities.iso(time.time() + reset_in),
    }
