"""What threadsmith knows of a network, in one place: the `Network` class.

A network is a subclass of `Network` in a package of its own, found through the
`threadsmith.networks` entry point group (threadsmith's own are in
`threadsmith/networks/`, declared in its pyproject.toml like any other). Everything
else — the command line, the app, the store, the publish run — asks the registry,
so adding a network is installing its package: nothing else changes.

This package sits below both the store and the networks: it imports only the
engine's values and the journal's types. `base` has the class, `core` the values a
network is described with, `metrics` what a network says of published posts and
what it bills, `assisted` publishing by hand, `discovery` and `registry` finding
the installed networks.
"""

from __future__ import annotations

from threadsmith.network.assisted import (
    Assisted,
    Guide,
    Handoff,
)
from threadsmith.network.base import Network
from threadsmith.network.core import (
    REPLIES,
    Account,
    ChecksRoom,
    Field,
    ImageRules,
    LoggedIn,
    Mention,
    Options,
    Prepares,
    Prompt,
    Publisher,
    PublishOption,
    SaveSecrets,
    Secrets,
    SendsThreads,
    quotes_option,
    replies_option,
)
from threadsmith.network.metrics import (
    PRICE_NAMES,
    Billing,
    FoundThread,
    Metrics,
    MetricsAccess,
    PostMetrics,
    PriceTable,
    ReadFrom,
)
from threadsmith.network.registry import (
    default_network,
    network_named,
    networks,
    rediscover,
    register,
    unusable_networks,
)
from threadsmith.network.uninstalled import Uninstalled

__all__ = [
    "PRICE_NAMES",
    "REPLIES",
    "Account",
    "Assisted",
    "Billing",
    "ChecksRoom",
    "Field",
    "FoundThread",
    "Guide",
    "Handoff",
    "ImageRules",
    "LoggedIn",
    "Mention",
    "Metrics",
    "MetricsAccess",
    "Network",
    "Options",
    "PostMetrics",
    "Prepares",
    "PriceTable",
    "Prompt",
    "PublishOption",
    "Publisher",
    "ReadFrom",
    "SaveSecrets",
    "Secrets",
    "SendsThreads",
    "Uninstalled",
    "default_network",
    "network_named",
    "networks",
    "quotes_option",
    "rediscover",
    "register",
    "replies_option",
    "unusable_networks",
]
