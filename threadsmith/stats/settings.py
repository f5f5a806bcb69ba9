"""Where counts are read from, as the person set it: the Bluesky AppView (a self-hosted
one, or a test server), kept in the store's preferences so the app and `thread stats`
use it alike.

Which AppView a reading uses: `thread stats --appview URL`, else
$THREADSMITH_BSKY_APPVIEW, else the one set here (the app's `v` on its statistics
screen), else Bluesky's public one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from threadsmith.errors import InputError

if TYPE_CHECKING:
    from threadsmith.store import Store

APPVIEW = "bluesky.appview"  # the preference's name
ENVIRONMENT = "THREADSMITH_BSKY_APPVIEW"  # as threadsmith.networks.bluesky.metrics reads it
PUBLIC_APPVIEW = "https://public.api.bsky.app"


def appview(store: Store) -> str | None:
    """The AppView set in the store (None: not set)."""
    return store.preference(APPVIEW) or None


def set_appview(store: Store, url: str | None) -> str | None:
    """Keep `url` as the AppView to read Bluesky from; None or "" goes back to the
    default. Returns what is kept. An address that is not http(s)://host is an
    `InputError` saying so."""
    url = (url or "").strip().rstrip("/")
    if not url:
        store.delete_preference(APPVIEW)
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise InputError(f"an AppView is an address like https://appview.example, not {url!r}")
    store.set_preference(APPVIEW, url)
    return url


def appview_in_use(store: Store) -> tuple[str, str]:
    """(the AppView a reading uses now, why: "set here", "from $THREADSMITH_BSKY_APPVIEW"
    or "Bluesky's public one")."""
    if chosen := os.environ.get(ENVIRONMENT):
        return chosen.rstrip("/"), f"from ${ENVIRONMENT}"
    if chosen := appview(store):
        return chosen, "set here"
    return PUBLIC_APPVIEW, "Bluesky's public one"


def reading_settings(store: Store, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings a reading passes to the network: `given` (the command line's), over
    the AppView kept in the store; the environment, when set, over the store's."""
    settings: dict[str, str] = {}
    if (kept := appview(store)) is not None and not os.environ.get(ENVIRONMENT):
        settings["appview"] = kept
    settings.update(given or {})
    return settings
