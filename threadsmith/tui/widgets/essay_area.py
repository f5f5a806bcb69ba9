"""The essay's editor: Textual's TextArea, kept quick on very long essays.

Textual's TextArea works out a few figures over the whole document for every screen
line it draws: the wrapped height (a sum over every line) and the whole text (to
see whether the placeholder is due); and it turns offsets into (row, column) by
walking the lines one by one. Each is cheap on a letter and costly on a book: on a
1 MB essay they made every keystroke's frame take ~100 ms. `EssayArea` gives the
document and its wrapped view the same answers from figures kept since the last
edit, keeps the screen lines the cursor does not touch, and leaves syntax
highlighting (a tree-sitter parse and a query over the whole document after every
edit) to essays short enough for it to be quick.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, count, repeat
from operator import add
from typing import Any

from textual.binding import Binding
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widgets.text_area import (
    Document,
    DocumentBase,
    EditResult,
    Location,
    SyntaxAwareDocument,
    WrappedDocument,
)

from threadsmith.tui.textual_private import (
    line_highlights,
    screen_line_count,
    screen_line_source,
    take_over,
    wrapped_at,
    wrapped_line_count,
)
from threadsmith.tui.widgets.ordered_keys import OrderedKeysTextArea

# Markdown highlighting costs a tree-sitter parse and a query over the whole essay
# at every keystroke (~40 ms at 180,000 characters): beyond this, plain text.
HIGHLIGHT_UP_TO = 60_000  # characters
MOVES_KEPT = 64  # lines' moves kept before their starts are counted again


def _keeping_figures(base: type[Document]) -> type[Document]:
    """`base` (a Textual document class) keeping figures from one edit to the next:
    the whole text, and where each line starts. Every change goes through
    `replace_range`, which forgets them. (A subclass, not a mixin: TextArea makes
    the document itself, and only a single-base subclass can take over an object.)"""

    class KeepingFigures(base):  # type: ignore[valid-type,misc]
        _text: str | None = None
        _line_starts: list[int] | None = None
        # Typing within a line moves the starts of the lines after it: kept as (row,
        # characters) moves, applied when asked, not as a pass over every line.
        _moves: tuple[tuple[int, int], ...] = ()

        def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
            self._text = None
            (top, left), (bottom, right) = sorted((start, end))
            if self._line_starts is not None and top == bottom and _one_line(text):
                moved = len(text) - (right - left)
                if self._moves and self._moves[-1][0] == top:
                    moved += self._moves[-1][1]
                    self._moves = self._moves[:-1]
                self._moves = (*self._moves, (top, moved))
                if len(self._moves) > MOVES_KEPT:
                    self._line_starts = None
            else:
                self._line_starts = None
            result: EditResult = super().replace_range(start, end, text)
            return result

        @property
        def text(self) -> str:
            if self._text is None:
                self._text = super().text
            return self._text

        def _starts(self) -> list[int]:
            """The offset in `text` at which each line starts (at C speed: a 5 MB essay
            has some 50,000 lines), with the moves since applied."""
            if self._line_starts is None:
                newline = len(self.newline)
                ends = map(add, accumulate(map(len, self.lines)), count(newline, newline))
                self._line_starts, self._moves = [0, *ends], ()
            elif self._moves:
                starts = self._line_starts
                for row, moved in self._moves:
                    starts[row + 1 :] = map(add, starts[row + 1 :], repeat(moved))
                self._moves = ()
            return self._line_starts

        def get_index_from_location(self, location: Location) -> int:
            row, column = location
            if self._line_starts is None:
                self._starts()
            assert self._line_starts is not None
            start = self._line_starts[row]
            return start + column + sum(moved for after, moved in self._moves if row > after)

        def get_location_from_index(self, index: int) -> Location:
            starts = self._starts()
            if index < 0 or index > starts[-1] - len(self.newline):
                raise ValueError(f"Index {index!r} does not correspond to a location.")
            row = bisect_right(starts, index) - 1
            return (row, index - starts[row])

    KeepingFigures.__name__ = KeepingFigures.__qualname__ = f"Essay{base.__name__}"
    return KeepingFigures


def _one_line(text: str) -> bool:
    """Whether `text` holds no line break of any kind (as `str.splitlines` sees them)."""
    return "".join(text.splitlines()) == text


class _EssayWrapping(WrappedDocument):
    """The wrapped view, with its height counted once per (re)wrap, not per line drawn:
    it is the number of screen lines it maps, one entry each (Textual's own invariant,
    which `wrapped` relies on too). Asked to wrap again at the width it is wrapped at
    (as TextArea does while it is built, and when its scroll bar comes and goes), it
    keeps its wrapping: every edit since has been wrapped in place (`wrap_range`).
    Each full pass over a 5 MB essay takes seconds."""

    _height = 0
    _wrapped_at: tuple[int, int] | None = None

    def count_height(self) -> None:
        self._height = screen_line_count(self)
        self._wrapped_at = wrapped_at(self)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        wanted = (width, tab_width or wrapped_at(self)[1])
        if wanted == self._wrapped_at and wrapped_line_count(self) == self.document.line_count:
            return
        super().wrap(width, tab_width)
        self.count_height()

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        super().wrap_range(start, old_end, new_end)
        self.count_height()

    @property
    def height(self) -> int:
        return self._height


_FASTER: dict[type[DocumentBase], type[Document]] = {
    kind: _keeping_figures(kind) for kind in (Document, SyntaxAwareDocument)
}


class EssayArea(OrderedKeysTextArea):
    """A TextArea whose cost per keystroke does not grow with the essay's length
    (but for a list copy per edit, at C speed); Ctrl+Home and Ctrl+End (with Shift:
    selecting) run in their place among the keys typed after them."""

    BINDINGS = [
        Binding("ctrl+home", "text_edge(False)", "Start", show=False),
        Binding("ctrl+end", "text_edge(True)", "End", show=False),
        Binding("ctrl+shift+home", "text_edge(False, True)", "Select to start", show=False),
        Binding("ctrl+shift+end", "text_edge(True, True)", "Select to end", show=False),
    ]

    def __init__(self, text: str = "", *, language: str | None = None, **options: Any) -> None:
        if len(text) > HIGHLIGHT_UP_TO:
            language = None
        self._untouched_lines: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        super().__init__(text, language=language, **options)

    _drawing = False  # within Textual's drawing of a line

    @property
    def text(self) -> str:
        if self._drawing:  # Textual asks, for each line it draws, whether the essay is empty
            document = self.document  # (to show the placeholder): no need to join 5 MB
            return "" if document.line_count == 1 and not document.get_line(0) else "\n"
        return self.document.text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def render_line(self, y: int) -> Strip:
        """A screen line of the essay. One that neither the cursor nor the selection
        touches is drawn once and kept: with soft wrap on, Textual keys its own cache
        on the whole selection, so each keystroke (the cursor moves) drew every line
        on screen again (~8 ms a key)."""
        key = self._untouched_line_key(y)
        strip = self._untouched_lines.get(key) if key is not None else None
        if strip is None:
            self._drawing = True
            try:
                strip = super().render_line(y)
            finally:
                self._drawing = False
            if key is not None:
                self._untouched_lines[key] = strip
        return strip

    def _untouched_line_key(self, y: int) -> tuple[object, ...] | None:
        """What the drawing of screen line `y` depends on, if the cursor, the selection
        and a matched bracket are elsewhere (None: they are not, or the essay is empty)."""
        document, wrapped = self.document, self.wrapped_document
        if document.line_count == 1 and not document.get_line(0):
            return None  # the placeholder
        scroll_x, scroll_y = self.scroll_offset
        source = screen_line_source(wrapped, y + scroll_y)
        if source is None:
            return None
        line_index, section = source
        top, bottom = sorted(self.selection)
        bracket = self.matching_bracket_location
        if top[0] <= line_index <= bottom[0] or (bracket and bracket[0] == line_index):
            return None
        return (
            document.get_line(line_index), section, tuple(wrapped.get_offsets(line_index)),
            line_highlights(self, line_index), self.size, scroll_x, self.indent_width,
            self.soft_wrap, line_index if self.show_line_numbers else None, self.theme,
            self.app.theme, self.has_focus, self.read_only, self.disabled,
        )  # fmt: skip

    # TextArea makes its documents itself; each is given the kept figures as it is
    # set (the same object: the wrapped view and the navigator hold on to it). Why
    # this way, and what it relies on: textual_private.take_over.
    @property
    def document(self) -> DocumentBase:
        return self._essay_document

    @document.setter
    def document(self, document: DocumentBase) -> None:
        faster = _FASTER.get(type(document))
        self._essay_document = take_over(document, faster) if faster else document

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._essay_wrapping

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        if type(wrapped) is WrappedDocument:
            take_over(wrapped, _EssayWrapping).count_height()
        self._essay_wrapping = wrapped
