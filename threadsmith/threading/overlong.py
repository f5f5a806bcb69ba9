"""Tokens longer than a whole post (a 400-character word, a huge URL on Bluesky).

They are the one case where a token is split: at grapheme-cluster boundaries,
so no character or emoji is ever broken, into pieces that fit any post. Each
cut is reported so the author can look at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from threadsmith.errors import SplitError
from threadsmith.threading.breaker import Budget
from threadsmith.threading.models import Meter
from threadsmith.threading.segment import Break

if TYPE_CHECKING:
    from threadsmith.threading.splitter import Document

_GRAPHEME = regex.compile(r"\X")
MIN_ROOM = 10  # below this, no post could say anything useful


def room(budget: Budget) -> int:
    """What any post can hold of the author's words, whatever its place in the thread."""
    return budget.limit - budget.numbering - budget.cut_mark - budget.first - budget.last


def cut_overlong(
    document: Document, budgets: Sequence[Budget], meters: Sequence[Meter]
) -> tuple[Document, list[Budget], list[tuple[int, str]]]:
    """Cut every token that cannot fit in a post; returns the new document and budgets,
    and (token index, message) for each cut, to be reported against its post."""
    rooms = [room(budget) for budget in budgets]
    if min(rooms) < MIN_ROOM:
        raise SplitError(
            "the numbering and the first/last extras leave no room for the text: shorten them"
        )
    if all(max(b.weights) <= space for b, space in zip(budgets, rooms, strict=True)):
        return document, list(budgets), []  # the usual case, checked at C speed
    too_long = [
        index
        for index in range(len(document.tokens))
        if any(budget.weights[index] > space for budget, space in zip(budgets, rooms, strict=True))
    ]
    from threadsmith.threading.splitter import Document

    out = Document()
    weights: list[list[int]] = [[] for _ in budgets]
    joins: list[int] = []
    cuts: list[tuple[int, str]] = []
    moved: dict[int, int] = {}
    previous = 0
    for index in [*too_long, len(document.tokens)]:
        for kept in range(previous, index):  # tokens that fit are copied as they are
            moved[kept] = len(out.tokens)
            out.tokens.append(document.tokens[kept])
            out.joins.append(document.joins[kept])
            out.breaks.append(document.breaks[kept])
            out.blocks.append(document.blocks[kept])
            out.bases.append(document.bases[kept])
            out.starts.append(document.starts[kept])
            joins.append(budgets[0].joins[kept])
            for per_meter, budget in zip(weights, budgets, strict=True):
                per_meter.append(budget.weights[kept])
        if index == len(document.tokens):
            break
        moved[index] = len(out.tokens)
        token = document.tokens[index]
        pieces = _pieces(token, meters, rooms)
        cuts.append(
            (
                len(out.tokens),
                f"“{token[:24]}…” is longer than a whole post ({len(token)} characters): "
                f"it was cut into {len(pieces)} pieces",
            )
        )
        block, base, out_pos = document.blocks[index], document.bases[index], document.starts[index]
        offset = 0
        for number, piece in enumerate(pieces):
            out.tokens.append(piece)
            out.joins.append(document.joins[index] if number == 0 else "")
            last = number == len(pieces) - 1
            out.breaks.append(document.breaks[index] if last else Break.CUT)
            out.blocks.append(block)
            out.bases.append(base)
            out.starts.append(out_pos + offset)
            joins.append(budgets[0].joins[index] if number == 0 else 0)
            for per_meter, meter in zip(weights, meters, strict=True):
                per_meter.append(meter.measure(piece))
            offset += len(piece)
        previous = index + 1
    out.images = [(moved[index], media) for index, media in document.images]
    new_budgets = [
        replace(budget, weights=per_meter, joins=joins)
        for budget, per_meter in zip(budgets, weights, strict=True)
    ]
    return out, new_budgets, cuts


def _pieces(token: str, meters: Sequence[Meter], rooms: Sequence[int]) -> list[str]:
    """Greedy cut at grapheme boundaries; each piece fits `rooms` on every meter.

    Summing per-cluster weights can only overestimate (a URL weighs less whole
    than in parts), so the pieces are never too long.
    """
    pieces: list[str] = []
    current: list[str] = []
    used = [0] * len(meters)
    for cluster in _GRAPHEME.findall(token):
        cost = [meter.measure(cluster) for meter in meters]
        if current and any(u + c > r for u, c, r in zip(used, cost, rooms, strict=True)):
            pieces.append("".join(current))
            current, used = [], [0] * len(meters)
        current.append(cluster)
        used = [u + c for u, c in zip(used, cost, strict=True)]
    if current:
        pieces.append("".join(current))
    return pieces
