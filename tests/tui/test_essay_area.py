"""The essay's TextArea keeps figures between edits instead of recounting them for every
line it draws: they must be what Textual itself would count, edit after edit (typing,
new lines, deleting across lines, undo), and the garbage collector's pause while the
author types must end."""

from __future__ import annotations

import gc
from random import Random

import pytest
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from support.waiting import until
from threadsmith.tui import collector_pause
from threadsmith.tui.collector_pause import CollectorPause
from threadsmith.tui.widgets.essay_area import HIGHLIGHT_UP_TO, EssayArea

ESSAY = "\n\n".join(
    f"# Part {n}\n\nSchools need a funding settlement that matches the need. " * 3
    for n in range(20)
)


class AreaApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield EssayArea(
            self.text, language="markdown", soft_wrap=True, id="essay", placeholder="Write here"
        )


def check_figures(area: EssayArea, random: Random) -> None:
    document = area.document
    assert isinstance(document, Document)
    counted = Document(document.text)  # Textual's own, figures counted afresh
    assert document.text == "\n".join(document.lines)
    assert area.wrapped_document.height == WrappedDocument.height.fget(area.wrapped_document)  # type: ignore[attr-defined]
    for _ in range(50):
        index = random.randint(0, len(document.text))
        location = counted.get_location_from_index(index)
        assert document.get_location_from_index(index) == location
        assert document.get_index_from_location(location) == index
    with pytest.raises(ValueError, match="does not correspond"):
        document.get_location_from_index(len(document.text) + 1)


async def test_the_kept_figures_are_textuals_own_after_every_kind_of_edit() -> None:
    random = Random(3)
    app = AreaApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(EssayArea)
        await pilot.pause()
        check_figures(area, random)
        area.move_cursor((3, 10))
        await pilot.press(*"typed words that wrap the line further and further along")
        check_figures(area, random)
        await pilot.press("enter", "enter", "x")
        check_figures(area, random)
        area.delete((2, 0), (9, 5))  # across lines
        check_figures(area, random)
        area.insert("a line\u2028separator", (4, 2))  # a break of another kind
        check_figures(area, random)
        for row in range(0, 40, 2):  # many lines moved, one after another
            area.insert("x" * (row % 5), (row, 0))
        check_figures(area, random)
        area.undo()
        check_figures(area, random)
        area.replace("One line now.", (0, 0), area.document.end)
        check_figures(area, random)
        area.load_text("A new essay.\n\nWith two paragraphs.")  # a new document
        check_figures(area, random)


def test_a_long_essay_is_not_highlighted() -> None:
    assert EssayArea("short", language="markdown").language == "markdown"
    assert EssayArea("x" * (HIGHLIGHT_UP_TO + 1), language="markdown").language is None


async def test_the_collector_waits_while_typing_and_runs_once_it_pauses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector_pause, "COLLECT_AFTER_PAUSE", 0.2)
    monkeypatch.setattr(collector_pause, "COLLECT_EVERY", 5)
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            collections.append(1)

    app = AreaApp("x")
    async with app.run_test() as pilot:
        pause = CollectorPause(app)
        gc.callbacks.append(count)
        try:
            pause.typed()
            assert not gc.isenabled()
            # the author paused: one full collection, then as usual
            await until(pilot, gc.isenabled, "the collection once the typing paused")
            assert gc.isenabled() and len(collections) == 1
            for _ in range(5):  # a long burst: collected after COLLECT_EVERY changes
                pause.typed()
            assert gc.isenabled() and len(collections) == 2
        finally:
            gc.callbacks.remove(count)
            gc.enable()


async def test_every_screen_line_is_what_textual_draws_as_the_cursor_and_selection_move() -> None:
    app = AreaApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(EssayArea)
        await pilot.pause()

        def same_as_textual() -> None:
            for y in range(area.size.height):  # Textual's own drawing of each line
                assert area.render_line(y) == TextArea.render_line(area, y), y

        same_as_textual()
        for keys in (
            ["down"] * 3, ["end"], list("typed"), ["shift+down", "shift+down"], ["left"],
            ["enter", "x"], ["pagedown"], ["shift+up"] * 4, ["backspace"], ["ctrl+z"],
        ):  # fmt: skip
            await pilot.press(*keys)
            await pilot.pause()
            same_as_textual()
        area.blur()  # the cursor is hidden: its line is drawn again, the others are kept
        await pilot.pause()
        same_as_textual()
        area.load_text("")  # the placeholder
        await pilot.pause()
        same_as_textual()
        assert "Write here" in "".join(segment.text for segment in area.render_line(0))


async def test_the_essay_is_wrapped_again_only_when_its_width_changes() -> None:
    app = AreaApp(ESSAY * 5)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(EssayArea)
        await pilot.pause()
        wrapped = area.wrapped_document
        passes: list[int] = []
        wrap = WrappedDocument.wrap

        def counted(self: WrappedDocument, width: int, tab_width: int | None = None) -> None:
            passes.append(width)
            wrap(self, width, tab_width)

        WrappedDocument.wrap = counted  # type: ignore[method-assign]
        try:
            area.wrapped_document.wrap(area.wrap_width, area.indent_width)  # the same width
            assert passes == []
            await pilot.press(*"typed", "enter")  # edits are wrapped in place
            area.wrapped_document.wrap(area.wrap_width, area.indent_width)
            assert passes == []
            await pilot.resize_terminal(100, 24)  # a new width: wrapped again
            await pilot.pause()
            assert passes and area.wrapped_document is wrapped
        finally:
            WrappedDocument.wrap = wrap  # type: ignore[method-assign]
        check_figures(area, Random(1))
