"""Who may reply on X: `reply_settings` on each post, as X's API takes it; the values X
does not offer are reported by the planner, never sent."""

from __future__ import annotations

import pytest

from support.fake_x import KEPT, FakeX
from threadsmith.essay import SplitOptions, options_not_offered, publish_options
from threadsmith.journal import Outgoing
from threadsmith.network import Account, Secrets, network_named

ESSAY = "A thread about school funding. It matters to every child in every classroom."


@pytest.fixture
def fake(fake_x: FakeX) -> FakeX:
    return fake_x


def publish_thread(replies: str) -> None:
    network = network_named("x")
    options = publish_options(ESSAY, network, SplitOptions(publish={"replies": replies}))
    secrets = Secrets(KEPT)
    sender = network.open_publisher(Account(network, "campaigner"), secrets, print, options)
    try:
        root = parent = None
        for number in (1, 2, 3):
            ref = sender.send(Outgoing(number, f"Post {number}/3"), key=None, root=root,
                              parent=parent)  # fmt: skip
            root, parent = root or ref, ref
    finally:
        sender.close()


@pytest.mark.parametrize(
    ("replies", "sent"),
    [("following", "following"), ("mentioned", "mentionedUsers"), ("everyone", "everyone")],
)
def test_reply_settings_on_every_post(fake: FakeX, replies: str, sent: str) -> None:
    publish_thread(replies)
    assert [tweet["reply_settings"] for tweet in fake.tweets] == [sent] * 3


@pytest.mark.parametrize("replies", ["followers", "nobody"])
def test_what_x_does_not_offer_is_said_and_not_sent(fake: FakeX, replies: str) -> None:
    network = network_named("x")
    asked = SplitOptions(publish={"replies": replies})
    (said,) = options_not_offered(ESSAY, network, asked)
    assert said == (
        f"X does not offer replies: {replies} (it offers everyone, following, mentioned): "
        "not applied there"
    )
    assert "replies" not in publish_options(ESSAY, network, asked)
    publish_thread(replies)
    assert [tweet["reply_settings"] for tweet in fake.tweets] == ["everyone"] * 3


def test_x_has_no_quote_setting_and_says_so() -> None:
    text = "---\nquotes: false\nreplies: following\n---\n" + ESSAY
    assert options_not_offered(text, network_named("x"), SplitOptions()) == (
        "X does not offer --no-quotes (who may quote the posts): not applied there",
    )
