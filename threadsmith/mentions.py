"""@mentions in a post: what each network will make of them, and whether they name anyone.

Each network reads mentions its own way (its description's `mentions`, offline):
X links `@name` by twitter-text's rules; Bluesky makes `@handle.domain` a mention
when the handle resolves and leaves anything else as plain text. Campaigners
cross-post, so the common slips are an X name on Bluesky and a Bluesky handle on
X: those are found offline. Whether a well-formed handle names an account takes a
look-up on the network: `MentionChecks.look_up` asks, with an account the user
has added, once per handle, from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from threadsmith.errors import NoKeyring, ThreadsmithError
from threadsmith.network import Account, Mention, Network
from threadsmith.threading.models import Thread, ThreadWarning

NO_KEYRING = "there is no system keyring for your credentials (Accounts says more)"


@lru_cache(maxsize=8192)  # posts rarely change between keystrokes
def mentions(text: str, network: Network) -> tuple[Mention, ...]:
    """The @mentions in a post's text, as `network` reads them."""
    if "@" not in text and "＠" not in text:
        return ()
    return network.mentions(text)


def with_mention_warnings(thread: Thread, network: Network) -> Thread:
    """`thread` with a warning for each mention `network` will misread (offline)."""
    found = tuple(
        ThreadWarning("mention", mention.problem, post.number)
        for post in thread.posts
        for mention in mentions(post.text, network)
        if mention.problem
    )
    return replace(thread, warnings=thread.warnings + found) if found else thread


class MentionChecks:
    """Which well-formed handles name no account, learnt by asking each network with
    an account the user has added. One per app: each handle is asked about once."""

    def __init__(
        self,
        accounts: Callable[[Network], Sequence[Account]],
        lookup: Callable[[Account], Callable[[str], bool]],
    ) -> None:
        self._accounts = accounts
        self._lookup = lookup  # an account → its network's "does this handle exist?"
        self._exists: dict[tuple[str, str], bool] = {}
        self._lookups: dict[Account, Callable[[str], bool]] = {}
        self.given_up: dict[str, str] = {}  # network name -> why it is no longer asked

    def problems(self, text: str, network: Network) -> list[str]:
        """What is wrong with the post's mentions, as far as is known now."""
        out = []
        for mention in mentions(text, network):
            if mention.problem:
                out.append(mention.problem)
            elif self._exists.get((network.name, mention.handle.lower())) is False:
                out.append(network.no_account.format(handle=mention.handle))
        return out

    def unchecked(self, text: str, network: Network) -> list[str]:
        """The post's well-formed handles nobody has asked the network about yet."""
        if network.name in self.given_up:
            return []
        return [
            mention.handle
            for mention in mentions(text, network)
            if mention.problem is None
            and (network.name, mention.handle.lower()) not in self._exists
        ]

    def account(self, network: Network) -> Account | None:
        """The account to ask with (the first added); read on the UI thread (SQLite)."""
        accounts = self._accounts(network)
        return accounts[0] if accounts else None

    def look_up(self, account: Account, handles: Iterable[str]) -> str | None:
        """Ask `account`'s network about each handle: network calls, for a worker thread.
        Returns, the first time it happens, why that network can no longer be asked."""
        name = account.network.name
        try:
            if account not in self._lookups:
                self._lookups[account] = self._lookup(account)
            exists = self._lookups[account]
            for handle in handles:
                key = (name, handle.lower())
                if key not in self._exists:
                    self._exists[key] = exists(handle)
        except ThreadsmithError as error:
            if name not in self.given_up:
                # the Accounts screen explains a missing keyring in full; a notice need not
                reason = NO_KEYRING if isinstance(error, NoKeyring) else str(error)
                self.given_up[name] = reason
                return reason
        return None
