"""One post of the preview: its text as published, its length against the limit."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from threadsmith.threading import Post, ThreadWarning

NEAR_LIMIT = 0.9  # from this fill on, the counter turns amber


class PostCard(Static, can_focus=True):
    """A post card; Enter or a click asks to move the editor's cursor to its words."""

    class Selected(Message):
        """The user picked this card: the editor moves to the post's span."""

        def __init__(self, card: PostCard) -> None:
            super().__init__()
            self.card = card

    BINDINGS = [("enter", "select", "Go to text")]

    def __init__(
        self,
        post: Post,
        total: int,
        warnings: tuple[ThreadWarning, ...] = (),
        posted: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(classes="post-card")
        self.post = post
        # the post's text as the network is sent it (`PostRules.posted`: Bluesky's
        # links shortened), which is what the card shows and its length counts
        self.posted: Callable[[str], str] = posted or _as_written
        self.pending: tuple[Post, int, tuple[ThreadWarning, ...]] | None = None
        self._shown: tuple[object, ...] = ()
        self._laid_out_as: tuple[int, int] | None = None  # (width, height) of the last layout
        self.show(post, total, warnings)

    def hold(self, post: Post, total: int, warnings: tuple[ThreadWarning, ...] = ()) -> bool:
        """Take `post` without repainting yet (`catch_up` does); True if a repaint is due.

        The card's post is current at once (its span moves with edits above it, even
        when its text does not): Enter on it goes to the right place."""
        self.post = post
        due = self._showing(post, total, warnings) != self._shown
        self.pending = (post, total, warnings) if due else None
        return due

    def catch_up(self) -> None:
        """Repaint the post held last, if it differs from the one shown."""
        if self.pending is not None:
            self.show(*self.pending)

    def show(self, post: Post, total: int, warnings: tuple[ThreadWarning, ...] = ()) -> bool:
        """Update the card in place (no remount: no flicker while typing); True if it
        changed.

        A card whose post did not change is left alone: re-rendering every card
        on every keystroke would re-lay out the whole column."""
        self.post = post
        self.pending = None
        shown = self._showing(post, total, warnings)
        if shown == self._shown:
            return False
        self._shown = shown
        body = Text(self.posted(post.text))
        for media in post.media:
            body.append(f"\n🖼  {media.path}", style="italic")
            body.append(f" — {media.alt}" if media.alt else " — no alt text!", style="dim italic")
        for warning in warnings:
            body.append(f"\n⚠ {warning.message}", style="bold")
        self._update_body(body)
        self.border_title = f"{post.number} of {total}"
        self.border_subtitle = f"{post.length}/{post.limit}"
        fill = post.length / post.limit
        self.set_class(fill >= NEAR_LIMIT, "-near-limit")
        self.set_class(bool(warnings), "-warned")
        return True

    def _showing(
        self, post: Post, total: int, warnings: tuple[ThreadWarning, ...]
    ) -> tuple[object, ...]:
        """What the card paints of a post: equal for two posts, no repaint."""
        text = self.posted(post.text)
        return (post.number, total, text, post.length, post.limit, post.media, warnings)

    def _update_body(self, body: Text) -> None:
        """Show `body`, laying the column out again only if the card's height changed.

        Typing changes one card's words, rarely its number of lines; a relayout of
        the whole screen (every card, the editor) is what makes a keystroke slow."""
        self.update(body, layout=False)
        width = self.content_size.width
        if not width:  # not laid out yet: its first layout measures it
            self.refresh(layout=True)
            return
        height = self.get_content_height(self.size, self.size, width)
        if (width, height) != self._laid_out_as:
            self.refresh(layout=True)
        self._laid_out_as = (width, height)

    def on_resize(self) -> None:
        self._laid_out_as = (self.content_size.width, self.content_size.height)

    def action_select(self) -> None:
        self.post_message(self.Selected(self))

    def on_click(self) -> None:
        self.post_message(self.Selected(self))


def _as_written(text: str) -> str:
    return text
