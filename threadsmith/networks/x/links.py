"""X's addresses: a post's status URL as people paste it, and the compose page
("web intent") that opens with a post's text filled in, as a reply where asked.

No client library here: publishing by hand needs no API, and `thread publish
--assist` must work on a machine that never logs in to X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

COMPOSE = "https://x.com/intent/post"
# What a person pastes: from the address bar or "Copy link", on x.com or twitter.com,
# the mobile site or www, with a tracking query (?s=20&t=…), a fragment, a trailing
# slash, or the photo/video viewer's tail. `i/status` and `i/web/status` name no user.
_STATUS = re.compile(
    r"(?:https?://)?(?:www\.|mobile\.)?(?:x|twitter)\.com/"
    r"(?:i/web|i|(?P<user>[A-Za-z0-9_]{1,15}))/status(?:es)?/(?P<id>\d{1,20})"
    r"(?:/(?:photo|video)/\d+)?/?(?:[?#]\S*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class StatusLink:
    """A post's address: its id, and its author's username when the address names one."""

    id: str
    user: str | None

    @property
    def url(self) -> str:
        """The address as threadsmith keeps it: x.com, no query string."""
        return status_url(self.user or "i", self.id)


def parse_status(text: str) -> StatusLink | None:
    """The post `text` is the address of (surrounding spaces and <> allowed), or None."""
    match = _STATUS.fullmatch(text.strip().strip("<>").strip())
    if match is None:
        return None
    return StatusLink(match["id"], match["user"])


def status_url(user: str, post_id: str) -> str:
    return f"https://x.com/{user}/status/{post_id}"


def compose_url(text: str, in_reply_to: str | None = None) -> str:
    """X's compose page with `text` filled in, as a reply to post `in_reply_to` if given.

    Every character but the unreserved ones is percent-encoded (UTF-8), so the text
    arrives exactly: a "+" stays a plus, a newline a newline, "#" and "&" are words."""
    url = f"{COMPOSE}?text={quote(text, safe='')}"
    if in_reply_to is not None:
        url += f"&in_reply_to={in_reply_to}"
    return url
