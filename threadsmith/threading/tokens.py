"""The essay as one stream of tokens: what the breaker sees, and the way back to blocks.

`splitter` builds it block by block; `overlong` copies it, cutting the tokens too
long for any post. Neither needs the other: both use this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from threadsmith.threading.markdown import Block
from threadsmith.threading.models import Media
from threadsmith.threading.segment import Break


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
        if source.joins[index] and not source.joins[index].isascii():
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
