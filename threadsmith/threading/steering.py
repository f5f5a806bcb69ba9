"""The writer steers a network's breaks: move the break after a post one sentence
earlier or later, or join a post with the next. Each is a new essay text whose
front matter pins the post as the writer made it (`pins`); the engine honours the
pin and optimises the rest. Pure functions: the caller applies the text (as one
undoable edit) and re-splits.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from threadsmith.errors import InputError
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import read_blocks
from threadsmith.threading.models import Post, Thread
from threadsmith.threading.pins import (
    Pin,
    pin_between,
    pins_from,
    token_end,
    token_range,
    token_start,
    with_pins,
)
from threadsmith.threading.tokens import TokenStream, assemble

_ENDS = (Break.SENTENCE, Break.PARAGRAPH, Break.HARD, Break.END)


@dataclass(frozen=True, slots=True)
class Steer:
    """A steering move worked out: the essay's new text, and the post it pins (from
    `start` to `end`, essay offsets in the old text)."""

    text: str
    start: int
    end: int


def move_break(text: str, thread: Thread, number: int, later: bool) -> Steer:
    """The break after post `number` one sentence later (or earlier); a clause instead
    where the sentence is longer than a post. Raises `InputError` saying why it cannot."""
    post = _post(thread, number)
    if number == len(thread.posts):
        raise InputError(f"post {number} is the last: there is no break after it to move")
    following = thread.posts[number]
    stream, _ = _stream(text)
    clauses = post.ends_mid_sentence or (later and following.ends_mid_sentence)
    if later:
        ends = _gap_ends(stream, post.span[1] + 1, following.span[1], clauses)
        if not ends:
            raise InputError(f"post {number + 1} has no sentence end to move the break to")
        return _pinned(text, thread, post.span[0], ends[0])
    ends = _gap_ends(stream, post.span[0] + 1, post.span[1] - 1, clauses)
    if not ends and not clauses:
        ends = _gap_ends(stream, post.span[0] + 1, post.span[1] - 1, True)
    if not ends:
        raise InputError(f"post {number} is one sentence: its end cannot move earlier")
    return _pinned(text, thread, post.span[0], ends[-1], keep_next=following)


def join_next(text: str, thread: Thread, number: int) -> Steer:
    """Post `number` and the next as one post."""
    post = _post(thread, number)
    if number == len(thread.posts):
        raise InputError("there is no next post to join")
    return _pinned(text, thread, post.span[0], thread.posts[number].span[1])


def _post(thread: Thread, number: int) -> Post:
    if not 1 <= number <= len(thread.posts):
        raise InputError(f"there is no post {number}")
    return thread.posts[number - 1]


def _pinned(
    text: str, thread: Thread, start: int, end: int, keep_next: Post | None = None
) -> Steer:
    """The text with the post [start, end) pinned on the thread's network; the pins it
    overlaps are dropped, and a pinned next post (`keep_next`) takes the words moved."""
    network = thread.network
    front = read_front_matter(text)
    pins = pins_from(front.pinned)
    mine = list(pins.get(network, ()))
    stream, source = _stream(text)
    kept: list[Pin] = []
    for pin in mine:
        where = _located(pin, stream, source)
        if where is None:
            kept.append(pin)  # not found: the engine says so; not ours to drop
        elif keep_next is not None and where[0] == keep_next.span[0]:
            kept.append(pin_between(text, end, where[1]))  # the words moved stay pinned
        elif where[1] <= start or where[0] >= end:
            kept.append(pin)
    kept.append(pin_between(text, start, end))
    pins[network] = tuple(kept)
    return Steer(with_pins(text, front.body_start, pins), start, end)


def _located(pin: Pin, stream: TokenStream, source: str) -> tuple[int, int] | None:
    """The essay offsets [start, end) of a pinned post, if it is found in one place."""
    found = token_range(pin, stream, source)
    if found is None:
        return None
    return token_start(stream, found[0]), token_end(stream, found[1] - 1)


def _stream(text: str) -> tuple[TokenStream, str]:
    body_start = read_front_matter(text).body_start
    return assemble(read_blocks(text[body_start:], body_start)), text


def _gap_ends(stream: TokenStream, low: int, high: int, clauses: bool) -> list[int]:
    """Essay offsets in [low, high] where a token ends at a sentence end (or, with
    `clauses`, a clause end too)."""
    kinds = (*_ENDS, Break.CLAUSE) if clauses else _ENDS
    count = len(stream.tokens)
    first = bisect_right(range(count), low - 1, key=lambda i: token_end(stream, i))
    found = []
    for index in range(first, count):
        offset = token_end(stream, index)
        if offset > high:
            break
        if stream.breaks[index] in kinds:
            found.append(offset)
    return found
