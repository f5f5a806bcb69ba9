"""Scheduling a thread these accounts already published: the question names the earlier
thread, and Enter is "Not yet", as it is before publishing again (F5)."""

from __future__ import annotations

from collections.abc import Mapping

from support.app_publish import publish_to_the_account
from support.fake_publisher import FakePublisher
from support.waiting import until
from threadsmith.network import Account, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Confirm
from threadsmith.tui.widgets.schedule_dialog import ScheduleDialog

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)


async def test_enter_enter_after_f6_on_a_published_thread_schedules_nothing(
    store: Store,
) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    fake = FakePublisher()

    def factory(account: Account, options: Mapping[str, str]) -> FakePublisher:
        return fake

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await publish_to_the_account(app, pilot, draft.id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(fake.server) == 3
        await pilot.press("escape")  # back, and later F5 again: the choices as they open
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        await pilot.press("space", "f6")  # the account ticked, then Schedule
        await until(pilot, lambda: isinstance(app.screen, ScheduleDialog), "the dialog")
        await pilot.press("enter")  # the next whole hour, as offered
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Bluesky @tester.test published this thread already." in app.screen.question
        assert app.screen.yes == "Schedule again"
        assert app.screen.focused is not None and app.screen.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PublishScreen)
    assert store.schedules() == []
