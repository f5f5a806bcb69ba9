"""A bare app around the editor screen, for Pilot tests of the editor."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from threadsmith.drafts import DraftSettings
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.post_card import PostCard


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
