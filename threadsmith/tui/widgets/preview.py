"""The live preview of a thread: a column of post cards for one platform."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from threadsmith.threading import Thread, ThreadWarning
from threadsmith.tui.widgets.post_card import PostCard


class ThreadPreview(VerticalScroll):
    """Shows a `Thread`; cards are reused between updates so typing does not flicker."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="thread-preview")
        self.border_title = title
        self.thread: Thread | None = None
        self._message = Static("", classes="preview-message", markup=False)
        self._message.display = False
        # The cards in order, kept here: querying the DOM on every keystroke costs.
        self.cards: list[PostCard] = []
        self._current: PostCard | None = None
        self._said = ""

    def compose(self) -> ComposeResult:
        yield self._message

    def show(self, thread: Thread) -> list[PostCard]:
        """Show `thread`, reusing the cards; returns the cards whose post changed."""
        self.thread = thread
        by_post: dict[int, list[ThreadWarning]] = {}
        for warning in thread.warnings:
            if warning.post is not None:
                by_post.setdefault(warning.post, []).append(warning)
        general = [w.message for w in thread.warnings if w.post is None]
        message = "\n".join(f"⚠ {m}" for m in general)
        if not thread.posts:
            message = "Start writing: the thread appears here as you type."
        self._say(message)
        total = len(thread.posts)
        changed = [
            card
            for card, post in zip(self.cards, thread.posts, strict=False)
            if card.show(post, total, tuple(by_post.get(post.number, ())))
        ]
        for extra in self.cards[total:]:
            extra.remove()
        if len(self.cards) < total:
            new = [
                PostCard(post, total, tuple(by_post.get(post.number, ())))
                for post in thread.posts[len(self.cards) :]
            ]
            self.mount_all(new)
            self.cards.extend(new)
        del self.cards[total:]
        if self._current is not None and self._current not in self.cards:
            self._current = None
        subtitle = f"{total} posts" if total != 1 else "1 post"
        if thread.mid_sentence_ends:  # each one a post the reader sees cut off with "…"
            subtitle += f" · {thread.mid_sentence_ends} end mid-sentence"
        if subtitle != self.border_subtitle:  # setting it repaints the whole column
            self.border_subtitle = subtitle
        return changed

    def show_error(self, message: str) -> None:
        self._say(f"⚠ {message}")

    def _say(self, message: str) -> None:
        """Show `message` above the cards (nothing: hidden); unchanged, left alone."""
        if message != self._said:
            self._said = message
            self._message.update(message)
            self._message.display = bool(message)

    def reveal(self) -> None:
        """Scroll the highlighted card into view (after the cards changed size)."""
        if self._current is not None:
            self.scroll_to_widget(self._current, animate=False)

    def highlight(self, number: int | None) -> None:
        """Mark the card of post `number` (the one under the editor's cursor)."""
        card = self.cards[number - 1] if number and number <= len(self.cards) else None
        if card is self._current:
            return
        if self._current is not None:
            self._current.remove_class("-current")
        self._current = card
        if card is not None:
            card.add_class("-current")
            self.scroll_to_widget(card, animate=False)
