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

from threadsmith.threading.markdown import Block, Kind
from threadsmith.threading.models import Media
from threadsmith.threading.segment import Break, segment, visible

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
    breaks: list[Break] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    images: list[tuple[int, Media]] = field(default_factory=list)  # (token index, image)
    wide_joins: list[int] = field(default_factory=list)  # tokens whose join is not ASCII

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
    stream = TokenStream()
    pending_images: list[Media] = []
    previous: Block | None = None
    for block, base_offset in blocks:
        if block.kind == Kind.BREAK:
            if stream.breaks:
                stream.breaks[-1] = Break.HARD
            continue
        segments = segment(block.text, block.kind, block.marker)
        if not segments.tokens:
            pending_images += [media for _, media in block.images]
            continue
        base = len(stream.tokens)
        if base and stream.breaks[-1] != Break.HARD:
            stream.breaks[-1] = _block_end(previous)
        stream.wide_joins += [base + index for index in segments.wide_joins]
        stream.tokens += segments.tokens
        stream.joins += segments.joins
        if base:
            same_list = (
                previous is not None
                and previous.kind == block.kind == Kind.ITEM
                and not previous.list_end
            )
            stream.joins[base] = "\n" if same_list else "\n\n"
        stream.breaks += segments.breaks
        stream.blocks += [block] * len(segments.tokens)
        stream.bases += [base_offset] * len(segments.tokens)
        stream.starts += segments.starts
        stream.images += [(base, media) for media in pending_images]
        pending_images = []
        for out_pos, media in block.images:
            inside = bisect_right(segments.starts, out_pos) - 1
            stream.images.append((base + max(inside, 0), media))
        previous = block
    if stream.tokens:
        stream.breaks[-1] = Break.END
        stream.images += [(len(stream.tokens) - 1, media) for media in pending_images]
    return stream


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
    if not text or "\n" in text or len(text) > TITLE_MAX_CHARACTERS:
        return False
    if len(text.split()) > TITLE_MAX_WORDS:
        return False
    core = text.rstrip(_CLOSERS) or text
    return core[-1] not in _ENDS_A_SENTENCE_OR_CLAUSE
