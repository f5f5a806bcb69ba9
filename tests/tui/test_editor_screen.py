"""The editor screen driven headless with Pilot: type, see cards, break, join, switch."""

from __future__ import annotations

from textual._compositor import CompositorUpdate
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, TextArea

from support.editor_app import EditorApp, cards, document
from support.split import split
from support.waiting import until
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.post_card import PostCard

SENTENCE = "Our schools need a funding settlement that matches the need we see every day."
ESSAY = "\n\n".join(" ".join([SENTENCE] * 3) for _ in range(3))


async def test_cards_match_the_engine_with_counters() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        expected = split(ESSAY, "x").posts
        shown = cards(app)
        assert [card.post.text for card in shown] == [post.text for post in expected]
        assert shown[0].border_subtitle == f"{expected[0].length}/280"


async def test_typing_resplits_and_autosaves() -> None:
    app = EditorApp("A short start.")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(cards(app)) == 1
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(editor.document.end)
        await pilot.press(*" More words follow here and they keep coming.")
        await until(pilot, lambda: cards(app)[0].post.text.endswith("keep coming."), "re-split")
        await until(pilot, lambda: app.saved and app.saved[-1].endswith("coming."), "autosaved")


async def test_a_card_grows_when_its_post_needs_more_lines() -> None:
    # Cards repaint in place while typing and only ask for a new layout when their
    # height changes: a card that did not grow would clip the post's last words.
    app = EditorApp("A short start.")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (card,) = cards(app)
        height = card.size.height
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(editor.document.end)
        await pilot.press(
            *" And then a much longer sentence arrives, word after word, until it wraps."
        )
        await until(pilot, lambda: cards(app)[0].size.height > height, "the card grown")
        (card,) = cards(app)
        lines = card.post.text.count("\n") + 1
        assert card.size.height > height
        assert card.content_size.height >= lines
        assert card.content_size.height == card.get_content_height(
            card.size, card.size, card.content_size.width
        )


async def test_a_changed_card_is_painted_in_the_same_frame_as_the_typed_word() -> None:
    app = EditorApp(ESSAY)
    frames: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cards(app), "the cards shown")
        display = app._display

        def spy(screen: Screen[object], update: object) -> None:
            display(screen, update)  # type: ignore[arg-type]
            if isinstance(update, CompositorUpdate):
                frames.append(update.render_segments(app.console))

        app._display = spy  # type: ignore[method-assign, assignment]
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(document(editor).get_location_from_index(ESSAY.index(" need")))
        await pilot.press(*" Zebra")
        await until(pilot, lambda: any("Zebra" in frame for frame in frames), "Zebra painted")
    shown = [frame.count("Zebra") for frame in frames if "Zebra" in frame]
    assert shown and shown[0] == 2  # the essay's line and the card, together


SHORT = "Our schools need a fair deal. Every one of them.\n\nAnd they need it now."


async def test_force_break_then_join_restores_the_thread() -> None:
    app = EditorApp(SHORT)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(cards(app)) == 1
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(document(editor).get_location_from_index(SHORT.index("Every")))
        await pilot.press("ctrl+b")
        await until(pilot, lambda: len(cards(app)) == 2, "two cards")
        assert "\n\n---\n\n" in editor.text
        assert cards(app)[0].post.body == "Our schools need a fair deal."
        editor.move_cursor((0, 0))
        await pilot.press("ctrl+j")  # the two fit in one post: the --- is taken out
        await until(pilot, lambda: len(cards(app)) == 1, "one card")
        assert "---" not in editor.text
        assert "fair deal.\n\nEvery" in editor.text  # between sentences: a paragraph end
        await pilot.press("ctrl+z")  # the TextArea's undo covers these edits
        await until(pilot, lambda: "---" in editor.text, "the join undone")


async def test_a_break_forced_mid_sentence_joins_back_into_the_sentence() -> None:
    app = EditorApp(SHORT)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(document(editor).get_location_from_index(SHORT.index("fair")))
        await pilot.press("ctrl+b")
        await until(pilot, lambda: cards(app)[0].post.body == "Our schools need a", "the break")
        editor.move_cursor((0, 0))
        await pilot.press("ctrl+j")
        await until(pilot, lambda: editor.text == SHORT, "the join")


async def test_joining_across_a_typed_break_that_would_not_fit_is_refused_with_how_much() -> None:
    essay = " ".join(
        f"Point {n}: our schools need a settlement that matches need." for n in range(9)
    )
    app = EditorApp(essay)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(document(editor).get_location_from_index(essay.index("Point 1")))
        await pilot.press("ctrl+b")
        await until(pilot, lambda: "Point 1" not in cards(app)[0].post.body, "the break")
        broken = editor.text
        messages: list[str] = []
        app.screen.notify = lambda message, **_: messages.append(message)  # type: ignore[method-assign]
        editor.move_cursor((0, 0))
        await pilot.press("ctrl+j")
        await until(pilot, lambda: messages, "the join refused")
        assert editor.text == broken
        assert "over the limit: nothing changed" in messages[-1]
        assert "delete its line" in messages[-1]


async def test_switch_network_and_select_a_card() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await until(pilot, lambda: cards(app, "bluesky"), "the Bluesky cards")
        assert app.screen.query_one("#preview-bluesky").display
        assert not app.screen.query_one("#preview-x").display
        assert str(cards(app, "bluesky")[0].border_subtitle).endswith("/300")
        last = cards(app, "bluesky")[-1]
        last.focus()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen.query_one("#essay", TextArea)
        offset = document(editor).get_index_from_location(editor.cursor_location)
        assert offset == last.post.span[0]
        assert last.has_class("-current")


async def test_edit_a_post_in_place_and_change_the_numbering() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = cards(app)[0].post
        await pilot.press("f3")
        await pilot.pause()
        dialog_text = app.screen.query_one("#post-text", TextArea)
        assert dialog_text.text == ESSAY[first.span[0] : first.span[1]]
        dialog_text.text = "A sharper opening line."
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the dialog closed")
        editor = app.screen.query_one("#essay", TextArea)
        await until(pilot, lambda: editor.text.startswith("A sharper"), "the post edited")
        assert editor.text.startswith("A sharper opening line.")
        assert editor.text.endswith(ESSAY[first.span[1] :])  # the rest of the essay untouched
        assert cards(app)[0].post.body.startswith("A sharper opening line.")
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#numbering", Select).value = "({n}/{total})"
        app.screen.query_one("#first", Input).value = "#EdChat"
        await pilot.click("#apply")
        await until(pilot, lambda: "#EdChat" in cards(app)[0].post.text, "the numbering applied")
        shown = cards(app)
        assert shown[0].post.text.endswith(f"#EdChat (1/{len(shown)})")
        await pilot.press("ctrl+z")  # undo reaches back to before the in-place edit
        await until(pilot, lambda: editor.text == ESSAY, "the edit undone")


async def test_ctrl_end_and_ctrl_home_go_to_the_ends_of_the_essay() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#essay", TextArea)
        await pilot.press("ctrl+end")
        assert editor.cursor_location == editor.document.end
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0)


def current(app: EditorApp) -> PostCard | None:
    return next((card for card in cards(app) if card.has_class("-current")), None)


def _in_view(scroller: Widget, top: int, bottom: int) -> bool:
    seen = scroller.scroll_offset.y
    return seen <= top and bottom <= seen + scroller.scrollable_content_region.height


async def test_the_cursor_and_its_card_stay_in_view_when_the_layout_changes() -> None:
    long_essay = "\n\n".join([ESSAY] * 6)
    app = EditorApp(long_essay)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#essay", TextArea)
        preview = app.screen.query_one("#preview-x")
        editor.move_cursor(document(editor).get_location_from_index(len(long_essay) // 2))
        await until(pilot, lambda: current(app) is not None, "the cursor's card marked")
        # Cards above the cursor's re-wrap and move it; both panes end up scrolled off.
        preview.scroll_to(y=0, animate=False)
        editor.scroll_to(y=0, animate=False)
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#numbering", Select).value = "🧵 {n}/{total}"
        app.screen.query_one("#position", Select).value = "prefix"
        app.screen.query_one("#first", Input).value = "#TeacherTime " * 8
        await pilot.click("#apply")

        def both_in_view() -> bool:
            card = current(app)
            if card is None or "#TeacherTime" not in cards(app)[0].post.text:
                return False
            region = card.virtual_region
            row = editor.wrapped_document.location_to_offset(editor.cursor_location).y
            return _in_view(preview, region.y, region.y + min(region.height, 5)) and _in_view(
                editor, row, row + 1
            )

        await until(pilot, both_in_view, "the cursor and its card in view again")


async def test_a_numbering_template_of_ones_own() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert not app.screen.query_one("#custom").display  # shown only when asked for
        app.screen.query_one("#numbering", Select).value = "custom"
        await pilot.pause()
        custom = app.screen.query_one("#custom", Input)
        assert custom.display
        custom.value = "{x}"
        await pilot.click("#apply")
        error = app.screen.query_one("#settings-error")
        await until(pilot, lambda: "write it with {n}" in str(error.render()), "the error said")
        custom.value = "Part {n} of {total}"
        apply = app.screen.query_one("#apply", Button)
        await until(pilot, lambda: not apply.has_class("-active"), "the button released")
        await pilot.click("#apply")  # (a button in its pressed look ignores clicks)
        await until(pilot, lambda: "Part" in cards(app)[-1].post.text, "the template applied")
        shown = cards(app)
        assert shown[-1].post.text.endswith(f"Part {len(shown)} of {len(shown)}")
        await pilot.press("f4")  # opened again: the template is there to change
        await pilot.pause()
        assert app.screen.query_one("#custom", Input).value == "Part {n} of {total}"


LONG_CLAUSES = (
    "Schools have been asked to do more with less, and the cracks now show in every "
    "classroom, every corridor and every staffroom we visit, across the county"
)


async def test_breaks_clean_by_default_compact_on_asking_and_the_cost_is_shown() -> None:
    essay = " ".join(f"{LONG_CLAUSES}, this term number {i}." for i in range(3))
    app = EditorApp(essay)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        preview = app.screen.query_one("#preview-x")
        assert len(cards(app)) == 3 and preview.border_subtitle == "3 posts"  # all clean
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#compact", Select).value = "compact"
        await pilot.click("#apply")
        await until(pilot, lambda: len(cards(app)) == 2, "the compact breaks")
        assert len(cards(app)) == 2 and cards(app)[0].post.text.endswith("… 1/")
        assert preview.border_subtitle == "2 posts · 1 end mid-sentence"
        assert app.saved  # the choice is saved with the draft
        await pilot.press("f4")  # opened again: the choice is there to change
        await pilot.pause()
        assert app.screen.query_one("#compact", Select).value == "compact"


async def test_the_numbering_dialog_shows_what_the_essay_chose_and_can_overrule_it() -> None:
    essay = '---\nfirst: "#SchoolFunding"\nposition: prefix\ncompact: true\n---\n' + ESSAY
    app = EditorApp(essay)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cards(app)[1].post.text.startswith("2/ ")  # the essay's prefix
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#first", Input).placeholder == "(the essay's: #SchoolFunding)"
        assert app.screen.query_one("#position", Select).value == "prefix"
        breaks = app.screen.query_one("#compact", Select)
        assert breaks.value == ""
        assert str(breaks.query_one("SelectCurrent #label").render()) == "(the essay's: compact)"
        app.screen.query_one("#position", Select).value = "suffix"
        await pilot.click("#apply")
        await until(
            pilot, lambda: cards(app)[1].post.text.endswith(" 2/"), "the suffix"
        )  # the draft's choice wins
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#position", Select).value == "suffix"
