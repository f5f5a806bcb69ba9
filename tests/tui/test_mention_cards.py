"""Post cards warn about @mentions: misread ones at once, unknown ones after a lookup
(on the real local PDS, or the fake of X API v2 through tweepy), never the handle
still being typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses
from textual.widgets import TextArea

from support.fake_x import FakeX
from support.memory_keyring import MemoryKeyring
from support.pds import LocalPDS
from support.waiting import until
from threadsmith import credentials
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui import mention_watch
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.mention_watch import MentionWatch
from threadsmith.tui.widgets.post_card import PostCard


@pytest.fixture(autouse=True)
def short_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mention_watch, "PAUSE", 0.2)


def card_texts(app: ThreadsmithApp, network: str) -> list[str]:
    """What the network's cards say (none while the editor is still being put up)."""
    cards = app.screen.query(f"#preview-{network} PostCard").results(PostCard)
    return [str(card.content) for card in cards]


def bluesky_draft(store: Store, essay: str) -> int:
    """A draft previewed for Bluesky; its id."""
    draft = store.create_draft("Thanks", essay)
    store.save_draft(draft.id, settings={"view": "bluesky"})
    return draft.id


def flagged(app: ThreadsmithApp, network: str, warning: str) -> bool:
    return any(warning in text for text in card_texts(app, network))


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text before the cursor at each lookup (once the author paused)."""
    passes: list[str] = []
    look_up = MentionWatch._look_up

    def counted(watch: MentionWatch) -> None:
        passes.append(watch._before_cursor())
        look_up(watch)

    monkeypatch.setattr(MentionWatch, "_look_up", counted)
    return passes


async def test_an_x_name_on_bluesky_is_flagged_as_it_is_typed(store: Store) -> None:
    draft = bluesky_draft(store, "Thanks to @nahtnews for the figures.")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft)
        warning = "⚠ @nahtnews stays plain text: Bluesky handles look like"
        await until(pilot, lambda: flagged(app, "bluesky", warning), "the X name flagged")
        for _ in range(4):  # on to X (or all networks): there the same name is fine
            await pilot.press("f2")
            if app.screen.query_one("#preview-x").display:
                break
        await until(pilot, lambda: card_texts(app, "x"), "X's cards")
        assert not any("⚠" in text for text in card_texts(app, "x"))


async def test_bluesky_handles_are_looked_up_with_the_accounts_pds(
    store: Store, pds: LocalPDS
) -> None:
    someone = pds.create_account("someone")
    store.add_account(network_named("bluesky"), "me.test", pds.url)
    draft = bluesky_draft(store, f"Thanks to @{someone.handle} and @ghost-writer.test here.")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft)
        warning = "⚠ @ghost-writer.test is no Bluesky account: it stays plain text"
        await until(pilot, lambda: flagged(app, "bluesky", warning), "the lookup's warning")
        await app.workers.wait_for_complete()
        (text,) = card_texts(app, "bluesky")
        assert text.count("⚠") == 1  # the real account is not flagged


@pytest.fixture
def fake_x(memory_keyring: MemoryKeyring, store: Store) -> Iterator[FakeX]:
    secrets = {
        "api_key": "consumer-key-TEST", "api_secret": "c-SECRET",
        "access_token": "a-TOKEN", "access_secret": "a-SECRET",
    }  # fmt: skip
    credentials.save("x", "campaigner", secrets)
    store.add_account(network_named("x"), "campaigner")
    server = FakeX(consumer_key=secrets["api_key"], other_users={"nahtnews": "1500000000000000002"})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        server.install(mock)
        yield server


async def test_x_names_are_looked_up_once_the_author_pauses_not_while_typing(
    store: Store, fake_x: FakeX, lookups: list[str]
) -> None:
    draft = store.create_draft("Thanks", "Thanks to @nahtnewz for the figures.")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft.id)
        warning = "⚠ @nahtnewz is not an X account"
        await until(pilot, lambda: flagged(app, "x", warning), "the lookup's warning")
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(editor.document.end)
        await pilot.press(*" Also @nahtnew")
        # the author pauses with the cursor still on the handle: it is not asked about
        await until(pilot, lambda: lookups[-1].endswith("@nahtnew"), "a lookup after the pause")
        await app.workers.wait_for_complete()
        assert "nahtnew" not in fake_x.looked_up
        await pilot.press("s", "space")
        await until(pilot, lambda: len(fake_x.looked_up) > 1, "the finished handle looked up")
        await app.workers.wait_for_complete()
        assert fake_x.looked_up == ["nahtnewz", "nahtnews"]  # each asked once
        await until(pilot, lambda: "@nahtnews" in card_texts(app, "x")[0], "the re-split")
        (text,) = card_texts(app, "x")
        assert text.count("⚠") == 1


async def test_an_x_plan_without_lookups_says_so_once(store: Store, fake_x: FakeX) -> None:
    fake_x.lookups_forbidden = True
    draft = store.create_draft("Thanks", "Thanks to @nahtnews for the figures.")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft.id)
        await until(pilot, lambda: app._notifications, "the notice that lookups are off")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len([m for m in said if m.startswith("@mentions on X are not being checked")]) == 1
        assert not any("SECRET" in message for message in said)
        assert "⚠" not in card_texts(app, "x")[0]
