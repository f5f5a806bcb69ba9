"""Tokens longer than a whole post (a 400-character word, a huge URL on Bluesky).

They are the one case where a token is split: at grapheme-cluster boundaries,
so no character or emoji is ever broken, into pieces that fit any post. Each
cut is reported so the author can look at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from threadsmith.errors import SplitError
from threadsmith.threading.break_memory import Budget
from threadsmith.threading.gaps import Break
from threadsmith.threading.measure import glued_weight
from threadsmith.threading.models import Meter
from threadsmith.threading.tokens import TokenStream

if TYPE_CHECKING:
    import regex

MIN_ROOM = 10  # below this, no post could say anything useful


def room(budget: Budget) -> int:
    """What any post can hold of the author's words, whatever its place in the thread."""
    return budget.limit - budget.numbering - budget.cut_mark - budget.first - budget.last


def cut_overlong(
    stream: TokenStream, budgets: Sequence[Budget], meters: Sequence[Meter]
) -> tuple[TokenStream, list[Budget], list[tuple[int, str]]]:
    """Cut every token that cannot fit in a post; returns the new stream and budgets,
    and (token index, message) for each cut, to be reported against its post."""
    rooms = [room(budget) for budget in budgets]
    if min(rooms) < MIN_ROOM:
        raise SplitError(
            "the numbering and the first/last extras leave no room for the text: shorten them"
        )
    if all(max(b.weights) <= space for b, space in zip(budgets, rooms, strict=True)):
        return stream, list(budgets), []  # the usual case, checked at C speed
    too_long = [
        index
        for index in range(len(stream))
        if any(budget.weights[index] > space for budget, space in zip(budgets, rooms, strict=True))
    ]
    out = TokenStream()
    weights: list[list[int]] = [[] for _ in budgets]
    joins: list[list[int]] = [[] for _ in budgets]
    cuts: list[tuple[int, str]] = []
    moved: dict[int, int] = {}
    previous = 0
    for index in [*too_long, len(stream)]:
        for kept in range(previous, index):  # tokens that fit are copied as they are
            moved[kept] = len(out)
            out.copy_token(stream, kept)
            for budget, per_meter, meter_joins in zip(budgets, weights, joins, strict=True):
                per_meter.append(budget.weights[kept])
                meter_joins.append(budget.joins[kept])
        if index == len(stream):
            break
        moved[index] = len(out)
        token = stream.tokens[index]
        pieces = _pieces(token, meters, rooms)
        cuts.append(
            (
                len(out),
                f"“{token[:24]}…” is longer than a whole post ({len(token)} characters): "
                f"it was cut into {len(pieces)} pieces",
            )
        )
        offset = 0
        for number, piece in enumerate(pieces):
            out.add_piece(stream, index, piece, offset)
            if number < len(pieces) - 1:
                out.breaks[-1] = Break.CUT
            # glued to the piece before it, or to a CJK word: no link starts there
            glued = number > 0 or (index > 0 and not stream.joins[index])
            for budget, per_meter, meter_joins, meter in zip(
                budgets, weights, joins, meters, strict=True
            ):
                per_meter.append(glued_weight(meter, piece) if glued else meter.measure(piece))
                meter_joins.append(budget.joins[index] if number == 0 else 0)
            offset += len(piece)
        previous = index + 1
    out.images = [(moved[index], media) for index, media in stream.images]
    new_budgets = [
        replace(budget, weights=per_meter, joins=meter_joins)
        for budget, per_meter, meter_joins in zip(budgets, weights, joins, strict=True)
    ]
    return out, new_budgets, cuts


@cache
def _grapheme() -> regex.Pattern[str]:
    """Compiled at the first token longer than a post: most essays hold none."""
    import regex

    return regex.compile(r"\X")


def _pieces(token: str, meters: Sequence[Meter], rooms: Sequence[int]) -> list[str]:
    """Greedy cut at grapheme boundaries; each piece fits `rooms` on every meter.

    Summing per-cluster weights can only overestimate (a URL weighs less whole
    than in parts), so the pieces are never too long.
    """
    pieces: list[str] = []
    current: list[str] = []
    used = [0] * len(meters)
    for cluster in _grapheme().findall(token):
        cost = [meter.measure(cluster) for meter in meters]
        if current and any(u + c > r for u, c, r in zip(used, cost, rooms, strict=True)):
            pieces.append("".join(current))
            current, used = [], [0] * len(meters)
        current.append(cluster)
        used = [u + c for u, c in zip(used, cost, strict=True)]
    if current:
        pieces.append("".join(current))
    return pieces
