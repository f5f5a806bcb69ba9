"""The engine's split for a network named as `thread split` names it: the engine takes
a network's `PostRules` and knows no network by name, so tests that name one ("x",
"bluesky", "mastodon") split the way `thread split` does (`essay.split_for`)."""

from __future__ import annotations

from typing import Any

from threadsmith.essay import SplitOptions, network_of, split_for
from threadsmith.network import network_named
from threadsmith.threading import PostRules, Thread
from threadsmith.threading import split as engine_split


def rules_for(network: str, limit: int | None = None) -> PostRules:
    """The network's own rules, as it counts a post (no account: its default limits)."""
    return network_named(network).post_rules(None, limit, {})


def split(
    text: str,
    network: PostRules | str | None = None,
    numbering: str | None = None,
    position: str | None = None,
    **options: Any,
) -> Thread:
    """`network`'s split of `text`: its rules given, or named (else the front matter's,
    else the default network), with the engine's other options."""
    if isinstance(network, PostRules):
        return engine_split(text, network, numbering, position, **options)
    chosen = SplitOptions(network=network, numbering=numbering, position=position, **options)
    return split_for(text, network_of(text, chosen), chosen, mention_warnings=False)
