"""Long essays with Pilot: a long essay is split in a worker thread while the author goes
on typing, a split of an older text is never shown, a thread too long for anyone to
read says so and keeps a window of cards around the cursor, cards out of view catch
up, and a long essay's autosave never writes an older text over a newer one.

Slow splits and saves are made slow on purpose (held until the test lets them go),
so nothing here depends on the machine's speed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from textual.app import App
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from threadsmith.drafts import DraftSettings
from threadsmith.tui import draft_saver, split_keeper
from threadsmith.tui.draft_editing import Conflict
from threadsmith.tui.draft_saver import DraftSaver
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.split_keeper import SplitJob, Splits
from threadsmith.tui.widgets.preview import MAX_CARDS, TOO_MANY_POSTS, ThreadPreview

SENTENCE = "Our schools need a funding settlement that matches the need we see every day."
ESSAY = "\n\n".join(" ".join([SENTENCE] * 3) for _ in range(3))
# 127 posts: short ones (two one-sentence paragraphs each), then tall ones
LONG_ESSAY = "\n\n".join(
    " ".join([f"{SENTENCE} Point {n}."] * (1 if n < 200 else 3)) for n in range(260)
)


class EditorApp(App[None]):
    CSS_PATH = "../../threadsmith/tui/app.tcss"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.saved: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(
            EditorScreen("essay.md", self.text, DraftSettings(), lambda t, s: self.saved.append(t))
        )


def editor(app: App[None]) -> TextArea:
    return app.screen.query_one("#essay", TextArea)


def document(app: App[None]) -> Document:
    """The essay's document (a plain-text one: it maps offsets and locations)."""
    essay = editor(app).document
    assert isinstance(essay, Document)
    return essay


def preview(app: App[None]) -> ThreadPreview:
    return app.screen.query_one("#preview-x", ThreadPreview)


def shown_text(app: App[None]) -> str:
    """Everything the cards paint, in order."""
    return "\n".join(str(card.content) for card in preview(app).cards)


class Gate:
    """Holds the worker thread's splits until the test lets each one go."""

    def __init__(self) -> None:
        self.waiting = threading.Semaphore(0)  # one release per split let go
        self.started: list[str] = []  # the text of each split, as it started
        self.finished: list[str] = []  # ... and as it returned

    def hold(self, run: Callable[[SplitJob, Callable[[], bool]], Splits]) -> object:
        gate = self

        def held(job: SplitJob, stale: Callable[[], bool]) -> Splits:
            if threading.current_thread() is threading.main_thread():
                return run(job, stale)  # the UI thread's splits are not held
            gate.started.append(job.text)
            splits = run(job, lambda: False)  # it finishes its work, stale or not ...
            gate.waiting.acquire(timeout=20)  # ... and waits to be let go
            gate.finished.append(job.text)
            return splits

        return held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    monkeypatch.setattr(split_keeper, "SPLIT_IN_FRAME_UP_TO", 100)  # every essay is "long"
    monkeypatch.setattr(split_keeper, "QUIET_AT_MOST", split_keeper.QUIET)  # held splits are slow
    monkeypatch.setattr(SplitJob, "run", gate.hold(SplitJob.run))
    yield gate
    for _ in range(10):
        gate.waiting.release()  # nothing left waiting when the test ends


async def test_keys_are_taken_while_a_split_runs_in_the_worker(gate: Gate) -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert gate.started == [ESSAY] and not preview(app).cards  # the first split is held
        assert f"Splitting the essay ({len(ESSAY)} characters)" in str(
            preview(app)._message.render()
        )
        editor(app).move_cursor(editor(app).document.end)
        await pilot.press(*" Typed while the split is held.")
        assert editor(app).text.endswith("Typed while the split is held.")
        assert preview(app).border_subtitle == "updating…"  # the preview says it lags
        gate.waiting.release()  # the first split ends: stale, so not shown
        await pilot.pause(0.3)  # the typing has paused: the latest text is split
        assert not preview(app).cards and gate.started[-1] == editor(app).text
        gate.waiting.release()
        await pilot.pause(0.3)
        assert "Typed while the split is held." in shown_text(app)
        assert not (preview(app).border_subtitle or "").endswith("updating…")


async def test_a_long_essay_is_split_once_the_typing_pauses_not_at_each_key(
    gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a pause is 2 s of no typing: far more than a loaded machine's gap between the
    # test's keys, a tenth of a second apart; the split after it is waited for, not timed
    monkeypatch.setattr(split_keeper, "QUIET", 2.0)
    monkeypatch.setattr(split_keeper, "QUIET_AT_MOST", 2.0)
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        gate.waiting.release()  # the first split goes: the worker is idle
        await pilot.pause(0.2)
        assert gate.finished == [ESSAY] and preview(app).cards
        editor(app).move_cursor(editor(app).document.end)
        for word in ["Keys", "come", "a", "tenth", "of", "a", "second", "apart"]:
            editor(app).insert(f" {word}")
            await pilot.pause(0.1)
        assert gate.started == [ESSAY]  # no split shares the interpreter with the keys
        for _ in range(600):  # once they pause (at most 30 s on a loaded machine)
            if len(gate.started) > 1:
                break
            await pilot.pause(0.05)
        assert gate.started == [ESSAY, editor(app).text]  # once they pause: the latest
        gate.waiting.release()
        await app.workers.wait_for_complete()


async def test_a_split_of_an_older_text_is_never_shown_over_a_newer(
    gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[tuple[str, str]] = []  # (the split's text, the essay's as it was shown)
    show = EditorScreen._show_splits

    def spy(screen: EditorScreen, splits: Splits) -> None:
        delivered.append((splits.text, screen.essay.text))
        show(screen, splits)

    monkeypatch.setattr(EditorScreen, "_show_splits", spy)
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        gate.waiting.release()
        await pilot.pause(0.3)
        assert delivered == [(ESSAY, ESSAY)]
        editor(app).move_cursor(editor(app).document.end)
        editor(app).insert(" Older")
        await pilot.pause(0.3)  # a split of "… Older" starts, and is held
        assert gate.started[-1].endswith(" Older")
        editor(app).insert(" newer")
        await pilot.pause(0.1)
        gate.waiting.release()  # the older split returns its threads: not shown
        await pilot.pause(0.3)
        assert gate.finished[-1].endswith(" Older") and len(delivered) == 1
        assert "Older" not in shown_text(app)
        gate.waiting.release()  # the newer one
        await pilot.pause(0.3)
        assert delivered[-1][0].endswith(" Older newer")
        assert all(split == essay for split, essay in delivered)  # each matched the essay
        assert "Older newer" in shown_text(app)


async def test_a_thread_too_long_to_read_says_so_and_keeps_cards_near_the_cursor() -> None:
    app = EditorApp(LONG_ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        thread = app.screen.threads[next(iter(app.screen.threads))]  # type: ignore[attr-defined]
        total = len(thread.posts)
        assert total > TOO_MANY_POSTS
        said = str(preview(app)._message.render())
        assert f"{total} posts: longer than any thread should be" in said
        assert f"Posts 1–{MAX_CARDS} of {total}" in said
        assert len(preview(app).cards) == MAX_CARDS
        await pilot.press("ctrl+end")  # the window of cards follows the cursor
        await pilot.pause(0.3)
        cards = preview(app).cards
        assert len(cards) == MAX_CARDS and cards[-1].post.number == total
        assert cards[-1].has_class("-current")
        region, seen = cards[-1].virtual_region, preview(app).scroll_offset.y
        assert seen <= region.y and region.bottom <= seen + preview(app).size.height  # in view
        assert f"Posts {total - MAX_CARDS + 1}–{total} of {total}" in str(
            preview(app)._message.render()
        )
        cards[-1].focus()
        await pilot.press("enter")  # Enter on a card still goes to its words
        await pilot.pause()
        offset = document(app).get_index_from_location(editor(app).cursor_location)
        assert offset == cards[-1].post.span[0]
        await pilot.press("ctrl+home")  # back: the first card, and the notice above it
        await pilot.pause(0.3)
        assert preview(app).cards[0].post.number == 1 and preview(app).scroll_offset.y == 0
        far = thread.posts[total - 15]  # a jump to a card of another height than before
        editor(app).cursor_location = document(app).get_location_from_index(far.span[0])
        await pilot.pause(0.3)
        (card,) = [card for card in preview(app).cards if card.has_class("-current")]
        assert card.post.number == far.number
        region, seen = card.virtual_region, preview(app).scroll_offset.y
        assert seen <= region.y and region.bottom <= seen + preview(app).size.height


async def test_cards_out_of_view_catch_up_after_the_keystroke() -> None:
    app = EditorApp(LONG_ESSAY[: len(LONG_ESSAY) // 3])  # 44 posts, all shown
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press(*"A new opening sentence that pushes every post along. ")
        # (typed at the start: every post after it is renumbered)
        await pilot.pause(0.5)
        cards = preview(app).cards
        assert not [card for card in cards if card.pending]
        for card in cards:  # each paints its own post, as published
            assert str(card.content).startswith(card.post.text)
            assert card.border_title == f"{card.post.number} of {len(cards)}"


@pytest.fixture
def let_go(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Autosaves go to a worker, which waits for this event before it writes (as if it
    took a while to start)."""
    monkeypatch.setattr(draft_saver, "SAVE_IN_FRAME_UP_TO", 100)  # save in the worker
    event = threading.Event()
    write = DraftSaver._write

    def held(
        saver: DraftSaver, text: str, settings: DraftSettings, number: int, in_worker: bool = False
    ) -> str | Conflict | None:
        if in_worker:
            event.wait(timeout=20)
        return write(saver, text, settings, number, in_worker)

    monkeypatch.setattr(DraftSaver, "_write", held)
    return event


async def test_a_long_essays_autosave_never_writes_an_older_text_over_a_newer(
    let_go: threading.Event,
) -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        editor(app).insert("Older. ")
        await pilot.pause(0.8)  # the autosave started in its worker, and is held
        assert app.saved == []
        editor(app).insert("Newer. ")
        await pilot.press("ctrl+s")  # saved at once
        assert app.saved == ["Older. Newer. " + ESSAY]
        let_go.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
    assert app.saved == ["Older. Newer. " + ESSAY]  # the older autosave wrote nothing


async def test_a_closing_editor_waits_for_its_save_and_drops_one_not_started(
    let_go: threading.Event,
) -> None:
    # The database may be closed right after the editor: no worker may write then.
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        editor(app).insert("Not yet saved. ")
        await pilot.pause(0.8)  # the autosave's worker is held before it writes
        app.pop_screen()  # the editor closes
        await pilot.pause()
        let_go.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
    assert app.saved == []
