"""Several networks at once: each network's runs go out in a thread of their own, so a
thread reaches Bluesky and Mastodon at the same time instead of one after the other.

Within a network nothing changes: its runs go one after the other, each post a reply
to the one before, each journalled and claimed by `runner.run` as when alone (a claim
is per run, so two threads of one process never claim the same run, and a thread is
refused by `Store.claim_run` as ever when it went out from elsewhere). A `kill -9`
leaves each journal where its own thread got to; `--resume` finishes each.

The store is shared: its one connection is used under its lock, each transaction
whole (`threadsmith.store.database.Database`), so the threads never interleave
inside one. Each thread opens its own publisher (an SDK client is not shared).

UI-free: the caller's tasks report progress themselves (the CLI prints, the app
posts messages); a task that fails with a `ThreadsmithError` stops nothing else.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from threadsmith.errors import ThreadsmithError

Task = tuple[str, Callable[[], object]]  # (the network it goes to, what sends it)


def each_network(
    tasks: Sequence[Task],
    *,
    cancel: threading.Event | None = None,
    on_error: Callable[[int, ThreadsmithError], None] = lambda index, error: None,
) -> list[ThreadsmithError | None]:
    """Run `tasks`, those of one network in order, the networks side by side; returns
    each task's error (None where it went through). A task failing does not stop the
    others (one account's failure is its own). An error that is no `ThreadsmithError`
    (a bug) stops every network between posts (through `cancel`) and is raised once
    all have stopped; so is a KeyboardInterrupt in the calling thread."""
    groups: dict[str, list[int]] = {}
    for index, (network, _) in enumerate(tasks):
        groups.setdefault(network, []).append(index)
    errors: list[ThreadsmithError | None] = [None] * len(tasks)
    crashes: list[BaseException] = []

    def walk(indices: list[int]) -> None:
        for index in indices:
            try:
                tasks[index][1]()
            except ThreadsmithError as error:
                errors[index] = error
                on_error(index, error)
            except BaseException as crash:  # noqa: BLE001 - raised again in the caller
                crashes.append(crash)
                if cancel is not None:
                    cancel.set()
                return

    if len(groups) <= 1:  # one network: no thread needed (prompts by hand stay in order)
        for indices in groups.values():
            walk(indices)
    else:
        threads = [
            threading.Thread(target=walk, args=(indices,), name=f"publish-{network}")
            for network, indices in groups.items()
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except KeyboardInterrupt:  # stop every network between posts, then say so
            if cancel is not None:
                cancel.set()
            for thread in threads:
                thread.join()
            raise
    if crashes:
        raise crashes[0]
    return errors
