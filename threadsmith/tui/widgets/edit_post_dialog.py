"""F3's dialog: edit one post's words, with a live count as each network counts it.

The count is of the post as it will be published: the edited words as the engine
writes them (Markdown read in the context of their paragraph, so a list item keeps
its number and a link counts as a link), with the same numbering label, first- or
last-post extras and `…` cut mark the post has, measured whole by the network's own
meter. On each other network shown, the same words are counted in the frame of that
network's post at the same place (its breaks, and so its numbering, differ).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea
from textual.widgets.text_area import Document

from threadsmith.errors import ThreadsmithError
from threadsmith.network import Network
from threadsmith.threading import Post, PostRules, Thread
from threadsmith.threading.writing import CUT_MARK
from threadsmith.tui.widgets.ordered_keys import OrderedKeysTextArea
from threadsmith.tui.widgets.post_card import NEAR_LIMIT

CONTEXT = 4_000  # characters of the paragraph around the post read with it, at most
UNLIMITED = 10**9  # a limit no context reaches: the engine's words come out as one post
_SENTENCE_ENDS = frozenset(".!?…。！？．")
_BULLETS = frozenset("•‣▪◦·")  # between two sentences, as good as a sentence end
_CLOSERS = "\"'”’»)]}*_"
_RULE_LINES = re.compile(r"\A(?:[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\n|\Z))+")


@dataclass(frozen=True)
class PostFrame:
    """One network's post at the edited place: what it adds around its words."""

    network: str  # the network's display name
    rules: PostRules
    post: Post
    total: int  # posts in that network's thread

    @property
    def head_and_tail(self) -> tuple[str, str]:
        """The text before the post's words (a prefix label) and after them (the extras
        and the label), without the cut mark."""
        text, body = self.post.text, self.post.body
        at = 0 if text.startswith(body) else text.find(body)
        if at < 0:  # not expected: the engine writes the words whole
            return "", ""
        head, tail = text[:at], text[at + len(body) :]
        if self.post.ends_mid_sentence:
            tail = tail.removeprefix(" ").removeprefix(CUT_MARK)
        return head, tail


@dataclass(frozen=True)
class Count:
    """The edited post on one network: its length against its limit."""

    network: str
    number: int  # the post's number there
    total: int
    length: int
    limit: int

    @property
    def over(self) -> int:
        return max(0, self.length - self.limit)

    @property
    def near(self) -> bool:
        return not self.over and self.length >= self.limit * NEAR_LIMIT

    @property
    def spills_into(self) -> str:
        """Where the words past the limit go when saved."""
        if self.number < self.total:
            return f"post {self.number + 1}"
        return f"a new post {self.number + 1}"


class PostCounter:
    """Counts an edit of the post at `span` in `essay`, on each network in `frames`
    (the first is the network whose post is being edited: its span is `span`)."""

    def __init__(self, essay: str, span: tuple[int, int], frames: Sequence[PostFrame]) -> None:
        start, end = span
        self._before = _RULE_LINES.sub("", essay[_block_start(essay, start) : start])
        self._after = essay[end : _block_end(essay, end)]
        self._frames = tuple(frames)
        self._old = essay[start:end]
        # The engine's words before and after the post in its paragraph, and whether
        # the paragraph goes on after it (None: the post's words were not found there).
        self._around: tuple[str, str, bool] | None = None
        if frames:
            self._around = self._locate(frames[0])
        self._ends_mid_sentence = frames[0].post.ends_mid_sentence if frames else False
        self._last_token = _last_token(frames[0].post.body) if frames else ""

    @property
    def networks(self) -> int:
        """How many networks the post is counted on."""
        return len(self._frames)

    def counts(self, source: str) -> list[Count]:
        """The post with `source` as its words, counted on each network."""
        body = self.words(source)
        mid_sentence = self._mid_sentence(body)
        counts = []
        for frame in self._frames:
            head, tail = frame.head_and_tail
            words = frame.rules.publishable(body)
            if mid_sentence and words:
                words += _cut_mark(_last_token(words))
            measure = frame.rules.meters[0].measure
            counts.append(
                Count(
                    frame.network, frame.post.number, frame.total,
                    measure(head + words + tail), frame.post.limit,
                )
            )  # fmt: skip
        return counts

    def words(self, source: str) -> str:
        """`source` as the engine publishes it in the post (its Markdown read)."""
        if self._around is not None and self._frames:
            before, after, _ = self._around
            rendered = _rendered(self._before + source + self._after, self._frames[0].rules)
            if len(rendered) == 1:
                whole = rendered[0]
                if (
                    whole.startswith(before)
                    and whole.endswith(after)
                    and len(before) + len(after) <= len(whole)
                ):
                    return whole[len(before) : len(whole) - len(after)].strip()
        rules = self._frames[0].rules if self._frames else None
        rendered = _rendered(source, rules) if rules is not None else [source]
        return rendered[0] if rendered else ""

    def _locate(self, frame: PostFrame) -> tuple[str, str, bool] | None:
        """The engine's words of the context before and after the post (None if the
        post's words cannot be found in them: its words are then read alone)."""
        body = frame.post.body
        rendered = _rendered(self._before + self._old + self._after, frame.rules)
        if len(rendered) != 1 or not body:
            return None
        whole = rendered[0]
        found = []
        at = whole.find(body)
        while at >= 0:  # every place, overlapping ones too (a sentence said twice)
            found.append(at)
            at = whole.find(body, at + 1)
        if not found:
            return None
        # The same words in two places: the one where the post stands, after the
        # words before it in its paragraph.
        before = _rendered(self._before, frame.rules) if self._before.strip() else [""]
        at = min(found, key=lambda index: abs(index - len("".join(before))))
        after = whole[at + len(body) :]
        return whole[:at].rstrip(), after.lstrip(), _continues(after)

    def _mid_sentence(self, body: str) -> bool:
        """Whether the post would end inside a sentence (and take the `…` cut mark)."""
        if not body or _last_token(body) == self._last_token or self._around is None:
            return self._ends_mid_sentence and bool(body)
        return self._around[2] and not _ends_sentence(body)


def _rendered(source: str, rules: PostRules) -> list[str]:
    """The words of `source` as the engine publishes them: one body per post (more
    than one only where a `---` line forces a break), no numbering and no extras."""
    from threadsmith.threading import split

    unlimited = replace(rules, meters=(replace(rules.meters[0], limit=UNLIMITED),))
    try:
        thread = split(source, unlimited, numbering="none", first="", last="", compact=True)
    except ThreadsmithError:
        return [source]
    return [post.body for post in thread.posts]


def _block_start(essay: str, start: int) -> int:
    """Where the paragraph (or list) holding `start` begins, at most `CONTEXT` back."""
    blank = essay.rfind("\n\n", 0, start)
    begins = blank + 2 if blank >= 0 else 0
    if start - begins > CONTEXT:
        space = essay.find(" ", start - CONTEXT, start)
        begins = space + 1 if space >= 0 else start
    return begins


def _block_end(essay: str, end: int) -> int:
    """Where the paragraph (or list) holding `end` ends, at most `CONTEXT` on."""
    ends = essay.find("\n\n", end)
    ends = len(essay) if ends < 0 else ends
    if ends - end > CONTEXT:
        space = essay.rfind(" ", end, end + CONTEXT)
        ends = space if space >= 0 else end
    return ends


def _last_token(body: str) -> str:
    words = body.split()
    return words[-1] if words else ""


def _ends_sentence(body: str) -> bool:
    return _last_token(body).rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _continues(after: str) -> bool:
    """Whether the words after a post go on with its sentence: in its paragraph (no
    line break between), and not after a bullet ("averages • Stop using")."""
    gap = after[: len(after) - len(after.lstrip())]
    rest = after.lstrip()
    return bool(rest) and rest[0] not in _BULLETS and "\n" not in gap


def _cut_mark(last_token: str) -> str:
    """The engine's cut mark after a post's last word (spaced off a link, @ or #)."""
    return (" " if last_token[:1] in "@#" or "://" in last_token else "") + CUT_MARK


def post_editor(
    essay: str, post: Post, threads: Mapping[Network, Thread], cursor: int
) -> EditPostDialog:
    """The dialog editing `post` (of one of `threads`, the networks shown), counting it
    on each of them; its cursor at `cursor` (an offset in the essay) if that is in it."""
    frames = [
        PostFrame(network.display_name, thread.rules, there, len(thread.posts))
        for network, thread in threads.items()
        if (there := post if post in thread.posts else thread.post_at(post.span[0])) is not None
    ]
    frames.sort(key=lambda frame: frame.post is not post)  # the edited post's network first
    start, end = post.span
    at = cursor - start if start <= cursor <= end else end - start
    return EditPostDialog(post.number, essay[start:end], PostCounter(essay, post.span, frames), at)


class PostTextArea(OrderedKeysTextArea):
    """The post's words: the essay area's keys, Ctrl+Home and Ctrl+End included."""

    BINDINGS = [
        Binding("ctrl+home", "text_edge(False)", "Start", show=False),
        Binding("ctrl+end", "text_edge(True)", "End", show=False),
        Binding("ctrl+shift+home", "text_edge(False, True)", "Select to start", show=False),
        Binding("ctrl+shift+end", "text_edge(True, True)", "Select to end", show=False),
    ]


class EditPostDialog(ModalScreen[str | None]):
    """Edit the words of one post; the result replaces its span in the essay.

    An edit past the limit can be saved: the engine moves the words past it into
    the next post, and the dialog says so in red before Save (and the editor after).
    Refusing it would hold the writer's words hostage in a dialog, when writing a
    post long and then trimming it (or letting it become two) is normal editing."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", show=False),
        Binding("escape", "dismiss(None)", "Cancel", show=False),
    ]

    def __init__(
        self, number: int, source: str, counter: PostCounter | None = None, cursor: int = 0
    ) -> None:
        super().__init__(classes="dialog")
        self.number = number
        self.source = source
        self.counter = counter
        self.cursor = cursor  # where the cursor starts, an offset in `source`
        self.counts: list[Count] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box edit-post"):
            yield Label(
                f"Post {self.number}: edit its words (Ctrl+S saves, Esc cancels)",
                classes="dialog-title",
            )
            yield PostTextArea(self.source, language="markdown", soft_wrap=True, id="post-text")
            shown = self.counter.networks if self.counter is not None else 0
            # more than three networks' counts do not share one row at 80 columns: two rows
            with Horizontal(id="post-counts", classes="-two-rows" if shown > 3 else ""):
                for index in range(shown):
                    yield Label("", id=f"count-{index}", classes="post-count", markup=False)
            yield Label("", id="post-overflow", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(PostTextArea)
        if isinstance(area.document, Document):  # a plain-text TextArea's always is
            area.move_cursor(
                area.document.get_location_from_index(min(self.cursor, len(self.source)))
            )
        area.focus()
        if self.counter is not None:
            self._show(self.counter.counts(self.source))

    @on(TextArea.Changed, "#post-text")
    def _recount(self) -> None:
        if self.counter is not None:
            self._show(self.counter.counts(self.query_one(PostTextArea).text))

    def _show(self, counts: list[Count]) -> None:
        self.counts = counts
        for index, count in enumerate(counts):
            label = self.query_one(f"#count-{index}", Label)
            # three networks' counts share one row at 80 columns: "+12" there ("12
            # over" in the note below); one network's says it in words
            over = f" · {count.over} over" if len(counts) == 1 else f" +{count.over}"
            over = over if count.over else ""
            label.update(f"{count.network} {count.length}/{count.limit}{over}")
            label.set_class(count.near, "-near-limit")
            label.set_class(bool(count.over), "-over-limit")
        overflow = self.query_one("#post-overflow", Label)
        overflow.update(self.overflow_note())
        overflow.display = any(count.over for count in counts)

    def overflow_note(self) -> str:
        """What saving now does to the words past the limit ("" when all fit)."""
        over = [count for count in self.counts if count.over]
        if not over:
            return ""
        first = over[0]
        note = f"Over by {first.over} on {first.network}: saving moves the end into "
        note += first.spills_into
        others = [f"{count.network} by {count.over}" for count in over[1:]]
        if not others:
            return note + "."
        listed = ", ".join(others[:-1]) + " and " + others[-1] if len(others) > 1 else others[0]
        return f"{note}. Over on {listed} too."

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one(PostTextArea).text
        over = [count for count in self.counts if count.over] if text != self.source else []
        if over:  # said in the dialog already; said again where the writer goes back to
            self.app.notify(
                f"Post {self.number} is {over[0].over} over on {over[0].network}: "
                f"its end moved into {over[0].spills_into}.",
                severity="warning",
                markup=False,
            )
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
