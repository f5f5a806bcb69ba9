"""Who may quote, from the app's publish screen: the form built from the networks' declared
options offers followers for a Mastodon account; once the instance has said its API
version (the screen reads it as it opens), followers goes on every status of a Mastodon
4.5 instance, and the preview of an older one says quotes cannot be set there."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Select, Static

from support.fake_mastodon import FakeMastodon
from support.waiting import until
from threadsmith.network import Account, Publisher, Secrets, network_named
from threadsmith.store import Draft, Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Confirm

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets. "
    "Heads have said so for years, and the evidence is in every classroom."
    for n in range(1, 5)
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "threadsmith.db")
    yield opened
    opened.close()


@asynccontextmanager
async def on_the_publish_screen(
    store: Store, fake: FakeMastodon, api_version: int
) -> AsyncIterator[tuple[ThreadsmithApp, Pilot[None], PublishScreen, Draft]]:
    """The app with one account on `fake`, logged in before its API version was kept, on
    the essay's publish screen once the screen has listed the accounts and the instance's
    API version is kept, with the account ticked."""
    mastodon = network_named("mastodon")
    account = store.add_account(mastodon, f"tester@{fake.host}", fake.url)

    def factory(account: Account, options: Mapping[str, str]) -> Publisher:
        secrets = Secrets({"access_token": fake.token})
        return mastodon.open_publisher(account, secrets, lambda changed: None, options)

    app = ThreadsmithApp(store, publisher_factory=factory)
    draft = store.create_draft("Fair funding now", ESSAY)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await until(pilot, lambda: isinstance(app.screen, PublishScreen) and app.screen.listed)
        await until(pilot, lambda: api_version_kept(store) == api_version, "the API version kept")
        for box in app.screen.query("#account-choices Checkbox").results(Checkbox):
            box.value = box.name == account.key
        assert isinstance(app.screen, PublishScreen)
        yield app, pilot, app.screen, draft


def api_version_kept(store: Store) -> int:
    (account,) = store.accounts()
    return int(str(account.settings.get("api_version", 0)))


def preview(app: ThreadsmithApp) -> str:
    return str(app.screen.query_one("#preview-text", Static).render())


async def test_followers_chosen_in_the_form_is_on_every_status_of_mastodon_4_5(
    store: Store, mastodon_4_5: FakeMastodon
) -> None:
    fake = mastodon_4_5
    async with on_the_publish_screen(store, fake, api_version=7) as (app, pilot, screen, draft):
        await until(pilot, lambda: screen.query_one("#quotes-row").display, "quotes")
        # a value the form does not offer could not be chosen (Select refuses it)
        screen.query_one("#quotes", Select).value = "followers"
        await until(pilot, lambda: screen.publish_choices() == {"quotes": "followers"})
        await until(pilot, lambda: "[1] " in preview(app), "the preview drawn")
        assert "quote" not in preview(app)  # nothing to say: the instance can
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.click("#yes")
        await until(pilot, lambda: len(fake.statuses) > 1 and not app.publishing)
        await app.workers.wait_for_complete()
    statuses = fake.statuses
    assert {status.quote_policy for status in statuses} == {"followers"}
    assert all("quote_approval_policy" in status.params for status in statuses)
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.options == {"quotes": "followers"}


async def test_the_preview_says_an_older_instance_cannot_set_who_may_quote(
    store: Store, mastodon_4_3: FakeMastodon
) -> None:
    fake = mastodon_4_3
    async with on_the_publish_screen(store, fake, api_version=2) as (app, pilot, screen, _):
        screen.query_one("#quotes", Select).value = "followers"
        said = (
            "⚠ Mastodon cannot apply quotes: followers (who may quote the posts): "
            f"{fake.host} runs Mastodon 4.3.9, which cannot set who may quote a post "
            "(Mastodon 4.5 can); not applied there"
        )
        await until(pilot, lambda: said in preview(app), lambda: preview(app))
    assert fake.statuses == []  # a preview sends nothing
