"""A web site on 127.0.0.1 serving the test pages, their images, and the ways fetching fails.

Routes are data (`Site.routes`: path → Route); a test may add its own. Every
request is recorded, so a test can see what the importer asked for.
"""

from __future__ import annotations

import contextlib
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from support.import_site.articles import IMAGES
from support.import_site.pages import PAGES, images_page


@dataclass
class Route:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes | Callable[[], Iterator[bytes]] = b""  # a callable streams, without a length
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts


def png(width: int = 4, height: int = 3, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real PNG of one colour (python-docx reads its size; the importer its magic bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def jpeg(padding: int = 200) -> bytes:
    """Bytes that open and close as a JPEG/JFIF file does (the importer reads only the start)."""
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + (b"\x00" * padding)
        + b"\xff\xd9"
    )


ARTICLE_PATHS = {
    "wordpress": "/2026/10/03/the-real-terms-cut/",
    "substack": "/p/workload-is-a-choice",
    "medium": "/@priyashah/a-pay-rise-that-is-not-a-pay-rise-5f2a",
    "news": "/news-and-opinion/press-room/impossible-choices",
}
IMAGES_PATH = "/three-charts-on-class-sizes/"


class Site:
    def __init__(self, host: str = "127.0.0.1") -> None:  # another 127.x is another host
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) as received
        self.image_bytes: dict[str, bytes] = {}  # path -> what is served there
        self._add_pages()
        self._add_failures()
        handler = _handler(self)
        self._server = ThreadingHTTPServer((host, 0), handler)
        self._server.daemon_threads = True
        self.base = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add_image(self, path: str, data: bytes, content_type: str = "image/png") -> None:
        self.image_bytes[path] = data
        self.routes[path] = Route(content_type=content_type, body=data)

    def _add_pages(self) -> None:
        for index, (name, (render, article)) in enumerate(PAGES.items()):
            self.routes[ARTICLE_PATHS[name]] = Route(body=render().encode())
            for src, _alt in article.images():
                if src.endswith(".jpg"):
                    self.add_image(src, jpeg(300 + index), "image/jpeg")
                else:
                    self.add_image(src, png(8 + index, 6, (20 * index, 90, 160)))
        self.routes["/medium/avatar.png"] = Route(content_type="image/png", body=png(44, 44))
        self.routes[IMAGES_PATH] = Route(body=images_page().encode())
        for src, _alt in IMAGES.images():
            if src == "/img/class-sizes.png":
                self.add_image(src, png(12, 8))
            elif src == "/img/teachers.jpg":
                self.add_image(src, jpeg(), "image/jpeg")
            elif src == "/img/not-really.png":
                # a server that says image/png for an HTML error page
                self.routes[src] = Route(content_type="image/png", body=b"<!DOCTYPE html><html>")
            # /img/missing.png: not served, so 404

    def _add_failures(self) -> None:
        wordpress = ARTICLE_PATHS["wordpress"]
        self.routes.update(
            {
                "/short/abc": Route(301, None, headers={"Location": "/moved/abc"}),
                "/moved/abc": Route(302, None, headers={"Location": wordpress}),
                "/loop/a": Route(302, None, headers={"Location": "/loop/b"}),
                "/loop/b": Route(302, None, headers={"Location": "/loop/a"}),
                "/to-ftp": Route(302, None, headers={"Location": "ftp://127.0.0.1/file"}),
                "/private": Route(403, body=b"<html><body>Forbidden</body></html>"),
                "/broken": Route(500, body=b"<html><body>Oops</body></html>"),
                "/slow": Route(delay=3.0, body=b"<html><body><p>late</p></body></html>"),
                "/trickle": Route(body=_trickle),
                "/report.pdf": Route(
                    content_type="application/pdf", body=b"%PDF-1.7\n" + bytes(500)
                ),
                "/huge": Route(headers={"Content-Length": str(50 * 1024 * 1024)}, body=b"<html>"),
                "/endless": Route(body=_endless),
                "/nothing-here": Route(body=_no_article()),
                "/no-type": Route(content_type=None, body=PAGES["news"][0]().encode()),
            }
        )
        for hop in range(12):  # one more than the importer follows
            self.routes[f"/hop/{hop}"] = Route(302, None, headers={"Location": f"/hop/{hop + 1}"})
        self.routes["/hop/12"] = Route(body=PAGES["news"][0]().encode())


def _trickle() -> Iterator[bytes]:
    """A byte every 0.2 s: never silent long enough for a per-read timeout to fire."""
    yield b"<html><body><p>"
    for _ in range(40):
        time.sleep(0.2)
        yield b"x"


def _endless() -> Iterator[bytes]:
    """HTML without end (bounded at 50 MB so that a broken client cannot hang the run)."""
    yield b"<html><body>"
    paragraph = b"<p>" + b"words " * 1000 + b"</p>\n"
    for _ in range(50 * 1024 * 1024 // len(paragraph)):
        yield paragraph


def _no_article() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Home</title></head><body>"
        b'<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav>'
        b"<footer><p>\xc2\xa9 2026</p></footer></body></html>"
    )


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(path) or Route(404, body=b"<html><body>Not Found</body></html>")
            if route.delay:
                time.sleep(route.delay)
            # the client may stop reading: that is what a size cap or a timeout does
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if callable(route.body):
                self.send_header("Connection", "close")
                self.end_headers()
                for part in route.body():
                    self.wfile.write(part)
                    self.wfile.flush()
                return
            if "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
            pass

    return Handler
