"""The library's import: a Markdown file read at once, a web page or a document
fetched and converted off the UI thread (saying every 3 s what it is fetching), then
the new draft opened."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith.drafts import import_document, import_file
from threadsmith.errors import ThreadsmithError
from threadsmith.importing import is_import_source
from threadsmith.tui.widgets.dialogs import Ask

if TYPE_CHECKING:
    from threadsmith.tui.screens.library import LibraryScreen


def ask_and_import(screen: LibraryScreen) -> None:
    """Ask for an address or path, import it, open the draft (or say why not)."""

    def load(source: str | None) -> None:
        if not source:
            return
        if not is_import_source(source):  # a Markdown file: read at once
            try:
                imported(screen, source, import_file(screen.store, Path(source).expanduser()))
            except ThreadsmithError as error:
                not_imported(screen, str(error))
            return
        screen.notify(f"Importing {source}…", markup=False)
        screen.run_worker(
            lambda: _import_document(screen, source), thread=True, exclusive=True, group="import"
        )

    screen.app.push_screen(
        Ask("Import from a URL or a file (Markdown, .html, .docx)", "Address or path", ""), load
    )


def _import_document(screen: LibraryScreen, source: str) -> None:
    """A page is fetched, a document converted: in a thread worker."""
    said = [time.monotonic()]
    app = screen.app

    def progress(text: str) -> None:  # every 3 s: a page of many images takes a while
        if time.monotonic() - said[0] >= 3.0:
            said[0] = time.monotonic()
            app.call_from_thread(screen.notify, text, title="Importing", markup=False)

    try:
        draft_id, warnings = import_document(screen.store, source, progress)
    except ThreadsmithError as error:
        app.call_from_thread(not_imported, screen, str(error))
        return
    for warning in warnings:
        app.call_from_thread(
            screen.notify, warning, title="Imported, but", severity="warning", markup=False
        )
    app.call_from_thread(imported, screen, source, draft_id)


def imported(screen: LibraryScreen, source: str, draft_id: int) -> None:
    screen.refresh_drafts()
    screen.notify(f"Imported {source}.", markup=False)
    screen.threadsmith.open_draft(draft_id)


def not_imported(screen: LibraryScreen, message: str) -> None:
    screen.notify(message, title="Not imported", severity="error", markup=False)
