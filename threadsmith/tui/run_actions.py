"""What the app does with an unfinished publish run beyond resuming it: give it up for
good (asked first), so that it never resumes and no longer blocks anything."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from threadsmith.errors import ThreadsmithError
from threadsmith.network import Account
from threadsmith.tui.base import AppScreen
from threadsmith.tui.widgets.dialogs import Confirm


def abandon(
    screen: AppScreen[None],
    draft_key: str,
    accounts: Sequence[Account],
    done: Callable[[], Awaitable[None]],
) -> None:
    """Give up the unfinished runs of this draft to `accounts`, once the person agrees;
    then `done` (the screen shows the accounts again)."""
    store = screen.store
    runs = [
        run
        for account in accounts
        if (run := store.open_run(draft_key, account.network, account.handle)) is not None
    ]
    if not runs:
        screen.notify("No ticked account has an unfinished run.", markup=False)
        return
    names = ", ".join(Account(run.network, run.handle).name for run in runs)

    async def give_up(sure: bool | None) -> None:
        if not sure:
            return
        for run in runs:
            try:
                store.abandon_run(run.id)
            except ThreadsmithError as error:  # another threadsmith is publishing it
                screen.notify(str(error), severity="error", markup=False)
        await done()

    question = f"Give up the unfinished run to {names} for good? Posts sent stay online."
    screen.app.push_screen(Confirm(question, yes="Give up", no="Keep it"), give_up)
