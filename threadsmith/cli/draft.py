"""`thread draft [FILE]` (and `thread` alone): the drafting app."""

from __future__ import annotations

import argparse
from pathlib import Path

from threadsmith.cli.options import Commands


def add_arguments(commands: Commands) -> None:
    draft = commands.add_parser("draft", help="open an essay in the drafting app")
    draft.add_argument("file", metavar="FILE", nargs="?", help="a Markdown essay to open")
    draft.set_defaults(handler=run_app)


def run_app(args: argparse.Namespace) -> int:
    from threadsmith.essay import read_essay
    from threadsmith.store import open_store
    from threadsmith.tui.app import ThreadsmithApp
    from threadsmith.tui.theme import terminal_background

    path = Path(args.file) if getattr(args, "file", None) else None
    if path is not None and path.exists():
        read_essay(str(path))  # the same clear errors as `thread split`, before the screen opens
    store = open_store()
    try:
        ThreadsmithApp(store, path, background=terminal_background()).run()
    finally:
        store.close()
    return 0
