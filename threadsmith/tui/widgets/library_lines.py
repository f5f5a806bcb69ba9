"""What the library says of each draft beyond its columns: titles fitted to the width
the other columns leave, told apart when two would look the same ("For Parents' an…"
twice), and the line naming the highlighted draft in full (which draft, when last
edited, where published), as the Delete dialog names it too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.cells import cell_len
from textual.widgets import Static

from threadsmith.drafts.library import Summary
from threadsmith.store import Draft

ELLIPSIS = "…"


def fit_titles(titles: Sequence[str], width: int) -> list[str]:
    """Each title in at most `width` cells: whole when it fits, else cut with "…" at its
    end, or in its middle where end-cutting would make it look like another title (the
    part where it differs is kept: "For Pare…(copy)"). Titles that are the same stay the
    same: the line under the table tells those drafts apart."""
    shown = [_cut_end(title, width) for title in titles]
    for index, title in enumerate(titles):
        alike = [t for t, s in zip(titles, shown, strict=True) if s == shown[index] and t != title]
        if not alike or cell_len(title) <= width:
            continue
        common = min(len(_common_prefix(title, other)) for other in alike)
        tail = title[common:]
        if not tail.strip():
            continue  # the others go on where this one ends: they are the ones cut apart
        head = max(4, width - 1 - cell_len(tail))
        shown[index] = _cut_middle(title, head, width)
    return shown


def edited_at(stamp: float) -> str:
    """ "07 Dec 2026 14:52", in local time: two drafts edited minutes apart differ."""
    return datetime.fromtimestamp(stamp).strftime("%d %b %Y %H:%M")


def posts_of(summary: Summary) -> str:
    """ "X 6 posts, Bluesky 5 posts, Mastodon 3 posts" """
    from threadsmith.drafts.library import posts_said
    from threadsmith.network import network_named

    return ", ".join(
        f"{network_named(name).display_name} {posts_said(count)}"
        for name, count in summary.posts.items()
    )


def describe(draft: Draft, summary: Summary | None, twins: int = 0) -> str:
    """What tells the draft apart from any other of the same title: its number and last
    edit; with its `summary`, its posts and where it was published too (the library's
    columns show those)."""
    also = {0: "", 1: " (another draft has this title too)"}.get(
        twins, f" ({twins} other drafts have this title too)"
    )
    line = f"“{draft.title}”{also} · draft {draft.id} · edited {edited_at(draft.updated)}"
    if summary is None:
        return line
    return f"{line}\n{posts_of(summary)}\nPublished: {summary.published}"


class DraftLine(Static):
    """The highlighted draft, named in full under the library's table."""

    DEFAULT_CSS = """
    DraftLine { color: $text-muted; padding: 1 0 0 0; height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)


def _common_prefix(one: str, other: str) -> str:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return one[:length]


def _cut_end(title: str, width: int) -> str:
    if cell_len(title) <= width:
        return title
    kept = ""
    for char in title:
        if cell_len(kept + char) > width - 1:
            break
        kept += char
    return kept.rstrip() + ELLIPSIS


def _cut_middle(title: str, head: int, width: int) -> str:
    """The first `head` cells, "…", then as much of the end as fits `width`."""
    start = _cut_end(title, head + 1)[:-1].rstrip()
    room = width - cell_len(start) - 1
    end = ""
    for char in reversed(title):
        if cell_len(char + end) > room:
            break
        end = char + end
    return start + ELLIPSIS + end.lstrip()
