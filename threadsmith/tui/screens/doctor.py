"""Check this computer (from the command palette): `thread doctor` as a screen, each
finding a line with what to do. The checks ask the keyring and the networks, so they
run in a thread worker and come back as a message."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from threadsmith.doctor import Finding, all_well, examine
from threadsmith.tui.base import AppScreen

MARKS = {"ok": ("ok ", "green"), "fix": ("fix", "bold red"), "note": (" - ", "dim")}


def finding_text(finding: Finding) -> Table:
    """One finding: its mark, then what was found and, below it, what to do (the text
    wraps beside the mark, so the marks stay one column)."""
    mark, style = MARKS[finding.state]
    said = Text.assemble((f"{finding.topic}: ", "bold"), finding.said)
    if finding.todo:
        said.append("\n→ ")
        said.append(finding.todo, style="italic" if finding.state == "note" else "")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"[{mark}]", style=style), said)
    return grid


class DoctorScreen(AppScreen[None]):
    HELP_TITLE = "check this computer"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="doctor.back", tooltip="Back"),
        Binding("r", "check", "Check again", id="doctor.again", tooltip="Check again"),
    ]

    @dataclass
    class Examined(Message):
        found: list[Finding]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Checking this computer…", id="doctor-summary", markup=False)
        yield VerticalScroll(id="doctor-findings")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Check this computer"
        self.action_check()

    def action_check(self) -> None:
        self.query_one("#doctor-summary", Static).update("Checking this computer…")
        self._examine()

    @work(thread=True, exclusive=True, group="doctor")
    def _examine(self) -> None:
        self.post_message(self.Examined(examine()))

    @on(Examined)
    async def show(self, message: Examined) -> None:
        findings = self.query_one("#doctor-findings", VerticalScroll)
        await findings.remove_children()
        await findings.mount_all(
            Static(finding_text(f), classes=f"finding {f.state}") for f in message.found
        )
        fixes = sum(f.state == "fix" for f in message.found)
        summary = (
            "All is well on this computer."
            if all_well(message.found)
            else f"{fixes} thing{'s' if fixes != 1 else ''} to fix (marked fix). r checks again."
        )
        self.query_one("#doctor-summary", Static).update(summary)
