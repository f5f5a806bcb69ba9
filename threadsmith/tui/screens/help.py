"""F1: the keys of the screen underneath, each with what it does, and the app's own.

Textual's help panel lists the focused widget's keys first (a TextArea's dozens of
cursor keys); this lists threadsmith's, all of them, shown in the footer or not.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """A table of keys; F1 or Esc closes it."""

    BINDINGS = [
        Binding("escape,f1", "dismiss", "Close", show=False),
    ]

    def __init__(
        self, under: Screen[Any], title: str, widget_keys: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.under = under
        self.title_text = title
        self.widget_keys = widget_keys  # (keys, what they do) the screen's widgets bring

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()  # what it does: wraps in a narrow terminal
        for shown, text in self.rows():
            keys.add_row(shown, text)
        with Vertical(classes="dialog-box help"):
            yield Label(f"Keys: {self.title_text}", classes="dialog-title", markup=False)
            yield Static(keys, id="keys")
            yield Label("Ctrl+P finds any action by name. F1 or Esc closes this.", markup=False)

    def rows(self) -> list[tuple[str, str]]:
        """(keys as the footer shows them, what they do) for the screen, then the app."""
        rows: list[tuple[str, str]] = []
        for binding in [*self.under.BINDINGS, *self.app.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = " / ".join(
                self.app.get_key_display(Binding(key.strip(), binding.action))
                for key in binding.key.split(",")
            )
            if keys not in (shown for shown, _ in rows):
                rows.append((keys, binding.tooltip or binding.description))
        return [*rows, *self.widget_keys]
