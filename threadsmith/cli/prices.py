"""`thread prices`: what the networks that bill (X) charge, and the person's own figures.

The published figures come with the date they were taken; X changes them, so a
person can set their own (kept in the store's preferences) and go back to the
published ones. Publishing and `thread stats --pay` estimate with the figures in force.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from threadsmith.cli.options import Commands
from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.network import Network
    from threadsmith.store import Store

LABELS = {
    "post": "a post without a link",
    "post_with_link": "a post with a link",
    "read": "reading one post's counts",
}


def add_arguments(commands: Commands) -> None:
    from threadsmith.network import networks

    billing = [network for network in networks() if network.billing is not None]
    who = " and ".join(network.display_name for network in billing) or "no network"
    prices = commands.add_parser(
        "prices",
        help=f"what {who} bills per post and per read, and your own figures",
        description=(
            f"Show the prices threadsmith estimates with ({who}'s published pay-per-use "
            "prices, with the date they were taken), set your own, or go back to the "
            "published ones."
        ),
    )
    prices.add_argument(
        "action", nargs="?", choices=("show", "set", "reset"), default="show", metavar="ACTION",
        help="show (default), set NETWORK NAME DOLLARS, or reset NETWORK [NAME]",
    )  # fmt: skip
    prices.add_argument(
        "network", nargs="?", metavar="NETWORK", help=", ".join(n.name for n in billing)
    )
    prices.add_argument("name", nargs="?", metavar="NAME", help=", ".join(LABELS))
    prices.add_argument("value", nargs="?", metavar="DOLLARS", help="e.g. 0.25")
    prices.set_defaults(handler=run_prices)


def run_prices(args: argparse.Namespace) -> int:
    from threadsmith import costs
    from threadsmith.network import network_named, networks
    from threadsmith.store import open_store

    store = open_store()
    try:
        if args.action == "show":
            billing = [p for p in networks() if p.billing is not None]
            if args.network:
                billing = [network_named(args.network)]
            for network in billing:
                _print_table(store, network)
            return 0
        if not args.network:
            raise InputError(f"say which network: thread prices {args.action} NETWORK …")
        network = network_named(args.network)
        if args.action == "set":
            if not args.name or args.value is None:
                raise InputError(
                    f"say which price and how much: thread prices set {network.name} post 0.02"
                )
            costs.set_price(store, network, args.name, args.value)
        else:
            costs.reset_prices(store, network, args.name)
        _print_table(store, network)
        return 0
    finally:
        store.close()


def _print_table(store: Store, network: Network) -> None:
    from threadsmith import costs
    from threadsmith.network import PRICE_NAMES

    table = costs.prices(store, network)
    if table is None:
        print(f"{network.display_name} bills nothing.")
        return
    published = network.billing().prices if network.billing else table
    print(f"{network.display_name} (published on {published.source}, taken {published.taken}):")
    for name in PRICE_NAMES:
        figure = costs.dollars(getattr(table, name))
        own = f"  your own (published: {costs.dollars(getattr(published, name))})"
        mark = own if name in table.overridden else ""
        print(f"  {name:<15} {figure:>8}  {LABELS[name]}{mark}")
    print(
        f"{network.display_name} changes its prices: "
        f"`thread prices set {network.name} NAME DOLLARS` to use your own."
    )
