"""An import's images: fetched or extracted, checked, and kept as files in the caller's folder.

An image is kept when its bytes are a PNG, JPEG, GIF or WebP (told by their magic
bytes, not by a name or a Content-Type a server may get wrong) that some network
takes (each network's descriptor gives its size limit); the networks that would
refuse it are named in a warning. Anything else is left out of the draft with a
warning, never a failure: the words matter more than a picture. Files are named by
their content's hash, so the same image twice is one file and a second import into
the same folder overwrites nothing. The folder is the owner's alone (0700, files 0600).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from threadsmith.errors import InputError
from threadsmith.network import networks
from threadsmith.paths import private_dir

# bytes: each network's image size limit as its descriptor gives it (without an
# account: its defaults), the most generous first
LIMITS = dict(
    sorted(
        ((p.display_name, p.image_rules(None).max_bytes) for p in networks()),
        key=lambda named: -named[1],
    )
)
IMAGE_LIMIT = max(LIMITS.values())  # bytes: larger, no network takes it
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
            self.warnings.append(f"{label}: {len(data):,} bytes, {_over(IMAGE_LIMIT)}; left out")
            return None
        if refusing := [name for name, limit in LIMITS.items() if len(data) > limit]:
            taking = [name for name in LIMITS if name not in refusing]
            too_large = ", ".join(
                f"{name} takes images up to {LIMITS[name]:,} bytes" for name in refusing
            )
            verb = "take" if len(taking) > 1 else "takes"
            self.warnings.append(
                f"{label}: {len(data):,} bytes; {too_large} ({_listed(taking)} {verb} it)"
            )
        path = self.folder / f"{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
        try:
            private_dir(self.folder)  # a draft's pictures are nobody else's business
            if not path.exists():  # written whole, then named: no half image is reused
                descriptor, part = tempfile.mkstemp(dir=self.folder, suffix=".part")  # 0600
                with os.fdopen(descriptor, "wb") as file:
                    file.write(data)
                os.replace(part, path)
        except OSError as exc:
            raise InputError(f"{path}: cannot save the image ({exc.strerror or exc})") from None
        image = ImportedImage(path, source, alt, len(data), kind)
        self.images.append(image)
        return image

    def describe(self, path: str, alt: str) -> None:
        """Gives the image kept at `path` the alt text `alt` (a caption that became it)."""
        self.images = [
            replace(image, alt=alt) if str(image.path) == path else image for image in self.images
        ]

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
    return read_regular(
        path, limit, "image", "an image", lambda size: f"{size:,} bytes, {_over(limit)}"
    )


def read_regular(
    path: Path,
    limit: int,
    noun: str,
    kind: str,
    too_big: Callable[[int], str] | None = None,
) -> bytes:
    """The bytes of the file at `path`, at most `limit`. Anything but a regular file (a
    FIFO, a device such as a link to /dev/zero, a directory) is refused in one line,
    whatever its name, without waiting on it or reading it."""
    said = too_big or (lambda size: f"too big ({size:,} bytes; the limit is {limit:,})")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {noun} ({exc.strerror or exc})") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise InputError(f"{path}: not a regular file (a device or a pipe?), not {kind}")
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size > limit:
            raise InputError(f"{path}: {said(info.st_size)}")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read the {noun} ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew since it was measured
        raise InputError(f"{path}: {said(len(data))}")
    return data


def _over(limit: int) -> str:
    """ "over Mastodon's 16,777,216" (the network whose limit `limit` is, if one's)."""
    names = [name for name, own in LIMITS.items() if own == limit]
    return f"over {names[0]}'s {limit:,}" if names else f"over {limit:,}"


def _label(source: str, alt: str) -> str:
    shown = source
    if len(shown) > 120:
        shown = shown[:117] + "…"
    return f"image {shown}" + (f' ("{alt}")' if alt else "")


def _listed(names: list[str]) -> str:
    """ "Mastodon", "Mastodon and X", "Mastodon, Threads and X" """
    return " and ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} and {names[-1]}"
