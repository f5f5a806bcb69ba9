"""Per-post counts on Mastodon: each status's `favourites_count`, `reblogs_count`,
`replies_count` (and `quotes_count` where the server has quotes), from the instance
the thread was published on, which holds the whole count (another instance knows
only what reached it).

A status is read by its id (`GET /api/v1/statuses/:id`, on every Mastodon version;
4.3's `GET /api/v1/statuses?id[]=` would take 20 a call), with the account's token
when it is one of ours (some instances refuse API reads without one), else
without. A status the instance no longer has answers 404: deleted. A thread
threadsmith did not publish is found from its first status with
`GET /api/v1/statuses/:id/context`, following its author's own replies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import mastodon

from threadsmith.errors import InputError, ServiceError, printable
from threadsmith.journal import PostRef
from threadsmith.network import FoundThread, MetricsAccess, PostMetrics
from threadsmith.networks.mastodon import client as mc

POST_URL = re.compile(r"^https?://[^/]+/(?:@[^/]+|users/[^/]+/statuses)/(\d+)/?$")


def read(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    """The public counts of `posts`, in order; None for each the instance no longer has."""
    if not posts:
        return []
    api = _client(access, posts[0].url)
    try:
        found = [_status(api, post.id, "read the posts' counts") for post in posts]
    finally:
        api.session.close()
    try:
        return [None if status is None else _metrics(status) for status in found]
    except (KeyError, TypeError, AttributeError):  # a status that is not a status
        where = mc.host(api.api_base_url)
        raise ServiceError(
            f"{where} did not answer as a Mastodon server would (read the posts' counts)"
        ) from None


def thread_at(access: MetricsAccess, url: str) -> FoundThread:
    """The thread starting at the status `url` names: that status, then at each step its
    author's earliest reply to the previous one (their own thread, not the discussion)."""
    match = POST_URL.match(url)
    if match is None:
        raise InputError(f"not a Mastodon post link: {url!r}")
    api = _client(access, url)
    try:
        first = _status(api, match[1], "find the post")
        if first is None:
            raise InputError(f"{url}: its instance has no such post (deleted, or private)")
        context = mc.call(api, lambda: api.status_context(first["id"]), "read the thread")
    finally:
        api.session.close()
    where = mc.host(api.api_base_url)
    try:
        return _own_thread(first, context, where)
    except (KeyError, TypeError, AttributeError, ValueError):
        raise ServiceError(
            f"{where} did not answer as a Mastodon server would (read the thread)"
        ) from None


def _own_thread(first: Any, context: Any, where: str) -> FoundThread:
    """The first status and its author's own replies, each to the one before; the
    earliest where there are several, and never a status twice."""
    author = str(first["account"]["id"])
    own: dict[str, list[Any]] = {}
    for status in context["descendants"]:
        if str(status["account"]["id"]) == author:
            own.setdefault(str(status.get("in_reply_to_id")), []).append(status)
    posts = [first]
    seen = {str(first["id"])}
    while replies := own.get(str(posts[-1]["id"])):
        following = min(replies, key=lambda status: str(status["created_at"]))
        if str(following["id"]) in seen:
            break
        seen.add(str(following["id"]))
        posts.append(following)
    acct = printable(str(first["account"]["acct"]))
    handle = acct if "@" in acct else f"{acct}@{where}"
    return FoundThread(handle, tuple(_ref(status) for status in posts))


def _client(access: MetricsAccess, post_url: str) -> Any:
    """A client on the instance the post is on, with our token if the account is ours."""
    parts = urlsplit(post_url)
    base = mc.base_url(f"{parts.scheme}://{parts.netloc}")
    token = None
    if access.account is not None and mc.host(mc.base_url(access.account.service)) == parts.netloc:
        token = access.secrets()["access_token"]
    return mc.client(base, token)


def _status(api: Any, status_id: str, what: str) -> Any:
    """The status, or None when the instance answers 404 (deleted, or hidden from us)."""

    def get() -> Any:
        try:
            return api.status(status_id)
        except mastodon.MastodonNotFoundError:
            return None

    return mc.call(api, get, what)


def _metrics(status: Any) -> PostMetrics:
    return PostMetrics.named(
        status,
        likes="favourites_count",
        reposts="reblogs_count",
        replies="replies_count",
        quotes="quotes_count",  # Mastodon 4.5's quote posts; absent before
    )


def _ref(status: Any) -> PostRef:
    url = printable(str(status.get("url") or status["uri"]))
    return PostRef(str(status["id"]), url, uri=status.get("uri"))
