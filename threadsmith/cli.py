"""The `thread` command.

`thread split` is a quick pipe tool: it imports the engine only (never Textual,
tweepy, atproto or keyring). Other subcommands import what they need when run.
Every `ThreadsmithError` becomes one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from threadsmith import __version__
from threadsmith.errors import InputError, ThreadsmithError

if TYPE_CHECKING:
    from threadsmith.threading import Thread

MIN_LIMIT = 20  # as the engine: room for a word and the numbering
MAX_BYTES = 50 * 1024 * 1024  # a 5 MB essay is fine; 50 MB is surely the wrong file
# Modules that add subcommands (login, publish, …): light at import, heavy inside.
COMMAND_MODULES = ("threadsmith.commands.accounts", "threadsmith.commands.publish")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2 (no usage dump)."""

    help_for: str | None = None  # the command typed: `thread split --help`, not `thread --help`

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see `{self.help_for or self.prog} --help`)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or only what `command` needs when it is `split`
    (a quick pipe tool: it skips loading the other commands' modules)."""
    parser = _Parser(
        prog="thread",
        description="Write the argument once; publish it as a thread that fits X and Bluesky.",
    )
    parser.add_argument("--version", action="version", version=f"threadsmith {__version__}")
    if command is not None and not command.startswith("-"):
        parser.help_for = (
            f"thread {command}"  # argparse reports a subcommand's unknown options here
        )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    split = commands.add_parser(
        "split",
        help="split an essay into posts and print them",
        description="Split a Markdown essay into numbered posts that each fit the platform.",
    )
    split.add_argument("file", metavar="FILE", help="the essay (Markdown); - reads stdin")
    add_split_options(split)
    split.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    split.set_defaults(handler=run_split)

    draft = commands.add_parser("draft", help="open an essay in the drafting app")
    draft.add_argument("file", metavar="FILE", nargs="?", help="a Markdown essay to open")
    draft.set_defaults(handler=run_app)

    for name in COMMAND_MODULES if command != "split" else ():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
            continue  # not built yet in this checkout
        module.add_arguments(commands)
    return parser


def add_split_options(parser: argparse.ArgumentParser, platform: bool = True) -> None:
    """Options shared by `split` and `publish`; None means "front matter, else default"."""
    if platform:
        parser.add_argument("--platform", help="x (default) or bluesky")
    parser.add_argument(
        "--numbering",
        metavar="TEMPLATE",
        help="'{n}/' (default), '{n}/{total}', '({n}/{total})', '🧵 {n}/{total}' or 'none'",
    )
    parser.add_argument("--position", help="numbering as a 'suffix' (default) or 'prefix'")
    parser.add_argument(
        "--limit", type=_limit, metavar="N", help="override the limit (at least 20)"
    )
    parser.add_argument("--first", metavar="TEXT", help="add to the first post (e.g. hashtags)")
    parser.add_argument("--last", metavar="TEXT", help="add to the last post (e.g. a link)")
    parser.add_argument(
        "--compact",
        action="store_true",
        default=None,
        help="end posts mid-sentence whenever that saves a post (default: clean breaks)",
    )


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < MIN_LIMIT:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of at least {MIN_LIMIT}, not {value!r}"
        )
    return number


def read_essay(name: str) -> str:
    """The essay's text, or an `InputError` saying exactly what is wrong with the file."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        label = "standard input"
    else:
        path = Path(name)
        label = name
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not an essay")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: larger than {MAX_BYTES // (1024 * 1024)} MB; is it an essay?")
    if b"\x00" in data:
        raise InputError(
            f"{label}: looks like a binary file (a NUL byte at offset {data.index(0)}), "
            "not a Markdown essay"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{label}: is empty: there is nothing to split")
    return text


def split_as_asked(text: str, platform: str | None, args: argparse.Namespace) -> Thread:
    """`split` with the options of `add_split_options` (None: front matter or default)."""
    from threadsmith import regex_cache
    from threadsmith.threading import split

    regex_cache.install()

    thread = split(
        text,
        platform=platform,
        numbering=args.numbering,
        position=args.position,
        limit=args.limit,
        first=args.first,
        last=args.last,
    )
    if "@" not in text and "＠" not in text:
        return thread
    from threadsmith.mentions import with_mention_warnings  # only for essays with an @

    return with_mention_warnings(thread)


def run_split(args: argparse.Namespace) -> int:
    thread = split_as_asked(read_essay(args.file), args.platform, args)
    if not thread.posts:
        raise InputError(f"{args.file}: has no text to post (only front matter or markup)")
    out = sys.stdout
    if args.format == "json":
        import json

        json.dump(thread_json(thread), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n---\n\n".join(post.text for post in thread.posts) + "\n")
        for warning in thread.warnings:
            where = f"post {warning.post}: " if warning.post else ""
            print(f"warning: {where}{warning.message}", file=sys.stderr)
    return 0


def thread_json(thread: Thread) -> dict[str, object]:
    """The `--format json` shape of DESIGN.md."""
    return {
        "platform": thread.platform,
        "limit": thread.limit,
        "posts": [
            {
                "number": post.number,
                "text": post.text,
                "length": post.length,
                "media": [{"path": m.path, "alt": m.alt} for m in post.media],
            }
            for post in thread.posts
        ],
        "warnings": [
            {"kind": w.kind, "message": w.message, "post": w.post} for w in thread.warnings
        ],
    }


def run_app(args: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments[0] if arguments else None)
    try:
        args = parser.parse_args(arguments)
        handler = getattr(args, "handler", None)
        if handler is None:
            return run_app(args)
        code: int = handler(args)
        return code
    except ThreadsmithError as exc:
        print(f"thread: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("thread: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0  # `thread split essay.md | head` is fine


if __name__ == "__main__":
    sys.exit(main())
