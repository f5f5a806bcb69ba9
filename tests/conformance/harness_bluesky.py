"""Bluesky's harness: the real local PDS (tests/support/pds.py) behind a proxy that can
lose an answer (tests/support/answer_proxy.py), the real AppView indexing it for counts
(tests/support/appview.py), and the PDS's own grapheme and byte counters (Node), on the
text as the official app posts it (its links shortened)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from atproto import models

from conformance.harness import Harness, Image, Login, Seen
from support.answer_proxy import AnswerProxy
from support.appview import LocalAppView
from support.network_counts import NetworkCounter
from support.pds import LocalPDS, PdsAccount, read_thread
from threadsmith.journal import PostRef
from threadsmith.network import Account

GRAPHEMES, BYTES = 300, 3000  # app.bsky.feed.post's text: maxGraphemes, maxLength
THREADGATE = "app.bsky.feed.threadgate"
POSTGATE = "app.bsky.feed.postgate"
DISABLE_QUOTES = "app.bsky.feed.postgate#disableRule"  # a postgate's one rule about quoting
RULES = {  # a threadgate's allow rules in threadsmith's words
    "app.bsky.feed.threadgate#followingRule": "following",
    "app.bsky.feed.threadgate#mentionRule": "mentioned",
    "app.bsky.feed.threadgate#followerRule": "followers",
}


class BlueskyHarness(Harness):
    network = "bluesky"
    replies_offered = ("following", "mentioned", "followers", "nobody")
    metrics_fields = ("likes", "reposts", "replies", "quotes")
    quotes_offered = ("nobody",)  # a postgate can disable quoting; it has no other rule
    max_images = 4
    alt_limit = 2_000  # grapheme clusters: the official app's (the lexicon sets none)
    limit = GRAPHEMES
    finds_threads = True

    def __init__(self, pds: LocalPDS, appview: LocalAppView) -> None:
        self.pds = pds
        self.appview = appview
        self.proxy = AnswerProxy(pds.url)
        self.fan = pds.create_account("fan")
        self.authors: dict[str, PdsAccount] = {}
        self._author: PdsAccount | None = None

    @classmethod
    def start(cls, request: pytest.FixtureRequest) -> BlueskyHarness:
        return cls(request.getfixturevalue("pds"), request.getfixturevalue("appview"))

    def stop(self) -> None:
        self.proxy.close()

    def new_login(self) -> Login:
        # one author for the session: making a PDS account takes a second or two, and
        # each test's posts are its own (a token in each text), read back from its first
        author = self._author = self._author or self.pds.create_account("conform")
        self.authors[author.handle] = author
        answers = {"handle": author.handle, "service": self.proxy.url}
        return Login({**answers, "app_password": author.password}, (author.password,))

    def length(self, text: str, counter: NetworkCounter) -> int:
        return counter.count(_as_posted(text, counter)).graphemes

    def refused(self, text: str, counter: NetworkCounter) -> str | None:
        counts = counter.count(_as_posted(text, counter))
        if counts.graphemes <= GRAPHEMES and counts.bytes <= BYTES:
            return None
        return f"{counts.graphemes} graphemes of {GRAPHEMES}, {counts.bytes} bytes of {BYTES}"

    def id_of(self, ref: PostRef) -> str:
        assert ref.uri is not None
        return ref.uri

    def thread(self, account: Account, first: PostRef) -> list[Seen]:
        records = read_thread(self.pds, self.authors[account.handle])
        found: list[Seen] = []
        record = next((r for r in records if r["uri"] == first.uri), None)
        while record is not None:
            found.append(_seen(record))
            here = record["uri"]
            record = next((r for r in records if _parent(r) == here), None)
        return found

    def copies(self, account: Account, text: str) -> int:
        records = read_thread(self.pds, self.authors[account.handle])
        return sum(1 for record in records if record["text"] == text)

    def lose_next_answer(self, how: str) -> None:
        self.proxy.lose_next_answer(how)

    def replies_rule(self, account: Account, first: PostRef) -> str:
        gate = next((g for g in self._gates(account, THREADGATE) if g["post"] == first.uri), None)
        if gate is None:
            return "everyone"
        words = [RULES.get(rule["$type"], rule["$type"]) for rule in gate.get("allow") or []]
        return ",".join(words) or "nobody"

    def quote_rule(self, account: Account, post: PostRef) -> str:
        gate = next((g for g in self._gates(account, POSTGATE) if g["post"] == post.uri), None)
        rules = [rule["$type"] for rule in (gate or {}).get("embeddingRules") or []]
        return "nobody" if DISABLE_QUOTES in rules else "everyone"

    def _gates(self, account: Account, collection: str) -> list[dict[str, Any]]:
        """The account's gate records of `collection` (threadgates, postgates), as JSON."""
        author = self.authors[account.handle]
        client = self.pds.client(author)
        try:
            page = client.com.atproto.repo.list_records(
                models.ComAtprotoRepoListRecords.Params(
                    repo=author.did, collection=collection, limit=100
                )
            )
        finally:
            client.request.close()
        return [r.value.model_dump(by_alias=True, exclude_none=True) for r in page.records]

    def like(self, account: Account, post: PostRef) -> None:
        assert post.uri is not None and post.cid is not None
        subject = models.ComAtprotoRepoStrongRef.Main(uri=post.uri, cid=post.cid)
        created = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        client = self.pds.client(self.fan)
        try:
            client.app.bsky.feed.like.create(
                self.fan.did, models.AppBskyFeedLike.Record(subject=subject, created_at=created)
            )
        finally:
            client.request.close()

    def mentionable(self, account: Account) -> tuple[str, str]:
        return self.fan.handle, "nobody-here.test"

    def counted(self, account: Account) -> None:
        self.appview.wait_until_indexed(self.authors[account.handle], self.fan)

    def metrics_settings(self) -> dict[str, str]:
        return {"appview": self.appview.url}


def _as_posted(text: str, counter: NetworkCounter) -> str:
    """`text` as the official app posts it, each link shortened (by its own rule, on
    Node's URL parser): the record's text, which the PDS counts."""
    return counter.count(text).bluesky_posted


def _parent(record: dict[str, Any]) -> str | None:
    reply = record.get("reply")
    return str(reply["parent"]["uri"]) if reply else None


def _seen(record: dict[str, Any]) -> Seen:
    embed = record.get("embed") or {}
    images = tuple(
        Image(str(image.get("alt", "")), image["image"].get("size"))
        for image in embed.get("images", [])
    )
    return Seen(str(record["uri"]), str(record["text"]), _parent(record), images)
