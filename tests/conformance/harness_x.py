"""X's harness: the fake X API v2 (tests/support/fake_x.py) on `responses`, so tweepy's
own code runs end to end; counted by the official twitter-text (Node)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import responses

from conformance.harness import Harness, Image, Login, Seen
from support.fake_x import FakeX
from support.network_counts import NetworkCounter
from threadsmith.journal import PostRef
from threadsmith.network import Account

# X's `reply_settings` in threadsmith's words ("everyone" is X's default: no setting)
REPLIES = {"following": "following", "mentionedUsers": "mentioned", "everyone": "everyone"}


class XHarness(Harness):
    network = "x"
    replies_offered = ("following", "mentioned")
    metrics_fields = ("impressions", "likes", "reposts", "replies", "quotes", "bookmarks")
    max_images = 4
    alt_limit = 1_000  # characters: X API v2's media metadata
    limit = 280  # twitter-text's weighted length
    billed = True  # pay-per-use: each post and each read
    by_hand = True  # X's compose page, for people with no API access

    def __init__(self) -> None:
        self.keys = [f"{name}-{secrets.token_urlsafe(12)}" for name in ("key", "ks", "tok", "ts")]
        self.fake = FakeX(consumer_key=self.keys[0])

    @classmethod
    def start(cls, request: pytest.FixtureRequest) -> XHarness:
        return cls()

    @contextmanager
    def active(self) -> Iterator[None]:
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            self.fake.install(mock)
            mock.add_passthru("http://127.0.0.1")  # another network's local server
            yield

    def new_login(self) -> Login:
        names = ("api_key", "api_secret", "access_token", "access_secret")
        return Login(dict(zip(names, self.keys, strict=True)), tuple(self.keys))

    def length(self, text: str, counter: NetworkCounter) -> int:
        return counter.count(text).x

    def refused(self, text: str, counter: NetworkCounter) -> str | None:
        counts = counter.count(text)
        return None if counts.x_valid else f"twitter-text: {counts.x} of 280, not valid"

    def id_of(self, ref: PostRef) -> str:
        return ref.id

    def thread(self, account: Account, first: PostRef) -> list[Seen]:
        found: list[Seen] = []
        tweet = self._tweet(first.id)
        while tweet is not None:
            images = tuple(
                Image(self.fake.media[media]["alt"] or "", None) for media in tweet["media_ids"]
            )
            found.append(Seen(tweet["id"], tweet["text"], tweet["in_reply_to"], images))
            tweet = next((t for t in self.fake.tweets if t["in_reply_to"] == tweet["id"]), None)
        return found

    def copies(self, account: Account, text: str) -> int:
        return sum(1 for tweet in self.fake.tweets if tweet["text"] == text)

    def lose_next_answer(self, how: str) -> None:
        self.fake.script.append({"dropped": "drop-after-write", "5xx": "503-after-write"}[how])

    def replies_rule(self, account: Account, first: PostRef) -> str:
        tweet = self._tweet(first.id)
        assert tweet is not None
        setting = str(tweet["reply_settings"])
        return REPLIES.get(setting, setting)

    def like(self, account: Account, post: PostRef) -> None:
        self.fake.engagement.setdefault(post.id, {})["like_count"] = 1

    def mentionable(self, account: Account) -> tuple[str, str]:
        self.fake.other_users["educationgovuk"] = "1500000000000000077"
        return "educationgovuk", "no_such_user_42"

    def _tweet(self, tweet_id: str) -> dict[str, Any] | None:
        return next((t for t in self.fake.tweets if t["id"] == tweet_id), None)
