"""Real image files for tests (an upload checks what a file is, not what it is called)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path


def png(path: Path, width: int = 4, height: int = 3, noise: bool = False) -> Path:
    """A real, valid PNG file; `noise` makes its pixels random (it hardly compresses)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    if noise:
        rows = b"".join(b"\x00" + os.urandom(3 * width) for _ in range(height))
    else:
        rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path
