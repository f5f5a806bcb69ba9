"""A run's posts sent together, where the publisher can (`SendsThreads`: a Bluesky
thread in one repository commit) and the run is not paced.

Each request's posts are journalled `sending` with the refs they will have (record
key, uri, CID) before it goes, and marked `sent` together once it is answered. After
an uncertain failure (a timeout, a lost answer, a kill -9) the request's first post is
looked up: found, the request landed and every post of it is out (all marked sent);
certainly absent, it is sent again with the same record keys; undecidable, the run
stops and says so, never risking a duplicate. A run an older version half-published
post by post goes on from its first unsent post, replying to the last sent one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from threadsmith.errors import (
    AmbiguousResult,
    Cancelled,
    RateLimited,
    ServiceError,
    ThreadsmithError,
)
from threadsmith.journal import PostRef, PostState
from threadsmith.network import Publisher, SendsThreads
from threadsmith.publish.runner import (
    Committing,
    Failed,
    Sent,
    Uploading,
    _look,
    _Pacing,
    _retry,
)
from threadsmith.store import JournalPost, Store


class WholePublisher(Publisher, SendsThreads, Protocol):
    """A publisher that sends threads whole."""


def send_whole(
    store: Store,
    run_id: int,
    posts: Sequence[JournalPost],
    publisher: WholePublisher,
    root: PostRef | None,
    parent: PostRef | None,
    pacing: _Pacing,
) -> list[PostRef]:
    """Every post of run `run_id` sent, or found sent (`root`, `parent`: where the thread
    hangs when the run continues another); their refs in order."""
    refs: list[PostRef] = []
    total = len(posts)
    while len(refs) < total:
        post = posts[len(refs)]
        pacing.check_cancel(post.number)
        if post.state is PostState.SENT and post.ref is not None:
            pacing.on_event(Sent(post.number, total, post.ref, earlier=True))
            went = [post.ref]
        else:
            went = _send_some(
                store, run_id, posts[len(refs) :], total, publisher, root, parent, pacing
            )
        refs.extend(went)
        root, parent = root or refs[0], refs[-1]
    return refs


def _send_some(
    store: Store,
    run_id: int,
    tail: Sequence[JournalPost],
    total: int,
    publisher: WholePublisher,
    root: PostRef | None,
    parent: PostRef | None,
    pacing: _Pacing,
) -> list[PostRef]:
    """The first posts of `tail` (of the run's `total`), as many as one request takes,
    sent together (or found sent by an earlier run); their refs."""
    if tail[0].state is PostState.SENDING:  # an earlier request may have landed: look first
        found = _look(publisher, tail[0], tail[0].record_key, parent, pacing)
        if found is not None:
            return _landed(store, run_id, tail, total, found, publisher, pacing, earlier=True)
    keys: list[str | None] = [post.record_key for post in tail]  # the same keys, if any
    batch: Sequence[JournalPost] = tail[:1]
    attempts = 0
    while True:
        refs: list[PostRef] = []
        try:
            refs = publisher.prepare_thread(
                [post.outgoing() for post in tail], keys=keys, root=root, parent=parent,
                on_upload=lambda number, nth: pacing.on_event(Uploading(number, nth)),
            )  # fmt: skip
            batch = tail[: len(refs)]
            store.mark_sending_together(run_id, _by_number(batch, refs))  # before the request
            keys[: len(refs)] = [ref.id for ref in refs]
            pacing.on_event(Committing(batch[0].number, batch[-1].number, total))
            sent = publisher.send_thread(refs)
            break
        except RateLimited as limited:
            pacing.wait_until(limited.reset_at, batch[0].number)
        except AmbiguousResult as unclear:  # a timeout, a dropped connection: look
            if refs:
                found = _look(publisher, batch[0], refs[0].id, parent, pacing)
                if found is not None:
                    return _landed(store, run_id, batch, total, found, publisher, pacing)
            numbers = [post.number for post in batch]
            attempts = _retry(store, run_id, numbers, attempts, pacing, str(unclear))
        except ServiceError as error:
            numbers = [post.number for post in batch]
            attempts = _retry(store, run_id, numbers, attempts, pacing, str(error))
        except Cancelled:  # stopped part way: what may be out stays `sending`
            raise
        except ThreadsmithError as error:  # refused for certain: auth, a bad image…
            for post in batch:
                store.mark_failed(run_id, post.number, str(error))
            pacing.on_event(Failed(batch[0].number, str(error)))
            raise
    store.mark_sent_together(run_id, _by_number(batch, sent))
    for post, ref in zip(batch, sent, strict=True):
        pacing.on_event(Sent(post.number, total, ref))
    return sent


def _landed(
    store: Store,
    run_id: int,
    tail: Sequence[JournalPost],
    total: int,
    found: PostRef,
    publisher: WholePublisher,
    pacing: _Pacing,
    earlier: bool = False,
) -> list[PostRef]:
    """The request whose first post, `tail[0]`, was `found` landed: its posts (those
    journalled `sending` with it) are all out. They are what the journal says unless the
    first is another version of it (an earlier request that landed late): then each is
    looked up, and those not found are sent again."""
    journalled = store.sending_refs(run_id)
    refs = [found]
    if journalled.get(tail[0].number, found).cid == found.cid:
        for post in tail[1:]:
            if post.number not in journalled:
                break
            refs.append(journalled[post.number])
    else:
        for post in tail[1:]:
            if post.number not in journalled:
                break
            looked = _look(publisher, post, journalled[post.number].id, refs[-1], pacing)
            if looked is None:
                break
            refs.append(looked)
    store.mark_sent_together(run_id, _by_number(tail, refs))
    for post, ref in zip(tail, refs, strict=False):
        pacing.on_event(Sent(post.number, total, ref, earlier=earlier))
    return refs


def _by_number(posts: Sequence[JournalPost], refs: Sequence[PostRef]) -> dict[int, PostRef]:
    return {post.number: ref for post, ref in zip(posts, refs, strict=False)}
