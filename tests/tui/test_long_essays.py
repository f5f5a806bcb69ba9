"""Long essays with Pilot: a long essay is split in a worker thread while the author goes
on typing, a split of an older text is never shown, a thread too long for anyone to
read says so and keeps a window of cards around the cursor, cards out of view catch
up, and a long essay's autosave never writes an older text over a newer one.

Slow splits and saves are made slow on purpose (held until the test lets them go),
the typing pause is measured on the test's own clock, and each step waits for what it
needs: nothing here depends on the machine's speed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from textual.app import App
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from support.editor_app import EditorApp
from support.waiting import until
from threadsmith.drafts import DraftSettings
from threadsmith.tui import draft_saver, split_keeper
from threadsmith.tui.draft_editing import Conflict
from threadsmith.tui.draft_saver import DraftSaver
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.split_keeper import SplitJob, Splits
from threadsmith.tui.widgets.post_card import PostCard
from threadsmith.tui.widgets.preview import MAX_CARDS, TOO_MANY_POSTS, ThreadPreview

SENTENCE = "Our schools need a funding settlement that matches the need we see every day."
ESSAY = "\n\n".join(" ".join([SENTENCE] * 3) for _ in range(3))
# 127 posts: short ones (two one-sentence paragraphs each), then tall ones
LONG_ESSAY = "\n\n".join(
    " ".join([f"{SENTENCE} Point {n}."] * (1 if n < 200 else 3)) for n in range(260)
)


class Clock:
    """The editor's monotonic clock, counting its reads (each change, each check of the
    pause). A stopped one moves only when the test moves it: the typing pauses when the
    test says so, however slow the machine."""

    def __init__(self, stopped: bool = False) -> None:
        self.stopped = stopped
        self.moved = 0.0  # seconds the test moved it on
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return self.moved + (0.0 if self.stopped else time.monotonic())


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
        await until(pilot, lambda: gate.started, "the first split started")
        assert gate.started == [ESSAY] and not preview(app).cards  # the first split is held
        assert f"Splitting the essay ({len(ESSAY)} characters)" in str(
            preview(app)._message.render()
        )
        editor(app).move_cursor(editor(app).document.end)
        await pilot.press(*" Typed while the split is held.")
        assert editor(app).text.endswith("Typed while the split is held.")
        assert preview(app).border_subtitle == "updating…"  # the preview says it lags
        gate.waiting.release()  # the first split ends: stale, so not shown
        latest = editor(app).text  # once the typing has paused, it is split
        await until(pilot, lambda: gate.started[-1] == latest, "a split of the latest text")
        assert not preview(app).cards
        gate.waiting.release()
        await until(
            pilot, lambda: "Typed while the split is held." in shown_text(app), "the split shown"
        )
        assert not (preview(app).border_subtitle or "").endswith("updating…")


async def test_a_long_essay_is_split_once_the_typing_pauses_not_at_each_key(
    gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The editor's clock moves only as the test says: keys an eighth of a pause apart,
    # however long the machine takes between them, then a pause. (A pause of 1/16 s:
    # its eighths add up exactly, so a pause on the clock is a pause to the keeper.)
    pause = 1 / 16
    monkeypatch.setattr(split_keeper, "QUIET", pause)
    monkeypatch.setattr(split_keeper, "QUIET_AT_MOST", pause)
    clock = Clock(stopped=True)

    def checked_since(reads: int) -> Callable[[], bool]:
        return lambda: clock.reads >= reads + 2  # the change noted, then the pause checked

    app = EditorApp(ESSAY, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: gate.started, "the first split started")
        gate.waiting.release()  # the first split goes: the worker is idle
        await until(pilot, lambda: preview(app).cards, "the first split shown")
        assert gate.finished == [ESSAY]
        editor(app).move_cursor(editor(app).document.end)
        for word in ["Keys", "come", "an", "eighth", "of", "a", "pause", "apart"]:
            reads = clock.reads
            clock.moved += pause / 8
            editor(app).insert(f" {word}")
            await until(pilot, checked_since(reads), "the pause checked after a key")
        assert gate.started == [ESSAY]  # no split shares the interpreter with the keys
        clock.moved += pause  # the typing pauses
        await until(pilot, lambda: len(gate.started) > 1, "a split once the typing paused")
        assert gate.started == [ESSAY, editor(app).text]  # the latest text
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
    clock = Clock()  # the time of day, counting the changes the editor notes
    app = EditorApp(ESSAY, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: gate.started, "the first split started")
        gate.waiting.release()
        await until(pilot, lambda: delivered, "the first split shown")
        assert delivered == [(ESSAY, ESSAY)]
        editor(app).move_cursor(editor(app).document.end)
        editor(app).insert(" Older")
        # a split of "… Older" starts, and is held
        await until(pilot, lambda: gate.started[-1].endswith(" Older"), "the older split")
        reads = clock.reads
        editor(app).insert(" newer")
        await until(pilot, lambda: clock.reads > reads, "the newer text noted")
        gate.waiting.release()  # the older split returns its threads: not shown
        # the newer split starts only once the older one's end has been taken
        await until(pilot, lambda: gate.started[-1].endswith(" newer"), "the newer split")
        assert gate.finished[-1].endswith(" Older") and len(delivered) == 1
        assert "Older" not in shown_text(app)
        gate.waiting.release()  # the newer one
        await until(pilot, lambda: len(delivered) > 1, "the newer split shown")
        assert delivered[-1][0].endswith(" Older newer")
        assert all(split == essay for split, essay in delivered)  # each matched the essay
        assert "Older newer" in shown_text(app)


async def test_a_thread_too_long_to_read_says_so_and_keeps_cards_near_the_cursor() -> None:
    app = EditorApp(LONG_ESSAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: preview(app).cards, "the first split shown")
        thread = app.screen.threads[next(iter(app.screen.threads))]  # type: ignore[attr-defined]
        total = len(thread.posts)
        assert total > TOO_MANY_POSTS
        said = str(preview(app)._message.render())
        assert f"{total} posts: longer than any thread should be" in said
        assert f"Posts 1–{MAX_CARDS} of {total}" in said
        assert len(preview(app).cards) == MAX_CARDS
        await pilot.press("ctrl+end")  # the window of cards follows the cursor
        await until(
            pilot,
            lambda: (
                (card := current_card(app)) is not None
                and card.post.number == total
                and in_view(card)
            ),
            "the last card current and in view",
        )
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
        await until(
            pilot,
            lambda: preview(app).cards[0].post.number == 1 and preview(app).scroll_offset.y == 0,
            "the first cards shown from the top",
        )
        far = thread.posts[total - 15]  # a jump to a card of another height than before
        editor(app).cursor_location = document(app).get_location_from_index(far.span[0])
        await until(
            pilot,
            lambda: (
                (card := current_card(app)) is not None
                and card.post.number == far.number
                and in_view(card)
            ),
            "the far card current and in view",
        )


def current_card(app: App[None]) -> PostCard | None:
    return next((card for card in preview(app).cards if card.has_class("-current")), None)


def in_view(card: PostCard | None) -> bool:
    if card is None or card.parent is None:
        return False
    region, seen = card.virtual_region, preview(card.app).scroll_offset.y
    return seen <= region.y and region.bottom <= seen + preview(card.app).size.height


async def test_cards_out_of_view_catch_up_after_the_keystroke() -> None:
    app = EditorApp(LONG_ESSAY[: len(LONG_ESSAY) // 3])  # 44 posts, all shown
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: preview(app).cards, "the first split shown")
        await pilot.press(*"A new opening sentence that pushes every post along. ")
        # (typed at the start: every post after it is renumbered)
        await until(
            pilot,
            lambda: (
                preview(app).cards[0].post.text.startswith("A new opening")
                and not [card for card in preview(app).cards if card.pending]
            ),
            "every card caught up",
        )
        cards = preview(app).cards
        for card in cards:  # each paints its own post, as published
            assert str(card.content).startswith(card.post.text)
            assert card.border_title == f"{card.post.number} of {len(cards)}"


@dataclass
class HeldSaves:
    """Autosaves held in their worker until `go` is set (as if they took a while to start)."""

    go: threading.Event = field(default_factory=threading.Event)
    held: list[str] = field(default_factory=list)  # the text of each, once held


@pytest.fixture
def let_go(monkeypatch: pytest.MonkeyPatch) -> HeldSaves:
    monkeypatch.setattr(draft_saver, "SAVE_IN_FRAME_UP_TO", 100)  # save in the worker
    saves = HeldSaves()
    write = DraftSaver._write

    def held(
        saver: DraftSaver, text: str, settings: DraftSettings, number: int, in_worker: bool = False
    ) -> str | Conflict | None:
        if in_worker:
            saves.held.append(text)
            saves.go.wait(timeout=20)
        return write(saver, text, settings, number, in_worker)

    monkeypatch.setattr(DraftSaver, "_write", held)
    return saves


async def test_a_long_essays_autosave_never_writes_an_older_text_over_a_newer(
    let_go: HeldSaves,
) -> None:
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: preview(app).cards, "the first split shown")
        editor(app).insert("Older. ")
        await until(pilot, lambda: let_go.held, "the autosave held in its worker")
        assert app.saved == []
        editor(app).insert("Newer. ")
        await pilot.press("ctrl+s")  # saved at once
        assert app.saved == ["Older. Newer. " + ESSAY]
        let_go.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.saved == ["Older. Newer. " + ESSAY]  # the older autosave wrote nothing


async def test_a_closing_editor_waits_for_its_save_and_drops_one_not_started(
    let_go: HeldSaves,
) -> None:
    # The database may be closed right after the editor: no worker may write then.
    app = EditorApp(ESSAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: preview(app).cards, "the first split shown")
        editor(app).insert("Not yet saved. ")
        await until(pilot, lambda: let_go.held, "the autosave held in its worker")
        app.pop_screen()  # the editor closes
        await pilot.pause()
        let_go.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.saved == []
