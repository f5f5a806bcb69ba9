"""The editor's steering keys: Alt+↑ / Alt+↓ move the break after the post under the
cursor one sentence earlier or later, Ctrl+J joins it with the next post, Ctrl+L
takes out the blog page furniture a pasted essay carries, and a post's own words can
be edited in a dialog (they replace the post's span of the essay).

Each is worked out by the engine (`threading.steering`) as a new front matter line
pinning the post on one network, tried with the editor's own settings, and written
into the essay as one edit (so Ctrl+Z undoes it) only when the engine keeps it;
otherwise one line says why and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from threadsmith.drafts import removed_break
from threadsmith.errors import InputError
from threadsmith.network import Network
from threadsmith.threading import Post, Thread
from threadsmith.tui.widgets.post_card import PostCard
from threadsmith.tui.widgets.preview import ThreadPreview

if TYPE_CHECKING:
    from threadsmith.threading.steering import Steer
    from threadsmith.tui.screens.editor import EditorScreen

Move = Callable[[str, Thread, int], "Steer"]


def move_break(screen: EditorScreen, later: bool) -> None:
    """Move the break after the post under the cursor one sentence later or earlier."""
    from threadsmith.threading import steering

    def move(text: str, thread: Thread, number: int) -> Steer:
        return steering.move_break(text, thread, number, later)

    word = "later" if later else "earlier"
    _steer(screen, move, lambda post, name: f"Post {post}'s break moved {word} on {name}.")


def join_next(screen: EditorScreen) -> None:
    """Join the post under the cursor with the next one, on the network shown, when
    they fit in one post; a `---` the writer typed between them is taken out (for
    every network, as it was put in)."""
    from threadsmith.threading import steering

    _steer(
        screen,
        steering.join_next,
        lambda post, name: f"Posts {post} and {post + 1} are one post on {name}.",
        across_break=True,
    )


def _steer(
    screen: EditorScreen, move: Move, done: Callable[[int, str], str], across_break: bool = False
) -> None:
    target = _target(screen)
    if target is None:
        return
    network, thread, post = target
    text = screen.essay.text
    following = thread.posts[post.number] if post.number < len(thread.posts) else None
    typed = following and across_break and removed_break(text, post.span[1], following.span[0])
    try:
        steer = move(text, thread, post.number)
    except InputError as error:
        screen.notify(_sentence(str(error)), severity="warning", markup=False)
        return
    shift = len(steer.text) - len(text)  # the front matter grew or shrank; the body did not move
    wanted = (steer.start + shift, steer.end + shift)
    tried = screen.settings.split(steer.text, network, screen._preview_account(network))
    if not any(each.span == wanted for each in tried.posts):
        why = _why_not(tried, post.number, joined=across_break)
        if typed:
            why += " (The --- there is yours: delete its line to let the posts flow again.)"
        screen.notify(why, severity="warning", markup=False)
        return
    if typed:  # the writer's own break: taken out, as it was put in, for every network
        screen.apply_edit(typed)
        return
    screen.apply_edit(_difference(text, steer.text))
    screen.notify(done(post.number, network.display_name) + " Ctrl+Z undoes it.", markup=False)


def remove_leftovers(screen: EditorScreen) -> None:
    """Take out every line of blog page furniture ("Share this:", "Continue reading"), as
    one edit (Ctrl+Z puts them back)."""
    from threadsmith.threading.leftovers import without_leftovers

    text = screen.essay.text
    cleaned = without_leftovers(text)
    if cleaned == text:
        screen.notify("No blog page furniture found.", markup=False)
        return
    removed = text.count("\n") - cleaned.count("\n")
    screen.apply_edit(_difference(text, cleaned))
    screen.notify(f"Blog page furniture taken out ({removed} lines). Ctrl+Z puts it back.")


def _target(screen: EditorScreen) -> tuple[Network, Thread, Post] | None:
    """The network to steer (the one shown, or the focused card's), its thread as typed,
    and the post under the cursor (or the focused card's); None after saying why."""
    shown = screen.settings.networks()
    focused = screen.app.focused
    card_preview = None
    if isinstance(focused, PostCard):
        card_preview = next((a for a in focused.ancestors if isinstance(a, ThreadPreview)), None)
    if len(shown) == 1:
        network = shown[0]
    elif card_preview is not None:
        network = next(p for p in shown if card_preview.id == f"preview-{p.name}")
    else:
        screen.notify(
            "Each network breaks in its own places: show one (F2), or select its card "
            "(Ctrl+O), to move its breaks.",
            severity="warning",
            markup=False,
        )
        return None
    threads = screen.threads_as_typed()
    if threads is None or network not in threads:
        return None
    thread = threads[network]
    if isinstance(focused, PostCard) and focused.post in thread.posts:
        return network, thread, focused.post
    post = thread.post_at(screen.cursor_offset())
    if post is None:
        screen.notify("There are no posts yet.", severity="warning", markup=False)
        return None
    return network, thread, post


def _difference(old: str, new: str) -> tuple[int, int, str]:
    """The one edit (start, end, replacement) that turns `old` into `new`: the text
    before and after the change is left alone, so the cursor keeps its place."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, new[start : len(new) - tail]


def _why_not(tried: Thread, number: int, joined: bool = False) -> str:
    """Why the engine did not keep the post as asked."""
    made = f"posts {number} and {number + 1} together" if joined else f"post {number}"
    for warning in tried.warnings:
        if warning.kind == "pin" and warning.over:
            return _sentence(f"{made} would be {warning.over} over the limit: nothing changed")
    return _sentence(f"{made} cannot be made one post that way: nothing changed")


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def edit_post(screen: EditorScreen) -> None:
    """Edit one post's words (the post at the cursor, or the focused card's): they
    replace the post's span, so the essay stays the source and Ctrl+Z undoes it."""
    from threadsmith.tui.widgets.edit_post_dialog import post_editor

    threads = screen.threads_as_typed()
    # the networks on show only: a thread kept from an earlier view is an older essay's
    shown = {n: threads[n] for n in screen.settings.networks() if threads and n in threads}
    found = screen.post_at_cursor(shown, or_focused_card=True)
    if found is None:
        return
    start, end = found[1].span
    essay = screen.essay
    original = essay.text[start:end]
    dialog = post_editor(essay.text, found[1], shown, screen.cursor_offset())

    def write_back(text: str | None) -> None:
        if text is None or text == original:
            return
        screen.apply_edit((start, end, text))
        essay.focus()

    screen.app.push_screen(dialog, write_back)
