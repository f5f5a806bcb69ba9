"""Per-post counts on X: `public_metrics` of up to 100 posts a call (`GET /2/tweets`),
with the account's own API keys (OAuth 1.0a user context).

X bills every post this returns ("Posts: Read", see `prices.py`), so nothing here
runs unless the person asked for it. A post X no longer returns (deleted, or its
account protected or suspended) comes back in the answer's `errors` and is None.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from threadsmith.errors import ServiceError
from threadsmith.journal import PostRef
from threadsmith.network import MetricsAccess, PostMetrics
from threadsmith.networks.x.keys import api_keys
from threadsmith.networks.x.publisher import _call, _client

PER_CALL = 100  # GET /2/tweets takes at most 100 ids


def read(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    """The public counts of `posts`, in order; None for each X no longer returns (read
    with the API keys of the account that published them)."""
    client = _client(*api_keys(access.secrets()))
    found: dict[str, PostMetrics] = {}
    try:
        ids = [post.id for post in posts]
        for start in range(0, len(ids), PER_CALL):
            batch = ids[start : start + PER_CALL]
            answer = _call(
                partial(client.get_tweets, batch, tweet_fields=["public_metrics"], user_auth=True),
                "read the posts' counts",
            )
            try:
                for tweet in answer.data or []:
                    found[str(tweet.id)] = _metrics(tweet.public_metrics or {})
            except (AttributeError, KeyError, TypeError):  # not the shape X's API gives
                message = "X did not answer as its API does (read the posts' counts)"
                raise ServiceError(message) from None
    finally:
        client.session.close()
    return [found.get(post.id) for post in posts]


def _metrics(public: dict[str, Any]) -> PostMetrics:
    return PostMetrics.named(
        public,
        likes="like_count",
        reposts="retweet_count",
        replies="reply_count",
        quotes="quote_count",
        impressions="impression_count",
        bookmarks="bookmark_count",
    )
