"""What the publish run needs from a network, and nothing more.

The run (`threadsmith.publish`) knows nothing of tweepy or atproto types: it
speaks `Outgoing` posts and `PostRef`s, and the errors of `threadsmith.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from threadsmith.threading.models import Media


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One post as the journal keeps it: what to publish, in which position."""

    number: int
    text: str
    media: tuple[Media, ...] = ()


@dataclass(frozen=True, slots=True)
class PostRef:
    """A published post: X needs `id`; Bluesky needs `uri` and `cid` (strong ref)."""

    id: str
    url: str
    uri: str | None = None
    cid: str | None = None


class Publisher(Protocol):
    """One authenticated account on one network."""

    platform: str  # the network's name
    handle: str

    def new_key(self) -> str | None:
        """A record key to journal *before* sending (Bluesky: a TID); None when the
        network has no client-chosen key (X)."""
        ...

    def send(
        self,
        post: Outgoing,
        *,
        key: str | None,
        root: PostRef | None,
        parent: PostRef | None,
    ) -> PostRef:
        """Publish `post` as a reply to `parent` (in the thread started by `root`),
        or as a new thread when both are None. Raises `PublishError` subclasses:
        `AmbiguousResult` when the request may have been applied."""
        ...

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """After an ambiguous failure: the post if it is on the server, None if it
        certainly is not. Raises `AmbiguousResult` when that cannot be decided."""
        ...

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        """(root, parent) for continuing the existing thread at `url` (--reply-to)."""
        ...

    def close(self) -> None:
        """Release the network connection."""
        ...
