"""Readings of threads' public counts, each kept with its time so that a thread's
curve can be compared over time (after an hour, after a day).

A thread is known by its first post (`thread_key`: "bluesky:at://…", "x:<id>"),
whether threadsmith published it (then `run_id` names the run) or it was found
from its URL. The figures are the networks' own, as they gave them (a network's
reply count includes the thread's next post); `threadsmith.stats` derives the rest.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from threadsmith.network import Network, PostMetrics
from threadsmith.store.accounts import network_of
from threadsmith.store.database import Database

_FIGURES = ("likes", "reposts", "replies", "quotes", "impressions", "bookmarks")


@dataclass(frozen=True, slots=True)
class FetchedPost:
    number: int
    url: str
    metrics: PostMetrics | None  # None: the network no longer has it (deleted, or hidden)


@dataclass(frozen=True, slots=True)
class Fetch:
    """One reading of a thread's counts."""

    id: int
    thread_key: str
    network: Network
    handle: str
    url: str  # the first post's
    run_id: int | None
    fetched_at: float  # epoch seconds
    posts: tuple[FetchedPost, ...]


class Stats(Database):
    def save_fetch(
        self,
        thread_key: str,
        network: Network,
        handle: str,
        url: str,
        run_id: int | None,
        posts: Sequence[FetchedPost],
        fetched_at: float | None = None,
    ) -> Fetch:
        """Keep one reading, with its time (now unless given)."""
        when = time.time() if fetched_at is None else fetched_at
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO stats_fetches (thread_key, platform, handle, url, run_id, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (thread_key, network.name, handle, url, run_id, when),
            )
            fetch_id = int(cursor.lastrowid or 0)
            db.executemany(
                f"INSERT INTO stats_posts (fetch_id, number, url, deleted, {', '.join(_FIGURES)}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fetch_id, post.number, post.url, post.metrics is None, *_figures(post.metrics))
                 for post in posts],
            )  # fmt: skip
        return Fetch(fetch_id, thread_key, network, handle, url, run_id, when, tuple(posts))

    def fetches(self, thread_key: str) -> list[Fetch]:
        """Every reading of the thread, oldest first."""
        rows = self._rows(
            "SELECT * FROM stats_fetches WHERE thread_key = ? ORDER BY fetched_at, id",
            (thread_key,),
        )
        return [self._fetch(row) for row in rows]

    def latest_fetch(self, thread_key: str) -> Fetch | None:
        row = self._row(
            "SELECT * FROM stats_fetches WHERE thread_key = ? ORDER BY fetched_at DESC, id DESC "
            "LIMIT 1",
            (thread_key,),
        )
        return self._fetch(row) if row is not None else None

    def run_starting_at(
        self, url: str, uri: str | None = None, remote_id: tuple[str, str] | None = None
    ) -> int | None:
        """The last run (not given up) whose first post, sent, is at `url` (or has the
        `uri`, or the (network, id) `remote_id`)."""
        network, post_id = remote_id or ("", "")
        row = self._row(
            "SELECT runs.id FROM runs JOIN run_posts ON run_posts.run_id = runs.id "
            "WHERE run_posts.number = 1 AND run_posts.state = 'sent' AND runs.status != "
            "'abandoned' AND (run_posts.url = ? OR run_posts.uri = ? OR "
            "(runs.platform = ? AND run_posts.remote_id = ?)) ORDER BY runs.id DESC",
            (url, uri or url, network, post_id),
        )
        return None if row is None else int(row["id"])

    def _fetch(self, row: sqlite3.Row) -> Fetch:
        posts = self._rows(
            "SELECT * FROM stats_posts WHERE fetch_id = ? ORDER BY number", (row["id"],)
        )
        return Fetch(
            row["id"], row["thread_key"], network_of(row["platform"]), row["handle"], row["url"],
            row["run_id"], row["fetched_at"],
            tuple(
                FetchedPost(
                    post["number"], post["url"],
                    None if post["deleted"] else PostMetrics(**{f: post[f] for f in _FIGURES}),
                )
                for post in posts
            ),
        )  # fmt: skip


def _figures(metrics: PostMetrics | None) -> tuple[int | None, ...]:
    if metrics is None:
        return (None,) * len(_FIGURES)
    return tuple(getattr(metrics, name) for name in _FIGURES)
