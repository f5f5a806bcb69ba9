"""The Bluesky cards show each post as it will be posted: links shortened as the
official Bluesky app shows them, the length counted on that text; X's as written."""

from __future__ import annotations

from support.waiting import until
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.widgets.post_card import PostCard

LETTER = "https://www.naht.org.uk/news/latest-news/pay-award-2026-letter-to-the-secretary"
ESSAY = f"Our letter to the Secretary of State is out. Read it: {LETTER}"


def cards(app: ThreadsmithApp, network: str) -> list[PostCard]:
    return list(app.screen.query(f"#preview-{network} PostCard").results(PostCard))


async def test_bluesky_cards_show_links_shortened_and_x_cards_in_full(store: Store) -> None:
    draft = store.create_draft("Letter", ESSAY)
    store.save_draft(draft.id, settings={"view": "bluesky"})
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft.id)
        await until(pilot, lambda: cards(app, "bluesky"), "Bluesky's cards")
        (card,) = cards(app, "bluesky")
        shown = ESSAY.replace(LETTER, "www.naht.org.uk/news/latest-...")
        assert str(card.content) == shown
        assert card.border_subtitle == f"{len(shown)}/300"
        for _ in range(4):  # on to X (or all networks)
            await pilot.press("f2")
            if app.screen.query_one("#preview-x").display:
                break
        await until(pilot, lambda: cards(app, "x"), "X's cards")
        assert str(cards(app, "x")[0].content) == ESSAY
