"""Bookings made with the real `thread schedule`, and their time brought forward.

A test never waits for a booked time to come: it books well ahead (a loaded machine
takes seconds over each command) and then moves the booking's time to when it says,
as if the clock had got there. The runner reads the time from the store, as it would
once the clock had moved."""

from __future__ import annotations

import re
import sqlite3
import time

from support.thread_cli import Thread

AHEAD = "+1h"  # when a test books: never due before the test says so


def booked_id(said: str) -> int:
    """The id `thread schedule` printed ("Scheduled 3: …")."""
    found = re.search(r"^Scheduled (\d+): ", said, re.MULTILINE)
    assert found is not None, said
    return int(found.group(1))


def due_at(thread: Thread, schedule_id: int) -> float:
    """When the booking is due, in seconds since the epoch."""
    database = sqlite3.connect(thread.data / "threadsmith" / "threadsmith.db")
    try:
        (due,) = database.execute(
            "SELECT due FROM schedules WHERE id = ?", (schedule_id,)
        ).fetchone()
    finally:
        database.close()
    return float(due)


def bring_due(thread: Thread, schedule_id: int, ago: float = 0.0) -> float:
    """Make the booking due `ago` seconds before now; its new time."""
    due = time.time() - ago
    database = sqlite3.connect(thread.data / "threadsmith" / "threadsmith.db")
    try:
        with database:
            database.execute("UPDATE schedules SET due = ? WHERE id = ?", (due, schedule_id))
    finally:
        database.close()
    return due
