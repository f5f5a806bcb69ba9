"""Stand-ins for the system's browser (`webbrowser.get`) in app tests: one that opens
beside the app, as xdg-open does, recording what it opened; and none at all, as on a
server or over SSH."""

from __future__ import annotations

import webbrowser

import pytest


class RecordingBrowser(webbrowser.BaseBrowser):
    """A browser that opens beside the app, recording what it opened (none is started)."""

    def __init__(self) -> None:
        super().__init__("test-browser")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


def a_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand a recording browser in for the system's; the addresses the app opens in it."""
    browser = RecordingBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    return browser.opened


def no_browser(using: str | None = None) -> webbrowser.BaseBrowser:
    """`webbrowser.get` where no browser can run."""
    raise webbrowser.Error("could not locate runnable browser")
