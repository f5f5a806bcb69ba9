"""@mentions in a post: what each platform will make of them, and whether they name anyone.

X links `@name` by twitter-text's rules; Bluesky makes `@handle.domain` a mention
when the handle resolves to an account and leaves anything else as plain text.
Campaigners cross-post, so the common slips are an X name on Bluesky (`@nahtnews`
stays plain text there) and a Bluesky handle on X (`@naht.bsky.social` links X's
`@naht`, someone else): `mentions` finds those offline. Whether a well-formed
handle names an account takes a lookup: `MentionChecks.look_up` asks the network
with an account the user has added, once per handle, from a worker thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from threadsmith.errors import ServiceError, ThreadsmithError
from threadsmith.threading.models import Thread, ThreadWarning

if TYPE_CHECKING:
    from threadsmith.store import Account

X_NAME_MAX = 15
# twitter-text 3: validMentionOrList, endMentionMatch (with latinAccentChars).
_X_MENTION = re.compile(
    r"(?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    r"[@＠]([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_-]{0,24})?"
)
_X_NOT_A_MENTION = re.compile(
    "[@＠\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff]|://"
)
_DOMAIN_TAIL = re.compile(r"(?:\.[A-Za-z0-9-]+)+")
# What a campaigner may mean as a mention on Bluesky, well-formed or not: an @ where
# X would see one (not in an email address), followed by a name or a handle.
_AT_NAME = re.compile(r"(?:^|(?<=[^a-zA-Z0-9_!#$%&*@＠]))[@＠]([A-Za-z0-9_][A-Za-z0-9_.-]*)")


@dataclass(frozen=True, slots=True)
class Mention:
    """`handle` as the platform reads it (no @); `problem` says why it will not mention
    whom it seems to, when that is plain from the text alone."""

    handle: str
    problem: str | None = None


@lru_cache(maxsize=8192)  # posts rarely change between keystrokes
def mentions(text: str, platform: str) -> tuple[Mention, ...]:
    """The @mentions in a post's text, as `platform` reads them."""
    if "@" not in text and "＠" not in text:
        return ()
    return _x_mentions(text) if platform == "x" else _bluesky_mentions(text)


def _x_mentions(text: str) -> tuple[Mention, ...]:
    found = []
    for match in _X_MENTION.finditer(text):
        if match[2] or _X_NOT_A_MENTION.match(text, match.end()):
            continue  # a list (@name/list), or not a mention at all (an email, a URL)
        name = match[1]
        tail = _DOMAIN_TAIL.match(text, match.end())
        if tail:
            problem = f"X reads @{name}{tail[0]} as @{name}: use the X username"
        elif len(name) > X_NAME_MAX:
            problem = f"@{name} is too long for an X username ({X_NAME_MAX} at most)"
        else:
            problem = None
        found.append(Mention(name, problem))
    return tuple(found)


def _bluesky_mentions(text: str) -> tuple[Mention, ...]:
    from threadsmith.platforms import facets  # the official client's rules

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


def with_mention_warnings(thread: Thread) -> Thread:
    """`thread` with a warning for each mention its platform will misread (offline)."""
    found = tuple(
        ThreadWarning("mention", mention.problem, post.number)
        for post in thread.posts
        for mention in mentions(post.text, thread.platform)
        if mention.problem
    )
    return replace(thread, warnings=thread.warnings + found) if found else thread


class MentionChecks:
    """Which well-formed handles name no account, learnt by asking each network with
    an account the user has added. One per app: each handle is asked about once."""

    def __init__(self, accounts: Callable[[str], Sequence[Account]]) -> None:
        self._accounts = accounts
        self._exists: dict[tuple[str, str], bool] = {}
        self._lookups: dict[Account, Callable[[str], bool]] = {}
        self.given_up: dict[str, str] = {}  # platform -> why it is no longer asked

    def problems(self, text: str, platform: str) -> list[str]:
        """What is wrong with the post's mentions, as far as is known now."""
        out = []
        for mention in mentions(text, platform):
            if mention.problem:
                out.append(mention.problem)
            elif self._exists.get((platform, mention.handle.lower())) is False:
                out.append(_not_an_account(mention.handle, platform))
        return out

    def unchecked(self, text: str, platform: str) -> list[str]:
        """The post's well-formed handles nobody has asked the network about yet."""
        if platform in self.given_up:
            return []
        return [
            mention.handle
            for mention in mentions(text, platform)
            if mention.problem is None and (platform, mention.handle.lower()) not in self._exists
        ]

    def account(self, platform: str) -> Account | None:
        """The account to ask with (the first added); read on the UI thread (SQLite)."""
        accounts = self._accounts(platform)
        return accounts[0] if accounts else None

    def look_up(self, account: Account, handles: Iterable[str]) -> str | None:
        """Ask `account`'s network about each handle: network calls, for a worker thread.
        Returns, the first time it happens, why that network can no longer be asked."""
        platform = account.platform
        try:
            exists = self._lookup(account)
            for handle in handles:
                key = (platform, handle.lower())
                if key not in self._exists:
                    self._exists[key] = exists(handle)
        except ThreadsmithError as error:
            if platform not in self.given_up:
                self.given_up[platform] = str(error)
                return str(error)
        return None

    def _lookup(self, account: Account) -> Callable[[str], bool]:
        if account not in self._lookups:
            if account.platform == "x":
                from threadsmith import credentials
                from threadsmith.platforms import x

                secrets = credentials.load("x", account.handle)
                assert isinstance(secrets, credentials.XSecrets)
                self._lookups[account] = x.user_lookup(
                    secrets.api_key, secrets.api_secret, secrets.access_token,
                    secrets.access_secret,
                )  # fmt: skip
            else:
                self._lookups[account] = _bluesky_lookup(account.service)
        return self._lookups[account]


def _not_an_account(handle: str, platform: str) -> str:
    if platform == "x":
        return f"@{handle} is not an X account"
    return f"@{handle} is no Bluesky account: it stays plain text"


def _bluesky_lookup(service: str) -> Callable[[str], bool]:
    """Handle resolution is public XRPC (no session): one GET, with the standard library
    (atproto would take a second of the UI's interpreter to import)."""
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
