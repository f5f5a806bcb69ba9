"""Threads' Graph API over httpx: one client per account, and Meta's errors turned into
threadsmith's.

Meta answers an error as `{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}`. Code 190 is a token Meta no longer takes (subcode 463: expired);
4, 17, 32 and 613 are its rate limits; 10 and 200-299 a permission not granted.
Messages are built from Meta's own words, what was being done and the status:
never from an exception's text, which holds the URL. A token goes in the Authorization
header, never in a URL (only the app secret does, once, at login, as Meta's exchange
of a short-lived token asks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    InputError,
    PublishError,
    RateLimited,
    Refused,
    ServiceError,
    printable,
)

DEFAULT_BASE = "https://graph.threads.net/v1.0"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # seconds: a stalled connection is a line, not a hang
EXPIRED_TOKEN = 463
_RATE_LIMITS = {4, 17, 32, 613}


class NotFound(Refused):
    """Meta knows no such object (deleted, or never published): certain."""


def base_url(service: str) -> str:
    """The API base as given (`https://graph.threads.net/v1.0`), without its last slash.
    Plain http:// only on this machine (tests): a token must not travel in clear."""
    given = (service or DEFAULT_BASE).strip().rstrip("/")
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise InputError(f"not an API address: {given!r} (e.g. {DEFAULT_BASE})")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise InputError(f"{given} uses http://: your token would travel unencrypted; use https://")
    return given


def login_again(handle: str = "") -> str:
    who = f" for @{handle}" if handle else ""
    return f"your Threads login{who} has expired: run `thread login threads` again"


class ThreadsAPI:
    """Requests to one account's API base, with its token (None before there is one)."""

    def __init__(
        self,
        base: str,
        token: str | None = None,
        *,
        handle: str = "",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base = base_url(base)
        self.handle = handle
        headers = {"User-Agent": "threadsmith"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(timeout=TIMEOUT, headers=headers, transport=transport)

    def close(self) -> None:
        self._http.close()

    def get(self, path: str, what: str, **params: str) -> dict[str, Any]:
        return self._request("GET", path, what, params, ambiguous=False)

    def post(
        self, path: str, what: str, form: Mapping[str, str], *, ambiguous: bool = False
    ) -> dict[str, Any]:
        """A POST with its parameters as a form; `ambiguous`: it may have been applied
        though its answer is lost (publishing), so a drop or a 5xx is `AmbiguousResult`."""
        return self._request("POST", path, what, form, ambiguous=ambiguous)

    def _request(
        self, method: str, path: str, what: str, values: Mapping[str, str], *, ambiguous: bool
    ) -> dict[str, Any]:
        url = f"{self.base}/{path.lstrip('/')}"
        try:
            if method == "GET":
                response = self._http.get(url, params=dict(values))
            else:
                response = self._http.post(url, data=dict(values))
        except httpx.ConnectError:  # nothing was sent: certain, whatever the request
            raise ServiceError(f"cannot reach Threads ({self._host()}) to {what}") from None
        except httpx.TimeoutException:
            message = f"Threads did not answer in time while trying to {what}"
            raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
        except httpx.TransportError:  # the connection dropped mid-answer
            message = f"the connection to Threads dropped while trying to {what}"
            raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
        if response.status_code >= 400:
            raise self._failure(response, what, ambiguous)
        try:
            body = response.json()
        except ValueError:
            raise ServiceError(f"Threads did not answer as its API does ({what})") from None
        if not isinstance(body, dict):
            raise ServiceError(f"Threads did not answer as its API does ({what})")
        return body

    def _failure(self, response: httpx.Response, what: str, ambiguous: bool) -> PublishError:
        error = _error_of(response)
        code, subcode = error.get("code"), error.get("error_subcode")
        words = printable(" ".join(str(error.get("message") or "").split()))
        said = f"{words} (HTTP {response.status_code})" if words else f"HTTP {response.status_code}"
        status = response.status_code
        if code == 190 or status == 401:
            if subcode == EXPIRED_TOKEN:
                return AuthError(login_again(self.handle))
            return AuthError(
                f"Threads refused the login while trying to {what}: {said}; "
                "run `thread login threads` again"
            )
        if status == 429 or code in _RATE_LIMITS:
            return RateLimited(f"Threads asked us to slow down ({what}): {said}")
        if code == 10 or (isinstance(code, int) and 200 <= code < 300) or status == 403:
            return AuthError(f"Threads refused to {what}: {said} (a permission not granted)")
        if status >= 500:
            message = f"Threads failed to {what}: {said}"
            return AmbiguousResult(message) if ambiguous else ServiceError(message)
        if status == 404 or (code == 100 and subcode == 33):
            return NotFound(f"Threads has no such post ({what}): {said}")
        return Refused(f"Threads refused to {what}: {said}")

    def _host(self) -> str:
        return urlsplit(self.base).netloc


def _error_of(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}
