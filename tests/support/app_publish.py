"""Publishing from the app's publish screen, as a person does it, for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Checkbox, Static

from support.waiting import until
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.publish import PublishScreen
from threadsmith.tui.widgets.dialogs import Confirm


async def publish_to_the_account(app: ThreadsmithApp, pilot: Pilot[None], draft_id: int) -> None:
    """Open the publish screen, tick the one account, publish, and say yes."""
    await publish_ticking(app, pilot, draft_id, boxes=1)


async def publish_ticking(
    app: ThreadsmithApp,
    pilot: Pilot[None],
    draft_id: int,
    boxes: int | None = None,
    key: str | None = None,
) -> None:
    """Open the publish screen, tick its first `boxes` choices (None: every one), publish
    (a click on Publish, or the `key` pressed), and say yes."""
    app.push_screen(PublishScreen(draft_id))
    await pilot.pause()
    for box in list(app.screen.query(Checkbox).results(Checkbox))[:boxes]:
        box.value = True
    await pilot.pause()
    if key is None:
        await pilot.click("#go")
    else:
        await pilot.press(key)
    await say_yes(pilot)


async def say_yes(pilot: Pilot[None]) -> None:
    """Answer yes to the question publishing asks, once it is asked: the posts are planned
    in a thread first (a Bluesky link card reads its page)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, Confirm), "the question asked")
    await pilot.click("#yes")


async def preview_shown(pilot: Pilot[None]) -> str:
    """The publish screen's preview, once the posts are planned (in a thread)."""
    await pilot.pause()  # the change that plans again is handled
    screen = pilot.app.screen
    await until(pilot, lambda: not screen.has_class("-planning"), "the preview shown")
    return str(screen.query_one("#preview-text", Static).render())


async def quitting_asks_once(app: ThreadsmithApp, pilot: Pilot[None]) -> None:
    """Ctrl+Q while posts are being published asks whether to quit, and a second Ctrl+Q
    does not ask again; the question is left open."""
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert isinstance(app.screen, Confirm)
    assert app.screen.question.startswith("Posts are being published. Quit now?")
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert sum(isinstance(screen, Confirm) for screen in app.screen_stack) == 1
