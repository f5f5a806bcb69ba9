"""The app and the command line publish the same thread at once: one of them does, the
other says who is publishing it and sends nothing. The app in-process (Pilot), the
command line in a subprocess, one database, a real PDS and the real keyring."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from textual.widgets import Checkbox

from support.app_publish import say_yes
from support.pds import LocalPDS
from support.split import split
from support.thread_cli import Thread, assert_chain, essay, login
from support.waiting import until
from threadsmith.journal import PostRef
from threadsmith.network import Account
from threadsmith.networks.bluesky import IMAGES
from threadsmith.networks.bluesky.publisher import BlueskyPublisher
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen

pytestmark = pytest.mark.realparts


class Held(BlueskyPublisher):
    """The real publisher, holding its thread's commit until `go` is set: the app is still
    publishing while a person runs the CLI, however slow the machine."""

    go = threading.Event()  # replaced per test
    holding = threading.Event()  # set once the commit is held

    def send_thread(self, refs: Sequence[PostRef]) -> list[PostRef]:
        self.holding.set()
        self.go.wait(timeout=60)
        return super().send_thread(refs)


async def test_the_app_publishing_and_the_cli_at_once_post_one_thread(
    secret_service: dict[str, str], pds: LocalPDS, tmp_path: Path
) -> None:
    account = pds.create_account("both")
    cli = Thread(secret_service, tmp_path / "data")
    login(cli, pds, account)
    source = essay(tmp_path / "essay.md", paragraphs=16)
    store = Store(tmp_path / "data" / "threadsmith" / "threadsmith.db")
    draft = store.create_draft("Funding", source.read_text())

    go, holding = threading.Event(), threading.Event()

    def factory(chosen: Account, options: Mapping[str, str]) -> BlueskyPublisher:
        held = Held(chosen.handle, pds.url, account.password, None, lambda s: None, IMAGES)
        held.go, held.holding = go, holding
        return held

    app = ThreadsmithApp(store, publisher_factory=factory)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(PublishScreen(draft.id))
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        await pilot.pause()
        await pilot.click("#go")
        await say_yes(pilot)
        await until(pilot, holding.is_set, "the thread's commit under way")
        refused = await asyncio.to_thread(cli, "publish", str(source), "--to", "bluesky", "--yes")
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    store.close()
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "this thread is being published by another threadsmith (pid " in refused.stderr
    assert_chain(pds, account, len(split(source.read_text(), "bluesky").posts))
