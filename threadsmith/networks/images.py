"""Images a post carries, known by what they are, not by what they are called.

A file goes to a network only if it is a regular file (not a device, a FIFO or a
directory: `/dev/zero` or a pipe must not hang or fill memory), within the
network's size, and a real PNG, JPEG, GIF or WebP whose header a decoder can
read (a text file or an SSH key named `.png` is refused). A symbolic link is
followed, and said: `chart.png` that is really `/etc/passwd` is caught by its
content and named by both paths. Every image is checked when a run is planned,
and again when it is read for sending.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from threadsmith.errors import InputError
from threadsmith.network import ImageRules

HEAD = 256 * 1024  # enough of a file to find its type and size in pixels (EXIF comes first)


@dataclass(frozen=True, slots=True)
class Image:
    """A checked image: `path` as given (absolute), `real` with links followed."""

    path: str
    real: str
    mime: str
    size: int  # bytes
    width: int
    height: int

    @property
    def through_link(self) -> bool:
        return self.real != self.path


def is_address(path: str) -> bool:
    """Whether an image is named by its web address (`https://…`), not a file here."""
    return path.startswith(("https://", "http://"))


def left_behind(path: str, rules: ImageRules, network: str) -> str | None:
    """Why the image at `path` cannot go with its post to `network`, for the preview: a
    file here, where the network takes images only by their public address (Threads);
    None when it goes."""
    if rules.by_address and not path.startswith("https://"):  # nor fetched in clear
        return (
            f"{path} cannot go: {network} takes an image only by its public https:// "
            "address; this post goes as text"
        )
    return None


def shown(path: str) -> str:
    """`path` as the person should see it: with where it leads, when it is a link (the
    file uploaded is the one it leads to)."""
    given = Path(path).expanduser()
    try:
        real = given.resolve(strict=True)
    except (OSError, RuntimeError):
        return path
    return path if real == given else f"{path} (a link to {real})"


def check(path: str, rules: ImageRules, network: str) -> Image:
    """`path` as an image `network` accepts, or an `InputError` naming the file."""
    return _open(path, rules, network, whole=False)[0]


def read(path: str, rules: ImageRules, network: str) -> tuple[Image, bytes]:
    """The image and its bytes, checked again at the moment of sending."""
    return _open(path, rules, network, whole=True)


def check_count(count: int, rules: ImageRules, network: str, number: int) -> None:
    if count > rules.max_images:
        raise InputError(
            f"post {number} has {count} images; a {network} post can carry {rules.max_images}: "
            "move one, or add a `---` break between them"
        )


def check_alt(path: str, alt: str, rules: ImageRules, network: str, missing_allowed: bool) -> None:
    """An image's alt text, as `network` takes it: never missing unless the person said
    so (`--allow-missing-alt`), never longer than the network keeps."""
    if not alt.strip():
        if not missing_allowed:
            raise InputError(
                f"the image {path} has no alt text: describe it (![what it shows]({path})), "
                "or publish it without (--allow-missing-alt; `allow_missing_alt: true` in the "
                "front matter)"
            )
        return
    if rules.alt_limit is None:
        return
    if rules.alt_in_graphemes:
        from threadsmith.threading.measure import graphemes

        length, unit = graphemes(alt), "graphemes"
    else:
        length, unit = len(alt), "characters"
    if length > rules.alt_limit:
        raise InputError(
            f"the alt text of {path} is {length:,} {unit}; {network} takes {rules.alt_limit:,}: "
            "shorten it"
        )


def _open(path: str, rules: ImageRules, network: str, whole: bool) -> tuple[Image, bytes]:
    given = Path(path).expanduser()
    try:
        real = given.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a dangling link, a loop of links
        raise InputError(f"{path}: no such image file") from None
    name = path if real == given else f"{path} (a link to {real})"
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"{name}: cannot read the image ({exc.strerror})") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):  # a directory, a device, a FIFO
        os.close(descriptor)
        raise InputError(f"{name}: not a regular file, so not an image to upload")
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size > rules.max_bytes:
            raise InputError(
                f"{name}: {info.st_size:,} bytes; {network} takes images up to "
                f"{rules.max_bytes:,} bytes"
            )
        data = handle.read(rules.max_bytes + 1 if whole else HEAD)
    if whole and len(data) > rules.max_bytes:  # it grew since it was measured
        raise InputError(f"{name}: larger than {network}'s {rules.max_bytes:,} bytes")
    kind = _identify(data)
    if kind is None:
        raise InputError(f"{name}: not an image (not a PNG, JPEG, GIF or WebP file)")
    mime, width, height = kind
    if mime not in rules.types:
        accepted = ", ".join(sorted(t.removeprefix("image/") for t in rules.types))
        raise InputError(f"{name}: a {mime} image; {network} takes {accepted}")
    return Image(str(given), str(real), mime, info.st_size, width, height), data


def _identify(data: bytes) -> tuple[str, int, int] | None:
    """(MIME type, width, height) read from the file's header, or None if it is none
    of the four image formats every network takes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return _sized("image/png", width, height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return _sized("image/gif", width, height)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[:3] == b"\xff\xd8\xff":
        return _jpeg(data)
    return None


def _sized(mime: str, width: int, height: int) -> tuple[str, int, int] | None:
    return (mime, width, height) if width > 0 and height > 0 else None


def _webp(data: bytes) -> tuple[str, int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _sized("image/webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return _sized("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _sized("image/webp", width, height)
    return None


_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # start-of-frame markers


def _jpeg(data: bytes) -> tuple[str, int, int] | None:
    """Walk the JPEG segments to the frame header, which holds the size."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # padding
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if length < 2:
            return None
        if marker in _JPEG_FRAMES and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return _sized("image/jpeg", width, height)
        at += 2 + length
    return None
