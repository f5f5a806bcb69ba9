"""The networks' publish options side by side (who may reply, Mastodon's visibility…):
each once, with which networks take it, as `thread publish --help` and the app's publish
form say it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from threadsmith.network.base import Network
from threadsmith.network.core import PublishOption


@dataclass(frozen=True, slots=True)
class SharedOption:
    """A publish option of one or more networks."""

    option: PublishOption  # as the first network declaring it describes it
    takers: tuple[str, ...]  # "Bluesky", "X only everyone, following, mentioned"

    @property
    def where(self) -> str:
        """Which networks take it, in a line: "Bluesky; X only everyone, following, mentioned"."""
        return "; ".join(self.takers)


def shared_options(networks: Iterable[Network]) -> list[SharedOption]:
    """Each publish option of `networks` once, in the order they declare them; its takers
    are the networks offering every choice first, then those offering only some."""
    first: dict[str, PublishOption] = {}
    every: dict[str, list[str]] = {}  # the networks offering every choice
    some: dict[str, list[str]] = {}  # those offering only some, with which
    for network in networks:
        for option in network.publish_options:
            first.setdefault(option.name, option)
            every.setdefault(option.name, [])
            some.setdefault(option.name, [])
            if option.offered is None:
                every[option.name].append(network.display_name)
            else:
                some[option.name].append(f"{network.display_name} only {', '.join(option.offered)}")
    return [SharedOption(option, (*every[name], *some[name])) for name, option in first.items()]
