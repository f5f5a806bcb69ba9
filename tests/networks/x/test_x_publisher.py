"""XPublisher against a fake of X API v2 on `responses` (tweepy's own code runs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.fake_x import SECRETS, FakeX
from support.images import png
from threadsmith.errors import AmbiguousResult, AuthError, ByHand, RateLimited
from threadsmith.journal import Outgoing
from threadsmith.networks.x import IMAGES
from threadsmith.networks.x import publisher as x
from threadsmith.threading.models import Media


@pytest.fixture
def fake(fake_x: FakeX) -> FakeX:
    return fake_x


@pytest.fixture
def publisher(fake: FakeX) -> Iterator[x.XPublisher]:
    made = x.XPublisher("campaigner", *SECRETS, IMAGES)
    yield made
    made.close()


def test_verify_returns_the_username(fake: FakeX) -> None:
    assert x.verify(*SECRETS) == "campaigner"
    assert fake.seen_authorization[-1].startswith("OAuth ")


def test_wrong_keys_are_an_auth_error_without_secrets(fake: FakeX) -> None:
    with pytest.raises(AuthError) as caught:
        x.verify("another-key", *SECRETS[1:])
    assert "Unauthorized" in str(caught.value)
    assert not any(secret in str(caught.value) for secret in SECRETS)


def test_a_25_post_reply_chain(fake: FakeX, publisher: x.XPublisher) -> None:
    root = parent = None
    for number in range(1, 26):
        ref = publisher.send(
            Outgoing(number, f"Post {number}/25"), key=None, root=root, parent=parent
        )
        assert ref.url == f"https://x.com/campaigner/status/{ref.id}"
        root, parent = root or ref, ref
    assert [t["text"] for t in fake.tweets] == [f"Post {n}/25" for n in range(1, 26)]
    assert fake.tweets[0]["in_reply_to"] is None
    for previous, tweet in zip(fake.tweets, fake.tweets[1:], strict=False):
        assert tweet["in_reply_to"] == previous["id"]
        assert tweet["conversation_id"] == fake.tweets[0]["id"]


def test_images_with_alt_text_via_the_v2_media_endpoints(
    fake: FakeX, publisher: x.XPublisher, tmp_path: Path
) -> None:
    image = png(tmp_path / "chart.png")
    media = (Media(str(image), "Funding per pupil, 2010-2025"), Media(str(image), ""))
    publisher.send(Outgoing(1, "With charts", media), key=None, root=None, parent=None)
    (tweet,) = fake.tweets
    assert len(tweet["media_ids"]) == 2
    assert [fake.media[m]["alt"] for m in tweet["media_ids"]] == [
        "Funding per pupil, 2010-2025",
        None,
    ]


def test_rate_limit_carries_the_reset(fake: FakeX, publisher: x.XPublisher) -> None:
    fake.script.append("429")
    with pytest.raises(RateLimited) as caught:
        publisher.send(Outgoing(1, "Hello"), key=None, root=None, parent=None)
    assert caught.value.reset_at == fake.reset_at


def test_reply_refusal_keeps_x_words_verbatim(fake: FakeX, publisher: x.XPublisher) -> None:
    fake.script.append("403-reply")
    with pytest.raises(AuthError) as caught:
        publisher.send(Outgoing(2, "Reply"), key=None, root=None, parent=None)
    assert "You attempted to reply to a Tweet that is deleted or not visible to you." in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("refusal", "words", "why"),
    [
        ("403-restricted", "You can only reply to or quote posts", "but you may, on X itself"),
        ("402-credits", "does not have any credits", "no credits left"),
        ("403-plan", "attached to a Project", "plan does not allow posting"),
    ],
)
def test_a_refusal_a_person_can_get_around_says_so(
    fake: FakeX, publisher: x.XPublisher, refusal: str, words: str, why: str
) -> None:
    first = publisher.send(Outgoing(1, "Start"), key=None, root=None, parent=None)
    fake.script.append(refusal)
    with pytest.raises(ByHand) as caught:
        publisher.send(Outgoing(2, "More"), key=None, root=first, parent=first)
    assert words in str(caught.value) and why in str(caught.value)
    assert len(fake.tweets) == 1


@pytest.mark.parametrize("failure", ["503-after-write", "drop-after-write"])
def test_ambiguous_failure_then_lookup_finds_the_post(
    fake: FakeX, publisher: x.XPublisher, failure: str
) -> None:
    first = publisher.send(Outgoing(1, "First & foremost"), key=None, root=None, parent=None)
    fake.script.append(failure)
    post = Outgoing(2, "Second, see https://example.org/a")
    with pytest.raises(AmbiguousResult):
        publisher.send(post, key=None, root=first, parent=first)
    found = publisher.find_sent(post, key=None, parent=first)
    assert found is not None and found.id == fake.tweets[1]["id"]
    assert len(fake.tweets) == 2


def test_ambiguous_failure_before_the_write_is_certainly_absent(
    fake: FakeX, publisher: x.XPublisher
) -> None:
    fake.script.append("drop-before-write")
    post = Outgoing(1, "Never arrived")
    with pytest.raises(AmbiguousResult):
        publisher.send(post, key=None, root=None, parent=None)
    assert publisher.find_sent(post, key=None, parent=None) is None


def test_a_failed_lookup_refuses_to_guess(fake: FakeX, publisher: x.XPublisher) -> None:
    fake.timeline_fails = True
    with pytest.raises(AmbiguousResult, match="nothing was resent"):
        publisher.find_sent(Outgoing(1, "x"), key=None, parent=None)


def test_reply_to_an_existing_thread(fake: FakeX, publisher: x.XPublisher) -> None:
    first = publisher.send(Outgoing(1, "Start"), key=None, root=None, parent=None)
    second = publisher.send(Outgoing(2, "More"), key=None, root=first, parent=first)
    root, parent = publisher.resolve(f"https://x.com/campaigner/status/{second.id}")
    assert (root.id, parent.id) == (first.id, second.id)


def test_no_secret_in_any_error_or_repr(fake: FakeX, publisher: x.XPublisher) -> None:
    fake.script.extend(["401", "429", "503-after-write"])
    messages = [repr(publisher)]
    for _ in range(3):
        with pytest.raises(Exception) as caught:
            publisher.send(Outgoing(1, "x"), key=None, root=None, parent=None)
        messages += [str(caught.value), repr(caught.value)]
    assert not any(secret in message for secret in SECRETS[1:] for message in messages)
