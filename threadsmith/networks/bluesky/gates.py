"""Who may reply and who may quote, on Bluesky: records of their own, keyed as the post
they gate — a threadgate on the thread's first post (its allow rules; an empty list for
nobody) and a postgate on each post (embedding disabled). They are written beside their
post, in the same repository commit, so there is never a post without its gate."""

from __future__ import annotations

from typing import Any

from atproto import models

THREADGATE = "app.bsky.feed.threadgate"
POSTGATE = "app.bsky.feed.postgate"
# `--replies` as a threadgate's allow rules; everyone: no threadgate at all
ALLOW_RULES: dict[str, tuple[Any, ...]] = {
    "following": (models.AppBskyFeedThreadgate.FollowingRule(),),
    "mentioned": (models.AppBskyFeedThreadgate.MentionRule(),),
    "followers": (models.AppBskyFeedThreadgate.FollowerRule(),),
    "nobody": (),
}


def gate_writes(
    uri: str,
    key: str,
    created_at: str,
    *,
    allow: tuple[Any, ...] | None,
    quotes: bool,
    first: bool,
) -> list[Any]:
    """The writes of the threadgate (when `first`, and `allow` restricts who may reply)
    and the postgate (when not `quotes`) of the post `uri`, with record key `key`."""
    writes = []
    if first and allow is not None:
        gate = models.AppBskyFeedThreadgate.Record(
            post=uri, created_at=created_at, allow=list(allow)
        )
        writes.append(
            models.ComAtprotoRepoApplyWrites.Create(collection=THREADGATE, rkey=key, value=gate)
        )
    if not quotes:
        rules = [models.AppBskyFeedPostgate.DisableRule()]
        postgate = models.AppBskyFeedPostgate.Record(
            post=uri, created_at=created_at, embedding_rules=rules
        )
        writes.append(
            models.ComAtprotoRepoApplyWrites.Create(collection=POSTGATE, rkey=key, value=postgate)
        )
    return writes
