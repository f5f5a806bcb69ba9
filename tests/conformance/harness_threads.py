"""Threads' harness: the fake Threads API (tests/support/fake_threads.py), real HTTP on
127.0.0.1 that the network's httpx client talks to, logged in through the OAuth code
flow a person goes through. Images go by their public address, which the fake
"downloads" from what the harness hosts there."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from conformance.harness import Harness, Image, Login, Seen
from support.fake_threads import FakeThreads
from support.network_counts import NetworkCounter
from threadsmith.journal import PostRef
from threadsmith.network import Account
from threadsmith.networks.threads.counting import LIMIT, distinct_links, threads_length

REPLY_CONTROLS = {
    "everyone": "everyone",
    "accounts_you_follow": "following",
    "mentioned_only": "mentioned",
    "followers_only": "followers",
}


class ThreadsHarness(Harness):
    network = "threads"
    replies_offered = ("following", "mentioned", "followers")
    metrics_fields = ("impressions", "likes", "replies", "reposts", "quotes")
    max_images = 1
    limit = LIMIT

    def __init__(self) -> None:
        self.fake = FakeThreads()

    @classmethod
    def start(cls, request: pytest.FixtureRequest) -> ThreadsHarness:
        return cls()

    def stop(self) -> None:
        self.fake.stop()

    def new_login(self) -> Login:
        answers = {
            "service": self.fake.url, "app_id": self.fake.app_id,
            "app_secret": self.fake.app_secret, "redirect_uri": "https://example.org/back",
            "code": self.fake.code,
        }  # fmt: skip
        return Login(answers, (self.fake.token,), interactive=True)

    def length(self, text: str, counter: NetworkCounter) -> int:
        return threads_length(text)

    def refused(self, text: str, counter: NetworkCounter) -> str | None:
        if distinct_links(text) > 5:
            return f"{distinct_links(text)} links"
        return super().refused(text, counter)

    def image_source(self, path: Path) -> str:
        address = f"https://images.example.org/{secrets.token_hex(4)}/{path.name}"
        self.fake.host_image(address, path.read_bytes())
        return address

    def id_of(self, ref: PostRef) -> str:
        return ref.id

    def thread(self, account: Account, first: PostRef) -> list[Seen]:
        found: list[Seen] = []
        with self.fake.lock:
            post = next((p for p in self.fake.posts if p.id == first.id), None)
            while post is not None:
                images = (Image(post.alt_text or "", post.image_size),) if post.image_url else ()
                found.append(Seen(post.id, post.text, post.reply_to, images))
                here = post.id
                post = next((p for p in self.fake.posts if p.reply_to == here), None)
        return found

    def copies(self, account: Account, text: str) -> int:
        with self.fake.lock:
            return sum(1 for post in self.fake.posts if post.text == text)

    def lose_next_answer(self, how: str) -> None:
        kind = "503-after" if how == "5xx" else "drop-after"
        self.fake.fail("POST /:user/threads_publish", kind)

    def replies_rule(self, account: Account, first: PostRef) -> str:
        with self.fake.lock:
            post = next(p for p in self.fake.posts if p.id == first.id)
            return REPLY_CONTROLS[post.reply_control]

    def like(self, account: Account, post: PostRef) -> None:
        with self.fake.lock:
            self.fake.likes[post.id] = self.fake.likes.get(post.id, 0) + 1

    def mentionable(self, account: Account) -> tuple[str, str]:
        return "alice", "zed.nobody"
