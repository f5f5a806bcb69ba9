"""What a network can say of a published thread (its posts' public counts) and what its
API bills: read by `threadsmith.stats` and `threadsmith.costs`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

from threadsmith.network.core import Account, Secrets

if TYPE_CHECKING:
    from decimal import Decimal

    from threadsmith.journal import PostRef


@dataclass(frozen=True, slots=True)
class PostMetrics:
    """One post's public counts as its network gives them; None where it gives none.
    `replies` is the network's own count, which includes the thread's next post (a
    reply by the author): `threadsmith.stats` takes that one out."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    impressions: int | None = None
    bookmarks: int | None = None

    @classmethod
    def named(cls, answer: Mapping[str, Any], **names: str) -> PostMetrics:
        """The counts in a network's `answer`, each found under the name that network
        gives it: `PostMetrics.named(public, likes="like_count", ...)`; None where the
        answer has no such name."""
        return cls(**{count: answer.get(name) for count, name in names.items()})


@dataclass(frozen=True, slots=True)
class MetricsAccess:
    """What reading counts may use: the account that published the thread (None for a
    thread found by its URL), its secrets (read from the keyring only if the network
    needs them), and where to read as the person said (Bluesky: {"appview": URL})."""

    account: Account | None
    secrets: Callable[[], Secrets]
    settings: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FoundThread:
    """A thread found on its network from its first post's URL: its author, its posts."""

    handle: str
    posts: tuple[PostRef, ...]


@dataclass(frozen=True, slots=True)
class ReadFrom:
    """A server a network's counts can be read from instead of its default (Bluesky's
    AppView), as a person chooses it: `thread stats --NAME URL`, else $ENVIRONMENT,
    else the one set in the app, else `default`."""

    name: str  # "appview": the option `--appview`, and its key in `MetricsAccess.settings`
    label: str  # "AppView": what such a server is called
    environment: str  # "THREADSMITH_BSKY_APPVIEW"
    default: str  # "https://public.api.bsky.app"
    default_said: str  # "Bluesky's public one"


@dataclass(frozen=True, slots=True)
class Metrics:
    """How a network's per-post public counts are read (`threadsmith.stats` uses it).

    `counts` names the network's module that reads them, imported when first asked
    (its client library loads then, not before): it has `read(access, posts)` and,
    where the network `finds_threads`, `thread_at(access, url)`."""

    counts: str  # "threadsmith.networks.x.metrics"
    fields: tuple[str, ...]  # the `PostMetrics` fields it fills, in the order to show
    needs_account: bool = False  # X reads with the account's API keys; Bluesky reads publicly
    # a post's address on the network, as a regular expression (the client library is not
    # loaded to check one); "" where threads cannot be found by address
    post_url: str = ""
    finds_threads: bool = False  # whether it can follow a thread it did not publish
    read_from: ReadFrom | None = None  # where else its counts may be read from

    def is_post_url(self, url: str) -> bool:
        """Whether `url` is a post's address on the network."""
        return bool(self.post_url) and re.match(self.post_url, url) is not None

    def read(self, access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
        """The counts of each post, in order; None for a post the network no longer has
        (deleted, or hidden from us). Raises `PublishError` subclasses when refused."""
        counted: list[PostMetrics | None] = import_module(self.counts).read(access, posts)
        return counted

    def thread_at(self, access: MetricsAccess, url: str) -> FoundThread:
        """The posts of the thread that starts at a post's URL, following its author's
        own replies (a thread threadsmith did not publish); only if it `finds_threads`."""
        found: FoundThread = import_module(self.counts).thread_at(access, url)
        return found


@dataclass(frozen=True, slots=True)
class PriceTable:
    """What a network's API bills, in US dollars, as published at `source` on `taken`
    (an ISO date). `overridden` names the figures a person set instead."""

    post: Decimal  # creating a post that carries no link
    post_with_link: Decimal  # creating a post that carries a link
    read: Decimal  # reading one post (its counts)
    taken: str
    source: str
    overridden: frozenset[str] = frozenset()


PRICE_NAMES = ("post", "post_with_link", "read")  # the figures of a `PriceTable`


@dataclass(frozen=True, slots=True)
class Billing:
    """A network whose API bills each use: its prices, and which posts count as
    carrying a link (billed more)."""

    prices: PriceTable
    has_link: Callable[[str], bool]
