"""The writer steers the breaks in the editor: Alt+↓ / Alt+↑ move the break after the
post under the cursor a sentence later / earlier, Ctrl+J joins it with the next, on
the network shown only; Ctrl+Z undoes each; what was made survives reopening and
export (`thread split` of the export gives the cards the app showed)."""

from __future__ import annotations

from textual.widgets import TextArea

from support.editor_app import EditorApp, cards, document, settle
from support.split import split
from support.waiting import until
from threadsmith.drafts import DraftSettings, essay_for_export
from threadsmith.threading import ThreadWarning

ESSAY = "\n\n".join(
    f"Point {n}: every school needs a settlement that matches the needs it meets." for n in range(9)
)


def texts(app: EditorApp, network: str = "x") -> list[str]:
    return [card.post.text for card in cards(app, network)]


def leftovers(app: EditorApp) -> list[ThreadWarning]:
    threads = app.screen.threads  # type: ignore[attr-defined]
    return [w for thread in threads.values() for w in thread.warnings if w.kind == "leftover"]


async def test_moving_a_break_earlier_then_later_and_undo() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = texts(app)
        assert cards(app)[0].post.body.count("Point") == 3
        await pilot.press("alt+up")
        await settle(pilot)
        editor = app.screen.query_one("#essay", TextArea)
        assert editor.text.startswith('---\npinned: {"x": [["Point 0:')
        assert cards(app)[0].post.body.count("Point") == 2
        assert cards(app)[1].post.body.startswith("Point 2:")
        moved = texts(app)
        # the other networks' breaks are left alone
        assert [p.text for p in split(editor.text, "bluesky").posts] == [
            p.text for p in split(ESSAY, "bluesky").posts
        ]
        await pilot.press("alt+down")
        await settle(pilot)
        assert cards(app)[0].post.body.count("Point") == 3
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert texts(app) == moved
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert editor.text == ESSAY and texts(app) == before
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert texts(app) == moved


async def test_join_that_does_not_fit_says_by_how_much_and_changes_nothing() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages: list[str] = []
        app.screen.notify = lambda message, **_: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+j")
        await until(pilot, lambda: messages, "the join refused")
        await settle(pilot)
        editor = app.screen.query_one("#essay", TextArea)
        assert editor.text == ESSAY
        assert messages and "over the limit: nothing changed" in messages[-1]


async def test_a_break_moved_on_mastodon_survives_reopening_and_export() -> None:
    settings = DraftSettings(view="mastodon")
    app = EditorApp(ESSAY, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(cards(app, "mastodon")) == 2
        editor = app.screen.query_one("#essay", TextArea)
        editor.move_cursor(document(editor).get_location_from_index(0))
        await pilot.press("alt+up")
        await settle(pilot)
        shown = texts(app, "mastodon")
        text = editor.text
        assert "pinned:" in text and shown != [p.text for p in split(ESSAY, "mastodon").posts]
    again = EditorApp(text, settings)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert texts(again, "mastodon") == shown
    exported = essay_for_export(text, settings)
    assert [p.text for p in split(exported, "mastodon").posts] == shown
    assert [p.text for p in split(exported, "x").posts] == [p.text for p in split(ESSAY, "x").posts]


async def test_in_the_side_by_side_view_a_move_asks_which_network() -> None:
    app = EditorApp(ESSAY, DraftSettings(view="all"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        messages: list[str] = []
        app.screen.notify = lambda message, **_: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("alt+down")
        await settle(pilot)
        assert app.screen.query_one("#essay", TextArea).text == ESSAY
        assert messages and "show one (F2)" in messages[-1]


async def test_ctrl_l_takes_out_blog_furniture_flagged_on_the_cards_and_undo_puts_it_back() -> None:
    pasted = ESSAY + "\n\nShare this:\n\nLike Loading…\n\nContinue reading"
    app = EditorApp(pasted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        flagged = leftovers(app)
        assert len(flagged) == 3 and '"Share this:"' in flagged[0].message
        assert flagged[0].post == len(cards(app))  # on the card of the post that holds it
        await pilot.press("ctrl+l")
        await settle(pilot)
        editor = app.screen.query_one("#essay", TextArea)
        assert editor.text.rstrip() == ESSAY
        assert not leftovers(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert editor.text == pasted
