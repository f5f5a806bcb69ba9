"""Mastodon's harness: the fake Mastodon server (tests/support/fake_mastodon.py), real
HTTP on 127.0.0.1 that Mastodon.py talks to, answering as Mastodon 4.5 (quote posts and
who may quote each status), with an instance limit of its own (not Mastodon's default
500) and the server's own counting as the fake implements it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from conformance.harness import Harness, Image, Login, Seen
from support.fake_mastodon import FakeMastodon
from support.fake_mastodon_entities import countable_length
from support.fake_mastodon_http import Reply, Request
from support.network_counts import NetworkCounter
from threadsmith.journal import PostRef
from threadsmith.network import Account

LIMIT = 640  # this instance's own limit: the network must read it from the server


class FailingMastodon(FakeMastodon):
    """The fake, which can also fail with a 503 once it has created a status."""

    fail_after_creating = False

    def create_status(self, request: Request) -> Any:
        created = super().create_status(request)
        if self.fail_after_creating:
            self.fail_after_creating = False
            raise Reply(503)
        return created


class MastodonHarness(Harness):
    network = "mastodon"
    replies_offered = ()  # a status has no setting for who may reply
    metrics_fields = ("likes", "reposts", "replies", "quotes")  # quotes_count: 4.5
    quotes_offered = ("followers", "nobody")  # `quote_approval_policy`, from Mastodon 4.5
    max_images = 4
    alt_limit = 1_500  # characters: the fake instance's `description_limit`
    limit = LIMIT
    own_limits = True
    finds_threads = True

    def __init__(self) -> None:
        # small images are ready at once, as Mastodon answers 200 for them (the 202 and
        # polling path: tests/networks/mastodon/test_mastodon_media.py)
        self.fake = FailingMastodon(release="4.5", max_characters=LIMIT, media_polls=0)
        self.fake.start()

    @classmethod
    def start(cls, request: pytest.FixtureRequest) -> MastodonHarness:
        return cls()

    def stop(self) -> None:
        self.fake.stop()

    def new_login(self) -> Login:
        # the out-of-band OAuth flow a person goes through: an app registered, the code
        # the authorisation page shows, exchanged for the token
        answers = {"instance": self.fake.url, "code": self.fake.code}
        return Login(answers, (self.fake.token,), interactive=True)

    def length(self, text: str, counter: NetworkCounter) -> int:
        return countable_length(text)[0]

    def id_of(self, ref: PostRef) -> str:
        return ref.id

    def thread(self, account: Account, first: PostRef) -> list[Seen]:
        found: list[Seen] = []
        status = next((s for s in self.fake.statuses if s.id == first.id), None)
        while status is not None:
            media = [self.fake.media[m] for m in status.media_ids]
            images = tuple(Image(m.description or "", len(m.data)) for m in media)
            found.append(Seen(status.id, status.text, status.in_reply_to_id, images))
            here = status.id
            status = next((s for s in self.fake.statuses if s.in_reply_to_id == here), None)
        return found

    def copies(self, account: Account, text: str) -> int:
        return sum(1 for status in self.fake.statuses if status.text == text)

    def lose_next_answer(self, how: str) -> None:
        if how == "5xx":
            self.fake.fail_after_creating = True
        else:
            self.fake.fail("POST /api/v1/statuses", "drop-after")

    def replies_rule(self, account: Account, first: PostRef) -> str:
        return "everyone"  # nothing on a status restricts replies

    def quote_rule(self, account: Account, post: PostRef) -> str:
        status = next(s for s in self.fake.statuses if s.id == post.id)
        kept = status.quote_policy  # in Mastodon's words: public, followers, nobody
        return "everyone" if kept is None or kept == "public" else kept

    def mentionable(self, account: Account) -> tuple[str, str]:
        return "alice@example.social", "zed@example.social"

    @contextmanager
    def limit_set_to(self, limit: int) -> Iterator[None]:
        with self.fake.lock:
            self.fake.max_characters = limit
        try:
            yield
        finally:
            with self.fake.lock:
                self.fake.max_characters = LIMIT

    def like(self, account: Account, post: PostRef) -> None:
        with self.fake.lock:
            self.fake.engagement.setdefault(post.id, {})["favourites_count"] = 1
