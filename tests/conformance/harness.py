"""What the conformance suite needs of each network's server: the `Harness` contract.

A harness starts (or reaches) the network's test server once per session, logs in a
fresh account there, and reads back what the server holds, independently of the
network's own code: it is the reference the network is checked against. It also says
what the server can do (who may reply, which counts it gives): a network whose class
lacks one of those capabilities fails, rather than passing as "not offered".

Harnesses are found here (`BUILT_IN`) and, for a network installed from another
package, through the entry point group `threadsmith.conformance` (name: the network's
name; value: the harness class). A network with no harness fails the suite, named.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from support.network_counts import NetworkCounter
from threadsmith.journal import PostRef
from threadsmith.network import Account, Field

ENTRY_POINTS = "threadsmith.conformance"
LOSSES = ("dropped", "5xx")  # how an answer is lost after the server applied the post


@dataclass(frozen=True)
class Login:
    """A fresh account on the server: what its login asks (by field name) and the values
    that must stay in the keyring (never in the store, never printed)."""

    answers: Mapping[str, str]
    secrets: tuple[str, ...]
    interactive: bool = False


@dataclass(frozen=True)
class Image:
    """An image as the server keeps it on a post."""

    alt: str
    size: int | None  # bytes as stored; None where the server does not keep them


@dataclass(frozen=True)
class Seen:
    """A post as the server holds it."""

    id: str  # as `Harness.id_of` gives it for a `PostRef`
    text: str
    parent: str | None
    images: tuple[Image, ...] = ()


@dataclass
class ScriptedPrompt:
    """A login's questions answered from `answers` (a field with a default takes it)."""

    answers: Mapping[str, str]
    interactive: bool = False
    said: list[str] = field(default_factory=list)

    def ask(self, asked: Field) -> str:
        value = self.answers.get(asked.name) or asked.default
        if not value:
            raise AssertionError(f"the harness has no answer for the login's {asked.name!r}")
        return value

    def say(self, text: str) -> None:
        self.said.append(text)

    def open_url(self, url: str) -> None:
        self.said.append(url)


class Harness(ABC):
    """One network's test server, started once per session (see the module docstring)."""

    network: str  # the `Network.name` it serves
    # who may reply, in threadsmith's words (`REPLIES`), as the server can restrict it:
    # the network must offer and apply each; () where the server has no such setting
    replies_offered: tuple[str, ...]
    metrics_fields: tuple[str, ...]  # the `PostMetrics` fields the server gives
    # who may quote a post, in threadsmith's words (`QUOTES`), as the server can set it:
    # the network must offer and apply each (`quote_rule` reads it); () where it cannot
    quotes_offered: tuple[str, ...] = ()
    max_images: int  # images one post may carry on the server
    # the longest alt text an image keeps there: the server's own limit, or where it sets
    # none, the network's official app's; None where neither sets one
    alt_limit: int | None = None
    limit: int  # a post's length the server takes, in its own unit (`length`)
    own_limits = False  # the server sets its own limits, which may change (`limit_set_to`)
    finds_threads = False  # a thread can be found on the server from its first post's URL
    billed = False  # its API bills each use (the network must say what it costs)
    by_hand = False  # people may publish there by hand, helped (the network's `assisted`)

    @classmethod
    @abstractmethod
    def start(cls, request: pytest.FixtureRequest) -> Harness:
        """The running server, with the session's real parts it needs."""

    def stop(self) -> None:  # noqa: B027 - most harnesses have nothing to stop
        """Stop what `start` started (the session's fixtures stop their own)."""

    @contextmanager
    def active(self) -> Iterator[None]:
        """Around each test: whatever must be in place for the network to reach it."""
        yield

    @abstractmethod
    def new_login(self) -> Login:
        """A fresh account on the server (or the server's one account), ready to log in."""

    @abstractmethod
    def length(self, text: str, counter: NetworkCounter) -> int:
        """`text`'s length as the network's own reference counts it."""

    def refused(self, text: str, counter: NetworkCounter) -> str | None:
        """Why the network's own counting would refuse `text` as a post; None if it takes it."""
        length = self.length(text, counter)
        return None if length <= self.limit else f"{length} of {self.limit}"

    def image_source(self, path: Path) -> str:
        """How an essay beside the image `path` names it for this server: its file name;
        where the network takes images only by public address (Threads), an address the
        server can fetch it from."""
        return path.name

    @abstractmethod
    def id_of(self, ref: PostRef) -> str:
        """How `Seen.id` names the post `ref` refers to."""

    @abstractmethod
    def thread(self, account: Account, first: PostRef) -> list[Seen]:
        """The thread from `first` as the server holds it: each post then the author's
        reply to it, in order."""

    @abstractmethod
    def copies(self, account: Account, text: str) -> int:
        """How many posts of `account` on the server carry exactly `text`."""

    @abstractmethod
    def lose_next_answer(self, how: str) -> None:
        """The next post the server is sent is applied, then its answer is lost: `how`
        is "dropped" (the connection closes) or "5xx" (a server error comes instead)."""

    @abstractmethod
    def replies_rule(self, account: Account, first: PostRef) -> str:
        """Who may reply to the thread from `first`, as the server records it, in
        threadsmith's words ("everyone" where it records no restriction)."""

    def quote_rule(self, account: Account, post: PostRef) -> str:
        """Who may quote `post`, as the server records it, in threadsmith's words
        ("everyone" where it records no restriction): read by a harness whose server can
        set it (`quotes_offered`)."""
        if self.quotes_offered:
            raise NotImplementedError(f"{self.network}'s harness cannot read who may quote")
        return "everyone"  # the server has no such setting

    @abstractmethod
    def like(self, account: Account, post: PostRef) -> None:
        """Someone else likes `post`."""

    @abstractmethod
    def mentionable(self, account: Account) -> tuple[str, str]:
        """Two handles as a post writes them (no @): one the server knows, one it does not."""

    @contextmanager
    def limit_set_to(self, limit: int) -> Iterator[None]:
        """The server's post limit is `limit` for a while (where `own_limits`)."""
        raise NotImplementedError(f"{self.network}'s server sets no limits of its own")
        yield

    def counted(self, account: Account) -> None:  # noqa: B027 - most count at once
        """Wait until what was written is counted where the counts are read."""

    def metrics_settings(self) -> dict[str, str]:
        """Where to read counts (`MetricsAccess.settings`)."""
        return {}


BUILT_IN = {
    "x": "conformance.harness_x:XHarness",
    "bluesky": "conformance.harness_bluesky:BlueskyHarness",
    "mastodon": "conformance.harness_mastodon:MastodonHarness",
    "threads": "conformance.harness_threads:ThreadsHarness",
}


def harness_names() -> dict[str, str]:
    """Each network name with a harness, and where its class is (module:class)."""
    found = dict(BUILT_IN)
    for point in entry_points(group=ENTRY_POINTS):
        found[point.name] = point.value
    return found


def without_harness(names: Iterable[str]) -> list[str]:
    """Those of the networks `names` that have no harness (they do not ship)."""
    known = harness_names()
    return [name for name in names if name not in known]


def harness_class(network: str) -> type[Harness] | None:
    """The harness class for `network`, None if none is known."""
    where = harness_names().get(network)
    if where is None:
        return None
    module, _, name = where.partition(":")
    found = getattr(import_module(module), name)
    assert isinstance(found, type) and issubclass(found, Harness), where
    assert found.network == network, f"{where} serves {found.network!r}, not {network!r}"
    return found
