"""Reading a thread's counts from its network, and keeping each reading with its time.

A network whose API bills reads (X) is read only when the person asks: `billed`
says what a reading would cost, and the command line and the app ask before
calling `read`. Secrets are loaded from the keyring only for a network that
reads with the account's own keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from threadsmith import costs, credentials
from threadsmith.errors import CredentialsError, InputError
from threadsmith.network import MetricsAccess, Secrets
from threadsmith.store import FetchedPost

if TYPE_CHECKING:
    from threadsmith.network import PriceTable
    from threadsmith.stats.threads import Thread
    from threadsmith.store import Fetch, Store


def billed(store: Store, thread: Thread) -> tuple[PriceTable, Decimal] | None:
    """(prices, cost) of reading the thread's counts once, where its network bills
    reads; None where reading is free."""
    table = costs.prices(store, thread.platform)
    if table is None or not table.read:
        return None
    return table, costs.read_cost(table, len(thread.posts))


def read(store: Store, thread: Thread, settings: Mapping[str, str] | None = None) -> Fetch:
    """Read every post's counts from the network now, and keep the reading.

    Raises `InputError` for a network that cannot be read, `CredentialsError` when
    the account that published it is needed and gone, and the network's refusals
    (`AuthError`, `RateLimited`, `ServiceError`…) as they come."""
    metrics = thread.platform.metrics
    if metrics is None:
        raise InputError(f"{thread.platform.display_name} gives no per-post counts")
    account = thread.account
    if metrics.needs_account and account is None:
        raise CredentialsError(
            f"{thread.name}: its counts are read with that account, which is not logged in: "
            f"run `{thread.platform.login_command(thread.handle)}`"
        )

    def secrets() -> Secrets:
        if account is None:
            raise CredentialsError(f"{thread.name}: no account to read with")
        return credentials.load(account.platform, account.handle)

    access = MetricsAccess(account, secrets, dict(settings or {}))
    counts = metrics.read(access, [post.ref for post in thread.posts])
    posts = [
        FetchedPost(post.number, post.ref.url, found)
        for post, found in zip(thread.posts, counts, strict=True)
    ]
    return store.save_fetch(
        thread.key, thread.platform, thread.handle, thread.url, thread.run_id, posts
    )
