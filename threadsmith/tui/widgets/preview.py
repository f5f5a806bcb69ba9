"""The live preview of a thread: a column of post cards for one platform."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from threadsmith.threading import Thread, Warning
from threadsmith.tui.widgets.post_card import PostCard


class ThreadPreview(VerticalScroll):
    """Shows a `Thread`; cards are reused between updates so typing does not flicker."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="thread-preview")
        self.border_title = title
        self.thread: Thread | None = None
        self._message = Static("", classes="preview-message")

    def compose(self) -> ComposeResult:
        yield self._message

    def show(self, thread: Thread) -> None:
        self.thread = thread
        cards = list(self.query(PostCard))
        by_post: dict[int, list[Warning]] = {}
        for warning in thread.warnings:
            if warning.post is not None:
                by_post.setdefault(warning.post, []).append(warning)
        general = [w.message for w in thread.warnings if w.post is None]
        self._message.update("\n".join(f"⚠ {m}" for m in general))
        self._message.display = bool(general) or not thread.posts
        if not thread.posts:
            self._message.update("Start writing: the thread appears here as you type.")
        total = len(thread.posts)
        for card, post in zip(cards, thread.posts, strict=False):
            card.show(post, total, tuple(by_post.get(post.number, ())))
        for extra in cards[total:]:
            extra.remove()
        if len(cards) < total:
            self.mount_all(
                PostCard(post, total, tuple(by_post.get(post.number, ())))
                for post in thread.posts[len(cards) :]
            )
        self.border_subtitle = f"{total} posts" if total != 1 else "1 post"

    def show_error(self, message: str) -> None:
        self._message.update(f"⚠ {message}")
        self._message.display = True

    def highlight(self, number: int | None) -> None:
        """Mark the card of post `number` (the one under the editor's cursor)."""
        for card in self.query(PostCard):
            current = card.post.number == number
            card.set_class(current, "-current")
            if current:
                self.scroll_to_widget(card, animate=False)
