"""Example: a network that lives in memory (what it publishes stays in `PUBLISHED`).
It declares a publish option of its own, `--mood`, to show the command line and the
app build their options from what a network declares."""

from __future__ import annotations

from collections.abc import Callable

from threadsmith.journal import Outgoing, PostRef
from threadsmith.network import (
    Account,
    Field,
    ImageRules,
    LoggedIn,
    Mention,
    Network,
    Options,
    Prompt,
    Publisher,
    PublishOption,
    SaveSecrets,
    Secrets,
)
from threadsmith.threading.measure import mastodon_rules
from threadsmith.threading.models import PostRules

HANDLE = Field("handle", "Handle", example="alice")
TOKEN = Field("token", "Token", secret=True)
PUBLISHED: list[tuple[str, str]] = []  # (handle, text)


class Example(Network):
    name = "example"
    display_name = "Example"
    handle_example = "alice"
    no_account = "@{handle} is no Example account"
    login_fields = (HANDLE, TOKEN)
    secret_names = ("token",)
    publish_options = (PublishOption("mood", "the mood of the posts", choices=("calm", "loud")),)

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        return mastodon_rules(limit or 200, url_length=23)

    def image_rules(self, account: Account | None) -> ImageRules:
        return ImageRules(max_images=1, max_bytes=1_000_000)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        return ()

    def login(self, prompt: Prompt) -> LoggedIn:
        handle = self.normalise_handle(prompt.ask(HANDLE))
        return LoggedIn(handle, "", {"token": prompt.ask(TOKEN)})

    def check_login(self, account: Account, secrets: Secrets) -> str | None:
        return None  # nothing to ask: it lives in memory

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        return ExamplePublisher(account.handle)

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        return lambda handle: True


class ExamplePublisher:
    def __init__(self, handle: str) -> None:
        self.handle = handle
        self.warnings: list[str] = []

    def new_key(self) -> str | None:
        return None

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        PUBLISHED.append((self.handle, post.text))
        number = len(PUBLISHED)
        return PostRef(str(number), f"https://example.invalid/{self.handle}/{number}")

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        return None

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        raise NotImplementedError("Example threads cannot be continued")

    def close(self) -> None:
        pass
