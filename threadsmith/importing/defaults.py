"""What an import does unless asked otherwise."""

from __future__ import annotations

READ_MORE = "Read the full post: {url}"  # the last post's extra for a page with an address
