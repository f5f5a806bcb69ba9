"""Mastodon: any instance, measured by its own limits as its server counts, published
through Mastodon.py (loaded on first use), resumable without duplicates.

instance    an instance's address and limits (pure)
client      Mastodon.py clients for one instance; its errors as threadsmith's
account     app registration, out-of-band OAuth code, token check; mention look-ups
media       images checked against the instance's limits before any upload
mentions    how Mastodon reads a post's @mentions (offline)
publisher   MastodonPublisher: statuses with an Idempotency-Key, media v2, quote policy
metrics     each status's counts, and a thread found from its first status
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from threadsmith.network import Field, LoggedIn, Metrics, Network, PublishOption
from threadsmith.network.core import quote_policy, quotes_option

if TYPE_CHECKING:
    from threadsmith.network import Account, ImageRules, Mention, Options, Prompt
    from threadsmith.network.core import Publisher, SaveSecrets, Secrets
    from threadsmith.threading.models import PostRules

INSTANCE = Field("instance", "Instance", example="https://mastodon.social")
CODE = Field("code", "Authorisation code (the page gives it once you approve)", option=False)
TOKEN = Field("access_token", "Access token", secret=True, option=False)
OPTIONS = (
    PublishOption(
        "visibility",
        "who sees each post (default: the first public, the replies unlisted)",
        choices=("public", "unlisted", "private"),
    ),
    PublishOption("cw", "a content warning on every post (it counts toward the limit)"),
    PublishOption("lang", "the language of the posts (ISO 639, e.g. en)"),
    quotes_option(),  # from Mastodon 4.5 (`publish_options_for` narrows it before)
)
LOGIN_CHECK_TIMEOUT = 10.0  # seconds: `thread doctor` waits no longer for an instance


class Mastodon(Network):
    name = "mastodon"
    display_name = "Mastodon"
    handle_example = "name@mastodon.social"
    no_account = "@{handle} is no Mastodon account"
    login_fields = (INSTANCE,)
    secret_names = ("access_token",)
    publish_options = OPTIONS
    position = 30

    metrics = Metrics(
        "threadsmith.networks.mastodon.metrics",
        fields=("likes", "reposts", "replies", "quotes"),
        post_url=r"^https?://[^/]+/(?:@[^/]+|users/[^/]+/statuses)/\d+/?(?:[?#].*)?$",
        finds_threads=True,
    )

    def __init__(self) -> None:
        self.server_settings = self.read_server_settings

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        from threadsmith.networks.mastodon.instance import from_settings
        from threadsmith.threading.measure import mastodon_rules, mastodon_warning_length

        instance = from_settings(account.settings if account else {})
        rules = mastodon_rules(
            limit or instance.max_characters, url_length=instance.characters_reserved_per_url
        )
        warning = options.get("cw")  # counts toward every status, as the server measures it
        if not warning:
            return rules
        return rules.with_limit(rules.limit - mastodon_warning_length(warning))

    def publish_options_for(self, account: Account | None) -> tuple[PublishOption, ...]:
        """Its options, but who may quote only where the instance says it can set that
        (its API version, kept with the account): before, quoting is as the server has it."""
        from threadsmith.networks.mastodon.instance import (
            from_settings,
            host,
            why_no_quote_policy,
        )

        instance = from_settings(account.settings if account else {})
        if account is None or instance.sets_quote_policy:
            return self.publish_options
        where = host(account.service) if account.service else account.handle.rpartition("@")[2]
        why = why_no_quote_policy(instance, where or "its instance")
        return tuple(
            replace(option, offered=option.choices[:1], why_not=why)
            if option.name == "quotes"
            else option
            for option in self.publish_options
        )

    def image_rules(self, account: Account | None) -> ImageRules:
        from threadsmith.networks.mastodon.instance import from_settings
        from threadsmith.networks.mastodon.media import image_rules

        return image_rules(from_settings(account.settings if account else {}).media)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        from threadsmith.networks.mastodon.mentions import mentions

        return mentions(text)

    def login(self, prompt: Prompt) -> LoggedIn:
        from threadsmith.networks.mastodon import account as api
        from threadsmith.networks.mastodon.instance import base_url, host, to_settings

        base = base_url(prompt.ask(INSTANCE))
        limits = api.instance_limits(base)  # one line if it is not a Mastodon server
        if prompt.interactive:  # the out-of-band OAuth flow, as toot does it
            client_id, client_secret = api.register_app(base)
            url = api.authorize_url(base, client_id, client_secret)
            prompt.say(f"Approve threadsmith on {host(base)}, then paste the code it gives:\n{url}")
            prompt.open_url(url)
            token = api.token_from_code(base, client_id, client_secret, prompt.ask(CODE))
            secrets = {
                "access_token": token,
                "client_id": client_id,
                "client_secret": client_secret,
            }
        else:  # a script gives a token it made in the instance's settings
            secrets = {"access_token": prompt.ask(TOKEN)}
        username = api.verify(base, secrets["access_token"])
        return LoggedIn(api.handle(base, username), base, secrets, to_settings(limits))

    def check_login(self, account: Account, secrets: Secrets) -> str | None:
        from threadsmith.networks.mastodon.account import verify

        verify(account.service, secrets["access_token"], timeout=LOGIN_CHECK_TIMEOUT)
        return None  # an access token lasts until revoked

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        from threadsmith.networks.mastodon.instance import from_settings
        from threadsmith.networks.mastodon.publisher import MastodonPublisher

        return MastodonPublisher(
            account.handle,
            account.service,
            secrets["access_token"],
            visibility=options.get("visibility"),
            language=options.get("lang"),
            spoiler_text=options.get("cw"),
            quotes=quote_policy(options) if "quotes" in options else None,
            limits=from_settings(account.settings) if account.settings else None,
        )

    def read_server_settings(self, account: Account) -> dict[str, object]:
        from threadsmith.networks.mastodon.account import instance_limits
        from threadsmith.networks.mastodon.instance import to_settings

        return to_settings(instance_limits(account.service))

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        from threadsmith.networks.mastodon.account import account_lookup

        return account_lookup(account.service, secrets()["access_token"])
