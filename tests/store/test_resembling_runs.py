"""A thread nearly the same as one an account published (a typo fixed) is found and
named before it goes out again; the same thread exactly, or another essay, is not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import network_named
from threadsmith.store import Store

POSTS = [
    f"Point {n}: schools need a funding settlement that matches the need we see every day."
    for n in range(1, 9)
]
BLUESKY = network_named("bluesky")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def published(store: Store, texts: list[str], handle: str = "alice.test") -> int:
    run = store.create_run(
        "file:/essay.md", BLUESKY, handle, [Outgoing(n, t) for n, t in enumerate(texts, 1)]
    )
    for number in range(1, len(texts) + 1):
        key = f"k{run.id}-{number}"
        store.mark_sending(run.id, number, key)
        store.mark_sent(run.id, number, PostRef(key, f"https://example.test/{key}", "at://x", "c"))
    store.finish_run(run.id)
    return run.id


def test_a_typo_fixed_is_the_thread_that_went_out(store: Store) -> None:
    run_id = published(store, POSTS)
    fixed = [POSTS[0].replace("funding", "fudning"), *POSTS[1:]]
    found = store.resembling(BLUESKY, "alice.test", fixed)
    assert found is not None and found.id == run_id


def test_the_same_thread_exactly_or_another_essay_or_account_is_not(store: Store) -> None:
    published(store, POSTS)
    assert store.resembling(BLUESKY, "alice.test", POSTS) is None  # "already published" says it
    letter = ["Dear Minister, we write about workload.", "It has grown every year since 2019."]
    assert store.resembling(BLUESKY, "alice.test", letter) is None
    assert store.resembling(BLUESKY, "bob.test", [POSTS[0] + "!", *POSTS[1:]]) is None
