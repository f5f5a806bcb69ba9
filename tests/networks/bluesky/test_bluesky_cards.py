"""Bluesky link cards, made as the official app makes them: read from a page served on
127.0.0.1 by the planner's bounded reader (OpenGraph tags, else the title and the meta
description; the picture made to fit 1,000,000 bytes), and sent as an
`app.bsky.embed.external` read back from a real PDS, its thumbnail a blob there."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from atproto import models

from support.pages import CHALLENGE, DESCRIPTION, TITLE, Page, Pages, og_page, plain_page, png
from support.pds import LocalPDS, PdsAccount, read_thread
from threadsmith.journal import Card, Outgoing
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky import publisher as bluesky
from threadsmith.networks.bluesky.cards import THUMBNAIL, with_cards
from threadsmith.publish.plan import read_for_card
from threadsmith.threading.models import Media
from threadsmith.threading.short_url import to_short_url as shown

pytestmark = pytest.mark.usefixtures("fresh_cards")


def carded(
    *texts: str, options: dict[str, str] | None = None
) -> tuple[list[Card | None], tuple[str, ...]]:
    posts = [Outgoing(number, text) for number, text in enumerate(texts, start=1)]
    made, notes = with_cards(posts, options or {}, read_for_card)
    return [post.card for post in made], notes


def test_a_card_has_the_pages_opengraph_title_description_and_picture(
    pages: Pages, tmp_path: Path
) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = png(600, 315)
    (card,), notes = carded(f"Read the letter: {pages.url('/letter')}")
    assert notes == ()
    assert card is not None
    assert (card.uri, card.title, card.description) == (pages.url("/letter"), TITLE, DESCRIPTION)
    assert card.site == "127.0.0.1"
    assert card.thumbnail is not None
    kept = Path(card.thumbnail)
    assert kept.read_bytes() == pages.pages["/picture.png"].body  # small enough: as it was
    assert kept.parent == tmp_path / "data" / "threadsmith" / "cards"
    assert kept.name == hashlib.sha256(kept.read_bytes()).hexdigest()


def test_without_opengraph_the_title_and_meta_description_make_the_card(pages: Pages) -> None:
    pages.pages["/plain"] = plain_page("A plain page", "Its own description")
    (card,), notes = carded(f"See {pages.url('/plain')}")
    assert notes == ()
    assert card == Card(pages.url("/plain"), "A plain page", "Its own description")


def test_the_last_link_of_a_post_makes_its_card_and_a_post_with_an_image_has_none(
    pages: Pages, tmp_path: Path
) -> None:
    pages.pages["/first"] = plain_page("First", "first")
    pages.pages["/last"] = plain_page("Last", "last")
    posts = [
        Outgoing(1, f"Two links: {pages.url('/first')} and {pages.url('/last')}"),
        Outgoing(2, f"An image and a link {pages.url('/first')}", (Media("a.png", "alt"),)),
        Outgoing(3, "No link at all."),
    ]
    made, notes = with_cards(posts, {}, read_for_card)
    assert [post.card.title if post.card else None for post in made] == ["Last", None, None]
    assert notes == ()
    assert pages.hits["/first"] == 0  # never read: the post with an image takes no card


def test_an_oversized_picture_is_re_encoded_under_a_million_bytes(pages: Pages) -> None:
    from PIL import Image

    pages.pages["/big"] = og_page(TITLE, DESCRIPTION, pages.url("/noise.png"))
    pages.pages["/noise.png"] = png(1400, 1000, noise=True)
    assert len(pages.pages["/noise.png"].body) > 4_000_000
    (card,), notes = carded(f"Big picture: {pages.url('/big')}")
    assert notes == ()
    assert card is not None and card.thumbnail is not None
    data = Path(card.thumbnail).read_bytes()
    assert len(data) <= THUMBNAIL.max_bytes == 1_000_000
    with Image.open(BytesIO(data)) as picture:
        assert picture.format == "JPEG" and picture.size[0] / picture.size[1] == pytest.approx(
            1.4, 0.01
        )


@pytest.mark.parametrize(
    ("page", "said"),
    [
        (CHALLENGE, 'shows a bot check ("Just a moment...") instead of the page'),
        (Page(CHALLENGE.body, status=403), "the site refused access (HTTP 403)"),
        (None, "not found (HTTP 404)"),
        (Page(b"<html><body>nothing</body></html>"), "has no title or description to show"),
        (Page(b"%PDF-1.7", content_type="application/pdf"), "is not a web page"),
    ],
    ids=["challenge", "refused", "missing", "untitled", "pdf"],
)
def test_a_page_that_cannot_make_a_card_gives_none_and_a_note(
    pages: Pages, page: Page | None, said: str
) -> None:
    if page is not None:
        pages.pages["/page"] = page
    (card,), (note,) = carded(f"Read this: {pages.url('/page')}")
    assert card is None
    assert note.startswith("post 1: no link card: ") and said in note
    assert shown(pages.url("/page")) in note and "http://" not in note and "\n" not in note


def test_a_picture_that_cannot_be_read_leaves_the_card_without_it_and_says_so(
    pages: Pages,
) -> None:
    pages.pages["/page"] = og_page(TITLE, DESCRIPTION, "/gone.png")
    (card,), (note,) = carded(f"Read: {pages.url('/page')}")
    assert card == Card(pages.url("/page"), TITLE, DESCRIPTION)
    picture = shown(pages.url("/gone.png"))
    assert note == f"post 1: link card without its picture: {picture}: not found (HTTP 404)"


def test_a_redirect_from_the_page_given_to_another_local_address_is_refused(
    pages: Pages,
) -> None:
    """The link's own host may be local (the address given); where it sends may not be."""
    elsewhere = pages.url("/inside").replace("127.0.0.1", "127.0.0.2")
    pages.pages["/away"] = Page(b"", status=302, location=elsewhere)
    (card,), (note,) = carded(f"Read: {pages.url('/away')}")
    assert card is None and "no link card" in note and "127.0.0.2" in note


def test_no_cards_when_the_run_says_so_and_nothing_is_read(pages: Pages) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION)
    assert carded(f"Read: {pages.url('/letter')}", options={"cards": "false"}) == ([None], ())
    assert pages.hits["/letter"] == 0


def test_a_page_is_read_once_however_often_the_thread_is_planned(pages: Pages) -> None:
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/picture.png")
    pages.pages["/picture.png"] = png(300, 200)
    first = carded(f"Read: {pages.url('/letter')}")
    pages.pages["/letter"] = og_page("Changed since", DESCRIPTION)
    assert carded(f"Again: {pages.url('/letter')}") == first
    assert (pages.hits["/letter"], pages.hits["/picture.png"]) == (1, 1)


# --- sent to a real PDS -------------------------------------------------------------


@pytest.fixture
def sender(pds: LocalPDS) -> Iterator[tuple[bluesky.BlueskyPublisher, PdsAccount]]:
    account = pds.create_account("cards")
    made = bluesky.BlueskyPublisher(
        account.handle, pds.url, account.password, None, lambda _: None, IMAGES
    )
    yield made, account
    made.close()


def external_of(record: dict[str, object]) -> dict[str, Any]:
    embed = record["embed"]
    assert isinstance(embed, dict) and embed["$type"] == "app.bsky.embed.external", embed
    external = embed["external"]
    assert isinstance(external, dict)
    return external


def blob_cid(thumb: dict[str, Any]) -> str:
    ref = thumb["ref"]
    return str(ref["$link"] if isinstance(ref, dict) else ref)


def get_blob(pds: LocalPDS, account: PdsAccount, cid: str) -> bytes:
    client = pds.client(account)
    try:
        return bytes(
            client.com.atproto.sync.get_blob(
                models.ComAtprotoSyncGetBlob.Params(did=account.did, cid=cid)
            )
        )
    finally:
        client.request.close()


def test_a_card_goes_as_an_external_embed_with_its_picture_as_a_blob(
    pds: LocalPDS, sender: tuple[bluesky.BlueskyPublisher, PdsAccount], pages: Pages
) -> None:
    publisher, account = sender
    pages.pages["/letter"] = og_page(TITLE, DESCRIPTION, "/noise.png")
    pages.pages["/noise.png"] = png(1200, 900, noise=True)
    text = f"Read the letter: {pages.url('/letter')}"
    (post,), _ = with_cards([Outgoing(1, text)], {}, read_for_card)
    assert post.card is not None and post.card.thumbnail is not None
    publisher.send(post, key=publisher.new_key(), root=None, parent=None)

    (record,) = read_thread(pds, account)
    external = external_of(record)
    assert (external["uri"], external["title"], external["description"]) == (
        pages.url("/letter"), TITLE, DESCRIPTION,
    )  # fmt: skip
    thumb = external["thumb"]
    assert thumb["mimeType"] == "image/jpeg" and thumb["size"] <= 1_000_000
    stored = get_blob(pds, account, blob_cid(thumb))
    assert stored == Path(post.card.thumbnail).read_bytes()


def test_a_card_whose_picture_was_removed_goes_without_it_and_says_so(
    pds: LocalPDS, sender: tuple[bluesky.BlueskyPublisher, PdsAccount], tmp_path: Path
) -> None:
    publisher, account = sender
    card = Card("https://www.naht.org.uk/letter", TITLE, DESCRIPTION, str(tmp_path / "gone"))
    publisher.send(
        Outgoing(1, "Read the letter: https://www.naht.org.uk/letter", card=card),
        key=publisher.new_key(), root=None, parent=None,
    )  # fmt: skip
    (record,) = read_thread(pds, account)
    external = external_of(record)
    assert external["title"] == TITLE and "thumb" not in external
    (warning,) = publisher.warnings
    assert warning.startswith("post 1: its link card went without its picture (")
