"""The Threads publisher against the fake API, without the keyring: containers polled
with an injected clock (no real wait), an expired container made again, the journal
holding each container before it is published, and Meta's errors as threadsmith's."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from support.fake_threads import FakeThreads
from threadsmith import publish
from threadsmith.errors import AmbiguousResult, AuthError, RateLimited, Refused, ServiceError
from threadsmith.journal import Outgoing, PostState
from threadsmith.network import network_named
from threadsmith.networks import images
from threadsmith.networks.threads.account import Token
from threadsmith.networks.threads.publisher import ThreadsPublisher
from threadsmith.store import Store
from threadsmith.threading.models import Media


class Clock:
    """A clock that moves only when the publisher sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


OPENED: list[ThreadsPublisher] = []


@pytest.fixture(autouse=True)
def _closed() -> Iterator[None]:
    """Every publisher a test opened is closed after it (its connections with it)."""
    yield
    while OPENED:
        OPENED.pop().close()


def publisher(
    fake: FakeThreads,
    clock: Clock | None = None,
    saved: list[Mapping[str, str]] | None = None,
    token: Token | None = None,
    replies: str | None = None,
) -> ThreadsPublisher:
    clock = clock or Clock()
    now = int(time.time())
    opened = ThreadsPublisher(
        fake.username, fake.url, token or Token(fake.token, fake.user_id, now, now + 86400 * 60),
        (saved if saved is not None else []).append, sleep=clock.sleep,
        clock=lambda: clock.now, replies=replies,
    )  # fmt: skip
    OPENED.append(opened)
    return opened


def test_an_image_container_is_polled_until_finished_without_real_waiting(
    fake_threads: FakeThreads,
) -> None:
    fake_threads.image_polls = 3
    fake_threads.host_image("https://images.example.org/a.png", b"\x89PNG")
    clock = Clock()
    sender = publisher(fake_threads, clock)
    post = Outgoing(1, "A chart.", (Media("https://images.example.org/a.png", "The chart"),))
    key = sender.prepare(post, key=None, root=None, parent=None)
    ref = sender.send(post, key=key, root=None, parent=None)
    (made,) = fake_threads.posts
    assert ref.id == made.id and made.alt_text == "The chart"
    assert clock.slept == [1.0, 2.0, 4.0]  # three IN_PROGRESS answers, each wait longer


def test_an_image_meta_cannot_download_is_refused_with_its_words(
    fake_threads: FakeThreads,
) -> None:
    fake_threads.image_polls = 0
    sender = publisher(fake_threads)
    post = Outgoing(1, "A chart.", (Media("https://images.example.org/gone.png", ""),))
    with pytest.raises(Refused, match="Threads could not make post 1: UNKNOWN"):
        sender.send(post, key=None, root=None, parent=None)
    assert fake_threads.posts == []


def test_a_container_that_never_finishes_stops_within_the_bounded_wait(
    fake_threads: FakeThreads,
) -> None:
    fake_threads.image_polls = 10**6
    fake_threads.host_image("https://images.example.org/slow.png", b"x")
    clock = Clock()
    sender = publisher(fake_threads, clock)
    post = Outgoing(1, "Slow.", (Media("https://images.example.org/slow.png", ""),))
    with pytest.raises(ServiceError, match="still preparing post 1 after 300 s"):
        sender.send(post, key=None, root=None, parent=None)
    assert 300 <= clock.now < 340


def test_an_expired_container_is_made_again_and_the_new_one_journalled(
    fake_threads: FakeThreads, tmp_path: Path
) -> None:
    store = Store(tmp_path / "threadsmith.db")
    threads = network_named("threads")
    posts = (Outgoing(1, "First (a1)."), Outgoing(2, "Second (a1)."))
    run = store.start_run("file:x.md", threads, fake_threads.username, posts).run
    assert run is not None
    sender = publisher(fake_threads)
    stale = sender.prepare(posts[0], key=None, root=None, parent=None)
    store.mark_sending(run.id, 1, stale)  # a run that stopped after journalling it
    fake_threads.containers[stale].status = "EXPIRED"  # a day went by

    publish.run(store, run.id, sender, sleep=lambda seconds: None)

    first, second = store.run_posts(run.id)
    assert first.record_key != stale and first.record_key in fake_threads.containers
    assert [p.state for p in (first, second)] == [PostState.SENT, PostState.SENT]
    assert [post.text for post in fake_threads.posts] == ["First (a1).", "Second (a1)."]
    assert fake_threads.containers[stale].published_as is None
    store.close()


def test_who_may_reply_goes_on_every_post(fake_threads: FakeThreads) -> None:
    sender = publisher(fake_threads, replies="mentioned")
    first = sender.send(Outgoing(1, "One."), key=None, root=None, parent=None)
    sender.send(Outgoing(2, "Two."), key=None, root=first, parent=first)
    assert [post.reply_control for post in fake_threads.posts] == ["mentioned_only"] * 2


@pytest.mark.parametrize(
    ("failure", "error", "said"),
    [
        ("429", RateLimited, "Threads asked us to slow down"),
        ("503", ServiceError, "Threads failed to prepare post 1"),
        ("drop-before", ServiceError, "dropped while trying to prepare post 1"),
    ],
)
def test_metas_failures_become_threadsmiths_errors(
    fake_threads: FakeThreads, failure: str, error: type[Exception], said: str
) -> None:
    fake_threads.fail("POST /:user/threads", failure)
    with pytest.raises(error, match=said):
        publisher(fake_threads).send(Outgoing(1, "One."), key=None, root=None, parent=None)


def test_a_lost_publish_answer_is_ambiguous_and_found_among_the_posts(
    fake_threads: FakeThreads,
) -> None:
    sender = publisher(fake_threads)
    post = Outgoing(1, "Lost  answer.")
    key = sender.prepare(post, key=None, root=None, parent=None)
    fake_threads.fail("POST /:user/threads_publish", "drop-after")
    with pytest.raises(AmbiguousResult):
        sender.send(post, key=key, root=None, parent=None)
    found = sender.find_sent(post, key=key, parent=None)
    assert found is not None and found.id == fake_threads.posts[0].id
    assert found.url.endswith(fake_threads.posts[0].shortcode)
    unsent = Outgoing(2, "Never published.")
    other = sender.prepare(unsent, key=None, root=None, parent=None)
    assert sender.find_sent(unsent, key=other, parent=None) is None  # certain: not out


def test_a_revoked_token_is_one_line_naming_no_secret(fake_threads: FakeThreads) -> None:
    now = int(time.time())
    revoked = Token("THAA-revoked", fake_threads.user_id, now, now + 86400)
    with pytest.raises(AuthError) as refused:
        publisher(fake_threads, token=revoked).send(
            Outgoing(1, "One."), key=None, root=None, parent=None
        )
    assert "run `thread login threads` again" in str(refused.value)
    assert "THAA-revoked" not in str(refused.value) and "\n" not in str(refused.value)


def test_a_token_past_its_expiry_is_not_sent_at_all(fake_threads: FakeThreads) -> None:
    now = int(time.time())
    expired = Token(fake_threads.token, fake_threads.user_id, now - 61 * 86400, now - 86400)
    with pytest.raises(AuthError, match="has expired: run `thread login threads` again"):
        publisher(fake_threads, token=expired)
    assert fake_threads.requests == []


def test_a_run_bigger_than_the_quota_left_sends_nothing(
    fake_threads: FakeThreads, tmp_path: Path
) -> None:
    store = Store(tmp_path / "threadsmith.db")
    posts = tuple(Outgoing(n, f"Post {n} (q1).") for n in range(1, 5))
    run = store.start_run("file:q.md", network_named("threads"), fake_threads.username, posts).run
    assert run is not None
    fake_threads.reply_quota_used = 998  # 2 replies left; the thread has 3

    with pytest.raises(Refused, match=r"needs 1 post and 3 replies.*2 of 1,000 replies left"):
        publish.run(store, run.id, publisher(fake_threads), sleep=lambda seconds: None)

    assert fake_threads.sent("POST /:user/threads") == 0
    assert {post.state for post in store.run_posts(run.id)} == {PostState.PENDING}
    store.close()


def test_an_image_not_at_a_public_https_address_goes_as_text_and_is_said(
    fake_threads: FakeThreads,
) -> None:
    sender = publisher(fake_threads)
    media = (Media("/home/me/chart.png", "A chart"), Media("http://example.org/a.png", "A"))
    for item in media:
        said = images.left_behind(item.path, network_named("threads").images, "Threads")
        assert said is not None and "this post goes as text" in said
        assert images.left_behind(item.path, network_named("x").images, "X") is None

    sender.prepare(Outgoing(1, "Charts.", media), key=None, root=None, parent=None)  # a try
    sender.send(Outgoing(1, "Charts.", media), key=None, root=None, parent=None)  # the next

    (made,) = fake_threads.posts
    assert made.image_url is None
    assert [line.split(" went as text")[0] for line in sender.warnings] == [
        "post 1: /home/me/chart.png", "post 1: http://example.org/a.png",
    ]  # fmt: skip


def test_a_journalled_container_meta_no_longer_has_is_made_again(
    fake_threads: FakeThreads,
) -> None:
    sender = publisher(fake_threads)
    made = sender.prepare(Outgoing(1, "Again."), key="17000000000000001", root=None, parent=None)
    assert made != "17000000000000001" and fake_threads.containers[made].text == "Again."
