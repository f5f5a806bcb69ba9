"""Threads published at a set time: booked now with their exact texts (`book`), published
when due by the user's own timer calling `thread schedule run` (`due`), which is set up
by `thread schedule install` (`timer`). Used alike by the command line and the app.

A scheduled thread is a journalled run waiting in the `scheduled` state; once its
time comes it is published (and, if it stops half way, resumed) as any run.
"""

from __future__ import annotations

from threadsmith.schedule.book import book, differing, refused, update, waiting
from threadsmith.schedule.due import DEFAULT_GRACE, Outcome, Result, run_due

__all__ = [
    "DEFAULT_GRACE",
    "Outcome",
    "Result",
    "book",
    "differing",
    "refused",
    "run_due",
    "update",
    "waiting",
]
