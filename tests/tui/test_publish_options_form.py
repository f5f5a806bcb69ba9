"""The publish screen's options form, built from the networks' declared publish options:
Mastodon's visibility, content warning and language show when a Mastodon account is
ticked, pre-filled from the front matter, and what is chosen reaches its publisher; X and
Bluesky alone show only theirs, under a line naming the networks that take them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from support.app_publish import preview_shown
from support.fake_mastodon import FakeMastodon
from support.fake_publisher import FakePublisher
from threadsmith.network import Account, Publisher, Secrets, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Confirm
from threadsmith.tui.widgets.publish_options import PublishOptionsForm

ESSAY = "---\nvisibility: private\nlang: en\n---\n# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets."
    for n in range(1, 4)
)
OPTIONS = ("replies", "quotes", "cards", "visibility", "cw", "lang")


async def until(pilot: Pilot[None], condition: Callable[[], object], tries: int = 500) -> None:
    """Let the app work until `condition()` holds (its messages handled, a worker done)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


def chosen_in(app: ThreadsmithApp) -> dict[str, str]:
    """The publish options the screen would plan with."""
    screen = app.screen
    assert isinstance(screen, PublishScreen)
    return screen.publish_choices()


def tick(app: ThreadsmithApp, *names: str) -> None:
    """Tick the accounts' boxes named (an account's key, or "assist:x")."""
    for box in app.screen.query("#account-choices Checkbox").results(Checkbox):
        if box.name in names:
            box.value = True


def shown(app: ThreadsmithApp) -> list[str]:
    """The options the form shows, in order."""
    form = app.screen.query_one(PublishOptionsForm)
    return [name for name in OPTIONS if form.query_one(f"#{name}-row").display and form.display]


def takers(app: ThreadsmithApp) -> list[str]:
    """The lines naming the networks above the options."""
    lines = app.screen.query(".option-takers").results(Static)
    return [str(line.render()) for line in lines if line.display]


async def test_mastodons_options_show_and_what_is_chosen_reaches_its_publisher(
    store: Store,
) -> None:
    store.add_account(network_named("mastodon"), "alice@example.social", "https://example.social")
    draft = store.create_draft("Fair funding now", ESSAY)
    given: list[Mapping[str, str]] = []

    def factory(account: Account, options: Mapping[str, str]) -> FakePublisher:
        given.append(dict(options))
        return FakePublisher(network="mastodon", handle=account.handle)

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await until(pilot, lambda: isinstance(app.screen, PublishScreen) and app.screen.listed)
        assert shown(app) == []  # nothing ticked: no options yet
        tick(app, "mastodon:alice@example.social")
        await until(pilot, lambda: shown(app) == ["quotes", "visibility", "cw", "lang"])
        assert takers(app) == ["Mastodon"]
        visibility = app.screen.query_one("#visibility", Select)
        assert visibility.value == "private"  # as the front matter says
        assert app.screen.query_one("#lang", Input).value == "en"
        visibility.value = "unlisted"
        app.screen.query_one("#cw", Input).focus()
        await pilot.press(*"Spoilers")
        chosen = {"visibility": "unlisted", "cw": "Spoilers", "lang": "en"}
        await until(pilot, lambda: chosen_in(app) == chosen)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.click("#yes")
        await until(pilot, lambda: given and not app.publishing)
        await app.workers.wait_for_complete()
    assert given == [chosen]  # the publisher's options, as `thread publish --visibility…`'s
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.options == chosen


async def test_a_content_warning_chosen_in_the_form_is_on_each_mastodon_status(
    store: Store, fake_mastodon: FakeMastodon
) -> None:
    mastodon = network_named("mastodon")
    store.add_account(mastodon, f"tester@{fake_mastodon.host}", fake_mastodon.url)
    draft = store.create_draft("Fair funding now", ESSAY + "\n\n" + ESSAY.split("\n# ")[1] * 3)

    def factory(account: Account, options: Mapping[str, str]) -> Publisher:
        secrets = Secrets({"access_token": fake_mastodon.token})
        return mastodon.open_publisher(account, secrets, lambda changed: None, options)

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await until(pilot, lambda: isinstance(app.screen, PublishScreen) and app.screen.listed)
        tick(app, f"mastodon:tester@{fake_mastodon.host}")
        await until(pilot, lambda: "cw" in shown(app))
        app.screen.query_one("#visibility", Select).value = "unlisted"
        app.screen.query_one("#cw", Input).value = "Exam results"
        await until(pilot, lambda: chosen_in(app).get("cw") == "Exam results")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.click("#yes")
        await until(pilot, lambda: fake_mastodon.statuses and not app.publishing)
        await app.workers.wait_for_complete()
    statuses = fake_mastodon.statuses
    assert len(statuses) > 1 and {s.spoiler_text for s in statuses} == {"Exam results"}
    assert {s.visibility for s in statuses} == {"unlisted"}  # the replies too
    assert {s.language for s in statuses} == {"en"}  # the front matter's


async def test_x_and_bluesky_show_only_their_options_each_under_who_takes_it(
    store: Store,
) -> None:
    store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    store.add_account(network_named("mastodon"), "alice@example.social", "https://example.social")
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await until(pilot, lambda: isinstance(app.screen, PublishScreen) and app.screen.listed)
        tick(app, "assist:x")
        await until(pilot, lambda: shown(app) == ["replies"])
        assert takers(app) == ["X only everyone, following, mentioned"]
        tick(app, "bluesky:alice.test")
        await until(pilot, lambda: shown(app) == ["replies", "quotes", "cards"])
        assert takers(app) == [
            "Bluesky; X only everyone, following, mentioned",
            "Bluesky only everyone, nobody",
            "Bluesky",
        ]
        quotes = app.screen.query_one("#quotes", Select)
        quotes.value = "nobody"
        await until(pilot, lambda: chosen_in(app) == {"quotes": "nobody"})
        preview = await preview_shown(pilot)
        assert "Bluesky does not offer visibility: private" in preview  # the front matter's
