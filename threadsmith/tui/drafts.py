"""Drafts as the app sees them: settings for the editor, a summary for the library."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from threadsmith.errors import ThreadsmithError
from threadsmith.store import Draft, Store
from threadsmith.threading import Thread
from threadsmith.threading.frontmatter import read_front_matter


@dataclass(frozen=True)
class DraftSettings:
    """How a draft is split: the preview's platform(s) and the numbering and extras."""

    view: str = "x"  # "x", "bluesky" or "both"
    numbering: str | None = None  # None: the essay's front matter, else "{n}/"
    position: str | None = None
    first: str | None = None
    last: str | None = None
    limit: int | None = None

    def platforms(self) -> list[str]:
        return ["x", "bluesky"] if self.view == "both" else [self.view]

    def split(self, text: str, platform: str) -> Thread:
        """The essay split for `platform` with these settings (None: the front matter's)."""
        from threadsmith.threading import split  # loaded on first use: the app paints first

        return split(
            text, platform, numbering=self.numbering, position=self.position,
            limit=self.limit, first=self.first, last=self.last,
        )  # fmt: skip


SETTING_NAMES = ("view", "numbering", "position", "first", "last", "limit")


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


def draft_key(draft_id: int) -> str:
    """The publish journal's key for an app draft (the CLI uses the essay's path)."""
    return f"draft:{draft_id}"


def settings_of(draft: Draft) -> DraftSettings:
    values: dict[str, Any] = {k: draft.settings[k] for k in SETTING_NAMES if k in draft.settings}
    return DraftSettings(**values)


def settings_json(settings: DraftSettings, source: object = None) -> dict[str, object]:
    data: dict[str, object] = {
        name: getattr(settings, name) for name in SETTING_NAMES if getattr(settings, name)
    }
    if source:
        data["source"] = source
    return data


@dataclass(frozen=True)
class Summary:
    x: str
    bluesky: str
    published: str  # "never", "X ✓", "X ✓ · Bluesky 3/7": fits a narrow column
    links: str  # the first post of each finished thread, for a line of its own


def draft_summary(store: Store, draft: Draft) -> Summary:
    """Posts per platform and publish state, for the library's columns."""
    settings = settings_of(draft)
    split_as = tuple(getattr(settings, name) for name in SETTING_NAMES[1:])
    return Summary(
        _post_count(draft.body, "x", split_as),
        _post_count(draft.body, "bluesky", split_as),
        *publish_state(store, draft.id),
    )


@lru_cache(maxsize=256)  # the library refreshes as you filter: split each text once
def _post_count(body: str, platform: str, split_as: tuple[Any, ...]) -> str:
    settings = DraftSettings(**dict(zip(SETTING_NAMES[1:], split_as, strict=True)))
    try:
        count = len(settings.split(body, platform).posts)
    except ThreadsmithError:
        return "?"
    return f"{count} post{'s' if count != 1 else ''}" if count else "—"


def publish_state(store: Store, draft_id: int) -> tuple[str, str]:
    """(state, links): how far each publish run got, and where finished threads start."""
    runs = store.runs_for(draft_key(draft_id))
    if not runs:
        return "never", ""
    states, links = [], []
    for run in runs:
        posts = store.run_posts(run.id)
        sent = sum(post.state == "sent" for post in posts)
        name = "X" if run.platform == "x" else "Bluesky"
        if run.status == "done":
            states.append(f"{name} ✓")
            if posts and posts[0].ref:
                links.append(f"{name} {posts[0].ref.url}")
        else:
            states.append(f"{name} {sent}/{len(posts)}")
    return " · ".join(states), " · ".join(links)
