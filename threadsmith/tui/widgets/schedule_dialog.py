"""When to publish: a date and a time in the local time zone (named on the dialog), read
as they are typed; the dialog gives the moment in seconds since the epoch."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from threadsmith.errors import InputError
from threadsmith.times import full_when, local_zone, parse_at, relative, zone_label


class ScheduleDialog(ModalScreen[float | None]):
    """Ask when to publish; dismisses with the moment (seconds since the epoch) or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(
        self,
        title: str,
        due: float | None = None,
        *,
        ok: str = "Schedule",
        clock: Callable[[], float] = time.time,
        zone: tzinfo | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.ok = title, ok
        self.clock = clock
        self.zone = zone or local_zone()
        now = datetime.fromtimestamp(clock(), self.zone)
        # the moment given (moving a schedule), else the next whole hour
        start = datetime.fromtimestamp(due, self.zone) if due else now + timedelta(hours=1)
        self.date = start.strftime("%Y-%m-%d")
        self.clock_time = start.strftime("%H:%M" if due else "%H:00")
        self.due: float | None = None

    def compose(self) -> ComposeResult:
        now = datetime.fromtimestamp(self.clock(), self.zone)
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with Grid(classes="form"):
                yield Label("Date")
                yield Input(self.date, placeholder="2026-12-01, today, tomorrow", compact=True,
                            id="date")  # fmt: skip
                yield Label("Time")
                yield Input(self.clock_time, placeholder="07:30", compact=True, id="time")
            yield Label(f"Times are in {zone_label(self.zone, now)}.", id="zone", markup=False)
            yield Label("", id="when", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._check()
        self.query_one("#date", Input).focus()

    @on(Input.Changed)
    def _check(self) -> None:
        """Read the fields as they are typed: the moment they make, or what is wrong."""
        day = self.query_one("#date", Input).value.strip()
        clock = self.query_one("#time", Input).value.strip()
        shown = self.query_one("#when", Label)
        now = self.clock()
        try:
            if not day or not clock:
                raise InputError("give a date and a time")
            moment = parse_at(f"{day} {clock}", datetime.fromtimestamp(now, self.zone), self.zone)
        except InputError as error:
            self.due = None
            shown.update(f"⚠ {error}")
            shown.set_class(True, "-invalid")
        else:
            self.due = moment.timestamp()
            shown.update(f"→ {full_when(self.due, self.zone)}, {relative(self.due, now)}")
            shown.set_class(False, "-invalid")
        self.query_one("#ok", Button).disabled = self.due is None

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self._check()  # the time may have passed while the dialog was open
        if self.due is not None:
            self.dismiss(self.due)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
