"""A post's link card kept with its run, as previewed: read back as it was journalled, by a
resume (`JournalPost.outgoing`) and by a scheduled run, also once its posts were rewritten;
a database from before cards (version 6) is upgraded, its runs without cards."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from threadsmith.journal import Card, Outgoing
from threadsmith.network import network_named
from threadsmith.store import Planned, Store
from threadsmith.store.database import SCHEMA_VERSION

BLUESKY = network_named("bluesky")
CARD = Card(
    "https://www.naht.org.uk/news/letter",
    "Our letter",
    "Heads ask for a fully funded pay award.",
    "/home/alice/.local/share/threadsmith/cards/0123abcd",
)
POSTS = [
    Outgoing(1, "Schools need a fair settlement. 1/"),
    Outgoing(2, "Read it: https://www.naht.org.uk/news/letter 2/", card=CARD),
]


def test_a_run_keeps_each_posts_card_as_it_was_planned(tmp_path: Path) -> None:
    with closing(Store(tmp_path / "threadsmith.db")) as store:
        run = store.create_run("file:/essay.md", BLUESKY, "alice.test", POSTS)
        journalled = store.run_posts(run.id)
        assert [post.card for post in journalled] == [None, CARD]
        assert [post.outgoing() for post in journalled] == POSTS  # what a resume sends


def test_a_scheduled_run_keeps_its_cards_and_a_rewrite_the_new_ones(tmp_path: Path) -> None:
    with closing(Store(tmp_path / "threadsmith.db")) as store:
        planned = Planned(BLUESKY, "alice.test", POSTS, {})
        (run,) = store.create_schedule("file:/essay.md", "Funding", 2e9, [planned]).runs
        assert [post.card for post in store.run_posts(run.id)] == [None, CARD]
        changed = Card(CARD.uri, "Our letter, updated", CARD.description, None)
        store.rewrite_scheduled(run.id, [POSTS[0], Outgoing(2, POSTS[1].text, card=changed)], {})
        assert [post.card for post in store.run_posts(run.id)] == [None, changed]


def test_a_database_from_before_cards_is_upgraded_its_runs_without_cards(tmp_path: Path) -> None:
    path = tmp_path / "threadsmith.db"
    with closing(Store(path)) as store:
        run = store.create_run("file:/essay.md", BLUESKY, "alice.test", POSTS[:1])
    with closing(sqlite3.connect(path)) as db:
        db.executescript("ALTER TABLE run_posts DROP COLUMN card; PRAGMA user_version = 6;")
    with closing(Store(path)) as store:
        (post,) = store.run_posts(run.id)
        assert post.card is None and post.outgoing() == POSTS[0]
        again = store.create_run("file:/essay.md", BLUESKY, "alice.test", POSTS)
        assert store.run_posts(again.id)[1].card == CARD
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7


def test_a_cards_site_is_its_host_without_www() -> None:
    assert CARD.site == "naht.org.uk"
    assert Card("http://127.0.0.1:8765/page", "t", "d").site == "127.0.0.1"
