"""The fake Mastodon server, for the tests of this folder."""

from __future__ import annotations

from support.fake_mastodon import fake_mastodon

__all__ = ["fake_mastodon"]
