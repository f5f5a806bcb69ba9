"""What a network's API will bill, said before it is spent.

A network that bills (X) publishes its prices in its description
(`Network.billing`, e.g. `threadsmith/networks/x/prices.py`, with the date they
were taken); a person whose prices differ (X changes them, or a deal) sets their
own, kept in the store's preferences as `price.<network>.<figure>`:
`thread prices set x post_with_link 0.25`. Estimates use the figures in force.

Money is `Decimal` US dollars, so the arithmetic is exact to the cent's fraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.network import PRICE_NAMES, Network, PriceTable
from threadsmith.wording import counted

if TYPE_CHECKING:
    from threadsmith.store import Store

MAX_PRICE = Decimal(100)  # dollars for one post or one read: more is surely a slip


@dataclass(frozen=True, slots=True)
class PublishCost:
    """What publishing posts will cost: `with_link` of the `posts` carry a link."""

    posts: int
    with_link: int
    total: Decimal  # US dollars
    prices: PriceTable

    def summary(self, network: str) -> str:
        """ "X bills about $0.63 for this: 8 posts, 3 with a link (prices of 2026-11-26)." """
        plain = self.posts - self.with_link
        return (
            f"{network} bills about {dollars(self.total)} for this: {counted(self.posts, 'post')}, "
            f"{self.with_link} with a link "
            f"({plain} × {dollars(self.prices.post)} + {self.with_link} × "
            f"{dollars(self.prices.post_with_link)}; {as_of(network, self.prices)})"
        )


def prices(store: Store, network: Network) -> PriceTable | None:
    """The network's prices in force: its published ones, with the person's own over
    them; None for a network that bills nothing."""
    if network.billing is None:
        return None
    table = network.billing().prices
    own = {}
    for name in PRICE_NAMES:
        value = store.preference(_key(network, name))
        if value is not None:
            own[name] = Decimal(value)
    if not own:
        return table
    return PriceTable(
        post=own.get("post", table.post),
        post_with_link=own.get("post_with_link", table.post_with_link),
        read=own.get("read", table.read),
        taken=table.taken,
        source=table.source,
        overridden=frozenset(own),
    )


def set_price(store: Store, network: Network, name: str, value: str) -> PriceTable:
    """Use `value` (US dollars, e.g. "0.25") for the figure `name` from now on."""
    _check_name(network, name)
    try:
        amount = Decimal(value.strip().lstrip("$"))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or not Decimal(0) <= amount <= MAX_PRICE:
        raise InputError(f"a price is a number of US dollars from 0 to {MAX_PRICE}, not {value!r}")
    store.set_preference(_key(network, name), str(amount))
    result = prices(store, network)
    assert result is not None
    return result


def reset_prices(store: Store, network: Network, name: str | None = None) -> PriceTable:
    """Back to the published figure for `name` (every figure when None)."""
    for each in (name,) if name else PRICE_NAMES:
        _check_name(network, each)
        store.delete_preference(_key(network, each))
    result = prices(store, network)
    assert result is not None
    return result


def publish_cost(network: Network, texts: Sequence[str], table: PriceTable) -> PublishCost:
    """What creating these posts will cost on `network` (each billed as a request,
    more when it carries a link as the network finds links)."""
    assert network.billing is not None
    has_link = network.billing().has_link
    with_link = sum(has_link(text) for text in texts)
    plain = len(texts) - with_link
    total = plain * table.post + with_link * table.post_with_link
    return PublishCost(len(texts), with_link, total, table)


def read_cost(table: PriceTable, posts: int) -> Decimal:
    """At most what reading `posts` posts' counts will cost (a post the network no
    longer has is not returned, so not billed)."""
    return posts * table.read


def read_cost_summary(network: str, table: PriceTable, posts: int) -> str:
    """ "reading 8 posts costs about $0.04 on X ($0.005 each; prices of …)" """
    return (
        f"reading {counted(posts, 'post')} costs about "
        f"{dollars(read_cost(table, posts))} on {network} ({dollars(table.read)} each; "
        f"{as_of(network, table)})"
    )


def dollars(amount: Decimal) -> str:
    """US dollars with cents, and a third decimal when there is one: $0.20, $0.045."""
    cents = amount.quantize(Decimal("0.01"))
    if cents == amount:
        return f"${cents}"
    return f"${amount.quantize(Decimal('0.001')).normalize():f}"


def as_of(network: str, table: PriceTable) -> str:
    """Whose prices these are: "X's published prices of 2026-11-26…" or the person's."""
    if table.overridden:
        return f"with your own {', '.join(sorted(table.overridden))} price: see `thread prices`"
    return f"{network}'s published prices of {table.taken}: see `thread prices`"


def _key(network: Network, name: str) -> str:
    return f"price.{network.name}.{name}"


def _check_name(network: Network, name: str) -> None:
    if network.billing is None:
        raise InputError(f"{network.display_name} bills nothing: it has no prices to set")
    if name not in PRICE_NAMES:
        raise InputError(f"unknown price {name!r}: use {', '.join(PRICE_NAMES)}")
