"""One atproto SDK call at a time, its errors turned into threadsmith's: the words a
person can act on, never a secret, and whether a request may have been applied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from atproto import Client
from atproto_client import exceptions as sdk
from atproto_client.request import Request

from threadsmith.errors import AmbiguousResult, AuthError, RateLimited, Refused, ServiceError

TIMEOUT = 30.0  # seconds for any one request (connecting: 10)
# What a PDS answers for a session it no longer accepts: log in again, once.
_SESSION_ERRORS = frozenset(("ExpiredToken", "InvalidToken", "AuthMissing", "AuthRequired"))


class SessionRefused(Exception):
    """The server no longer accepts the session: log in again with the app password."""


def error_name(exc: sdk.RequestErrorBase) -> str:
    content = getattr(exc.response, "content", None)
    return str(getattr(content, "error", "") or "")


def _service_message(exc: sdk.RequestErrorBase) -> str:
    content = getattr(exc.response, "content", None)
    message = getattr(content, "message", None) or getattr(content, "error", None)
    status = getattr(exc.response, "status_code", "?")
    return f"{message} (HTTP {status})" if message else f"HTTP {status}"


def new_client(service: str) -> Client:
    return Client(base_url=service, request=Request(timeout=httpx.Timeout(TIMEOUT, connect=10.0)))


def call(
    action: Callable[[], Any],
    service: str,
    what: str,
    ambiguous: bool = False,
    *,
    session: bool = False,
    hint: str = "",
) -> Any:
    """Run one SDK call, turning its errors into threadsmith's (never with a secret).

    `session`: a refused session raises `_SessionRefused`, for the caller to log in
    again; `hint` is added to an authentication failure's message."""
    try:
        return action()
    except sdk.RateLimitExceededError as exc:
        headers = getattr(exc.response, "headers", None) or {}
        reset = headers.get("ratelimit-reset") or headers.get("RateLimit-Reset")
        reset_at = float(reset) if reset and str(reset).isdigit() else None
        raise RateLimited(
            f"Bluesky asked us to slow down while trying to {what}", reset_at
        ) from None
    except (sdk.UnauthorizedError, sdk.BadRequestError) as exc:
        if session and error_name(exc) in _SESSION_ERRORS:
            raise SessionRefused from None
        if isinstance(exc, sdk.UnauthorizedError):
            raise AuthError(f"Bluesky refused to {what}: {_service_message(exc)}{hint}") from None
        raise Refused(f"Bluesky refused to {what}: {_service_message(exc)}") from None
    except (sdk.InvokeTimeoutError, sdk.NetworkError, httpx.TransportError) as exc:
        if isinstance(exc, sdk.InvokeTimeoutError | httpx.TimeoutException):
            reason = f"it did not answer within {TIMEOUT:.0f} s"
        else:
            reason = f"{type(exc).__name__}"
        if ambiguous:
            raise AmbiguousResult(
                f"the connection to {service} failed while trying to {what} ({reason})"
            ) from None
        raise ServiceError(f"cannot reach {service} to {what} ({reason})") from None
    except (sdk.ModelError, ValueError):
        # JSON that is not JSON, a web page, or JSON of the wrong shape (a count that is
        # a string, a post without its author): not the answer Bluesky's API gives
        message = f"{service} did not answer as Bluesky's API does while trying to {what}"
        raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
    except sdk.RequestException as exc:
        status = getattr(exc.response, "status_code", 0) or 0
        message = f"Bluesky failed to {what}: {_service_message(exc)}"
        if status in (401, 403):
            raise AuthError(message + hint) from None
        if 400 <= status < 500 and status not in (408, 425):
            raise Refused(message) from None  # the same request would fail the same way
        if ambiguous and status >= 500:
            raise AmbiguousResult(message) from None
        raise ServiceError(message) from None
