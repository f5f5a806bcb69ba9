"""Threads (Meta): posts of 500 characters counted with emoji as their UTF-8 bytes and
at most 5 links, published through the Graph API at graph.threads.net (httpx, loaded
on first use), each post a container then published, resumable without duplicates.

counting   how Threads counts a post (pure; the engine's meters)
api        requests to the API with an account's token; Meta's errors as threadsmith's
account    logging in with the person's own Meta app; keeping the token alive
quota      the 24-hour publishing quota, checked before anything is sent
publisher  ThreadsPublisher: containers journalled before they are published
metrics    each post's insights (views, likes, replies, reposts, quotes)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threadsmith.network import (
    Field,
    ImageRules,
    LoggedIn,
    Mention,
    Metrics,
    Network,
    replies_option,
)

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing
    from threadsmith.network import Account, Options, Prompt
    from threadsmith.network.core import Publisher, SaveSecrets, Secrets
    from threadsmith.threading.models import PostRules

DEFAULT_BASE = "https://graph.threads.net/v1.0"  # api.DEFAULT_BASE, without loading httpx
SERVICE = Field("service", "API address", default=DEFAULT_BASE)
APP_ID = Field("app_id", "Threads app id (your Meta app's)", option=False)
APP_SECRET = Field("app_secret", "Threads app secret", secret=True, option=False)
REDIRECT = Field(
    "redirect_uri", "Redirect address (as set in your Meta app's Threads settings)",
    option=False,
)  # fmt: skip
CODE = Field("code", "The code, or the whole address your browser was sent to", option=False)
TOKEN = Field("access_token", "Long-lived access token", secret=True, option=False)
# a username: letters, digits, periods and underscores, 30 at most
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9._]{1,30})(?![\w@])")
POST_URL = r"^https://(?:www\.)?threads\.(?:net|com)/@[\w.]+/post/[\w-]+/?(?:[?#].*)?$"


class Threads(Network):
    name = "threads"
    display_name = "Threads"
    handle_example = "alice"
    no_account = "@{handle} is no Threads account"
    # by address only: Meta downloads each image itself; a carousel is not made
    images = ImageRules(max_images=1, max_bytes=8 * 1024 * 1024, by_address=True)
    login_fields = (SERVICE,)
    secret_names = ("access_token",)
    publish_options = (replies_option(offered=("everyone", "following", "mentioned",
                                               "followers")),)  # fmt: skip
    position = 40
    default_server = DEFAULT_BASE

    metrics = Metrics(
        "threadsmith.networks.threads.metrics",
        fields=("impressions", "likes", "reposts", "replies", "quotes"),
        needs_account=True,
        post_url=POST_URL,
    )

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        from threadsmith.networks.threads.counting import threads_rules

        return threads_rules(limit)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        return tuple(Mention(found.rstrip(".")) for found in _MENTION.findall(text))

    def login(self, prompt: Prompt) -> LoggedIn:
        import time

        from threadsmith.networks.threads import account as api
        from threadsmith.networks.threads.api import base_url

        base = base_url(prompt.ask(SERVICE))
        if prompt.interactive:  # Meta's authorisation window, with the person's own app
            app_id, app_secret = prompt.ask(APP_ID), prompt.ask(APP_SECRET)
            redirect, state = prompt.ask(REDIRECT), api.new_state()
            url = api.authorize_url(base, app_id, redirect, state)
            prompt.say(f"Approve threadsmith on Threads, then paste the code it gives:\n{url}")
            prompt.open_url(url)
            code = api.code_from(prompt.ask(CODE), state)
            token = api.token_from_code(base, app_id, app_secret, redirect, code, time.time())
        else:  # a script gives a long-lived token
            now = int(time.time())
            given = prompt.ask(TOKEN)
            token = api.Token(given, "me", now, now + api.LONG_LIVED_SECONDS)
        user_id, username = api.me(base, token.access_token)
        kept = api.Token(token.access_token, user_id, token.refreshed_at, token.expires_at)
        return LoggedIn(username, base, kept.secrets())

    def check_login(self, account: Account, secrets: Secrets) -> str | None:
        import time

        from threadsmith.errors import AuthError
        from threadsmith.networks.threads.account import Token, expires_said, me
        from threadsmith.networks.threads.api import login_again

        token = Token.kept(secrets)
        if time.time() >= token.expires_at:
            raise AuthError(login_again(account.handle))
        me(account.service, token.access_token)
        return expires_said(token)

    def renewed(self, account: Account, secrets: Secrets) -> dict[str, str] | None:
        import time

        from threadsmith.networks.threads.account import Token, refreshed

        fresh = refreshed(account.service or DEFAULT_BASE, Token.kept(secrets), time.time(),
                          account.handle)  # fmt: skip
        return None if fresh is None else fresh.secrets()

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        from threadsmith.networks.threads.account import Token
        from threadsmith.networks.threads.publisher import ThreadsPublisher

        return ThreadsPublisher(
            account.handle, account.service or DEFAULT_BASE, Token.kept(secrets), save,
            replies=options.get("replies"),
        )  # fmt: skip

    def check_room(
        self,
        account: Account,
        secrets: Callable[[], Secrets],
        posts: Sequence[Outgoing],
        *,
        replying: bool,
    ) -> None:
        from threadsmith.networks.threads import quota
        from threadsmith.networks.threads.account import Token
        from threadsmith.networks.threads.api import ThreadsAPI

        token = Token.kept(secrets())
        api = ThreadsAPI(account.service or DEFAULT_BASE, token.access_token, handle=account.handle)
        try:
            quota.check(quota.read(api, token.user_id), posts, replying, account.handle)
        finally:
            api.close()

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        from threadsmith.networks.threads.account import profile_lookup

        return profile_lookup(account.service or DEFAULT_BASE, secrets()["access_token"])
