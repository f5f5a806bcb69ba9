"""What the X API bills, per use: the one table threadsmith's estimates start from.

Taken on 2026-11-26 from X's developer documentation, "X API pay-per-usage pricing
and credits" (https://docs.x.com/x-api/getting-started/pricing), read through a
stored copy of the page (this machine reaches no other site): "Content: Create"
$0.015 per request, "Content: Create (with URL)" $0.200 per request, "Posts: Read"
$0.005 per resource returned. Looking up posts by id (`GET /2/tweets`) is a
"Posts: Read" (X's cheaper "owned reads", $0.001, cover only the account's own
timelines, not a look-up by id). X says the rates change and that its Developer
Console has the current ones: a person sets their own with `thread prices set`.
X does not say which links make a post "with URL"; threadsmith counts the ones
twitter-text finds, as X itself links them.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from threadsmith.network import PriceTable

PRICES = PriceTable(
    post=Decimal("0.015"),
    post_with_link=Decimal("0.200"),
    read=Decimal("0.005"),
    taken="2026-11-26",
    source="https://docs.x.com/x-api/getting-started/pricing",
)


def has_link(text: str) -> bool:
    """Whether X bills the post as one with a link: a URL as twitter-text finds it."""
    from threadsmith.threading.xcount import extract_urls

    return bool(extract_urls(unicodedata.normalize("NFC", text)))
