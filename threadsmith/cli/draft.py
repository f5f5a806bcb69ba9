"""`thread draft [FILE]` (and `thread` alone): the drafting app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from threadsmith.cli.options import Commands


def add_arguments(commands: Commands) -> None:
    draft = commands.add_parser(
        "draft",
        help="open an essay in the drafting app, or import a web page or a Word document",
    )
    draft.add_argument(
        "file",
        metavar="FILE|URL",
        nargs="?",
        help="a Markdown essay to open; a web page's address, a saved page (.html) or a "
        "Word document (.docx) to import as a new draft",
    )
    draft.set_defaults(handler=run_app)


def has_terminal() -> bool:
    """True when the app can run: it reads keys from a terminal and draws on one."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _need_terminal() -> None:
    from threadsmith.errors import InputError

    if not has_terminal():
        raise InputError(
            "thread draft opens the drafting app, which needs a terminal (standard input "
            "and output are not one): run it in a terminal, or `thread split FILE` without it"
        )


def import_progress() -> Callable[[str], None] | None:
    """What an import is fetching, on standard error as one line overwriting the last;
    None when standard error is not a terminal (a log keeps the warnings only)."""
    if not sys.stderr.isatty():
        return None

    def show(text: str) -> None:
        from threadsmith.errors import printable

        shown = printable(text)
        shown = shown if len(shown) <= 100 else shown[:99] + "…"
        print(f"\r\x1b[K{shown}", end="", file=sys.stderr, flush=True)

    return show


def end_progress(shown: Callable[[str], None] | None) -> None:
    """Clears the progress line, if there was one."""
    if shown is not None:
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)


def run_app(args: argparse.Namespace) -> int:
    from threadsmith.drafts import import_document
    from threadsmith.essay import DOCUMENTS, read_essay
    from threadsmith.importing import is_import_source
    from threadsmith.store import open_store
    from threadsmith.tui.app import ThreadsmithApp
    from threadsmith.tui.theme import terminal_background

    name = getattr(args, "file", None)
    path = Path(name) if name else None
    store = open_store()
    try:
        draft_id = None
        if name and is_import_source(name):  # imported before the screen opens
            _need_terminal()
            progress = import_progress()
            try:
                draft_id, warnings = import_document(store, name, progress)
            finally:
                end_progress(progress)
            for warning in warnings:
                print(f"warning: {warning}", file=sys.stderr)
            path = None
        elif path is not None and (path.exists() or path.suffix.lower() in DOCUMENTS):
            read_essay(str(path))  # the same clear errors as `thread split`, before the app
        _need_terminal()
        ThreadsmithApp(store, path, background=terminal_background(), draft=draft_id).run()
    finally:
        store.close()
    return 0
