"""Bluesky: posts measured in grapheme clusters and UTF-8 bytes, published to any PDS
(bsky.social or self-hosted) through the atproto SDK, which loads on first use.

Who may reply is a threadgate on the thread's first post (every choice of
`--replies` has its rule); `--no-quotes` a postgate on every post."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threadsmith.network import (
    Account,
    Field,
    FoundThread,
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
    quotes_option,
    replies_option,
)
from threadsmith.threading.models import PostRules

if TYPE_CHECKING:
    from threadsmith.journal import PostRef

DEFAULT_SERVICE = "https://bsky.social"
HANDLE = Field("handle", "Handle", example="alice.bsky.social")
SERVICE = Field("service", "Service (your PDS)", default=DEFAULT_SERVICE)
APP_PASSWORD = Field("app_password", "App password", secret=True)
IMAGES = ImageRules(max_images=4, max_bytes=1_000_000)  # app.bsky.embed.images blob maxSize
POST_URL = re.compile(
    r"^(?:https://bsky\.app/profile/[^/]+/post/|at://[^/]+/app\.bsky\.feed\.post/)\w+"
)


def _post_rules(account: Account | None, limit: int | None, options: Options) -> PostRules:
    from threadsmith.threading.measure import bluesky_rules

    return bluesky_rules(limit)


def _login(prompt: Prompt) -> LoggedIn:
    from threadsmith.networks.bluesky.publisher import login

    handle = NETWORK.normalise_handle(prompt.ask(HANDLE))
    service = prompt.ask(SERVICE).rstrip("/")
    app_password = prompt.ask(APP_PASSWORD)
    session = login(handle, app_password, service)
    secrets = {"app_password": app_password, "service": service, "session": session}
    return LoggedIn(handle, service, secrets)


def _open_publisher(
    account: Account, secrets: Secrets, save: SaveSecrets, options: Options
) -> Publisher:
    from threadsmith.networks.bluesky.publisher import BlueskyPublisher

    return BlueskyPublisher(
        account.handle,
        account.service or secrets.get("service") or DEFAULT_SERVICE,
        secrets["app_password"],
        secrets.get("session"),
        lambda session: save({**secrets, "session": session}),
        IMAGES,
        replies=options.get("replies", "everyone"),
        quotes=options.get("quotes") != "false",
    )


def _mentions(text: str) -> tuple[Mention, ...]:
    from threadsmith.networks.bluesky.mentions import mentions

    return mentions(text)


def _mention_lookup(account: Account, secrets: Callable[[], Secrets]) -> Callable[[str], bool]:
    from threadsmith.networks.bluesky.mentions import handle_lookup

    return handle_lookup(account.service)


def _read_metrics(access: MetricsAccess, posts: Sequence[PostRef]) -> list[PostMetrics | None]:
    from threadsmith.networks.bluesky.metrics import read

    return read(access, posts)


def _thread_at(access: MetricsAccess, url: str) -> FoundThread:
    from threadsmith.networks.bluesky.metrics import thread_at

    return thread_at(access, url)


NETWORK = Network(
    name="bluesky",
    display_name="Bluesky",
    handle_example="alice.bsky.social",
    no_account="@{handle} is no Bluesky account: it stays plain text",
    login_fields=(HANDLE, SERVICE, APP_PASSWORD),
    secret_names=("app_password",),
    post_rules=_post_rules,
    image_rules=lambda account: IMAGES,
    mentions=_mentions,
    login=_login,
    open_publisher=_open_publisher,
    mention_lookup=_mention_lookup,
    metrics=Metrics(
        read=_read_metrics,
        fields=("likes", "reposts", "replies", "quotes"),
        is_post_url=lambda url: POST_URL.match(url) is not None,
        thread_at=_thread_at,
    ),
    publish_options=(replies_option(), quotes_option()),
)
