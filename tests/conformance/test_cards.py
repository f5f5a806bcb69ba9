"""The conformance suite on link cards: a network whose own app puts a card under a link
(Bluesky; it declares the `cards` option) makes it when the thread is planned, from the
page served on 127.0.0.1, journals it with the run and sends it; `cards: false` sends
none. A network that makes its own cards from the text (X, Mastodon, Threads) is told
nothing: no card planned, no note, the page never read.

Every test here logs in on the network's server (the real keyring: `realparts`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from atproto import models

from conformance.harness import Harness
from conformance.publishing import essay, plan, publish_essay
from support.pages import DESCRIPTION, TITLE, Pages, og_page, png
from support.pds import read_thread
from threadsmith.journal import PostRef
from threadsmith.network import Account, Network
from threadsmith.store import Store

pytestmark = pytest.mark.usefixtures("fresh_cards")


def bluesky_card(live: Harness, account: Account, ref: PostRef) -> dict[str, Any] | None:
    """The post's external embed on the PDS, its thumbnail checked to be a blob there."""
    pds, author = live.pds, live.authors[account.handle]  # type: ignore[attr-defined]
    (record,) = [r for r in read_thread(pds, author) if r["uri"] == ref.uri]
    embed = record.get("embed")
    if embed is None:
        return None
    assert isinstance(embed, dict) and embed["$type"] == "app.bsky.embed.external"
    external: dict[str, Any] = embed["external"]
    if (thumb := external.get("thumb")) is not None:  # a blob the PDS holds
        link = thumb["ref"]
        cid = str(link["$link"] if isinstance(link, dict) else link)
        client = pds.client(author)
        try:
            params = models.ComAtprotoSyncGetBlob.Params(did=author.did, cid=cid)
            assert len(client.com.atproto.sync.get_blob(params)) == thumb["size"]
        finally:
            client.request.close()
    return external


# How a network with cards shows one on its server: each has its reader here.
CARD_ON_SERVER: dict[str, Callable[[Harness, Account, PostRef], dict[str, Any] | None]] = {
    "bluesky": bluesky_card,
}


def makes_cards(network: Network) -> bool:
    return any(option.name == "cards" for option in network.publish_options)


def linking(tmp_path: Path, url: str) -> Path:
    return essay(
        tmp_path,
        "Schools need a fair funding settlement, and they need it this year.",
        f"Read the letter: {url}",
    )


def test_a_network_with_cards_sends_the_card_planned_and_the_others_none(
    live: Harness, network: Network, account: Account, store: Store, pages: Pages,
    tmp_path: Path,
) -> None:  # fmt: skip
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = png(600, 315)
    path = linking(tmp_path, pages.url("/letter"))
    target = plan(store, account, path).targets[0]
    assert target.notes == ()
    done = publish_essay(store, account, path)
    first, last = done.target.posts[0], done.target.posts[-1]
    journalled = store.run_posts(done.run_id)[-1].card
    assert first.card is None

    if not makes_cards(network):
        assert last.card is None and journalled is None
        assert pages.hits["/letter"] == 0  # told nothing, asked nothing
        return
    assert last.card is not None and last.card.title == TITLE and journalled == last.card
    reader = CARD_ON_SERVER.get(network.name)
    assert reader is not None, f"{network.name} makes cards: give the test its reader"
    shown = reader(live, account, done.refs[-1])
    assert shown is not None
    assert (shown["uri"], shown["title"], shown["description"]) == (
        pages.url("/letter"), TITLE, DESCRIPTION,
    )  # fmt: skip
    assert shown.get("thumb") is not None


def test_cards_false_sends_none_and_where_a_network_makes_its_own_says_so(
    live: Harness, network: Network, account: Account, store: Store, pages: Pages,
    tmp_path: Path,
) -> None:  # fmt: skip
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION)
    path = linking(tmp_path, pages.url("/letter"))
    target = plan(store, account, path, {"cards": "false"}).targets[0]
    done = publish_essay(store, account, path, {"cards": "false"})
    assert [post.card for post in done.target.posts] == [None, None]
    assert pages.hits["/letter"] == 0
    if makes_cards(network):
        assert target.not_offered == ()
        assert CARD_ON_SERVER[network.name](live, account, done.refs[-1]) is None
    else:  # its own app's card shows all the same: said, not hidden
        assert target.not_offered == (
            f"{network.display_name} does not offer --no-cards (link cards): not applied there",
        )
