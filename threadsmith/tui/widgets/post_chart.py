"""One published thread's reading: a row per post with its counts and a bar of its reach
(impressions where the network gives them, else engagements), and the read-through.

Each row starts with the post's first words, so a person sees where readers stopped.
The bars are drawn with Rich in the table's last column, to an eighth of a cell, and
fill the width the counts and words leave: every count stays readable at 80 columns
and a thread of 30 posts scrolls. (textual-plotext 1.0.1 was tried: at 80×24 its vertical
bars run together past a dozen posts and the values written over them overlap.)
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from threadsmith import stats
from threadsmith.store import Fetch

BAR_MIN = 8  # cells for the bars at the least
WORDS = (10, 30)  # cells for a post's first words: at the least, at the most
BAR_ROOM = 14  # cells the words leave the bars, when they can: a bar and its figure


class PostChart(Vertical):
    """A thread's last reading (or a note saying why there is none yet)."""

    DEFAULT_CSS = """
    PostChart { height: 1fr; }
    PostChart > .chart-summary { height: auto; margin-bottom: 1; }
    PostChart > DataTable { height: 1fr; }
    PostChart > .chart-note { height: auto; color: $text-muted; }
    """

    def __init__(
        self, fields: tuple[str, ...], texts: dict[int, str] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.fields = fields
        self.texts = {number: " ".join(text.split()) for number, text in (texts or {}).items()}
        self.fetch: Fetch | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="chart-summary", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="chart-note", markup=False)

    def show(self, fetch: Fetch | None, note: str) -> None:
        """Show `fetch` (None: not read yet) with `note` under it."""
        self.fetch = fetch
        self.query_one(".chart-note", Static).update(note)
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        summary = self.query_one(".chart-summary", Static)
        table.clear(columns=True)
        fetch = self.fetch
        table.display = fetch is not None
        if fetch is None:
            summary.update("Not read yet.")
            return
        rows = stats.post_figures(fetch)
        through = stats.read_through(rows)
        when = time.strftime("%d %b %Y %H:%M", time.localtime(fetch.fetched_at))
        share = "—" if through.share is None else f"{through.share:.0%}"
        how = (
            f"post {through.last}'s {through.basis} ÷ post {through.first}'s"
            if through.share is not None
            else "needs two posts online, the first with some reach"
        )
        summary.update(f"Read-through {share} ({how}) · read {when}\n{fetch.url}")
        basis = "impressions" if any(r.impressions is not None for r in rows) else "engagements"
        fields = [name for name in self.fields if name != basis]  # the bars give it
        heads = ["post", *fields]
        widths = [max(len(head), 4) for head in heads]
        # words and bars share what the counts leave: each column has a cell of padding a side
        used = sum(widths) + 2 * table.cell_padding * (len(widths) + 1 + bool(self.texts)) + 2
        left = (self.size.width or 80) - used
        words = max(WORDS[0], min(WORDS[1], left - BAR_ROOM)) if self.texts else 0
        for index, (head, width) in enumerate(zip(heads, widths, strict=True)):
            table.add_column(Text(head, justify="right"), width=width, key=head)
            if index == 0 and words:  # after the post's number: the words it starts with
                table.add_column("starts", width=words, key="words")
        chart = max(BAR_MIN, left - words)
        table.add_column(basis, width=chart, key="chart")
        figures = [_figure(row, basis) or 0 for row in rows]
        peak = max(figures, default=0)
        label_room = len(str(peak)) + 1
        for row, figure in zip(rows, figures, strict=True):
            start = [Text(str(row.number), justify="right")]
            if words:
                said = self.texts.get(row.number, "")
                start.append(Text(said, overflow="ellipsis", no_wrap=True))
            if row.deleted:
                gone = [Text("—", style="dim", justify="right") for _ in fields]
                table.add_row(*start, *gone, Text("deleted", style="italic dim"))
                continue
            counts = [_count(getattr(row, name)) for name in fields]
            drawn = Text(stats.bar(figure, peak, chart - label_room), style="bold")
            drawn.append(f" {figure}")
            table.add_row(*start, *counts, drawn)


def _figure(row: stats.PostFigures, basis: str) -> int | None:
    return row.impressions if basis == "impressions" else row.engagements


def _count(value: int | None) -> Text:
    return Text("—" if value is None else str(value), justify="right")
