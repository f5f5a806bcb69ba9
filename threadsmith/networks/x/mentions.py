"""How X reads the @mentions of a post: twitter-text 3's rules, offline."""

from __future__ import annotations

import re

from threadsmith.network import Mention

NAME_MAX = 15
# twitter-text 3: validMentionOrList, endMentionMatch (with latinAccentChars).
_MENTION = re.compile(
    r"(?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    r"[@＠]([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_-]{0,24})?"
)
_NOT_A_MENTION = re.compile(
    "[@＠\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff]|://"
)
_DOMAIN_TAIL = re.compile(r"(?:\.[A-Za-z0-9-]+)+")


def mentions(text: str) -> tuple[Mention, ...]:
    """The usernames X links in `text`; a Bluesky-style handle links only its first part."""
    found = []
    for match in _MENTION.finditer(text):
        if match[2] or _NOT_A_MENTION.match(text, match.end()):
            continue  # a list (@name/list), or not a mention at all (an email, a URL)
        name = match[1]
        tail = _DOMAIN_TAIL.match(text, match.end())
        if tail:
            problem = f"X reads @{name}{tail[0]} as @{name}: use the X username"
        elif len(name) > NAME_MAX:
            problem = f"@{name} is too long for an X username ({NAME_MAX} at most)"
        else:
            problem = None
        found.append(Mention(name, problem))
    return tuple(found)
