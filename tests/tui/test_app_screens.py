"""The app's main paths with Pilot: library, editor autosave, the command palette, help,
and accounts (verified against the real local PDS, in an in-memory keyring). The
publish screen has its own tests (test_publish_screen.py)."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, DataTable, Input, Label, TextArea
from textual.widgets.data_table import ColumnKey

from support.app_publish import preview_shown
from support.fake_publisher import FakePublisher
from support.memory_keyring import MemoryKeyring
from support.pds import LocalPDS
from support.waiting import until
from threadsmith.network import network_named
from threadsmith.store import Store
from threadsmith.tui.app import ThreadsmithApp
from threadsmith.tui.screens.accounts import AccountsScreen
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.screens.help import HelpScreen
from threadsmith.tui.screens.library import LibraryScreen
from threadsmith.tui.widgets.dialogs import Ask
from threadsmith.tui.widgets.post_card import PostCard
from threadsmith.tui.widgets.preview import ThreadPreview

ESSAY = "# Fair funding now\n\n" + "\n\n".join(
    " ".join(["Every school needs a funding settlement that matches the needs it meets."] * 3)
    for _ in range(3)
)


def table_shown(app: ThreadsmithApp) -> bool:
    """The library's table is laid out, with its rows."""
    tables = app.screen.query(DataTable)
    return bool(tables) and tables.first().row_count > 0 and tables.first().size.width > 0


LONG_TITLE = "Exams in a pandemic year: trust the teachers who know the pupils"


def title_width(app: ThreadsmithApp) -> int:
    return app.screen.query_one(DataTable).columns[ColumnKey("title")].width


def rows(app: ThreadsmithApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_new_draft_autosaves_and_shows_in_the_library(store: Store) -> None:
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        editor = app.screen.query_one("#essay", TextArea)
        editor.insert(ESSAY)
        # the autosave fires within a second of the change
        await until(pilot, lambda: [d.body for d in store.drafts()] == [ESSAY], "the autosave")
        (draft,) = store.drafts()
        assert draft.body == ESSAY and draft.title == "Fair funding now"
        assert app.screen.sub_title == editor.border_title == "Fair funding now"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        ((title, _, x_posts, *_, published),) = rows(app)  # no campaign: no column
        assert title == "Fair funding now" and x_posts.isdigit() and published == "never"


async def test_a_renamed_draft_keeps_its_name_as_its_heading_changes(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    store.save_draft(draft.id, title="Budget letter to MPs")  # renamed in the library
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft.id)
        await pilot.pause()
        app.screen.query_one("#essay", TextArea).insert("# A new heading\n\n")
        await pilot.press("ctrl+s")
        assert store.draft(draft.id).title == "Budget letter to MPs"
        assert app.screen.sub_title == "Budget letter to MPs"


async def test_an_essay_opens_in_the_editor_alone_and_escape_shows_the_library(
    store: Store, tmp_path: Path
) -> None:
    essay = tmp_path / "funding.md"
    essay.write_text(ESSAY, encoding="utf-8")
    app = ThreadsmithApp(store, essay)  # `thread draft funding.md`
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert not app.query(LibraryScreen)  # not built until it is wanted: a faster start
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert [row[0] for row in rows(app)] == ["Fair funding now"]
        await pilot.press("enter")  # and back into the draft, with the library beneath
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and len(app.screen_stack) == 2


async def test_library_filter_rename_duplicate_delete(store: Store) -> None:
    for title in ("Ofsted letters", "School meals", "Teacher workload"):
        store.create_draft(title, f"# {title}\n\nSome words.")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"meal")
        await pilot.pause()
        assert [r[0] for r in rows(app)] == ["School meals"]
        app.screen.query_one("#filter", Input).value = ""
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "Renamed draft"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        titles = sorted(r[0] for r in rows(app))
        assert "Renamed draft" in titles and any(t.endswith("(copy)") for t in titles)
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert len(store.drafts()) == 3


async def test_add_and_remove_an_account(
    store: Store, pds: LocalPDS, memory_keyring: MemoryKeyring
) -> None:
    account = pds.create_account("tui")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(AccountsScreen())
        await until(pilot, lambda: isinstance(app.screen, AccountsScreen), "the accounts")
        await pilot.press("b")
        await until(pilot, lambda: len(app.screen.query(Input)) >= 3, "the Bluesky dialog")
        inputs = list(app.screen.query(Input))
        inputs[0].value = account.handle
        inputs[1].value = pds.url
        inputs[2].value = account.password
        await pilot.click("#save")  # verification runs in a worker against the real PDS
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, AccountsScreen)
                and [r[1] for r in rows(app)] == [account.handle]
            ),
            "the account verified and listed",
            timeout=60,
        )
        assert account.password in next(iter(memory_keyring.entries.values()))
        await pilot.press("d")
        await until(pilot, lambda: app.screen.query("#yes"), "the question to remove it")
        await pilot.click("#yes")
        await until(
            pilot,
            lambda: isinstance(app.screen, AccountsScreen) and rows(app) == [],
            "the account removed",
        )
        assert memory_keyring.entries == {}


async def test_the_command_palette_offers_every_action_once(store: Store) -> None:
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for keys, screen in ((["n"], EditorScreen), (["escape"], LibraryScreen)):
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            titles = [command.title for command in app.get_system_commands(app.screen)]  # type: ignore[arg-type]
            assert len(titles) == len(set(titles))
            ours = {b.description for b in app.screen.BINDINGS if isinstance(b, Binding)}
            assert ours <= set(titles) and {"Library", "Accounts", "Theme"} <= set(titles)


async def test_a_new_draft_offers_to_import_and_the_palette_does_it(store: Store) -> None:
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # a new, empty draft
        await pilot.pause()
        notice = str(app.screen.query_one("#preview-x", ThreadPreview)._message.render())
        assert "Ctrl+P, then “Import from a URL or file…”" in notice
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import from a URL", "enter")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the import's question")
        assert isinstance(app.screen, Ask)
        assert app.screen.label == "Address or path"  # the library's import, asked


async def test_quitting_at_once_after_typing_keeps_the_words(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_draft(draft.id)
        await pilot.pause()
        app.screen.query_one("#essay", TextArea).insert("Last words. ")
        await pilot.press("ctrl+q")  # well inside the autosave's second
    assert store.draft(draft.id).body == "Last words. " + ESSAY


async def test_square_brackets_are_words_not_markup_on_every_screen(store: Store) -> None:
    # A title or post like this once crashed the app (Textual parses "[...]" as markup).
    title = "Reply to [/r/teachers] [bold]now[/bold]"
    store.create_draft(title, f"# {title}\n\n{ESSAY}")
    store.add_account(network_named("bluesky"), "tester.test", "https://pds.example")
    app = ThreadsmithApp(store, publisher_factory=lambda account, options: FakePublisher())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert rows(app)[0][0] == title  # the library
        await pilot.press("d")
        await pilot.pause()
        assert title in str(app.screen.query_one(Label).render())  # "Delete …?"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # the editor and its cards
        assert app.screen.query_one("#essay", TextArea).border_title == Content(title).markup
        assert title in app.screen.query(PostCard).first().post.text
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True  # the publish preview
        assert title in await preview_shown(pilot)


async def test_import_then_export_asks_before_replacing_a_file(
    store: Store, tmp_path: Path
) -> None:
    essay = tmp_path / "funding.md"
    essay.write_text(ESSAY, encoding="utf-8")
    app = ThreadsmithApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one(Input).value = str(essay)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one("#essay", TextArea).insert("New opening. ")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e", "enter")  # suggested: the file it came from, which differs
        await pilot.pause()
        assert "Replace" in str(app.screen.query_one(Label).render())
        await pilot.press("escape")  # no: the file is kept as it was, and it says so
        await pilot.pause()
        assert essay.read_text(encoding="utf-8") == ESSAY
        assert any(n.title == "Not exported" for n in app._notifications)
        await pilot.press("e", "enter")
        await pilot.pause()
        await pilot.press("left", "enter")  # Cancel has the focus; left reaches Replace
        await pilot.pause()
        assert essay.read_text(encoding="utf-8") == "New opening. " + ESSAY + "\n"
        copy = tmp_path / "copy.md"  # a new file is written without asking
        await pilot.press("e")
        app.screen.query_one(Input).value = str(copy)
        await pilot.press("enter")
        await pilot.pause()
        assert copy.read_text(encoding="utf-8") == "New opening. " + ESSAY + "\n"
        assert not list(tmp_path.glob(".*tmp"))  # no half-written file left behind


async def test_f1_lists_the_screens_keys_and_f1_closes_the_list(store: Store) -> None:
    draft = store.create_draft("Fair funding now", ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_draft(draft.id)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = dict(app.screen.rows())
        assert listed["^b"] == "Insert a --- line: a post must end at the cursor"
        assert "^end" in listed and "f5" in listed and "esc" in listed  # shown or not in the footer
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_every_library_column_shows_at_80_columns(store: Store) -> None:
    store.create_draft(LONG_TITLE, ESSAY)
    app = ThreadsmithApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: table_shown(app) and title_width(app) < len(LONG_TITLE),
            "the title's column fitted to 80 columns",
        )
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # nothing scrolled out of sight
        assert not table.show_horizontal_scrollbar
    wide = ThreadsmithApp(store)
    async with wide.run_test(size=(160, 24)) as pilot:  # a wide terminal: the whole title
        await until(
            pilot,
            lambda: table_shown(wide) and title_width(wide) == len(LONG_TITLE),
            "the whole title shown at 160 columns",
        )
