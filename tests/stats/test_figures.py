"""What a reading says, case by case: replies by others (the thread's own next post taken
out), the read-through on impressions or engagements over the posts still online,
and the bars drawn for the chart."""

from __future__ import annotations

import pytest

from threadsmith.network import PostMetrics, network_named
from threadsmith.stats import bar, post_figures, read_through
from threadsmith.store import Fetch, FetchedPost

Counts = tuple[int, int, int, int] | None  # likes, reposts, replies as counted, quotes


def reading(*posts: Counts, impressions: tuple[int, ...] = ()) -> Fetch:
    fetched = []
    for number, counts in enumerate(posts, start=1):
        metrics = None
        if counts is not None:
            seen = impressions[number - 1] if impressions else None
            metrics = PostMetrics(*counts, impressions=seen)
        fetched.append(FetchedPost(number, f"https://example.test/{number}", metrics))
    return Fetch(1, "x:1", network_named("bluesky"), "a.test", "https://example.test/1", None,
                 0.0, tuple(fetched))  # fmt: skip


@pytest.mark.parametrize(
    ("posts", "replies"),
    [
        pytest.param([(0, 0, 1, 0), (0, 0, 1, 0), (0, 0, 0, 0)], [0, 0, 0], id="only-the-chain"),
        pytest.param([(0, 0, 3, 0), (0, 0, 1, 0)], [2, 1], id="last-has-no-next"),
        pytest.param([(0, 0, 1, 0), None, (0, 0, 0, 0)], [1, None, 0], id="next-deleted"),
        pytest.param([(0, 0, 0, 0), (0, 0, 0, 0)], [0, 0], id="chain-not-indexed-yet"),
    ],
)
def test_replies_are_by_others(posts: list[Counts], replies: list[int | None]) -> None:
    assert [row.replies for row in post_figures(reading(*posts))] == replies


@pytest.mark.parametrize(
    ("fetch", "share", "basis", "compared"),
    [
        pytest.param(reading((4, 0, 1, 0), (2, 0, 0, 0)), 0.5, "engagements", (1, 2),
                     id="engagements"),
        pytest.param(reading((4, 0, 1, 0), (2, 0, 0, 0), impressions=(400, 100)), 0.25,
                     "impressions", (1, 2), id="impressions-first"),
        # post 2's reply is someone else's: its own next post is gone, and uncounted
        pytest.param(reading((4, 0, 1, 0), (1, 0, 1, 0), None), 0.5, "engagements", (1, 2),
                     id="last-deleted"),
        pytest.param(reading(None, (4, 0, 1, 0), (1, 0, 0, 0)), 0.25, "engagements", (2, 3),
                     id="first-deleted"),
        pytest.param(reading((0, 0, 1, 0), (3, 0, 0, 0)), None, "engagements", (1, 2),
                     id="first-has-nothing"),
        pytest.param(reading((3, 0, 0, 0), None), None, "engagements", (None, None),
                     id="one-online"),
        pytest.param(reading((3, 1, 0, 2), (6, 2, 0, 4)), 2.0, "engagements", (1, 2),
                     id="more-at-the-end"),
    ],
)  # fmt: skip
def test_read_through(
    fetch: Fetch, share: float | None, basis: str, compared: tuple[int | None, int | None]
) -> None:
    found = read_through(post_figures(fetch))
    assert (found.share, found.basis, (found.first, found.last)) == (share, basis, compared)


def test_bars_are_drawn_to_an_eighth_of_a_cell() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(1, 10, 4) == "▍"  # 3.2 eighths: 3
    assert bar(1, 1000, 4) == "▏"  # a post with any reach shows
    assert bar(0, 10, 4) == "" and bar(3, 0, 4) == ""
