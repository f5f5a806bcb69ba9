"""Posts the writer pinned: a moved break or two posts joined, kept with the essay.

A pin says "for this network, these words are one post": its first and last few
words, as written in the essay. The essay's front matter keeps them, per network,
so they travel with it (saved drafts, undo and redo, export, `thread split`):

    ---
    pinned: {"x": [["Five years on, we", "not credit."]]}
    ---

The engine finds each pin's words afresh on every split, so a pin survives edits
anywhere else. A pin whose words are no longer there (or are in more than one
place) is dropped with a warning, never applied somewhere else; so is one that no
longer fits in a post. Moving a break and joining posts make pins (`pin_between`);
`with_pins` writes them into the front matter.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from threadsmith.errors import InputError
from threadsmith.threading.models import ThreadWarning
from threadsmith.threading.tokens import TokenStream

if TYPE_CHECKING:
    import regex

KEY = "pinned"  # the front matter key
ANCHOR_WORDS = 6  # words kept of each end of a pinned post: enough to be found once


@dataclass(frozen=True, slots=True)
class Pin:
    """A post the writer made: from the words `first` to the words `last`."""

    first: str
    last: str
    words: int = 0  # how many words the post had: which of several "last words" ends it

    def describe(self) -> str:
        """The post's words as a person would point at them."""
        return f"“{self.first} … {self.last}”"


def pins_from(value: object) -> dict[str, tuple[Pin, ...]]:
    """The pins per network in a front matter `pinned:` value; `InputError` when it is
    not a mapping of network names to lists of [first words, last words]."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"front matter `{KEY}:` must map networks to pinned posts")
    pins: dict[str, tuple[Pin, ...]] = {}
    for network, listed in value.items():
        if not isinstance(listed, list) or not all(_is_pair(item) for item in listed):
            raise InputError(
                f"front matter `{KEY}:` for {network}: each pinned post is "
                '["its first words", "its last words"]'
            )
        pins[str(network)] = tuple(Pin(*item) for item in listed)
    return pins


def _is_pair(item: object) -> bool:
    """[first words, last words] or [first words, last words, how many words]."""
    if not isinstance(item, list) or len(item) not in (2, 3):
        return False
    first, last, *count = item
    return all(isinstance(part, str) and part.split() for part in (first, last)) and all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in count
    )


def pin_between(source: str, start: int, end: int) -> Pin:
    """The pin for the post made of the essay's `source[start:end]`."""
    # invisible characters at the edges (a byte-order mark, a zero-width space) are
    # in no token: the words are found where the tokens start and end
    words = _invisible_edges().sub("", source[start:end]).split()
    first = ANCHOR_WORDS  # more, where the first few are said elsewhere in the essay too
    while first < len(words) and len(_words(" ".join(words[:first])).findall(source)) > 1:
        first += ANCHOR_WORDS
    return Pin(" ".join(words[:first]), " ".join(words[-ANCHOR_WORDS:]), len(words))


def with_pins(text: str, body_start: int, pins: Mapping[str, Sequence[Pin]]) -> str:
    """`text` with its front matter's `pinned:` line saying `pins` (none: no line);
    the other front matter lines are kept as written. `body_start` is where the
    essay's body starts (0: it has no front matter)."""
    import json  # here: only saving pins writes JSON, and `thread split` never does

    kept = {network: list(listed) for network, listed in pins.items() if listed}
    line = (
        f"{KEY}: "
        + json.dumps(
            {network: [_listed(pin) for pin in listed] for network, listed in kept.items()},
            ensure_ascii=False,
        )
        if kept
        else None
    )
    if not body_start:
        return text if line is None else f"---\n{line}\n---\n{text}"
    lines = text[text.index("\n") + 1 : body_start].splitlines(keepends=True)
    closing, block, replacing = lines[-1], [], False
    for each in lines[:-1]:
        if each[:1].isspace() and replacing:
            continue  # the rest of the value being replaced
        replacing = each.split(":", 1)[0].strip() == KEY
        if not replacing:
            block.append(each)
    if line is not None:
        block.append(line + "\n")
    if not block:
        return text[body_start:]  # the pins were all the front matter said
    return "---\n" + "".join(block) + closing + text[body_start:]


def _listed(pin: Pin) -> list[str | int]:
    return [pin.first, pin.last, pin.words] if pin.words else [pin.first, pin.last]


def resolve(
    pins: Sequence[Pin], stream: TokenStream, source: str, network: str
) -> tuple[list[tuple[int, int]], list[Pin], list[ThreadWarning]]:
    """Each pin found in the stream as a token range [start, end), in order, with the
    pins they are; warnings for those not found once or overlapping another."""
    found: list[tuple[int, int, Pin]] = []
    warnings: list[ThreadWarning] = []
    for pin in pins:
        where = _find(pin, stream, source)
        if where is None:
            warnings.append(_dropped(pin, network, "its words are no longer in the essay"))
        elif where == "twice":
            warnings.append(_dropped(pin, network, "its words are in more than one place"))
        else:
            found.append((*where, pin))
    found.sort(key=lambda item: item[0])
    ranges: list[tuple[int, int]] = []
    kept: list[Pin] = []
    for start, end, pin in found:
        if ranges and start < ranges[-1][1]:
            warnings.append(_dropped(pin, network, "it overlaps another pinned post"))
            continue
        ranges.append((start, end))
        kept.append(pin)
    return ranges, kept, warnings


def over_limit(pin: Pin, network: str, overflow: int) -> ThreadWarning:
    """The warning for a pin left out because its post would be `overflow` too long."""
    return _dropped(pin, network, f"it would be {overflow} over the limit", overflow)


def _dropped(pin: Pin, network: str, why: str, over: int = 0) -> ThreadWarning:
    return ThreadWarning(
        "pin", f"The post you made on {network}, {pin.describe()}, is undone: {why}.", None, over
    )


def _find(pin: Pin, stream: TokenStream, source: str) -> tuple[int, int] | str | None:
    """The token range of the pin's post; "twice" when its first words are in more
    than one place; None when it is not there."""
    firsts = [_edge(stream, source, m.start(), False) for m in _words(pin.first).finditer(source)]
    starts = [token for token in firsts if token is not None]
    if len(starts) > 1:
        return "twice"
    if not starts:
        return None
    first = starts[0]
    begin = token_start(stream, first)
    best: tuple[int, int] | None = None  # (how far from the post's word count, last token)
    for match in _words(pin.last).finditer(source, begin):
        last = _edge(stream, source, match.end(), True)
        if last is None or last < first:
            continue
        if not pin.words:
            return first, last + 1
        count = len(source[begin : match.end()].split())
        if best is None or abs(count - pin.words) < best[0]:
            best = (abs(count - pin.words), last)
        if count > pin.words:
            break  # further ends are further from the post's length
    return None if best is None else (first, best[1] + 1)


def _edge(stream: TokenStream, source: str, offset: int, end: bool) -> int | None:
    """The token starting (or, with `end`, ending) at `offset`, or there but for the
    invisible characters next to it (a byte-order mark is part of its token)."""
    found = _token_at(stream, offset, end)
    step = 1 if end else -1
    while (
        found is None
        and 0 < offset < len(source)
        and _invisible().match(source, offset if end else offset - 1)
    ):
        offset += step
        found = _token_at(stream, offset, end)
    return found


# `regex` and these load at first use: a split without pins never needs them.
@cache
def _invisible_edges() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"^[\p{Cf}\s]+|[\p{Cf}\s]+$")


@cache
def _invisible() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\p{Cf}")


def _words(text: str) -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\s+".join(map(regex.escape, text.split())))


def token_range(pin: Pin, stream: TokenStream, source: str) -> tuple[int, int] | None:
    """The token range [start, end) of the pin's post, if it is found in one place."""
    found = _find(pin, stream, source)
    return found if isinstance(found, tuple) else None


def _token_at(stream: TokenStream, offset: int, end: bool) -> int | None:
    """The token that starts (or, with `end`, ends) exactly at essay offset `offset`."""
    count = len(stream.tokens)
    where = token_end if end else token_start
    index = bisect_left(range(count), offset, key=lambda i: where(stream, i))
    if index < count and where(stream, index) == offset:
        return index
    return None


def token_start(stream: TokenStream, index: int) -> int:
    """The essay offset where token `index` starts."""
    return stream.blocks[index].source_offset(stream.starts[index]) + stream.bases[index]


def token_end(stream: TokenStream, index: int) -> int:
    """The essay offset just after token `index`."""
    block, at = stream.blocks[index], stream.starts[index]
    return block.source_offset(at + len(stream.tokens[index]) - 1) + 1 + stream.bases[index]
