"""The app's publish preview shows each post as it will be sent: on Bluesky its links
shortened as the official app shows them (the length counted on that text), on
Mastodon as written (the command line's preview: test_publish_short_links.py)."""

from __future__ import annotations

from pathlib import Path

from threadsmith import publish
from threadsmith.essay import SplitOptions
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.widgets.publish_preview import preview_text

LETTER = "https://www.naht.org.uk/news/latest-news/pay-award-2026-letter-to-the-secretary"
ESSAY = f"Our letter to the Secretary of State is out. Read it: {LETTER}\n"


def test_the_apps_preview_shows_bluesky_links_shortened(tmp_path: Path) -> None:
    store = Store(tmp_path / "threadsmith.db")
    bluesky = store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    mastodon = store.add_account(
        network_named("mastodon"), "alice@example.social", "https://example.social"
    )
    made = publish.plan(
        store, ESSAY, draft_key="file:essay.md", base=tmp_path, accounts=[bluesky, mastodon],
        options=SplitOptions(),
    )  # fmt: skip

    shown = preview_text(store, made, lambda account: account.network.name)

    short = ESSAY.strip().replace(LETTER, "www.naht.org.uk/news/latest-...")
    bluesky_part, mastodon_part = shown.split("── mastodon")
    assert f"[1] {len(short)}/300\n{short}" in bluesky_part and LETTER not in bluesky_part
    assert ESSAY.strip() in mastodon_part
    store.close()
