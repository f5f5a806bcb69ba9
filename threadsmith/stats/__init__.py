"""How far people read a published thread: per-post counts from each network, kept
over time, and the read-through (the last post's figure as a share of the first's).

Used alike by `thread stats` and the app's stats screen: find the threads
(`threads_of_file`, `threads_of_draft`, `thread_at_url`), read their counts
(`read`, after `billed` says what a network that bills reads will charge), and
derive the figures of a reading (`post_figures`, `read_through`, `as_json`). Reading
from another server (Bluesky's AppView) is a setting kept in the store (`set_server`,
`server_in_use`).
"""

from __future__ import annotations

from threadsmith.stats.figures import (
    CSV_COLUMNS,
    PostFigures,
    ReadThrough,
    as_json,
    bar,
    iso_time,
    post_figures,
    read_through,
    write_csv,
)
from threadsmith.stats.reading import billed, read
from threadsmith.stats.settings import kept_server, read_from, server_in_use, set_server
from threadsmith.stats.threads import (
    Thread,
    ThreadPost,
    thread_at_url,
    threads_of_draft,
    threads_of_file,
)

__all__ = [
    "CSV_COLUMNS",
    "PostFigures",
    "ReadThrough",
    "Thread",
    "ThreadPost",
    "as_json",
    "bar",
    "billed",
    "iso_time",
    "kept_server",
    "post_figures",
    "read",
    "read_from",
    "read_through",
    "server_in_use",
    "set_server",
    "thread_at_url",
    "threads_of_draft",
    "threads_of_file",
    "write_csv",
]
