"""CJK text, which has no spaces between words: each character is a token of its
own, and the gaps between them are word breaks, kept from where the rules of
line breaking (kinsoku) forbid one. Loaded by `segment` only for text that may
hold CJK characters, and `regex` with it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from threadsmith.threading.gaps import DROP_INVISIBLE, INVISIBLE, Break

if TYPE_CHECKING:
    import regex


@cache
def _cjk() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


@cache
def _cjk_piece() -> regex.Pattern[str]:
    import regex

    return regex.compile(
        rf"[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}\u3000-\u303f\uff00-\uffef][\p{{M}}\ufe00-\ufe0f{INVISIBLE}]*"
        r"|(?:(?![\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef])\X)+"
    )


def has_cjk(text: str) -> bool:
    return _cjk().search(text) is not None


_CJK_SENTENCE_END = frozenset("。！？!?．")
_CJK_CLAUSE_END = frozenset("、，,；;：:")
_CJK_NO_START = frozenset(
    "。、，．！？：；」』）》〉】〕〗〙〛〞・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
)
_CJK_NO_END = frozenset("「『（《〈【〔〖〘〚〝")


def split_cjk(
    tokens: list[str], starts: list[int], joins: list[str], breaks: list[Break]
) -> tuple[list[str], list[int], list[str], list[Break]]:
    """Make each CJK character a token of its own, joined without spaces."""
    out_tokens: list[str] = []
    out_starts: list[int] = []
    out_joins: list[str] = []
    out_breaks: list[Break] = []
    for token, start, join, gap in zip(tokens, starts, joins, breaks, strict=True):
        if not _cjk().search(token):
            out_tokens.append(token)
            out_starts.append(start)
            out_joins.append(join)
            out_breaks.append(gap)
            continue
        pieces = _cjk_piece().findall(token)
        if len(pieces) > 1 and not pieces[0].translate(DROP_INVISIBLE):
            pieces[:2] = [pieces[0] + pieces[1]]  # invisible characters are not a word
        offset = start
        for number, piece in enumerate(pieces):
            out_tokens.append(piece)
            out_starts.append(offset)
            out_joins.append(join if number == 0 else "")
            offset += len(piece)
            if number == len(pieces) - 1:
                out_breaks.append(gap)
            else:
                following = pieces[number + 1]
                out_breaks.append(
                    _cjk_gap(piece.translate(DROP_INVISIBLE), following.translate(DROP_INVISIBLE))
                )
    return out_tokens, out_starts, out_joins, out_breaks


def _cjk_gap(piece: str, following: str) -> Break:
    if following[0] in _CJK_NO_START or piece[-1] in _CJK_NO_END:
        return Break.NONE  # kinsoku: no line may start with 。 or end with 「
    if piece[0] in _CJK_SENTENCE_END:
        return Break.SENTENCE
    if piece[0] in _CJK_CLAUSE_END:
        return Break.CLAUSE
    if not _cjk().match(piece) and not _cjk().match(following):
        return Break.NONE  # inside a Latin word embedded in CJK text
    return Break.WORD
