"""Key bindings that keep their place among the keys typed around them."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from threadsmith.tui.textual_private import own_bindings


class OrderedKeysTextArea(TextArea):
    """A TextArea whose own key bindings run as their key arrives.

    Textual runs a widget's key bindings once the key has bubbled up to the app, by
    which time keys typed after it may have reached the widget and been written:
    "Ctrl+End, then words" sent at once wrote the words where the cursor was. Run
    here, each key's binding (Ctrl+End, Shift+arrows, undo…) keeps its place."""

    async def on_key(self, event: events.Key) -> None:
        # Handlers run from subclass to base: this one before TextArea's, which
        # writes the key unless a binding ran here and prevented that default.
        for binding in own_bindings(self, event.key):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return

    def action_text_edge(self, end: bool, select: bool = False) -> None:
        """The start or the end of the text (selecting, with Shift)."""
        self.move_cursor(self.document.end if end else (0, 0), select=select)
