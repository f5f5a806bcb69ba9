"""A scripted Bluesky AppView on 127.0.0.1, for answers the real one never gives.

It holds one thread of `length` posts by one author, each a reply to the one before,
and answers `app.bsky.feed.getPostThread` as the AppView does (the post at `uri`,
its replies `depth` deep, each nested inside the one before) and
`app.bsky.feed.getPosts` with each post's counts. A test can replace either answer
by bytes of its own (`answers[path] = (content type, body)`): garbage JSON, a web page,
JSON of the wrong shape, a count the real one would never send.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
HANDLE = "long.test"
CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
THREAD = "/xrpc/app.bsky.feed.getPostThread"
POSTS = "/xrpc/app.bsky.feed.getPosts"


def rkey(number: int) -> str:
    return f"3kthread{number:05d}"


def uri(number: int) -> str:
    return f"at://{DID}/app.bsky.feed.post/{rkey(number)}"


class FakeAppView:
    def __init__(self, length: int, counts: dict[str, Any] | None = None) -> None:
        self.length = length
        self.counts: dict[str, Any] = counts or {"likeCount": 1}  # every post's, as sent
        self.handle = HANDLE
        self.answers: dict[str, tuple[str, bytes]] = {}
        self.asked: list[tuple[str, dict[str, list[str]]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def post(self, number: int) -> dict[str, Any]:
        return {
            "uri": uri(number),
            "cid": CID,
            "author": {"did": DID, "handle": self.handle},
            "record": {
                "$type": "app.bsky.feed.post",
                "text": f"Post {number}",
                "createdAt": "2026-11-01T10:00:00.000Z",
            },
            "indexedAt": f"2026-11-01T{10 + number // 3600:02d}:{number // 60 % 60:02d}:"
            f"{number % 60:02d}.000Z",
            **self.counts,
        }

    def thread(self, number: int, depth: int) -> dict[str, Any]:
        """The post `number` and its replies `depth` deep, built from the last one up."""
        last = min(self.length, number + depth)
        node: dict[str, Any] | None = None
        for at in range(last, number - 1, -1):
            replies = [node] if node is not None else ([] if at == self.length else None)
            node = {"$type": "app.bsky.feed.defs#threadViewPost", "post": self.post(at)}
            if replies is not None:
                node["replies"] = replies
        return {"thread": node}

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[str, bytes]:
        if path in self.answers:
            return self.answers[path]
        if path == THREAD:
            number = int(query["uri"][0].rsplit("/", 1)[-1].removeprefix("3kthread"))
            body: Any = self.thread(number, int(query.get("depth", ["6"])[0]))
        else:
            numbers = [int(u.rsplit("/", 1)[-1].removeprefix("3kthread")) for u in query["uris"]]
            body = {"posts": [self.post(n) for n in numbers]}
        return "application/json", json.dumps(body).encode()


def _handler(view: FakeAppView) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            view.asked.append((parts.path, query))
            content_type, body = view.answer(parts.path, query)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
            pass

    return Handler


def fake_appview(length: int) -> Iterator[FakeAppView]:
    view = FakeAppView(length)
    yield view
    view.close()
