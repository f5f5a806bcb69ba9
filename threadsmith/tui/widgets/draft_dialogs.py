"""The editor's settings dialog: the draft's numbering and extras (F3's dialog, editing
one post, is in `edit_post_dialog`); and the library's question before deleting a draft."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from threadsmith.drafts import DraftSettings
from threadsmith.drafts.library import Summary
from threadsmith.errors import InputError
from threadsmith.store import Draft
from threadsmith.threading import PRESETS, Numbering
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.numbering import parse_position
from threadsmith.tui.widgets.dialogs import Confirm

CUSTOM = "custom"  # the Select's value for "a template of my own"


def essay_settings(essay: str) -> dict[str, str]:
    """The essay's own front matter settings, as text (none if it cannot be read: the
    preview says why)."""
    try:
        settings = read_front_matter(essay).settings
    except InputError:
        return {}
    return {key: str(value) for key, value in settings.items()}


def _or_essay(essay: Mapping[str, str], key: str, otherwise: str) -> str:
    """What a field left to the essay means: its front matter's value, else `otherwise`."""
    if key in essay:
        return f"(the essay's: {essay[key]})"
    return otherwise


class SettingsDialog(ModalScreen[DraftSettings | None]):
    """Numbering template and position, first/last-post extras, an optional limit."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, settings: DraftSettings, essay: str = "") -> None:
        super().__init__(classes="dialog")
        self.settings = settings
        self.essay = essay_settings(essay)  # what a field left blank falls back to

    def compose(self) -> ComposeResult:
        current, essay = self.settings, self.essay
        breaks = {"true": "compact", "false": "clean"}.get(essay.get("compact", "").lower(), "")
        options = [
            (_or_essay(essay, "numbering", "(from the essay, else {n}/)"), ""),
            *((preset, preset) for preset in PRESETS),
        ]
        options.append(("your own…", CUSTOM))
        custom = current.numbering not in (None, *PRESETS)
        with Vertical(classes="dialog-box"):
            yield Label("Numbering and extras", classes="dialog-title")
            with Grid(classes="form"):  # one line a field, so it fits at 80×24
                yield Label("Numbering")
                yield Select(
                    options, value=CUSTOM if custom else current.numbering or "",
                    allow_blank=False, compact=True, id="numbering",
                )  # fmt: skip
                yield Label("Template", classes="custom")
                yield Input(
                    current.numbering if custom else "", placeholder="e.g. Part {n} of {total}",
                    compact=True, id="custom", classes="custom",
                )  # fmt: skip
                yield Label("Position")
                yield Select(
                    [("suffix: … 3/", "suffix"), ("prefix: 3/ …", "prefix")],
                    value=current.position or self._essay_position(), allow_blank=False,
                    compact=True, id="position",
                )  # fmt: skip
                yield Label("First post adds")
                yield Input(
                    current.first or "", placeholder=_or_essay(essay, "first", "#tags, @mentions"),
                    compact=True, id="first",
                )  # fmt: skip
                yield Label("Last post adds")
                yield Input(
                    current.last or "", placeholder=_or_essay(essay, "last", "a link"),
                    compact=True, id="last",
                )  # fmt: skip
                yield Label("Limit")
                yield Input(
                    str(current.limit or ""),
                    placeholder=_or_essay(essay, "limit", "blank: the network's own"),
                    type="integer", compact=True, id="limit",
                )  # fmt: skip
                yield Label("Breaks")
                yield Select(
                    [(f"(the essay's: {breaks})" if breaks else "(from the essay, else clean)", ""),
                     ("clean: at sentence ends", "clean"),
                     ("compact: mid-sentence when it saves a post", "compact")],
                    value={None: "", False: "clean", True: "compact"}[current.compact],
                    allow_blank=False, compact=True, id="compact",
                )  # fmt: skip
            yield Label("", id="settings-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Cancel", id="cancel")

    def _essay_position(self) -> str:
        """Where the numbering goes when the draft does not say: the essay's choice."""
        return "prefix" if self.essay.get("position", "").lower() == "prefix" else "suffix"

    def on_mount(self) -> None:
        self._show_custom()

    @on(Select.Changed, "#numbering")
    def _show_custom(self) -> None:
        chosen = self.query_one("#numbering", Select).value == CUSTOM
        for widget in self.query(".custom"):
            widget.display = chosen

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        numbering = str(self.query_one("#numbering", Select).value or "") or None
        if numbering == CUSTOM:
            numbering = self.query_one("#custom", Input).value.strip() or None
        position = str(self.query_one("#position", Select).value or "suffix")
        limit_text = self.query_one("#limit", Input).value.strip()
        try:
            if numbering is None and self.query_one("#numbering", Select).value == CUSTOM:
                raise InputError("write a template, e.g. Part {n} of {total}")
            if numbering:
                Numbering(numbering, parse_position(position))
            limit = int(limit_text) if limit_text else None
            if limit is not None and limit < 20:
                raise InputError("the limit must be at least 20")
        except (InputError, ValueError) as error:
            if self.query_one("#numbering", Select).value == CUSTOM and "template" in str(error):
                error = InputError(
                    f"not a template: write it with {{n}} (and {{total}}), not {numbering!r}"
                )
            self.query_one("#settings-error", Label).update(f"⚠ {error}")
            return
        self.dismiss(
            replace(
                self.settings,
                numbering=numbering,
                position=position if position != self._essay_position() else None,
                first=self.query_one("#first", Input).value.strip() or None,
                last=self.query_one("#last", Input).value.strip() or None,
                limit=limit,
                compact={"": None, "clean": False, "compact": True}[
                    str(self.query_one("#compact", Select).value or "")
                ],
            )
        )


class DeleteDraftDialog(Confirm):
    """Delete a draft? It names which one: a title can be another draft's too."""

    def __init__(self, draft: Draft, summary: Summary, twins: int = 0) -> None:
        from threadsmith.tui.widgets.library_lines import describe

        question = f"Delete this draft? This cannot be undone.\n\n{describe(draft, summary, twins)}"
        super().__init__(question, yes="Delete", no="Keep it")
