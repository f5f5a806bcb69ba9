"""F3's dialog: a live count as each network counts the post, nothing spilled silently,
and the essay area's editing keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from support.split import rules_for, split
from threadsmith.drafts import ALL, DraftSettings
from threadsmith.threading import Thread
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.widgets.edit_post_dialog import (
    EditPostDialog,
    PostCounter,
    PostFrame,
    PostTextArea,
)
from threadsmith.tui.widgets.post_card import PostCard

ESSAYS = Path(__file__).parents[1] / "engine" / "essays"
SENTENCE = "Our schools need a funding settlement that matches the need we see every day."
ESSAY = "\n\n".join(" ".join([SENTENCE] * 3) for _ in range(3))
EXTRAS: dict[str, Any] = {
    "numbering": "({n}/{total})",
    "position": "prefix",
    "first": "#EdChat @naht",
    "last": "Read more: https://example.org/response",
}
MARKDOWN = (
    "# Why it matters\n\n"
    "Read **the report** at [our site](https://example.org/report/2026) before *Friday*. "
    + "Our schools need a settlement that matches the need we see every day. "
    * 6
    + "\n\n1. Time: training days, funded, for every school that asks for them.\n"
    "2. Money: a settlement that matches the need, year on year, not once.\n"
    "3. Trust: the judgement of teachers, who know their pupils best 🎉.\n\n"
    + "You know what will happen next: the same cuts, the same excuses, the same "
    "letters home, and nothing changes for the children who need it most " * 4
)
# Edits a writer makes: the counts after each must be the engine's own.
EDITS: list[Callable[[str], str]] = [
    lambda words: words.rsplit(" ", 1)[0],  # the last word dropped
    lambda words: words + " **really**",  # a word added, emphasised
    lambda words: words.replace(" ", " [see](https://example.com/a/long/path/to/it) ", 1),
    lambda words: words.rstrip(".!?"),  # the sentence left open
    lambda words: words + ".",
    lambda words: words.split(" ", 1)[-1],  # the first word dropped
    lambda words: words.replace(" the ", " 🎉 the ", 1),
]


class EditorApp(App[None]):
    CSS_PATH = "../../threadsmith/tui/app.tcss"

    def __init__(self, text: str, settings: DraftSettings | None = None) -> None:
        super().__init__()
        self.text = text
        self.settings = settings or DraftSettings()

    def on_mount(self) -> None:
        self.push_screen(EditorScreen("essay.md", self.text, self.settings, lambda t, s: None))


def cards(app: App[None]) -> list[PostCard]:
    return list(app.screen.query_one("#preview-x").query(PostCard))


def counter_for(essay: str, thread: Thread, number: int) -> PostCounter:
    post = thread.posts[number - 1]
    return PostCounter(essay, post.span, [PostFrame("X", thread.rules, post, len(thread.posts))])


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon"])
@pytest.mark.parametrize("options", [{}, EXTRAS], ids=["plain", "extras"])
def test_an_unedited_post_counts_as_its_card(network: str, options: dict[str, Any]) -> None:
    for essay in (MARKDOWN, (ESSAYS / "05-pasted-wordpress-sats.md").read_text()):
        thread = split(essay, network, **options)
        for post in thread.posts:
            words = essay[post.span[0] : post.span[1]]
            count = counter_for(essay, thread, post.number).counts(words)[0]
            assert (count.length, count.limit) == (post.length, post.limit), post.text


@pytest.mark.parametrize("options", [{}, EXTRAS], ids=["plain", "extras"])
def test_an_edited_post_counts_as_the_engine_then_writes_it(options: dict[str, Any]) -> None:
    compared = 0
    for network in ("x", "bluesky", "mastodon"):
        thread = split(MARKDOWN, network, **options)
        for post, edit in ((post, edit) for post in thread.posts for edit in EDITS):
            start, end = post.span
            edited = edit(MARKDOWN[start:end])
            counted = counter_for(MARKDOWN, thread, post.number).counts(edited)[0].length
            after = split(MARKDOWN[:start] + edited + MARKDOWN[end:], network, **options)
            same = after.posts[post.number - 1] if len(after.posts) == len(thread.posts) else None
            if same is None or same.span != (start, start + len(edited)):
                continue  # the engine moved the breaks: that post is not this one
            assert counted == same.length, (network, post.number, same.text)
            compared += 1
    assert compared > 40  # the check compared posts, not nothing


def test_the_cut_mark_comes_and_goes_with_the_sentence_end() -> None:
    measure = rules_for("x").meters[0].measure
    endless = "we will keep asking for a settlement that matches the need " * 12
    thread = split(endless, "x")
    first = thread.posts[0]
    assert first.ends_mid_sentence and first.text.endswith("… 1/")
    words = endless[first.span[0] : first.span[1]]
    counter = counter_for(endless, thread, 1)
    assert counter.counts(words)[0].length == first.length
    assert counter.counts(words + ".")[0].length == measure(f"{words}. 1/")  # no … now
    sentences = "Our schools need a funding settlement that matches the need. " * 8
    thread = split(sentences, "x")
    first = thread.posts[0]
    assert not first.ends_mid_sentence
    words = sentences[first.span[0] : first.span[1]]
    counter = counter_for(sentences, thread, 1)
    assert counter.counts(words.removesuffix("."))[0].length == measure(f"{words[:-1]}… 1/")


def test_markdown_is_counted_as_published() -> None:
    thread = split(MARKDOWN, "x")
    counter = counter_for(MARKDOWN, thread, 1)
    long_link = "[the report](https://example.org/" + "very/" * 30 + "long)"
    with_link = counter.counts(long_link)[0].length
    assert with_link == counter.counts("the report https://t.co/abc")[0].length  # 23 a link
    assert "**" not in counter.words("a **bold** claim")


def open_dialog(app: App[None]) -> EditPostDialog:
    screen = app.screen
    assert isinstance(screen, EditPostDialog)
    return screen


def count_labels(app: App[None]) -> list[Label]:
    return list(app.screen.query(".post-count").results(Label))


async def test_the_counter_follows_typing_and_warns_before_the_limit() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = cards(app)[0].post
        await pilot.press("f3")
        dialog = open_dialog(app)
        (label,) = count_labels(app)
        assert str(label.render()) == f"X {first.length}/280"
        assert not label.has_class("-near-limit") and not label.has_class("-over-limit")
        area = app.screen.query_one(PostTextArea)
        area.text = "Our schools need more. " * 11  # 252 and " 1/": 255 of 280, amber
        await pilot.pause()
        assert dialog.counts[0].length == 255
        assert label.has_class("-near-limit")
        assert not app.screen.query_one("#post-overflow").display


async def test_an_over_long_edit_says_where_its_end_goes_and_saves() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = cards(app)[0].post
        await pilot.press(
            "f3", "ctrl+end", *" Teachers know it, parents know it, and so does every governor."
        )
        dialog = open_dialog(app)
        (label,) = count_labels(app)
        over = dialog.counts[0].over
        assert (
            over
            == first.length
            + len(" Teachers know it, parents know it, and so does every governor.")
            - 280
            > 0
        )
        assert label.has_class("-over-limit")
        assert str(label.render()).endswith(f"{over} over")
        note = app.screen.query_one("#post-overflow", Label)
        assert note.display
        assert str(note.render()) == f"Over by {over} on X: saving moves the end into post 2."
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [str(notification.message) for notification in app._notifications]
        assert f"Post 1 is {over} over on X: its end moved into post 2." in said
        essay = app.screen.query_one("#essay", TextArea).text
        assert "every day. Teachers know it, parents know it, and so does every governor." in essay
        assert all(card.post.length <= 280 for card in cards(app))


async def test_each_network_shown_is_counted() -> None:
    app = EditorApp(ESSAY, DraftSettings(view=ALL))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        open_dialog(app)
        shown = [str(label.render()) for label in count_labels(app)]
        assert [text.split()[0] for text in shown] == ["X", "Bluesky", "Mastodon", "Threads"]
        assert shown[1].endswith("/300") and shown[2].endswith("/500")
        assert shown[3].endswith("/500")


async def the_first_post_edited(app: App[None], pilot: Pilot[None]) -> PostTextArea:
    """F3 on the first post, as the editor opens: the edit dialog's text."""
    await pilot.pause()
    await pilot.press("f3")
    return app.screen.query_one(PostTextArea)


async def send_at_once(app: App[None], *keys: str) -> None:
    """Keys as a terminal sends them when they come faster than they are handled (a
    paste of keys, a script, tmux): all queued before the first is handled."""
    assert app._driver is not None
    for key in keys:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def test_ctrl_end_then_words_write_them_at_the_end() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await the_first_post_edited(app, pilot)
        before = area.text
        await send_at_once(app, "ctrl+home", "ctrl+end", *"Yes.")
        await pilot.pause()
        assert area.text == before + "Yes."
        await send_at_once(app, "ctrl+home", *"So")
        await pilot.pause()
        assert area.text == "So" + before + "Yes."


async def test_home_end_selection_and_undo_work_in_the_dialog() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await the_first_post_edited(app, pilot)
        before = area.text
        await pilot.press("ctrl+end", "shift+home")  # the start of the screen line
        assert area.selected_text and before.endswith(area.selected_text)
        await pilot.press("ctrl+home", "ctrl+shift+end")
        assert area.selected_text == before
        await pilot.press("ctrl+end", "ctrl+shift+home")
        assert area.selected_text == before and area.cursor_location == (0, 0)
        area.text = "One line.\nTwo lines."
        area.move_cursor((0, 3))
        await pilot.press("end", *"!", "home", *"#")
        assert area.text == "#One line.!\nTwo lines."
        await pilot.press("ctrl+z")
        assert area.text == "One line.!\nTwo lines."
        await pilot.press("ctrl+y")
        assert area.text == "#One line.!\nTwo lines."
        await pilot.press("escape")
        assert app.screen.query_one("#essay", TextArea).text == ESSAY  # cancelled


async def test_the_cursor_opens_where_it_was_in_the_essay() -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        essay = app.screen.query_one("#essay", TextArea)
        essay.move_cursor((0, 10))
        await pilot.press("f3")
        assert app.screen.query_one(PostTextArea).cursor_location == (0, 10)


async def test_it_all_shows_at_80_by_24_even_over_the_limit() -> None:
    app = EditorApp(ESSAY, DraftSettings(view=ALL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        app.screen.query_one(PostTextArea).text = "Our schools need more. " * 20
        await pilot.pause()
        parts = [
            app.screen.query_one(PostTextArea),
            *count_labels(app),
            app.screen.query_one("#post-overflow"),
            app.screen.query_one("#save"),
            app.screen.query_one("#cancel"),
        ]
        assert len(parts) == 8  # a count for each of the four networks
        box = app.screen.query_one(".dialog-box").content_region
        for part in parts:
            assert part.region.area and box.contains_region(part.region), part
        rows = [part.region.y for part in parts]
        assert rows == sorted(rows)  # the text, the counts, the note, then the buttons
