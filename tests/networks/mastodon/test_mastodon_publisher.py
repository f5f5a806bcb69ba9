"""The Mastodon publisher against the fake server, through Mastodon.py: reply chains,
visibility, the instance's own limits, idempotent retries and resuming, errors in one line,
continuing a thread."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.mastodon_run import OffsetClock, assert_chain, make_publisher, send_thread
from threadsmith import publish
from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    InputError,
    PublishError,
    RateLimited,
    ServiceError,
)
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import network_named
from threadsmith.networks.mastodon.publisher import MastodonPublisher
from threadsmith.store import Store
from threadsmith.threading.mastodon_count import mastodon_length

TEXTS = [
    f"Post {n} of the thread, with https://example.com/page/{n} in it. {n}/5" for n in range(1, 6)
]


@pytest.fixture
def publisher(fake_mastodon: FakeMastodon) -> Iterator[MastodonPublisher]:
    opened = make_publisher(fake_mastodon)
    yield opened
    opened.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


def run(
    store: Store, publisher: MastodonPublisher, texts: list[str] = TEXTS
) -> tuple[int, OffsetClock]:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    run_id = store.create_run(
        "file:/essay.md", network_named("mastodon"), publisher.handle, posts
    ).id
    return run_id, OffsetClock()


def go(
    store: Store, run_id: int, publisher: MastodonPublisher, clock: OffsetClock
) -> list[publish.Event]:
    events: list[publish.Event] = []
    publish.run(
        store, run_id, publisher, on_event=events.append, sleep=clock.sleep, clock=clock.now
    )
    return events


# --- a thread -------------------------------------------------------------------------


def test_a_thread_is_chained_with_the_first_post_public_and_replies_unlisted(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    refs = send_thread(publisher, TEXTS)
    assert_chain(fake_mastodon, TEXTS)
    assert [s.visibility for s in fake_mastodon.statuses] == ["public"] + ["unlisted"] * 4
    assert [r.id for r in refs] == [s.id for s in fake_mastodon.statuses]
    assert refs[0].url == f"{fake_mastodon.url}/@tester/{refs[0].id}"
    keys = [s.idempotency_key for s in fake_mastodon.statuses]
    assert all(keys) and len(set(keys)) == len(keys)


def test_visibility_language_and_content_warning_go_on_every_post(
    fake_mastodon: FakeMastodon,
) -> None:
    publisher = make_publisher(
        fake_mastodon, visibility="private", language="cy", spoiler_text="Pay and conditions"
    )
    send_thread(publisher, TEXTS[:3])
    stored = [(s.visibility, s.language, s.spoiler_text) for s in fake_mastodon.statuses]
    assert stored == [("private", "cy", "Pay and conditions")] * 3
    with pytest.raises(InputError, match="visibility must be one of"):
        make_publisher(fake_mastodon, visibility="everyone")


def test_an_instance_allowing_1000_characters_takes_a_900_character_post(
    fake_mastodon: FakeMastodon,
) -> None:
    fake_mastodon.max_characters = 1000
    publisher = make_publisher(fake_mastodon)
    assert publisher.limits.max_characters == 1000
    text = ("Teachers deserve better. " * 36)[:-1] + " https://example.com/" + "a" * 80
    assert 500 < mastodon_length(text, publisher.limits.characters_reserved_per_url) <= 1000
    assert len(text) > 900
    send_thread(publisher, [text])
    assert [s.text for s in fake_mastodon.statuses] == [text]
    with pytest.raises(PublishError, match="Text character limit of 1000 exceeded") as refused:
        send_thread(publisher, ["x" * 1001])
    assert not isinstance(refused.value, ServiceError | AmbiguousResult)  # not worth retrying


# --- nothing twice, nothing lost ----------------------------------------------------


def test_a_lost_answer_then_a_retry_with_the_same_key_makes_one_status(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    first = publisher.send(Outgoing(1, TEXTS[0]), key=publisher.new_key(), root=None, parent=None)
    key = publisher.new_key()
    fake_mastodon.fail("POST /api/v1/statuses", "drop-after")
    with pytest.raises(
        AmbiguousResult, match="the connection dropped while trying to publish post 2"
    ):
        publisher.send(Outgoing(2, TEXTS[1]), key=key, root=first, parent=first)
    again = publisher.send(Outgoing(2, TEXTS[1]), key=key, root=first, parent=first)
    assert len(fake_mastodon.statuses) == 2
    assert again.id == fake_mastodon.statuses[1].id
    assert_chain(fake_mastodon, TEXTS[:2])


def test_the_run_survives_lost_answers_timeouts_and_server_errors(
    fake_mastodon: FakeMastodon, store: Store
) -> None:
    publisher = make_publisher(fake_mastodon, timeout=0.5)
    fake_mastodon.slow_seconds = 1.5
    fake_mastodon.fail(
        "POST /api/v1/statuses", "ok", "drop-after", "drop-before", "slow", "500", "502"
    )
    run_id, clock = run(store, publisher)
    events = go(store, run_id, publisher, clock)
    assert_chain(fake_mastodon, TEXTS)
    assert all(p.state == "sent" for p in store.run_posts(run_id))
    assert isinstance(events[-1], publish.Finished)


def test_after_the_idempotency_window_the_post_is_found_among_recent_statuses(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    root = publisher.send(Outgoing(1, "Start 1/"), key=publisher.new_key(), root=None, parent=None)
    text = ("Ask @alice@example.social & @bob: is 3 < 4?\n\nRead "
            "https://example.com/a/very/long/path/that/is/cut/in/the/html #EdChat 2/")  # fmt: skip
    sent = publisher.send(Outgoing(2, text), key="k-2", root=root, parent=root)
    fake_mastodon.clock_offset = 3601  # the key is forgotten
    found = publisher.find_sent(Outgoing(2, text), key="k-2", parent=root)
    assert found is not None and found.id == sent.id
    assert publisher.find_sent(Outgoing(2, text + " edited"), key="k-2", parent=root) is None
    assert publisher.find_sent(Outgoing(2, text), key="k-2", parent=None) is None  # not a reply
    assert publisher.find_sent(Outgoing(1, "Start 1/"), key="k-1", parent=None) == root


def test_an_unreadable_timeline_leaves_the_question_open(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    fake_mastodon.fail("GET /api/v1/accounts/:id/statuses", "503")
    publisher.send(Outgoing(1, "one"), key="k", root=None, parent=None)
    with pytest.raises(AmbiguousResult, match="nothing was resent"):
        publisher.find_sent(Outgoing(1, "one"), key="k", parent=None)


def test_a_run_interrupted_mid_thread_resumes_without_duplicates(
    fake_mastodon: FakeMastodon, store: Store
) -> None:
    publisher = make_publisher(fake_mastodon)
    run_id, clock = run(store, publisher)

    class Killed(BaseException):
        pass

    def die_while_sending_post_3(event: publish.Event) -> None:
        if isinstance(event, publish.Sending) and event.number == 3:
            publisher.send(Outgoing(3, TEXTS[2]), key=store.run_posts(run_id)[2].record_key,
                           root=None, parent=PostRef(fake_mastodon.statuses[1].id, ""))  # fmt: skip
            raise Killed  # the request went out; the process died before the answer

    with pytest.raises(Killed):
        publish.run(store, run_id, publisher, on_event=die_while_sending_post_3,
                    sleep=clock.sleep, clock=clock.now)  # fmt: skip
    assert [p.state for p in store.run_posts(run_id)][:3] == ["sent", "sent", "sending"]
    resumed = make_publisher(fake_mastodon)
    go(store, run_id, resumed, clock)
    assert_chain(fake_mastodon, TEXTS)


# --- refusals, one line each ---------------------------------------------------------


def test_a_rate_limit_waits_for_the_reset_the_server_gives(
    fake_mastodon: FakeMastodon, store: Store
) -> None:
    fake_mastodon.rate_limit_reset_in = 5
    fake_mastodon.fail("POST /api/v1/statuses", "ok", "429")
    publisher = make_publisher(fake_mastodon)
    run_id, clock = run(store, publisher)
    events = go(store, run_id, publisher, clock)
    assert_chain(fake_mastodon, TEXTS)
    waits = [e.seconds_left for e in events if isinstance(e, publish.Waiting)]
    assert 3 <= waits[0] <= 6 and len(waits) >= 3
    assert 3 <= sum(clock.slept) <= 7


def test_429_carries_the_reset_time(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    fake_mastodon.rate_limit_reset_in = 60
    fake_mastodon.fail("POST /api/v1/statuses", "429")
    with pytest.raises(RateLimited) as limited:
        publisher.send(Outgoing(1, "x"), key="k", root=None, parent=None)
    assert limited.value.reset_at is not None and 55 < limited.value.reset_at - time.time() <= 61


def test_a_refused_token_stops_with_the_journal_intact_then_resumes(
    fake_mastodon: FakeMastodon, store: Store
) -> None:
    publisher = make_publisher(fake_mastodon)
    fake_mastodon.fail("POST /api/v1/statuses", "ok", "ok", "401")
    run_id, clock = run(store, publisher)
    with pytest.raises(AuthError) as refused:
        go(store, run_id, publisher, clock)
    assert str(refused.value) == (
        f"{fake_mastodon.host} refused to publish post 3: The access token is invalid (HTTP 401)"
    )
    assert [p.state for p in store.run_posts(run_id)] == [
        "sent",
        "sent",
        "failed",
        "pending",
        "pending",
    ]
    go(store, run_id, publisher, clock)
    assert_chain(fake_mastodon, TEXTS)


def test_a_validation_error_is_not_retried(fake_mastodon: FakeMastodon, store: Store) -> None:
    publisher = make_publisher(fake_mastodon)
    fake_mastodon.fail("POST /api/v1/statuses", "ok", "422")
    run_id, clock = run(store, publisher)
    with pytest.raises(
        PublishError, match=r"^127\.0\.0\.1:[0-9]+ refused to publish post 2: Validation"
    ):
        go(store, run_id, publisher, clock)
    assert [p.state for p in store.run_posts(run_id)][:3] == ["sent", "failed", "pending"]
    assert fake_mastodon.requests.count(("POST", "/api/v1/statuses")) == 2


# --- continuing a thread -------------------------------------------------------------


def test_reply_to_an_existing_thread_of_this_instance(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    refs = send_thread(publisher, TEXTS[:3])
    root, parent = publisher.resolve(refs[2].url)
    assert (root.id, parent.id) == (refs[0].id, refs[2].id)
    with pytest.raises(InputError, match="not a Mastodon post link"):
        publisher.resolve("https://example.com/blog/post")
