"""`thread draft [FILE]` (and `thread` alone): the drafting app."""

from __future__ import annotations

import argparse
import sys
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
            draft_id, warnings = import_document(store, name)
            for warning in warnings:
                print(f"warning: {warning}", file=sys.stderr)
            path = None
        elif path is not None and (path.exists() or path.suffix.lower() in DOCUMENTS):
            read_essay(str(path))  # the same clear errors as `thread split`, before the app
        ThreadsmithApp(store, path, background=terminal_background(), draft=draft_id).run()
    finally:
        store.close()
    return 0
