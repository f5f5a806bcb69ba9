"""Images checked against an instance's media limits before anything is uploaded: by
their content (threadsmith.networks.images), then the instance's own rules."""

from __future__ import annotations

from dataclasses import dataclass

from threadsmith.network import ImageRules
from threadsmith.networks import images
from threadsmith.networks.mastodon.instance import MediaLimits
from threadsmith.threading.models import Media

DEFAULT_IMAGE_BYTES = 16 * 1024 * 1024  # Mastodon's own default, when an instance says none
DEFAULT_DESCRIPTION_LIMIT = 1_500  # alt text, in characters: Mastodon's own default
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


@dataclass(frozen=True, slots=True)
class MediaFile:
    media: Media
    mime_type: str
    data: bytes


def image_rules(limits: MediaLimits) -> ImageRules:
    """What the instance takes, as the shared image checks read it."""
    types = IMAGE_TYPES
    if limits.supported_mime_types is not None:
        types = IMAGE_TYPES & frozenset(limits.supported_mime_types)
    return ImageRules(
        max_images=limits.max_attachments,
        max_bytes=limits.image_size_limit or DEFAULT_IMAGE_BYTES,
        types=types,
        alt_limit=limits.description_limit or DEFAULT_DESCRIPTION_LIMIT,
    )


def check_media(media: tuple[Media, ...], limits: MediaLimits, number: int = 1) -> list[MediaFile]:
    """Every image of a post, read and checked; an InputError names the first image
    that breaks a limit of the instance, and that limit."""
    rules = image_rules(limits)
    images.check_count(len(media), rules, "Mastodon", number)
    return [_check(item, rules) for item in media]


def _check(item: Media, rules: ImageRules) -> MediaFile:
    # a missing alt text was allowed or refused when the run was planned
    images.check_alt(item.path, item.alt, rules, "this instance", missing_allowed=True)
    image, data = images.read(item.path, rules, "this instance")
    return MediaFile(item, image.mime, data)
