"""Where counts are read from, as the person set it: for a network whose counts can be
read from another server (Bluesky's AppView: a self-hosted one, or a test server),
kept in the store's preferences so the app and `thread stats` use it alike.

Which server a reading uses: `thread stats --NAME URL` (`--appview`), else the
network's environment variable ($THREADSMITH_BSKY_APPVIEW), else the one set here
(the app's `v` on its statistics screen), else the network's default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.network import Network, ReadFrom
    from threadsmith.store import Store


def read_from(network: Network) -> ReadFrom | None:
    """Where else `network`'s counts may be read from (None: from its own servers only)."""
    return network.metrics.read_from if network.metrics is not None else None


def _preference(network: Network, chosen: ReadFrom) -> str:
    return f"{network.name}.{chosen.name}"  # "bluesky.appview"


def kept_server(store: Store, network: Network) -> str | None:
    """The server set in the store for reading `network`'s counts (None: not set)."""
    chosen = read_from(network)
    return (store.preference(_preference(network, chosen)) or None) if chosen else None


def set_server(store: Store, network: Network, url: str | None) -> str | None:
    """Keep `url` as where `network`'s counts are read from; None or "" goes back to the
    default. Returns what is kept. An address that is not http(s)://host is an
    `InputError` saying so."""
    chosen = read_from(network)
    if chosen is None:
        raise InputError(f"{network.display_name}'s counts are read from its own servers")
    url = (url or "").strip().rstrip("/")
    if not url:
        store.delete_preference(_preference(network, chosen))
        return None
    store.set_preference(_preference(network, chosen), checked_address(chosen, url))
    return url


def checked_address(chosen: ReadFrom, url: str) -> str:
    """`url` if it is an address like https://host; else an `InputError` saying so."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise InputError(f"an {chosen.label} is an address like https://host.example, not {url!r}")
    return url


def server_in_use(store: Store, network: Network) -> tuple[str, str]:
    """(where `network`'s counts are read from now, why: "set here", "from $VARIABLE" or
    the default's name)."""
    chosen = read_from(network)
    if chosen is None:
        return "", f"{network.display_name}'s own servers"
    if found := os.environ.get(chosen.environment):
        return found.rstrip("/"), f"from ${chosen.environment}"
    if found := kept_server(store, network):
        return found, "set here"
    return chosen.default, chosen.default_said


def reading_settings(
    store: Store, network: Network, given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The settings a reading of `network` passes to it: `given` (the command line's),
    over the server kept in the store; the environment, when set, over the store's."""
    chosen = read_from(network)
    settings: dict[str, str] = {}
    if chosen is not None:
        kept = kept_server(store, network)
        if kept is not None and not os.environ.get(chosen.environment):
            settings[chosen.name] = kept
        if given and given.get(chosen.name):
            settings[chosen.name] = given[chosen.name]
    return settings
