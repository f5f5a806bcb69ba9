"""An import's images: fetched or extracted, checked, and kept as files in the caller's folder.

An image is kept when its bytes are a PNG, JPEG, GIF or WebP (told by their magic
bytes, not by a name or a Content-Type a server may get wrong) of at most 5 MiB,
X's limit; one over Bluesky's 1,000,000 bytes is kept with a warning. Anything
else is left out of the draft with a warning, never a failure: the words matter
more than a picture. Files are named by their content's hash, so the same image
twice is one file and a second import into the same folder overwrites nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from threadsmith.errors import InputError

IMAGE_LIMIT = 5 * 1024 * 1024  # bytes: X's image limit, the larger of the two networks'
BLUESKY_LIMIT = 1_000_000  # bytes: app.bsky.embed.images' blob limit
IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp,image/*;q=0.8"


@dataclass(frozen=True)
class ImportedImage:
    """An image written for the draft. `source` is where it came from (a URL, a path,
    or the name of the picture inside a Word document)."""

    path: Path
    source: str
    alt: str
    size: int  # bytes
    kind: str  # "png", "jpg", "gif" or "webp": the file's extension


def sniff(data: bytes) -> str | None:
    """The image kind the bytes are, by their magic numbers; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _looks_like(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "an HTML page"
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "an SVG drawing"
    if not data:
        return "empty"
    return "not an image X or Bluesky accepts"


class ImageFolder:
    """Where an import keeps its images, with what it kept and what it warned about."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.images: list[ImportedImage] = []
        self.warnings: list[str] = []

    def keep(self, data: bytes, source: str, alt: str) -> ImportedImage | None:
        """Checks `data` and writes it to the folder; None (and a warning) when left out."""
        kind = sniff(data)
        label = _label(source, alt)
        if kind is None:
            self.warnings.append(f"{label}: {_looks_like(data)}; left out (PNG, JPEG, GIF, WebP)")
            return None
        if len(data) > IMAGE_LIMIT:
            self.warnings.append(
                f"{label}: {len(data):,} bytes, over X's {IMAGE_LIMIT:,}; left out"
            )
            return None
        if len(data) > BLUESKY_LIMIT:
            self.warnings.append(
                f"{label}: {len(data):,} bytes; Bluesky takes images up to {BLUESKY_LIMIT:,} "
                "bytes (X takes it)"
            )
        path = self.folder / f"{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_bytes(data)
        except OSError as exc:
            raise InputError(f"{path}: cannot save the image ({exc.strerror or exc})") from None
        image = ImportedImage(path, source, alt, len(data), kind)
        self.images.append(image)
        return image

    def fetch(self, source: str, alt: str, read: Callable[[], bytes]) -> ImportedImage | None:
        """`read()`'s bytes kept as `keep` does; an InputError from it becomes a warning."""
        try:
            data = read()
        except InputError as exc:
            reason = str(exc).removeprefix(f"{source}: ")  # the label names the image already
            self.warnings.append(f"{_label(source, alt)}: {reason}; left out")
            return None
        return self.keep(data, source, alt)


def read_local(path: Path, limit: int = IMAGE_LIMIT) -> bytes:
    """A local image's bytes (a saved page's picture), refused past `limit`."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path}: {size:,} bytes, over X's {limit:,}")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the image ({exc.strerror or exc})") from None


def _label(source: str, alt: str) -> str:
    shown = source
    if len(shown) > 120:
        shown = shown[:117] + "…"
    return f"image {shown}" + (f' ("{alt}")' if alt else "")
