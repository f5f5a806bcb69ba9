"""A bare app around the editor screen, for Pilot tests of the editor."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from support.waiting import until
from threadsmith.drafts import DraftSettings
from threadsmith.network import network_named
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.post_card import PostCard
from threadsmith.tui.widgets.preview import ThreadPreview


class EditorApp(App[None]):
    CSS_PATH = "../../threadsmith/tui/app.tcss"

    def __init__(
        self,
        text: str,
        settings: DraftSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.text = text
        self.settings = settings or DraftSettings()
        self.clock = clock  # the editor's: when the typing pauses
        self.saved: list[str] = []

    def on_mount(self) -> None:
        save = self.saved.append
        self.push_screen(
            EditorScreen(
                "essay.md", self.text, self.settings, lambda t, s: save(t), clock=self.clock
            )
        )


def document(editor: TextArea) -> Document:
    """The text area's document (a plain-text one: it maps offsets and locations)."""
    assert isinstance(editor.document, Document)
    return editor.document


def cards(app: App[None], network: str = "x") -> list[PostCard]:
    return list(app.screen.query_one(f"#preview-{network}").query(PostCard))


def caught_up(app: App[Any]) -> bool:
    """Whether each preview on show has cards, and they are the split of the essay as it
    stands (with the editor's settings)."""
    screen = app.screen
    essays = screen.query("#essay").results(TextArea)  # none until the editor is composed
    if not isinstance(screen, EditorScreen) or (essay := next(essays, None)) is None:
        return False
    text = essay.text
    for preview in screen.query(ThreadPreview):
        if not preview.display or preview.id is None:
            continue
        posts = screen.settings.split(
            text, network_named(preview.id.removeprefix("preview-"))
        ).posts
        shown = list(preview.query(PostCard))
        if not shown or any(card.post.text != posts[card.post.number - 1].text for card in shown):
            return False
    return True


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the cards show the essay as it stands (each change re-splits it)."""
    await until(pilot, lambda: caught_up(pilot.app), "the cards caught up with the essay")
