"""The platforms' own counting libraries, run by Node (tests/node/count.js).

X: the official twitter-text `parseTweet` (config v3). Bluesky: the grapheme and
UTF-8 counters the PDS itself uses to validate `app.bsky.feed.post` records.
Also the @mentions twitter-text extracts, for the app's mention checks, and Bluesky's
links as the official app shortens them (its `toShortUrl` on Node's URL parser).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from types import TracebackType

from support.realparts import NODE_DIR, node_package_available


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


class NetworkCounter:
    """A long-lived Node process answering one count per line (fast for thousands)."""

    def __init__(self) -> None:
        node = shutil.which("node")
        assert node is not None
        self._process = subprocess.Popen(
            [node, str(NODE_DIR / "count.js")],
            cwd=NODE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def count(self, text: str) -> Counts:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(text) + "\n")
        self._process.stdin.flush()
        answer = json.loads(self._process.stdout.readline())
        return Counts(
            answer["x"],
            answer["xValid"],
            answer["graphemes"],
            answer["bytes"],
            tuple(answer["xMentions"]),
            answer["shortUrl"],
            answer["blueskyPosted"],
        )

    def close(self) -> None:
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()
        self._process.wait(timeout=10)

    def __enter__(self) -> NetworkCounter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
