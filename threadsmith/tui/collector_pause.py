"""The garbage collector waits while the author types, and runs when they pause.

Each keystroke on a long essay leaves large lists behind (the engine's, tens of
thousands of items) and Textual's messages leave reference cycles; the cyclic
collector's passes over them took 3-40 ms out of keystrokes. While the author
types they are put off; once the author pauses, or every `COLLECT_EVERY` changes
whatever happens (so memory stays bounded), one collection runs. Most garbage is
freed by reference counting as usual; only cycles wait.
"""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump
from textual.timer import Timer

COLLECT_AFTER_PAUSE = 1.0  # seconds without a change
COLLECT_EVERY = 200  # changes, at most, between two collections


class CollectorPause:
    """Puts off the cyclic garbage collector while `owner`'s essay is being typed."""

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._changes = 0  # since the last collection
        self._timer: Timer | None = None
        self._was_enabled = True

    def typed(self) -> None:
        """A change was made: collect later, once the typing pauses."""
        if self._changes == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._changes += 1
        if self._changes >= COLLECT_EVERY:
            self.collect()
        elif self._timer is not None:
            self._timer.reset()
        else:
            self._timer = self._owner.set_timer(COLLECT_AFTER_PAUSE, self.collect)

    def collect(self) -> None:
        """Collect now, and let the collector run by itself again until the next change."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._changes:
            self._changes = 0
            gc.collect()
            if self._was_enabled:
                gc.enable()
