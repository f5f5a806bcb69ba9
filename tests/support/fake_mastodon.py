"""A fake Mastodon server: real HTTP on 127.0.0.1, answering as the API documentation says.

No Mastodon server can run here, so this one is written from docs.joinmastodon.org
(instance v1/v2, apps, OAuth, verify_credentials, statuses with Idempotency-Key,
media v2 with asynchronous processing, search, rate limits, errors). Mastodon.py
itself talks to it, and so can a subprocess (`thread publish …`). This module is
the server's state and its answers; fake_mastodon_http the HTTP around them,
fake_mastodon_entities the JSON and HTML shapes.

Everything it received stays inspectable: `statuses` in order of creation (each
with its reply parent, visibility, language, content warning, media, idempotency
key), `media`, `apps`, `requests`. Scripted failures for one route at a time:

    fake.fail("POST /api/v1/statuses", "drop-after")   # created, then no answer
    fake.fail("POST /api/v1/statuses", "429", "ok")    # rate-limited once

It answers as one Mastodon release (`release`, RELEASES): from 4.5 (API version 7) a
status takes `quote_approval_policy` and its entity says `quote_approval`; before, the
parameter is ignored, as Rails ignores a parameter a controller does not permit. Each
status keeps the parameter names it was sent with (`params`), so a test can tell what
an older server was never sent.

Statuses' counts: `replies_count` counts the statuses replying to it (the thread's
next post included, as Mastodon counts it) plus what a test puts in `engagement`
(status id -> {"favourites_count": 3, …}); a status in `deleted` answers 404.

Kinds: "401", "403", "404", "422", "429", "500", "502", "503" (answers as Mastodon
does), "drop-before" (the connection closes, nothing done), "drop-after" (the work
is done, then the connection closes), "slow" (done, answered after `slow_seconds`),
"hold" (nothing done: the request waits until the test sets `release`, then its
connection closes; `holding` is set while it waits), "ok" (answered normally: a
placeholder in a queue).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

import pytest

from support import fake_mastodon_entities as entities
from support.fake_mastodon_entities import Form, StoredMedia, StoredStatus
from support.fake_mastodon_http import Reply, Request, serve

IDEMPOTENCY_SECONDS = 3600  # "Idempotency keys are stored for up to 1 hour"
# release -> (version, `api_versions.mastodon`): API versions came with 4.3
RELEASES = {"4.5": ("4.5.2", 7), "4.4": ("4.4.3", 6), "4.3": ("4.3.9", 2), "4.2": ("4.2.13", None)}
QUOTE_POLICY_API = 7  # from which a status takes `quote_approval_policy`


class FakeMastodon:
    """One instance with one local account (`username`), whose token is `token`."""

    def __init__(
        self,
        *,
        max_characters: int = 500,
        characters_reserved_per_url: int = 23,
        release: str = "4.4",
        has_v2: bool = True,
        has_v1: bool = True,
        is_mastodon: bool = True,
        media_polls: int = 2,
        image_size_limit: int = 16 * 1024 * 1024,
        supported_mime_types: list[str] | None = None,
        username: str = "tester",
        known_accounts: tuple[str, ...] = ("alice@example.social", "bob"),
    ) -> None:
        self.max_characters = max_characters
        self.characters_reserved_per_url = characters_reserved_per_url
        self.version, self.api_version = RELEASES[release]
        self.default_quote_policy = "public"  # the account's own setting (4.5)
        self.has_v2 = has_v2
        self.has_v1 = has_v1
        self.is_mastodon = is_mastodon
        self.media_polls = media_polls
        self.image_size_limit = image_size_limit
        self.supported_mime_types = supported_mime_types or list(entities.SUPPORTED_MIME_TYPES)
        self.username = username
        self.known_accounts = known_accounts
        self.token = "tok-" + secrets.token_urlsafe(16)
        self.code = "code-" + secrets.token_urlsafe(8)
        self.slow_seconds = 3.0  # how late a "slow" answer comes
        self.rate_limit_reset_in = 2.0  # seconds from a 429 to its X-RateLimit-Reset
        self.clock_offset = 0.0  # seconds added to the real clock (idempotency expiry)
        self.date_header: str | None = None  # the Date header answers carry (None: the time)
        self.statuses: list[StoredStatus] = []
        self.engagement: dict[str, dict[str, int]] = {}
        self.deleted: set[str] = set()
        self.media: dict[str, StoredMedia] = {}
        self.apps: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str]] = []
        self._idempotency: dict[str, tuple[str, float]] = {}
        self._failures: dict[str, deque[str]] = {}
        self._next_id = 113_500_000_000_000_000
        self.lock = threading.RLock()
        self.holding = threading.Event()  # a "hold" request is waiting
        self.release = threading.Event()  # set by the test: held requests end, unanswered
        self._server = serve(self)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.host = f"127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- control ------------------------------------------------------------------

    def start(self) -> FakeMastodon:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()  # a held request must not outlive the server
        self._server.shutdown()
        self._server.server_close()

    def fail(self, route: str, *kinds: str) -> None:
        """Queue what the next requests to `route` ("POST /api/v1/statuses") do."""
        with self.lock:
            self._failures.setdefault(route, deque()).extend(kinds)

    def now(self) -> float:
        return time.time() + self.clock_offset

    def chain(self) -> list[tuple[str, str | None]]:
        """(id, in_reply_to_id) of each status, in order of creation."""
        return [(s.id, s.in_reply_to_id) for s in self.statuses]

    @property
    def me(self) -> dict[str, Any]:
        return entities.account(self.url, "1", self.username)

    # --- routes -------------------------------------------------------------------

    def instance_v1(self, request: Request) -> Any:
        if not self.has_v1:
            raise Reply(404)
        return {
            "uri": self.host, "title": "Fake", "short_description": "", "description": "",
            "email": "admin@example.test", "version": self.version,
            "urls": {"streaming_api": "ws://" + self.host}, "stats": {},
            "languages": ["en"], "registrations": False, "approval_required": False,
            "configuration": self._configuration(),
        }  # fmt: skip

    def instance_v2(self, request: Request) -> Any:
        if not self.has_v2:
            raise Reply(404)
        info = {
            "domain": self.host, "title": "Fake", "version": self.version,
            "source_url": "https://github.com/mastodon/mastodon", "description": "",
            "usage": {"users": {"active_month": 1}}, "languages": ["en"],
            "configuration": self._configuration(),
            "registrations": {"enabled": False, "approval_required": False, "message": None},
            "contact": {"email": "admin@example.test", "account": None}, "rules": [],
        }  # fmt: skip
        if self.api_version is not None:  # said from 4.3
            info["api_versions"] = {"mastodon": self.api_version}
        return info

    def _configuration(self) -> dict[str, Any]:
        return {
            "statuses": {
                "max_characters": self.max_characters,
                "max_media_attachments": 4,
                "characters_reserved_per_url": self.characters_reserved_per_url,
            },
            "media_attachments": {
                "supported_mime_types": self.supported_mime_types,
                "description_limit": 1500,
                "image_size_limit": self.image_size_limit,
                "image_matrix_limit": 33177600,
                "video_size_limit": 103809024,
                "video_frame_rate_limit": 120,
                "video_matrix_limit": 8294400,
            },
        }

    def oauth_metadata(self, request: Request) -> Any:
        return {
            "issuer": self.url + "/",
            "authorization_endpoint": self.url + "/oauth/authorize",
            "token_endpoint": self.url + "/oauth/token",
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "scopes_supported": ["read", "write", "write:statuses", "write:media", "profile"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
        }

    def create_app(self, request: Request) -> Any:
        form = request.form
        app = {
            "id": str(len(self.apps) + 1), "name": form.get("client_name"),
            "website": form.get("website"), "scopes": (form.get("scopes") or "read").split(),
            "redirect_uri": form.get("redirect_uris"),
            "redirect_uris": (form.get("redirect_uris") or "").split("\n"),
            "client_id": "cid-" + secrets.token_urlsafe(8),
            "client_secret": "csecret-" + secrets.token_urlsafe(8),
            "client_secret_expires_at": 0,
        }  # fmt: skip
        self.apps.append(app)
        return app

    def authorize_page(self, request: Request) -> Any:
        return Reply(200, f"<html><body><p>Authorization code: {self.code}</p></body></html>")

    def oauth_token(self, request: Request) -> Any:
        form = request.form
        app = next((a for a in self.apps if a["client_id"] == form.get("client_id")), None)
        if app is None or app["client_secret"] != form.get("client_secret"):
            raise Reply(401, {"error": "invalid_client", "error_description": "Client "
                              "authentication failed due to unknown client."})  # fmt: skip
        if form.get("grant_type") != "authorization_code" or form.get("code") != self.code:
            raise Reply(400, {"error": "invalid_grant", "error_description": "The provided "
                              "authorization grant is invalid, expired, revoked."})  # fmt: skip
        return {"access_token": self.token, "token_type": "Bearer",
                "scope": " ".join(app["scopes"]), "created_at": int(self.now())}  # fmt: skip

    def verify_credentials(self, request: Request) -> Any:
        self._require(request)
        return {**self.me, "source": {"privacy": "public", "sensitive": False, "note": ""}}

    def create_status(self, request: Request) -> Any:
        self._require(request)
        form, key = request.form, request.idempotency_key
        if key and key in self._idempotency:
            status_id, when = self._idempotency[key]
            if self.now() - when < IDEMPOTENCY_SECONDS:
                return self._status_json(self._status(status_id))
        text = form.get("status") or ""
        spoiler = form.get("spoiler_text") or ""
        media_ids = form.fields.get("media_ids[]", [])
        if not text.strip() and not media_ids:
            raise Reply(422, {"error": "Validation failed: Text can't be blank"})
        if len(media_ids) > 4:
            raise Reply(422, {"error": "Cannot attach more than 4 files"})
        for media_id in media_ids:
            media = self.media.get(media_id)
            if media is None or media.attached_to is not None:
                raise Reply(422, {"error": f"Could not find media attachment {media_id}"})
            if media.polls_until_ready > 0:
                raise Reply(422, {"error": "Cannot attach files that have not finished "
                                  "processing. Try again in a moment!"})  # fmt: skip
        length, _ = entities.countable_length(text, spoiler)
        if length > self.max_characters:
            message = f"Validation failed: Text character limit of {self.max_characters} exceeded"
            raise Reply(422, {"error": message})
        parent = form.get("in_reply_to_id")
        if parent is not None:
            self._status(parent)  # 404 for a status that does not exist
        visibility = form.get("visibility") or "public"
        status = StoredStatus(
            self._new_id(), text, parent, visibility, form.get("language"), spoiler,
            media_ids, key, self.now(), self._quote_policy(form, visibility), tuple(form.fields),
        )  # fmt: skip
        for media_id in media_ids:
            self.media[media_id].attached_to = status.id
        self.statuses.append(status)
        if key:
            self._idempotency[key] = (status.id, self.now())
        return self._status_json(status)

    def _quote_policy(self, form: Form, visibility: str) -> str | None:
        """Who may quote a new status, as 4.5 keeps it (None before 4.5: no such thing)."""
        if (self.api_version or 0) < QUOTE_POLICY_API:
            return None  # the parameter, if sent, is not permitted: ignored
        asked = form.get("quote_approval_policy")
        if asked not in (None, *entities.QUOTE_POLICIES):
            raise Reply(422, {"error": "Record invalid"})  # InteractionPoliciesConcern
        if visibility in ("private", "direct"):
            return "nobody"  # `downgrade_quote_policy`: only public statuses are quotable
        return asked or self.default_quote_policy

    def get_status(self, request: Request) -> Any:
        return self._status_json(self._status(request.path_id))

    def status_context(self, request: Request) -> Any:
        status = self._status(request.path_id)
        ancestors: list[dict[str, Any]] = []
        while status.in_reply_to_id is not None:
            status = self._status(status.in_reply_to_id)
            ancestors.insert(0, self._status_json(status))
        return {
            "ancestors": ancestors,
            "descendants": [self._status_json(s) for s in self._below(request.path_id)],
        }

    def _below(self, status_id: str) -> list[StoredStatus]:
        """Every reply under the status, depth first, as Mastodon lists `descendants`."""
        found = []
        for reply in self.statuses:
            if reply.in_reply_to_id == status_id and reply.id not in self.deleted:
                found += [reply, *self._below(reply.id)]
        return found

    def account_statuses(self, request: Request) -> Any:
        if request.path_id != "1":
            raise Reply(404)
        form = request.form
        limit = min(int(form.get("limit") or 20), 40)
        since = int(form.get("since_id") or 0)
        newest_first = sorted(self.statuses, key=lambda s: int(s.id), reverse=True)
        found = [s for s in newest_first if int(s.id) > since]
        if form.get("exclude_replies") in ("1", "true"):
            found = [s for s in found if s.in_reply_to_id is None]
        return [self._status_json(s) for s in found[:limit]]

    def search(self, request: Request) -> Any:
        self._require(request)
        query = (request.form.get("q") or "").lstrip("@").lower()
        accounts = []
        for number, acct in enumerate(self.known_accounts, start=2):
            username, _, domain = acct.partition("@")
            # like Mastodon, near misses show up too: callers must check the acct
            if acct.lower() == query or query.split("@")[0] in username.lower():
                accounts.append(entities.account(self.url, str(number), username, domain or None))
        return {"accounts": accounts, "statuses": [], "hashtags": []}

    def create_media(self, request: Request) -> Any:
        self._require(request)
        form = request.form
        if "file" not in form.files:
            raise Reply(422, {"error": "Validation failed: File can't be blank"})
        filename, mime, data = form.files["file"]
        if mime not in self.supported_mime_types:
            raise Reply(422, {"error": "Validation failed: File content type is invalid, "
                              "File is invalid"})  # fmt: skip
        if len(data) > self.image_size_limit:
            limit_mb = self.image_size_limit // (1024 * 1024)
            raise Reply(422, {"error": "Validation failed: File file size must be less than "
                              f"{limit_mb} MB"})  # fmt: skip
        description = form.get("description")
        if description and len(description) > 1500:
            raise Reply(422, {"error": "Validation failed: Description is too long "
                              "(maximum is 1500 characters)"})  # fmt: skip
        media = StoredMedia(self._new_id(), filename, mime, data, description, self.media_polls)
        self.media[media.id] = media
        body = entities.media_json(self.url, media)
        return Reply(200 if media.polls_until_ready <= 0 else 202, body)

    def get_media(self, request: Request) -> Any:
        self._require(request)
        media = self.media.get(request.path_id)
        if media is None:
            raise Reply(404)
        body = entities.media_json(self.url, media)
        ready = media.polls_until_ready <= 0
        media.polls_until_ready -= 1
        return Reply(200 if ready else 206, body)

    # --- helpers ------------------------------------------------------------------

    def _require(self, request: Request) -> None:
        if request.auth != f"Bearer {self.token}":
            raise Reply(401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})

    def _status(self, status_id: str) -> StoredStatus:
        found = next((s for s in self.statuses if s.id == status_id), None)
        if found is None or status_id in self.deleted:
            raise Reply(404, {"error": "Record not found"})
        return found

    def _status_json(self, status: StoredStatus) -> dict[str, Any]:
        media = [entities.media_json(self.url, self.media[m]) for m in status.media_ids]
        body = entities.status_json(self.url, self.me, status, media)
        body["replies_count"] = sum(
            1 for s in self.statuses if s.in_reply_to_id == status.id and s.id not in self.deleted
        )
        for name, value in self.engagement.get(status.id, {}).items():
            body[name] = body.get(name, 0) + value
        return body

    def _new_id(self) -> str:
        self._next_id += 1 + secrets.randbelow(1000)  # increasing, like Snowflake ids
        return str(self._next_id)

    def next_failure(self, route: str) -> str:
        with self.lock:
            queue = self._failures.get(route)
            return queue.popleft() if queue else "ok"


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodon]:
    server = FakeMastodon().start()
    yield server
    server.stop()
