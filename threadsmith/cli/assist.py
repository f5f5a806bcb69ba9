"""`thread publish --assist`: publishing by hand, helped, at a terminal.

The network's assisted publisher decides what to hand over and which answers to
take; `TerminalGuide` is how it talks to the person here. Each post is printed
(the text to copy by hand), copied to the clipboard with OSC 52 where standard
output is a terminal (as Textual's `copy_to_clipboard` does: most terminals, and
tmux with `set-clipboard on`), and its compose page opened with `webbrowser`
(which honours `$BROWSER`; the address is printed too, for a machine with no
browser). Addresses are read with `input()` at a terminal, else one per line, so
the flow can be scripted.
"""

from __future__ import annotations

import argparse
import base64
import shlex
import sys
import webbrowser
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from threadsmith.errors import ByHand

if TYPE_CHECKING:
    from threadsmith.network import Account, Handoff, Network, Publisher
    from threadsmith.store import Run, Store

RULE = "─" * 40


class TerminalGuide:
    """Implements `threadsmith.network.Guide` on standard input and output."""

    def __init__(
        self,
        network: str,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        open_url: Callable[[str], bool] = webbrowser.open,
    ) -> None:
        self.network = network  # "X": whose counting and compose page these are
        self._in = stdin or sys.stdin
        self._out = stdout or sys.stdout
        self._open_url = open_url
        self._hinted = False

    def show(self, handoff: Handoff) -> None:
        post = handoff.post
        after = f"a reply to {handoff.reply_to}" if handoff.reply_to else "the thread's first post"
        self._say(f"{RULE}\n{post.text}\n{RULE}")
        self._say(f"{handoff.length} characters as {self.network} counts them; {after}.")
        for media in post.media:
            alt = f"alt text: {media.alt}" if media.alt else "no alt text"
            self._say(f"Attach this image by hand: {media.path} ({alt})")
        if self._copy(post.text):
            self._say("The text is on the clipboard.")
        self._say(f"{self.network}'s compose page, the text filled in: {handoff.compose_url}")
        if not self._open(handoff.compose_url):
            self._say("(No browser opened: open that address yourself.)")
        if not self._hinted:
            self._hinted = True
            self._say(
                "Published a post twice by mistake? Give the address of the one to keep, "
                "and delete the other."
            )

    def ask_address(self, number: int, question: str, *, optional: bool = False) -> str | None:
        if self._in.isatty():
            try:
                return input(f"{question}: ").strip()
            except EOFError:
                self._say("")
                return None
        self._say(f"{question}:")  # a scripted run's output still reads as the dialogue
        line = self._in.readline()
        return line.strip() if line else None

    def say(self, text: str) -> None:
        self._say(text)

    def _say(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    def _copy(self, text: str) -> bool:
        """OSC 52 "set the clipboard", which the terminal (not this machine) acts on."""
        if not self._out.isatty():
            return False
        encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self._out.write(f"\x1b]52;c;{encoded}\a")
        self._out.flush()
        return True

    def _open(self, url: str) -> bool:
        try:
            return bool(self._open_url(url))
        except webbrowser.Error:
            return False


def open_assisted(account: Account, options: Mapping[str, str]) -> Publisher:
    """The network's assisted publisher for `account`, talking through this terminal."""
    from threadsmith.publish import assisted_mode

    guide = TerminalGuide(account.network.display_name)
    return assisted_mode(account.network).open_publisher(account, guide, options)


def by_hand(error: ByHand, run: Run, args: argparse.Namespace) -> ByHand:
    """`error`, saying how to publish the rest of the thread by hand, when its network
    offers that (the exact command for an essay file; the app's way for a draft)."""
    assisted = run.network.assisted
    if assisted is None:
        return error
    if run.draft_key.startswith("file:"):
        path = run.draft_key.removeprefix("file:")
        given = getattr(args, "file", None)
        shown = given if given and str(Path(given).resolve()) == path else path
        to = f"{run.network.name}:{run.handle}" if run.handle else run.network.name
        words = ["thread", "publish", shown, "--to", to, "--assist", *_split_arguments(args)]
        how = f"`{shlex.join(words)}`"
    else:
        how = f"open the draft in the app (`thread`), press F5 and tick “{assisted.label}”"
    return ByHand(f"{error}. To publish the rest yourself, from where it stopped: {how}")


def assisted_accounts(
    store: Store, targets: list[str], text: str, draft_key: str, args: argparse.Namespace
) -> list[Account]:
    """The accounts `--to … --assist` means (see `threadsmith.publish.assisted_account`)."""
    from threadsmith.cli.options import split_options
    from threadsmith.publish import assisted_account

    chosen: dict[str, Account] = {}
    for target in targets:
        account = assisted_account(
            store, target, text, draft_key=draft_key, options=split_options(args)
        )
        chosen.setdefault(account.key, account)
    return list(chosen.values())


def say_how(network: Network) -> None:
    """What publishing by hand is, once, before the posts."""
    label = network.assisted.label if network.assisted else network.display_name
    print(
        f"{label}: you publish each post yourself. Each is copied and its compose page "
        "opened; paste back the address of the post you published, and the next one "
        "follows as its reply. Stop at any time: the same command goes on from there."
    )


def _split_arguments(args: argparse.Namespace) -> list[str]:
    """The splitting options given, as they were given (the confirmed posts go out
    whatever they say, but then the preview shows the same thread)."""
    from threadsmith.network import networks

    words: list[str] = []
    for name in ("numbering", "position", "limit", "first", "last"):
        value = getattr(args, name, None)
        if value is not None:
            words += [f"--{name}", str(value)]
    if getattr(args, "compact", None):
        words.append("--compact")
    for option in sorted({option.name for p in networks() for option in p.publish_options}):
        if value := getattr(args, option, None):
            words += [f"--{option}", str(value)]
    return words
