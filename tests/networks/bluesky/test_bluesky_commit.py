"""A whole Bluesky thread in one repository commit, against the real PDS: the posts, their
threadgate and postgates written by one applyWrites call, each record's CID computed here
and equal to the PDS's own, so each reply names its parent before anything is sent.

Commits are counted on the PDS itself: `com.atproto.sync.getRepo` since the revision
before the run holds one commit block per commit made since (post by post, a thread of
four posts would be four)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import libipld
import pytest
from atproto import models
from websockets.sync.client import connect

from support.answer_proxy import AnswerProxy
from support.images import png
from support.pds import LocalPDS, PdsAccount, read_thread, records_of
from support.waiting import DEADLINE
from threadsmith import publish
from threadsmith.journal import Card, Outgoing, PostRef, PostState
from threadsmith.network import SendsThreads, network_named
from threadsmith.networks.bluesky import IMAGES, commit
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.networks.bluesky.gates import POSTGATE, THREADGATE
from threadsmith.store import Store
from threadsmith.threading.models import Media

pytestmark = pytest.mark.realparts


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "journal.db")
    yield opened
    opened.close()


def sender(
    made: list[bluesky.BlueskyPublisher], account: PdsAccount, service: str, **options: Any
) -> bluesky.BlueskyPublisher:
    made.append(
        bluesky.BlueskyPublisher(
            account.handle, service, account.password, None, lambda _: None, IMAGES, **options
        )
    )
    return made[-1]


def revision(pds: LocalPDS, account: PdsAccount) -> str:
    client = pds.client(account)
    try:
        params = models.ComAtprotoSyncGetLatestCommit.Params(did=account.did)
        return str(client.com.atproto.sync.get_latest_commit(params).rev)
    finally:
        client.request.close()


def commits_since(pds: LocalPDS, account: PdsAccount, rev: str) -> list[list[str]]:
    """The commits made to the account's repository after revision `rev`, each as the
    paths it wrote, from the PDS's own event stream (subscribeRepos, replayed from its
    start up to the repository's latest revision)."""
    latest = revision(pds, account)
    stream = pds.url.replace("http://", "ws://") + "/xrpc/com.atproto.sync.subscribeRepos"
    made: list[list[str]] = []
    with connect(f"{stream}?cursor=0", open_timeout=DEADLINE) as events:
        while True:
            frame = events.recv(timeout=DEADLINE)
            assert isinstance(frame, bytes), "an event stream's frames are binary"
            header, body = libipld.decode_dag_cbor_multi(frame)
            if header.get("t") != "#commit" or body["repo"] != account.did:
                continue
            if body["rev"] > rev:  # revisions are TIDs: they sort as they were made
                made.append(sorted(op["path"].split("/")[0] for op in body["ops"]))
            if body["rev"] == latest:
                return made


def records(pds: LocalPDS, account: PdsAccount, collection: str) -> dict[str, Any]:
    return {record.uri: record.value for record in records_of(pds, account, collection)}


def strong(ref: dict[str, str]) -> tuple[str, str]:
    """A strong ref as the record holds it: (uri, cid)."""
    return ref["uri"], ref["cid"]


def new_run(store: Store, account: PdsAccount, texts: list[str], **kwargs: Any) -> int:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    return store.create_run("test", network_named("bluesky"), account.handle, posts, **kwargs).id


def test_a_thread_its_image_threadgate_and_postgates_are_one_commit_with_cids_computed_here(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher], tmp_path: Path
) -> None:
    author, friend = pds.create_account("whole"), pds.create_account("pal")
    chart = png(tmp_path / "chart.png", 40, 30)
    texts = [
        f"Post {n}: funding matters #SchoolFunding https://www.naht.org.uk/news with "
        f"@{friend.handle} and @nobody-here.test café 👩‍🏫 {n}/"
        for n in range(1, 5)
    ]
    posts = [
        Outgoing(n, text, (Media(str(chart), "A bar chart of funding"),) if n == 2 else ())
        for n, text in enumerate(texts, start=1)
    ]
    run_id = store.create_run("test", network_named("bluesky"), author.handle, posts).id
    publisher = sender(made, author, pds.url, replies="mentioned", quotes=False)
    assert isinstance(publisher, SendsThreads)
    before = revision(pds, author)
    events: list[publish.Event] = []
    journalled: dict[int, PostRef] = {}

    def watch(event: publish.Event) -> None:
        events.append(event)
        if isinstance(event, publish.Committing):  # what the journal holds before the call
            journalled.update(store.sending_refs(run_id))

    publish.run(store, run_id, publisher, on_event=watch)

    post, threadgate, postgate = bluesky.COLLECTION, THREADGATE, POSTGATE
    assert commits_since(pds, author, before) == [  # post by post: four commits
        sorted([post] * 4 + [threadgate] + [postgate] * 4)
    ]
    held = read_thread(pds, author)
    assert [str(r["text"]).split(":")[0] for r in held] == [f"Post {n}" for n in range(1, 5)]
    # the record keys and CIDs computed here, journalled before the call, are the PDS's own
    assert [(ref.uri, ref.cid) for _, ref in sorted(journalled.items())] == [
        (r["uri"], r["cid"]) for r in held
    ]
    journal = store.run_posts(run_id)
    assert [post.ref.cid for post in journal if post.ref] == [r["cid"] for r in held]
    for parent, reply in pairwise(held):  # each strong ref names the parent as stored
        assert strong(reply["reply"]["parent"]) == (parent["uri"], parent["cid"])  # type: ignore[index]
        assert strong(reply["reply"]["root"]) == (held[0]["uri"], held[0]["cid"])  # type: ignore[index]
    assert [image["alt"] for image in held[1]["embed"]["images"]] == [  # type: ignore[index]
        "A bar chart of funding"
    ]
    assert list(records(pds, author, THREADGATE)) == [
        str(held[0]["uri"]).replace(bluesky.COLLECTION, THREADGATE)
    ]
    assert len(records(pds, author, POSTGATE)) == 4
    facets: Any = held[0]["facets"]
    mentioned = [facet["features"][0].get("did") for facet in facets]
    assert friend.did in mentioned and len(mentioned) == 3  # the tag, the link, the friend
    assert any("nobody-here.test" in warning for warning in publisher.warnings)
    created = [str(r["createdAt"]) for r in held]
    assert created == sorted(set(created))
    # the image went up before the commit, and the commit before any post was said sent
    kinds = [type(event).__name__ for event in events]
    assert kinds[:2] == ["Uploading", "Committing"] and kinds.count("Committing") == 1
    assert events[1] == publish.Committing(1, 4, 4)
    assert kinds[2:] == ["Sent"] * 4 + ["Finished"]


def test_the_dropped_answer_to_a_commit_is_found_and_nothing_is_sent_twice(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher]
) -> None:
    for how in ("dropped", "5xx"):
        author = pds.create_account(how[:3])
        proxy = AnswerProxy(pds.url)
        texts = [f"A commit whose answer is lost ({how}), post {n}/" for n in range(1, 6)]
        run_id = new_run(store, author, texts)
        publisher = sender(made, author, proxy.url, quotes=False)

        def lose(event: publish.Event, proxy: AnswerProxy = proxy, how: str = how) -> None:
            if isinstance(event, publish.Committing):
                proxy.lose_next_answer(how)  # applyWrites' answer, once the PDS applied it

        try:
            publish.run(store, run_id, publisher, on_event=lose, sleep=lambda s: None)
        finally:
            proxy.close()
        assert proxy.lost == [how]
        assert [r["text"] for r in read_thread(pds, author)] == texts
        assert len(records(pds, author, POSTGATE)) == 5
        journal = store.run_posts(run_id)
        assert [post.state for post in journal] == [PostState.SENT] * 5
        assert [p.ref.cid for p in journal if p.ref] == [r["cid"] for r in read_thread(pds, author)]


def test_a_thread_over_one_calls_writes_goes_in_several_whole_calls(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher]
) -> None:
    """Five writes a call here: post 1 takes three (its threadgate, its postgate), each
    other post two, so 7 posts go as 1–2, 3–4, 5–6, 7: four commits, each whole."""
    author = pds.create_account("calls")
    texts = [f"A thread in several calls, post {n}/" for n in range(1, 8)]
    run_id = new_run(store, author, texts)
    publisher = sender(made, author, pds.url, replies="nobody", quotes=False, max_writes=5)
    before = revision(pds, author)
    events: list[publish.Event] = []
    publish.run(store, run_id, publisher, on_event=events.append)
    said = [(e.first, e.last) for e in events if isinstance(e, publish.Committing)]
    assert said == [(1, 2), (3, 4), (5, 6), (7, 7)]
    post, threadgate, postgate = bluesky.COLLECTION, THREADGATE, POSTGATE
    assert commits_since(pds, author, before) == [
        sorted([post, threadgate, postgate, post, postgate]),
        *[sorted([post, postgate] * 2)] * 2,
        sorted([post, postgate]),
    ]
    held = read_thread(pds, author)
    assert [r["text"] for r in held] == texts
    for parent, reply in pairwise(held):
        assert strong(reply["reply"]["parent"]) == (parent["uri"], parent["cid"])  # type: ignore[index]


def test_two_hundred_writes_go_in_one_call_and_no_more(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher]
) -> None:
    """The real default: 100 posts with their postgates (200 writes) in one commit, the
    101st in the next; the PDS refuses a call of 201 writes."""
    assert commit.MAX_WRITES == 200
    author = pds.create_account("long")
    texts = [f"Post {n} of a long thread/" for n in range(1, 102)]
    run_id = new_run(store, author, texts)
    publisher = sender(made, author, pds.url, quotes=False)
    before = revision(pds, author)
    events: list[publish.Event] = []
    publish.run(store, run_id, publisher, on_event=events.append)
    said = [(e.first, e.last) for e in events if isinstance(e, publish.Committing)]
    assert said == [(1, 100), (101, 101)]
    assert [len(paths) for paths in commits_since(pds, author, before)] == [200, 2]
    assert len(read_thread(pds, author)) == 101

    client = pds.client(author)
    record = models.AppBskyFeedPost.Record(text="x", created_at="2026-01-01T00:00:00.000Z")
    writes = [
        models.ComAtprotoRepoApplyWrites.Create(collection=bluesky.COLLECTION, value=record)
        for _ in range(commit.MAX_WRITES + 1)
    ]
    try:
        with pytest.raises(Exception, match="Too many writes"):
            client.com.atproto.repo.apply_writes(
                models.ComAtprotoRepoApplyWrites.Data(repo=author.did, writes=writes)
            )
    finally:
        client.request.close()


@pytest.mark.parametrize("landed", [True, False], ids=["its-last-post-landed", "not-sent"])
def test_a_run_half_published_post_by_post_commits_only_its_tail(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher], landed: bool
) -> None:
    """As an older version left it: posts 1 and 2 sent one by one, post 3 `sending` (its
    record written, the answer lost; or never sent). The resume looks post 3 up, then
    commits the rest at once, replying to the last post sent."""
    author = pds.create_account("older")
    texts = [f"Half published by an older version, post {n}/" for n in range(1, 7)]
    run_id = new_run(store, author, texts)
    older = sender(made, author, pds.url)
    root = parent = None
    for post in store.run_posts(run_id)[:3]:
        key = older.new_key()
        store.mark_sending(run_id, post.number, key)
        if post.number == 3 and not landed:
            break
        ref = older.send(post.outgoing(), key=key, root=root, parent=parent)
        if post.number < 3:
            store.mark_sent(run_id, post.number, ref)
        root, parent = root or ref, ref
    before = revision(pds, author)
    events: list[publish.Event] = []

    publish.run(store, run_id, sender(made, author, pds.url), on_event=events.append)

    held = read_thread(pds, author)
    assert [r["text"] for r in held] == texts  # each once, in order
    assert commits_since(pds, author, before) == [[bluesky.COLLECTION] * (3 if landed else 4)]
    committed = [(e.first, e.last) for e in events if isinstance(e, publish.Committing)]
    assert committed == [(4, 6)] if landed else [(3, 6)]
    earlier = [e.number for e in events if isinstance(e, publish.Sent) and e.earlier]
    assert earlier == ([1, 2, 3] if landed else [1, 2])
    for parent_record, reply in pairwise(held):
        assert reply["reply"]["parent"]["uri"] == parent_record["uri"]  # type: ignore[index]
        assert reply["reply"]["root"]["uri"] == held[0]["uri"]  # type: ignore[index]
    created = [str(r["createdAt"]) for r in held]
    assert created == sorted(set(created))
    journal = store.run_posts(run_id)
    assert [p.ref.cid for p in journal if p.ref] == [r["cid"] for r in held]
    if not landed:  # sent again with the record key journalled for it
        assert str(held[2]["uri"]).endswith(f"/{journal[2].record_key}")


def test_a_thread_continuing_another_replies_to_it_in_one_commit(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher]
) -> None:
    author = pds.create_account("more")
    publisher = sender(made, author, pds.url, replies="nobody")
    first = publisher.send(
        Outgoing(1, "The start, days ago."),
        key=publisher.new_key(),
        root=None,
        parent=None,
    )
    assert first.url is not None
    reply_to = publisher.resolve(first.url)
    texts = [f"A follow-up, post {n}/" for n in range(1, 4)]
    run_id = new_run(store, author, texts, reply_to=reply_to)
    before = revision(pds, author)
    publish.run(store, run_id, publisher)
    assert commits_since(pds, author, before) == [[bluesky.COLLECTION] * 3]
    held = read_thread(pds, author)
    assert [r["text"] for r in held][1:] == texts
    assert strong(held[1]["reply"]["parent"]) == (first.uri, first.cid)  # type: ignore[index]
    assert list(records(pds, author, THREADGATE)) == [
        str(first.uri).replace(bluesky.COLLECTION, THREADGATE)
    ]  # the first post's own gate, none on the follow-up
    assert any("--reply-to" in warning for warning in publisher.warnings)


def test_a_link_cards_picture_goes_up_first_and_its_posts_cid_is_computed_here(
    pds: LocalPDS, store: Store, made: list[bluesky.BlueskyPublisher], tmp_path: Path
) -> None:
    """A post under a link card (an external embed, its picture a blob) gets the CID the
    PDS gives it, so the reply after it names it rightly."""
    author = pds.create_account("card")
    card = Card(
        "https://www.naht.org.uk/news",
        "Our letter",
        "What we asked for",
        str(png(tmp_path / "t.png")),
    )
    posts = [
        Outgoing(1, "A thread with a card, post 1/"),
        Outgoing(2, "Read it: https://www.naht.org.uk/news 2/", card=card),
        Outgoing(3, "And the end, post 3/"),
    ]
    run_id = store.create_run("test", network_named("bluesky"), author.handle, posts).id
    events: list[publish.Event] = []
    publisher = sender(made, author, pds.url)
    publish.run(store, run_id, publisher, on_event=events.append)
    assert publisher.warnings == []  # none says the PDS gave a CID other than computed
    held = read_thread(pds, author)
    assert held[1]["embed"]["external"]["title"] == "Our letter"  # type: ignore[index]
    assert "thumb" in held[1]["embed"]["external"]  # type: ignore[index]
    assert [p.ref.cid for p in store.run_posts(run_id) if p.ref] == [r["cid"] for r in held]
    assert strong(held[2]["reply"]["parent"]) == (held[1]["uri"], held[1]["cid"])  # type: ignore[index]
    assert [type(e).__name__ for e in events][:2] == ["Uploading", "Committing"]
