"""Published threads and readings of their counts, put straight into a store (for the
app's statistics tests and snapshots: no network involved)."""

from __future__ import annotations

from collections.abc import Sequence

from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Network, PostMetrics, network_named
from threadsmith.store import FetchedPost, Store

READ_AT = 1_795_000_000.0  # 18 Nov 2026 11:06:40 UTC


def record_run(
    store: Store, draft_key: str, network: Network, handle: str, refs: Sequence[PostRef]
) -> int:
    """A finished run of `refs`, as if threadsmith had published them; its id."""
    posts = [Outgoing(number, f"Post {number}") for number in range(1, len(refs) + 1)]
    run = store.create_run(draft_key, network, handle, posts)
    for number, ref in enumerate(refs, start=1):
        store.mark_sent(run.id, number, ref)
    store.finish_run(run.id)
    return run.id


def published_with_readings(
    store: Store, draft_id: int, posts: int = 7, x_read: bool = False
) -> None:
    """The draft published to Bluesky (read once; post 5 deleted since) and X (read
    once if `x_read`, else never: X bills each read)."""
    bluesky, x = network_named("bluesky"), network_named("x")
    store.add_account(bluesky, "head.teacher.test", "https://pds.example")
    store.add_account(x, "campaigner")
    rkeys = [f"3kabc{n:08d}" for n in range(1, posts + 1)]
    skies = [
        PostRef(rkey, f"https://bsky.app/profile/head.teacher.test/post/{rkey}",
                f"at://did:plc:abc/app.bsky.feed.post/{rkey}", f"bafy{rkey}")
        for rkey in rkeys
    ]  # fmt: skip
    run_id = record_run(store, f"draft:{draft_id}", bluesky, "head.teacher.test", skies)
    likes = [48, 31, 22, 17, 12, 9, 7, *([5] * posts)]
    read = [
        FetchedPost(n, ref.url, None if n == 5 else PostMetrics(
            likes[n - 1], max(0, 12 - 2 * n), 1 + 3 * (n == 2), int(n == 3)))
        for n, ref in enumerate(skies, start=1)
    ]  # fmt: skip
    store.save_fetch(
        f"bluesky:{skies[0].uri}", bluesky, "head.teacher.test", skies[0].url, run_id, read,
        fetched_at=READ_AT,
    )  # fmt: skip
    tweets = [
        PostRef(str(n), f"https://x.com/campaigner/status/{1860000000000000000 + n}")
        for n in range(1, posts + 1)
    ]
    run_id = record_run(store, f"draft:{draft_id}", x, "campaigner", tweets)
    if x_read:
        read = [
            FetchedPost(n, ref.url, PostMetrics(2 * likes[n - 1], 5, 1, 0, 4000 // n, n))
            for n, ref in enumerate(tweets, start=1)
        ]
        store.save_fetch(
            f"x:{tweets[0].id}", x, "campaigner", tweets[0].url, run_id, read, fetched_at=READ_AT
        )
