"""The threadsmith app: a short shell that pushes screens; the screens do the work."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from threadsmith.tui.screens.editor import DraftSettings, EditorScreen


class ThreadsmithApp(App[None]):
    """`thread draft essay.md` opens the editor on that essay."""

    CSS_PATH = "app.tcss"
    TITLE = "threadsmith"

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path

    def on_mount(self) -> None:
        text = self.path.read_text(encoding="utf-8") if self.path else ""
        title = self.path.name if self.path else "New draft"
        self.push_screen(EditorScreen(title, text, DraftSettings(), self._save_to_file))

    def _save_to_file(self, text: str, settings: DraftSettings) -> None:
        if self.path is not None:
            self.path.write_text(text, encoding="utf-8")
