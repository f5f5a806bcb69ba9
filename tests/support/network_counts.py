"""The platforms' own counting libraries, run by Node (tests/node/count.js).

X: the official twitter-text `parseTweet` (config v3). Bluesky: the grapheme and
UTF-8 counters the PDS itself uses to validate `app.bsky.feed.post` records.
Also the @mentions twitter-text extracts, for the app's mention checks, and Bluesky's
links as the official app shortens them (its `toShortUrl` on Node's URL parser).
"""

from __future__ import annotations

from dataclasses import dataclass

from support.node_script import NodeScript
from support.realparts import node_package_available


def available() -> bool:
    return all(
        node_package_available(package)
        for package in ("twitter-text", "@atproto/lex-data", "@atproto/api")  # api: RichText
    )


REASON = "Node and tests/node/node_modules are needed: run `npm ci --prefix tests/node`"


@dataclass(frozen=True)
class Counts:
    x: int
    x_valid: bool
    graphemes: int
    bytes: int
    x_mentions: tuple[str, ...] = ()
    short_url: str = ""  # the text as one address, as the official Bluesky app shows it
    bluesky_posted: str = ""  # the text as the official Bluesky app posts it


class NetworkCounter(NodeScript):
    """A long-lived Node process answering one count per line (fast for thousands)."""

    def __init__(self) -> None:
        super().__init__("count.js")

    def count(self, text: str) -> Counts:
        answer = self._ask(text)
        return Counts(
            answer["x"],
            answer["xValid"],
            answer["graphemes"],
            answer["bytes"],
            tuple(answer["xMentions"]),
            answer["shortUrl"],
            answer["blueskyPosted"],
        )
