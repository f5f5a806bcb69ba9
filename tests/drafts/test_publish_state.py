"""How far each draft was published, as the library's column says it: scheduled threads
by when they go out (once per schedule, whatever the networks), missed ones as missed,
cancelled ones not at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from threadsmith.drafts import publish_state
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import network_named
from threadsmith.store import Planned, Store

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC).timestamp()  # a Monday
POSTS = [Outgoing(1, "One post. 1/2"), Outgoing(2, "Two. 2/2")]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TZ", "Europe/London")
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def scheduled(store: Store, draft_id: int, due: float, *networks: str) -> int:
    planned = [Planned(network_named(n), "me", POSTS, {}) for n in networks]
    return store.create_schedule(f"draft:{draft_id}", "Funding", due, planned).id


def test_a_schedule_shows_when_it_goes_out_once(store: Store) -> None:
    draft = store.create_draft("Funding")
    tuesday = datetime(2026, 12, 1, 7, 30, tzinfo=UTC).timestamp()
    scheduled(store, draft.id, tuesday, "x", "bluesky")
    assert publish_state(store, draft.id, NOW) == ("scheduled Tue 07:30 (in 22 h)", "")


def test_published_missed_and_cancelled(store: Store) -> None:
    draft = store.create_draft("Funding")
    run = store.create_run(f"draft:{draft.id}", network_named("x"), "me", POSTS)
    for number in (1, 2):
        store.mark_sent(run.id, number, PostRef(f"{number}", f"https://x.com/me/status/{number}"))
    store.finish_run(run.id)
    missed = scheduled(store, draft.id, NOW - 86400, "bluesky")
    store.miss(store.schedule(missed).runs[0].id, "found 1 day late")
    store.cancel_schedule(scheduled(store, draft.id, NOW + 3600, "mastodon"))
    assert publish_state(store, draft.id, NOW) == ("X ✓ · missed", "X https://x.com/me/status/1")


def test_a_draft_whose_only_schedule_was_cancelled_was_never_published(store: Store) -> None:
    draft = store.create_draft("Funding")
    store.cancel_schedule(scheduled(store, draft.id, NOW + 3600, "bluesky"))
    assert publish_state(store, draft.id, NOW) == ("never", "")
