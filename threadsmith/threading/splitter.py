"""`split`: a Markdown essay → a `Thread` of posts that each fit the platform exactly."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain

from threadsmith.errors import InputError, SplitError
from threadsmith.threading.breaker import Budget, choose_breaks
from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.markdown import Block, Kind, read_blocks
from threadsmith.threading.measure import rules_for, token_weights
from threadsmith.threading.models import (
    Media,
    Meter,
    Position,
    Post,
    PostRules,
    Thread,
    ThreadWarning,
)
from threadsmith.threading.numbering import DEFAULT, Numbering, parse_position
from threadsmith.threading.overlong import cut_overlong
from threadsmith.threading.segment import Break, segment

CUT_MARK = "…"
MIN_LIMIT = 20  # room for a word and the numbering


@dataclass(slots=True)
class Document:
    """The essay as one token stream: what the breaker sees, and the way back to blocks.

    Per token, parallel lists (cheap to extend block by block): its text, the join
    before it, the gap after it, and where it came from (its block, the offset of
    the block's chunk in the essay, its offset in the block's text).
    """

    tokens: list[str] = field(default_factory=list)
    joins: list[str] = field(default_factory=list)
    breaks: list[Break] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    images: list[tuple[int, Media]] = field(default_factory=list)  # (token index, image)


def split(
    text: str,
    platform: PostRules | str | None = None,
    numbering: str | None = None,
    position: Position | str | None = None,
    limit: int | None = None,
    first: str | None = None,
    last: str | None = None,
    known_keys: Collection[str] = (),
) -> Thread:
    """Split a Markdown essay into numbered posts that each fit `platform`: a network's
    `PostRules`, or the name of one the engine knows ("x", "bluesky", "mastodon").

    Arguments left as None come from the essay's YAML front matter (`platform:`,
    `numbering:`, `position:`, `limit:`, `first:`, `last:`), else the defaults:
    X, "{n}/" as a suffix, the platform's own limit, no extras. Given `PostRules`
    are final: the front matter's `limit:` is the caller's to apply (a network may
    take room from it, as a Mastodon content warning does); `limit` still overrides.
    `first` and `last` are added to the first and last post and count toward the
    limit. Front matter keys other than the engine's and `known_keys` are warned
    about. Raises `InputError` for unusable options and `SplitError` when the posts
    cannot be made to fit (e.g. the extras leave no room).
    """
    source, restore = _normalise_newlines(text)
    front = read_front_matter(source)
    settings = front.settings
    style = Numbering(
        str(numbering if numbering is not None else settings.get("numbering", DEFAULT)),
        parse_position(
            str(position if position is not None else settings.get("position", "suffix"))
        ),
    )
    chosen_limit: object = limit
    if not isinstance(platform, PostRules):
        platform = rules_for(str(platform or settings.get("platform") or "x"))
        chosen_limit = limit if limit is not None else settings.get("limit")
    rules = platform.with_limit(checked_limit(chosen_limit))
    first_text = (first if first is not None else str(settings.get("first", ""))).strip()
    last_text = (last if last is not None else str(settings.get("last", ""))).strip()
    warnings = [
        ThreadWarning("front-matter", f"unknown front matter key {key!r} ignored")
        for key in front.unknown_keys
        if key not in known_keys
    ]
    blocks = read_blocks(source[front.body_start :], front.body_start)
    document = _assemble(blocks)
    if not document.tokens:
        return Thread(rules, rules.limit, (), tuple(warnings))
    posts, cuts = _fit(document, rules.meters, style, first_text, last_text, restore)
    warnings += [ThreadWarning("overlong-token", message, number) for number, message in cuts]
    _check_images(posts, rules.max_images, warnings)
    return Thread(rules, rules.limit, tuple(posts), tuple(warnings))


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


def _assemble(blocks: list[tuple[Block, int]]) -> Document:
    doc = Document()
    pending_images: list[Media] = []
    previous: Block | None = None
    for block, base_offset in blocks:
        if block.kind == Kind.BREAK:
            if doc.breaks:
                doc.breaks[-1] = Break.HARD
            continue
        segments = segment(block.text, block.kind, block.marker)
        if not segments.tokens:
            pending_images += [media for _, media in block.images]
            continue
        base = len(doc.tokens)
        if base and doc.breaks[-1] != Break.HARD:
            doc.breaks[-1] = _block_end(previous)
        doc.tokens += segments.tokens
        doc.joins += segments.joins
        if base:
            same_list = (
                previous is not None
                and previous.kind == block.kind == Kind.ITEM
                and not previous.list_end
            )
            doc.joins[base] = "\n" if same_list else "\n\n"
        doc.breaks += segments.breaks
        doc.blocks += [block] * len(segments.tokens)
        doc.bases += [base_offset] * len(segments.tokens)
        doc.starts += segments.starts
        doc.images += [(base, media) for media in pending_images]
        pending_images = []
        for out_pos, media in block.images:
            inside = bisect_right(segments.starts, out_pos) - 1
            doc.images.append((base + max(inside, 0), media))
        previous = block
    if doc.tokens:
        doc.breaks[-1] = Break.END
        doc.images += [(len(doc.tokens) - 1, media) for media in pending_images]
    return doc


def _block_end(block: Block | None) -> Break:
    if block is None:
        return Break.PARAGRAPH
    if block.kind == Kind.HEADING:
        return Break.HEADING
    if block.kind == Kind.ITEM and not block.list_end:
        return Break.SENTENCE
    return Break.PARAGRAPH


@lru_cache(maxsize=16384)
def _block_weights(text: str, kind: Kind, marker: str, meter: Meter) -> tuple[int, ...]:
    # keyed on the meter without its limit: weights do not depend on it
    tokens = segment(text, kind, marker).tokens
    return tuple(token_weights(meter, tokens, text.isascii()))


def _weights(document: Document, meter: Meter) -> list[int]:
    """Per-token weights, computed block by block so unchanged blocks come from cache."""
    weights: list[int] = []
    index = 0
    total = len(document.tokens)
    key = _unlimited(meter)
    while index < total:
        block = document.blocks[index]
        block_weights = _block_weights(block.text, block.kind, block.marker, key)
        weights += block_weights
        index += len(block_weights)
    return weights


def _fit(
    document: Document,
    platform_meters: tuple[Meter, ...],
    style: Numbering,
    first_text: str,
    last_text: str,
    restore: list[int],
) -> tuple[list[Post], list[tuple[int, str]]]:
    primary = platform_meters[0]
    # The breaker tracks the meters that can bind; Bluesky's 3,000 bytes cannot bind
    # before its 300 graphemes unless some token averages over 10 bytes a grapheme.
    # Every post is still measured by every meter at the end.
    tracked = [primary]
    tracked += [
        m for m in platform_meters[1:] if _can_bind(document, m, primary, first_text, last_text)
    ]
    weights = [_weights(document, meter) for meter in tracked]
    # every platform counts a join's characters as 1 each: " ", "\n", "\n\n" or ""
    joins = list(map(len, document.joins))
    joins[0] = 0
    estimate = max(1, sum(weights[0]) // max(1, int(primary.limit * 0.8)) + 1)
    shrink = dict.fromkeys((meter.name for meter in platform_meters), 0)
    for _attempt in range(6):
        label = style.label(estimate, estimate)
        budgets = [
            Budget(
                limit=meter.limit - shrink[meter.name],
                weights=weights[index],
                joins=joins,
                numbering=meter.measure(label) + 1 if label else 0,
                first=meter.measure(first_text) + 1 if first_text else 0,
                last=meter.measure(last_text) + 1 if last_text else 0,
                cut_mark=meter.measure(" " + CUT_MARK),
            )
            for index, meter in enumerate(tracked)
        ]
        cut_document, budgets, cuts = cut_overlong(document, budgets, tracked)
        ends = choose_breaks(cut_document.breaks, budgets)
        if len(ends) > 1 and len(style.label(len(ends), len(ends))) > len(label):
            estimate = len(ends)  # more posts than guessed: a wider number; solve again
            continue
        posts = _posts(cut_document, ends, style, first_text, last_text, primary, restore)
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
                weights.append(_weights(document, meter))
    raise SplitError("could not fit the posts within the limit; please report this essay")


def _can_bind(
    document: Document, meter: Meter, primary: Meter, first_text: str, last_text: str
) -> bool:
    """Whether a secondary meter could reach its limit before the primary one does."""
    ratio = meter.limit / primary.limit
    if ratio < 1 or any(
        meter.measure(t) > ratio * primary.measure(t) for t in (first_text, last_text, "🧵 99/99")
    ):
        return True
    seen: set[int] = set()
    keys = _unlimited(meter), _unlimited(primary)
    for block in document.blocks:
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
    document: Document,
    ends: list[int],
    style: Numbering,
    first_text: str,
    last_text: str,
    primary: Meter,
    restore: list[int],
) -> list[Post]:
    tokens, joins = document.tokens, document.joins
    total = len(ends)
    numbered = style if total > 1 else Numbering("none")  # a single post needs no "1/"
    images_at = [index for index, _ in document.images]
    posts = []
    start = 0
    for number, end in enumerate(ends, start=1):
        body = tokens[start] + "".join(
            chain.from_iterable(zip(joins[start + 1 : end], tokens[start + 1 : end], strict=True))
        )
        text = body
        if document.breaks[end - 1].mid_sentence and end != len(tokens):
            last_token = tokens[end - 1]
            text += (" " if last_token[:1] in "@#" or "://" in last_token else "") + CUT_MARK
        if number == 1 and first_text:
            text += " " + first_text
        if number == total and last_text:
            text += " " + last_text
        text = numbered.apply(text, number, total)
        low, high = bisect_right(images_at, start - 1), bisect_right(images_at, end - 1)
        media = tuple(media for _, media in document.images[low:high])
        span = (_source(document, start, restore), _source(document, end - 1, restore, True))
        length = primary.measure(text)
        posts.append(Post(number, body, text, length, primary.limit, span, media))
        start = end
    return posts


def _source(document: Document, index: int, restore: list[int], end: bool = False) -> int:
    """Offset in the original essay of token `index` (its end, with `end`)."""
    block, out_pos = document.blocks[index], document.starts[index]
    if end:
        offset = block.source_offset(out_pos + len(document.tokens[index]) - 1) + 1
    else:
        offset = block.source_offset(out_pos)
    offset += document.bases[index]
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
