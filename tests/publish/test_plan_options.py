"""The planner says what a target network cannot do of what was asked (who may reply, who
may quote, a content warning…), for the CLI's and the app's previews: never silently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from threadsmith import publish
from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions
from threadsmith.network import network_named
from threadsmith.store import Store

ESSAY = "Schools need a fair funding settlement. The evidence is plain in every classroom."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    for name, handle in (("x", "campaigner"), ("bluesky", "head.test"), ("mastodon", "a@m.test")):
        opened.add_account(network_named(name), handle)
    yield opened
    opened.close()


def plan(store: Store, text: str, **given: str) -> dict[str, publish.Target]:
    planned = publish.plan(
        store, text, draft_key="file:/essay.md", base=Path("/"), accounts=store.accounts(),
        options=SplitOptions(publish=given),
    )  # fmt: skip
    return {target.account.network.name: target for target in planned.targets}


def test_mastodon_says_it_offers_no_reply_control_nor_quotes_before_it_knows_its_api(
    store: Store,
) -> None:
    targets = plan(store, ESSAY, replies="followers", quotes="false")
    assert targets["mastodon"].not_offered == (
        "Mastodon does not offer replies: followers (who may reply): not applied there",
        "Mastodon cannot apply --no-quotes (who may quote the posts): m.test has not said it "
        "can set who may quote a post (Mastodon 4.5 can); not applied there",
    )
    assert targets["bluesky"].not_offered == ()
    assert targets["bluesky"].options == {"replies": "followers", "quotes": "nobody"}
    assert targets["x"].not_offered[0].startswith("X does not offer replies: followers")
    assert targets["x"].options == {}  # nothing X cannot do is sent to it
    assert targets["mastodon"].options == {}


def test_a_mastodon_instance_whose_api_has_quote_posts_takes_who_may_quote(
    store: Store,
) -> None:
    (mastodon,) = [a for a in store.accounts() if a.network.name == "mastodon"]
    store.update_account_settings(mastodon, {"version": "4.5.2", "api_version": 7})
    targets = plan(store, ESSAY, quotes="followers")
    assert targets["mastodon"].options == {"quotes": "followers"}
    assert targets["mastodon"].not_offered == ()
    assert targets["bluesky"].options == {}  # a postgate cannot say followers
    assert targets["bluesky"].not_offered == (
        "Bluesky does not offer quotes: followers (it offers everyone, nobody): not applied there",
    )


def test_front_matter_asks_the_same_way(store: Store) -> None:
    text = "---\nreplies: mentioned\nquotes: false\ncw: politics\n---\n" + ESSAY
    targets = plan(store, text)
    assert targets["x"].options == {"replies": "mentioned"}
    assert targets["bluesky"].options == {"replies": "mentioned", "quotes": "nobody"}
    assert targets["bluesky"].not_offered == (
        "Bluesky does not offer cw (a content warning on every post): not applied there",
    )
    assert targets["mastodon"].options == {"cw": "politics"}


def test_asking_for_what_every_network_does_says_nothing(store: Store) -> None:
    targets = plan(store, ESSAY, replies="everyone", quotes="true")
    assert all(target.not_offered == () for target in targets.values())


def test_a_value_that_is_no_choice_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="replies must be one of everyone, following"):
        plan(store, "---\nreplies: friends\n---\n" + ESSAY)
