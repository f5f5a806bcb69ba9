"""The library at 80 columns: drafts of the same title told apart (in the table, the
line under it and the Delete dialog), no column pushed off the screen, the cursor kept
on its draft, and an export's message naming the file's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label

from support.stats_data import published_with_readings
from threadsmith.network import network_named, networks
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.widgets.draft_dialogs import DeleteDraftDialog
from threadsmith.tui.widgets.library_lines import DraftLine, edited_at, fit_titles

TITLE = "For Parents' and carers: fair funding"
ESSAY = "# Fair funding\n\n" + "\n\n".join(
    "Our schools need a funding settlement that matches the need we see every day. " * 3
    for _ in range(4)
)


def titles(app: ThreadsmithApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


def on_every_network(store: Store) -> None:
    """An account on Mastodon and Threads too: every network is in use, so the library
    has a posts column for each, and the least room for the others."""
    store.add_account(network_named("mastodon"), "head@m.test", "https://m.test")
    store.add_account(network_named("threads"), "headteacher")
    assert {a.network for a in store.accounts()} == set(networks())


def test_the_library_counts_posts_on_the_networks_in_use_only(store: Store) -> None:
    from threadsmith.drafts.library import draft_summary

    draft = store.create_draft(TITLE, ESSAY)
    assert list(draft_summary(store, draft).posts) == ["x"]  # no account yet: the default
    published_with_readings(store, draft.id)  # accounts on Bluesky and X
    assert list(draft_summary(store, draft).posts) == ["x", "bluesky"]
    on_every_network(store)
    assert list(draft_summary(store, draft).posts) == [n.name for n in networks()]


def test_titles_cut_alike_are_cut_where_they_differ() -> None:
    shown = fit_titles([TITLE, TITLE, f"{TITLE} (copy)", "The rope"], 16)
    assert shown[0] == shown[1] == "For Parents' an…"  # the same: the line under says which
    assert shown[2] == "For Pare…(copy)" and shown[3] == "The rope"
    other = fit_titles([TITLE, "For Parents' and carers: exams"], 19)
    assert other[1] == "For Parents' and c…" and other[0] == "For Pa…fair funding"


async def test_two_drafts_of_one_title_are_told_apart_and_the_dialog_names_which(
    store: Store,
) -> None:
    first = store.create_draft(TITLE, ESSAY)
    second = store.create_draft(TITLE, ESSAY + "\n\nOne more paragraph, in the second only.")
    store.create_draft(f"{TITLE} (copy)", ESSAY, "#EdChat")  # a campaign: one column more
    published_with_readings(store, first.id)
    on_every_network(store)
    with store._write() as db:  # edited days ago: "18 Nov 2026" is wider than "just now"
        db.execute("UPDATE drafts SET updated = updated - 30 * 86400")
    first, second = store.draft(first.id), store.draft(second.id)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_x == 0  # every column on the screen: no scroll bar under it
        shown = titles(app)  # the copy's cut where it differs: "For P…(copy)"
        assert len(set(shown)) == 2 and sum(t.endswith("…(copy)") for t in shown) == 1, shown
        lines = {}
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            lines[row] = str(app.screen.query_one(DraftLine).render())
        published_row = next(r for r, said in lines.items() if f"draft {first.id} " in said)
        said = lines[published_row]
        assert "(another draft has this title too)" in said
        assert f"edited {edited_at(first.updated)}" in said.replace("\n", " ")
        assert "Publish state: Bluesky ✓ · X ✓" in said  # its column is too narrow for it
        assert any(f"draft {second.id} " in each for each in lines.values())
        table.move_cursor(row=published_row)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DeleteDraftDialog)
        question = str(app.screen.query_one(Label).render()).replace("\n", " ")
        assert f"draft {first.id} · edited {edited_at(first.updated)}" in question
        assert "Published: Bluesky ✓ · X ✓" in question and "X 4 posts, Bluesky 4 posts" in question
        await pilot.press("enter")  # "Keep it" has the focus
        await pilot.pause()
        assert store.draft(first.id).title == TITLE
        assert table.cursor_row == published_row  # still on the draft it asked about


async def test_narrowed_from_120_to_80_columns_the_table_still_fits(store: Store) -> None:
    first = store.create_draft(TITLE, ESSAY, "#EdChat")
    published_with_readings(store, first.id)
    on_every_network(store)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(DraftLine)
        assert "Publish state" not in str(line.render())  # its column says it whole
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one(DataTable).max_scroll_x == 0
        assert "Publish state: Bluesky ✓ · X ✓" in str(line.render())


async def test_an_export_says_the_folder_it_saved_to(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create_draft("The rope", "# The rope\n\nHold on to it.")
    monkeypatch.chdir(tmp_path)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "the-rope.md"
        await pilot.press("enter")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert f"Saved “The rope” to {tmp_path / 'the-rope.md'}." in said, said
        assert (tmp_path / "the-rope.md").exists() and os.path.isabs(tmp_path)
