"""What every screen of the app shares: typed access to the app and its store, and the
rows its F1 help adds to its key bindings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual.app import App

    from threadsmith.store import Store
    from threadsmith.tui.app import ThreadsmithApp

ResultType = TypeVar("ResultType")


class _InApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


class AppAccess:
    """The app as threadsmith's own (Textual types `self.app` as any app)."""

    @property
    def threadsmith(self: _InApp) -> ThreadsmithApp:
        return cast("ThreadsmithApp", self.app)

    @property
    def store(self: _InApp) -> Store:
        return cast("ThreadsmithApp", self.app).store


class AppScreen(AppAccess, Screen[ResultType]):
    """A full screen of the app.

    Its footer starts with how to go back and how to get help: at 80 columns the
    footer has room for a few keys, and these are the ones a person needs first. A
    screen binds Esc to its own way back (its binding takes this one's place, first);
    one that has no way back (the library) shows none."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back"),
        Binding("f1", "app.toggle_help", "Help", id="screen.help", tooltip="Show or hide the keys"),
    ]

    HELP_TITLE: ClassVar[str] = "this screen"
    # (keys, what they do) that its widgets bring, beyond its bindings: shown by F1
    HELP_ROWS: ClassVar[tuple[tuple[str, str], ...]] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a screen with no way back (the library) offers no Esc
        return action != "back" or hasattr(self, "action_back")


class AppModal(AppAccess, ModalScreen[ResultType]):
    """A dialog of the app."""
