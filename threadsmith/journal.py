"""The publish journal's values, shared by the store (which keeps them) and the
networks (which produce them), so that neither needs the other: what a post to
send is, what a published post is, and the states of posts and runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from threadsmith.threading.models import Media


class PostState(StrEnum):
    """What may have happened to one post of a run (see `threadsmith.publish.run`)."""

    PENDING = "pending"  # never sent
    SENDING = "sending"  # a request may have gone out: look before resending
    SENT = "sent"
    FAILED = "failed"  # refused for certain; sent again once the cause is fixed


class RunStatus(StrEnum):
    OPEN = "open"  # being published, or stopped half way: resumable
    DONE = "done"
    ABANDONED = "abandoned"  # given up by the user: never resumed
    SCHEDULED = "scheduled"  # waits for its time (`thread schedule run` publishes it then)
    MISSED = "missed"  # its time passed by more than the grace: published only when asked
    CANCELLED = "cancelled"  # a schedule the user called off: never published
    # stopped by something only the person can fix (a missing image, a post over the
    # limit, a refused login, published already): "needs you", never retried by the timer
    HELD = "held"


@dataclass(frozen=True, slots=True)
class Card:
    """A link card under a post (Bluesky's `app.bsky.embed.external`), as it was read when
    the run was planned and previewed: a resume or a scheduled run sends exactly this."""

    uri: str  # the page the post links to
    title: str
    description: str
    # the picture, downloaded and within the network's limit, in a file named by its
    # sha256 under the data dir; None: a card without a picture
    thumbnail: str | None = None

    @property
    def site(self) -> str:
        """Where the page is, as a card shows it: its host, without "www." ("naht.org.uk")."""
        from urllib.parse import urlsplit

        host = urlsplit(self.uri).hostname or self.uri
        return host.removeprefix("www.")


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One post as the journal keeps it: what to publish, in which position."""

    number: int
    text: str
    media: tuple[Media, ...] = ()
    card: Card | None = None  # the link card it carries, read when the run was planned


@dataclass(frozen=True, slots=True)
class PostRef:
    """A published post: X and Mastodon need `id`; Bluesky `uri` and `cid` (a strong ref)."""

    id: str
    url: str
    uri: str | None = None
    cid: str | None = None


def content_key(texts: Iterable[str]) -> str:
    """What identifies a thread's content: its posts' texts, hashed. The same essay
    copied to another file, or published again from the app, has the same key."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()
