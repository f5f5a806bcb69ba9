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


def _progress(text: str) -> None:
    """An import's progress on standard error, one line overwriting the last."""
    from threadsmith.errors import printable

    shown = printable(text)
    width = 100
    print(f"\r\x1b[K{shown[: width - 1] + '…' if len(shown) > width else shown}",
          end="", file=sys.stderr, flush=True)  # fmt: skip


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
            try:
                draft_id, warnings = import_document(store, name, _progress)
            finally:
                print("\r\x1b[K", end="", file=sys.stderr, flush=True)
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
