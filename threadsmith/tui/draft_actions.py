"""What the app does with a draft as a file: export it as Markdown that `thread split`
splits the same way, asking before replacing a file that says something else, and
writing it whole (a new file renamed over the old one)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from threadsmith.drafts import essay_for_export, settings_of
from threadsmith.store import Draft
from threadsmith.tui.base import AppScreen
from threadsmith.tui.widgets.dialogs import Ask, Confirm

MARKDOWN = (".md", ".markdown", ".txt")


def export(
    screen: AppScreen[None], draft: Draft, written: Callable[[Path], None] | None = None
) -> None:
    """Ask where, ask before replacing a file that says something else, write it whole;
    then `written(path)`, if given."""
    source = str(draft.settings.get("source") or "")
    # a draft read from a Markdown file goes back there; one imported from a web page or a
    # Word document gets a Markdown file of its own (never written over the document)
    suggested = source if source.endswith(MARKDOWN) else f"{_slug(draft.title)}.md"
    text = essay_for_export(draft.body, settings_of(draft))

    def write(target: Path) -> None:
        try:  # whole or not at all: a new file renamed over the old one
            partial = target.with_name(f".{target.name}.threadsmith-tmp")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        except OSError as error:
            screen.notify(
                f"{target}: {error.strerror}",
                title="Not exported",
                severity="error",
                markup=False,
            )
            return
        screen.notify(f"Saved “{draft.title}” to {target}.", markup=False)
        if written is not None:
            written(target)

    def kept(target: Path) -> None:
        screen.notify(f"{target} was left as it was.", title="Not exported", markup=False)

    def save(path: str | None) -> None:
        if not path:
            return
        target = Path(path).expanduser().absolute()  # the message names its folder
        if target.exists() and not _holds(target, text):
            screen.app.push_screen(
                Confirm(f"Replace {target} with this draft?", yes="Replace", no="Cancel"),
                lambda replace: write(target) if replace else kept(target),
            )
        else:
            write(target)

    screen.app.push_screen(Ask("Export as Markdown", "Path", suggested), save)


def _holds(path: Path, text: str) -> bool:
    """Whether the file at `path` already says exactly `text` (so writing it loses nothing)."""
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split()) or "draft"
