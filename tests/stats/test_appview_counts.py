"""Per-post counts of a published thread, read back from a real AppView on 127.0.0.1.

The thread goes out through threadsmith's Bluesky publisher to the local PDS; a second
account likes, reposts, replies and quotes with the atproto SDK; the AppView
(@atproto/bsky over PostgreSQL) indexes the PDS's firehose and answers
`app.bsky.feed.getPosts`, 25 URIs a call, as the real Bluesky AppView does.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

import pytest
from atproto import Client, models

from support.appview import LocalAppView
from support.pds import LocalPDS, PdsAccount
from threadsmith.journal import Outgoing, PostRef
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky

pytestmark = pytest.mark.realparts

POSTS = 27  # more than one getPosts call holds
DELETED = 26  # in the second batch, with a post after it
PER_CALL = 25  # getPosts' limit (lexicon maxLength)

Counts = tuple[int, int, int, int]  # likes, reposts, replies, quotes


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def publish_thread(pds: LocalPDS, author: PdsAccount) -> list[PostRef]:
    sessions: list[str] = []  # kept, never printed: a session string is a secret
    sender = bluesky.BlueskyPublisher(
        author.handle, pds.url, author.password, None, sessions.append, IMAGES
    )
    refs: list[PostRef] = []
    try:
        root = parent = None
        for number in range(1, POSTS + 1):
            post = Outgoing(number, f"Post {number} of a thread about school funding.")
            parent = sender.send(post, key=sender.new_key(), root=root, parent=parent)
            root = root or parent
            refs.append(parent)
    finally:
        sender.close()
    return refs


def strong(ref: PostRef) -> models.ComAtprotoRepoStrongRef.Main:
    assert ref.uri is not None and ref.cid is not None
    return models.ComAtprotoRepoStrongRef.Main(uri=ref.uri, cid=ref.cid)


def engage(client: Client, fan: PdsAccount, thread: list[PostRef]) -> None:
    """Likes on posts 1-3, a repost of post 1, a reply to post 2, a quote of post 3."""
    feed = client.app.bsky.feed
    for ref in thread[:3]:
        feed.like.create(
            fan.did, models.AppBskyFeedLike.Record(subject=strong(ref), created_at=now())
        )
    feed.repost.create(
        fan.did, models.AppBskyFeedRepost.Record(subject=strong(thread[0]), created_at=now())
    )
    reply = models.AppBskyFeedPost.ReplyRef(root=strong(thread[0]), parent=strong(thread[1]))
    feed.post.create(
        fan.did, models.AppBskyFeedPost.Record(text="Agreed.", reply=reply, created_at=now())
    )
    quote = models.AppBskyEmbedRecord.Main(record=strong(thread[2]))
    feed.post.create(
        fan.did, models.AppBskyFeedPost.Record(text="Read this.", embed=quote, created_at=now())
    )


def read_counts(appview: LocalAppView, uris: list[str]) -> dict[str, Counts]:
    """getPosts in batches of 25, as `thread stats` must; a deleted post is absent."""
    client = appview.client()
    counts: dict[str, Counts] = {}
    try:
        for start in range(0, len(uris), PER_CALL):
            batch = uris[start : start + PER_CALL]
            answer = client.app.bsky.feed.get_posts(models.AppBskyFeedGetPosts.Params(uris=batch))
            for view in answer.posts:
                assert isinstance(view, models.AppBskyFeedDefs.PostView)
                counts[view.uri] = (
                    view.like_count or 0,
                    view.repost_count or 0,
                    view.reply_count or 0,
                    view.quote_count or 0,
                )
    finally:
        client.request.close()
    return counts


@pytest.fixture
def engaged_thread(pds: LocalPDS, appview: LocalAppView) -> list[str]:
    """The URIs of a 27-post thread, engaged with and with post 26 deleted, indexed."""
    author = pds.create_account("author")
    fan = pds.create_account("fan")
    thread = publish_thread(pds, author)
    fan_client = pds.client(fan)
    author_client = pds.client(author)
    try:
        engage(fan_client, fan, thread)
        deleted = thread[DELETED - 1]
        assert deleted.uri is not None
        author_client.app.bsky.feed.post.delete(author.did, deleted.uri.rsplit("/", 1)[-1])
    finally:
        fan_client.request.close()
        author_client.request.close()
    appview.wait_until_indexed(author, fan)
    return [str(ref.uri) for ref in thread]


def test_get_posts_reports_exactly_the_engagement_given(
    appview: LocalAppView, engaged_thread: list[str]
) -> None:
    counts = read_counts(appview, engaged_thread)
    # Each post but the last is replied to by the next one: the thread's own chain
    # counts as a reply, as it does on Bluesky. Post 25 lost its reply (26 is gone).
    chain = {number: 1 for number in range(1, POSTS)} | {DELETED - 1: 0}
    expected: dict[int, Counts] = {
        number: (0, 0, chain.get(number, 0), 0) for number in range(1, POSTS + 1)
    }
    expected[1] = (1, 1, 1, 0)
    expected[2] = (1, 0, 2, 0)
    expected[3] = (1, 0, 1, 1)
    del expected[DELETED]
    by_number = {
        number: counts[uri] for number, uri in enumerate(engaged_thread, start=1) if uri in counts
    }
    assert by_number == expected


def test_get_posts_refuses_more_than_25_uris(appview: LocalAppView) -> None:
    """The AppView itself holds the limit (the SDK checks it too, before sending)."""
    uris = [f"at://did:plc:{'a' * 24}/app.bsky.feed.post/3k{n:011d}" for n in range(26)]

    def get_posts(count: int) -> tuple[int, dict[str, object]]:
        query = urllib.parse.urlencode([("uris", uri) for uri in uris[:count]])
        url = f"{appview.url}/xrpc/app.bsky.feed.getPosts?{query}"
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.load(error)

    assert get_posts(PER_CALL) == (200, {"posts": []})
    status, refusal = get_posts(PER_CALL + 1)
    assert status == 400 and refusal["error"] == "InvalidRequest"
    assert "more than 25" in str(refusal["message"])


def test_waiting_for_a_revision_not_yet_indexed_times_out(
    pds: LocalPDS, appview: LocalAppView
) -> None:
    account = pds.create_account("waiter")
    appview.wait_until_indexed(account)
    with pytest.raises(AssertionError, match=account.handle):
        appview.wait_for_revision(account, "7zzzzzzzzzzzz", timeout=0.5)  # a TID from the future
