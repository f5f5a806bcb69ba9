"""The local SQLite database: drafts, the accounts index (no secrets), the publish journal.

One `Store` is one connection; its methods come in groups, a module each:
`drafts`, `accounts` (with the app's preferences), `runs` (the journal and
who publishes what), `schedules` (runs waiting for a set time) and `stats`
(readings of threads' counts), over `database` (the file, its schema, every access
wrapped so a damaged file is one clear line).
"""

from __future__ import annotations

from threadsmith.store.accounts import Accounts
from threadsmith.store.claims import Claim
from threadsmith.store.drafts import Draft, Drafts
from threadsmith.store.run_rows import JournalPost, Run
from threadsmith.store.runs import Started
from threadsmith.store.schedules import Planned, Schedule, Schedules
from threadsmith.store.stats import Fetch, FetchedPost, Stats

__all__ = [
    "Claim",
    "Draft",
    "Fetch",
    "FetchedPost",
    "JournalPost",
    "Planned",
    "Run",
    "Schedule",
    "Started",
    "Store",
    "open_store",
]


class Store(Drafts, Accounts, Schedules, Stats):
    """The user's database (see the package docstring)."""


def open_store() -> Store:
    """The user's store, at the platformdirs location."""
    from threadsmith.paths import database_path

    return Store(database_path())
