"""The editor's thread previews, side by side when there is room, one above the other
when there is not: a card narrower than a sentence's few words breaks words apart
("@theprimar/yhead"), so at 80 columns the networks of the side-by-side view stack."""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal

MIN_COLUMN = 34  # columns a preview needs to wrap a post between words, not inside them


class Previews(Horizontal):
    """The previews, each a `ThreadPreview`, beside the essay: side by side, each as
    wide as the essay, or stacked (class `-stacked`) in a column as wide as the essay
    when side by side they would get fewer than `MIN_COLUMN` columns each."""

    def on_resize(self, event: events.Resize) -> None:
        self.restack()

    def restack(self) -> None:
        """Stack or not, for the previews on show now (call after showing or hiding one)."""
        shown = sum(1 for child in self.children if child.display)
        room = self.parent.size.width if isinstance(self.parent, Horizontal) else 0
        # side by side, the essay and each preview share the width equally
        stacked = shown > 1 and room * shown // (shown + 1) < MIN_COLUMN * shown
        self.set_class(stacked, "-stacked")
        self.styles.width = f"{1 if stacked else max(shown, 1)}fr"
