"""Snapshots of the publish screen with two networks (Bluesky and Mastodon), at 80×24 and
120×40: before (both ticked, the preview), during (each network part way), after (each
thread's link whole on a line of its own)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from support.app_publish import preview_shown, say_yes
from support.fake_publisher import FakePublisher
from support.waiting import until
from threadsmith.errors import Cancelled
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Account, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen

ESSAY = (Path(__file__).parents[2] / "examples" / "essay.md").read_text(encoding="utf-8")
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
Snap = Callable[..., bool]


@dataclass
class Held(FakePublisher):
    """Sends up to post `held_at`, then waits there (`reached` set) until the test ends."""

    held_at: int = 0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    app: ThreadsmithApp | None = None  # held until released, or until the app has closed

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        if self.held_at and post.number >= self.held_at:
            self.reached.set()
            # held however long the snapshot takes (a loaded machine is slow); let go once
            # the snapshot's app has closed, so that it can end
            while not self.release.wait(0.05):
                if self.app is not None and not self.app.is_running:
                    raise Cancelled("held for the snapshot")
        return super().send(post, key=key, root=root, parent=parent)

    def _ref(self, key: str) -> PostRef:
        host = {"bluesky": "bsky.app/profile/alice.test/post", "mastodon": "example.social/@alice"}
        return PostRef(key, f"https://{host[self.network]}/3m{key}", f"id:{key}", f"cid-{key}")


@pytest.fixture
def publishers(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Held]]:
    store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    store.add_account(network_named("mastodon"), "alice@example.social", "https://example.social")
    # the instance's limits are not asked for (no server here): no toast over the screen
    monkeypatch.setattr("threadsmith.tui.screens.publish.refresh_all", lambda s, a: (False, []))
    held: dict[str, Held] = {}
    yield held
    for publisher in held.values():
        publisher.release.set()


def the_app(store: Store, held: dict[str, Held], at: dict[str, int]) -> ThreadsmithApp:
    def factory(account: Account, options: object) -> Held:
        name = account.network.name
        held[name] = Held(network=name, handle=account.handle, held_at=at.get(name, 0), app=app)
        return held[name]

    app = ThreadsmithApp(store, publisher_factory=factory)
    return app


async def both_ticked(app: ThreadsmithApp, pilot: Pilot[None], draft_id: int) -> None:
    app.push_screen(PublishScreen(draft_id))
    await pilot.pause()
    for box in app.screen.query(Checkbox)[:2]:
        box.value = True
    await preview_shown(pilot)


async def publish_both(app: ThreadsmithApp, pilot: Pilot[None], draft_id: int) -> None:
    await both_ticked(app, pilot, draft_id)
    await pilot.press("f5")
    await say_yes(pilot)
    await pilot.pause()


@SIZES
def test_before(
    snap_compare: Snap, store: Store, publishers: dict[str, Held], size: tuple[int, int]
) -> None:
    draft = store.create_draft("Exams", ESSAY)
    app = the_app(store, publishers, {})

    async def run_before(pilot: Pilot[None]) -> None:
        await both_ticked(app, pilot, draft.id)
        app.screen.query(Checkbox).first().focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_during(
    snap_compare: Snap, store: Store, publishers: dict[str, Held], size: tuple[int, int]
) -> None:
    draft = store.create_draft("Exams", ESSAY)
    at = {"bluesky": 3, "mastodon": 2}
    app = the_app(store, publishers, at)

    async def run_before(pilot: Pilot[None]) -> None:
        await publish_both(app, pilot, draft.id)
        await until(  # each network part way: held at the post named
            pilot,
            lambda: all(n in publishers and publishers[n].reached.is_set() for n in at),
            "each network held at the post named",
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_after(
    snap_compare: Snap, store: Store, publishers: dict[str, Held], size: tuple[int, int]
) -> None:
    draft = store.create_draft("Exams", ESSAY)
    app = the_app(store, publishers, {})

    async def run_before(pilot: Pilot[None]) -> None:
        await publish_both(app, pilot, draft.id)
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
