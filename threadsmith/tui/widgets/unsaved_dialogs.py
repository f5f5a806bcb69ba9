"""The questions about a draft's text that could not be saved: closing with it, and a
save that would have written over newer text from another window."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

EXPORT, KEEP, DISCARD = "export", "keep", "discard"  # UnsavedDialog's answers
COPY, THEIRS, LATER = "copy", "theirs", "later"  # ConflictDialog's


class _Choice(ModalScreen[str]):
    """A question with a button per answer; Esc gives the last (the safe one)."""

    BINDINGS = [
        Binding("escape", "safe", "Keep editing", show=False),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, title: str, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog unsaved")
        self.title_text, self.question, self.answers = title, question, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer, label in self.answers:
                    dropping = answer in (DISCARD, THEIRS)
                    yield Button(label, id=answer, variant="error" if dropping else "default")

    def on_mount(self) -> None:
        self.query_one(f"#{self.answers[-1][0]}", Button).focus()

    def action_safe(self) -> None:
        self.dismiss(self.answers[-1][0])

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.answers[-1][0])


class UnsavedDialog(_Choice):
    """Closing while a save fails: save the text elsewhere as Markdown, keep editing, or
    discard it. Dismisses with EXPORT, KEEP or DISCARD."""

    def __init__(self, title: str, reason: str) -> None:
        super().__init__(
            "Not saved",
            f"“{title}” could not be saved: {reason}.\n\nWhat you typed since its last save is "
            "only in this window. Save it elsewhere as a Markdown file, keep editing (saving "
            "is tried again every few seconds), or discard it?",
            [(EXPORT, "Save as Markdown…"), (DISCARD, "Discard"), (KEEP, "Keep editing")],
        )


class ConflictDialog(_Choice):
    """A save found newer text from another window (or the draft gone): keep this
    window's text as a copy, take the other's (or, closing, discard this one's), or
    decide later. Dismisses with COPY, THEIRS or LATER."""

    def __init__(self, message: str, can_reload: bool, closing: bool) -> None:
        answers = [(COPY, "Keep mine as a copy")]
        if closing:
            answers.append((THEIRS, "Discard mine"))
        elif can_reload:
            answers.append((THEIRS, "Reload theirs"))
        answers.append((LATER, "Keep editing"))
        theirs = (
            " Reload theirs puts the other window's text here (Ctrl+Z brings yours back)."
            if can_reload and not closing
            else ""
        )
        super().__init__(
            "Changed in another window",
            f"{message}\n\nKeep yours as a copy: a new draft, the one this window edits from "
            f"now on.{theirs}",
            answers,
        )
