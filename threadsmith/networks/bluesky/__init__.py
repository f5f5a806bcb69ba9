"""Bluesky: posts measured in grapheme clusters and UTF-8 bytes, published to any PDS
(bsky.social or self-hosted) through the atproto SDK, which loads on first use.

Who may reply is a threadgate on the thread's first post (every choice of
`--replies` has its rule); `--no-quotes` a postgate on every post (a postgate can
only disable quoting: there is no rule for followers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threadsmith.network import Field, ImageRules, LoggedIn, Metrics, Network, PublishOption
from threadsmith.network.core import quote_policy, quotes_option, replies_option
from threadsmith.networks.bluesky.appview import APPVIEW

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing
    from threadsmith.network import Account, Mention, Options, Prompt, Publisher
    from threadsmith.network.core import SaveSecrets, Secrets
    from threadsmith.threading.models import PostRules

DEFAULT_SERVICE = "https://bsky.social"
HANDLE = Field("handle", "Handle", example="alice.bsky.social")
SERVICE = Field("service", "Service (your PDS)", default=DEFAULT_SERVICE)
APP_PASSWORD = Field("app_password", "App password", secret=True)
# app.bsky.embed.images' blob maxSize; alt text as long as the official app lets one write
IMAGES = ImageRules(max_images=4, max_bytes=1_000_000, alt_limit=2_000, alt_in_graphemes=True)
# a link card under a post that links to a page, as the official app makes it (cards.py)
CARDS = PublishOption(
    "cards",
    "link cards: the title, description and picture of the page a post links to, under it "
    "(--no-cards: none)",
    choices=("true", "false"),
    flag=True,
)


class Bluesky(Network):
    name = "bluesky"
    display_name = "Bluesky"
    handle_example = "alice.bsky.social"
    no_account = "@{handle} is no Bluesky account: it stays plain text"
    images = IMAGES
    login_fields = (HANDLE, SERVICE, APP_PASSWORD)
    secret_names = ("app_password",)
    publish_options = (replies_option(), quotes_option(offered=("everyone", "nobody")), CARDS)
    position = 20
    default_server = DEFAULT_SERVICE

    metrics = Metrics(
        "threadsmith.networks.bluesky.metrics",
        fields=("likes", "reposts", "replies", "quotes"),
        post_url=r"^(?:https://bsky\.app/profile/[^/]+/post/|at://[^/]+/app\.bsky\.feed\.post/)\w+",
        finds_threads=True,
        read_from=APPVIEW,
    )

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        from threadsmith.threading.measure import bluesky_rules

        return bluesky_rules(limit)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        from threadsmith.networks.bluesky.mentions import mentions

        return mentions(text)

    def login(self, prompt: Prompt) -> LoggedIn:
        from threadsmith.networks.bluesky.publisher import login

        handle = self.normalise_handle(prompt.ask(HANDLE))
        service = prompt.ask(SERVICE).rstrip("/")
        app_password = prompt.ask(APP_PASSWORD)
        session = login(handle, app_password, service)
        secrets = {"app_password": app_password, "service": service, "session": session}
        return LoggedIn(handle, service, secrets)

    def check_login(self, account: Account, secrets: Secrets) -> str | None:
        """Logging in with the app password is the whole check: it lasts until revoked."""
        from threadsmith.networks.bluesky.publisher import login

        login(account.handle, secrets["app_password"], account.service or DEFAULT_SERVICE)
        return None

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        """The session kept in the keyring is taken up again (createSession is limited to
        30 in 5 minutes); each session the SDK refreshes is kept in its place."""
        from threadsmith.networks.bluesky.publisher import BlueskyPublisher

        return BlueskyPublisher(
            account.handle,
            account.service or secrets.get("service") or DEFAULT_SERVICE,
            secrets["app_password"],
            secrets.get("session"),
            lambda session: save({**secrets, "session": session}),
            IMAGES,
            replies=options.get("replies", "everyone"),
            quotes=quote_policy(options) != "nobody",
        )

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        from threadsmith.networks.bluesky.mentions import handle_lookup

        return handle_lookup(account.service)

    def link_cards(
        self,
        posts: Sequence[Outgoing],
        options: Options,
        read: Callable[[str, str, int], tuple[str, str, bytes]],
    ) -> tuple[tuple[Outgoing, ...], tuple[str, ...]]:
        from threadsmith.networks.bluesky.cards import with_cards

        return with_cards(posts, options, read)
