"""The publish screen with Pilot: a publish with a failure, then resumed; image paths
from the essay's folder; an account added from the screen; X's bill before it is
spent; an unfinished run given up."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Label, Static

from support.app_publish import preview_shown, publish_to_the_account, say_yes
from support.fake_publisher import FakePublisher
from support.images import png
from support.memory_keyring import MemoryKeyring
from support.split import split
from support.waiting import until
from threadsmith.drafts import import_file
from threadsmith.journal import RunStatus
from threadsmith.network import Account, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Confirm

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)


def rows(app: ThreadsmithApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_publish_with_a_failure_then_resume(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    fake = FakePublisher(failures=deque(["ok", "ok", "401"]))

    def factory(account: Account, options: Mapping[str, str]) -> FakePublisher:
        assert account.handle == "tester.test"
        return fake

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await publish_to_the_account(app, pilot, draft.id)  # "Publish 3 posts to …?"
        await app.workers.wait_for_complete()
        await pilot.pause()
        states = [r[3] for r in rows(app)]
        assert states == ["sent", "sent", "failed"]
        summary = str(app.screen.query_one("#publish-summary", Static).render())
        assert "Token expired" in summary
        await pilot.click("#go")  # resume: the unfinished run, not a new thread
        await say_yes(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all(r[3].startswith("sent") for r in rows(app))
        link = f"https://example.test/{fake.server[0].key}"
        assert str(app.screen.query_one("#publish-summary", Static).render()).endswith(link)
        await pilot.press("f5")  # the choices again, where the progress was
        await pilot.pause()
        await pilot.click("#go")  # F5 again on a published draft: asked, naming the thread
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        assert isinstance(app.screen, Confirm)
        question = app.screen.question
        assert "Bluesky @tester.test published this thread already, on " in question
        assert question.endswith(link)
        await pilot.click("#no")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PublishScreen) and len(fake.server) == 3
        app.action_library()
        await pilot.pause()
        assert rows(app)[0][-1] == "Bluesky ✓"  # the state fits its column; the link below
        assert str(app.screen.query_one("#library-links", Static).content) == (
            f"Published: Bluesky {link}\n(s: how far people read it)"
        )
    texts = [stored.text for stored in fake.server]
    assert (
        len(texts)
        == len(set(texts))
        == len(store.run_posts(store.runs_for(f"draft:{draft.id}")[0].id))
    )


async def test_image_paths_start_at_the_essays_folder_as_on_the_command_line(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "campaign"
    folder.mkdir()
    png(folder / "chart.png")
    essay = folder / "essay.md"
    essay.write_text(ESSAY + "\n\n![Funding per pupil](chart.png)\n")
    monkeypatch.chdir(tmp_path)  # started elsewhere: no chart.png here
    draft_id = import_file(store, essay)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(PublishScreen(draft_id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        preview = await preview_shown(pilot)
    assert f"🖼 {folder / 'chart.png'} — Funding per pupil" in preview


async def test_an_account_added_from_the_publish_screen_is_offered_at_once(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        assert [box.label.plain for box in app.screen.query(Checkbox)] == ["X (assisted)"]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AccountsScreen)
        store.add_account(
            network_named("bluesky"), "tester.test", "https://pds.example"
        )  # as its dialog does
        await pilot.press("escape")
        await pilot.pause()
        assert [box.label.plain for box in app.screen.query(Checkbox)] == [
            "Bluesky @tester.test",
            "X (assisted)",  # by hand: offered with or without an account
        ]


async def test_the_publish_screen_says_what_x_will_bill_before_it_is_spent(store: Store) -> None:
    essay = ESSAY + "\n\nRead the letter: https://example.org/letter"
    draft = store.create_draft("Fair funding now", essay)
    store.add_account(network_named("x"), "campaigner")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        shown = await preview_shown(pilot)
    posts = split(essay, "x").posts
    assert "X bills about $" in shown
    assert f"for this: {len(posts)} posts, 1 with a link" in shown


async def test_an_unfinished_run_can_be_given_up_from_the_publish_screen(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    bluesky = network_named("bluesky")
    store.add_account(bluesky, "tester.test", "https://pds.example")
    fake = FakePublisher(failures=deque(["ok", "401"]))
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: fake)
    async with app.run_test(size=(120, 36)) as pilot:
        await publish_to_the_account(app, pilot, draft.id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.open_run(f"draft:{draft.id}", bluesky, "tester.test") is not None
        await pilot.press("delete")
        await pilot.pause()
        assert "Give up the unfinished run to Bluesky @tester.test" in str(
            app.screen.query_one(Label).render()
        )
        await pilot.click("#yes")
        await pilot.pause()
        labels = [box.label.plain for box in app.screen.query(Checkbox)]
        assert "Bluesky @tester.test" in labels  # no "(resume: …)" any more
    (run,) = store.runs_for(f"draft:{draft.id}")
    assert run.status is RunStatus.ABANDONED
