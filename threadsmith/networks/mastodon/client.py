"""Mastodon.py clients for one instance, and its errors turned into threadsmith's.

Mastodon.py raises `MastodonNetworkError("Could not complete request: <the requests
error>")`, whose text holds the URL it asked; its API errors carry the status
and the server's own `error` words in `args`. Messages here are built only from
the instance's host, what was being done, the HTTP status and the server's words:
never from an exception's text, so no URL, query or token reaches the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC
from typing import Any, TypeVar

import mastodon
import requests
from mastodon import Mastodon

from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    PublishError,
    RateLimited,
    ServiceError,
)
from threadsmith.networks.mastodon.instance import allow_http, base_url, host

__all__ = ["allow_http", "base_url", "call", "client", "host", "refusal", "session"]

DEFAULT_TIMEOUT = 30.0  # seconds for any one request (Mastodon.py's own default is 300)
USER_AGENT = "threadsmith"
_VERSION = re.compile(r"\d+\.\d+\.\d+")
T = TypeVar("T")


def client(
    base: str,
    token: str | None = None,
    *,
    version: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Any:
    """A Mastodon.py client that throws on 429 (the publish run waits, visibly).

    Given the server's `version` (from /api/v2/instance), Mastodon.py picks its
    endpoints by it (media v2 from 3.1.4) without asking the server again."""
    options: dict[str, Any] = {"version_check_mode": "none"}
    if version is not None:
        found = _VERSION.match(version)
        options = {"version_check_mode": "created", "mastodon_version": found[0] if found
                   else "4.0.0"}  # fmt: skip
    return Mastodon(
        client_id=client_id,
        client_secret=client_secret,
        access_token=token,
        api_base_url=base,
        ratelimit_method="throw",
        request_timeout=timeout,
        user_agent=USER_AGENT,
        session=session(),
        **options,
    )


def session() -> requests.Session:
    """The HTTP session every Mastodon.py client here uses: a `Date` or
    `X-RateLimit-Reset` header it could not read is dropped from the answer, as
    Mastodon.py would otherwise fail the whole request with a MastodonRatelimitError
    ("Rate limit time calculations failed") whatever the answer was."""
    http = requests.Session()
    http.hooks["response"].append(_unreadable_times_dropped)
    return http


def _unreadable_times_dropped(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    for name in ("Date", "X-RateLimit-Reset"):
        value = response.headers.get(name)
        if value is not None and not _readable_time(value, integer=name != "Date"):
            del response.headers[name]


def _readable_time(value: str, *, integer: bool) -> bool:
    """True when Mastodon.py can read the header (an epoch second, or a date dateutil
    parses into a representable instant), as it does in its rate-limit arithmetic."""
    from dateutil import parser

    if integer and value.strip().isdigit() and str(int(value)) == value:
        return int(value) < 2**53  # it adds and compares it as a float
    try:
        moment = parser.parse(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment.timestamp()
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return False
    return True


def call(api: Any, action: Callable[[], T], what: str, ambiguous: bool = False) -> T:
    """Run one Mastodon.py call; its errors become threadsmith's (never with a secret).

    `ambiguous`: the request may have been applied though it failed (posting), so
    a dropped connection, a timeout or a 5xx is an `AmbiguousResult`."""
    where = host(api.api_base_url)
    try:
        return action()
    except mastodon.MastodonRatelimitError:
        raise RateLimited(
            f"{where} asked us to slow down while trying to {what}", api.ratelimit_reset
        ) from None
    except mastodon.MastodonNetworkError as error:
        reason = network_reason(error)
        if ambiguous:
            raise AmbiguousResult(f"{reason} while trying to {what} on {where}") from None
        raise ServiceError(f"cannot reach {where} to {what} ({reason})") from None
    except mastodon.MastodonServerError as error:
        message = f"{where} failed to {what}: {server_words(error)}"
        raise (AmbiguousResult if ambiguous else ServiceError)(message) from None
    except mastodon.MastodonAPIError as error:
        raise refusal(error, where, what) from None
    except mastodon.MastodonError as error:  # version checks, bad arguments
        raise ServiceError(f"could not {what} on {where} ({type(error).__name__})") from None


def refusal(error: mastodon.MastodonAPIError, where: str, what: str) -> PublishError:
    """A 4xx answer: the server's words, on one line, in the error that fits."""
    status = status_of(error)
    message = f"{where} refused to {what}: {server_words(error)}"
    if status in (401, 403):
        return AuthError(message)
    if status in (404, 422):
        return PublishError(message)  # certain, and sending again would not change it
    if status is None:
        return ServiceError(f"{where} did not answer as a Mastodon server would ({what})")
    return ServiceError(message)


def status_of(error: BaseException) -> int | None:
    status = error.args[1] if len(error.args) > 1 else None
    return status if isinstance(status, int) else None


def server_words(error: BaseException) -> str:
    """`{"error": "…"}` as Mastodon wrote it, else the HTTP status."""
    words = error.args[3] if len(error.args) > 3 else None
    status = status_of(error)
    if isinstance(words, str) and words.strip():
        return " ".join(words.split()) + (f" (HTTP {status})" if status else "")
    return f"HTTP {status}" if status else "an unexpected answer"


def network_reason(error: BaseException) -> str:
    """What went wrong on the wire, from the requests error Mastodon.py wrapped."""
    cause = error.__context__
    if isinstance(cause, requests.Timeout):
        return "no answer in time"
    if isinstance(cause, requests.ConnectionError):
        text = str(cause)
        if "Connection aborted" in text or "RemoteDisconnected" in text:
            return "the connection dropped"
        if "refused" in text:
            return "connection refused"
        if "resolve" in text or "Name or service" in text:
            return "the host name does not resolve"
        return "no connection"
    if isinstance(cause, ValueError):  # JSON that is not JSON: a web page
        return "the answer was not Mastodon's API"
    return "a network error"
