"""A link on a handle to that handle's profile: the author meant a mention.

Blogs link every @name to its profile (`<a href="https://twitter.com/SDupp">@SDupp</a>`).
As `[@SDupp](https://twitter.com/SDupp)` the engine would publish "@SDupp
https://twitter.com/SDupp": the name twice, and a link that makes the post a link
post on X. The import writes the mention alone, as the network reads it:

- X (twitter.com, x.com): `@name`;
- Bluesky (bsky.app/profile/HANDLE): `@handle`;
- Mastodon (https://server/@name, or /users/name): `@name@server`.

Only when the link's text is that very handle ("@SDupp", or "@name@server" for
Mastodon); a link on other words, or to a post rather than a profile, stays a link.
Sites that are not Mastodon but give profiles as /@name (Medium, YouTube, TikTok,
Threads, Substack) keep their links: "@name" there would mention someone else.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_X_HOSTS = frozenset({"twitter.com", "x.com"})
_BLUESKY_HOSTS = frozenset({"bsky.app"})
_NOT_MASTODON = (
    "medium.com", "youtube.com", "tiktok.com", "threads.net", "threads.com", "substack.com",
    "twitter.com", "x.com", "bsky.app", "instagram.com", "facebook.com", "linkedin.com",
)  # fmt: skip
_X_NAME = re.compile(r"/([A-Za-z0-9_]{1,15})/?")
_BLUESKY_HANDLE = re.compile(
    r"/profile/((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})/?"
)
_FEDIVERSE_NAME = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
_MASTODON_PATH = re.compile(
    rf"/(?:@({_FEDIVERSE_NAME})(?:@([A-Za-z0-9.-]+\.[A-Za-z]{{2,}}))?|users/({_FEDIVERSE_NAME}))/?"
)


def profile_mention(text: str, href: str) -> str | None:
    """The mention a link stands for, when its visible `text` is a handle and `href` that
    handle's profile on X, Bluesky or a Mastodon server; None for any other link."""
    shown = " ".join(text.split())
    if not shown.startswith("@") or " " in shown:
        return None
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not host or parts.port is not None:
        return None
    bare = host.removeprefix("www.").removeprefix("mobile.").removeprefix("m.")
    said = shown[1:].casefold()
    if bare in _X_HOSTS:
        x_name = _X_NAME.fullmatch(parts.path)
        return shown if x_name and x_name.group(1).casefold() == said else None
    if bare in _BLUESKY_HOSTS:
        handle = _BLUESKY_HANDLE.fullmatch(parts.path)
        return shown if handle and handle.group(1).casefold() == said else None
    if any(host == site or host.endswith("." + site) for site in _NOT_MASTODON):
        return None
    profile = _MASTODON_PATH.fullmatch(parts.path)
    if profile is None:
        return None
    name = profile.group(1) or profile.group(3)
    server = profile.group(2) or host
    full = f"{name}@{server}"
    if said in (name.casefold(), full.casefold()):
        return f"@{shown[1:].split('@')[0]}@{server.lower()}"
    return None
