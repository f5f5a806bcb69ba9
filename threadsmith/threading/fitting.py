"""Fitting a token stream into posts: weights per meter, the breaker, the posts' texts.

The breaker works on token weights summed with the joins between them; the posts
it chooses are then written out in full and measured whole by every meter, and
tightened if any is over (the safety net: a post the network would reject for
its length is never returned).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from threadsmith.errors import SplitError
from threadsmith.threading.break_memory import BreakMemory, Budget, Unchanged
from threadsmith.threading.breaker import choose
from threadsmith.threading.gaps import Break
from threadsmith.threading.markdown import Kind
from threadsmith.threading.measure import token_weights
from threadsmith.threading.models import Meter, Post, ThreadWarning, Trade
from threadsmith.threading.overlong import cut_overlong
from threadsmith.threading.pins import Pin, over_limit, resolve
from threadsmith.threading.segment import segment
from threadsmith.threading.tokens import Edit, TokenStream
from threadsmith.threading.writing import CUT_MARK, PostMemory, Writing, write_posts


@dataclass(frozen=True, slots=True)
class Fitting:
    """How the posts are made, besides the network's meters."""

    writing: Writing  # numbering, extras, the way back to the essay's offsets
    clean: bool  # clean breaks (`breaker.choose`), else compact
    memory: BreakMemory | None  # an editor's `Splitter` memory, or None
    posts: PostMemory | None  # ... and its last posts
    check: Callable[[], None]  # called between steps: raises to abandon the split
    edit: Edit | None = None  # how the stream stands to the last one read, if known
    weights: WeightMemory | None = None  # an editor's: the weights last computed
    pins: tuple[Pin, ...] = ()  # the posts the writer made on this network
    source: str = ""  # the essay, where the pins' words are found
    network: str = ""  # the network's name, as warnings say it


@dataclass(frozen=True, slots=True)
class Fitted:
    """The posts, (post number, message) for each token that had to be cut, warnings
    for the pins left out, and what clean breaks cost against compact ones."""

    posts: list[Post]
    cuts: list[tuple[int, str]]
    warnings: list[ThreadWarning]
    trade: Trade


@lru_cache(maxsize=16384)
def _block_weights(text: str, kind: Kind, marker: str, meter: Meter) -> tuple[int, ...]:
    # keyed on the meter without its limit: weights do not depend on it
    segments = segment(text, kind, marker)
    return tuple(token_weights(meter, segments.tokens, text.isascii(), segments.joins))


class WeightMemory:
    """The token weights of the stream last weighed, per meter (an editor's `Splitter`
    keeps one): after an edit only the blocks it changed are weighed again (the shared
    cache holds a few thousand blocks; a 5 MB essay has tens of thousands)."""

    def __init__(self) -> None:
        self.last: dict[Meter, tuple[TokenStream, list[int]]] = {}


def _weights(stream: TokenStream, meter: Meter, how: Fitting | None = None) -> list[int]:
    """Per-token weights, computed block by block so unchanged blocks come from cache,
    or from the last stream weighed when `how` says how this one was made from it."""
    key = _unlimited(meter)
    memory = how.weights if how is not None else None
    edit = how.edit if how is not None else None
    last = memory.last.get(key) if memory is not None else None
    if last is not None and edit is not None and last[0] is edit.old:
        old = last[1]
        middle = _weighed(stream, key, edit.head, edit.tail)
        weights = old[: edit.head] + middle + old[edit.tail - edit.shift :]
    else:
        weights = _weighed(stream, key, 0, len(stream.tokens))
    if memory is not None:
        memory.last[key] = (stream, weights)
    return weights


def _weighed(stream: TokenStream, key: Meter, start: int, end: int) -> list[int]:
    """The weights of tokens [start, end), which begin and end blocks."""
    weights: list[int] = []
    index = start
    while index < end:
        block = stream.blocks[index]
        block_weights = _block_weights(block.text, block.kind, block.marker, key)
        weights += block_weights
        index += len(block_weights)
    return weights


def fit(stream: TokenStream, network_meters: tuple[Meter, ...], how: Fitting) -> Fitted:
    """The posts of the stream, each within every meter's limit, with what else the
    writer should know (`Fitted`). Raises `SplitError` when no split fits."""
    primary = network_meters[0]
    style, first_text, last_text = how.writing.style, how.writing.first, how.writing.last
    # The breaker tracks the meters that can bind; Bluesky's 3,000 bytes cannot bind
    # before its 300 graphemes unless some token averages over 10 bytes a grapheme.
    # Every post is still measured by every meter at the end.
    tracked = [primary]
    tracked += [
        m for m in network_meters[1:] if _can_bind(stream, m, primary, first_text, last_text)
    ]
    weights = [_weights(stream, meter, how) for meter in tracked]
    joins = [stream.join_weights(meter.measure) for meter in tracked]
    estimate = max(1, sum(weights[0]) // max(1, int(primary.limit * 0.8)) + 1)
    shrink = dict.fromkeys((meter.name for meter in network_meters), 0)
    for _attempt in range(6):
        label = style.label(estimate, estimate)
        budgets = [
            Budget(
                limit=meter.limit - shrink[meter.name],
                weights=weights[index],
                joins=joins[index],
                numbering=meter.measure(label) + 1 if label else 0,
                first=meter.measure(first_text) + 1 if first_text else 0,
                last=meter.measure(last_text) + 1 if last_text else 0,
                cut_mark=meter.measure(" " + CUT_MARK),
            )
            for index, meter in enumerate(tracked)
        ]
        cut_stream, budgets, cuts = cut_overlong(stream, budgets, tracked)
        how.check()
        unchanged = _unchanged(stream, how) if cut_stream is stream else None
        ranges, pins, warnings = resolve(how.pins, cut_stream, how.source, how.network)
        chosen = choose(
            cut_stream.breaks, budgets, how.memory, not how.clean, unchanged, how.check, ranges,
            _lists(stream) if cut_stream is stream else (),
        )  # fmt: skip
        ends = chosen.ends
        warnings += [over_limit(pins[index], how.network, by) for index, by in chosen.over]
        how.check()
        if len(ends) > 1 and len(style.label(len(ends), len(ends))) > len(label):
            estimate = len(ends)  # more posts than guessed: a wider number; solve again
            continue
        edit = how.edit if cut_stream is stream else None
        posts = write_posts(cut_stream, ends, how.writing, primary, how.posts, edit)
        # the safety net: every post measured on its final text by every meter
        over = {primary.name: max(0, max(post.length for post in posts) - primary.limit)}
        for meter in network_meters[1:]:
            over[meter.name] = max(0, max(meter.measure(post.text) for post in posts) - meter.limit)
        if not any(over.values()):
            cut_posts = [(bisect_right(ends, index) + 1, message) for index, message in cuts]
            clean_ends = chosen.clean_ends
            trade = Trade(
                len(clean_ends),
                _cut(cut_stream.breaks, clean_ends),
                len(chosen.compact_ends),
                _cut(cut_stream.breaks, chosen.compact_ends),
            )
            return Fitted(posts, cut_posts, warnings, trade)
        for meter in network_meters:  # never ship an over-long post: tighten and redo
            shrink[meter.name] += over[meter.name]
            if over[meter.name] and meter not in tracked:
                tracked.append(meter)
                weights.append(_weights(stream, meter))
                joins.append(stream.join_weights(meter.measure))
    raise SplitError("could not fit the posts within the limit; please report this essay")


def _lists(stream: TokenStream) -> list[tuple[int, int]]:
    """The token range of each list of two items or more (kept in one post if it fits)."""
    lists: list[tuple[int, int]] = []
    first_item = None  # the first token of the list being read
    items = 0
    starts = stream.block_starts
    count = len(stream.tokens)
    for index, start in enumerate(starts):
        if start >= count or (index + 1 < len(starts) and starts[index + 1] == start):
            continue  # a block without words (a `---`, an image alone)
        block = stream.blocks[start]
        if block.kind != Kind.ITEM:
            first_item, items = None, 0
            continue
        if first_item is None:
            first_item, items = start, 0
        items += 1
        if block.list_end:
            end = starts[index + 1] if index + 1 < len(starts) else count
            if items > 1:
                lists.append((first_item, min(end, count)))
            first_item, items = None, 0
    return lists


def _cut(breaks: bytearray, ends: list[int]) -> int:
    """How many of the posts ending at `ends` end inside a sentence."""
    return sum(Break(breaks[end - 1]).mid_sentence for end in ends[:-1])


def _unchanged(stream: TokenStream, how: Fitting) -> Unchanged:
    """What is known to be the same since the stream the edit was made to, if any."""
    edit = how.edit
    if edit is None:
        return Unchanged(stream)
    return Unchanged(stream, edit.old, edit.head, len(stream) - edit.tail)


def _can_bind(
    stream: TokenStream, meter: Meter, primary: Meter, first_text: str, last_text: str
) -> bool:
    """Whether a secondary meter could reach its limit before the primary one does."""
    ratio = meter.limit / primary.limit
    if ratio < 1 or any(
        meter.measure(t) > ratio * primary.measure(t) for t in (first_text, last_text, "🧵 99/99")
    ):
        return True
    seen: set[int] = set()
    keys = _unlimited(meter), _unlimited(primary)
    for block in stream.blocks:
        if id(block) not in seen:
            seen.add(id(block))
            if _peak_ratio(block.text, block.kind, block.marker, *keys) > ratio:
                return True
    return False


@lru_cache(maxsize=16384)
def _peak_ratio(text: str, kind: Kind, marker: str, meter: Meter, primary: Meter) -> float:
    """The largest weight per primary unit of any token of a block, by a secondary meter."""
    if text.isascii():
        return 1.0
    peak = 1.0
    for token in segment(text, kind, marker).tokens:
        units = primary.measure(token)
        peak = max(peak, meter.measure(token) / units if units else float("inf"))
    return peak


def _unlimited(meter: Meter) -> Meter:
    """The meter as a cache key that ignores its limit (weights do not depend on it)."""
    return meter if meter.limit == 0 else _without_limit(meter)


@lru_cache(maxsize=64)
def _without_limit(meter: Meter) -> Meter:
    return replace(meter, limit=0)
