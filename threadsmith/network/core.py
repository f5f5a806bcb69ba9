"""The values a network's description is made of: an account, what a login asks, how
a network publishes (the `Publisher` protocol and its options), its image rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from threadsmith.journal import Outgoing, PostRef
    from threadsmith.network.base import Network


@dataclass(frozen=True, slots=True)
class Account:
    """An account on a network, as the store lists it (its secrets are in the keyring).
    `service` is its server where the network has several (a Bluesky PDS, a Mastodon
    instance); `settings` what was learnt from that server (an instance's limits)."""

    network: Network
    handle: str
    service: str = ""
    settings: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        """How the person sees it: "Bluesky @alice.bsky.social" ("X" alone while its name
        is not known yet: publishing by hand with no account, until the first post)."""
        if not self.handle:
            return self.network.display_name
        return f"{self.network.display_name} @{self.handle}"

    @property
    def key(self) -> str:
        """ "bluesky:alice.bsky.social", as `--to` takes it."""
        return f"{self.network.name}:{self.handle}"


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
    # the choice `--no-name` stands for (`--no-quotes`: nobody); `name: false` in the front
    # matter is that choice too, `name: true` the first
    negative: str | None = None
    # why one account can do only `offered` (its server is too old), for the preview's note
    why_not: str = ""

    def offers(self, value: str) -> bool:
        return self.offered is None or value in self.offered

    def read(self, value: str) -> str:
        """`value` in this option's choices: yes or no (`quotes: false`, or a run journalled
        before `--quotes` took a value) read as the first choice or `negative`."""
        if self.negative is not None and value in ("true", "false"):
            return self.choices[0] if value == "true" else self.negative
        return value


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


# Who may quote the posts: everyone; the author's followers; nobody.
QUOTES = ("everyone", "followers", "nobody")


def quotes_option(offered: tuple[str, ...] | None = None) -> PublishOption:
    """`--quotes`: everyone, followers or nobody may quote the posts; `--no-quotes` (front
    matter `quotes: false`) is nobody."""
    return PublishOption(
        "quotes",
        "who may quote the posts: everyone, followers, nobody",
        choices=QUOTES,
        offered=offered,
        negative="nobody",
    )


Options = Mapping[str, str]  # publish options, by name


def quote_policy(options: Options) -> str:
    """Who may quote the posts, as a run's publish `options` say: one of `QUOTES`,
    everyone when they say nothing."""
    return quotes_option().read(options.get("quotes") or QUOTES[0])


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
    # the network takes an image only by its public https:// address, which it downloads
    # itself (Threads): a local file cannot go, and its post goes as text
    by_address: bool = False
    # the longest alt text an image may carry (None: the network sets none), counted in
    # characters, or in grapheme clusters where the network's own app counts those
    alt_limit: int | None = None
    alt_in_graphemes: bool = False


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


@runtime_checkable
class Prepares(Protocol):
    """A publisher whose post is made on the server before it is published (a Threads
    container): the run journals what `prepare` returns as the post's key before
    `send` publishes it, so a run that lost an answer asks about that very object."""

    def prepare(
        self, post: Outgoing, *, key: str | None, root: PostRef | None, parent: PostRef | None
    ) -> str:
        """The key of what `send` will publish: `key` (journalled earlier) while the
        server still holds it unpublished, else a new one."""
        ...


@runtime_checkable
class ChecksRoom(Protocol):
    """A publisher whose network limits how many posts an account may publish in a while
    (Threads' 24-hour quota)."""

    def check_room(self, posts: Sequence[Outgoing], *, replying: bool) -> None:
        """Raises `Refused`, saying the numbers, when `posts` (the first a reply if
        `replying`) cannot all go out now; called before anything is sent."""
        ...


@runtime_checkable
class SendsThreads(Protocol):
    """A publisher that sends a whole thread at once (Bluesky: the posts and their gates in
    one repository commit), each reply naming its parent before anything is sent. The run
    journals the refs `prepare_thread` gives (as `sending`) before `send_thread` sends
    them; after an ambiguous failure, `find_sent` of the first says whether all went."""

    def prepare_thread(
        self,
        posts: Sequence[Outgoing],
        *,
        keys: Sequence[str | None],
        root: PostRef | None,
        parent: PostRef | None,
        on_upload: Callable[[int, int], None],
    ) -> list[PostRef]:
        """The refs the first of `posts` will have once sent, as many as one request takes
        (at least one), each a reply to the one before it, the first to `parent` in the
        thread of `root` (a new thread when both are None). `keys` are the keys journalled
        for them earlier (None: a new one). Images are uploaded now (`on_upload(number,
        nth)` before each); nothing is published."""
        ...

    def send_thread(self, refs: Sequence[PostRef]) -> list[PostRef]:
        """Publish what `prepare_thread` made for `refs`, all at once: all of them or none.
        Raises as `Publisher.send` does (`AmbiguousResult` when it may have been applied)."""
        ...


SaveSecrets = Callable[[Mapping[str, str]], None]  # keeps changed secrets (a refreshed session)
