"""The networks threadsmith knows: those installed (`discovery`), one `Network` each,
listed in their declared order."""

from __future__ import annotations

from threadsmith.errors import InputError
from threadsmith.network.base import Network

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
