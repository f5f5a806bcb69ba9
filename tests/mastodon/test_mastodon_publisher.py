"""The Mastodon publisher against the fake server, through Mastodon.py: reply chains,
visibility, the instance's own limits, idempotent retries, media, errors in one line."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from threadsmith import publish
from threadsmith.errors import (
    AmbiguousResult,
    AuthError,
    InputError,
    PublishError,
    RateLimited,
    ServiceError,
)
from threadsmith.platforms.base import Outgoing, PostRef
from threadsmith.platforms.mastodon import MastodonPublisher
from threadsmith.store import Store
from threadsmith.threading.mastodon_count import mastodon_length
from threadsmith.threading.models import Media

TEXTS = [
    f"Post {n} of the thread, with https://example.com/page/{n} in it. {n}/5" for n in range(1, 6)
]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


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


def run(
    store: Store, publisher: MastodonPublisher, texts: list[str] = TEXTS
) -> tuple[int, OffsetClock]:
    posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
    run_id = store.create_run("file:/essay.md", "mastodon", publisher.handle, posts).id
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


# --- images ------------------------------------------------------------------------------


def image(tmp_path: Path, name: str, data: bytes = PNG) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_images_go_up_with_alt_text_and_the_status_waits_until_processed(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    waits: list[str] = []
    clock = OffsetClock()
    publisher = make_publisher(
        fake_mastodon, on_wait=waits.append, sleep=clock.sleep, clock=clock.now
    )
    media = (Media(image(tmp_path, "chart.png"), "A bar chart of pay"),
             Media(image(tmp_path, "photo.png"), "Teachers marching"))  # fmt: skip
    publisher.send(Outgoing(1, "Look 1/", media), key="k", root=None, parent=None)
    stored = fake_mastodon.statuses[0]
    assert [fake_mastodon.media[m].description for m in stored.media_ids] == [
        "A bar chart of pay", "Teachers marching",
    ]  # fmt: skip
    assert [fake_mastodon.media[m].data for m in stored.media_ids] == [PNG, PNG]
    assert any("processing chart.png" in line for line in waits)
    assert 0 < sum(clock.slept) < 10  # two polls each, with a growing pause


def test_media_that_is_never_processed_stops_after_a_bounded_wait(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    fake_mastodon.media_polls = 10_000
    clock = OffsetClock()
    publisher = make_publisher(fake_mastodon, media_wait=30, sleep=clock.sleep, clock=clock.now)
    with pytest.raises(ServiceError, match=r"still processing chart\.png after 30 s"):
        publisher.send(Outgoing(1, "x", (Media(image(tmp_path, "chart.png"), "alt"),)),
                       key="k", root=None, parent=None)  # fmt: skip
    assert fake_mastodon.statuses == []
    assert 30 <= sum(clock.slept) <= 34 and max(clock.slept) == 4.0


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("notes.pdf", 8, r"notes\.pdf: not an image this instance accepts \(image/jpeg"),
        (
            "huge.png",
            144_000,
            r"huge\.png: 144,000 bytes; this instance takes images up to 100,000",
        ),
    ],
    ids=["not-an-image", "too-big"],
)
def test_an_image_the_instance_refuses_is_refused_before_any_upload(
    fake_mastodon: FakeMastodon, tmp_path: Path, name: str, size: int, message: str
) -> None:
    fake_mastodon.image_size_limit = 100_000
    publisher = make_publisher(fake_mastodon)
    good = Media(image(tmp_path, "good.png"), "fine")
    with pytest.raises(InputError, match=message):
        publisher.send(Outgoing(1, "x", (good, Media(image(tmp_path, name, b"%" * size), "alt"))),
                       key="k", root=None, parent=None)  # fmt: skip
    assert fake_mastodon.media == {} and fake_mastodon.statuses == []


def test_alt_text_over_the_instance_limit_is_refused(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    publisher = make_publisher(fake_mastodon)
    with pytest.raises(InputError, match="alt text of 1,501 characters; this instance takes 1,500"):
        publisher.send(Outgoing(1, "x", (Media(image(tmp_path, "a.png"), "a" * 1501),)),
                       key="k", root=None, parent=None)  # fmt: skip


# --- continuing a thread -------------------------------------------------------------


def test_reply_to_an_existing_thread_of_this_instance(
    fake_mastodon: FakeMastodon, publisher: MastodonPublisher
) -> None:
    refs = send_thread(publisher, TEXTS[:3])
    root, parent = publisher.resolve(refs[2].url)
    assert (root.id, parent.id) == (refs[0].id, refs[2].id)
    with pytest.raises(InputError, match="not a Mastodon post link"):
        publisher.resolve("https://example.com/blog/post")


# --- kill -9 mid-thread, then resume --------------------------------------------------

CHILD = """
import sys
from pathlib import Path
from threadsmith import publish
from threadsmith.platforms.mastodon import MastodonPublisher
from threadsmith.store import Store

database, run_id, handle, instance = sys.argv[1:5]
publisher = MastodonPublisher(handle, instance, sys.stdin.readline().strip(), timeout=5)
publish.run(Store(Path(database)), int(run_id), publisher, delay=0.15)
"""


def test_kill_9_at_random_points_then_resume(fake_mastodon: FakeMastodon, tmp_path: Path) -> None:
    texts = [f"Post {n} of a long thread about school funding. {n}/16" for n in range(1, 17)]
    database = tmp_path / "threadsmith.db"
    with closing(Store(database)) as store:
        posts = [Outgoing(n, text) for n, text in enumerate(texts, start=1)]
        run_id = store.create_run("file:/essay.md", "mastodon", "tester", posts).id
    # some answers come late, so that some kills land between the server's work and the journal
    fake_mastodon.slow_seconds = 0.4
    fake_mastodon.fail("POST /api/v1/statuses", *(["ok", "slow"] * 8))
    handle = f"tester@{fake_mastodon.host}"
    command = [sys.executable, "-c", CHILD, str(database), str(run_id), handle, fake_mastodon.url]
    chooser = random.Random(20261127)
    kills = 0
    for _ in range(6):
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdin is not None
        child.stdin.write(fake_mastodon.token + "\n")
        child.stdin.flush()  # stays open: communicate() closes it
        time.sleep(chooser.uniform(0.8, 2.0))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.communicate(timeout=60)
    finished = subprocess.run(command, input=fake_mastodon.token + "\n", capture_output=True,
                              text=True, timeout=120)  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert kills >= 2
    assert_chain(fake_mastodon, texts)
    with closing(Store(database)) as store:
        assert all(p.state == "sent" for p in store.run_posts(run_id))
        assert [p.ref.id for p in store.run_posts(run_id) if p.ref] == [
            s.id for s in fake_mastodon.statuses
        ]
