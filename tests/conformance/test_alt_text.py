"""Alt text, on every network's server: an image without it is refused before anything
is sent (unless the person allows it), and one as long as the network keeps arrives
whole, one character (or grapheme) more is refused before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.harness import Harness
from conformance.publishing import essay, plan, publish_essay
from support.images import png
from threadsmith.errors import InputError
from threadsmith.network import Account, Network
from threadsmith.store import Store

pytestmark = pytest.mark.realparts

FIRST = "Every chart in a campaign thread is described for those who cannot see it."
THIRD = "Accessibility is part of the message, not an afterthought."
FAMILY = "👨\u200d👩\u200d👧"  # one grapheme cluster of five code points


def test_an_image_without_alt_text_is_refused_before_anything_is_sent(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    source = live.image_source(png(tmp_path / "chart.png", 20, 15))
    path = essay(tmp_path, FIRST, f"The chart.\n\n![]({source})", THIRD)
    with pytest.raises(InputError, match=r"post 2: the image .* has no alt text"):
        plan(store, account, path)  # planned, nothing journalled: nothing can go


def test_an_alt_text_as_long_as_the_network_keeps_arrives_whole_and_no_longer_goes(
    live: Harness, network: Network, account: Account, store: Store, tmp_path: Path
) -> None:
    rules = network.image_rules(account)
    assert rules.alt_limit == live.alt_limit
    if live.alt_limit is None:
        return  # neither the server nor the network's app sets one: nothing to refuse
    unit = FAMILY if rules.alt_in_graphemes else "a"
    longest = unit * live.alt_limit
    source = live.image_source(png(tmp_path / "chart.png", 20, 15))
    done = publish_essay(store, account, essay(tmp_path, FIRST, f"![{longest}]({source})", THIRD))
    assert done.first is not None
    held = live.thread(account, done.first)
    assert [image.alt for image in held[1].images] == [longest]
    too_long = essay(tmp_path, FIRST, f"![{longest}{unit}]({source})", THIRD)
    with pytest.raises(InputError, match=rf"post 2: the alt text of .* {network.display_name} "):
        plan(store, account, too_long)
