"""Publishing: plan what goes where (`plan`), then run the journal (`run`).

Used alike by `thread publish`, the app's publish screen and the scheduler.
"""

from __future__ import annotations

from threadsmith.publish.assisted import assisted_account, assisted_mode
from threadsmith.publish.plan import (
    MISSING_ALT,
    Plan,
    Target,
    check_images,
    check_posts,
    plan,
    resembling,
    start,
    waits_for_schedule,
)
from threadsmith.publish.progress import (
    Committing,
    Event,
    Failed,
    Finished,
    Sending,
    Sent,
    Uploading,
    Waiting,
)
from threadsmith.publish.runner import run

__all__ = [
    "MISSING_ALT",
    "Committing",
    "Event",
    "Failed",
    "Finished",
    "Plan",
    "Sending",
    "Sent",
    "Target",
    "Uploading",
    "Waiting",
    "assisted_account",
    "assisted_mode",
    "check_images",
    "check_posts",
    "plan",
    "resembling",
    "run",
    "start",
    "waits_for_schedule",
]
