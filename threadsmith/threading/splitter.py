"""`split`: a Markdown essay → a `Thread` of posts that each fit the platform exactly.

`split` is a pure function: the same arguments give the same thread, and nothing
is kept between calls but the caches of pure functions (blocks, tokens, weights).
An editor that re-splits on every keystroke keeps a `Splitter`, which also
remembers the breaker's last runs and so redoes only the work after the edit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import chain

from threadsmith.errors import InputError, SplitError
from threadsmith.threading.breaker import BreakMemory, Budget, choose_breaks
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.markdown import Kind, read_blocks
from threadsmith.threading.measure import rules_for, token_weights
from threadsmith.threading.models import (
    Meter,
    Position,
    Post,
    PostRules,
    Thread,
    ThreadWarning,
)
from threadsmith.threading.numbering import DEFAULT, Numbering, parse_position
from threadsmith.threading.overlong import cut_overlong
from threadsmith.threading.segment import segment
from threadsmith.threading.tokens import TokenStream, assemble

CUT_MARK = "…"


def split(
    text: str,
    platform: PostRules | str | None = None,
    numbering: str | None = None,
    position: Position | str | None = None,
    limit: int | None = None,
    first: str | None = None,
    last: str | None = None,
) -> Thread:
    """Split a Markdown essay into numbered posts that each fit `platform`: a network's
    `PostRules`, or the name of one the engine knows ("x", "bluesky").

    Arguments left as None come from the essay's YAML front matter (`platform:`,
    `numbering:`, `position:`, `limit:`, `first:`, `last:`), else the defaults:
    X, "{n}/" as a suffix, the platform's own limit, no extras. `first` and
    `last` are added to the first and last post and count toward the limit.
    Raises `InputError` for unusable options and `SplitError` when the posts
    cannot be made to fit (e.g. the extras leave no room).
    """
    return _split(text, platform, numbering, position, limit, first, last, memory=None)


class Splitter:
    """`split` for an editor: the same threads, faster from one keystroke to the next.

    It remembers the breaker's last runs (a few per platform and settings), so a
    re-split after an edit redoes only the work that the edit can change. One per
    editor; safe to use from several threads.
    """

    def __init__(self) -> None:
        self._memory = BreakMemory()

    def split(
        self,
        text: str,
        platform: PostRules | str | None = None,
        numbering: str | None = None,
        position: Position | str | None = None,
        limit: int | None = None,
        first: str | None = None,
        last: str | None = None,
    ) -> Thread:
        """As `split` (same arguments, same result)."""
        return _split(text, platform, numbering, position, limit, first, last, self._memory)

    def forget(self) -> None:
        """Drop what was remembered (another essay opened: nothing would be reused)."""
        self._memory.clear()


def _split(
    text: str,
    platform: PostRules | str | None,
    numbering: str | None,
    position: Position | str | None,
    limit: int | None,
    first: str | None,
    last: str | None,
    memory: BreakMemory | None,
) -> Thread:
    source, restore = _normalise_newlines(text)
    front = read_front_matter(source)
    settings = front.settings
    style = Numbering(
        str(numbering if numbering is not None else settings.get("numbering", DEFAULT)),
        parse_position(
            str(position if position is not None else settings.get("position", "suffix"))
        ),
    )
    chosen_limit = limit if limit is not None else settings.get("limit")
    if chosen_limit is not None and (not isinstance(chosen_limit, int) or chosen_limit < 20):
        raise InputError(f"--limit must be a whole number of at least 20, not {chosen_limit!r}")
    if not isinstance(platform, PostRules):
        platform = rules_for(str(platform or settings.get("platform") or "x"))
    rules = platform.with_limit(chosen_limit)
    first_text = (first if first is not None else str(settings.get("first", ""))).strip()
    last_text = (last if last is not None else str(settings.get("last", ""))).strip()
    warnings = [
        ThreadWarning("front-matter", f"unknown front matter key {key!r} ignored")
        for key in front.unknown_keys
    ]
    blocks = read_blocks(source[front.body_start :], front.body_start)
    stream = assemble(blocks)
    if not stream.tokens:
        return Thread(rules, rules.limit, (), tuple(warnings))
    posts, cuts = _fit(stream, rules.meters, style, first_text, last_text, restore, memory)
    warnings += [ThreadWarning("overlong-token", message, number) for number, message in cuts]
    _check_images(posts, rules.max_images, warnings)
    return Thread(rules, rules.limit, tuple(posts), tuple(warnings))


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


@lru_cache(maxsize=16384)
def _block_weights(text: str, kind: Kind, marker: str, meter: Meter) -> tuple[int, ...]:
    # keyed on the meter without its limit: weights do not depend on it
    tokens = segment(text, kind, marker).tokens
    return tuple(token_weights(meter, tokens, text.isascii()))


def _weights(stream: TokenStream, meter: Meter) -> list[int]:
    """Per-token weights, computed block by block so unchanged blocks come from cache."""
    weights: list[int] = []
    index = 0
    total = len(stream.tokens)
    key = _unlimited(meter)
    while index < total:
        block = stream.blocks[index]
        block_weights = _block_weights(block.text, block.kind, block.marker, key)
        weights += block_weights
        index += len(block_weights)
    return weights


def _fit(
    stream: TokenStream,
    platform_meters: tuple[Meter, ...],
    style: Numbering,
    first_text: str,
    last_text: str,
    restore: list[int],
    memory: BreakMemory | None,
) -> tuple[list[Post], list[tuple[int, str]]]:
    primary = platform_meters[0]
    # The breaker tracks the meters that can bind; Bluesky's 3,000 bytes cannot bind
    # before its 300 graphemes unless some token averages over 10 bytes a grapheme.
    # Every post is still measured by every meter at the end.
    tracked = [primary]
    tracked += [
        m for m in platform_meters[1:] if _can_bind(stream, m, primary, first_text, last_text)
    ]
    weights = [_weights(stream, meter) for meter in tracked]
    joins = [stream.join_weights(meter.measure) for meter in tracked]
    estimate = max(1, sum(weights[0]) // max(1, int(primary.limit * 0.8)) + 1)
    shrink = dict.fromkeys((meter.name for meter in platform_meters), 0)
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
        ends = choose_breaks(cut_stream.breaks, budgets, memory)
        if len(ends) > 1 and len(style.label(len(ends), len(ends))) > len(label):
            estimate = len(ends)  # more posts than guessed: a wider number; solve again
            continue
        posts = _posts(cut_stream, ends, style, first_text, last_text, primary, restore)
        # the safety net: every post measured on its final text by every meter
        over = {primary.name: max(0, max(post.length for post in posts) - primary.limit)}
        for meter in platform_meters[1:]:
            over[meter.name] = max(0, max(meter.measure(post.text) for post in posts) - meter.limit)
        if not any(over.values()):
            return posts, [(bisect_right(ends, index) + 1, message) for index, message in cuts]
        for meter in platform_meters:  # never ship an over-long post: tighten and redo
            shrink[meter.name] += over[meter.name]
            if over[meter.name] and meter not in tracked:
                tracked.append(meter)
                weights.append(_weights(stream, meter))
                joins.append(stream.join_weights(meter.measure))
    raise SplitError("could not fit the posts within the limit; please report this essay")


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


def _posts(
    stream: TokenStream,
    ends: list[int],
    style: Numbering,
    first_text: str,
    last_text: str,
    primary: Meter,
    restore: list[int],
) -> list[Post]:
    tokens, joins = stream.tokens, stream.joins
    total = len(ends)
    numbered = style if total > 1 else Numbering("none")  # a single post needs no "1/"
    images_at = [index for index, _ in stream.images]
    posts = []
    start = 0
    for number, end in enumerate(ends, start=1):
        body = tokens[start] + "".join(
            chain.from_iterable(zip(joins[start + 1 : end], tokens[start + 1 : end], strict=True))
        )
        text = body
        if stream.breaks[end - 1].mid_sentence and end != len(tokens):
            last_token = tokens[end - 1]
            text += (" " if last_token[:1] in "@#" or "://" in last_token else "") + CUT_MARK
        if number == 1 and first_text:
            text += " " + first_text
        if number == total and last_text:
            text += " " + last_text
        text = numbered.apply(text, number, total)
        low, high = bisect_right(images_at, start - 1), bisect_right(images_at, end - 1)
        media = tuple(media for _, media in stream.images[low:high])
        span = (_source(stream, start, restore), _source(stream, end - 1, restore, True))
        length = primary.measure(text)
        posts.append(Post(number, body, text, length, primary.limit, span, media))
        start = end
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


def _unlimited(meter: Meter) -> Meter:
    """The meter as a cache key that ignores its limit (weights do not depend on it)."""
    return meter if meter.limit == 0 else _without_limit(meter)


@lru_cache(maxsize=64)
def _without_limit(meter: Meter) -> Meter:
    return replace(meter, limit=0)


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
