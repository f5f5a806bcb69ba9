"""The editor's keys, as data: each with an id (users can remap it) and a tooltip.

Shown in the footer in this order, after Esc and F1 (the screens' own first two): at
80 columns the footer has room for the first few, so they go by what a writer needs
first; F1 lists them all."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EDITOR_KEYS: list[BindingType] = [
    Binding(
        "ctrl+s", "save", "Save", id="editor.save", show=False,
        tooltip="Save the draft now (it also saves itself as you type)",
    ),
    Binding(
        "f2", "cycle_view", "Network", id="editor.view",
        tooltip="Preview for each network in turn, or all side by side",
    ),
    Binding(
        "alt+up", "move_break(False)", "Break earlier", id="editor.break_earlier", show=False,
        tooltip="Move the break after this post one sentence earlier (on the network shown)",
    ),
    Binding(
        "alt+down", "move_break(True)", "Break later", id="editor.break_later", show=False,
        tooltip="Move the break after this post one sentence later (on the network shown)",
    ),
    Binding(
        "ctrl+l", "remove_leftovers", "Leftovers", id="editor.leftovers", show=False,
        tooltip="Take out the blog page furniture (Share this:, Continue reading…)",
    ),
    Binding(
        "ctrl+o", "focus_preview", "Cards", id="editor.cards", show=False,
        tooltip="Move between the post cards (Enter goes to a post's text)",
    ),
    Binding(
        "f3", "edit_post", "Edit", id="editor.edit_post",
        tooltip="Edit the words of the post under the cursor (or the selected card)",
    ),
    Binding(
        "f4", "settings", "Settings", id="editor.settings",
        tooltip="Numbering, first/last-post extras, limit, clean or compact breaks",
    ),
    Binding("f5", "publish", "Publish", id="editor.publish", tooltip="Publish this draft"),
    Binding(
        "ctrl+b", "force_break", "Break", id="editor.break",
        tooltip="Insert a --- line: a post must end at the cursor",
    ),
    Binding(
        "ctrl+j", "join_next", "Join", id="editor.join",
        tooltip="Join the post under the cursor with the next (on the network shown)",
    ),
    # Priority: the essay's TextArea would take Esc to move the focus on.
    Binding(
        "escape", "close", "Library", id="editor.close", tooltip="Save and go back",
        priority=True,
    ),
    Binding("ctrl+home", "essay_edge(False)", "Start", show=False, tooltip="Go to the start"),
    Binding("ctrl+end", "essay_edge(True)", "End", show=False, tooltip="Go to the end"),
]  # fmt: skip
