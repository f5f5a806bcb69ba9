"""The `thread` command: one module per command (`split`, `draft`, `publish`, `schedule`,
`accounts`, `stats`, `prices`, `doctor`).

Each module adds its parser with `add_arguments` and imports what its command
needs only when it runs: `thread split` never loads Textual, tweepy, atproto or
keyring. Every `ThreadsmithError` becomes one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

from threadsmith import __version__
from threadsmith.cli.options import Parser
from threadsmith.errors import ThreadsmithError

# The commands' modules, in the order `thread --help` lists them. Each is imported only
# when its parser is needed: `thread split` reads none of the others (their imports
# alone cost it a tenth of its start-up).
COMMANDS = ("split", "draft", "publish", "schedule", "accounts", "stats", "prices", "doctor")


def command_module(name: str) -> ModuleType:
    """`threadsmith.cli.<name>`, the module of the command `name`."""
    return import_module(f"threadsmith.cli.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; `command` is the one typed, so that a usage error
    points to its own `--help`."""
    parser = Parser(
        prog="thread",
        description="Write the argument once; publish it as a thread that fits each network.",
    )
    parser.add_argument("--version", action="version", version=f"threadsmith {__version__}")
    if command is not None and not command.startswith("-"):
        parser.help_for = f"thread {command}"  # argparse reports a subcommand's options here
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        if command == "split" and name != "split":
            continue  # a quick pipe tool: the other commands' options are not read
        command_module(name).add_arguments(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments[0] if arguments else None)
    try:
        args = parser.parse_args(arguments)
        handler = getattr(args, "handler", None) or command_module("draft").run_app
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
