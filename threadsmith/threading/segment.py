"""Plain text → tokens, and how good a post break each gap between tokens is.

A token is a run of non-space characters (a word with its punctuation, a URL,
an @mention, an emoji sequence), never split, except CJK text which has no
spaces: there each character is a token and the gaps between them are word
breaks. Each gap gets a `Break` class; the breaker prefers the higher ones.

Text pasted from blogs, word processors and email carries characters a reader
never sees as such. Every Unicode space separates words (a no-break space too:
"meet.\u00a0It's" is a sentence end), but a gap made only of no-break spaces
keeps its words in one post ("10\u00a0%", "Mr\u00a0Smith") unless a sentence
ends there. Zero-width characters and soft hyphens are neither words nor breaks:
they stay inside the token they touch, and a run of them alone between spaces is
part of the gap. Inside a post the author's characters are kept: a gap is
published as written, except that a run of ASCII spaces, tabs and line breaks is
one space, as Markdown renders it; a line that starts with a bullet ("•", "▪" …)
keeps its line break, as a pasted list is read. A line break weighs what a space
does on every network (1), so the breaker's sums stay exact.

Sentence ends are read as a reader reads them: "!" or "?" inside an aside or a
quotation ends the sentence only when the aside or quotation does too (see
`_aside_ends_sentence`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from threadsmith.threading.gaps import DROP_INVISIBLE, INVISIBLE, Break
from threadsmith.threading.markdown import Kind

_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
# The spaces between tokens: Unicode's White_Space, `regex`'s `\s` (Python's own
# would take U+001C–U+001F too), written out so that `re` reads every text without
# CJK and `thread split` need not import `regex` (~20 ms).
SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A token: non-space characters, at least one of them visible.
_TOKEN = re.compile(rf"[^{SPACES}]*[^{SPACES}{INVISIBLE}][^{SPACES}]*")
_ASCII_SPACE_RUN = re.compile(r"[ \t\n\f\v]+")
# A bullet between two sentences, with spaces around it ("heard • Over the month").
_BULLETS = frozenset("•‣▪◦·")
# What opens a line of a pasted list: the bullets, and glyphs that are bullets only
# there ("● Meet your MP", "✓ Letters sent"; inline, "Press ● to record" is a word).
_LINE_BULLETS = _BULLETS | frozenset("●○■□▸►➢✓✔")
# Every CJK character is at U+2E80 or above (a test checks): text with none there
# is never searched with `regex`, which is imported at the first that has one.
# (Written as what it is not: the range up to U+10FFFF takes 7 ms to compile.)
_MAYBE_CJK = re.compile("[^\x00-\u2e7f]")


_CLOSERS = "\"'”’»)]}*_"
_SENTENCE_END = frozenset(".!?…")
_CLAUSE_END = frozenset(",;:")
_DASHES = frozenset("—–")
_LONE_PUNCTUATION = frozenset(("—", "–", "-", "…", "&", ":", ";", ",", "...", "|"))

# Abbreviations after which a sentence never ends; titles also glue to the next word.
_TITLES = frozenset(
    ("mr", "mrs", "ms", "mx", "dr", "prof", "sir", "st", "rev", "revd", "hon", "cllr", "capt",
     "col", "gen", "lt", "sgt", "rt", "mt", "fr", "sr", "jr")
)  # fmt: skip
_NEVER_END = _TITLES | frozenset(
    ("e.g", "eg", "i.e", "ie", "cf", "vs", "approx", "incl", "esp", "al", "viz", "fig", "figs",
     "no", "nos", "vol", "vols", "pp", "p", "ch", "sec")
)  # fmt: skip
_MONTHS = frozenset(
    ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december")
)  # fmt: skip
_NUMBER_GLUE = frozenset(("no", "nos", "p", "pp", "fig", "figs", "vol", "ch", "sec"))

# "!", "?" or "…" closed by a bracket or a quotation mark at a token's end, with
# nothing visible after it: a sentence end only if what it closes ends the sentence.
_CLOSING = re.escape(_CLOSERS + INVISIBLE)
_ASIDE_CLOSE = re.compile(rf"[!?…][{_CLOSING}]*[)\]\"'”’][{_CLOSING}]*(?![^{SPACES}])")
_OPENERS = "\"'“‘«[(*_" + INVISIBLE
ASIDE_REACH = 1000  # characters searched back for an aside's "(": an aside is short
# The verbs of a dialogue tag after a quotation: '"Why me?" I asked.' is one sentence.
_SPEECH = frozenset(
    ("said", "says", "asked", "asks", "shouted", "shouts", "cried", "cries", "replied", "replies",
     "wrote", "writes", "added", "adds", "told", "tells", "yelled", "yells", "whispered",
     "exclaimed", "demanded", "wondered", "answered", "insisted", "explained", "chanted")
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Segments:
    """The tokens of one block, their offsets in its text, and the gaps after them."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    joins: tuple[str, ...]  # the text put before each token inside a post ("" for the first)
    breaks: tuple[Break, ...]  # the gap after each token; the block's last gap is set later
    wide_joins: tuple[int, ...] = ()  # the joins that are not ASCII (each weighed apart)


@lru_cache(maxsize=8192)
def segment(text: str, kind: Kind, marker: str = "") -> Segments:
    """Tokens and break classes of one block's text (cached: blocks rarely change)."""
    if kind == Kind.CODE:
        return _code_lines(text)
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(text):
        tokens.append(match.group())
        start, end = match.span()
        starts.append(start)
        ends.append(end)
    joins = [" "] * len(tokens)
    if text.isascii():
        breaks = [_gap(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1)]
        breaks.append(Break.END)
        _read_asides(text, tokens, starts, breaks)
    else:
        visible = [token.translate(DROP_INVISIBLE) for token in tokens]
        breaks = [_gap(visible[i], visible[i + 1]) for i in range(len(tokens) - 1)]
        breaks.append(Break.END)
        _read_asides(text, visible, starts, breaks)
        for index in range(1, len(tokens)):
            gap = text[ends[index - 1] : starts[index]]
            if "\n" in gap and visible[index][0] in _LINE_BULLETS:
                joins[index] = "\n"  # a line of a list: the post keeps it on its own line
                breaks[index - 1] = max(breaks[index - 1], Break.SENTENCE)
                if len(visible[index]) == 1 and index + 1 < len(tokens):
                    breaks[index] = Break.NONE  # the bullet never ends a post on its own
            elif not gap.isascii():
                joins[index] = _ASCII_SPACE_RUN.sub(" ", gap)
                if breaks[index - 1] < Break.SENTENCE and _keeps_together(gap):
                    breaks[index - 1] = Break.NONE
        _glue_marks(visible, breaks)
        if _MAYBE_CJK.search(text) is not None:
            from threadsmith.threading import cjk  # loaded by the first text that may need it

            if cjk.has_cjk(text):
                tokens, starts, joins, breaks = cjk.split_cjk(tokens, starts, joins, breaks)
    if marker and tokens:  # "• item": the marker never ends a post on its own
        tokens.insert(0, marker)
        starts.insert(0, starts[0])
        joins.insert(0, " ")
        breaks.insert(0, Break.NONE)
    if joins:
        joins[0] = ""
    wide = () if text.isascii() else tuple(i for i, join in enumerate(joins) if not join.isascii())
    return Segments(tuple(tokens), tuple(starts), tuple(joins), tuple(breaks), wide)


def visible(text: str) -> str:
    """`text` without its zero-width characters and soft hyphens."""
    return text.translate(DROP_INVISIBLE)


def _keeps_together(gap: str) -> bool:
    """A gap of no-break spaces (and invisible characters) only."""
    return all(char in _NO_BREAK_SPACES or char in INVISIBLE for char in gap) and any(
        char in _NO_BREAK_SPACES for char in gap
    )


def _gap(token: str, following: str) -> Break:
    """How good a break is between `token` and the `following` one (both without
    their invisible characters)."""
    if following in _BULLETS:
        return Break.SENTENCE  # an inline bullet starts the next point
    if token in _BULLETS or following in _LONE_PUNCTUATION:
        return Break.NONE  # a post should not start with a dash or an ampersand
    last = token[-1]
    if last.isalnum() and not _is_number_before_month(token, following):
        return Break.WORD
    core = token.rstrip(_CLOSERS) or token
    end = core[-1]
    if end in _SENTENCE_END:
        if end == "." and _is_abbreviation(core, following):
            return Break.NONE if _glues(core, following) else Break.WORD
        first = following.lstrip("\"'“‘(«[*_")[:1]
        if first and first.islower():
            return Break.WORD  # "… said no. then" is not a new sentence
        return Break.SENTENCE
    if end in _CLAUSE_END or end in _DASHES:
        return Break.CLAUSE
    if _is_number_before_month(token, following):
        return Break.NONE
    return Break.WORD


def _read_asides(text: str, tokens: list[str], starts: list[int], breaks: list[Break]) -> None:
    """Lower to a clause boundary each "!" or "?" (or "…") whose closing bracket or
    quotation mark does not end the sentence. Only tokens the search finds are
    looked at: most blocks have none."""
    if "!" not in text and "?" not in text and "…" not in text:
        return  # the test costs far less than the search
    last = len(tokens) - 1
    for match in _ASIDE_CLOSE.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if (
            index < last
            and breaks[index] == Break.SENTENCE
            and not _aside_ends_sentence(text, tokens, starts, breaks, index, match)
        ):
            breaks[index] = Break.CLAUSE


def _aside_ends_sentence(
    text: str,
    tokens: list[str],
    starts: list[int],
    breaks: list[Break],
    index: int,
    match: re.Match[str],
) -> bool:
    """Whether token `index`, ending in `match` ("!)", "?\"" …) and followed by a
    capital, ends the sentence.

    A bracket closes an aside, and an aside ends its sentence only when it is a
    sentence of its own: one opened where a sentence starts ("We asked. (Would
    they come?) They did."). Opened inside a sentence, the sentence goes on after
    it: "children through (Not going to happen!) I will still have 82%".

    A quotation is different: English puts the sentence's own "!" or "?" inside
    the quotation marks ('The sign said "Keep out!" Nobody did.'), so where the
    quotation opened says nothing. The next word does: a writer goes on in lower
    case ('He shouted "Stop!" and ran', already a word gap) and starts a new
    sentence with a capital ('"Stop!" He ran.'). The one capital that goes on is
    a dialogue tag, a name or "I" then a verb of saying ('"Why me?" I asked.').
    """
    closing = match.group()
    bracket = max(closing.rfind(")"), closing.rfind("]"))  # the outermost
    if bracket < 0:
        after = tokens[index + 2] if index + 2 < len(tokens) else ""
        return after.rstrip(".,;:!?…" + _CLOSERS).lower() not in _SPEECH
    close = closing[bracket]
    closed_at = match.start() + bracket
    opened_at = _opener(text, closed_at, close, "(" if close == ")" else "[")
    if opened_at < 0:
        return True  # a stray bracket: read the "!" as written
    opener = bisect_right(starts, opened_at) - 1
    if text[starts[opener] : opened_at].strip(_OPENERS):
        return False  # opened inside a word: "aside(s!)"
    return opener == 0 or breaks[opener - 1] >= Break.SENTENCE


def _opener(text: str, at: int, close: str, open_: str) -> int:
    """Where the bracket `close` at `at` was opened (nesting counted), or -1."""
    depth = 0
    for position in range(at, max(at - ASIDE_REACH, -1), -1):
        char = text[position]
        if char == close:
            depth += 1
        elif char == open_:
            depth -= 1
            if not depth:
                return position
    return -1


def _is_abbreviation(core: str, following: str) -> bool:
    word = core.lower().lstrip("(\"'“‘[")
    bare = word[:-1]
    if bare in _NEVER_END or word in _NEVER_END:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "J. K. Rowling"
    if bare in _MONTHS:
        return following[:1].isdigit() or not following[:1].isupper()
    return False


def _glues(core: str, following: str) -> bool:
    """Abbreviations that belong to the next word: "Mr. Smith", "No. 10", "Sept. 3"."""
    bare = core.lower().lstrip("(\"'“‘[")[:-1]
    if bare in _TITLES or (len(bare) == 1 and bare.isalpha()):
        return True
    return (bare in _NUMBER_GLUE or bare in _MONTHS) and following[:1].isdigit()


def _is_number_before_month(token: str, following: str) -> bool:
    """ "3 Sept." and "21st March" stay together."""
    if not token[:1].isdigit() or len(token) > 4:
        return False
    return following.rstrip(".,;:").lower() in _MONTHS


def _glue_marks(visible: list[str], breaks: list[Break]) -> None:
    """A token that starts with a combining mark belongs to the gap before it."""
    for index in range(1, len(visible)):
        first = visible[index][0]
        if first in "\ufe0f\ufe0e" or unicodedata.category(first).startswith("M"):
            breaks[index - 1] = Break.NONE


def _code_lines(text: str) -> Segments:
    """Code is kept verbatim: each line is a token, lines are joined by newlines."""
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    breaks = [Break.CLAUSE] * (len(lines) - 1) + [Break.END]
    joins = [""] + ["\n"] * (len(lines) - 1)
    return Segments(tuple(lines), tuple(starts), tuple(joins), tuple(breaks))
