"""Per-post counts on Threads: `GET /{media-id}/insights?metric=views,likes,replies,
reposts,quotes`, with the account's own token (Meta gives a post's insights to its
author only). Views are impressions. A post Meta no longer has is None (deleted).

Meta answers `{"data": [{"name": "likes", "period": "lifetime", "values": [{"value":
1}], …}, …]}`; its replies count the thread's next post, as threadsmith expects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from threadsmith.errors import InputError, ServiceError
from threadsmith.journal import PostRef
from threadsmith.network import FoundThread, MetricsAccess, PostMetrics
from threadsmith.networks.threads.account import Token
from threadsmith.networks.threads.api import NotFound, ThreadsAPI

METRICS = "views,likes,replies,reposts,quotes"


def read(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    """The counts of `posts`, in order; None for each Meta no longer has."""
    if not posts:
        return []
    if access.account is None:
        raise InputError("Threads gives a post's counts to its author only: publish it from here")
    token = Token.kept(access.secrets())
    api = ThreadsAPI(access.account.service, token.access_token, handle=access.account.handle)
    try:
        return [_counts(api, post.id) for post in posts]
    finally:
        api.close()


def thread_at(access: MetricsAccess, url: str) -> FoundThread:
    raise InputError("Threads' API cannot find a thread by its address")


def _counts(api: ThreadsAPI, media_id: str) -> PostMetrics | None:
    try:
        answer = api.get(f"{media_id}/insights", "read the posts' counts", metric=METRICS)
    except NotFound:
        return None
    values: dict[str, int] = {}
    try:
        for item in answer["data"]:
            values[str(item["name"])] = _value(item)
    except (KeyError, TypeError, ValueError):
        raise ServiceError("Threads did not answer as its API does (a post's counts)") from None
    return PostMetrics.named(
        values, likes="likes", reposts="reposts", replies="replies", quotes="quotes",
        impressions="views",
    )  # fmt: skip


def _value(item: Any) -> int:
    """A metric's lifetime value (`values[0].value`; `total_value.value` for some)."""
    if isinstance(item.get("values"), list) and item["values"]:
        return int(item["values"][0]["value"])
    return int(item["total_value"]["value"])
