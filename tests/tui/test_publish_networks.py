"""The publish screen with two networks: the choices read without colour, both chains go
out at the same time, each post's row shows the start of its text, and each thread's
link is shown whole on a line of its own, to copy."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest
from textual.widgets import Checkbox, DataTable, Static

from support.app_publish import publish_ticking, say_yes
from support.fake_publisher import FakePublisher, Stored
from support.waiting import until
from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import Account, network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.assist import WalkThrough
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.publish_progress import text_start

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    f"Point {n}: every school needs a funding settlement that matches the needs it meets, "
    "and the evidence is plain to see in every classroom we visit."
    for n in range(1, 7)
)
WAIT = 20  # seconds: only reached when the networks go one after the other


@dataclass
class Crossed(FakePublisher):
    """Bluesky's post 2 waits for Mastodon's post 1, which waits for Bluesky's post 1:
    published one network after the other, one of them waits in vain."""

    sent_first: dict[str, threading.Event] = field(default_factory=dict)
    in_vain: list[str] = field(default_factory=list)

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        other = "mastodon" if self.network == "bluesky" else "bluesky"
        waits = (self.network, post.number) in (("bluesky", 2), ("mastodon", 1))
        if waits and not self.sent_first[other].wait(WAIT):
            self.in_vain.append(self.network)
        ref = super().send(post, key=key, root=root, parent=parent)
        self.sent_first[self.network].set()
        return ref

    def _ref(self, key: str) -> PostRef:
        url = f"https://{self.network}.example/@{self.handle}/{key}-a-long-address-to-copy"
        return PostRef(key, url, f"{self.network}:{key}", f"cid-{key}")


def two_accounts(store: Store) -> None:
    store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    store.add_account(network_named("mastodon"), "alice@example.social", "https://example.social")


async def test_each_choice_reads_ticked_or_not_without_colour(store: Store) -> None:
    two_accounts(store)
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        boxes = list(app.screen.query(Checkbox))
        boxes[0].value = True
        await pilot.pause()
        shown = [str(box.render()).strip() for box in boxes]
    assert shown == [
        "[x] Bluesky @alice.test",
        "[ ] Mastodon @alice@example.social",
        "[ ] X (assisted)",
    ]


async def test_two_networks_go_out_at_once_and_both_links_show_whole(store: Store) -> None:
    two_accounts(store)
    draft = store.create_draft("Fair funding now", ESSAY)
    sent_first = {"bluesky": threading.Event(), "mastodon": threading.Event()}
    publishers: dict[str, Crossed] = {}

    def factory(account: Account, options: Mapping[str, str]) -> Crossed:
        name = account.network.name
        publishers[name] = Crossed(network=name, handle=account.handle, sent_first=sent_first)
        return publishers[name]

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await publish_ticking(app, pilot, draft.id, boxes=2, key="f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [p.in_vain for p in publishers.values()] == [[], []]
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:2] == ["Bluesky", "1"] and rows[0][3] == "sent"
        assert rows[0][2].startswith("Fair funding now Point 1: every school")  # its start
        assert rows[0][2] == text_start(rows[0][2])  # one line, cut with "…"
        assert {row[0] for row in rows} == {"Bluesky", "Mastodon"}
        summary = str(app.screen.query_one("#publish-summary", Static).render()).splitlines()
        links = [publishers[n].server[0].key for n in ("bluesky", "mastodon")]
        bluesky = f"https://bluesky.example/@alice.test/{links[0]}-a-long-address-to-copy"
        mastodon = (
            f"https://mastodon.example/@alice@example.social/{links[1]}-a-long-address-to-copy"
        )
        assert bluesky in summary and mastodon in summary  # each whole, on a line of its own
        assert summary[0].startswith("Bluesky @alice.test: done,")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == f"{bluesky}\n{mastodon}"


@dataclass
class Held(FakePublisher):
    """Sends up to post `held_at`, then waits there until released."""

    held_at: int = 0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        if self.held_at and post.number == self.held_at:
            self.reached.set()
            assert self.release.wait(WAIT)
        return super().send(post, key=key, root=root, parent=parent)


async def test_cancel_stops_both_networks_and_publishing_again_finishes_each_once(
    store: Store,
) -> None:
    two_accounts(store)
    draft = store.create_draft("Fair funding now", ESSAY + "\n\n" + ESSAY.split("\n\n", 1)[1])
    servers: dict[str, list[Stored]] = {"bluesky": [], "mastodon": []}
    held: dict[str, Held] = {}

    def factory(account: Account, options: Mapping[str, str]) -> Held:
        name = account.network.name
        first = name not in held
        held[name] = Held(
            network=name, handle=account.handle, server=servers[name], held_at=2 if first else 0
        )
        held[name].keys = len(servers[name])
        return held[name]

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await publish_ticking(app, pilot, draft.id, boxes=2, key="f5")
        await until(  # both networks at their post 2, at once
            pilot,
            lambda: len(held) == 2 and all(p.reached.is_set() for p in held.values()),
            "both networks at their post 2",
        )
        await pilot.press("ctrl+c")
        await pilot.pause()
        summary = app.screen.query_one("#publish-summary", Static)
        assert str(summary.render()).count("stopping after the post it sends…") == 2
        for publisher in held.values():
            publisher.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = str(summary.render()).splitlines()
        assert [line.split(": ")[1].split(" of ")[0] for line in lines] == ["stopped, 2"] * 2
        assert {n: len(s) for n, s in servers.items()} == {"bluesky": 2, "mastodon": 2}
        await pilot.click("#go")  # the choices are back: both runs resumed, at once
        await say_yes(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(summary.render()).count(": done, ") == 2
    for name, server in servers.items():
        texts = [stored.text for stored in server]
        assert len(texts) == len(set(texts))  # none twice
        (run,) = [r for r in store.runs_for(f"draft:{draft.id}") if r.network.name == name]
        assert [p.text for p in store.run_posts(run.id)] == texts  # all, in order
        assert run.status == "done"


async def test_another_network_finishing_leaves_the_walk_through_by_hand_open(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: True)
    store.add_account(network_named("bluesky"), "alice.test", "https://pds.example")
    draft = store.create_draft("Fair funding now", ESSAY)
    bluesky = FakePublisher(network="bluesky", handle="alice.test")
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: bluesky)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        publish_screen = app.screen
        for box in publish_screen.query(Checkbox):  # Bluesky, and X by hand
            box.value = True
        await pilot.pause()
        await pilot.press("f5")
        await say_yes(pilot)
        summary = publish_screen.query_one("#publish-summary", Static)
        await until(  # Bluesky done while X waits for its first post's address
            pilot, lambda: "Bluesky @alice.test: done," in str(summary.render()), "Bluesky done"
        )
        await pilot.pause()
        assert isinstance(app.screen, WalkThrough) and not app.screen.closing
        await pilot.press("escape")  # stop by hand
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is publish_screen
