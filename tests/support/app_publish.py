"""Publishing from the app's publish screen, as a person does it, for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Checkbox

from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen


async def publish_to_the_account(app: ThreadsmithApp, pilot: Pilot[None], draft_id: int) -> None:
    """Open the publish screen, tick the one account, publish, and say yes."""
    app.push_screen(PublishScreen(draft_id))
    await pilot.pause()
    app.screen.query_one(Checkbox).value = True
    await pilot.pause()
    await pilot.click("#go")
    await pilot.pause()
    await pilot.click("#yes")
