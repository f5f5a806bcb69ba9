"""The publish screen's progress: a row per post of each run (its network, its number, the
start of its text, its state), and under it a line per network saying how far it got,
then, once it is done, its thread's link, whole, on a line of its own (to copy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable, Static

from threadsmith import publish
from threadsmith.store import JournalPost, Run
from threadsmith.wording import counted

TEXT_START = 40  # characters of a post's text shown in its row, at 80 columns
AROUND_TEXT = 40  # the columns of a row that are not its text (at most), with the borders


def text_start(text: str, width: int = TEXT_START) -> str:
    """The first words of a post, on one line, cut with "…" where they go on."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


class PublishProgress(DataTable[object]):
    """Each post of the runs being published: pending, uploading… (its images, when the
    thread goes whole), sending…, sent or failed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")

    def on_mount(self) -> None:
        self.add_column("To", key="to")
        self.add_column("#", key="post")
        self.add_column("Post", key="text")
        self.add_column("State", key="state", width=12)  # "sent earlier", "sending…"

    def show_runs(self, runs: Sequence[tuple[str, Run, list[JournalPost]]]) -> None:
        """A row per post: (the network it goes to, the run, its journalled posts)."""
        self.clear()
        width = max(TEXT_START, self.app.size.width - AROUND_TEXT)  # wider in a wide window
        for shown, run, posts in runs:
            for post in posts:
                self.add_row(
                    Text(shown),
                    str(post.number),
                    Text(text_start(post.text, width)),
                    "sent" if post.ref else "pending",
                    key=f"{run.id}:{post.number}",
                )

    def apply(self, run_id: int, event: publish.Event) -> None:
        """Show what `event` changed in its post's row."""
        row = f"{run_id}:{getattr(event, 'number', 0)}"  # Finished has no number
        if isinstance(event, publish.Sending):
            self.update_cell(row, "state", "sending…")
        elif isinstance(event, publish.Uploading):
            self.update_cell(row, "state", "uploading…")
        elif isinstance(event, publish.Committing):  # posts going out together
            for number in range(event.first, event.last + 1):
                self.update_cell(f"{run_id}:{number}", "state", "sending…")
        elif isinstance(event, publish.Sent):
            self.update_cell(row, "state", "sent earlier" if event.earlier else "sent")
        elif isinstance(event, publish.Waiting):
            again = "again " if event.why else ""
            self.update_cell(row, "state", f"{again}in {int(event.seconds_left + 0.999)} s")
        elif isinstance(event, publish.Failed):
            self.update_cell(row, "state", "failed")

    def stopped(self, run_id: int) -> None:
        """The run stopped before its end: the post it was at ("sending…", handed over by
        hand, or "in 4 s", waiting) reads "stopped" (publishing again finds out whether it
        went out)."""
        settled = ("pending", "sent", "sent earlier", "failed")
        for key in list(self.rows):
            if (
                str(key.value).startswith(f"{run_id}:")
                and self.get_cell(key, "state") not in settled
            ):
                self.update_cell(key, "state", "stopped")


@dataclass
class _Line:
    """How far one run got, as its line says it."""

    name: str  # "Bluesky @alice.test"
    total: int
    sent: int = 0
    said: str = "waiting for its turn"
    link: str | None = None


class PublishSummary(Static):
    """A line per run (a network) saying how far it got; once done, its thread's link on
    the next line, whole (never cut nor wrapped by a table's column: select or copy it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lines: dict[int, _Line] = {}

    def show_runs(self, runs: Sequence[tuple[str, Run, list[JournalPost]]]) -> None:
        self.lines = {
            run.id: _Line(name, len(posts), sum(p.ref is not None for p in posts))
            for name, run, posts in runs
        }
        self._draw()

    @property
    def links(self) -> list[str]:
        """Each finished thread's link, in the order of the lines."""
        return [line.link for line in self.lines.values() if line.link]

    def apply(self, run_id: int, event: publish.Event) -> None:
        line = self.lines.get(run_id)
        if line is None:
            return
        if isinstance(event, publish.Sending):
            line.said = f"sending post {event.number} of {event.total}…"
        elif isinstance(event, publish.Uploading | publish.Committing):
            line.said = event.said()
        elif isinstance(event, publish.Sent):
            line.sent = max(line.sent, event.number)
            line.said = f"{line.sent} of {event.total} sent"
        elif isinstance(event, publish.Waiting):
            line.said = event.said()
        elif isinstance(event, publish.Failed):
            line.said = f"post {event.number} failed: {event.message}"
        elif isinstance(event, publish.Finished):
            line.said = f"done, {counted(event.total, 'post')}. The thread:"
            line.link = event.first.url
        self._draw()

    def stopping(self) -> None:
        """Cancel was asked for: each run still going stops after the post it sends."""
        for line in self.lines.values():
            if line.link is None and not line.said.startswith(("stopped", "post ")):
                line.said = "stopping after the post it sends…"
        self._draw()

    def stopped(self, run_id: int, why: str) -> None:
        """The run stopped before its end (cancelled, refused): say why on its line."""
        line = self.lines.get(run_id)
        if line is not None and line.link is None:
            line.said = f"stopped, {line.sent} of {line.total} sent: {why}"
            self._draw()

    def _draw(self) -> None:
        said: list[str] = []
        for line in self.lines.values():
            said.append(f"{line.name}: {line.said}")
            if line.link:
                said.append(line.link)
        self.update("\n".join(said))
