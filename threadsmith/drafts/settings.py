"""How a draft is split and previewed, kept with the draft; and the draft as a Markdown
file that `thread split` splits the same way."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from threadsmith.essay import SplitOptions, split_for
from threadsmith.network import Account, Network, default_network, network_named, networks
from threadsmith.threading.frontmatter import read_front_matter

if TYPE_CHECKING:
    from threadsmith.store import Draft
    from threadsmith.threading import Splitter, Thread

ALL = "all"  # the view with every network side by side
SETTING_NAMES = ("view", "numbering", "position", "first", "last", "limit", "compact")


@dataclass(frozen=True)
class DraftSettings:
    """How a draft is split: the preview's network(s), and the numbering and extras."""

    # a network's name, or "all"; at first the default network's
    view: str = field(default_factory=lambda: default_network().name)
    numbering: str | None = None  # None: the essay's front matter, else "{n}/"
    position: str | None = None
    first: str | None = None
    last: str | None = None
    limit: int | None = None
    compact: bool | None = None  # None: the essay's front matter, else clean breaks

    def networks(self) -> tuple[Network, ...]:
        """The networks the preview shows."""
        if self.view in (ALL, "both"):  # "both" was X and Bluesky, before there were three
            return networks()
        return (network_named(self.view),)

    def options(self) -> SplitOptions:
        return SplitOptions(
            numbering=self.numbering, position=self.position, limit=self.limit,
            first=self.first, last=self.last, compact=self.compact,
        )  # fmt: skip

    def split(
        self,
        text: str,
        network: Network,
        account: Account | None = None,
        mention_warnings: bool = True,
        splitter: Splitter | None = None,
    ) -> Thread:
        """The essay split for `network` with these settings (None: the front matter's)."""
        return split_for(text, network, self.options(), account, mention_warnings, splitter)


def settings_of(draft: Draft) -> DraftSettings:
    values: dict[str, Any] = {k: draft.settings[k] for k in SETTING_NAMES if k in draft.settings}
    if values.get("view") not in (ALL, "both", *(p.name for p in networks())):
        values.pop("view", None)
    return DraftSettings(**values)


def settings_json(settings: DraftSettings, source: object = None) -> dict[str, object]:
    data: dict[str, object] = {
        name: getattr(settings, name)
        for name in SETTING_NAMES
        if getattr(settings, name) not in (None, "")
    }
    if source:
        data["source"] = source
    return data


def essay_for_export(body: str, settings: DraftSettings) -> str:
    """The draft as a Markdown file that `thread split` splits as the app does: the
    numbering, extras and limit chosen in the app go into its front matter (other
    front matter lines are kept as written), and the file ends with a newline."""
    text = body if not body or body.endswith("\n") else body + "\n"
    chosen = {
        name: getattr(settings, name)
        for name in SETTING_NAMES[1:]
        if getattr(settings, name) is not None
    }
    if not chosen:
        return text
    # A JSON string or number is a YAML scalar: no quoting rules to get wrong.
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in chosen.items()]
    body_start = read_front_matter(text).body_start
    if not body_start:
        return "---\n" + "\n".join(lines) + "\n---\n" + text
    block = text[text.index("\n") + 1 : body_start].splitlines()
    closing, kept, replacing = block[-1], [], False
    for line in block[:-1]:
        if line[:1].isspace() and replacing:
            continue  # the rest of a value being replaced
        replacing = line.split(":", 1)[0].strip() in chosen
        if not replacing:
            kept.append(line)
    return "---\n" + "\n".join([*kept, *lines, closing]) + "\n" + text[body_start:]
