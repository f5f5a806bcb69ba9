"""The networks threadsmith publishes to: one folder each, registered here.

A network's folder holds its description (`NETWORK`, in its `__init__`, cheap to
import) and the code that talks to it (loaded when first used). Adding a network
is adding its folder and its line below; nothing in the app, the command line or
the store changes.
"""

from __future__ import annotations

from threadsmith.network import register
from threadsmith.networks import bluesky, mastodon, x

for _network in (x, bluesky, mastodon):
    register(_network.NETWORK)
