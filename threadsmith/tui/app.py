"""The threadsmith app: a short shell that pushes screens; the screens do the work."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerCancelled, WorkerFailed

from threadsmith import accounts
from threadsmith.drafts import draft_key, import_file, new_draft, settings_of
from threadsmith.journal import RunStatus
from threadsmith.mentions import MentionChecks
from threadsmith.network import Account, Publisher
from threadsmith.store import Store
from threadsmith.tui.base import AppScreen
from threadsmith.tui.draft_editing import DraftEditing, open_elsewhere
from threadsmith.tui.screens.editor import EditorScreen
from threadsmith.tui.screens.library import LibraryScreen
from threadsmith.tui.theme import Background, theme_for
from threadsmith.tui.widgets.dialogs import Confirm


class ThreadsmithApp(App[None]):
    """`thread` opens the drafts library; `thread draft essay.md` opens that essay."""

    CSS_PATH = "app.tcss"
    TITLE = "threadsmith"
    BINDINGS = [
        Binding("f1", "toggle_help", "Help", id="app.help", tooltip="Show or hide the keys"),
        # Priority: it quits from a dialog too (asking first while posts go out).
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Quit (drafts are saved)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        store: Store,
        path: Path | None = None,
        publisher_factory: Callable[[Account, Mapping[str, str]], Publisher] | None = None,
        background: Background | None = None,
        draft: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.path = path
        self.first_draft = draft  # a draft to open at once (one just imported)
        self.terminal_theme = theme_for(background)
        chosen = store.preference("theme")
        self.theme = chosen if chosen in self.available_themes else self.terminal_theme
        self.publisher_factory = publisher_factory or accounts.open_publisher
        self.mention_checks = MentionChecks(store.accounts, accounts.mention_lookup)
        self.publishing = False  # a publish screen is sending posts
        self._quit_question: Confirm | None = None  # "Posts are being published. Quit now?"
        self.left_draft: int | None = None  # the draft the editor just closed, for the library

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if self.first_draft is not None:
            self.open_draft(self.first_draft)
        elif self.path is None:
            self.push_screen(LibraryScreen())
        else:  # the editor alone: the library is built if and when the user goes back
            self.open_draft(import_file(self.store, self.path, reuse=True))

    def remember_theme(self, theme: Theme) -> None:
        """A theme the user picks is kept for next time; the terminal's own is not stored."""
        if theme.name != (self.store.preference("theme") or self.terminal_theme):
            self.store.set_preference("theme", theme.name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        commands = [
            *super().get_system_commands(screen),
            SystemCommand("Library", "Show all drafts", self.action_library),
            SystemCommand("Accounts", "Add or remove accounts", self.action_accounts),
            SystemCommand(
                "Check this computer",
                "Keyring, logins, the timer, the database: what to fix",
                self.action_doctor,
            ),
            SystemCommand("New draft", "Start an empty draft", self.action_new_draft),
            SystemCommand(
                "Import from a URL or file…",
                "A new draft from a web page, a saved page, a Word document or a Markdown file",
                self.action_import,
            ),
        ]
        for binding in screen.BINDINGS:  # every action of the screen, even one whose key
            # a focused widget takes for itself (Enter in the library's table)
            if isinstance(binding, Binding) and binding.description:
                commands.append(
                    SystemCommand(
                        binding.description,
                        binding.tooltip or binding.description,
                        partial(screen.run_action, binding.action),
                    )
                )
        titles: set[str] = set()
        for command in commands:  # one entry per title ("delete,d" is one action)
            if command.title not in titles:
                titles.add(command.title)
                yield command

    def action_toggle_help(self) -> None:
        """F1 lists the keys of the screen in use; F1 again (or Esc) closes the list."""
        from threadsmith.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        screen = self.screen
        if isinstance(screen, AppScreen):
            self.push_screen(HelpScreen(screen, screen.HELP_TITLE, screen.HELP_ROWS))
        else:
            self.push_screen(HelpScreen(screen, "this screen"))

    async def action_quit(self) -> None:
        if self.publishing:  # as Esc on the publish screen: ask first
            if self._quit_question not in self.screen_stack:  # asked once
                self._quit_question = Confirm(
                    "Posts are being published. Quit now? The run stops after the post being "
                    "sent, and `thread publish --resume` (or F5 here) finishes it later.",
                    yes="Quit",
                    no="Keep publishing",
                )
                self.push_screen(self._quit_question, self._quit_if_sure)
            return
        self.leave_editors(self.exit)  # asks first about text that cannot be saved

    async def _quit_if_sure(self, sure: bool | None) -> None:
        if not sure:
            return
        from threadsmith.tui.screens.publish import PublishScreen  # loaded: it publishes

        for screen in self.screen_stack:
            if isinstance(screen, PublishScreen):
                screen.action_cancel()  # the run stops after the post being sent
        for worker in self.workers:
            if worker.group == "publish":
                with suppress(WorkerCancelled, WorkerFailed):  # it has ended: all we wait for
                    await worker.wait()
        self.publishing = False
        await self.action_quit()

    def leave_editors(self, then: Callable[[], None]) -> None:
        """Save now what each open editor would have saved within the second, then
        `then()`; an editor whose text cannot be saved asks first (and `then` waits for
        its answer, or is dropped if the person keeps editing)."""
        editors = [screen for screen in self.screen_stack if isinstance(screen, EditorScreen)]

        def leave(index: int) -> None:
            if index == len(editors):
                then()
            else:
                editors[index].saver.now(then=partial(leave, index + 1))

        leave(0)

    def action_library(self) -> None:
        """Back to the drafts library, closing the screens above it."""
        self.leave_editors(self._to_library)

    def _to_library(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen):
            self.switch_screen(LibraryScreen())

    def action_accounts(self) -> None:
        from threadsmith.tui.screens.accounts import AccountsScreen  # keyring: on first use

        self.push_screen(AccountsScreen())

    def action_doctor(self) -> None:
        from threadsmith.tui.screens.doctor import DoctorScreen

        self.push_screen(DoctorScreen())

    def action_import(self) -> None:
        """The library's import, from wherever the person is."""
        self.action_library()
        self.call_after_refresh(lambda: self.screen.run_action("import"))

    def action_new_draft(self) -> None:
        self.open_draft(new_draft(self.store))

    def open_draft(self, draft_id: int) -> None:
        draft = self.store.draft(draft_id)
        editing = DraftEditing(self.store, draft_id)  # its saves; keeps a copy as the draft

        def publish() -> None:
            from threadsmith.tui.screens.publish import PublishScreen  # loaded on first use

            if editor.saver.unsaved:  # publishing sends the draft as saved
                reason = editor.saver.failure or "it was changed in another window"
                self.notify(
                    f"Not published: the draft is not saved ({reason}).",
                    title="Not saved",
                    severity="error",
                    markup=False,
                )
                return
            self.push_screen(PublishScreen(editing.draft_id))

        def back() -> None:
            self.left_draft = editing.draft_id  # the library asks whether to update its schedule
            self.action_library()

        runs = self.store.runs_for(draft_key(draft_id))
        unfinished = [run for run in runs if run.status is RunStatus.OPEN]
        scheduled = [run for run in runs if run.status is RunStatus.SCHEDULED]
        editor = EditorScreen(
            draft.title,
            draft.body,
            settings_of(draft),
            editing,
            publish,
            back,
            self.mention_checks,
            self.store.accounts,
        )
        self.push_screen(editor)
        if editing.others:
            self.notify(
                open_elsewhere(editing.others),
                title="Open elsewhere",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if unfinished:
            self.notify(
                "This draft has an unfinished publish run: F5 resumes it. Edits do not change "
                "the posts already confirmed.",
                title="Being published",
                severity="warning",
                timeout=8,
                markup=False,
            )
        elif scheduled:
            self.notify(
                "This draft is scheduled: edits do not change the scheduled posts; the library "
                "offers to update them when you go back.",
                title="Scheduled",
                timeout=8,
                markup=False,
            )
