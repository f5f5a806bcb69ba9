"""Logging in to Threads and keeping the login alive. No keyring and no store here: the
caller keeps what it gets.

A person logs in with their own Meta app (its Threads app id and secret), as Meta's
authorisation window allows: threadsmith prints the window's address, the person
approves and pastes the code (or the whole address their browser was sent to), the
code becomes a short-lived token (1 hour, `POST /oauth/access_token`), exchanged at
once for a long-lived one (60 days, `GET /access_token?grant_type=th_exchange_token`).
A script gives a long-lived token on standard input instead.

A long-lived token is refreshed (`GET /refresh_access_token?grant_type=th_refresh_token`)
by any use once it is over 24 hours old and before it expires, as Meta allows; an
expired one cannot be, and the person logs in again.
"""

from __future__ import annotations

import secrets as random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from threadsmith.errors import AuthError, ServiceError, printable
from threadsmith.networks.threads.api import DEFAULT_BASE, ThreadsAPI, login_again

SCOPES = (
    "threads_basic", "threads_content_publish", "threads_manage_insights",
    "threads_manage_replies", "threads_read_replies", "threads_profile_discovery",
)  # fmt: skip
AUTHORIZE_PAGE = "https://threads.net/oauth/authorize"
LONG_LIVED_SECONDS = 60 * 24 * 3600  # a long-lived token's life, as Meta gives it
REFRESH_AFTER = 24 * 3600  # Meta refreshes a token only once it is a day old


@dataclass(frozen=True, slots=True)
class Token:
    """A long-lived token as the keyring keeps it (times in epoch seconds)."""

    access_token: str
    user_id: str
    refreshed_at: int
    expires_at: int

    def secrets(self) -> dict[str, str]:
        return {
            "access_token": self.access_token,
            "user_id": self.user_id,
            "refreshed_at": str(self.refreshed_at),
            "expires_at": str(self.expires_at),
        }

    @classmethod
    def kept(cls, values: Mapping[str, str]) -> Token:
        """The token from its keyring entry (one made by a script may lack the times)."""
        now = int(time.time())
        return cls(
            values["access_token"],
            values.get("user_id", "me"),
            _int(values.get("refreshed_at"), now),
            _int(values.get("expires_at"), now + LONG_LIVED_SECONDS),
        )


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def authorize_url(base: str, app_id: str, redirect_uri: str, state: str) -> str:
    """Meta's authorisation window (the fake's own page when the base is not Meta's)."""
    page = AUTHORIZE_PAGE if base == DEFAULT_BASE else f"{base}/oauth/authorize"
    query = urlencode(
        {"client_id": app_id, "redirect_uri": redirect_uri, "scope": ",".join(SCOPES),
         "response_type": "code", "state": state}
    )  # fmt: skip
    return f"{page}?{query}"


def new_state() -> str:
    return random.token_urlsafe(12)


def code_from(pasted: str, state: str) -> str:
    """The code from what the person pasted: the code itself, or the whole address the
    browser was sent to (whose `state` must be ours: a code from another login is not)."""
    pasted = pasted.strip()
    if "://" in pasted:
        query = parse_qs(urlsplit(pasted).query)
        if query.get("state", [state])[0] != state:
            raise AuthError("that address comes from another login attempt: log in again")
        if "code" not in query:
            reason = query.get("error_description", query.get("error", ["no code in it"]))[0]
            raise AuthError(f"Meta did not authorise threadsmith: {printable(reason)}")
        pasted = query["code"][0]
    return pasted.removesuffix("#_")  # Meta ends the address with "#_"


def token_from_code(
    base: str, app_id: str, app_secret: str, redirect_uri: str, code: str, now: float
) -> Token:
    """The long-lived token for an authorisation code."""
    api = ThreadsAPI(base)
    try:
        short = api.post(
            "oauth/access_token", "exchange the authorisation code",
            {"client_id": app_id, "client_secret": app_secret, "code": code,
             "grant_type": "authorization_code", "redirect_uri": redirect_uri},
        )  # fmt: skip
    finally:
        api.close()
    short_lived = _token(short, str(short.get("user_id", "me")), now)
    exchange = ThreadsAPI(base, short_lived.access_token)  # the token in a header
    try:
        long = exchange.get(
            "access_token", "get a long-lived token", grant_type="th_exchange_token",
            client_secret=app_secret,
        )  # fmt: skip
    finally:
        exchange.close()
    return _token(long, short_lived.user_id, now)


def refreshed(base: str, token: Token, now: float, handle: str = "") -> Token | None:
    """A fresh token when `token` is over a day old, None while it need not be; raises
    `AuthError` (one line: log in again) once it has expired."""
    if now >= token.expires_at:
        raise AuthError(login_again(handle))
    if now - token.refreshed_at < REFRESH_AFTER:
        return None
    api = ThreadsAPI(base, token.access_token, handle=handle)
    try:
        answer = api.get("refresh_access_token", "refresh the login", grant_type="th_refresh_token")
    finally:
        api.close()
    return _token(answer, token.user_id, now)


def _token(answer: Mapping[str, object], user_id: str, now: float) -> Token:
    value = answer.get("access_token")
    if not isinstance(value, str) or not value:
        raise ServiceError("Threads did not answer as its API does (no token)")
    lasts = answer.get("expires_in")
    seconds = lasts if isinstance(lasts, int) and lasts > 0 else LONG_LIVED_SECONDS
    return Token(value, user_id, int(now), int(now) + seconds)


def me(base: str, token: str) -> tuple[str, str]:
    """(user id, username) the token belongs to (AuthError, in one line, when refused)."""
    api = ThreadsAPI(base, token)
    try:
        found = api.get("me", "check the access token", fields="id,username")
    finally:
        api.close()
    if not found.get("id") or not found.get("username"):
        raise ServiceError("Threads did not answer as its API does (who the token is)")
    return str(found["id"]), printable(str(found["username"]))


def expires_said(token: Token) -> str:
    """When the token expires, as a person reads it: "on 5 February 2027"."""
    return time.strftime("on %-d %B %Y", time.localtime(token.expires_at))


def profile_lookup(base: str, token: str) -> Callable[[str], bool]:
    """Whether a username names a Threads profile (`GET /profile_lookup?username=`)."""
    from threadsmith.networks.threads.api import NotFound

    def exists(username: str) -> bool:
        api = ThreadsAPI(base, token)
        try:
            found = api.get("profile_lookup", f"look up @{username}", username=username)
        except NotFound:
            return False
        finally:
            api.close()
        return str(found.get("username", "")).lower() == username.lower()

    return exists
