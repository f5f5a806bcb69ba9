"""A Mastodon instance: its address, and its limits as its API describes them.

Pure (no Mastodon.py): the network's description, the publisher and the store's
cache of each account's instance all read these.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from threadsmith.errors import InputError

DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_LENGTH = 23
# `api_versions.mastodon` from which a status takes `quote_approval_policy` (Mastodon 4.5;
# 4.3 says 2, 4.4 says 6, and before 4.3 an instance says none)
QUOTE_POLICY_API = 7


def base_url(instance: str) -> str:
    """The instance's API base as Mastodon.py wants it: `https://host[:port]`.

    `example.social` gets https://; plain http:// is refused (the token would
    travel in clear text) except on this machine, where tests and local
    servers run."""
    given = instance.strip()
    url = given if "://" in given else "https://" + given
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise InputError(
            f"not a Mastodon instance address: {given!r} (e.g. https://mastodon.social)"
        )
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise InputError(f"{given} uses http://: your token would travel unencrypted; use https://")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def host(base: str) -> str:
    """`host[:port]`, as handles (`user@host`) and messages name the instance."""
    return urlsplit(base).netloc


def allow_http(base: str) -> bool:
    """Mastodon.py refuses http:// OAuth endpoints unless told: only this machine's."""
    return urlsplit(base).scheme == "http"


def _loopback(hostname: str) -> bool:
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class MediaLimits:
    """`configuration.media_attachments` and `statuses.max_media_attachments`;
    None where the instance does not say (then nothing is checked for it)."""

    max_attachments: int = 4
    image_size_limit: int | None = None  # bytes
    description_limit: int | None = None  # characters of alt text
    supported_mime_types: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class InstanceLimits:
    """What splitting and publishing need to know about one instance."""

    max_characters: int = DEFAULT_MAX_CHARACTERS
    characters_reserved_per_url: int = DEFAULT_URL_LENGTH
    media: MediaLimits = MediaLimits()
    version: str = ""
    api_version: int = 0  # `api_versions.mastodon`; 0 where the instance says none

    @property
    def sets_quote_policy(self) -> bool:
        """Whether a status can say who may quote it (`quote_approval_policy`)."""
        return self.api_version >= QUOTE_POLICY_API


def limits_of(info: dict[str, Any]) -> InstanceLimits:
    """The limits an instance API answer (v2, or v1 before Mastodon 4.0) describes."""
    configuration = _dict(info.get("configuration"))
    statuses = _dict(configuration.get("statuses"))
    media = _dict(configuration.get("media_attachments"))
    return _limits(
        # max_toot_chars: what glitch-soc and Pleroma said before the configuration block
        _int(statuses.get("max_characters")) or info.get("max_toot_chars"),
        statuses.get("characters_reserved_per_url"),
        {**media, "max_attachments": statuses.get("max_media_attachments")},
        info.get("version"),
        _dict(info.get("api_versions")).get("mastodon"),
    )


def _limits(
    max_characters: object,
    url_length: object,
    media: dict[str, Any],
    version: object,
    api_version: object,
) -> InstanceLimits:
    """The limits from what was said (the defaults for what was not, or not usable)."""
    types = media.get("supported_mime_types")
    return InstanceLimits(
        max_characters=_int(max_characters) or DEFAULT_MAX_CHARACTERS,
        characters_reserved_per_url=_int(url_length) or DEFAULT_URL_LENGTH,
        media=MediaLimits(
            max_attachments=_int(media.get("max_attachments")) or 4,
            image_size_limit=_int(media.get("image_size_limit")),
            description_limit=_int(media.get("description_limit")),
            supported_mime_types=tuple(map(str, types))
            if isinstance(types, list | tuple)
            else None,
        ),
        version=str(version or ""),
        api_version=_int(api_version) or 0,
    )


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def to_settings(limits: InstanceLimits) -> dict[str, object]:
    """The limits as the store keeps them with the account (JSON)."""
    return asdict(limits)


def from_settings(settings: Mapping[str, object]) -> InstanceLimits:
    """The limits kept with an account (the defaults where nothing was learnt yet)."""
    return _limits(
        settings.get("max_characters"),
        settings.get("characters_reserved_per_url"),
        _dict(settings.get("media")),
        settings.get("version"),
        settings.get("api_version"),
    )


def why_no_quote_policy(limits: InstanceLimits, where: str) -> str:
    """Why the instance `where` (its host) takes no quote policy, as the preview says it."""
    if limits.version:
        return (
            f"{where} runs Mastodon {limits.version}, which cannot set who may quote a "
            "post (Mastodon 4.5 can)"
        )
    return f"{where} has not said it can set who may quote a post (Mastodon 4.5 can)"
