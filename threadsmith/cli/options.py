"""What the commands share: a parser whose usage errors are one line, and the
splitting options of `thread split` and `thread publish`."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from threadsmith.errors import InputError
from threadsmith.essay import MIN_LIMIT, SplitOptions

MAX_DELAY = 3600.0  # seconds between posts; more is surely a slip


def network_names(marking_default: bool = False) -> str:
    """The networks as a person types them: "x, bluesky or mastodon" (the default marked)."""
    from threadsmith.network import default_network, networks

    default = default_network().name if marking_default else ""
    names = [p.name + (" (default)" if p.name == default else "") for p in networks()]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


TO_HELP = "{}, optionally with the account (repeat to cross-post)"


def where_to_publish() -> InputError:
    """The error for a publish or schedule that names no network."""
    from threadsmith.network import networks

    return InputError("say where to publish: " + ", ".join(f"--to {p.name}" for p in networks()))


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2 (no usage dump)."""

    help_for: str | None = None  # the command typed: `thread split --help`, not `thread --help`
    # the subcommand meant when the first word names none: `thread schedule essay.md …`
    # is `thread schedule add essay.md …`
    default_command: str | None = None

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see `{self.help_for or self.prog} --help`)")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        if self.default_command is not None and args is not None:
            words = list(args)
            commands = self._command_names()
            if not words or (words[0] not in commands and words[0] not in ("-h", "--help")):
                args = [self.default_command, *words]
        return super().parse_known_args(args, namespace)

    def _command_names(self) -> set[str]:
        return {
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }


if TYPE_CHECKING:  # argparse's class is generic to type checkers only
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Commands = argparse._SubParsersAction


def add_split_options(parser: argparse.ArgumentParser, network: bool = True) -> None:
    """Options shared by `split` and `publish`; None means "front matter, else default"."""
    if network:
        parser.add_argument("--network", "--platform", help=network_names(marking_default=True))
    parser.add_argument(
        "--numbering",
        metavar="TEMPLATE",
        help="'{n}/' (default), '{n}/{total}', '({n}/{total})', '🧵 {n}/{total}' or 'none'",
    )
    parser.add_argument("--position", help="numbering as a 'suffix' (default) or 'prefix'")
    parser.add_argument(
        "--limit", type=_limit, metavar="N", help=f"override the limit (at least {MIN_LIMIT})"
    )
    parser.add_argument("--first", metavar="TEXT", help="add to the first post (e.g. hashtags)")
    parser.add_argument("--last", metavar="TEXT", help="add to the last post (e.g. a link)")
    parser.add_argument(
        "--compact",
        action="store_true",
        default=None,
        help="end posts mid-sentence whenever that saves a post (default: clean breaks)",
    )


def add_publish_options(parser: argparse.ArgumentParser) -> None:
    """Each network's own publish options (`--visibility`, `--replies`, `--no-quotes`…),
    from their descriptions; an option several networks share is added once."""
    from threadsmith.network import networks
    from threadsmith.network.options import shared_options

    parser.add_argument(
        "--allow-missing-alt",
        action="store_true",
        default=None,
        help="publish images that have no alt text (default: refused, naming the image)",
    )
    for shared in shared_options(networks()):
        option, where = shared.option, f"({shared.where})"
        if option.flag:
            parser.add_argument(
                f"--{option.name}",
                action=argparse.BooleanOptionalAction,
                help=f"{option.help} {where}",
            )
            continue
        if option.negative is not None:  # `--quotes VALUE`, or `--no-quotes` for one of them
            either = parser.add_mutually_exclusive_group()
            either.add_argument(
                f"--{option.name}", choices=option.choices, help=f"{option.help} {where}"
            )
            either.add_argument(
                f"--no-{option.name}", dest=option.name, action="store_const",
                const=option.negative, help=f"the same as --{option.name} {option.negative}",
            )  # fmt: skip
            continue
        parser.add_argument(
            f"--{option.name}",
            choices=option.choices or None,
            metavar=None if option.choices else "TEXT",
            help=f"{option.help} {where}",
        )


def split_options(args: argparse.Namespace) -> SplitOptions:
    from threadsmith.network import networks

    names = {option.name for p in networks() for option in p.publish_options}
    return SplitOptions(
        network=getattr(args, "network", None),
        numbering=args.numbering,
        position=args.position,
        limit=args.limit,
        first=args.first,
        last=args.last,
        compact=args.compact,
        missing_alt_allowed=getattr(args, "allow_missing_alt", None),
        publish={
            name: _option_text(value)
            for name in names
            if (value := getattr(args, name, None)) is not None
        },
    )


def _option_text(value: object) -> str:
    """A publish option as the networks read it: `--no-quotes` is quotes "false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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


def seconds(value: str) -> float:
    """A pause between posts: a finite number of seconds, 0 to an hour."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not 0 <= number <= MAX_DELAY:
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds from 0 to {MAX_DELAY:.0f}, not {value!r}"
        )
    return number
