"""Web pages served on 127.0.0.1 (port 0) for link cards: a real HTTP server in a thread,
its pages changed by the test while it runs, each request counted."""

from __future__ import annotations

import html
import os
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None  # a redirect's
    held: threading.Event | None = None  # answered once it is set (a slow site)


class Pages:
    """The server: `pages[path]` is what `GET path` answers (404 when absent)."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: Counter[str] = Counter()
        pages = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                pages.hits[self.path] += 1
                page = pages.pages.get(self.path, Page(b"<h1>Not found</h1>", status=404))
                if page.held is not None:
                    page.held.wait(timeout=60)  # never for ever: the test fails meanwhile
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.location:
                    self.send_header("Location", page.location)
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - its name
                """Quiet: the test says what went wrong."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


# what the pages of the card tests say
TITLE = "Pay award 2026: our letter to the Secretary of State"
DESCRIPTION = "Heads ask for a fully funded pay award, in a letter sent today."


@pytest.fixture
def fresh_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Link cards' pictures kept in the test's own data dir; every page read afresh."""
    from threadsmith.networks.bluesky.cards import forget_cards

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    forget_cards()
    yield
    forget_cards()


@pytest.fixture
def pages() -> Iterator[Pages]:
    served = Pages()
    yield served
    served.close()


def og_page(title: str, description: str, image: str | None = None) -> Page:
    """A page with OpenGraph tags (and other title and description, which they win over)."""
    tags = [
        f'<meta property="og:title" content="{html.escape(title)}">',
        f'<meta property="og:description" content="{html.escape(description)}">',
        '<meta name="description" content="Not this description">',
    ]
    if image is not None:
        tags.append(f'<meta property="og:image" content="{html.escape(image)}">')
    head = "".join(tags)
    return Page(
        f"<!doctype html><html><head><title>Not this title</title>{head}</head>"
        f"<body><p>The page.</p></body></html>".encode()
    )


def plain_page(title: str, description: str) -> Page:
    """A page with no OpenGraph tags: only its title and meta description."""
    return Page(
        f'<html><head><title>{html.escape(title)}</title><meta name="description" '
        f'content="{html.escape(description)}"></head><body>Text</body></html>'.encode()
    )


CHALLENGE = Page(
    b"<!DOCTYPE html><html lang='en-US'><head><title>Just a moment...</title>"
    b"<meta http-equiv='refresh' content='390'></head><body><div class='main-wrapper'>"
    b"<noscript>Enable JavaScript and cookies to continue</noscript>"
    b"<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1'></script>"
    b"</div></body></html>"
)


def png(width: int, height: int, noise: bool = False) -> Page:
    """A PNG picture: plain, or of random noise (which compresses not at all: large)."""
    from PIL import Image

    if noise:
        picture = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        picture = Image.new("RGB", (width, height), (30, 90, 160))
    out = BytesIO()
    picture.save(out, "PNG")
    return Page(out.getvalue(), content_type="image/png")
