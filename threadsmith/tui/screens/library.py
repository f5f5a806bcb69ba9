"""The drafts library: every draft with its length per network and publish state, and
its scheduled thread (moved, cancelled, or brought up to date with the draft from here)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import ColumnKey

from threadsmith import schedule
from threadsmith.drafts import draft_key, draft_summary, new_draft, settings_of
from threadsmith.drafts.library import Summary, networks_in_use, posts_said
from threadsmith.network import Network
from threadsmith.store import Draft, Schedule
from threadsmith.times import last_edit
from threadsmith.tui import schedule_actions
from threadsmith.tui.base import AppScreen
from threadsmith.tui.draft_actions import export
from threadsmith.tui.import_actions import ask_and_import
from threadsmith.tui.widgets.dialogs import Ask
from threadsmith.tui.widgets.draft_dialogs import DeleteDraftDialog
from threadsmith.tui.widgets.library_lines import DraftLine, describe, fit_titles

TITLE_MIN = 16  # columns for titles at the least, unless the other columns need them
TITLE_LEAST = 10  # …when they do


def other_columns(campaigns: bool, shown: Sequence[Network]) -> tuple[str, ...]:
    """The columns after the title: one per network `shown`, with its posts (a number
    under the network's name); the campaign's only when some draft has one (there is
    no room to waste at 80 columns)."""
    posts_columns = (network.display_name for network in shown)
    return (*("Campaign",) * campaigns, "Last edit", *posts_columns, "Published")


class LibraryScreen(AppScreen[None]):
    """Open, create, rename, duplicate, delete, import and export drafts."""

    HELP_TITLE = "the drafts library"

    BINDINGS = [
        Binding(
            "n",
            "new",
            "New",
            id="library.new",
            tooltip="Start an empty draft (i imports one from a URL or file)",
        ),
        Binding("enter", "open", "Open", id="library.open", tooltip="Open the selected draft"),
        # Rename and Copy stay out of the footer so that the rest fits 80 columns;
        # F1 and the palette list them.
        Binding(
            "r", "rename", "Rename", id="library.rename", tooltip="Rename the draft", show=False
        ),
        Binding(
            "c",
            "duplicate",
            "Copy",
            id="library.duplicate",
            tooltip="Duplicate the draft",
            show=False,
        ),
        Binding("d,delete", "delete", "Delete", id="library.delete", tooltip="Delete (asks first)"),
        Binding(
            "i",
            "import",
            "Import",
            id="library.import",
            tooltip="Import from a URL or a file: a Markdown essay, a saved page, a Word document",
        ),
        Binding("e", "export", "Export", id="library.export", tooltip="Save the draft as Markdown"),
        Binding("slash", "filter", "Filter", id="library.filter", tooltip="Filter by typing"),
        Binding("a", "app.accounts", "Accounts", id="library.accounts", tooltip="Your accounts"),
        # Stats stays out of the footer too: a published draft's links line says it
        Binding(
            "s",
            "stats",
            "Stats",
            id="library.stats",
            show=False,
            tooltip="How far people read the draft's published threads",
        ),
        # The schedule's keys are named on the line under the table when there is one.
        Binding(
            "t",
            "move_schedule",
            "Move schedule",
            id="library.move",
            show=False,
            tooltip="Publish the draft's scheduled thread at another time",
        ),
        Binding(
            "x",
            "cancel_schedule",
            "Cancel schedule",
            id="library.cancel",
            show=False,
            tooltip="Cancel the draft's scheduled thread",
        ),
        Binding(
            "u",
            "update_schedule",
            "Update schedule",
            id="library.update",
            show=False,
            tooltip="Make the scheduled thread the draft as it is now",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._links: dict[str, str] = {}  # draft id -> links of its published threads
        self._shown: dict[str, tuple[Draft, Summary]] = {}  # draft id -> its row's draft
        self._titles_widest = 0  # cells
        self._others_width = 0  # cells the columns after the title take
        self._published_cut = False  # whether its column is too narrow for what it says
        self._published_widest = 0  # cells

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="library"):
            yield Input(placeholder="Filter drafts by title or campaign…", id="filter")
            yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            yield Static("", id="library-empty")
            yield DraftLine(id="library-draft")
            yield Static("", id="library-links", markup=False)
            yield Static("", id="library-schedule", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        # `thread draft essay.md` puts the library under the editor at once: it
        # fills in when it is shown, not while the editor is starting.
        if self.app.screen is self:
            self.refresh_drafts()
            left, self.threadsmith.left_draft = self.threadsmith.left_draft, None
            if left is not None:  # back from editing it: is its scheduled thread still it?
                self._offer_update(left)

    def refresh_drafts(self) -> None:
        """Reload the table from the store, keeping the filter."""
        table = self.query_one(DataTable)
        wanted = self.query_one("#filter", Input).value.strip().lower()
        every = self.store.drafts()
        campaigns = any(draft.campaign for draft in every)
        columns = other_columns(campaigns, networks_in_use(self.store))
        kept = self.selected_key()
        table.clear(columns=True)
        table.add_column("Title", key="title", width=TITLE_MIN)
        for header in columns:
            table.add_column(header, key=header)
        drafts = [
            d
            for d in every
            if not wanted or wanted in d.title.lower() or wanted in d.campaign.lower()
        ]
        self._links, self._shown = {}, {}
        rows = []
        for draft in drafts:
            summary = draft_summary(self.store, draft)
            self._links[str(draft.id)] = summary.links
            self._shown[str(draft.id)] = (draft, summary)
            cells = (*(draft.campaign or "—",) * campaigns, last_edit(draft.updated, time.time()),
                     *(posts_said(n, bare=True) for n in summary.posts.values()),
                     summary.published)  # fmt: skip
            rows.append((draft, cells))
            table.add_row(Text(draft.title, overflow="ellipsis", no_wrap=True),
                          *(Text(cell, overflow="ellipsis", no_wrap=True) for cell in cells),
                          key=str(draft.id))  # fmt: skip
        # The widths the table will give the other columns (it measures them later).
        self._titles_widest = max((cell_len(draft.title) for draft, _ in rows), default=0)
        self._others_width = sum(
            max([cell_len(header), *(cell_len(cells[index]) for _, cells in rows)])
            + 2 * table.cell_padding
            for index, header in enumerate(columns)
        )
        published = [cell_len(cells[-1]) for _, cells in rows]
        self._published_widest = max([len("Published"), *published])
        self._fit_titles()
        if kept is not None and kept in self._shown:  # the cursor stays on its draft
            table.move_cursor(row=table.get_row_index(kept))
        empty = self.query_one("#library-empty", Static)
        empty.display = not drafts
        self.query_one(DraftLine).display = bool(drafts)
        empty.update(
            "No drafts match." if wanted else "No drafts yet: press n to start one, i to import."
        )

    def on_resize(self) -> None:
        if self.app.screen is self:  # built again: the table measures its columns anew
            self.refresh_drafts()

    def _fit_titles(self) -> None:
        """Give titles the width the other columns leave (long ones end in "…"), so
        every column shows at 80 columns and long titles use a wide terminal."""
        table = self.query_one(DataTable)
        title = table.columns.get(ColumnKey("title"))
        if title is None or not self.size.width:
            return
        # less the screen's padding (2) and a cell the table wants spare (or it scrolls)
        available = self.size.width - 3 - self._others_width - 2 * table.cell_padding
        width = max(TITLE_MIN, min(self._titles_widest, available))
        # where even the least title does not fit, "Published" gives way (the line under
        # the table says it whole), then the title: a table wider than the screen scrolls
        # sideways, its scroll bar a stray "▌" under it
        excess = max(0, width - available)
        cut = min(excess, self._published_widest - len("Published"))
        published = table.columns[ColumnKey("Published")]
        published.auto_width, published.width = False, self._published_widest - cut
        self._published_cut = cut > 0
        width = max(TITLE_LEAST, width - (excess - cut))
        keys = list(self._shown)
        fitted = fit_titles([self._shown[key][0].title for key in keys], width)
        for key, text in zip(keys, fitted, strict=True):  # cut apart where alike
            table.update_cell(key, "title", Text(text, overflow="ellipsis", no_wrap=True))
        if width != title.width:
            title.width = width
            table.refresh(layout=True)

    @on(DataTable.RowHighlighted)
    def _show_links(self, event: DataTable.RowHighlighted) -> None:
        """Where the highlighted draft's threads start, and when its scheduled thread goes
        out: too long for a column."""
        links = self._links.get(str(event.row_key.value), "")
        line = self.query_one(DraftLine)
        if (row := self._shown.get(str(event.row_key.value))) is not None:
            said = describe(row[0], None, self._twins(row[0]))
            cut = self._published_cut and len(row[1].published) > len("Published")
            line.update(f"{said}\nPublish state: {row[1].published}" if cut else said)
        shown = self.query_one("#library-links", Static)
        shown.update(f"Published: {links}\n(s: how far people read it)" if links else "")
        shown.display = bool(links)
        self._show_schedule(int(event.row_key.value or 0))

    def _twins(self, draft: Draft) -> int:
        """How many other drafts listed have the draft's title."""
        return Counter(d.title for d, _ in self._shown.values())[draft.title] - 1

    def _show_schedule(self, draft_id: int) -> None:
        """When the draft's scheduled threads go out, the keys for them, and whether they
        still are the draft."""
        line = self.query_one("#library-schedule", Static)
        booked = self._schedules_of(draft_id)
        line.display = bool(booked)
        if booked:
            stale = self._differing(draft_id, booked)
            line.update(schedule_actions.describe(booked, stale))
            line.set_class(bool(stale), "-differs")

    def _schedules_of(self, draft_id: int) -> list[Schedule]:
        """The draft's schedules still to go out (or missed), the soonest first."""
        found = self.store.schedules(draft_key(draft_id))
        return [each for each in found if schedule.waiting(each)]

    def _differing(self, draft_id: int, booked: list[Schedule]) -> list[Schedule]:
        """Those of `booked` whose posts are no longer what the draft makes."""
        draft = self.store.draft(draft_id)
        options = settings_of(draft).options()
        return [b for b in booked if schedule.differing(self.store, b, draft.body, options)]

    def _offer_update(self, draft_id: int) -> None:
        stale = self._differing(draft_id, self._schedules_of(draft_id))
        if stale:
            schedule_actions.update(
                self, stale, self.store.draft(draft_id), self._after_schedule_change
            )

    async def _after_schedule_change(self) -> None:
        self.refresh_drafts()
        if (draft := self.selected()) is not None:
            self._show_schedule(draft.id)

    def _with_schedule(self) -> tuple[Draft, list[Schedule]] | None:
        draft = self.selected()
        booked = self._schedules_of(draft.id) if draft is not None else []
        if draft is None or not booked:
            self.notify("This draft has no scheduled thread.", markup=False)
            return None
        return draft, booked

    def action_move_schedule(self) -> None:
        if (found := self._with_schedule()) is not None:
            schedule_actions.move(self, found[1][0], self._after_schedule_change)

    def action_cancel_schedule(self) -> None:
        if (found := self._with_schedule()) is not None:
            schedule_actions.cancel(self, found[1][0], self._after_schedule_change)

    def action_update_schedule(self) -> None:
        if (found := self._with_schedule()) is None:
            return
        draft, booked = found
        stale = self._differing(draft.id, booked)
        if not stale:
            self.notify("The scheduled thread is the draft as it is now.", markup=False)
            return
        schedule_actions.update(self, stale, draft, self._after_schedule_change)

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.refresh_drafts()

    @on(Input.Submitted, "#filter")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self) -> Draft | None:
        key = self.selected_key()
        return None if key is None else self.store.draft(int(key or 0))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_new(self) -> None:
        self.threadsmith.open_draft(new_draft(self.store))

    def action_open(self) -> None:
        if (draft := self.selected()) is not None:
            self.threadsmith.open_draft(draft.id)

    def action_stats(self) -> None:
        from threadsmith.stats import threads_of_draft
        from threadsmith.tui.screens.stats import StatsScreen  # loaded on first use

        draft = self.selected()
        if draft is None:
            return
        if not threads_of_draft(self.store, draft.id):
            self.notify(f"“{draft.title}” has not been published yet.", markup=False)
            return
        self.app.push_screen(StatsScreen(draft.id))

    def action_rename(self) -> None:
        draft = self.selected()
        if draft is None:
            return

        def rename(title: str | None) -> None:
            if title:
                self.store.save_draft(draft.id, title=title)
                self.refresh_drafts()

        self.app.push_screen(Ask("Rename draft", "Title", draft.title), rename)

    def action_duplicate(self) -> None:
        if (draft := self.selected()) is not None:
            store = self.store
            copy = store.create_draft(f"{draft.title} (copy)", draft.body, draft.campaign)
            store.save_draft(copy.id, settings=draft.settings)
            self.refresh_drafts()
            self.notify(f"Duplicated “{draft.title}”.", markup=False)

    def action_delete(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        twins = self._twins(draft)

        def delete(sure: bool | None) -> None:
            if sure:
                self.store.delete_draft(draft.id)
                self.refresh_drafts()
                self.notify(f"Deleted “{draft.title}”.", markup=False)

        dialog = DeleteDraftDialog(draft, draft_summary(self.store, draft), twins)
        self.app.push_screen(dialog, delete)

    def action_import(self) -> None:
        ask_and_import(self)

    def action_export(self) -> None:
        if (draft := self.selected()) is not None:
            export(self, draft)
