"""Per-post counts on Bluesky, from an AppView (no login: the counts are public).

`app.bsky.feed.getPosts` takes 25 URIs a call and leaves out a post it no longer
has. The AppView is Bluesky's public one unless the person names another (a
self-hosted one, a test server): `--appview URL`, or THREADSMITH_BSKY_APPVIEW.
A thread threadsmith did not publish is found from its first post with
`app.bsky.feed.getPostThread`, following its author's own replies.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from typing import Any

from atproto import Client, models

from threadsmith.errors import InputError, printable
from threadsmith.journal import PostRef
from threadsmith.network import FoundThread, MetricsAccess, PostMetrics
from threadsmith.networks.bluesky.appview import APPVIEW
from threadsmith.networks.bluesky.calls import call, new_client
from threadsmith.networks.bluesky.publisher import AT_URI, POST_URL, web_url

PER_CALL = 25  # getPosts' limit (the lexicon's maxLength for `uris`)
DEPTH = 25  # posts below the first that one getPostThread answer holds (see thread_at)
MAX_POSTS = 10_000  # a thread longer than this is not followed further


def appview(access: MetricsAccess) -> str:
    """The AppView to read from: as the person said, else the environment, else Bluesky's."""
    chosen = (
        access.settings.get(APPVIEW.name) or os.environ.get(APPVIEW.environment) or APPVIEW.default
    )
    return chosen.rstrip("/")


def read(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    """The public counts of `posts`, in order; None for each the AppView no longer has."""
    service = appview(access)
    client = new_client(service)
    found: dict[str, PostMetrics] = {}
    try:
        uris = [post.uri for post in posts if post.uri]
        for start in range(0, len(uris), PER_CALL):
            batch = uris[start : start + PER_CALL]
            answer = call(partial(_get_posts, client, batch), service, "read the posts' counts")
            for view in answer.posts:
                found[view.uri] = PostMetrics(
                    likes=view.like_count or 0,
                    reposts=view.repost_count or 0,
                    replies=view.reply_count or 0,
                    quotes=view.quote_count or 0,
                )
    finally:
        client.request.close()
    return [found.get(post.uri or "") for post in posts]


def thread_at(access: MetricsAccess, url: str) -> FoundThread:
    """The thread starting at the post `url` names: that post, then at each step its
    author's earliest reply to the previous one (their own thread, not the discussion).

    It is asked for `DEPTH` posts at a time, then again from the last post reached: the
    answer nests each reply inside the one before, and one deeper than about 80 is
    past the JSON parser's nesting limit (a thread of 100 posts could not be read)."""
    match = POST_URL.match(url) or AT_URI.match(url)
    if match is None:
        raise InputError(f"not a Bluesky post link: {url!r}")
    actor, rkey = match.groups()
    service = appview(access)
    client = new_client(service)
    try:
        did = actor if actor.startswith("did:") else _did_of(client, service, actor)
        node: Any = _thread_from(client, service, f"at://{did}/app.bsky.feed.post/{rkey}")
        if not isinstance(node, models.AppBskyFeedDefs.ThreadViewPost):
            raise InputError(f"{url}: Bluesky has no such post (deleted, or hidden)")
        author = node.post.author
        handle = printable(author.handle)
        posts: list[PostRef] = []
        seen: set[str] = set()
        while node is not None and node.post.uri not in seen:
            if len(posts) == MAX_POSTS:
                raise InputError(f"{url}: the thread goes on past {MAX_POSTS:,} posts")
            seen.add(node.post.uri)
            rkey = node.post.uri.rsplit("/", 1)[-1]
            posts.append(PostRef(rkey, web_url(handle, rkey), node.post.uri, node.post.cid))
            if node.replies is None:  # the answer stops here: ask again from this post
                node = _thread_from(client, service, node.post.uri)
                if not isinstance(node, models.AppBskyFeedDefs.ThreadViewPost):
                    break
            node = _next_own(node, author.did)
    finally:
        client.request.close()
    return FoundThread(handle, tuple(posts))


def _thread_from(client: Client, service: str, uri: str) -> Any:
    """The post at `uri` with its replies `DEPTH` deep."""
    params = models.AppBskyFeedGetPostThread.Params(uri=uri, depth=DEPTH, parent_height=0)
    answer = call(lambda: client.app.bsky.feed.get_post_thread(params), service, "read the thread")
    return answer.thread


def _next_own(node: Any, author: str) -> Any:
    """The author's earliest reply to `node`, or None."""
    own = [
        reply
        for reply in node.replies or []
        if isinstance(reply, models.AppBskyFeedDefs.ThreadViewPost)
        and reply.post.author.did == author
    ]
    return min(own, key=lambda reply: reply.post.indexed_at, default=None)


def _get_posts(client: Client, uris: list[str]) -> Any:
    return client.app.bsky.feed.get_posts(models.AppBskyFeedGetPosts.Params(uris=uris))


def _did_of(client: Client, service: str, handle: str) -> str:
    params = models.ComAtprotoIdentityResolveHandle.Params(handle=handle)
    found = call(
        lambda: client.com.atproto.identity.resolve_handle(params),
        service,
        f"find the account @{handle}",
    )
    return str(found.did)
