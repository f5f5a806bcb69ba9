"""X: posts measured as twitter-text v3 counts them, published through the X API v2
(tweepy, OAuth 1.0a user context), or by hand, helped, with no API at all (`assisted`).
The client library loads on first use.

Who may reply is X's `reply_settings` on each post: X offers "following" and
"mentionedUsers" (besides everyone), and neither "your followers" nor "nobody"
(its other values, "subscribers" and "verified", have no `--replies` word).
X has no setting for who may quote a post."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from threadsmith.network import Assisted, Billing, ImageRules, LoggedIn, Metrics, Network
from threadsmith.network.core import replies_option
from threadsmith.networks.x.keys import FIELDS, api_keys

if TYPE_CHECKING:
    from threadsmith.network import Account, Guide, Mention, Options, Prompt, Publisher
    from threadsmith.network.core import SaveSecrets, Secrets
    from threadsmith.threading.models import PostRules


IMAGES = ImageRules(max_images=4, max_bytes=5 * 1024 * 1024, alt_limit=1_000)  # characters


class X(Network):
    name = "x"
    display_name = "X"
    handle_example = "nahtnews"
    no_account = "@{handle} is not an X account"
    images = IMAGES
    login_fields = FIELDS
    secret_names = tuple(field.name for field in FIELDS)
    publish_options = (replies_option(offered=("everyone", "following", "mentioned")),)
    position = 10
    default_server = "https://api.x.com"

    metrics = Metrics(
        "threadsmith.networks.x.metrics",
        fields=("impressions", "likes", "reposts", "replies", "quotes", "bookmarks"),
        needs_account=True,
        post_url=r"^https://(?:www\.|mobile\.)?(?:x|twitter)\.com/[^/]+/status/\d+",
    )

    def __init__(self) -> None:
        self.assisted = Assisted("X (assisted)", "https://x.com/you/status/…", self.open_assisted)
        self.billing = self.read_billing

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        from threadsmith.threading.measure import x_rules

        return x_rules(limit)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        from threadsmith.networks.x.mentions import mentions

        return mentions(text)

    def login(self, prompt: Prompt) -> LoggedIn:
        from threadsmith.networks.x.publisher import verify

        secrets = {field.name: prompt.ask(field) for field in FIELDS}
        return LoggedIn(verify(*secrets.values()), "", secrets)

    def check_login(self, account: Account, secrets: Secrets) -> str | None:
        from threadsmith.networks.x.publisher import verify

        verify(*api_keys(secrets))
        return None  # X's user tokens last until revoked

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        from threadsmith.networks.x.publisher import XPublisher

        return XPublisher(
            account.handle, *api_keys(secrets), IMAGES, replies=options.get("replies", "everyone")
        )

    def open_assisted(self, account: Account, guide: Guide, options: Options) -> Publisher:
        from threadsmith.networks.x.assisted import AssistedXPublisher

        return AssistedXPublisher(account.handle, guide)

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        from threadsmith.networks.x.publisher import user_lookup

        return user_lookup(*api_keys(secrets()))

    def read_billing(self) -> Billing:
        from threadsmith.networks.x.prices import PRICES, has_link

        return Billing(PRICES, has_link)
