"""The live preview of a thread: a column of post cards for one network.

Cards are reused between updates, and a card whose post did not change is left
alone. The cards in view are repainted at once, in the keystroke's frame; those
scrolled out of view a few at a time while the app is idle (a post added early
in a long thread renumbers every card after it, ~1 ms each). A thread longer
than any thread should be says so, and only a window of cards around the
cursor's post is kept: a card is a widget, and thousands lay out slowly.
"""

from __future__ import annotations

from textual import messages
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from threadsmith.threading import Thread, ThreadWarning
from threadsmith.tui.widgets.post_card import PostCard

TOO_MANY_POSTS = 100  # a thread longer than this is more than readers follow
MAX_CARDS = TOO_MANY_POSTS  # cards kept at once: a thread that is not too long shows whole
WINDOW_MARGIN = 10  # the window moves once the cursor's post is this close to its edge
REPAINT_BATCH = 8  # cards out of view repainted per idle moment


class ThreadPreview(VerticalScroll):
    """Shows a `Thread`, or the window of it around the cursor's post."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="thread-preview")
        self.border_title = title
        self.thread: Thread | None = None
        self.first = 0  # the index in the thread of the first card's post
        self._message = Static("", classes="preview-message", markup=False)
        self._message.display = False
        # The cards in order, kept here: querying the DOM on every keystroke costs.
        self.cards: list[PostCard] = []
        self._current: PostCard | None = None
        self._said = ""
        self._waiting: list[PostCard] = []  # cards out of view with a repaint due
        self._catching_up = False
        self._lagging = False  # a split of the essay as it now stands is under way
        self._mid_sentence_ends = 0

    def compose(self) -> ComposeResult:
        yield self._message

    def show(self, thread: Thread, around: int | None = None) -> None:
        """Show `thread`, reusing the cards; `around`: the number of the post under the
        cursor, which the window of cards (in a thread too long to show whole) keeps."""
        self.thread = thread
        self._mid_sentence_ends = thread.mid_sentence_ends
        self.first = self._window_start(len(thread.posts), around)
        self._fill(thread)

    def _window_start(self, total: int, around: int | None) -> int:
        if total <= MAX_CARDS:
            return 0
        first = min(self.first, total - MAX_CARDS)
        if around is not None:
            index = around - 1
            near_top = index < first + WINDOW_MARGIN and first > 0
            near_bottom = index >= first + MAX_CARDS - WINDOW_MARGIN and first < total - MAX_CARDS
            if near_top or near_bottom:
                first = index - MAX_CARDS // 2
        return max(0, min(first, total - MAX_CARDS))

    def _fill(self, thread: Thread) -> None:
        by_post: dict[int, list[ThreadWarning]] = {}
        for warning in thread.warnings:
            if warning.post is not None:
                by_post.setdefault(warning.post, []).append(warning)
        total = len(thread.posts)
        shown = thread.posts[self.first : self.first + MAX_CARDS]
        self._say(self._notice(thread))
        repainted = []
        posted = thread.rules.posted  # the text as sent: Bluesky's links shortened
        for card, post in zip(self.cards, shown, strict=False):
            card.posted = posted
            if card.hold(post, total, tuple(by_post.get(post.number, ()))):
                if self._in_view(card):
                    card.catch_up()
                    repainted.append(card)
                elif card not in self._waiting:
                    self._waiting.append(card)
        for extra in self.cards[len(shown) :]:
            extra.remove()
        if len(self.cards) < len(shown):
            new = [
                PostCard(post, total, tuple(by_post.get(post.number, ())), posted)
                for post in shown[len(self.cards) :]
            ]
            self.mount_all(new)
            self.cards.extend(new)
        del self.cards[len(shown) :]
        self._waiting = [card for card in self._waiting if card.pending]
        if self._current is not None and self._current not in self.cards:
            self._current = None
        self._write_subtitle()
        # Each card asks for its repaint when its own message loop next idles, after
        # the screen has drawn the keystroke: a frame late. Telling the screen now
        # puts the repainted cards in the same frame as the typed text, and only them
        # (a whole-screen repaint costs ~10 ms a key).
        for card in repainted:
            self.screen.post_message(messages.Update(card))
        if self._waiting and not self._catching_up:
            self._catching_up = True
            self.call_after_refresh(self._catch_up)

    def set_lagging(self, lagging: bool) -> None:
        """Say whether the cards are behind the essay (a long one's split is under way)."""
        self._lagging = lagging
        self._write_subtitle()

    def _write_subtitle(self) -> None:
        parts = []
        if self.thread is not None:
            total = len(self.thread.posts)
            parts.append(f"{total:,} posts" if total != 1 else "1 post")
            if ends := self._mid_sentence_ends:  # posts the reader sees cut off with "…"
                parts.append(f"{ends:,} end mid-sentence")
        if self._lagging:
            parts.append("updating…")
        subtitle = " · ".join(parts)
        if subtitle != self.border_subtitle:  # setting it repaints the whole column
            self.border_subtitle = subtitle

    def _notice(self, thread: Thread) -> str:
        """What is said above the cards: the thread's general warnings, and whether it
        is longer than any thread should be."""
        lines = [f"⚠ {w.message}" for w in thread.warnings if w.post is None]
        if thread.trade is not None and thread.trade.differs:  # the choice F4 makes
            lines.insert(0, f"{thread.trade.describe()} (F4 chooses)")
        total = len(thread.posts)
        if not thread.posts:
            return (
                "Start writing: the thread appears here as you type.\n\nWritten it "
                "elsewhere? Paste it in, or import it from a blog post, a Word document or "
                "a file: Ctrl+P, then “Import from a URL or file…”."
            )
        if total > TOO_MANY_POSTS:
            lines.append(
                f"⚠ {total:,} posts: longer than any thread should be (readers rarely "
                f"follow one past {TOO_MANY_POSTS}). Cut the essay, or publish it as "
                "several threads."
            )
        if total > MAX_CARDS:
            last = self.first + MAX_CARDS
            lines.append(f"Posts {self.first + 1:,}–{last:,} of {total:,}, around the cursor.")
        return "\n".join(lines)

    def show_error(self, message: str) -> None:
        self._say(f"⚠ {message}")

    def show_status(self, message: str) -> None:
        """Say `message` (e.g. that a split is under way) while there is no thread yet."""
        if self.thread is None:
            self._say(message)

    def _say(self, message: str) -> None:
        """Show `message` above the cards (nothing: hidden); unchanged, left alone."""
        if message != self._said:
            self._said = message
            self._message.update(message)
            self._message.display = bool(message)

    def _in_view(self, card: PostCard) -> bool:
        """Whether `card` is on screen or within a screen's height of it (as last laid out)."""
        region = card.virtual_region
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        return region.bottom >= top - height and region.y <= top + 2 * height

    def _catch_up(self) -> None:
        """Repaint a few of the cards out of view; again after the next frame if more wait."""
        self._catching_up = False
        batch, self._waiting = self._waiting[:REPAINT_BATCH], self._waiting[REPAINT_BATCH:]
        for card in batch:
            card.catch_up()
        if self._waiting:
            self._catching_up = True
            self.call_after_refresh(self._catch_up)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._waiting:  # scrolled onto cards not repainted yet: now
            for card in [card for card in self._waiting if self._in_view(card)]:
                card.catch_up()
                self._waiting.remove(card)

    def reveal(self) -> None:
        """Scroll the highlighted card into view (after the cards changed size)."""
        if self._current is not None:
            self._bring_into_view(self._current)

    def _bring_into_view(self, card: PostCard) -> None:
        if card is self.cards[0]:
            self.scroll_home(animate=False)  # the notice above the cards too
        else:
            self.scroll_to_widget(card, animate=False)

    def highlight(self, number: int | None) -> None:
        """Mark the card of post `number` (the one under the editor's cursor), moving
        the window of cards to it when the thread is too long to show whole."""
        thread = self.thread
        moved = False
        if thread is not None and number is not None:
            first = self._window_start(len(thread.posts), number)
            if first != self.first:  # a jump (Ctrl+End, a far card): every card changes
                self.first, moved = first, True
                self._fill(thread)
                for waiting in self._waiting:  # painted now, so the view settles at once
                    waiting.catch_up()
                self._waiting = []
        index = number - 1 - self.first if number else -1
        card = self.cards[index] if 0 <= index < len(self.cards) else None
        if card is self._current and not moved:
            return
        if self._current is not None:
            self._current.remove_class("-current")
        self._current = card
        if card is not None:
            if card.pending:
                card.catch_up()
            card.add_class("-current")
            if moved:  # once the new cards are laid out
                self.call_after_refresh(self.reveal)
            else:
                self._bring_into_view(card)
