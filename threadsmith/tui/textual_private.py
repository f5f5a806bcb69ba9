"""Every use threadsmith makes of Textual's private parts, in one place.

Each is here because Textual's public API (8.2) was searched for the same answer and
has none, or has one too slow for a line drawn per keystroke on a 5 MB essay. If a
Textual release moves one, tests/tui/test_textual_private.py fails and names it;
pyproject.toml keeps Textual below the next major meanwhile. No other module of
threadsmith may import a private Textual module or touch these names (the same test
scans for that). The document classes are public, from `textual.widgets.text_area`.

A WrappedDocument's private figures, read by the essay area (widgets/essay_area.py):

- `_offset_to_line_info`, a list of (line index, wrapped section) per screen line:
  `screen_line_source` and `screen_line_count`. The public `offset_to_location`
  gives (line, column), not the section, measures the line's cells for the column,
  and clamps past the end; the public `height` sums over every line of the essay.
- `_width` and `_tab_width`, the widths last wrapped at: `wrapped_at`. Only the
  boolean `wrapped` is public.
- `_wrap_offsets`, one entry per document line wrapped: `wrapped_line_count`. The
  public `lines` builds every wrapped line's text to say as much.

A TextArea's:

- `_highlights`, the syntax highlights of each line: `line_highlights`. No public
  accessor (the public `matching_bracket_location` serves the bracket).
- How it makes its documents: its private `_set_document` builds a Document (or a
  SyntaxAwareDocument) and a WrappedDocument itself and assigns them to `document`
  and `wrapped_document`; it takes no factory and the classes are not attributes to
  replace. The essay area catches the assignments and gives the new objects a
  subclass of their own class: `take_over` (the only `__class__` swap).

A widget's (any DOMNode):

- `_bindings`, the bindings it declares, merged along its classes: `own_bindings`.
  The public `Screen.active_bindings` keeps one binding per key across the whole
  focus chain, and only once the widget is on a screen.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import TextArea
from textual.widgets.text_area import Highlight, WrappedDocument

_Taken = TypeVar("_Taken")

# The private names this module reads, by the Textual class that has them: the test
# checks each still exists, and that no other module of threadsmith touches them.
PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    "WrappedDocument": ("_offset_to_line_info", "_width", "_tab_width", "_wrap_offsets"),
    "TextArea": ("_highlights", "_set_document"),
    "DOMNode": ("_bindings",),
}


def screen_line_source(wrapped: WrappedDocument, y: int) -> tuple[int, int] | None:
    """(Document line, wrapped section of it) that screen line `y` of `wrapped` shows
    (0 is the top of the document), or None below its last line."""
    if y < 0:
        return None
    try:
        line_index, section = wrapped._offset_to_line_info[y]
    except IndexError:
        return None
    return line_index, section


def screen_line_count(wrapped: WrappedDocument) -> int:
    """How many screen lines `wrapped` maps (its height), without a pass over them."""
    return len(wrapped._offset_to_line_info)


def wrapped_at(wrapped: WrappedDocument) -> tuple[int, int]:
    """(Width, tab width) `wrapped` was last wrapped at (width 0: not wrapped)."""
    return wrapped._width, wrapped._tab_width


def wrapped_line_count(wrapped: WrappedDocument) -> int:
    """How many document lines `wrapped` holds a wrapping for."""
    return len(wrapped._wrap_offsets)


def line_highlights(area: TextArea, line_index: int) -> tuple[Highlight, ...]:
    """The syntax highlights of line `line_index` of `area` (none without a language)."""
    highlights = area._highlights
    # a defaultdict: looked up with .get, so that asking adds no empty entry
    return tuple(highlights.get(line_index, ())) if highlights else ()


def own_bindings(node: DOMNode, key: str) -> list[Binding]:
    """The bindings `node` itself declares for `key` (in its classes' BINDINGS)."""
    return list(node._bindings.key_to_bindings.get(key, ()))


def take_over(instance: object, subclass: type[_Taken]) -> _Taken:
    """`instance`, its class now `subclass`: a subclass of its own class alone, that
    adds no slots, so the object's state serves it unchanged."""
    if subclass.__bases__ != (type(instance),) or "__slots__" in vars(subclass):
        raise TypeError(f"{subclass.__name__} cannot take over a {type(instance).__name__}")
    instance.__class__ = subclass
    assert isinstance(instance, subclass)
    return instance
