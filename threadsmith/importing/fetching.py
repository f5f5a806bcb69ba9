"""Fetching a page or an image over http(s), with the limits an import needs.

A browser's User-Agent (some blogs refuse unknown clients), a timeout for the
whole request, a size cap enforced while streaming (a 2 GB file is stopped at the
cap, whatever its Content-Length claims), redirects followed one by one so that
each hop is checked (http(s) only, at most MAX_REDIRECTS, no loops), and every
connection checked by `addresses.AddressGuard` (nothing local unless the address
the person gave is on that host). One `Fetcher` serves a whole import, which has
its own limits (`ImportLimits`: time and bytes for everything fetched), so that a
page of 5,000 images or ten that never answer ends in bounded time. Every
failure is an `InputError` whose message is one line: the URL, then what
happened.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from threadsmith.errors import InputError
from threadsmith.importing.addresses import (
    AddressGuard,
    LocalAddress,
    Resolve,
    guarded_transport,
    system_resolve,
)

if TYPE_CHECKING:
    import httpx

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
PAGE_LIMIT = 10 * 1024 * 1024  # bytes: a page (or a document) larger than this is refused
TIMEOUT = 20.0  # seconds for one whole request, redirects included
MAX_REDIRECTS = 10
LATE = "not finished within the time limit (timed out)"


@dataclass(frozen=True)
class ImportLimits:
    """What one import may take, whatever the page holds: an image past them is left
    out with a warning; the page itself past them is refused."""

    seconds: float = 120.0  # for everything fetched: the page, then each image
    bytes: int = 100 * 1024 * 1024  # everything downloaded, together
    images: int = 100  # images kept; more than a thread of 25 posts of 4 can carry


Progress = Callable[[str], None]  # told what is being fetched ("image 3 of 12: URL")


@dataclass(frozen=True)
class Fetched:
    """A response body read in full. `url` is where it was found, after redirects."""

    url: str
    content_type: str  # the media type without parameters, lower case ("" when absent)
    charset: str | None
    body: bytes


def check_url(url: str) -> str:
    """The URL, if it is one threadsmith fetches (http or https with a host)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{url}: only http:// and https:// addresses can be imported")
    if not parts.hostname:
        raise InputError(f"{url}: the address has no host name")
    return url


class Fetcher:
    """One HTTP client for a whole import (the page, then its images), closed after it.

    `home` is the host of the address the person gave (None for a saved page): only
    it may be a local address. `resolve` is how names are looked up (tests give
    their own)."""

    def __init__(
        self,
        timeout: float = TIMEOUT,
        *,
        home: str | None = None,
        limits: ImportLimits | None = None,
        resolve: Resolve = system_resolve,
    ) -> None:
        import httpx

        self.timeout = timeout
        self.limits = limits or ImportLimits()
        self.deadline = time.monotonic() + self.limits.seconds
        self.bytes_left = self.limits.bytes
        self._client = httpx.Client(
            transport=guarded_transport(AddressGuard(home, resolve)),
            follow_redirects=False,
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "en-GB,en;q=0.9",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, limit: int = PAGE_LIMIT, accept: str | None = None) -> Fetched:
        """The body at `url`, at most `limit` bytes; raises InputError naming the URL."""
        import httpx

        check_url(url)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise InputError(f"{url}: not fetched: {self._spent('time')}")
        if self.bytes_left <= 0:
            raise InputError(f"{url}: not fetched: {self._spent('bytes')}")
        seconds = min(self.timeout, left)
        # the import's own limit comes first: say so, rather than "timed out"
        late = f"not finished when {self._spent('time')}" if left < self.timeout else LATE
        deadline = time.monotonic() + seconds
        seen = [url]
        current = url
        try:
            while True:
                headers = {"Accept": accept} if accept else {}
                with self._client.stream(
                    "GET", current, headers=headers, timeout=httpx.Timeout(seconds)
                ) as response:
                    if response.is_redirect:
                        current = self._next_hop(url, current, response, seen)
                        continue
                    _check_status(url, response)
                    body = self._read(url, response, limit, deadline, late)
                    media_type, charset = _content_type(response.headers.get("content-type"))
                    return Fetched(str(response.url), media_type, charset, body)
        except httpx.TimeoutException:
            said = late if left < self.timeout else f"no answer within {seconds:g} s (timed out)"
            raise InputError(f"{url}: {said}") from None
        except httpx.InvalidURL as exc:
            raise InputError(f"{url}: not a valid address ({exc})") from None
        except LocalAddress as exc:
            raise InputError(f"{url}: {exc}") from None
        except httpx.HTTPError as exc:
            raise InputError(f"{url}: {_network_failure(exc)}") from None

    def _read(
        self, url: str, response: httpx.Response, limit: int, deadline: float, late: str
    ) -> bytes:
        """The body, within `limit` and what is left of the import's bytes."""
        if limit <= self.bytes_left:
            body = _read_capped(url, response, limit, deadline, late)
        else:
            try:
                body = _read_capped(url, response, self.bytes_left, deadline, late)
            except InputError as exc:
                if not str(exc).startswith(f"{url}: too big"):
                    raise
                raise InputError(f"{url}: too big for {self._spent('bytes')}") from None
        self.bytes_left -= len(body)
        return body

    def _spent(self, which: str) -> str:
        if which == "time":
            return f"the import took its {self.limits.seconds:g} s (its time limit)"
        return f"what is left of the import's {_size(self.limits.bytes)} (its size limit)"

    def _next_hop(self, url: str, current: str, response: httpx.Response, seen: list[str]) -> str:
        location = str(response.headers.get("location", "")).strip()
        if not location:
            raise InputError(f"{url}: redirected (HTTP {response.status_code}) to nowhere")
        target = urljoin(current, location)
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise InputError(f"{url}: redirected to {target}, which is not an http(s) address")
        if target in seen:
            raise InputError(f"{url}: redirect loop (back to {target})")
        if len(seen) > MAX_REDIRECTS:
            raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")
        seen.append(target)
        return target


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 300:
        return
    reason = response.reason_phrase or "error"
    what = {
        401: "the page needs a login",
        403: "the site refused access",
        404: "not found",
        410: "gone: the page was removed",
        429: "the site asks to slow down (too many requests)",
    }.get(status)
    if what is None:
        what = "the site's server failed" if status >= 500 else f"the site answered {reason}"
    raise InputError(f"{url}: {what} (HTTP {status})")


def _read_capped(
    url: str, response: httpx.Response, limit: int, deadline: float, late: str = LATE
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(f"{url}: too big ({_size(int(declared))}; the limit is {_size(limit)})")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():  # as it arrives: a fixed size would wait to fill
        total += len(chunk)
        if total > limit:
            raise InputError(f"{url}: too big (over {_size(limit)}; stopped reading)")
        if time.monotonic() > deadline:
            # a server trickling bytes never trips the per-read timeout
            raise InputError(f"{url}: {late}")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _network_failure(exc: BaseException) -> str:
    """What went wrong on the way, in words, from the cause httpx wraps."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "cannot find the server (DNS lookup failed)"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "the site's certificate is not valid"
        if isinstance(cause, ssl.SSLError):
            return "the secure connection failed"
        if isinstance(cause, ConnectionRefusedError):
            return "the server refused the connection"
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "cannot find the server (DNS lookup failed)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"the connection failed ({type(exc).__name__}{': ' + text if text else ''})"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count:,} bytes"
