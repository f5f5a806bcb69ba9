"""Driving the Mastodon publisher against the fake server, for the tests of tests/mastodon."""

from __future__ import annotations

import time

from support.fake_mastodon import FakeMastodon
from threadsmith.journal import Outgoing, PostRef
from threadsmith.networks.mastodon.publisher import MastodonPublisher


def make_publisher(fake: FakeMastodon, **options: object) -> MastodonPublisher:
    options = {"timeout": 5, **options}
    return MastodonPublisher(f"tester@{fake.host}", fake.url, fake.token, **options)  # type: ignore[arg-type]


def send_thread(publisher: MastodonPublisher, texts: list[str]) -> list[PostRef]:
    refs: list[PostRef] = []
    for number, text in enumerate(texts, start=1):
        parent = refs[-1] if refs else None
        refs.append(
            publisher.send(
                Outgoing(number, text), key=publisher.new_key(), root=refs[0] if refs else None,
                parent=parent,
            )
        )  # fmt: skip
    return refs


def assert_chain(fake: FakeMastodon, texts: list[str]) -> None:
    assert [s.text for s in fake.statuses] == texts  # in order, each once
    assert fake.statuses[0].in_reply_to_id is None
    for previous, current in zip(fake.statuses, fake.statuses[1:], strict=False):
        assert current.in_reply_to_id == previous.id


class OffsetClock:
    """Real time plus what the run slept: a 429's reset (an epoch) arrives at once."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return time.time() + self.offset

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.offset += seconds
