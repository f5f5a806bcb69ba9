"""A network's description (`Network`) and the registry of the networks threadsmith
knows (filled by `threadsmith/networks/__init__.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.network.core import (
    Account,
    Field,
    ImageRules,
    LoggedIn,
    Mention,
    Options,
    Prompt,
    Publisher,
    PublishOption,
    SaveSecrets,
    Secrets,
)

if TYPE_CHECKING:
    from threadsmith.network.assisted import Assisted
    from threadsmith.network.metrics import Billing, Metrics
    from threadsmith.threading.models import PostRules


@dataclass(frozen=True, slots=True, eq=False)
class Network:
    """Everything the rest of threadsmith needs to know about one network.

    The functions load the network's client library when called, never before:
    `thread split` reads descriptions without importing tweepy or atproto."""

    name: str  # "x": in `--to x`, `--network x`, the store and the journal
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
        return f"<Network {self.name}>"

    def login_command(self, handle: str = "") -> str:
        """The command that adds an account: `thread login bluesky --handle HANDLE`."""
        options = "".join(
            f" --{field.name} {handle if field.name == 'handle' and handle else field.name.upper()}"
            for field in self.login_fields
            if field.option and not field.secret and not field.default
        )
        return f"thread login {self.name}{options}"


_REGISTRY: dict[str, Network] = {}


def register(network: Network) -> None:
    """Make a network known (`threadsmith/networks/__init__.py` registers them all)."""
    _REGISTRY[network.name] = network


def networks() -> tuple[Network, ...]:
    """Every network, in the order they were registered (the order the app shows)."""
    _ensure_registered()
    return tuple(_REGISTRY.values())


def network_named(name: str) -> Network:
    """The network called `name` ("x", "Bluesky"…), or an `InputError` naming the known ones."""
    _ensure_registered()
    found = _REGISTRY.get(name.strip().lower())
    if found is None:
        known = ", ".join(repr(known) for known in _REGISTRY)
        raise InputError(f"unknown network {name!r}: use {known}")
    return found


def _ensure_registered() -> None:
    """Load the networks on the first look-up, as the standard library's `codecs` loads
    its `encodings` package: by name, so this module never depends on them."""
    if not _REGISTRY:
        import_module("threadsmith.networks")
