"""The editor: the essay on the left, the live thread on the right.

The essay is the one source of truth. Every change re-splits it (debounced) and
updates the cards in place: in the keystroke's frame for an essay that splits in a
few milliseconds, from a worker thread for a longer one (`split_keeper`). Per-post
actions (force a break, join, edit a post) are edits of the essay, so the
TextArea's undo and redo cover them too.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Header, TextArea
from textual.widgets.text_area import Document
from textual.worker import Worker

from threadsmith.drafts import ALL, DraftSettings, forced_break
from threadsmith.mentions import MentionChecks
from threadsmith.network import Account, Network, networks
from threadsmith.threading import Post, Thread
from threadsmith.tui import steer_actions
from threadsmith.tui.base import AppScreen
from threadsmith.tui.collector_pause import CollectorPause
from threadsmith.tui.draft_saver import Autosave, DraftSaver
from threadsmith.tui.mention_watch import MentionWatch
from threadsmith.tui.screens.editor_keys import EDITOR_KEYS
from threadsmith.tui.split_keeper import SplitJob, SplitKeeper, Splits, load_the_rest
from threadsmith.tui.widgets.essay_area import EssayArea
from threadsmith.tui.widgets.post_card import PostCard
from threadsmith.tui.widgets.preview import ThreadPreview
from threadsmith.tui.widgets.previews import Previews

if TYPE_CHECKING:
    from threadsmith.threading import Splitter


class EditorScreen(AppScreen[None]):
    """Write the essay and watch the thread form."""

    HELP_TITLE = "the editor"
    HELP_ROWS = (
        ("^z / ^y", "Undo / redo, breaks moved, joins and post edits included"),
        ("alt+↑ / alt+↓", "Move the break after this post a sentence earlier / later"),
    )

    BINDINGS = EDITOR_KEYS

    def __init__(
        self,
        title: str,
        text: str,
        settings: DraftSettings,
        autosave: Autosave,
        publish: Callable[[], None] | None = None,
        close: Callable[[], None] | None = None,
        mention_checks: MentionChecks | None = None,
        accounts: Callable[[Network], Sequence[Account]] = lambda network: (),
        clock: Callable[[], float] = time.monotonic,  # when typing pauses (tests set their own)
    ) -> None:
        super().__init__()
        self._publish = publish
        self._close = close
        self.draft_title = title
        self.settings = settings
        self._initial_text = text
        self.saver = DraftSaver(
            self, autosave, self._as_it_stands, self._essay_length, self._retitle, self._load
        )
        self._resplit_pending = False
        self._engine: Splitter | None = None  # made once the engine has loaded
        self._splits = SplitKeeper(
            self, self._essay_length, self._split_job, self._show_splits, self._lagging, clock
        )
        self._warm = False  # the engine has split once: the rest can load
        self._collector = CollectorPause(self)
        self._accounts_of = accounts  # a network's accounts, the first setting the limits
        self._accounts: dict[Network, Account | None] = {}
        self.threads: dict[Network, Thread] = {}
        self._mentions = (
            MentionWatch(self, mention_checks, self.resplit, self._before_cursor)
            if mention_checks is not None
            else None
        )

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="workspace"):
            editor = EssayArea(
                self._initial_text,
                language="markdown",
                soft_wrap=True,
                tab_behavior="indent",
                id="essay",
                placeholder="Write your argument here, in Markdown.",
            )
            editor.border_title = Content(self.draft_title)  # a title is words, not markup
            yield editor
            with Previews(id="previews"):
                for network in networks():
                    yield ThreadPreview(network.display_name, id=f"preview-{network.name}")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.draft_title
        self._show_view()
        self.query_one("#essay", TextArea).focus()
        # The first split runs in a worker thread whatever the essay's length: the
        # engine's first run loads it and compiles the networks' URL and emoji
        # patterns (~0.3 s), which would hold the first paint.
        self.call_after_refresh(self._splits.request, True)

    def on_unmount(self) -> None:
        self.saver.stop()  # a save in a worker thread ends before the database may close
        self._collector.collect()  # the collector runs by itself again

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        self._splits.finished(event) or self.saver.finished(event)

    def _warmed_up(self) -> None:
        """After the first split: load the rest, and settle the long-lived objects."""
        self._warm = True
        self.run_worker(load_the_rest, thread=True, name="preload")
        # The app, the essay and its cards are long-lived: moved out of the garbage
        # collector's reach, its full passes no longer stall typing (40-60 ms each).
        self.call_after_refresh(gc.freeze)

    def _splitter(self) -> Splitter:
        """The editor's own splitter: it remembers the last split, so the next keystroke
        redoes only what the edit can change."""
        if self._engine is None:
            from threadsmith.threading import Splitter

            self._engine = Splitter()
        return self._engine

    def _preview_account(self, network: Network) -> Account | None:
        """The account whose server sets the preview's limits (a Mastodon instance's),
        the first added for the network; looked up once, again when the screen resumes."""
        if network not in self._accounts:
            found = self._accounts_of(network)
            self._accounts[network] = found[0] if found else None
        return self._accounts[network]

    @property
    def essay(self) -> TextArea:
        return self.query_one("#essay", TextArea)

    # --- keeping the preview in step -------------------------------------------------

    @on(TextArea.Changed, "#essay")
    def _essay_changed(self) -> None:
        # Debounced by the message queue, not a clock: the re-split runs once the
        # events already waiting (key repeat, the rest of a paste) are handled, so
        # a burst costs one split and a single key is not kept waiting.
        if not self._resplit_pending:
            self._resplit_pending = True
            self.call_later(self.resplit)
        self.saver.changed()
        self._collector.typed()

    def resplit(self) -> None:
        """Split the essay for the networks on show and update their cards: at once
        for an essay that splits within a keystroke's frame, else in a worker thread
        (the cards follow when it is done; typing goes on meanwhile)."""
        self._resplit_pending = False
        self._splits.request()

    def _essay_length(self) -> int:
        """The essay's length in characters (without joining its lines)."""
        return self._document().get_index_from_location(self._document().end)

    def _split_job(self) -> SplitJob:
        """The split of the essay as it stands (on the UI thread: it reads the screen)."""
        shown = self.settings.networks()
        return SplitJob(
            self.essay.text,
            shown,
            {network: self._preview_account(network) for network in shown},
            self.settings,
            self._splitter(),
            self._mentions,
        )

    def _show_splits(self, splits: Splits) -> None:
        """Show the threads of the essay as it stands (the split keeper's delivery)."""
        offset = self.cursor_offset()
        for network, result in splits.threads.items():
            preview = self.query_one(f"#preview-{network.name}", ThreadPreview)
            if isinstance(result, str):
                preview.show_error(result)
                continue
            if self._mentions is not None:
                self._mentions.noted(network, splits.unchecked.get(network, set()))
            self.threads[network] = result
            post = result.post_at(offset)
            preview.show(result, around=post.number if post else None)
        self._follow_cursor()
        if not self._warm:
            self._warmed_up()

    def _lagging(self, lagging: bool) -> None:
        """The preview is (or no longer is) behind the essay: say so on each one shown."""
        size = f"{self._essay_length():,} characters"
        for network in self.settings.networks():
            preview = self.query_one(f"#preview-{network.name}", ThreadPreview)
            preview.set_lagging(lagging)
            preview.show_status(f"Splitting the essay ({size}): the thread appears here.")

    def threads_as_typed(self) -> dict[Network, Thread] | None:
        """The threads, if they are the essay's as it stands (their spans are offsets in
        it); None while a split of a long essay is under way, after telling the user."""
        if self._splits.caught_up:
            return self.threads
        self.notify(
            "The preview is still catching up with the essay: try again in a moment.",
            severity="warning",
            markup=False,
        )
        return None

    @on(TextArea.SelectionChanged, "#essay")
    def _follow_cursor(self) -> None:
        offset = self.cursor_offset()
        for network, thread in self.threads.items():
            post = thread.post_at(offset)
            preview = self.query_one(f"#preview-{network.name}", ThreadPreview)
            preview.highlight(post.number if post else None)

    @on(PostCard.Selected)
    def _go_to_post(self, event: PostCard.Selected) -> None:
        location = self.location(event.card.post.span[0])
        self.essay.cursor_location = location
        self.essay.focus()

    def action_essay_edge(self, end: bool) -> None:
        """Ctrl+Home / Ctrl+End: the start or the end of the essay."""
        self.essay.move_cursor(self._document().end if end else (0, 0))
        self.essay.focus()

    def _before_cursor(self) -> str:
        row, column = self.essay.cursor_location
        return self._document().get_line(row)[:column]

    def cursor_offset(self) -> int:
        return self._document().get_index_from_location(self.essay.cursor_location)

    def location(self, offset: int) -> tuple[int, int]:
        """(row, column) in the TextArea of an offset in the essay."""
        return self._document().get_location_from_index(offset)

    def _document(self) -> Document:
        document = self.essay.document
        assert isinstance(document, Document)  # a plain-text TextArea always has one
        return document

    # --- actions ---------------------------------------------------------------------

    def action_save(self) -> None:
        self.saver.now()

    def _as_it_stands(self) -> tuple[str, DraftSettings]:
        return self.essay.text, self.settings

    def _load(self, text: str, settings: DraftSettings) -> None:  # another window's (^Z: mine)
        self.settings = settings
        self._show_view()
        self.essay.replace(text, (0, 0), self._document().end)
        self.resplit()

    def _retitle(self, title: str) -> None:
        if title != self.draft_title:  # the first heading names the draft
            self.draft_title = self.sub_title = title
            self.essay.border_title = Content(title)

    def action_settings(self) -> None:
        from threadsmith.tui.widgets.draft_dialogs import SettingsDialog

        def apply(settings: DraftSettings | None) -> None:
            if settings is not None:
                self.settings = settings
                self.resplit()
                self.action_save()
                self.reveal_cursor()

        self.app.push_screen(SettingsDialog(self.settings, self.essay.text), apply)

    def action_edit_post(self) -> None:
        """Edit one post's words; they replace the post's span, so the essay stays the source."""
        steer_actions.edit_post(self)

    def action_publish(self) -> None:
        self.action_save()
        if self._publish is not None:
            self._publish()

    def action_close(self) -> None:
        self.saver.now(then=self._close)  # asks first when the text cannot be saved

    def action_cycle_view(self) -> None:
        views = [*(network.name for network in networks()), ALL]
        current = self.settings.view if self.settings.view in views else ALL
        view = views[(views.index(current) + 1) % len(views)]
        self.settings = replace(self.settings, view=view)
        self._show_view()
        self.resplit()
        self.action_save()
        self.reveal_cursor()

    def reveal_cursor(self) -> None:
        """Once the layout has settled (cards re-wrapped, panes resized), bring the
        cursor's line and its post's card back into view."""

        def reveal() -> None:
            self.essay.scroll_cursor_visible()
            for network in self.settings.networks():
                self.query_one(f"#preview-{network.name}", ThreadPreview).reveal()

        self.call_after_refresh(reveal)

    def on_screen_resume(self) -> None:
        if self._accounts:  # an account may have been added or removed meanwhile
            self._accounts.clear()
            self.resplit()
        self.reveal_cursor()  # a dialog or the help panel may have moved things

    def _show_view(self) -> None:
        shown = self.settings.networks()
        for network in networks():
            self.query_one(f"#preview-{network.name}").display = network in shown
        self.query_one(Previews).restack()

    def action_force_break(self) -> None:
        """Insert an explicit break at the cursor (at the start of the current word)."""
        self.apply_edit(forced_break(self.essay.text, self.cursor_offset()))

    def action_join_next(self) -> None:
        """Join the post under the cursor with the next, on the network shown."""
        steer_actions.join_next(self)

    def action_move_break(self, later: bool) -> None:
        """Move the break after the post under the cursor one sentence later or earlier."""
        steer_actions.move_break(self, later)

    def action_remove_leftovers(self) -> None:
        steer_actions.remove_leftovers(self)

    def post_at_cursor(
        self, threads: dict[Network, Thread], or_focused_card: bool = False
    ) -> tuple[Thread, Post] | None:
        """The first of `threads` and its post at the cursor (or, if asked, the focused
        card's); None when there is no such post."""
        thread = next(iter(threads.values()), None)
        if thread is None:
            return None
        focused = self.app.focused
        if or_focused_card and isinstance(focused, PostCard):
            return thread, focused.post
        post = thread.post_at(self.cursor_offset())
        return None if post is None else (thread, post)

    def apply_edit(self, edit: tuple[int, int, str]) -> None:
        """Replace an essay range (offsets) through the TextArea: one undoable edit."""
        start, end, replacement = edit
        self.essay.replace(replacement, self.location(start), self.location(end))

    def action_focus_preview(self) -> None:
        for network in self.settings.networks():
            cards = self.query_one(f"#preview-{network.name}", ThreadPreview).cards
            current = [card for card in cards if card.has_class("-current")]
            target = current[0] if current else (cards[0] if cards else None)
            if target is not None:
                target.focus()
                return
