"""Where Bluesky's public counts are read from: an AppView, Bluesky's public one unless
the person names another (self-hosted, or a test server)."""

from __future__ import annotations

from threadsmith.network import ReadFrom

APPVIEW = ReadFrom(
    "appview",
    "AppView",
    environment="THREADSMITH_BSKY_APPVIEW",
    default="https://public.api.bsky.app",
    default_said="Bluesky's public one",
)
