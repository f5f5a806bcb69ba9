"""What threadsmith knows of a network, in one place: its `Network` description.

Each network lives in a folder of its own under `threadsmith/networks/`, whose
`__init__` describes it (cheap to import: no network library is loaded until a
function of the description is called) and registers it here. Everything else —
the command line, the app, the store, the publish run — asks the registry, so
adding a network is adding its folder and registering it in
`threadsmith/networks/__init__.py`.

This package sits below both the store and the networks: it imports only the
engine's values and the journal's types. `core` has the values a description is
made of, `metrics` what a network says of published posts and what it bills,
`assisted` publishing by hand, `network` the description and the registry.
"""

from __future__ import annotations

from threadsmith.network.assisted import (
    Assisted,
    Guide,
    Handoff,
)
from threadsmith.network.core import (
    REPLIES,
    Account,
    Field,
    ImageRules,
    LoggedIn,
    Mention,
    Options,
    Prompt,
    Publisher,
    PublishOption,
    SaveSecrets,
    Secrets,
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
)
from threadsmith.network.registry import (
    Network,
    network_named,
    networks,
    register,
)

__all__ = [
    "PRICE_NAMES",
    "REPLIES",
    "Account",
    "Assisted",
    "Billing",
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
    "PriceTable",
    "Prompt",
    "PublishOption",
    "Publisher",
    "SaveSecrets",
    "Secrets",
    "network_named",
    "networks",
    "quotes_option",
    "register",
    "replies_option",
]
