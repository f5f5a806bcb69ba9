"""`split`: a Markdown essay → a `Thread` of posts that each fit the network exactly.

`split` is a pure function: the same arguments give the same thread, and nothing
is kept between calls but the caches of pure functions (blocks, tokens, weights).
An editor that re-splits on every keystroke keeps a `Splitter`, which also
remembers the breaker's last runs and so redoes only the work after the edit.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from threading import Lock

from threadsmith.errors import InputError
from threadsmith.threading.break_memory import BreakMemory
from threadsmith.threading.fitting import Fitting, WeightMemory, fit
from threadsmith.threading.frontmatter import misplaced_front_matter, read_front_matter
from threadsmith.threading.leftovers import leftover_warnings
from threadsmith.threading.markdown import Block, ReadMemory, read_blocks
from threadsmith.threading.models import (
    Position,
    Post,
    PostRules,
    Thread,
    ThreadWarning,
)
from threadsmith.threading.numbering import DEFAULT, Numbering, parse_position
from threadsmith.threading.pins import pins_from
from threadsmith.threading.tokens import Edit, TokenStream, assemble, reassemble
from threadsmith.threading.writing import PostMemory, Writing

MIN_LIMIT = 20  # room for a word and the numbering
Stale = Callable[[], bool]  # True once a split's result is no longer wanted


def split(
    text: str,
    rules: PostRules,
    numbering: str | None = None,
    position: Position | str | None = None,
    limit: int | None = None,
    first: str | None = None,
    last: str | None = None,
    compact: bool | None = None,
    known_keys: Collection[str] = (),
) -> Thread:
    """Split a Markdown essay into numbered posts that each fit a network's `rules`
    (`Network.post_rules` gives them: the engine knows no network by name).

    Arguments left as None come from the essay's YAML front matter (`numbering:`,
    `position:`, `first:`, `last:`, `compact:`), else the defaults: "{n}/" as a
    suffix, no extras, clean breaks. `first` and `last` are added to the first and
    last post and count toward the limit. Posts end at sentence and paragraph ends, and inside a
    sentence only where it cannot fit in one post, whatever that costs in posts;
    `compact` ends posts mid-sentence whenever that saves a post or fills posts
    much better (`Thread.trade` says what each way gives). The posts the writer
    pinned for this network (front matter `pinned:`, see `pins`) are kept as made,
    unless their words are gone or no longer fit (then a warning says so).
    The rules are final: the front matter's `network:` and `limit:` are the
    caller's to apply (a network may take room from the limit, as a Mastodon
    content warning does); `limit` still overrides. Front matter keys other than the
    engine's and `known_keys` (the networks' own) are warned about.
    Raises `InputError` for unusable options and `SplitError` when the posts
    cannot be made to fit (e.g. the extras leave no room).
    """
    return _split(
        text, rules, numbering, position, limit, first, last, compact, known_keys, None, None
    )


class StreamMemory:
    """The essay last read into a token stream, with its blocks: the next one (a
    keystroke later) is assembled again only where its blocks changed."""

    def __init__(self) -> None:
        self._last: tuple[str, list[tuple[Block, int]], TokenStream, Edit | None] | None = None
        self._lock = Lock()

    def stream(
        self, source: str, read: Callable[[], list[tuple[Block, int]]]
    ) -> tuple[TokenStream, Edit | None, list[tuple[Block, int]]]:
        """The stream of `source` (whose blocks `read` gives), how it stands to the
        last one (None: read afresh), and the blocks."""
        with self._lock:
            last = self._last
        if last is not None and last[0] == source:  # another network's preview
            return last[2], last[3], last[1]
        blocks = read()
        if last is None:
            stream, edit = assemble(blocks), None
        else:
            old_source, old_blocks, old_stream, _ = last
            stream, edit = reassemble(old_stream, old_blocks, blocks, len(source) - len(old_source))
        with self._lock:
            self._last = (source, blocks, stream, edit)
        return stream, edit, blocks

    def clear(self) -> None:
        with self._lock:
            self._last = None


@dataclass(frozen=True)
class Memory:
    """What a `Splitter` remembers of its last splits (each part safe across threads)."""

    reading: ReadMemory = field(default_factory=ReadMemory)
    streams: StreamMemory = field(default_factory=StreamMemory)
    breaks: BreakMemory = field(default_factory=BreakMemory)
    posts: PostMemory = field(default_factory=PostMemory)
    weights: WeightMemory = field(default_factory=WeightMemory)

    def clear(self) -> None:
        self.reading.clear()
        self.streams.clear()
        self.breaks.clear()
        self.posts.clear()
        self.weights.last.clear()


class Abandoned(Exception):
    """A split stopped part way because the caller's `stale()` said it was no longer
    wanted (a `Splitter.until`'s): not an error, nothing to tell anyone."""


class Splitter:
    """`split` for an editor: the same threads, faster from one keystroke to the next.

    It remembers the breaker's last runs (a few per network and settings), so a
    re-split after an edit redoes only the work that the edit can change. One per
    editor; safe to use from several threads.
    """

    def __init__(self, memory: Memory | None = None, stale: Stale | None = None) -> None:
        self._memory = memory if memory is not None else Memory()
        self._stale = stale

    def until(self, stale: Stale) -> Splitter:
        """This splitter (its memory shared) for a split that may go stale: it raises
        `Abandoned` at its next check once `stale()` is true (an editor's worker
        thread, whose essay has changed since it started)."""
        return Splitter(self._memory, stale)

    def split(
        self,
        text: str,
        rules: PostRules,
        numbering: str | None = None,
        position: Position | str | None = None,
        limit: int | None = None,
        first: str | None = None,
        last: str | None = None,
        compact: bool | None = None,
        known_keys: Collection[str] = (),
    ) -> Thread:
        """As `split` (same arguments, same result)."""
        return _split(
            text, rules, numbering, position, limit, first, last, compact, known_keys,
            self._memory, self._stale,
        )  # fmt: skip

    def forget(self) -> None:
        """Drop what was remembered (another essay opened: nothing would be reused)."""
        self._memory.clear()


def _split(
    text: str,
    given_rules: PostRules,
    numbering: str | None,
    position: Position | str | None,
    limit: int | None,
    first: str | None,
    last: str | None,
    compact: bool | None,
    known_keys: Collection[str],
    memory: Memory | None,
    stale: Stale | None,
) -> Thread:
    check = _checker(stale)
    source, restore = _normalise_newlines(text)
    front = read_front_matter(source)
    settings = front.settings
    style = Numbering(
        str(numbering if numbering is not None else settings.get("numbering", DEFAULT)),
        parse_position(
            str(position if position is not None else settings.get("position", "suffix"))
        ),
    )
    rules = given_rules.with_limit(checked_limit(limit))
    first_text = (first if first is not None else str(settings.get("first", ""))).strip()
    last_text = (last if last is not None else str(settings.get("last", ""))).strip()
    # characters the network refuses are replaced: the offsets stay the same
    source, first_text, last_text = map(rules.publishable, (source, first_text, last_text))
    clean = not (compact if compact is not None else settings.get("compact", False))
    warnings = [
        ThreadWarning("front-matter", f"unknown front matter key {key!r} ignored")
        for key in front.unknown_keys
        if key not in known_keys
    ]
    if front.body_start == 0 and (line := misplaced_front_matter(source)) is not None:
        warnings.append(
            ThreadWarning(
                "front-matter",
                f"the settings at line {line} are posted as text: settings are read only at "
                "the very top of the essay",
            )
        )
    check()
    body, body_start = source[front.body_start :], front.body_start
    if memory is None:
        blocks = read_blocks(body, body_start)
        stream, edit = assemble(blocks), None
    else:
        reading = memory.reading
        stream, edit, blocks = memory.streams.stream(
            source, lambda: read_blocks(body, body_start, check, reading)
        )
    warnings += _converted(blocks)
    check()
    if not stream.tokens:
        return Thread(rules, rules.limit, (), tuple(warnings))
    writing = Writing(style, first_text, last_text, restore, check)
    pins = pins_from(front.pinned).get(rules.network, ())
    if memory is None:
        how = Fitting(writing, clean, None, None, check)
    else:
        how = Fitting(writing, clean, memory.breaks, memory.posts, check, edit, memory.weights)
    how = replace(how, pins=pins, source=source, network=rules.network)
    fitted = fit(stream, rules.meters, how)
    posts = fitted.posts
    warnings += fitted.warnings
    warnings += [
        ThreadWarning("overlong-token", message, number) for number, message in fitted.cuts
    ]
    _check_images(posts, rules.max_images, warnings)
    warnings += leftover_warnings(text, posts)
    return Thread(rules, rules.limit, tuple(posts), tuple(warnings), fitted.trade)


def _converted(blocks: list[tuple[Block, int]]) -> list[ThreadWarning]:
    """What the essay holds that a post cannot show as written, said once each."""
    said = []
    if any(block.inline.table for block, _ in blocks):
        said.append(
            ThreadWarning("table", "a table is published as plain lines, its cells joined by ·")
        )
    if any(block.inline.html for block, _ in blocks):
        said.append(
            ThreadWarning("html", "HTML tags are left out of the posts (their text is kept)")
        )
    return said


def _checker(stale: Stale | None) -> Callable[[], None]:
    """A check to call between steps: raises `Abandoned` once `stale()` is true."""
    if stale is None:
        return _never

    def check() -> None:
        if stale():
            raise Abandoned

    return check


def _never() -> None:
    return None


def checked_limit(limit: object) -> int | None:
    """`limit`, which must be a whole number of at least `MIN_LIMIT` (or None: none given)."""
    if limit is None:
        return None
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < MIN_LIMIT:
        raise InputError(f"--limit must be a whole number of at least {MIN_LIMIT}, not {limit!r}")
    return limit


def _normalise_newlines(text: str) -> tuple[str, list[int]]:
    """Text with \\r\\n and \\r as \\n, and where each dropped \\r was (to map offsets back)."""
    if "\r" not in text:
        return text, []
    dropped: list[int] = []
    out: list[str] = []
    length = 0
    for index, line in enumerate(text.split("\r\n")):
        if index:
            dropped.append(length)
            out.append("\n")
            length += 1
        out.append(line.replace("\r", "\n"))
        length += len(line)
    return "".join(out), dropped


def _check_images(posts: list[Post], max_images: int, warnings: list[ThreadWarning]) -> None:
    for post in posts:
        if len(post.media) > max_images:
            warnings.append(
                ThreadWarning(
                    "too-many-images",
                    f"post {post.number} has {len(post.media)} images; at most {max_images} "
                    "can be attached: move one, or add a `---` break between them",
                    post.number,
                )
            )
