"""`Network`: what the rest of threadsmith knows of one network, as one class.

A network is a subclass in a package of its own (threadsmith's own are in
`threadsmith/networks/`), declared in the `threadsmith.networks` entry point group.
Its class attributes describe it and cost nothing to read (`thread split --help`
lists the networks without loading any client library); its methods do the work
and import the network's client library when first called."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing
    from threadsmith.network import core
    from threadsmith.network.assisted import Assisted
    from threadsmith.network.metrics import Billing, Metrics
    from threadsmith.threading.models import PostRules


class Network(ABC):
    """One network threadsmith publishes to. A subclass must say what it is (the class
    attributes without a default) and do each abstract method; the capabilities left
    as None are those it does not have."""

    name: ClassVar[str]  # "x": in `--to x`, `--network x`, the store and the journal
    display_name: ClassVar[str]  # "X"
    handle_example: ClassVar[str]  # "alice.bsky.social", for hints
    no_account: ClassVar[str]  # what a mention of a handle that names no one says: "@{handle} is …"
    login_fields: ClassVar[tuple[core.Field, ...]]
    secret_names: ClassVar[tuple[str, ...]]  # what its keyring entry must hold
    images: ClassVar[core.ImageRules]  # what images a post may carry (unless `image_rules` says)
    publish_options: ClassVar[tuple[core.PublishOption, ...]] = ()
    position: ClassVar[int] = 100  # where it is listed (threadsmith's own come first)
    # the server an account is on when it names none (X's API; Bluesky's bsky.social);
    # "" where each account names its own (a Mastodon instance)
    default_server: ClassVar[str] = ""

    # Capabilities a network may lack (None). Set in a subclass's `__init__` where they
    # call its methods.
    metrics: Metrics | None = None  # None: its counts cannot be read
    assisted: Assisted | None = None  # publishing by hand, helped, where the network allows
    # what its server says about an account now (an instance's limits), kept in the store
    server_settings: Callable[[core.Account], dict[str, object]] | None = None
    # what its API bills (loaded when asked: its table needs `decimal`); None: it is free
    billing: Callable[[], Billing] | None = None

    @abstractmethod
    def post_rules(
        self, account: core.Account | None, limit: int | None, options: core.Options
    ) -> PostRules:
        """How it counts a post: with `account`'s own server limits where it has them,
        `limit` (`--limit`) instead of its own, and the publish `options` (a Mastodon
        content warning takes room in every post)."""

    def publish_options_for(self, account: core.Account | None) -> tuple[core.PublishOption, ...]:
        """Its publish options as `account` can use them: `publish_options`, narrowed where
        the account's server cannot do all of them (an older Mastodon instance sets no quote
        policy), each narrowed one saying why (`PublishOption.why_not`)."""
        return self.publish_options

    def image_rules(self, account: core.Account | None) -> core.ImageRules:
        """What images a post may carry from `account` (where its server sets limits)."""
        return self.images

    def check_room(  # noqa: B027 - optional: most networks keep no quota
        self,
        account: core.Account,
        secrets: Callable[[], core.Secrets],
        posts: Sequence[Outgoing],
        *,
        replying: bool,
    ) -> None:
        """Before the person confirms: raises `Refused`, saying the numbers, when `account`
        may not publish `posts` (the first a reply if `replying`) now, by a quota its
        server keeps (Threads' 24 hours); asks the server, sends nothing. A network with
        no such limit has nothing to check."""

    def renewed(self, account: core.Account, secrets: core.Secrets) -> dict[str, str] | None:
        """A fresher login to keep in place of `secrets` where the network renews its
        logins and this one is due (Threads: a token over a day old), asked of the server;
        None when there is nothing to renew. Raises `AuthError` (log in again) once the
        login cannot be renewed any more."""
        return None

    @abstractmethod
    def mentions(self, text: str) -> tuple[core.Mention, ...]:
        """How it reads a post's @mentions, offline."""

    @abstractmethod
    def login(self, prompt: core.Prompt) -> core.LoggedIn:
        """Asks `prompt` for the login fields, checks them with the server."""

    @abstractmethod
    def open_publisher(
        self,
        account: core.Account,
        secrets: core.Secrets,
        save: core.SaveSecrets,
        options: core.Options,
    ) -> core.Publisher: ...

    @abstractmethod
    def mention_lookup(
        self, account: core.Account, secrets: Callable[[], core.Secrets]
    ) -> Callable[[str], bool]:
        """Whether a handle names an account, asked with one of the person's accounts (its
        secrets are read from the keyring only if the network needs them)."""

    def link_cards(
        self,
        posts: Sequence[Outgoing],
        options: core.Options,
        read: Callable[[str, str, int], tuple[str, str, bytes]],
    ) -> tuple[tuple[Outgoing, ...], tuple[str, ...]]:
        """`posts` with the link cards the network's own app would put under their links
        (Bluesky's `app.bsky.embed.external`), made now, when the run is planned, so that
        what goes out is what was previewed; and a note for each card that could not be
        made (a page that cannot be read is no failure). `read(link, url, limit)` fetches
        `url` for the card of `link` (the same host rules apply to both), at most `limit`
        bytes: (where it was found after redirects, its media type, its body); it raises
        `InputError`, one line naming the address. A network that makes its own cards
        from the text (X, Mastodon, Threads) is told nothing: no cards, no notes."""
        return tuple(posts), ()

    @abstractmethod
    def check_login(self, account: core.Account, secrets: core.Secrets) -> str | None:
        """Asks the server whether `account`'s kept login still works, sending nothing.
        Returns when it expires, as a person reads it ("on 5 February 2027"), or None
        when it lasts until revoked. Raises `AuthError` when refused, `ServiceError`
        when the server cannot be reached."""

    def normalise_handle(self, handle: str) -> str:
        return handle.strip().lstrip("@")

    def login_command(self, handle: str = "") -> str:
        """The command that adds an account: `thread login bluesky --handle HANDLE`."""
        options = "".join(
            f" --{field.name} {handle if field.name == 'handle' and handle else field.name.upper()}"
            for field in self.login_fields
            if field.option and not field.secret and not field.default
        )
        return f"thread login {self.name}{options}"

    def __repr__(self) -> str:
        return f"<Network {self.name}>"
