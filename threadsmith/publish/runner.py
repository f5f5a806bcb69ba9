"""The publish run: walk the journal, send post k as a reply to post k-1, record each
result before the next request, and resume from wherever a previous run stopped.

A post's journal state says what may have happened to it:

- `pending`: never sent. Send it.
- `sending`: a request may have gone out (the process died, the answer was lost,
  or the person publishing by hand stopped after opening the compose page). Ask
  the network (or the person) whether it arrived (`find_sent`) before anything else:
  found → `sent`; certainly absent → send again (Bluesky with the same record
  key); undecidable → stop and say so. Never risk a duplicate.
- `sent`: done; the next post replies to it.
- `failed`: the service refused it for certain (bad credentials, a bad image…).
  After the cause is fixed, it is sent again.

A resumed run publishes the texts journalled when it started (what the user
confirmed), even if the essay has changed since: continuing a half-published
thread with differently numbered posts would be worse. The CLI says so.

A run is claimed before anything is sent and released when it stops: a second
process (the app and the command line, a timer and a person) gets `RunBusy`
naming the one publishing it, and sends nothing. A run that has sent nothing yet
is refused as it is claimed (`Duplicate`, or `RunBusy`) when another run of the
same posts from the same account went out since it was made, stopped half way, or
goes out now (a schedule and `thread publish`, two copies of an essay): checked at
the moment of sending, not only when the person was asked.

Publishing by hand with no account (assisted), the run may start before its
account's name is known: it takes the name the publisher learns from the first
post (`Publisher.handle`), so the journal says whose thread it is from then on.

A publisher that sends a whole thread at once (`SendsThreads`: Bluesky, one
repository commit) gets the run's posts together, journalled `sending` with the refs
they will have before the request (`_send_whole`), unless the run is
paced (`delay`): posts asked to go out one by one go one by one.

UI-free: progress is reported through `on_event` with the small event classes of
`threadsmith.publish.progress`, and `cancel` (a threading.Event) stops between posts
and during waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from threadsmith.errors import (
    AmbiguousResult,
    Cancelled,
    PublishError,
    RateLimited,
    ServiceError,
    ThreadsmithError,
)
from threadsmith.journal import PostRef, PostState, RunStatus
from threadsmith.network import ChecksRoom, Prepares, Publisher, SendsThreads
from threadsmith.publish.progress import (
    Committing,
    Event,
    Failed,
    Finished,
    Pacing,
    Sending,
    Sent,
    Uploading,
)
from threadsmith.store import Claim, JournalPost, Store

MAX_ATTEMPTS = 4  # for failures that certainly did not publish (5xx on a lookup, refused…)


def run(
    store: Store,
    run_id: int,
    publisher: Publisher,
    *,
    on_event: Callable[[Event], None] = lambda event: None,
    cancel: threading.Event | None = None,
    delay: float = 0.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    claim: Claim | None = None,
) -> PostRef:
    """Publish (or finish publishing) run `run_id`; returns the thread's first post.

    Raises `RunBusy` (sending nothing) when another process is publishing it, or its
    thread; `Duplicate` when its thread went out meanwhile from another run. `claim`
    is the caller's own claim on the run (the scheduler claims a run before deciding
    whether it is due), kept as it is; without one, the run is claimed here."""
    if claim is not None:
        return _run(store, run_id, publisher, on_event, cancel, delay, sleep, clock)
    claim = store.claim_run(run_id)
    try:
        return _run(store, run_id, publisher, on_event, cancel, delay, sleep, clock)
    finally:
        store.release_claim(claim)


def _run(
    store: Store,
    run_id: int,
    publisher: Publisher,
    on_event: Callable[[Event], None],
    cancel: threading.Event | None,
    delay: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> PostRef:
    journal = store.run(run_id)  # read after the claim: what another process left
    if journal.status not in (RunStatus.OPEN, RunStatus.DONE):
        raise PublishError(_not_to_publish(journal.status, run_id, journal.schedule_id))
    posts = store.run_posts(run_id)
    total = len(posts)
    root, parent = journal.reply_root, journal.reply_parent
    first: PostRef | None = None
    pacing = Pacing(on_event, cancel, sleep, clock)
    unsent = [post for post in posts if post.state is not PostState.SENT]
    if unsent and isinstance(publisher, ChecksRoom):  # a quota: refused before post 1 goes
        publisher.check_room(
            [post.outgoing() for post in unsent],
            replying=parent is not None or unsent[0].number > posts[0].number,
        )
    whole = not delay and isinstance(publisher, SendsThreads)  # the thread whole, unpaced
    if whole and isinstance(publisher, SendsThreads):
        first = next(iter(_send_whole(store, run_id, posts, publisher, root, parent, pacing)), None)
    for index, post in enumerate(() if whole else posts):
        pacing.check_cancel(post.number)
        if post.state is PostState.SENT and post.ref is not None:
            ref = post.ref
            on_event(Sent(post.number, total, ref, earlier=True))
        else:
            ref = _publish_one(store, run_id, post, publisher, root, parent, pacing, total)
            if not journal.handle and publisher.handle:
                journal = store.name_run_account(run_id, publisher.handle)
        first = first or ref
        root = root or ref
        parent = ref
        if delay and index < total - 1 and post.state is not PostState.SENT:
            pacing.pause(delay, post.number + 1, "the pause chosen between posts")
    if first is None:
        raise PublishError("this run has no posts")
    if journal.status is not RunStatus.DONE:
        store.finish_run(run_id)
    on_event(Finished(first, total))
    return first


def _not_to_publish(status: RunStatus, run_id: int, schedule: int | None) -> str:
    """Why a run that is not (or no longer) to publish was not published."""
    if status is RunStatus.ABANDONED:
        return f"run {run_id} was abandoned: it is never resumed"
    if status is RunStatus.CANCELLED:
        return f"run {run_id} was cancelled (schedule {schedule}): it is never published"
    if status is RunStatus.HELD:
        return (
            f"run {run_id} needs you (see `thread schedule list`): once fixed, `thread schedule "
            f"run --id {schedule} --now` publishes it"
        )
    if status is RunStatus.MISSED:
        return (
            f"run {run_id} missed its time: `thread schedule run --id {schedule} --now` "
            "publishes it anyway"
        )
    return (
        f"run {run_id} waits for its time: `thread schedule run --id {schedule} --now` "
        "publishes it now"
    )


def _publish_one(
    store: Store,
    run_id: int,
    post: JournalPost,
    publisher: Publisher,
    root: PostRef | None,
    parent: PostRef | None,
    pacing: Pacing,
    total: int,
) -> PostRef:
    outgoing = post.outgoing()
    key = post.record_key or publisher.new_key()
    if post.state is PostState.SENDING:  # a previous run may have sent it: look first
        found = _look(publisher, post, key, parent, pacing)
        if found is not None:
            store.mark_sent(run_id, post.number, found)
            pacing.on_event(Sent(post.number, total, found, earlier=True))
            return found
    store.mark_sending(run_id, post.number, key)  # journalled before the request
    pacing.on_event(Sending(post.number, total))
    attempts = 0
    while True:
        try:
            if isinstance(publisher, Prepares):  # made on the server, journalled, then sent
                prepared = publisher.prepare(outgoing, key=key, root=root, parent=parent)
                if prepared != key:
                    store.mark_sending(run_id, post.number, prepared)
                    key = prepared
            ref = publisher.send(outgoing, key=key, root=root, parent=parent)
            break
        except RateLimited as limited:
            pacing.wait_until(limited.reset_at, post.number)
        except AmbiguousResult as unclear:  # a timeout, a dropped connection: said as such
            found = _look(publisher, post, key, parent, pacing)
            if found is not None:
                ref = found
                break
            attempts = _retry(store, run_id, [post.number], attempts, pacing, str(unclear))
        except ServiceError as error:
            attempts = _retry(store, run_id, [post.number], attempts, pacing, str(error))
        except Cancelled:  # stopped part way (by hand): it may be out, so it stays `sending`
            raise
        except ThreadsmithError as error:  # refused for certain: auth, a bad image…
            store.mark_failed(run_id, post.number, str(error))
            pacing.on_event(Failed(post.number, str(error)))
            raise
    store.mark_sent(run_id, post.number, ref)
    pacing.on_event(Sent(post.number, total, ref))
    return ref


def _look(
    publisher: Publisher,
    post: JournalPost,
    key: str | None,
    parent: PostRef | None,
    pacing: Pacing,
) -> PostRef | None:
    """Whether an earlier attempt published `post`; stops the run if that is unknowable."""
    while True:
        try:
            return publisher.find_sent(post.outgoing(), key=key, parent=parent)
        except RateLimited as limited:
            pacing.wait_until(limited.reset_at, post.number)
        except AmbiguousResult as unknown:  # journal keeps `sending`: resume checks again
            pacing.on_event(Failed(post.number, str(unknown)))
            raise


def _retry(
    store: Store,
    run_id: int,
    numbers: Sequence[int],
    attempts: int,
    pacing: Pacing,
    reason: str,
) -> int:
    """Wait before trying posts `numbers` (sent together) again; after `MAX_ATTEMPTS`,
    mark them failed and raise."""
    attempts += 1
    said = f"post {numbers[0]}" if len(numbers) == 1 else f"posts {numbers[0]}–{numbers[-1]}"
    if attempts >= MAX_ATTEMPTS:
        message = f"{said} could not be published after {attempts} tries: {reason}"
        for number in numbers:
            store.mark_failed(run_id, number, message)
        pacing.on_event(Failed(numbers[0], message))
        raise ServiceError(message + "; run the same command again later to resume")
    # 2, 4, 8 s, never a tight loop; the wait says why and which try comes next
    why = f"{reason} (try {attempts + 1} of {MAX_ATTEMPTS} next)"
    pacing.pause(2.0**attempts, numbers[0], why)
    return attempts


# --- a thread sent whole (`SendsThreads`) ----------------------------------------------
#
# Each request's posts are journalled `sending` with the refs they will have (record key,
# uri, CID) before it goes, and marked `sent` together once it is answered. After an
# uncertain failure (a timeout, a lost answer, a kill -9) the request's first post is
# looked up: found, the request landed and every post of it is out; certainly absent, it
# is sent again with the same record keys; undecidable, the run stops and says so. A run
# an older version half-published post by post goes on from its first unsent post.


class _Whole(Publisher, SendsThreads, Protocol):
    """A publisher that sends threads whole."""


def _send_whole(
    store: Store,
    run_id: int,
    posts: Sequence[JournalPost],
    publisher: _Whole,
    root: PostRef | None,
    parent: PostRef | None,
    pacing: Pacing,
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
    publisher: _Whole,
    root: PostRef | None,
    parent: PostRef | None,
    pacing: Pacing,
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
    publisher: _Whole,
    pacing: Pacing,
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
