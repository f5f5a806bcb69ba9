"""The accounts the publish screen offers, each saying where its run of the draft
stands (an unfinished run to resume, a schedule), then each network's "by hand"."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Static

from threadsmith.network import Account, Network, network_named, networks
from threadsmith.store import Store
from threadsmith.times import day_and_time, local_zone
from threadsmith.tui.screens.assist import unfinished_by_hand

BY_HAND = "assist:"  # the name of a network's "by hand" checkbox: "assist:x"


class Choice(Checkbox):
    """A checkbox whose state reads without colour: "[x] Bluesky @alice.test" ticked,
    "[ ] Bluesky @alice.test" not (Textual's own draws the same "▐X▌" for both)."""

    @property
    def _button(self) -> Content:
        # in the label's colours: the button's put "[ ]" grey on grey in a light theme
        mark = "[x]" if self.value else "[ ]"
        return Content.styled(mark, self.get_visual_style("toggle--label"))


def account_choices(
    store: Store, known: list[Account], key: str, ticked: Collection[str]
) -> Iterator[Widget]:
    """A checkbox per account in `known` (named by its key), then one per network that
    can be published to by hand; ticked if in `ticked` or if it has a run to resume."""
    if not known:
        yield Static("No accounts yet: press a to add one, or go by hand:")
    for account in known:
        name = account.name
        unfinished = store.open_run(key, account.network, account.handle)
        waiting = store.scheduled_run(key, account.network, account.handle, ())  # by key
        if unfinished is not None:
            sent = sum(p.ref is not None for p in store.run_posts(unfinished.id))
            name += f" (resume: {sent} sent)"
        elif waiting is not None and waiting.schedule_id is not None:
            due = store.schedule(waiting.schedule_id).due
            name += f" (scheduled {day_and_time(due, time.time(), local_zone())})"
        value = unfinished is not None or account.key in ticked
        yield Choice(name, value=value, name=account.key)
    for network in networks():  # offered with or without an account
        if network.assisted is not None:
            box, label = BY_HAND + network.name, network.assisted.label
            by_hand = unfinished_by_hand(store, key, network)
            if by_hand is not None:
                label += f" (resume: {by_hand} sent)"
            yield Choice(label, value=by_hand is not None or box in ticked, name=box)


def ticked_accounts(
    store: Store, picked: Collection[str], draft_id: int
) -> tuple[list[Account], set[str]]:
    """The accounts whose boxes are `picked`, and the keys of those published by hand
    (each the account it would be: see `publish.assisted_account`). Raises `InputError`
    when which one is not clear (several X accounts here)."""
    from threadsmith import publish
    from threadsmith.drafts import draft_key, settings_of

    accounts = [account for account in store.accounts() if account.key in picked]
    draft = store.draft(draft_id)
    by_hand = [
        publish.assisted_account(
            store, name.removeprefix(BY_HAND), draft.body,
            draft_key=draft_key(draft_id), options=settings_of(draft).options(),
        )
        for name in sorted(picked) if name.startswith(BY_HAND)
    ]  # fmt: skip
    keys = {account.key for account in by_hand}
    return [account for account in accounts if account.key not in keys] + by_hand, keys


def ticked_networks(listed: list[Account], picked: Collection[str]) -> list[Network]:
    """The networks of the boxes `picked` (by hand too), of the accounts `listed`."""
    by_key = {account.key: account.network for account in listed}
    return [
        network_named(name.removeprefix(BY_HAND)) if name.startswith(BY_HAND) else by_key[name]
        for name in picked
        if name.startswith(BY_HAND) or name in by_key
    ]
