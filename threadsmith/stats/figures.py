"""What a reading of a thread says: each post's figures and how far people read.

Replies are replies by others. Every network counts the thread's own next post
as a reply to the one before (each post but the last is "replied to" by the
author), so that one is taken out: a post whose next post is still there has
one reply fewer than its network says. A reply by the author to someone else's
comment still counts, as the networks cannot tell it apart without reading the
whole conversation.

The read-through is the last post's figure as a share of the first post's:
impressions where the network gives them (X), otherwise engagements (likes +
reposts + replies by others + quotes). Deleted posts are left out (their figure
is unknown, not zero), so it compares the first and last posts still online;
it is None when fewer than two are, or the first has nothing to compare with.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.store import Fetch

CSV_COLUMNS = (
    "network", "handle", "thread", "fetched_at", "read_through", "number", "url", "deleted",
    "likes", "reposts", "replies", "quotes", "impressions", "bookmarks",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PostFigures:
    """One post of a reading; every figure None when the post is deleted."""

    number: int
    url: str
    deleted: bool
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None  # by others (see the module's docstring)
    quotes: int | None = None
    impressions: int | None = None
    bookmarks: int | None = None

    @property
    def engagements(self) -> int | None:
        """likes + reposts + replies + quotes, as far as the network gives them."""
        if self.deleted:
            return None
        return sum(n or 0 for n in (self.likes, self.reposts, self.replies, self.quotes))


@dataclass(frozen=True, slots=True)
class ReadThrough:
    share: float | None  # 0.42: the last post reached 42% of what the first did
    basis: str  # "impressions" or "engagements"
    first: int | None  # the numbers of the posts compared
    last: int | None


def post_figures(fetch: Fetch) -> list[PostFigures]:
    """The reading's posts, replies by others only."""
    rows = []
    for index, post in enumerate(fetch.posts):
        if post.metrics is None:
            rows.append(PostFigures(post.number, post.url, deleted=True))
            continue
        following = fetch.posts[index + 1] if index + 1 < len(fetch.posts) else None
        chained = following is not None and following.metrics is not None
        replies = post.metrics.replies
        if replies is not None and chained:
            replies = max(0, replies - 1)
        m = post.metrics
        rows.append(
            PostFigures(post.number, post.url, False, m.likes, m.reposts, replies, m.quotes,
                        m.impressions, m.bookmarks)
        )  # fmt: skip
    return rows


def read_through(rows: Sequence[PostFigures]) -> ReadThrough:
    """How far people read: see the module's docstring."""
    online = [row for row in rows if not row.deleted]
    if len(online) < 2:
        return ReadThrough(None, "engagements", None, None)
    first, last = online[0], online[-1]
    if first.impressions is not None and last.impressions is not None:
        basis, start, end = "impressions", first.impressions, last.impressions
    else:
        basis, start, end = "engagements", first.engagements or 0, last.engagements or 0
    share = end / start if start else None
    return ReadThrough(share, basis, first.number, last.number)


def as_json(fetch: Fetch) -> dict[str, Any]:
    """A reading as `thread stats --format json` prints it (one object per thread)."""
    rows = post_figures(fetch)
    share = read_through(rows).share
    return {
        "network": fetch.network.name,
        "url": fetch.url,
        "fetched_at": iso_time(fetch.fetched_at),
        "posts": [
            {
                "number": row.number, "url": row.url, "likes": row.likes,
                "reposts": row.reposts, "replies": row.replies, "quotes": row.quotes,
                "impressions": row.impressions, "bookmarks": row.bookmarks,
                "deleted": row.deleted,
            }
            for row in rows
        ],
        "read_through": None if share is None else round(share, 4),
    }  # fmt: skip


def write_csv(fetches: Iterable[Fetch], path: Path) -> int:
    """Every reading, a row per post (the columns of `CSV_COLUMNS`); returns the rows."""
    written = 0
    try:
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for fetch in fetches:
                rows = post_figures(fetch)
                share = read_through(rows).share
                for row in rows:
                    writer.writerow(
                        (fetch.network.name, fetch.handle, fetch.url, iso_time(fetch.fetched_at),
                         "" if share is None else round(share, 4), row.number, row.url,
                         int(row.deleted), *(_cell(getattr(row, name)) for name in CSV_COLUMNS[8:]))
                    )  # fmt: skip
                    written += 1
    except OSError as error:
        raise InputError(f"{path}: cannot write it ({error.strerror or error})") from None
    return written


def bar(value: int, peak: int, width: int) -> str:
    """`value` against `peak` as a bar of at most `width` cells, to an eighth of a cell
    (Unicode block elements: the command line and the app draw the same bars)."""
    if peak <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / peak * width * 8))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def iso_time(stamp: float) -> str:
    """Epoch seconds as ISO 8601 UTC to the second: 2026-11-26T13:45:02Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def _cell(value: int | None) -> str | int:
    return "" if value is None else value
