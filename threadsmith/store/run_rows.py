"""A run and its posts as the journal's rows keep them: the values read back (`Run`,
`JournalPost`) and the JSON of the columns that hold a reference, images or a link
card; the store's runs and schedules write and read them through these."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadsmith.journal import Card, Outgoing, PostRef, PostState, RunStatus
from threadsmith.network import Network
from threadsmith.store.accounts import network_of
from threadsmith.threading.models import Media


@dataclass(frozen=True, slots=True)
class Run:
    """One thread to one account. `content_key` identifies its posts' texts, so the
    same thread is recognised whatever file or draft it came from."""

    id: int
    draft_key: str
    network: Network
    handle: str
    status: RunStatus
    reply_root: PostRef | None
    reply_parent: PostRef | None
    content_key: str
    options: dict[str, str]  # the network's publish options, as confirmed
    created: float
    updated: float
    schedule_id: int | None = None  # the schedule that publishes it at a set time
    note: str | None = None  # what the scheduler last said of it ("the keyring was locked")


@dataclass(frozen=True, slots=True)
class JournalPost:
    """One post of a run, as journalled."""

    number: int
    text: str
    media: tuple[Media, ...]
    state: PostState
    record_key: str | None
    ref: PostRef | None
    error: str | None
    card: Card | None = None  # its link card, as previewed

    def outgoing(self) -> Outgoing:
        return Outgoing(self.number, self.text, self.media, self.card)


def insert_run(
    db: sqlite3.Connection,
    draft_key: str,
    network: Network,
    handle: str,
    posts: Sequence[Outgoing],
    key: str,
    reply_to: tuple[PostRef, PostRef] | None,
    options: Mapping[str, str] | None,
) -> int:
    now = time.time()
    root, parent = reply_to if reply_to else (None, None)
    cursor = db.execute(
        "INSERT INTO runs (draft_key, platform, handle, reply_root, reply_parent, content_key, "
        "options, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_key, network.name, handle, ref_json(root), ref_json(parent), key,
         json.dumps(dict(options or {})), now, now),
    )  # fmt: skip
    run_id = int(cursor.lastrowid or 0)
    insert_posts(db, run_id, posts, now)
    return run_id


def insert_posts(
    db: sqlite3.Connection, run_id: int, posts: Sequence[Outgoing], now: float
) -> None:
    """The run's posts as the journal keeps them: texts, images and link cards."""
    db.executemany(
        "INSERT INTO run_posts (run_id, number, text, media, card, updated) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(run_id, p.number, p.text, media_json(p.media), card_json(p.card), now) for p in posts],
    )


def ref_json(ref: PostRef | None) -> str | None:
    if ref is None:
        return None
    return json.dumps({"id": ref.id, "url": ref.url, "uri": ref.uri, "cid": ref.cid})


def ref_of(value: str | None) -> PostRef | None:
    if not value:
        return None
    data = json.loads(value)
    return PostRef(data["id"], data["url"], data.get("uri"), data.get("cid"))


def media_json(media: tuple[Media, ...]) -> str:
    return json.dumps([{"path": m.path, "alt": m.alt} for m in media])


def card_json(card: Card | None) -> str | None:
    if card is None:
        return None
    return json.dumps(
        {
            "uri": card.uri,
            "title": card.title,
            "description": card.description,
            "thumbnail": card.thumbnail,
        }
    )


def card_of(value: str | None) -> Card | None:
    if not value:
        return None
    data = json.loads(value)
    return Card(data["uri"], data["title"], data["description"], data.get("thumbnail"))


def run_of(row: sqlite3.Row) -> Run:
    return Run(
        row["id"], row["draft_key"], network_of(row["platform"]), row["handle"],
        RunStatus(row["status"]), ref_of(row["reply_root"]), ref_of(row["reply_parent"]),
        row["content_key"], json.loads(row["options"] or "{}"), row["created"], row["updated"],
        row["schedule_id"], row["note"],
    )  # fmt: skip


def journal_post(row: sqlite3.Row) -> JournalPost:
    state = PostState(row["state"])
    ref = None
    if state is PostState.SENT:
        ref = PostRef(row["remote_id"], row["url"], row["uri"], row["cid"])
    media = tuple(Media(m["path"], m["alt"]) for m in json.loads(row["media"]))
    return JournalPost(
        row["number"], row["text"], media, state, row["record_key"], ref, row["error"],
        card_of(row["card"]),
    )  # fmt: skip
