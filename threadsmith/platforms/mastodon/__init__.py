"""Mastodon through Mastodon.py: any instance, its own limits, resumable without duplicates.

client      Mastodon.py clients for one instance; its errors as threadsmith's
account     the instance's limits; app registration, OAuth code, token check;
            mention look-ups
media       images checked against the instance's limits before any upload
publisher   MastodonPublisher: statuses with an Idempotency-Key, media v2
"""

from __future__ import annotations

from threadsmith.platforms.mastodon.account import (
    OUT_OF_BAND,
    SCOPES,
    InstanceLimits,
    MediaLimits,
    account_lookup,
    authorize_url,
    handle,
    instance_limits,
    register_app,
    token_from_code,
    verify,
)
from threadsmith.platforms.mastodon.client import base_url
from threadsmith.platforms.mastodon.media import check_media
from threadsmith.platforms.mastodon.publisher import MastodonPublisher

__all__ = [
    "OUT_OF_BAND",
    "SCOPES",
    "InstanceLimits",
    "MastodonPublisher",
    "MediaLimits",
    "account_lookup",
    "authorize_url",
    "base_url",
    "check_media",
    "handle",
    "instance_limits",
    "register_app",
    "token_from_code",
    "verify",
]
