"""What threadsmith knows of a network, in one place: its `Platform` description.

Each network lives in a folder of its own under `threadsmith/platforms/`, whose
`__init__` describes it (cheap to import: no network library is loaded until a
function of the description is called) and registers it here. Everything else —
the command line, the app, the store, the publish run — asks the registry, so
adding a network is adding its folder and registering it in
`threadsmith/platforms/__init__.py`.

This module sits below both the store and the networks: it imports only the
engine's values and the journal's types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from threadsmith.errors import InputError

if TYPE_CHECKING:
    from decimal import Decimal

    from threadsmith.journal import Outgoing, PostRef
    from threadsmith.threading.models import PostRules


@dataclass(frozen=True, slots=True)
class Account:
    """An account on a network, as the store lists it (its secrets are in the keyring).
    `service` is its server where the network has several (a Bluesky PDS, a Mastodon
    instance); `settings` what was learnt from that server (an instance's limits)."""

    platform: Platform
    handle: str
    service: str = ""
    settings: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        """How the person sees it: "Bluesky @alice.bsky.social" ("X" alone while its name
        is not known yet: publishing by hand with no account, until the first post)."""
        if not self.handle:
            return self.platform.display_name
        return f"{self.platform.display_name} @{self.handle}"

    @property
    def key(self) -> str:
        """ "bluesky:alice.bsky.social", as `--to` takes it."""
        return f"{self.platform.name}:{self.handle}"


@dataclass(frozen=True, slots=True)
class Field:
    """Something a login asks for. `name` is also the option of `thread login`
    (`--name`) for the fields that are not secret, unless `option` is False (asked
    along the way, like a code a browser shows)."""

    name: str
    label: str
    secret: bool = False  # asked without echo; kept in the keyring, never in the store
    default: str = ""
    example: str = ""
    option: bool = True


@dataclass(frozen=True, slots=True)
class PublishOption:
    """A setting of how a network publishes (Mastodon's visibility, a content warning):
    `thread publish --name VALUE`, or `name:` in the essay's front matter.

    Several networks may declare the same option (who may reply): `choices` is what a
    person may say, the first restricting nothing (the network's default); `offered`
    those values this network can do (None: all). The planner reports a value a
    network does not offer, or an option it lacks, rather than drop it silently."""

    name: str
    help: str
    choices: tuple[str, ...] = ()
    offered: tuple[str, ...] | None = None
    flag: bool = False  # yes or no: `--name` / `--no-name`, `name: false`; choices true, false

    def offers(self, value: str) -> bool:
        return self.offered is None or value in self.offered


# Who may reply to a thread and who may quote its posts, in one vocabulary for every
# network; each says which of these it can do (`PublishOption.offered`).
REPLIES = ("everyone", "following", "mentioned", "followers", "nobody")


def replies_option(offered: tuple[str, ...] | None = None) -> PublishOption:
    """`--replies`: everyone; the accounts you follow; those mentioned in the post;
    your followers; nobody."""
    return PublishOption(
        "replies",
        "who may reply: everyone, following (whom you follow), mentioned (those the posts "
        "mention), followers, nobody",
        choices=REPLIES,
        offered=offered,
    )


def quotes_option() -> PublishOption:
    """`--no-quotes` (front matter `quotes: false`): nobody may quote the posts."""
    return PublishOption(
        "quotes", "whether others may quote the posts", choices=("true", "false"), flag=True
    )


Options = Mapping[str, str]  # publish options, by name


class Prompt(Protocol):
    """How a login talks to the person: the CLI's terminal, or the app's dialogs."""

    interactive: bool  # False: secrets come from standard input, one per line

    def ask(self, field: Field) -> str:
        """The value of `field` (given already, or asked for now); never empty."""
        ...

    def say(self, text: str) -> None: ...

    def open_url(self, url: str) -> None:
        """Open `url` in a browser if there is one (it has been said too)."""
        ...


@dataclass(frozen=True, slots=True)
class LoggedIn:
    """A verified login: the account's name on its network and what to keep."""

    handle: str
    service: str
    secrets: dict[str, str]  # for the keyring
    settings: dict[str, object] = field(default_factory=dict)  # for the store


@dataclass(frozen=True, slots=True)
class ImageRules:
    """What images a post may carry on a network."""

    max_images: int
    max_bytes: int
    types: frozenset[str] = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An @mention as a network reads it: `handle` without the @; `problem` says why
    it will not reach whom it seems to, when that is plain from the text alone."""

    handle: str
    problem: str | None = None


class Secrets(Mapping[str, str]):
    """An account's secrets, as kept in the keyring: a mapping that never shows its values."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Secrets({', '.join(self._values)})"  # the names, never the values


class Publisher(Protocol):
    """One authenticated account on one network, as the publish run uses it."""

    handle: str  # "" until known (by hand with no account): the run takes it once it is
    warnings: list[str]  # things to tell the person once the run is over

    def new_key(self) -> str | None:
        """A key to journal *before* sending (a Bluesky record key, a Mastodon
        Idempotency-Key); None when the network has none (X)."""
        ...

    def send(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> PostRef:
        """Publish `post` as a reply to `parent` (in the thread started by `root`), or as
        a new thread when both are None. Raises `PublishError` subclasses:
        `AmbiguousResult` when the request may have been applied; `Cancelled` when the
        person stopped part way (by hand, they may have published it: the run looks first
        when it resumes)."""
        ...

    def find_sent(
        self, post: Outgoing, *, key: str | None, parent: PostRef | None
    ) -> PostRef | None:
        """After an ambiguous failure: the post if it is on the server, None if it
        certainly is not. Raises `AmbiguousResult` when that cannot be decided."""
        ...

    def resolve(self, url: str) -> tuple[PostRef, PostRef]:
        """(root, parent) for continuing the existing thread at `url` (--reply-to)."""
        ...

    def close(self) -> None: ...


SaveSecrets = Callable[[Mapping[str, str]], None]  # keeps changed secrets (a refreshed session)


@dataclass(frozen=True, slots=True)
class PostMetrics:
    """One post's public counts as its network gives them; None where it gives none.
    `replies` is the network's own count, which includes the thread's next post (a
    reply by the author): `threadsmith.stats` takes that one out."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    impressions: int | None = None
    bookmarks: int | None = None


@dataclass(frozen=True, slots=True)
class MetricsAccess:
    """What reading counts may use: the account that published the thread (None for a
    thread found by its URL), its secrets (read from the keyring only if the network
    needs them), and where to read as the person said (Bluesky: {"appview": URL})."""

    account: Account | None
    secrets: Callable[[], Secrets]
    settings: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FoundThread:
    """A thread found on its network from its first post's URL: its author, its posts."""

    handle: str
    posts: tuple[PostRef, ...]


@dataclass(frozen=True, slots=True)
class Metrics:
    """How a network's per-post public counts are read (`threadsmith.stats` uses it)."""

    # the counts of each post, in order; None for a post the network no longer has
    # (deleted, or hidden from us). Raises `PublishError` subclasses when refused.
    read: Callable[[MetricsAccess, Sequence[PostRef]], list[PostMetrics | None]]
    fields: tuple[str, ...]  # the `PostMetrics` fields it fills, in the order to show
    needs_account: bool = False  # X reads with the account's API keys; Bluesky reads publicly
    is_post_url: Callable[[str], bool] = lambda url: False
    # the posts of the thread that starts at a post's URL, following its author's own
    # replies (for a thread threadsmith did not publish); None where it cannot be done
    thread_at: Callable[[MetricsAccess, str], FoundThread] | None = None


@dataclass(frozen=True, slots=True)
class PriceTable:
    """What a network's API bills, in US dollars, as published at `source` on `taken`
    (an ISO date). `overridden` names the figures a person set instead."""

    post: Decimal  # creating a post that carries no link
    post_with_link: Decimal  # creating a post that carries a link
    read: Decimal  # reading one post (its counts)
    taken: str
    source: str
    overridden: frozenset[str] = frozenset()


PRICE_NAMES = ("post", "post_with_link", "read")  # the figures of a `PriceTable`


@dataclass(frozen=True, slots=True)
class Billing:
    """A network whose API bills each use: its prices, and which posts count as
    carrying a link (billed more)."""

    prices: PriceTable
    has_link: Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Handoff:
    """One post handed to the person to publish themselves (assisted publishing)."""

    post: Outgoing
    length: int  # as the network counts it
    compose_url: str  # the network's compose page with the text (and the reply) filled in
    reply_to: str | None  # the address of the post it answers; None for a new thread


class Guide(Protocol):
    """How an assisted publisher talks to the person: the CLI's terminal, the app's dialog.

    The publisher decides what to ask and checks the answers; the guide presents them."""

    def show(self, handoff: Handoff) -> None:
        """Present the post (text, length, the images to attach by hand), copy its text
        to the clipboard and open the compose page, where the terminal and machine allow."""
        ...

    def ask_address(self, number: int, question: str, *, optional: bool = False) -> str | None:
        """What the person pasted or typed for post `number`, stripped; None when they
        stop (end of input, Esc, closing the app). `optional`: an empty answer means "it
        was not published"."""
        ...

    def say(self, text: str) -> None:
        """One line: why an answer was refused (the question is asked again after it)."""
        ...


@dataclass(frozen=True, slots=True)
class Assisted:
    """A network a person can publish to by hand, helped, when its API will not do (X
    without a paid plan): the publisher hands each post over through a `Guide` and
    journals the address the person gives back, so a run resumes like any other."""

    label: str  # "X (assisted)": how the app and the command line name it
    address_example: str  # what a post's address looks like: "https://x.com/you/status/…"
    # (account, guide, publish options): `account.handle` may be "" (learnt from the
    # first address), and the account need not be in the store nor have secrets
    open_publisher: Callable[[Account, Guide, Options], Publisher]

    def name(self, account: Account) -> str:
        """ "X (assisted) @alice", or the label alone while the handle is unknown."""
        return f"{self.label} @{account.handle}" if account.handle else self.label


@dataclass(frozen=True, slots=True, eq=False)
class Platform:
    """Everything the rest of threadsmith needs to know about one network.

    The functions load the network's client library when called, never before:
    `thread split` reads descriptions without importing tweepy or atproto."""

    name: str  # "x": in `--to x`, `--platform x`, the store and the journal
    display_name: str  # "X"
    handle_example: str  # "alice.bsky.social", for hints
    no_account: str  # what a mention of a handle that names no one says: "@{handle} is …"
    login_fields: tuple[Field, ...]
    secret_names: tuple[str, ...]  # what its keyring entry must hold
    # (account, --limit, publish options): an account's server may set its own limits
    post_rules: Callable[[Account | None, int | None, Options], PostRules]
    image_rules: Callable[[Account | None], ImageRules]
    mentions: Callable[[str], tuple[Mention, ...]]  # offline: how it reads a post's @s
    login: Callable[[Prompt], LoggedIn]
    open_publisher: Callable[[Account, Secrets, SaveSecrets, Options], Publisher]
    # whether a handle names an account, asked with one of the person's accounts (its
    # secrets are read from the keyring only if the network needs them)
    mention_lookup: Callable[[Account, Callable[[], Secrets]], Callable[[str], bool]]
    normalise_handle: Callable[[str], str] = lambda handle: handle.strip().lstrip("@")
    publish_options: tuple[PublishOption, ...] = ()
    # what its server says about an account now (an instance's limits), kept in the store
    server_settings: Callable[[Account], dict[str, object]] | None = None
    metrics: Metrics | None = None  # None: its counts cannot be read
    # what its API bills (loaded when asked: its table needs `decimal`); None: it is free
    billing: Callable[[], Billing] | None = None
    assisted: Assisted | None = None  # publishing by hand, helped, where the network allows

    def __repr__(self) -> str:
        return f"<Platform {self.name}>"

    def login_command(self, handle: str = "") -> str:
        """The command that adds an account: `thread login bluesky --handle HANDLE`."""
        options = "".join(
            f" --{field.name} {handle if field.name == 'handle' and handle else field.name.upper()}"
            for field in self.login_fields
            if field.option and not field.secret and not field.default
        )
        return f"thread login {self.name}{options}"


_REGISTRY: dict[str, Platform] = {}


def register(platform: Platform) -> None:
    """Make a network known (`threadsmith/platforms/__init__.py` registers them all)."""
    _REGISTRY[platform.name] = platform


def platforms() -> tuple[Platform, ...]:
    """Every network, in the order they were registered (the order the app shows)."""
    _ensure_registered()
    return tuple(_REGISTRY.values())


def platform_named(name: str) -> Platform:
    """The network called `name` ("x", "Bluesky"…), or an `InputError` naming the known ones."""
    _ensure_registered()
    found = _REGISTRY.get(name.strip().lower())
    if found is None:
        known = ", ".join(repr(known) for known in _REGISTRY)
        raise InputError(f"unknown platform {name!r}: use {known}")
    return found


def _ensure_registered() -> None:
    """Load the networks on the first look-up, as the standard library's `codecs` loads
    its `encodings` package: by name, so this module never depends on them."""
    if not _REGISTRY:
        import_module("threadsmith.platforms")
