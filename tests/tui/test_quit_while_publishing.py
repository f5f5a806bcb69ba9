"""Ctrl+Q while posts go out, with Pilot: it asks first; "Keep publishing" finishes the
thread, "Quit" stops the run after the post being sent, leaving it to resume."""

from __future__ import annotations

import threading

from support.app_publish import publish_to_the_account
from support.fake_publisher import FakePublisher
from threadsmith.journal import RunStatus
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.widgets.dialogs import Confirm

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)  # 3 posts


def slow_network(store: Store) -> tuple[ThreadsmithApp, FakePublisher, int]:
    """An app publishing to one account whose sends wait for `publisher.gate`."""
    draft = store.create_draft("Fair funding now", ESSAY)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    publisher = FakePublisher(gate=threading.Event())
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: publisher)
    return app, publisher, draft.id


async def test_keep_publishing_finishes_the_thread(store: Store) -> None:
    app, publisher, draft_id = slow_network(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await publish_to_the_account(app, pilot, draft_id)
        await pilot.pause(0.2)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Posts are being published. Quit now?")
        await pilot.press("ctrl+q")  # asked once, not twice
        await pilot.pause()
        assert sum(isinstance(screen, Confirm) for screen in app.screen_stack) == 1
        await pilot.click("#no")  # keep publishing
        assert publisher.gate is not None
        publisher.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")  # nothing under way: quits at once
        await pilot.pause()
        assert not app.is_running
    assert len(publisher.server) == 3
    assert [run.status for run in store.runs_for(f"draft:{draft_id}")] == [RunStatus.DONE]


async def test_quit_stops_the_run_after_the_post_being_sent(store: Store) -> None:
    app, publisher, draft_id = slow_network(store)
    assert publisher.gate is not None
    async with app.run_test(size=(120, 36)) as pilot:
        await publish_to_the_account(app, pilot, draft_id)
        await pilot.pause(0.2)  # post 1 is being sent
        await pilot.press("ctrl+q")
        await pilot.pause()
        threading.Timer(0.3, publisher.gate.set).start()  # ... and gets through
        await pilot.click("#yes")
        for _ in range(200):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running
    assert len(publisher.server) == 1  # not the whole thread behind a closed window
    (run,) = store.runs_for(f"draft:{draft_id}")
    assert run.status is RunStatus.OPEN  # `thread publish --resume` finishes it
