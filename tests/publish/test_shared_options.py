"""The networks' publish options side by side, as `thread publish --help` and the app's
publish form name them: each once, with which networks take it."""

from __future__ import annotations

from threadsmith.network import network_named, networks
from threadsmith.network.options import shared_options


def test_each_option_once_in_declared_order_with_its_networks() -> None:
    found = {shared.option.name: shared.where for shared in shared_options(networks())}
    assert list(found) == ["replies", "quotes", "cards", "visibility", "cw", "lang"]
    assert found["replies"] == (
        "Bluesky; X only everyone, following, mentioned; "
        "Threads only everyone, following, mentioned, followers"
    )
    assert found["quotes"] == "Mastodon; Bluesky only everyone, nobody"
    assert found["visibility"] == found["cw"] == found["lang"] == "Mastodon"
    assert found["cards"] == "Bluesky"


def test_only_the_networks_given_and_the_choices_of_the_first_declaring_it() -> None:
    (replies,) = shared_options([network_named("x")])
    assert replies.where == "X only everyone, following, mentioned"
    assert replies.option.choices[0] == "everyone"  # every choice, X's offered ones apart
    assert shared_options([]) == []
