"""The essay as one stream of tokens: what the breaker sees, and the way back to blocks.

`assemble` builds it block by block; `overlong` copies it, cutting the tokens too
long for any post. `splitter` and `overlong` do not need each other: both use this
module.

A block's last gap says what the block was: a paragraph end, a list item's end
(as good as a sentence end) or the end of a heading or a title line. A title line
is how a title arrives when it is pasted rather than written as a Markdown heading:
a paragraph of one short line that does not end like a sentence or a clause. A
heading or title line belongs with what follows it: the breaker never ends a post
after one (`Break.HEADING`) while anything else fits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import add

from threadsmith.threading.gaps import Break
from threadsmith.threading.lists import common_prefix
from threadsmith.threading.markdown import Block, Kind
from threadsmith.threading.models import Media
from threadsmith.threading.segment import segment, visible

# A title line pasted as a paragraph of its own: at most this long, and not ending
# like a sentence or a clause ("Five Years On; We Seek Influence Not Credit").
TITLE_MAX_WORDS = 12
TITLE_MAX_CHARACTERS = 100
_ENDS_A_SENTENCE_OR_CLAUSE = frozenset(".!?…:;,—–。！？．、，；：")
_CLOSERS = "\"'”’»)]}*_"


@dataclass(slots=True)
class TokenStream:
    """Per token, parallel lists (cheap to extend block by block): its text, the join
    before it (the author's separator, as published inside a post), the gap after it,
    and where it came from (its block, the offset of the block's chunk in the essay,
    its offset in the block's text)."""

    tokens: list[str] = field(default_factory=list)
    joins: list[str] = field(default_factory=list)
    breaks: bytearray = field(default_factory=bytearray)  # a `Break` value per gap
    blocks: list[Block] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    images: list[tuple[int, Media]] = field(default_factory=list)  # (token index, image)
    wide_joins: list[int] = field(default_factory=list)  # tokens whose join is not ASCII
    # per block given to `assemble`: the index its tokens (if it has any) start at, and
    # how many images were placed before it (one more: before the end)
    block_starts: list[int] = field(default_factory=list)
    image_starts: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.tokens)

    def join_weights(self, measure: Callable[[str], int]) -> list[int]:
        """The weight of each join by `measure` (a meter's), the first join 0: ASCII
        joins weigh their length on every network."""
        weights = list(map(len, self.joins))
        for index in self.wide_joins:
            weights[index] = measure(self.joins[index])
        if weights:
            weights[0] = 0
        return weights

    def copy_token(self, source: TokenStream, index: int) -> None:
        """Append token `index` of `source`, as it is (its images are not copied)."""
        if not source.joins[index].isascii():
            self.wide_joins.append(len(self.tokens))
        self.tokens.append(source.tokens[index])
        self.joins.append(source.joins[index])
        self.breaks.append(source.breaks[index])
        self.blocks.append(source.blocks[index])
        self.bases.append(source.bases[index])
        self.starts.append(source.starts[index])

    def add_piece(self, source: TokenStream, index: int, piece: str, offset: int) -> None:
        """Append `piece`, the part of token `index` of `source` at `offset` in it: only
        the first piece keeps the token's join and only the last its gap (callers set
        `Break.CUT` on the others)."""
        if offset == 0 and not source.joins[index].isascii():
            self.wide_joins.append(len(self.tokens))
        self.tokens.append(piece)
        self.joins.append(source.joins[index] if offset == 0 else "")
        self.breaks.append(source.breaks[index])
        self.blocks.append(source.blocks[index])
        self.bases.append(source.bases[index])
        self.starts.append(source.starts[index] + offset)


def assemble(blocks: list[tuple[Block, int]]) -> TokenStream:
    """The essay's blocks (each with its chunk's offset) as one token stream, with the
    gap at each block's end set by what the block is."""
    assembler = _Assembler(TokenStream())
    for block, base_offset in blocks:
        assembler.add(block, base_offset)
    return assembler.finish()


class _Assembler:
    """Builds a stream block by block: a block's first join and its last gap depend on
    its neighbours, and images in blocks without words wait for the next word."""

    def __init__(self, stream: TokenStream, previous: Block | None = None) -> None:
        self.stream = stream
        self.previous = previous  # the last block with tokens
        self.pending: list[Media] = []

    def add(self, block: Block, base_offset: int) -> None:
        stream = self.stream
        stream.block_starts.append(len(stream.tokens))
        stream.image_starts.append(len(stream.images))
        if block.kind == Kind.BREAK:
            if stream.breaks:
                stream.breaks[-1] = Break.HARD
            return
        segments = segment(block.text, block.kind, block.marker)
        if not segments.tokens:
            self.pending += [media for _, media in block.images]
            return
        base = len(stream.tokens)
        if base and stream.breaks[-1] != Break.HARD:
            stream.breaks[-1] = _block_end(self.previous)
        stream.wide_joins += [base + index for index in segments.wide_joins]
        stream.tokens += segments.tokens
        stream.joins += segments.joins
        if base:
            previous = self.previous
            same_list = (
                previous is not None
                and previous.kind == block.kind == Kind.ITEM
                and not previous.list_end
            )
            stream.joins[base] = "\n" if same_list else "\n\n"
        if len(segments.tokens) > 1 and _is_whole_title(block):
            # a title is read whole: cut inside only when it is longer than a post
            stream.breaks.extend([Break.NONE] * (len(segments.tokens) - 1))
            stream.breaks.append(segments.breaks[-1])
        else:
            stream.breaks.extend(segments.breaks)
        stream.blocks += [block] * len(segments.tokens)
        stream.bases += [base_offset] * len(segments.tokens)
        stream.starts += segments.starts
        stream.images += [(base, media) for media in self.pending]
        self.pending = []
        for out_pos, media in block.images:
            inside = bisect_right(segments.starts, out_pos) - 1
            stream.images.append((base + max(inside, 0), media))
        self.previous = block

    def finish(self) -> TokenStream:
        stream = self.stream
        stream.image_starts.append(len(stream.images))
        if stream.tokens:
            stream.breaks[-1] = Break.END
            stream.images += [(len(stream.tokens) - 1, media) for media in self.pending]
        return stream


@dataclass(frozen=True, slots=True)
class Edit:
    """How a stream re-assembled after an edit stands to the last one (`old`): every
    token before `head` is the same, from the same place in the essay; from `tail`
    on, token i is the old stream's token i - `shift`, `chars` further on in it."""

    old: TokenStream
    head: int
    tail: int
    shift: int
    chars: int


def reassemble(
    old: TokenStream,
    old_blocks: list[tuple[Block, int]],
    blocks: list[tuple[Block, int]],
    chars: int,
) -> tuple[TokenStream, Edit]:
    """`assemble(blocks)`, given `old` = `assemble(old_blocks)` and an essay `chars`
    characters longer: only the blocks an edit changed are assembled again, with the
    block with tokens before them and the one after (a block's first join and last
    gap depend on its neighbours); the tokens of the others are copied."""
    old_count, count = len(old_blocks), len(blocks)
    same = common_prefix(old_blocks, blocks)  # the same Block objects at the same offsets
    tail = 0
    while tail < min(old_count, count) - same:
        (old_block, old_base), (block, base) = old_blocks[-1 - tail], blocks[-1 - tail]
        if block is not old_block or base != old_base + chars:
            break
        tail += 1
    token_starts = [*old.block_starts, len(old.tokens)]
    with_tokens = [i for i in range(old_count) if token_starts[i + 1] > token_starts[i]]
    out = TokenStream()
    previous = None
    first = 0  # the first block assembled again
    head = 0
    before = bisect_right(with_tokens, same - 1) - 1  # the last block with tokens before
    if before >= 0:
        kept = with_tokens[before]
        head = token_starts[kept]
        _copy(old, out, 0, token_starts[kept + 1], 0, 0)
        out.images = old.images[: old.image_starts[kept + 1]]
        out.block_starts = old.block_starts[: kept + 1]
        out.image_starts = old.image_starts[: kept + 1]
        out.breaks[-1] = Break.END  # as its block left it: what follows sets it
        previous, first = blocks[kept][0], kept + 1
    assembler = _Assembler(out, previous)
    after = bisect_right(with_tokens, old_count - tail - 1)  # the first with tokens after
    if after + 1 >= len(with_tokens):  # none, or none after it: assemble to the end
        for block, base in blocks[first:]:
            assembler.add(block, base)
        stream = assembler.finish()
        return stream, Edit(old, head, len(stream), len(stream) - len(old), chars)
    old_last = with_tokens[after]  # assembled again, then the old tail follows it
    for block, base in blocks[first : old_last + count - old_count + 1]:
        assembler.add(block, base)
    old_end = token_starts[old_last + 1]
    out.breaks[-1] = old.breaks[old_end - 1]  # set by what follows, which is the same
    tail_from = len(out.tokens)
    shift = tail_from - old_end
    _copy(old, out, old_end, len(old.tokens), shift, chars)
    images_from = old.image_starts[old_last + 1]
    out.images += [(index + shift, media) for index, media in old.images[images_from:]]
    moved_images = len(out.images) - len(old.images)
    out.block_starts += map(add, old.block_starts[old_last + 1 :], repeat(shift))
    out.image_starts += map(add, old.image_starts[old_last + 1 :], repeat(moved_images))
    return out, Edit(old, head, tail_from, shift, chars)


def _copy(old: TokenStream, out: TokenStream, start: int, end: int, shift: int, chars: int) -> None:
    """Append `old`'s tokens [start, end) (not their images) to `out`: `shift` tokens
    and `chars` characters further on."""
    out.tokens += old.tokens[start:end]
    out.joins += old.joins[start:end]
    out.breaks += old.breaks[start:end]
    out.blocks += old.blocks[start:end]
    out.bases += map(add, old.bases[start:end], repeat(chars)) if chars else old.bases[start:end]
    out.starts += old.starts[start:end]
    out.wide_joins += [index + shift for index in old.wide_joins if start <= index < end]


def _is_whole_title(block: Block) -> bool:
    """A heading or title line short enough for any post, so never cut inside; a longer
    heading is a passage, cut at its own sentence ends like any other."""
    return _block_end(block) is Break.HEADING and _seen_length(block) <= TITLE_MAX_CHARACTERS


def _seen_length(block: Block) -> int:
    """The block's length as a reader sees it: invisible characters gone, each run of
    spaces one ("word \u200b word" is "word word")."""
    return len(" ".join(visible(block.text).split()))


def _block_end(block: Block | None) -> Break:
    if block is None:
        return Break.PARAGRAPH
    if block.kind == Kind.HEADING or is_title_line(block):
        return Break.HEADING
    if block.kind == Kind.ITEM and not block.list_end:
        return Break.SENTENCE
    return Break.PARAGRAPH


@lru_cache(maxsize=16384)  # blocks are the same objects from one keystroke to the next
def is_title_line(block: Block) -> bool:
    """A paragraph of one short line with no closing punctuation (a pasted title);
    judged on what a reader sees, so invisible characters change nothing."""
    if block.kind != Kind.PARAGRAPH:
        return False
    text = visible(block.text).strip()
    if not text or "\n" in text or _seen_length(block) > TITLE_MAX_CHARACTERS:
        return False
    if len(text.split()) > TITLE_MAX_WORDS:
        return False
    core = text.rstrip(_CLOSERS) or text
    return core[-1] not in _ENDS_A_SENTENCE_OR_CLAUSE
