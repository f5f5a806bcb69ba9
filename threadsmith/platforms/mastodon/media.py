"""Images checked against an instance's media limits before anything is uploaded."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from threadsmith.errors import InputError
from threadsmith.platforms.mastodon.account import MediaLimits
from threadsmith.threading.models import Media


@dataclass(frozen=True, slots=True)
class MediaFile:
    media: Media
    mime_type: str
    data: bytes


def check_media(media: tuple[Media, ...], limits: MediaLimits) -> list[MediaFile]:
    """Every image of a post, read and checked; an InputError names the first image
    that breaks a limit of the instance, and that limit."""
    if len(media) > limits.max_attachments:
        raise InputError(
            f"this instance takes {limits.max_attachments} images a post, not {len(media)}"
        )
    return [_check(item, limits) for item in media]


def _check(item: Media, limits: MediaLimits) -> MediaFile:
    path = Path(item.path).expanduser()
    mime = mimetypes.guess_type(path.name)[0] or ""
    accepted = limits.supported_mime_types
    if not mime.startswith("image/") or (accepted is not None and mime not in accepted):
        kinds = ", ".join(t for t in accepted or () if t.startswith("image/")) or "images"
        raise InputError(f"{item.path}: not an image this instance accepts ({kinds})")
    if limits.description_limit is not None and len(item.alt) > limits.description_limit:
        raise InputError(
            f"{item.path}: alt text of {len(item.alt):,} characters; this instance takes "
            f"{limits.description_limit:,}"
        )
    try:
        size = path.stat().st_size
        if limits.image_size_limit is not None and size > limits.image_size_limit:
            raise InputError(
                f"{item.path}: {size:,} bytes; this instance takes images up to "
                f"{limits.image_size_limit:,} bytes"
            )
        return MediaFile(item, mime, path.read_bytes())
    except OSError as exc:
        raise InputError(f"{item.path}: cannot read the image ({exc.strerror or exc})") from None
