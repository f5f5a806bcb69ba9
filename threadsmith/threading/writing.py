"""The posts written out: each post's words, its text as published, its length and
where its words stand in the essay, from the token stream and the breaker's ends.

An editor's `PostMemory` keeps the last posts written, so that after an edit the
posts whose words are the same (before the edit, and after it with their tokens
shifted) reuse their words, and the posts that did not change at all are the same
objects: a post's words are joined from its tokens, the costliest part here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from threading import Lock

from threadsmith.threading.gaps import Break
from threadsmith.threading.lists import common_prefix, common_suffix
from threadsmith.threading.models import Meter, Post
from threadsmith.threading.numbering import Numbering
from threadsmith.threading.tokens import Edit, TokenStream

CUT_MARK = "…"
CHECK_EVERY = 256  # posts written between two calls of the caller's check
_MID_SENTENCE = tuple(Break(value).mid_sentence for value in range(len(Break)))


@dataclass(frozen=True, slots=True)
class Writing:
    """How the posts' texts are made."""

    style: Numbering
    first: str  # extras added to the first post ("" for none)
    last: str  # extras added to the last post
    restore: list[int]  # where each \r dropped from the essay was, to map offsets back
    check: Callable[[], None]  # called now and then: raises to abandon the split


@dataclass(frozen=True, slots=True)
class _Written:
    """One writing of a thread's posts, kept so the next can reuse the posts it shares.
    (A docstring also spares `dataclass` writing one from the signature, ~1 ms.)"""

    stream: TokenStream  # the stream the posts were written from
    tokens: list[str]
    joins: list[str]
    posts: dict[tuple[int, int], Post]  # by (first token, end token)
    total: int  # how many posts
    restored: int  # carriage returns dropped from the essay before splitting
    ends: list[int]  # the posts' ends (token indices)
    in_order: list[Post]  # the posts


class PostMemory:
    """The posts last written per network and numbering (an editor's `Splitter`
    keeps one). Safe to use from several threads: runs are replaced, never changed."""

    def __init__(self, size: int = 12) -> None:
        self._size = size
        self._runs: dict[tuple[object, ...], _Written] = {}
        self._lock = Lock()

    def last(self, key: tuple[object, ...]) -> _Written | None:
        with self._lock:
            return self._runs.get(key)

    def remember(self, key: tuple[object, ...], written: _Written) -> None:
        with self._lock:
            self._runs.pop(key, None)  # the newest run goes last: the oldest is dropped first
            if len(self._runs) >= self._size:
                self._runs.pop(next(iter(self._runs)))
            self._runs[key] = written

    def clear(self) -> None:
        with self._lock:
            self._runs.clear()


def write_posts(
    stream: TokenStream,
    ends: list[int],
    how: Writing,
    primary: Meter,
    memory: PostMemory | None = None,
    edit: Edit | None = None,
) -> list[Post]:
    """The posts ending at `ends` (token indices, exclusive), measured by `primary`.
    With a `memory`, the words of posts made of the same tokens as last time are
    reused; with the `edit` that made `stream` from the last one, also where they
    stand in the essay and their images."""
    tokens, joins = stream.tokens, stream.joins
    count = len(tokens)
    total = len(ends)
    numbered = how.style if total > 1 else Numbering("none")  # a single post needs no "1/"
    images_at = [index for index, _ in stream.images]
    key = (primary, how.style, how.first, how.last)
    previous = memory.last(key) if memory is not None else None
    same = tail_from = shift = count + 1  # no post reuses anything without a previous run
    moved = 0  # how far the posts after the edit moved in the essay, when `exact`
    exact = previous is not None and edit is not None and previous.stream is edit.old
    if exact:
        assert edit is not None and previous is not None
        same, tail_from, shift = edit.head, edit.tail, edit.shift
        moved = edit.chars + len(how.restore) - previous.restored
    elif previous is not None:  # the same tokens and joins: the same words
        same = min(common_prefix(previous.tokens, tokens), common_prefix(previous.joins, joins))
        tail = min(common_suffix(previous.tokens, tokens), common_suffix(previous.joins, joins))
        tail_from, shift = count - tail, count - len(previous.tokens)
    old_total = previous.total if previous is not None else 0
    counted = "{total}" in how.style.template  # the numbering says how many posts
    posts: list[Post] = []
    start = 0
    if exact and previous is not None and (total == old_total or not counted):
        # the posts before the edit, neither the last nor alone then or now: the same
        kept = min(common_prefix(previous.ends, ends), min(total, old_total) - 1)
        kept = bisect_right(ends, edit.head, hi=max(kept, 0)) if edit is not None else 0
        posts = previous.in_order[:kept]
        start = ends[kept - 1] if kept else 0
    for number, end in enumerate(ends[len(posts) :], start=len(posts) + 1):
        if not number % CHECK_EVERY:
            how.check()
        old = None
        offset = 0
        if previous is not None:  # the same tokens, before the edit or shifted after it
            if end <= same:
                old = previous.posts.get((start, end))
            elif start >= tail_from:
                old, offset = previous.posts.get((start - shift, end - shift)), moved
        if old is not None:
            body = old.body
        else:
            body = tokens[start] + "".join(
                chain.from_iterable(
                    zip(joins[start + 1 : end], tokens[start + 1 : end], strict=True)
                )
            )
        mid_sentence = _MID_SENTENCE[stream.breaks[end - 1]] and end != count
        if (
            old is not None
            and old.number == number
            and old.ends_mid_sentence == mid_sentence
            and 1 < number < min(total, old_total)  # neither first nor last, then or now
            and (total == old_total or not counted)
        ):
            text = old.text  # the same words, numbered the same
        else:
            text = body
            if mid_sentence:
                last_token = tokens[end - 1]
                text += (" " if last_token[:1] in "@#" or "://" in last_token else "") + CUT_MARK
            if number == 1 and how.first:
                text += " " + how.first
            if number == total and how.last:
                text += " " + how.last
            text = numbered.apply(text, number, total)
        if exact and old is not None:
            media = old.media
            span = (old.span[0] + offset, old.span[1] + offset) if offset else old.span
        else:
            low, high = bisect_right(images_at, start - 1), bisect_right(images_at, end - 1)
            media = tuple(media for _, media in stream.images[low:high])
            span = (
                _source(stream, start, how.restore),
                _source(stream, end - 1, how.restore, True),
            )
        if old is None or old.text != text:
            length = primary.measure(text)
        elif (old.number, old.span, old.media, old.ends_mid_sentence) == (
            number,
            span,
            media,
            mid_sentence,
        ):
            posts.append(old)  # the very same post
            start = end
            continue
        else:
            length = old.length
        posts.append(Post(number, body, text, length, primary.limit, span, media, mid_sentence))
        start = end
    if memory is not None:
        ranges = zip([0, *ends[:-1]], ends, strict=True)
        by_range = dict(zip(ranges, posts, strict=True))
        written = _Written(stream, tokens, joins, by_range, total, len(how.restore), ends, posts)
        memory.remember(key, written)
    return posts


def _source(stream: TokenStream, index: int, restore: list[int], end: bool = False) -> int:
    """Offset in the original essay of token `index` (its end, with `end`)."""
    block, out_pos = stream.blocks[index], stream.starts[index]
    if end:
        offset = block.source_offset(out_pos + len(stream.tokens[index]) - 1) + 1
    else:
        offset = block.source_offset(out_pos)
    offset += stream.bases[index]
    return offset + bisect_left(restore, offset)
