"""X: posts measured as twitter-text v3 counts them, published through the X API v2
(tweepy, OAuth 1.0a user context), or by hand, helped, with no API at all (`assisted`).
The client library loads on first use.

Who may reply is X's `reply_settings` on each post: X offers "following" and
"mentionedUsers" (besides everyone), and neither "your followers" nor "nobody"
(its other values, "subscribers" and "verified", have no `--replies` word).
X has no setting for who may quote a post."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threadsmith.network import (
    Account,
    Assisted,
    Billing,
    Field,
    Guide,
    ImageRules,
    LoggedIn,
    Mention,
    Metrics,
    MetricsAccess,
    Network,
    Options,
    PostMetrics,
    Prompt,
    Publisher,
    SaveSecrets,
    Secrets,
    replies_option,
)
from threadsmith.threading.models import PostRules

if TYPE_CHECKING:
    from threadsmith.journal import PostRef

FIELDS = (
    Field("api_key", "API key", secret=True),
    Field("api_secret", "API secret", secret=True),
    Field("access_token", "Access token", secret=True),
    Field("access_secret", "Access token secret", secret=True),
)

IMAGES = ImageRules(max_images=4, max_bytes=5 * 1024 * 1024)
POST_URL = re.compile(r"^https://(?:www\.|mobile\.)?(?:x|twitter)\.com/[^/]+/status/\d+")


def _post_rules(account: Account | None, limit: int | None, options: Options) -> PostRules:
    from threadsmith.threading.measure import x_rules

    return x_rules(limit)


def _login(prompt: Prompt) -> LoggedIn:
    from threadsmith.networks.x.publisher import verify

    secrets = {field.name: prompt.ask(field) for field in FIELDS}
    return LoggedIn(verify(*secrets.values()), "", secrets)


def _open_publisher(
    account: Account, secrets: Secrets, save: SaveSecrets, options: Options
) -> Publisher:
    from threadsmith.networks.x.publisher import XPublisher

    key, key_secret, token, token_secret = (secrets[field.name] for field in FIELDS)
    return XPublisher(
        account.handle, key, key_secret, token, token_secret, IMAGES,
        replies=options.get("replies", "everyone"),
    )  # fmt: skip


def _open_assisted(account: Account, guide: Guide, options: Options) -> Publisher:
    from threadsmith.networks.x.assisted import AssistedXPublisher

    return AssistedXPublisher(account.handle, guide)


def _mentions(text: str) -> tuple[Mention, ...]:
    from threadsmith.networks.x.mentions import mentions

    return mentions(text)


def _mention_lookup(account: Account, secrets: Callable[[], Secrets]) -> Callable[[str], bool]:
    from threadsmith.networks.x.publisher import user_lookup

    kept = secrets()
    return user_lookup(*(kept[field.name] for field in FIELDS))


def _read_metrics(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    from threadsmith.networks.x.metrics import read

    kept = access.secrets()
    key, key_secret, token, token_secret = (kept[field.name] for field in FIELDS)
    return read(key, key_secret, token, token_secret, posts)


def _billing() -> Billing:
    from threadsmith.networks.x.prices import PRICES, has_link

    return Billing(PRICES, has_link)


NETWORK = Network(
    name="x",
    display_name="X",
    handle_example="nahtnews",
    no_account="@{handle} is not an X account",
    login_fields=FIELDS,
    secret_names=tuple(field.name for field in FIELDS),
    post_rules=_post_rules,
    image_rules=lambda account: IMAGES,
    mentions=_mentions,
    login=_login,
    open_publisher=_open_publisher,
    mention_lookup=_mention_lookup,
    metrics=Metrics(
        read=_read_metrics,
        fields=("impressions", "likes", "reposts", "replies", "quotes", "bookmarks"),
        needs_account=True,
        is_post_url=lambda url: POST_URL.match(url) is not None,
    ),
    billing=_billing,
    assisted=Assisted("X (assisted)", "https://x.com/you/status/…", _open_assisted),
    publish_options=(replies_option(offered=("everyone", "following", "mentioned")),),
)
