"""Opening an address in the person's web browser, from the app, and knowing whether one
opened: on a server or over SSH there is none, and the app then shows the address to
open elsewhere instead of saying it was sent."""

from __future__ import annotations

import os
import webbrowser


def open_in_browser(url: str) -> bool:
    """Open `url` in a browser that runs beside the app; False when there is none.

    It may block a moment (a `$BROWSER` script runs to its end): call it from a thread
    worker. A text browser (lynx, w3m: what Python finds over SSH) is not started
    unless `$BROWSER` names it: it would take over the terminal the app is drawn on."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:  # "could not locate runnable browser"
        return False
    if type(browser) is webbrowser.GenericBrowser and not os.environ.get("BROWSER"):
        return False  # runs in this terminal, in the foreground: not beside the app
    try:
        return bool(browser.open(url))
    except (webbrowser.Error, OSError):
        return False
