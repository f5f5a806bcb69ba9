"""The local SQLite database: drafts, the accounts index (no secrets), the publish journal.

One `Store` is one connection; its methods come in groups, a module each:
`drafts`, `accounts` (with the app's preferences), `runs` (the journal and
who publishes what) and `schedules` (runs waiting for a set time), over
`database` (the file, its schema, every access wrapped so a damaged file is one
clear line).
"""

from __future__ import annotations

from threadsmith.store.accounts import Accounts
from threadsmith.store.claims import Claim
from threadsmith.store.drafts import Draft, Drafts
from threadsmith.store.runs import JournalPost, Run, Started
from threadsmith.store.schedules import Planned, Schedule, Schedules

__all__ = [
    "Claim", "Draft", "JournalPost", "Planned", "Run", "Schedule", "Started", "Store",
    "open_store",
]  # fmt: skip


class Store(Drafts, Accounts, Schedules):
    """The user's database (see the package docstring)."""


def open_store() -> Store:
    """The user's store, at the platformdirs location."""
    from threadsmith.paths import database_path

    return Store(database_path())
