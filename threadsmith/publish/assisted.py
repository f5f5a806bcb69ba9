"""Who an assisted run publishes as: the journal's runs are keyed by network, account
and content, and publishing by hand needs no account in threadsmith at all.

The account is the one named (`--to x:alice`), else the one an unfinished run of
this essay already has (so an API run refused half way, or an assisted run
stopped, is continued whichever way it was started), else the network's only
account here (the API's username: an API run and an assisted run of one essay are
the same thread), else the one that published these very posts before, else
none yet: "" until the first address the person pastes names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.essay import SplitOptions, split_for
from threadsmith.journal import content_key
from threadsmith.network import Account, Assisted, Network, network_named, networks

if TYPE_CHECKING:
    from threadsmith.store import Store


def assisted_mode(network: Network) -> Assisted:
    """The network's assisted mode, or an `InputError` saying it has none."""
    if network.assisted is None:
        offering = [p.assisted.label for p in networks() if p.assisted is not None]
        raise InputError(
            f"{network.display_name} cannot be published to by hand (assisted) "
            f"yet: only {', '.join(offering)}; publish there with an account"
        )
    return network.assisted


def assisted_account(
    store: Store, target: str, text: str, *, draft_key: str, options: SplitOptions
) -> Account:
    """The account publishing `text` by hand to `target` ("x" or "x:alice") means,
    as the module says; an `InputError` when several could be meant."""
    name, _, handle = target.partition(":")
    network = network_named(name)
    assisted_mode(network)
    known = store.accounts(network)
    if handle:
        handle = network.normalise_handle(handle)
        return next(
            (account for account in known if account.handle.lower() == handle.lower()),
            Account(network, handle),
        )
    texts = [post.text for post in split_for(text, network, options).posts]
    key = content_key(texts)
    unfinished = {
        run.handle
        for run in store.open_runs()
        if run.network is network and (run.draft_key == draft_key or run.content_key == key)
    }
    if len(unfinished) > 1:
        raise InputError(_which(network, "unfinished runs of this essay are", unfinished))
    if unfinished:
        handle = unfinished.pop()
    elif len(known) > 1:
        raise InputError(_which(network, "accounts are", {a.handle for a in known}))
    elif known:
        return known[0]
    elif (earlier := store.published_by_anyone(network, texts)) is not None:
        handle = earlier.handle
    return next((a for a in known if a.handle == handle), Account(network, handle))


def _which(network: Network, what: str, handles: set[str]) -> str:
    names = ", ".join(sorted(f"@{handle}" if handle else "(no name yet)" for handle in handles))
    return f"which {network.name} account? {what} {names}: say --to {network.name}:HANDLE"
