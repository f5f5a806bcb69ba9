"""Threads' publishing quota: 250 posts and 1,000 replies per account in any 24 hours
(`GET /{user-id}/threads_publishing_limit`). Meta enforces it when a container is
published; threadsmith reads it first, so a thread that cannot all go out is refused
before its first post rather than cut off in the middle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from threadsmith.errors import Refused, ServiceError
from threadsmith.journal import Outgoing
from threadsmith.networks.threads.api import ThreadsAPI
from threadsmith.wording import counted

FIELDS = "quota_usage,config,reply_quota_usage,reply_config"


@dataclass(frozen=True, slots=True)
class Quota:
    """What an account has published in the last 24 hours, and may."""

    posts_used: int
    posts_total: int
    replies_used: int
    replies_total: int

    @property
    def posts_left(self) -> int:
        return max(0, self.posts_total - self.posts_used)

    @property
    def replies_left(self) -> int:
        return max(0, self.replies_total - self.replies_used)


def read(api: ThreadsAPI, user_id: str) -> Quota:
    answer = api.get(
        f"{user_id}/threads_publishing_limit", "read your publishing quota", fields=FIELDS
    )
    data = answer.get("data")
    try:
        limits: Any = data[0] if isinstance(data, list) else {}
        return Quota(
            int(limits["quota_usage"]), int(limits["config"]["quota_total"]),
            int(limits["reply_quota_usage"]), int(limits["reply_config"]["quota_total"]),
        )  # fmt: skip
    except (KeyError, IndexError, TypeError, ValueError):
        raise ServiceError("Threads did not answer as its API does (the quota)") from None


def check(quota: Quota, posts: Sequence[Outgoing], replying: bool, handle: str) -> None:
    """Refused, with the numbers, when `posts` (the first a reply if `replying`) need more
    than `quota` has left."""
    roots = 0 if replying or not posts else 1
    replies = len(posts) - roots
    if roots <= quota.posts_left and replies <= quota.replies_left:
        return
    said = [counted(roots, "post")] if roots else []
    if replies:
        said.append(f"{replies:,} {'reply' if replies == 1 else 'replies'}")
    needs = " and ".join(said)
    raise Refused(
        f"this thread needs {needs}, and @{handle} has {quota.posts_left} of "
        f"{quota.posts_total:,} posts and {quota.replies_left:,} of {quota.replies_total:,} "
        "replies left in Threads' 24-hour quota: nothing was sent; publish it later"
    )
