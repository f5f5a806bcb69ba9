"""A fake Threads API (graph.threads.net v1.0): real HTTP on 127.0.0.1, answering as
Meta's documentation says: OAuth code → short-lived → long-lived token, refresh,
`/me`, containers (`POST /{user-id}/threads`, polled with `?fields=status,error_message`
until FINISHED, EXPIRED when left), `threads_publish`, the account's threads and
replies, the publishing quota, insights, profile lookup; errors as
`{"error": {"message", "type": "THApiException", "code", "error_subcode"}}`.

Meta downloads an image from its public address: here the test says what an address
holds (`host_image`), and a container whose address holds nothing ends in ERROR.
Everything received stays inspectable (`requests`, `containers`, `posts`). Failures are
scripted per route, one request at a time:

    fake.fail("POST /:user/threads_publish", "drop-after")  # published, answer lost
    fake.fail("POST /:user/threads_publish", "503-after")   # published, then a 503

Kinds: "drop-before" (nothing done, the connection closes), "drop-after", "503-after",
"500", "503", "429" (Meta's rate-limit error, code 4), "ok" (a placeholder).
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from support.fake_threads_http import API, Call, MetaError, serve
from threadsmith.networks.threads.counting import distinct_links, threads_length

LONG_LIVED = 5183944  # seconds, as Meta's example answer gives them
REPLY_CONTROLS = ("everyone", "accounts_you_follow", "mentioned_only", "followers_only")


@dataclass
class Container:
    id: str
    text: str
    reply_to: str | None
    image_url: str | None
    alt_text: str | None
    reply_control: str
    status: str = "IN_PROGRESS"
    polls_left: int = 0
    error_message: str | None = None
    published_as: str | None = None


@dataclass
class Post:
    id: str
    text: str
    reply_to: str | None
    shortcode: str
    reply_control: str
    image_url: str | None = None
    alt_text: str | None = None
    image_size: int | None = None
    timestamp: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S+0000"))


class FakeThreads:
    """One Threads account (`username`, `user_id`) and the Meta app it logs in with."""

    def __init__(self, *, username: str = "tester", image_polls: int = 1) -> None:
        self.username = username
        self.user_id = str(17841400000000000 + secrets.randbelow(10**9))
        self.app_id, self.app_secret = "1234567890", "secret-" + secrets.token_hex(8)
        self.code = "code-" + secrets.token_urlsafe(8)
        self.token = "THAA" + secrets.token_urlsafe(24)  # the long-lived token, valid now
        self.tokens: dict[str, str] = {self.token: "long"}  # token -> "short" | "long"
        self.expired: set[str] = set()
        self.refreshes = 0
        self.image_polls = image_polls  # IN_PROGRESS answers before an image is FINISHED
        self.images: dict[str, bytes] = {}  # what a public address holds
        self.known_profiles = {"alice", "bob.builds"}
        self.containers: dict[str, Container] = {}
        self.posts: list[Post] = []
        self.likes: dict[str, int] = {}
        self.quota_used = 0
        self.reply_quota_used = 0
        self.quota_total = 250
        self.reply_quota_total = 1000
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.RLock()
        self._failures: dict[str, deque[str]] = {}
        self._ids = itertools.count(18000000000000000 + secrets.randbelow(10**9))
        self._server, self._thread = serve(self)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{API}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what a test arranges ----------------------------------------------------------

    def fail(self, route: str, *kinds: str) -> None:
        with self.lock:
            self._failures.setdefault(route, deque()).extend(kinds)

    def next_failure(self, route: str) -> str:
        queue = self._failures.get(route)
        return queue.popleft() if queue else "ok"

    def host_image(self, address: str, data: bytes) -> None:
        with self.lock:
            self.images[address] = data

    def expire_token(self, token: str) -> None:
        with self.lock:
            self.expired.add(token)

    def sent(self, route: str) -> int:
        """How many requests went to `route` ("POST /:user/threads_publish")."""
        with self.lock:
            return sum(1 for name, _ in self.requests if name == route)

    # --- OAuth and the account ---------------------------------------------------------

    def code_token(self, call: Call) -> Any:
        p = call.params
        if (p.get("client_id"), p.get("client_secret")) != (self.app_id, self.app_secret):
            raise MetaError(400, "Error validating client secret.", 1)
        if p.get("code") != self.code or p.get("grant_type") != "authorization_code":
            raise MetaError(400, "Invalid verification code format.", 100, 36008)
        short = "THQW" + secrets.token_urlsafe(16)
        self.tokens[short] = "short"
        return {"access_token": short, "user_id": int(self.user_id)}

    def long_lived_token(self, call: Call) -> Any:
        short = call.token or ""
        if call.params.get("grant_type") != "th_exchange_token" or (
            call.params.get("client_secret") != self.app_secret
        ):
            raise MetaError(400, "Invalid grant_type or client_secret", 100)
        if self.tokens.get(short) != "short":
            raise MetaError(401, "Invalid OAuth access token - Cannot parse access token", 190)
        return {"access_token": self.token, "token_type": "bearer", "expires_in": LONG_LIVED}

    def refresh_token(self, call: Call) -> Any:
        self._user(call)
        if call.params.get("grant_type") != "th_refresh_token":
            raise MetaError(400, "Invalid grant_type", 100)
        fresh = "THAA" + secrets.token_urlsafe(24)
        self.tokens[fresh] = "long"
        self.token = fresh
        self.refreshes += 1
        return {"access_token": fresh, "token_type": "bearer", "expires_in": LONG_LIVED}

    def me(self, call: Call) -> Any:
        self._user(call)
        return {"id": self.user_id, "username": self.username}

    def profile_lookup(self, call: Call) -> Any:
        self._user(call)
        name = call.params.get("username", "")
        if name.lower() not in self.known_profiles | {self.username}:
            raise MetaError(404, "The requested user does not exist.", 100, 33)
        return {"username": name, "is_verified": False, "follower_count": 12}

    def _user(self, call: Call) -> None:
        """The request's token must be a valid long-lived one (Meta's 190 otherwise)."""
        if call.token in self.expired:
            raise MetaError(401, "Error validating access token: Session has expired.", 190, 463)
        if self.tokens.get(call.token or "") != "long":
            raise MetaError(401, "Invalid OAuth access token - Cannot parse access token", 190)

    def _me_path(self, call: Call) -> None:
        self._user(call)
        if call.path_id not in (self.user_id, "me"):
            raise MetaError(400, "Unsupported request: the object does not exist", 100, 33)

    # --- publishing --------------------------------------------------------------------

    def create_container(self, call: Call) -> Any:
        self._me_path(call)
        p = call.params
        kind, text = p.get("media_type", ""), p.get("text", "")
        if kind not in ("TEXT", "IMAGE") or (kind == "IMAGE") != bool(p.get("image_url")):
            raise MetaError(400, "The parameter media_type is invalid.", 100)
        if threads_length(text) > 500:
            raise MetaError(400, "Param text must be at most 500 characters long.", 100)
        if distinct_links(text) > 5:
            raise MetaError(400, "THREADS_API__LINK_LIMIT_EXCEEDED", 100, 4279009)
        reply_to = p.get("reply_to_id") or None
        if reply_to is not None and not any(post.id == reply_to for post in self.posts):
            raise MetaError(400, "The requested reply_to_id does not exist", 100, 33)
        control = p.get("reply_control", "everyone")
        if control not in REPLY_CONTROLS:
            raise MetaError(400, "The parameter reply_control is invalid.", 100)
        container = Container(
            str(next(self._ids)), text, reply_to, p.get("image_url"), p.get("alt_text"), control
        )
        if container.image_url is None:
            container.status = "FINISHED"
        else:
            container.polls_left = self.image_polls
        self.containers[container.id] = container
        return {"id": container.id}

    def publish(self, call: Call) -> Any:
        self._me_path(call)
        container = self.containers.get(call.params.get("creation_id", ""))
        if container is None:
            raise MetaError(400, "The requested resource does not exist", 100, 33)
        if container.status != "FINISHED":
            raise MetaError(400, f"The media is not ready for publishing ({container.status})",
                            9007, 2207027)  # fmt: skip
        replying = container.reply_to is not None
        if (replying and self.reply_quota_used >= self.reply_quota_total) or (
            not replying and self.quota_used >= self.quota_total
        ):
            raise MetaError(400, "Application request limit reached", 4)
        post = Post(
            str(next(self._ids)), container.text, container.reply_to,
            secrets.token_urlsafe(8).replace("-", "A"), container.reply_control,
            container.image_url, container.alt_text,
            len(self.images[container.image_url]) if container.image_url else None,
        )  # fmt: skip
        self.posts.append(post)
        container.status, container.published_as = "PUBLISHED", post.id
        if replying:
            self.reply_quota_used += 1
        else:
            self.quota_used += 1
        return {"id": post.id}

    def get_object(self, call: Call) -> Any:
        self._user(call)
        fields = call.params.get("fields", "id").split(",")
        container = self.containers.get(call.path_id)
        if container is not None:
            if container.status == "IN_PROGRESS":
                if container.polls_left > 0:
                    container.polls_left -= 1
                elif container.image_url in self.images:
                    container.status = "FINISHED"
                else:  # Meta could not download it
                    container.status, container.error_message = "ERROR", "UNKNOWN"
            found = {"id": container.id, "status": container.status}
            if container.error_message and "error_message" in fields:
                found["error_message"] = container.error_message
            return found
        post = self._post(call.path_id)
        every = self._shown(post)
        return {name: every[name] for name in ["id", *fields] if name in every}

    def user_threads(self, call: Call) -> Any:
        self._me_path(call)
        return self._listing(call, [p for p in self.posts if p.reply_to is None])

    def user_replies(self, call: Call) -> Any:
        self._me_path(call)
        return self._listing(call, [p for p in self.posts if p.reply_to is not None])

    def _listing(self, call: Call, posts: list[Post]) -> Any:
        fields = call.params.get("fields", "id").split(",")
        limit = int(call.params.get("limit", "25"))
        newest = list(reversed(posts))[:limit]
        shown = [self._shown(post) for post in newest]
        return {
            "data": [{n: item[n] for n in ["id", *fields] if n in item} for item in shown],
            "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}},
        }

    def quota(self, call: Call) -> Any:
        self._me_path(call)
        day = {"quota_duration": 86400}
        return {"data": [{
            "quota_usage": self.quota_used,
            "config": {"quota_total": self.quota_total, **day},
            "reply_quota_usage": self.reply_quota_used,
            "reply_config": {"quota_total": self.reply_quota_total, **day},
        }]}  # fmt: skip

    def insights(self, call: Call) -> Any:
        self._user(call)
        post = self._post(call.path_id)
        counts = {
            "views": 10 * (1 + self.likes.get(post.id, 0)),
            "likes": self.likes.get(post.id, 0),
            "replies": sum(1 for other in self.posts if other.reply_to == post.id),
            "reposts": 0,
            "quotes": 0,
        }
        asked = call.params.get("metric", "").split(",")
        return {"data": [
            {"name": name, "period": "lifetime", "values": [{"value": counts[name]}],
             "title": name.title(), "description": f"The number of {name} of the post.",
             "id": f"{post.id}/insights/{name}/lifetime"}
            for name in asked if name in counts
        ]}  # fmt: skip

    def _post(self, post_id: str) -> Post:
        found = next((post for post in self.posts if post.id == post_id), None)
        if found is None:
            raise MetaError(
                400, f"Unsupported get request. Object with ID '{post_id}' does not exist", 100, 33
            )
        return found

    def _shown(self, post: Post) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "id": post.id, "text": post.text, "timestamp": post.timestamp,
            "permalink": f"https://www.threads.com/@{self.username}/post/{post.shortcode}",
            "username": self.username, "media_type": "IMAGE" if post.image_url else "TEXT_POST",
            "is_reply": post.reply_to is not None,
        }  # fmt: skip
        if post.reply_to is not None:
            shown["replied_to"] = {"id": post.reply_to}
        return shown
