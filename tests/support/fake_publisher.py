"""An in-memory network implementing the Publisher protocol, with scripted failures.

Its `server` list is the truth of what was published, so tests can assert no
duplicate and no gap whatever the failures.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    ByHand,
    RateLimited,
    Refused,
    ServiceError,
)
from threadsmith.journal import Outgoing, PostRef


@dataclass
class Stored:
    key: str
    text: str
    parent: str | None


@dataclass
class FakePublisher:
    """`failures` is a queue of what the next send does: "ok", "ambiguous-after-write",
    "ambiguous-before-write", "429", "401", "400", "5xx", "lookup-fails", "by-hand" (refused
    by the API, as X refuses a reply it may not make)."""

    network: str = "bluesky"
    handle: str = "tester.test"
    failures: deque[str] = field(default_factory=deque)
    server: list[Stored] = field(default_factory=list)
    clock: list[float] = field(default_factory=lambda: [1000.0])
    lookup_fails: bool = False
    keys: int = 0
    warnings: list[str] = field(default_factory=list)  # as the Publisher protocol has them
    gate: threading.Event | None = None  # each send waits for it: a slow network

    def new_key(self) -> str:
        self.keys += 1
        return f"key{self.keys:04d}"

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        assert key is not None
        if self.gate is not None:
            self.gate.wait(timeout=20)
        outcome = self.failures.popleft() if self.failures else "ok"
        if outcome == "429":
            raise RateLimited("slow down", reset_at=self.clock[0] + 3)
        if outcome == "401":
            raise AuthError("Bluesky refused to publish post: Token expired (HTTP 401)")
        if outcome == "400":
            raise Refused("Bluesky refused to publish post: Invalid record (HTTP 400)")
        if outcome == "by-hand":
            raise ByHand("X refused to publish the post: You can only reply to or quote posts")
        if outcome == "5xx":
            raise ServiceError("Bluesky failed: Internal Server Error (HTTP 502)")
        if outcome == "ambiguous-before-write":
            raise AmbiguousResult("connection dropped")
        if any(stored.key == key for stored in self.server):
            raise ServiceError("record already exists")  # a blind resend would fail loudly
        self.server.append(Stored(key, post.text, parent.id if parent else None))
        if outcome == "ambiguous-after-write":
            raise AmbiguousResult("connection dropped after the write")
        return self._ref(key)

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        if self.lookup_fails:
            raise AmbiguousResult("could not tell whether it was published")
        return next((self._ref(s.key) for s in self.server if s.key == key), None)

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        ref = PostRef("root", url, "at://root", "cid-root")
        return ref, ref

    def close(self) -> None:
        pass

    def _ref(self, key: str) -> PostRef:
        return PostRef(key, f"https://example.test/{key}", f"at://did/{key}", f"cid-{key}")

    def sleep(self, seconds: float) -> None:
        self.clock[0] += seconds

    def now(self) -> float:
        return self.clock[0]
