"""Drafts as the library lists them: titles, where an essay came from, and how far each
was published."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threadsmith.drafts.settings import SETTING_NAMES, DraftSettings, settings_of
from threadsmith.errors import InputError, ThreadsmithError
from threadsmith.essay import read_essay
from threadsmith.journal import RunStatus
from threadsmith.network import Network, default_network, network_named, networks
from threadsmith.wording import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from threadsmith.store import Draft, Run, Store


def draft_key(draft_id: int) -> str:
    """The publish journal's key for an app draft (the CLI uses the essay's path)."""
    return f"draft:{draft_id}"


UNTITLED = "Untitled draft"  # a new draft's title, until its first heading names it


def new_draft(store: Store) -> int:
    """A new empty draft, "Untitled draft" until its text names it (`draft_title`): its id."""
    return store.create_draft(UNTITLED).id


def draft_title(text: str) -> str:
    """The essay's first heading (or first line), as a draft title."""
    for raw in text.splitlines():
        line = raw.strip()
        if line and line != "---" and ":" not in line[:12]:
            return line.lstrip("#").strip()[:80]
    return ""


def draft_folder(draft: Draft) -> Path:
    """Where the draft's relative image paths start: the folder of the file it was
    imported from (as `thread publish` takes them), else the home folder."""
    source = str(draft.settings.get("source") or "")
    return Path(source).parent if source and "://" not in source else Path.home()


def import_file(store: Store, path: Path, reuse: bool = False) -> int:
    """A draft for the Markdown file at `path` (the one already made from it, if `reuse`
    and it holds the file's text or is newer). A missing file with `reuse` starts one."""
    try:
        text = read_essay(str(path))
    except InputError:
        if not reuse or path.exists():
            raise
        text = ""  # `thread draft new-essay.md`: start it
    source = str(path.resolve())
    if reuse:
        for draft in store.drafts():
            if draft.settings.get("source") == source and (
                draft.body == text or not path.exists() or draft.updated >= path.stat().st_mtime
            ):
                return draft.id
    draft = store.create_draft(draft_title(text) or path.stem, text)
    store.save_draft(draft.id, settings={"source": source})
    return draft.id


def import_document(
    store: Store, source: str, progress: Callable[[str], None] | None = None
) -> tuple[int, tuple[str, ...]]:
    """A new draft from a web page's address, a saved page or a Word document (its
    images kept next to the drafts); and what the import could not keep. A page with
    an address ends the thread with "Read the full post: URL", a `last` extra the
    person can change or remove (F4). `progress` is told what is being fetched."""
    from threadsmith.importing import READ_MORE, import_source
    from threadsmith.paths import draft_images_dir

    essay = import_source(source, draft_images_dir(), read_more=None, progress=progress)
    draft = store.create_draft(essay.title or draft_title(essay.body) or "Imported", essay.markdown)
    settings: dict[str, object] = {"source": essay.url or str(Path(essay.source).resolve())}
    if essay.url:
        settings["last"] = READ_MORE.format(url=essay.url)
    store.save_draft(draft.id, settings=settings)
    return draft.id, essay.warnings


@dataclass(frozen=True)
class Summary:
    posts: dict[str, int | None]  # network name -> its posts; None: it cannot be split
    published: str  # "never", "X ✓", "X ✓ · Bluesky 3/7": fits a narrow column
    links: str  # the first post of each finished thread, for a line of its own


def networks_in_use(store: Store) -> list[Network]:
    """The networks the person publishes to (those with an account), in the registry's
    order; with no account yet, the default network. The library counts posts for
    these only: a column for every installed network would not fit 80 columns."""
    used = {account.network for account in store.accounts()}
    return [network for network in networks() if network in used] or [default_network()]


def draft_summary(store: Store, draft: Draft) -> Summary:
    """Posts per network in use and publish state, for the library's columns."""
    settings = settings_of(draft)
    split_as = tuple(getattr(settings, name) for name in SETTING_NAMES[1:])
    counts = {p.name: _post_count(draft.body, p.name, split_as) for p in networks_in_use(store)}
    return Summary(counts, *publish_state(store, draft.id))


def posts_said(count: int | None, bare: bool = False) -> str:
    """A draft's posts on a network as the library says them: "7 posts" (or, `bare`,
    "7", under a column naming the network), "—" for none, "?" when it cannot be split."""
    if count is None:
        return "?"
    if not count:
        return "—"
    return str(count) if bare else counted(count, "post")


@lru_cache(maxsize=256)  # the library refreshes as you filter: split each text once
def _post_count(body: str, network: str, split_as: tuple[Any, ...]) -> int | None:
    settings = DraftSettings(**dict(zip(SETTING_NAMES[1:], split_as, strict=True)))
    try:
        return len(settings.split(body, network_named(network), mention_warnings=False).posts)
    except ThreadsmithError:
        return None


def publish_state(store: Store, draft_id: int, now: float | None = None) -> tuple[str, str]:
    """(state, links): how far each publish run got, when the scheduled ones go out (or
    that they missed their time, or need the person), and where finished threads
    start. `now` is the time to count from, in seconds since the epoch."""
    from threadsmith.times import local_zone, short_when

    runs = [run for run in store.runs_for(draft_key(draft_id)) if _counts(run)]
    if not runs:
        return "never", ""
    states, links = [], []
    # schedule -> "needs you", "missed" or "" (waiting): each said once, whatever the networks
    schedules: dict[int, str] = {}
    for run in runs:
        name = run.network.display_name
        if run.status in _WAITING and run.schedule_id is not None:
            both = (schedules.get(run.schedule_id, ""), _SAID.get(run.status, ""))
            schedules[run.schedule_id] = max(both, key=_URGENCY.index)
            continue
        posts = store.run_posts(run.id)
        sent = sum(post.ref is not None for post in posts)
        if run.status is RunStatus.DONE:
            states.append(f"{name} ✓")
            if posts and posts[0].ref:
                links.append(f"{name} {posts[0].ref.url}")
        else:
            states.append(f"{name} {sent}/{len(posts)}")
    for schedule_id, said in schedules.items():
        if said:
            states.append(said)
        else:
            due = store.schedule(schedule_id).due
            states.append(f"scheduled {short_when(due, now or time.time(), local_zone())}")
    return " · ".join(states), " · ".join(links)


_WAITING = (RunStatus.SCHEDULED, RunStatus.MISSED, RunStatus.HELD)
_SAID = {RunStatus.MISSED: "missed", RunStatus.HELD: "needs you"}
_URGENCY = ("", "missed", "needs you")  # what a schedule's row says of it, the most pressing


def _counts(run: Run) -> bool:
    return run.status not in (RunStatus.ABANDONED, RunStatus.CANCELLED)
