"""A bare app around the editor screen, for Pilot tests of the editor."""

from __future__ import annotations

from textual.app import App
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from threadsmith.drafts import DraftSettings
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.post_card import PostCard


class EditorApp(App[None]):
    CSS_PATH = "../../threadsmith/tui/app.tcss"

    def __init__(self, text: str, settings: DraftSettings | None = None) -> None:
        super().__init__()
        self.text = text
        self.settings = settings or DraftSettings()
        self.saved: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(
            EditorScreen("essay.md", self.text, self.settings, lambda t, s: self.saved.append(t))
        )


def document(editor: TextArea) -> Document:
    """The text area's document (a plain-text one: it maps offsets and locations)."""
    assert isinstance(editor.document, Document)
    return editor.document


def cards(app: App[None], network: str = "x") -> list[PostCard]:
    return list(app.screen.query_one(f"#preview-{network}").query(PostCard))
