"""Textual's private parts that threadsmith relies on are still there and still act
as assumed (a Textual upgrade that moves one fails here, naming it), and only
threadsmith/tui/textual_private.py touches them."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import types
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from textual import __version__ as textual_version
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, TextArea
from textual.widgets.text_area import Document, DocumentBase, SyntaxAwareDocument, WrappedDocument

import threadsmith
from threadsmith.tui import textual_private
from threadsmith.tui.textual_private import (
    PRIVATE_NAMES,
    line_highlights,
    own_bindings,
    screen_line_count,
    screen_line_source,
    take_over,
    wrapped_at,
    wrapped_line_count,
)
from threadsmith.tui.widgets.essay_area import EssayArea

FENCE = "threadsmith/tui/textual_private.py"
PACKAGE = Path(threadsmith.__file__).parent

# Private Textual names used outside the fence, each with its reason; none may be
# added here: a new one belongs in the fence.
OUTSIDE_THE_FENCE = {
    # draws "[x]"/"[ ]" in the label's colours by overriding ToggleButton's private
    # `_button` (no public hook draws the mark); to move into the fence
    ("threadsmith.tui.screens.account_choices.Choice", "_button"),
}


def _broken(name: str, how: str, relying: str = FENCE) -> str:
    return f"{relying} relies on Textual's {name}, which Textual {textual_version} {how}"


def _wrapped(text: str, width: int) -> WrappedDocument:
    return WrappedDocument(Document(text), width=width, tab_width=4)


@pytest.mark.parametrize(
    ("owner", "name"), [(owner, name) for owner, names in PRIVATE_NAMES.items() for name in names]
)
def test_each_private_name_the_fence_reads_is_still_there(owner: str, name: str) -> None:
    instances: dict[str, Callable[[], object]] = {
        "WrappedDocument": lambda: _wrapped("words", 3),
        "TextArea": lambda: TextArea("words"),
        "DOMNode": Widget,
    }
    instance = instances[owner]()
    assert hasattr(instance, name), _broken(f"{owner}.{name}", "no longer has")


def test_a_wrapped_documents_screen_lines_are_what_the_fence_reads() -> None:
    wrapped = _wrapped("alpha beta gamma delta\n\ntab\there", 8)
    raw = wrapped._offset_to_line_info
    assert isinstance(raw, list) and all(
        isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(n, int) for n in entry)
        for entry in raw
    ), _broken("WrappedDocument._offset_to_line_info", "no longer keeps as (line, section)s")
    # each document line's sections, as the public API tells them, one screen line each
    expected = [
        (line, section)
        for line in range(wrapped.document.line_count)
        for section in range(len(wrapped.get_offsets(line)) + 1)
    ]
    shown = [screen_line_source(wrapped, y) for y in range(len(expected))]
    assert shown == expected, _broken("WrappedDocument._offset_to_line_info", "maps otherwise")
    assert screen_line_source(wrapped, len(expected)) is None
    assert screen_line_source(wrapped, -1) is None
    assert screen_line_count(wrapped) == wrapped.height == len(expected) > 3
    assert wrapped_at(wrapped) == (8, 4), _broken("WrappedDocument._width/_tab_width", "changed")
    assert wrapped_line_count(wrapped) == 3, _broken("WrappedDocument._wrap_offsets", "changed")


def test_the_fences_figures_follow_an_edit_wrapped_in_place() -> None:
    document = Document("one two three four five six")
    wrapped = WrappedDocument(document, width=10, tab_width=4)
    result = document.replace_range((0, 3), (0, 3), "\nand more words besides")
    wrapped.wrap_range((0, 3), (0, 3), result.end_location)
    assert screen_line_count(wrapped) == wrapped.height
    assert wrapped_line_count(wrapped) == document.line_count == 2
    assert screen_line_source(wrapped, wrapped.height - 1) == (1, len(wrapped.get_offsets(1)))
    assert wrapped_at(wrapped) == (10, 4)


class _Highlighted(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea("# A title\n\nSome *words*.", language="markdown")


async def test_a_text_areas_highlights_are_what_the_fence_reads() -> None:
    async with _Highlighted().run_test() as pilot:
        area = pilot.app.query_one(TextArea)
        title = line_highlights(area, 0)
        assert title, _broken("TextArea._highlights", "no longer fills for a highlighted line")
        assert all(
            isinstance(start, int) and isinstance(name, str) for start, _end, name in title
        ), _broken("TextArea._highlights", "keeps in another shape")
        assert line_highlights(area, 99) == ()
        assert 99 not in area._highlights  # asking added no line
        area.language = None
        assert line_highlights(area, 0) == ()


def test_a_widgets_own_bindings_are_what_the_fence_reads() -> None:
    area = EssayArea("words")
    (binding,) = own_bindings(area, "ctrl+end")
    assert isinstance(binding, Binding), _broken("DOMNode._bindings", "keeps otherwise")
    assert binding.action == "text_edge(True)"
    assert own_bindings(area, "ctrl+shift+f12") == []


class _Watching(TextArea):
    """A TextArea that notes each document it is given."""

    given: list[object]

    @property
    def document(self) -> DocumentBase:
        return self._watched_document

    @document.setter
    def document(self, document: DocumentBase) -> None:
        self.given = [*getattr(self, "given", []), document]
        self._watched_document = document

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._watched_wrapping

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        self.given = [*getattr(self, "given", []), wrapped]
        self._watched_wrapping = wrapped


def test_a_text_area_assigns_the_documents_it_makes() -> None:
    area = _Watching("words")
    made = len(area.given)
    area.load_text("other words")
    pairs = list(zip(area.given[::2], area.given[1::2], strict=True))
    assert made and len(area.given) > made, _broken("TextArea._set_document", "does not call")
    assert all(
        type(document) is Document and type(wrapped) is WrappedDocument
        for document, wrapped in pairs
    ), _broken("TextArea._set_document", "no longer assigns a document, then its wrapped view")
    assert all(getattr(wrapped, "document", None) is document for document, wrapped in pairs)
    assert area.wrapped_document.document is area.document


def test_the_essay_area_takes_over_the_documents_textual_makes() -> None:
    for language in (None, "markdown"):
        area = EssayArea("# words\nmore", language=language)
        document, wrapped = area.document, area.wrapped_document
        made = SyntaxAwareDocument if language else Document
        assert type(document).__bases__ == (made,)
        assert type(wrapped).__bases__ == (WrappedDocument,)
        assert wrapped.document is document
        assert wrapped.height == screen_line_count(wrapped) == 2
        assert isinstance(document, Document)
        assert document.get_index_from_location((1, 2)) == 10


def test_take_over_refuses_a_class_that_is_not_a_plain_subclass() -> None:
    class Unrelated:
        pass

    with pytest.raises(TypeError):
        take_over(Document("words"), Unrelated)
    with pytest.raises(TypeError):
        take_over(Document("words"), type("Slotted", (Document,), {"__slots__": ("x",)}))


# No other module reaches into Textual.


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        if relative != FENCE:
            yield relative, ast.parse(path.read_text(encoding="utf-8"), relative)


def _private_textual_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "textual" and any(part.startswith("_") for part in parts[1:])


def test_no_other_module_imports_a_private_textual_module() -> None:
    found = []
    for relative, tree in _sources():
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            found += [f"{relative}:{node.lineno} {n}" for n in names if _private_textual_module(n)]
    assert not found, f"import through {FENCE} (or a public module) instead: {found}"


def test_no_other_module_touches_what_the_fence_reads_or_swaps_a_class() -> None:
    fenced = {name for names in PRIVATE_NAMES.values() for name in names}
    found = [
        f"{relative}:{node.lineno} .{node.attr}"
        for relative, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and (node.attr in fenced or (node.attr == "__class__" and isinstance(node.ctx, ast.Store)))
    ]
    assert not found, f"go through {FENCE} instead: {found}"


def _threadsmith_classes_on_textual() -> Iterator[type]:
    for module in pkgutil.walk_packages(threadsmith.tui.__path__, "threadsmith.tui."):
        importlib.import_module(module.name)
    roots: list[type] = [DOMNode, Message, DocumentBase, WrappedDocument]
    seen: set[type] = set()
    while roots:
        subclasses: list[type] = roots.pop().__subclasses__()
        for subclass in subclasses:
            if subclass not in seen:
                seen.add(subclass)
                roots.append(subclass)
    yield from (kind for kind in seen if kind.__module__.startswith("threadsmith."))


def _names_used(kind: type) -> set[str]:
    """The names `kind` defines, and the attributes its methods' code reads or sets."""

    def of_code(code: types.CodeType) -> Iterator[str]:
        yield from code.co_names
        for constant in code.co_consts:
            if isinstance(constant, types.CodeType):
                yield from of_code(constant)

    names = set(vars(kind))
    for value in vars(kind).values():
        for function in (value, *(getattr(value, part, None) for part in ("fget", "fset"))):
            code = getattr(getattr(function, "__func__", function), "__code__", None)
            if isinstance(code, types.CodeType):
                names.update(of_code(code))
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


@cache
def _private_names_of(base: type) -> frozenset[str]:
    """The names a Textual class defines, or sets or reads on `self`, but for those
    Textual's own machinery gives every subclass (a plain one has them too)."""
    try:
        source = inspect.getsource(base)  # a parse of its whole module: once per class
    except (OSError, TypeError):
        source = ""
    names = set(vars(base)) | set(re.findall(r"self\.(_\w+)", source))
    return frozenset(names - set(vars(type("Plain", (base,), {}))))


def _textual_has(base: type, name: str) -> bool:
    return name in _private_names_of(base)


def test_no_class_on_textual_uses_textuals_private_names_outside_the_fence() -> None:
    """A threadsmith subclass of a Textual class that defines or reads a name Textual's
    own classes use privately either relies on Textual's internals or collides with
    them (a later Textual that adds `_text` to Document would silently break ours)."""
    found = set()
    for kind in _threadsmith_classes_on_textual():
        textual_bases = [base for base in kind.__mro__ if base.__module__.startswith("textual")]
        for name in _names_used(kind):
            if any(_textual_has(base, name) for base in textual_bases):
                found.add((f"{kind.__module__}.{kind.__qualname__}", name))
    assert found <= OUTSIDE_THE_FENCE, f"go through {FENCE}: {sorted(found - OUTSIDE_THE_FENCE)}"
    for owner, name in OUTSIDE_THE_FENCE:
        assert (owner, name) in found, f"{owner} no longer uses {name}: strike it off here"


def test_the_one_private_override_outside_the_fence_still_overrides() -> None:
    drawn_by = [vars(base)["_button"] for base in Checkbox.__mro__ if "_button" in vars(base)]
    assert drawn_by and isinstance(drawn_by[-1], property), _broken(
        "ToggleButton._button", "no longer draws the mark with", "screens/account_choices.py"
    )


def test_the_fence_says_why_for_each_name_it_reads() -> None:
    documented = inspect.getdoc(textual_private) or ""
    for name in {name for names in PRIVATE_NAMES.values() for name in names}:
        assert f"`{name}`" in documented, f"{FENCE} reads {name} without saying why"
