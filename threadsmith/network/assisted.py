"""Publishing by hand, helped, where a network's API will not do: what the publisher
hands the person (`Handoff`), how it talks to them (`Guide`), and the mode a network
offers (`Assisted`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from threadsmith.network.core import Account, Options, Publisher

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing


@dataclass(frozen=True, slots=True)
class Handoff:
    """One post handed to the person to publish themselves (assisted publishing)."""

    post: Outgoing
    length: int  # as the network counts it
    compose_url: str  # the network's compose page with the text (and the reply) filled in
    reply_to: str | None  # the address of the post it answers; None for a new thread


class Guide(Protocol):
    """How an assisted publisher talks to the person: the CLI's terminal, the app's dialog.

    The publisher decides what to ask and checks the answers; the guide presents them."""

    def show(self, handoff: Handoff) -> None:
        """Present the post (text, length, the images to attach by hand), copy its text
        to the clipboard and open the compose page, where the terminal and machine allow."""
        ...

    def ask_address(self, number: int, question: str, *, optional: bool = False) -> str | None:
        """What the person pasted or typed for post `number`, stripped; None when they
        stop (end of input, Esc, closing the app). `optional`: an empty answer means "it
        was not published"."""
        ...

    def say(self, text: str) -> None:
        """One line: why an answer was refused (the question is asked again after it)."""
        ...


@dataclass(frozen=True, slots=True)
class Assisted:
    """A network a person can publish to by hand, helped, when its API will not do (X
    without a paid plan): the publisher hands each post over through a `Guide` and
    journals the address the person gives back, so a run resumes like any other."""

    label: str  # "X (assisted)": how the app and the command line name it
    address_example: str  # what a post's address looks like: "https://x.com/you/status/…"
    # (account, guide, publish options): `account.handle` may be "" (learnt from the
    # first address), and the account need not be in the store nor have secrets
    open_publisher: Callable[[Account, Guide, Options], Publisher]

    def name(self, account: Account) -> str:
        """ "X (assisted) @alice", or the label alone while the handle is unknown."""
        return f"{self.label} @{account.handle}" if account.handle else self.label
