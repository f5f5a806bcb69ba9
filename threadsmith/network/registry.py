"""The networks threadsmith knows: those installed (`discovery`), one `Network` each,
listed in their declared order; and a placeholder for a network an account was made
with that is no longer installed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.network.base import Network

if TYPE_CHECKING:
    from threadsmith.network.core import (
        Account,
        ImageRules,
        LoggedIn,
        Mention,
        Options,
        Prompt,
        Publisher,
        SaveSecrets,
        Secrets,
    )
    from threadsmith.threading.models import PostRules

_INSTALLED: dict[str, Network] = {}
_UNUSABLE: dict[str, str] = {}  # entry point: why its network could not be loaded


def register(network: Network) -> None:
    """Make a network known beside the installed ones (a test's own network)."""
    _installed()[network.name] = network


def networks() -> tuple[Network, ...]:
    """Every installed network, in their declared order (the order the app shows)."""
    return tuple(_installed().values())


def default_network() -> Network:
    """The network a split is for when none is named: the first listed (X)."""
    return networks()[0]


def network_named(name: str) -> Network:
    """The network called `name` ("x", "Bluesky"…), or an `InputError` naming the known ones."""
    found = _installed().get(name.strip().lower())
    if found is None:
        known = ", ".join(repr(known) for known in _installed())
        raise InputError(f"unknown network {name!r}: use {known}")
    return found


def unusable_networks() -> dict[str, str]:
    """The networks declared by an installed package that could not be loaded, and why
    (`thread doctor` says so)."""
    _installed()
    return dict(_UNUSABLE)


def rediscover() -> None:
    """Look for the installed networks again at the next look-up (a network package
    installed or removed while this process runs)."""
    _INSTALLED.clear()
    _UNUSABLE.clear()


def _installed() -> dict[str, Network]:
    if not _INSTALLED:
        from threadsmith.network.discovery import declared

        loaded = []
        for point in declared():
            try:
                kind = point.load()
                network = kind() if isinstance(kind, type) and issubclass(kind, Network) else None
            except (ImportError, AttributeError, TypeError) as error:  # abstract, or broken
                _UNUSABLE[point.name] = f"{point.value} ({point.distribution}): {error}"
                continue
            if network is None:
                _UNUSABLE[point.name] = f"{point.value} ({point.distribution}) is not a Network"
                continue
            loaded.append(network)
        for network in sorted(loaded, key=lambda network: (network.position, network.name)):
            _INSTALLED.setdefault(network.name, network)
    return _INSTALLED


class Uninstalled(Network):
    """The network of an account kept in the store that is not installed any more: the
    account is listed under its name, and anything asked of it says what to install."""

    handle_example = "name"
    no_account = "@{handle} is not known"
    login_fields = ()
    secret_names = ()

    def __init__(self, name: str) -> None:
        self.name = name  # type: ignore[misc]  # a ClassVar elsewhere: here, per instance
        self.display_name = f"{name} (not installed)"  # type: ignore[misc]

    def _missing(self) -> InputError:
        return InputError(
            f"the network {self.name!r} is not installed any more: install its package "
            "again to use this account"
        )

    def post_rules(self, account: Account | None, limit: int | None, options: Options) -> PostRules:
        raise self._missing()

    def image_rules(self, account: Account | None) -> ImageRules:
        raise self._missing()

    def mentions(self, text: str) -> tuple[Mention, ...]:
        return ()

    def login(self, prompt: Prompt) -> LoggedIn:
        raise self._missing()

    def open_publisher(
        self, account: Account, secrets: Secrets, save: SaveSecrets, options: Options
    ) -> Publisher:
        raise self._missing()

    def mention_lookup(
        self, account: Account, secrets: Callable[[], Secrets]
    ) -> Callable[[str], bool]:
        raise self._missing()
