"""Ctrl+Q while posts go out, with Pilot: it asks first; "Keep publishing" finishes the
thread, "Quit" stops the run after the post being sent, leaving it to resume."""

from __future__ import annotations

import threading

from support.app_publish import publish_to_the_account, quitting_asks_once
from support.fake_publisher import FakePublisher
from support.waiting import until
from threadsmith.journal import RunStatus
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)  # 3 posts


class Gate(threading.Event):
    """Holds each send until set; counts the sends it has held."""

    held = 0

    def wait(self, timeout: float | None = None) -> bool:
        self.held += 1
        return super().wait(timeout)


def sending(publisher: FakePublisher) -> bool:
    """Whether a send is being held by the gate."""
    return isinstance(publisher.gate, Gate) and publisher.gate.held > 0


def slow_network(store: Store) -> tuple[ThreadsmithApp, FakePublisher, int]:
    """An app publishing to one account whose sends wait for `publisher.gate`."""
    draft = store.create_draft("Fair funding now", ESSAY)
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    publisher = FakePublisher(gate=Gate())
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: publisher)
    return app, publisher, draft.id


async def test_keep_publishing_finishes_the_thread(store: Store) -> None:
    app, publisher, draft_id = slow_network(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await publish_to_the_account(app, pilot, draft_id)
        await until(pilot, lambda: sending(publisher), "post 1 being sent")
        await quitting_asks_once(app, pilot)
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
        publishing = app.screen
        await until(pilot, lambda: sending(publisher), "post 1 being sent")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        stopping = getattr(publishing, "cancel_flag", None)
        assert isinstance(stopping, threading.Event)
        await until(pilot, stopping.is_set, "the run told to stop")
        publisher.gate.set()  # ... and post 1 gets through
        await until(pilot, lambda: not app.is_running, "the app quit")
    assert len(publisher.server) == 1  # not the whole thread behind a closed window
    (run,) = store.runs_for(f"draft:{draft_id}")
    assert run.status is RunStatus.OPEN  # `thread publish --resume` finishes it
