"""How Bluesky reads the @mentions of a post, offline (the official client's facet
rules), and whether a handle names an account (the PDS's public handle resolution)."""

from __future__ import annotations

import re
from collections.abc import Callable

from threadsmith.errors import ServiceError
from threadsmith.network import Mention

# What a campaigner may mean as a mention on Bluesky, well-formed or not: an @ where
# X would see one (not in an email address), followed by a name or a handle.
_AT_NAME = re.compile(r"(?:^|(?<=[^a-zA-Z0-9_!#$%&*@＠]))[@＠]([A-Za-z0-9_][A-Za-z0-9_.-]*)")


def mentions(text: str) -> tuple[Mention, ...]:
    from threadsmith.networks.bluesky import facets  # the official client's rules

    linked = {facet.start for facet in facets.detect(text) if facet.kind == "mention"}
    found = []
    for match in _AT_NAME.finditer(text):
        name = match[1].rstrip(".-")
        if len(text[: match.start()].encode("utf-8")) in linked:  # facets count UTF-8 bytes
            found.append(Mention(name))
        elif facets.is_handle(name):
            problem = f"@{name} stays plain text: on Bluesky a mention follows a space or ("
            found.append(Mention(name, problem))
        else:
            problem = f"@{name} stays plain text: Bluesky handles look like name.bsky.social"
            found.append(Mention(name, problem))
    return tuple(found)


def handle_lookup(service: str) -> Callable[[str], bool]:
    """Handle resolution is public XRPC (no session): one GET, with the standard library
    (atproto would take a second of the app's interpreter to import)."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    base = (service or "https://bsky.social").rstrip("/")

    def exists(handle: str) -> bool:
        query = urllib.parse.urlencode({"handle": handle})
        url = f"{base}/xrpc/com.atproto.identity.resolveHandle?{query}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return bool(json.load(response).get("did"))
        except urllib.error.HTTPError as error:
            if error.code == 400:  # "Unable to resolve handle"
                return False
            raise ServiceError(f"{base} could not look up @{handle} (HTTP {error.code})") from None
        except (OSError, ValueError) as error:  # no connection, a timeout, not JSON
            raise ServiceError(f"could not reach {base} ({type(error).__name__})") from None

    return exists
