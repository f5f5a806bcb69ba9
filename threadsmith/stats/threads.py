"""Which threads a person means: the ones an essay file or an app draft was published
as (the journal knows every post), or the one a first post's URL starts.

A thread threadsmith did not publish is found on its network, following its
author's own replies (Bluesky, Mastodon); X cannot do that without billed searches,
so only X threads threadsmith published can be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from threadsmith.drafts import draft_key
from threadsmith.errors import InputError
from threadsmith.journal import PostRef, RunStatus
from threadsmith.network import Account, MetricsAccess, Network, Secrets, networks
from threadsmith.stats.settings import reading_settings

if TYPE_CHECKING:
    from threadsmith.store import Run, Store


@dataclass(frozen=True, slots=True)
class ThreadPost:
    number: int
    ref: PostRef


@dataclass(frozen=True, slots=True)
class Thread:
    """A published thread on one network: its posts in order (only those sent, for a
    run that stopped half way), the account that published it if it is one of ours,
    and the run that did, if threadsmith did."""

    network: Network
    handle: str
    posts: tuple[ThreadPost, ...]
    account: Account | None
    run_id: int | None = None

    @property
    def key(self) -> str:
        """What identifies it in the store: its network and first post."""
        first = self.posts[0].ref
        return f"{self.network.name}:{first.uri or first.id}"

    @property
    def url(self) -> str:
        return self.posts[0].ref.url

    @property
    def name(self) -> str:
        """ "Bluesky @alice.bsky.social" """
        return f"{self.network.display_name} @{self.handle}"


def threads_of_file(store: Store, path: Path) -> list[Thread]:
    """The threads the essay at `path` was published as, from the command line or from
    the app's draft imported from it."""
    source = str(path.resolve())
    keys = [f"file:{source}"]
    keys += [draft_key(d.id) for d in store.drafts() if d.settings.get("source") == source]
    threads = [thread for key in keys for thread in _threads_of_key(store, key)]
    if not threads:
        raise InputError(
            f"{path} was never published (from this file or its draft): "
            "name the thread by its first post's URL instead"
        )
    return threads


def threads_of_draft(store: Store, draft_id: int) -> list[Thread]:
    """The threads the app's draft was published as (none yet: an empty list)."""
    store.draft(draft_id)  # a StoreError naming it if there is no such draft
    return _threads_of_key(store, draft_key(draft_id))


def thread_at_url(store: Store, url: str, settings: dict[str, str] | None = None) -> Thread:
    """The thread whose first post is at `url`: one threadsmith published, else found on
    its network by following the author's own replies."""
    url = _plain(url)
    run_id = store.run_starting_at(url)
    if run_id is not None:
        thread = _thread_of_run(store, store.run(run_id))
        if thread is not None:
            return thread
    for network in networks():
        metrics = network.metrics
        if metrics is None or not metrics.is_post_url(url):
            continue
        if not metrics.finds_threads:
            # its post ids are unique on the network: ours under another form of address?
            run_id = store.run_starting_at(url, remote_id=(network.name, url.rsplit("/", 1)[-1]))
            thread = _thread_of_run(store, store.run(run_id)) if run_id is not None else None
            if thread is not None:
                return thread
            raise InputError(
                f"{url}: threadsmith did not publish this thread, and {network.display_name} "
                "threads can only be read when it did"
            )
        access = MetricsAccess(None, _no_secrets, reading_settings(store, network, settings))
        found = metrics.thread_at(access, url)
        run_id = store.run_starting_at(found.posts[0].url, found.posts[0].uri)
        if run_id is not None:  # ours after all, linked by another form of its address
            thread = _thread_of_run(store, store.run(run_id))
            if thread is not None:
                return thread
        posts = tuple(ThreadPost(number, ref) for number, ref in enumerate(found.posts, 1))
        return Thread(network, found.handle, posts, _account(store, network, found.handle))
    readable = ", ".join(p.display_name for p in networks() if p.metrics is not None)
    raise InputError(f"{url} is not a link to a post on {readable}")


def _threads_of_key(store: Store, key: str) -> list[Thread]:
    threads = []
    for run in store.runs_for(key):
        if run.status is not RunStatus.ABANDONED:
            thread = _thread_of_run(store, run)
            if thread is not None:
                threads.append(thread)
    return threads


def _thread_of_run(store: Store, run: Run) -> Thread | None:
    """The run's thread as far as it went out; None if not one post was sent, or its
    network gives no per-post counts."""
    if run.network.metrics is None:
        return None
    posts = tuple(ThreadPost(post.number, post.ref) for post in store.run_posts(run.id) if post.ref)
    if not posts:
        return None
    account = _account(store, run.network, run.handle)
    return Thread(run.network, run.handle, posts, account, run.id)


def _account(store: Store, network: Network, handle: str) -> Account | None:
    return next((a for a in store.accounts(network) if a.handle.lower() == handle.lower()), None)


def _no_secrets() -> Secrets:
    raise InputError("reading a thread found by its URL uses no account")


def _plain(url: str) -> str:
    """The URL without its query, fragment or final slash, as the journal keeps links."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", "at"):
        raise InputError(f"not a link: {url!r}")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
