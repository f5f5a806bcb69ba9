"""Reading a thread's counts from its network, and keeping each reading with its time.

A network whose API bills reads (X) is read only when the person asks: `billed`
says what a reading would cost, and the command line and the app ask before
calling `read`. Secrets are loaded from the keyring only for a network that
reads with the account's own keys. A reading is checked before it is kept: a count
that is not a whole number from 0 to `MAX_COUNT` (a negative one, a string, 10^30)
refuses the whole reading in a line, rather than show -5 likes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import TYPE_CHECKING

from threadsmith import accounts, costs
from threadsmith.errors import CredentialsError, InputError, ServiceError
from threadsmith.network import MetricsAccess, PostMetrics, Secrets
from threadsmith.stats.settings import reading_settings
from threadsmith.store import FetchedPost

if TYPE_CHECKING:
    from threadsmith.network import PriceTable
    from threadsmith.stats.threads import Thread
    from threadsmith.store import Fetch, Store


def billed(store: Store, thread: Thread) -> tuple[PriceTable, Decimal] | None:
    """(prices, cost) of reading the thread's counts once, where its network bills
    reads; None where reading is free."""
    table = costs.prices(store, thread.network)
    if table is None or not table.read:
        return None
    return table, costs.read_cost(table, len(thread.posts))


def read(store: Store, thread: Thread, settings: Mapping[str, str] | None = None) -> Fetch:
    """Read every post's counts from the network now, and keep the reading. `settings`
    (the command line's) go over those kept in the store (`stats.settings`).

    Raises `InputError` for a network that cannot be read, `CredentialsError` when
    the account that published it is needed and gone, and the network's refusals
    (`AuthError`, `RateLimited`, `ServiceError`…) as they come."""
    metrics = thread.network.metrics
    if metrics is None:
        raise InputError(f"{thread.network.display_name} gives no per-post counts")
    account = thread.account
    if metrics.needs_account and account is None:
        raise CredentialsError(
            f"{thread.name}: its counts are read with that account, which is not logged in: "
            f"run `{thread.network.login_command(thread.handle)}`"
        )

    def secrets() -> Secrets:
        if account is None:
            raise CredentialsError(f"{thread.name}: no account to read with")
        return accounts.secrets_of(account)  # renewed where due (a Threads token)

    access = MetricsAccess(account, secrets, reading_settings(store, thread.network, settings))
    counts = _checked(thread, metrics.read(access, [post.ref for post in thread.posts]))
    posts = [
        FetchedPost(post.number, post.ref.url, found)
        for post, found in zip(thread.posts, counts, strict=True)
    ]
    return store.save_fetch(
        thread.key, thread.network, thread.handle, thread.url, thread.run_id, posts
    )


MAX_COUNT = 10**12  # more than any post was ever seen or liked: a larger count is broken


def _checked(thread: Thread, counts: Sequence[PostMetrics | None]) -> Sequence[PostMetrics | None]:
    """`counts`, when each is a count that can be (a ServiceError naming the first that
    cannot, so that nothing of the reading is kept or shown)."""
    network = thread.network.display_name
    if len(counts) != len(thread.posts):
        raise ServiceError(f"{network} answered for {len(counts)} posts of "
                           f"{len(thread.posts)}; nothing was kept")  # fmt: skip
    for post, found in zip(thread.posts, counts, strict=True):
        for field in fields(PostMetrics) if found is not None else ():
            value = getattr(found, field.name)
            if value is None or (type(value) is int and 0 <= value <= MAX_COUNT):
                continue
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
            raise ServiceError(
                f"{network} gave post {post.number} {shown} {field.name}, "
                "which cannot be a count; nothing was kept"
            )
    return counts
