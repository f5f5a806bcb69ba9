"""Blog page furniture left in an essay: lines a web page put around the author's words.

A post copied from a blog carries lines that were buttons and labels on the page
("Share this:", "Like Loading…", "Continue reading →", "View original post 106
more words", "3 Comments", "Posted in Education", "Tagged budgets, Ofsted").
Published, each would be a post or part of one. Only whole lines count, and only
lines that are nothing but such a label: a sentence that mentions sharing or
liking ("Share these charts with your governors.") is the author's. A line of a
share button's name ("Twitter", "Email", "More") counts only in a run of
furniture, after a "Share this:" or another such line, not in a list of the
author's own.

Lines are read as a reader sees them: Markdown markers (`- `, `> `, `##`,
emphasis, `[text](url)`, backslash escapes) and decorations (arrows, `…`,
"(Opens in new window)") are looked through. Front matter and fenced code are
never touched.

    leftover_lines(text)           (start, end, line) of each furniture line
    without_leftovers(text)        the essay without them
    leftover_warnings(text, posts) one "leftover" warning per line, on its post
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from itertools import groupby

from threadsmith.threading.frontmatter import _closing_fence as closing_fence
from threadsmith.threading.furniture import is_button_name, is_label
from threadsmith.threading.models import Post, ThreadWarning

LEFTOVER = "leftover"  # ThreadWarning.kind
REMOVE_KEY = "Ctrl+L"  # the app's key that removes them all, as warnings name it
LONGEST = 200  # characters: a line longer than this is never a label

# --- reading a line as a reader sees it ----------------------------------------------

_MARKERS = re.compile(r"^(?:>[ \t]?|[-*+•][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)+")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:<[^>\n]*>|[^)\s]*)(?:[ \t]+\"[^\"\n]*\")?\)")
_EMPHASIS = re.compile(r"\*+|(?<![0-9A-Za-z])_+|_+(?![0-9A-Za-z])|`+")
_ESCAPE = re.compile(r"\\([^\w\s])")
_SPACES = re.compile(r"\s+")
_TYPOGRAPHIC = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("\u00a0", " "))

_MARKDOWN = re.compile(r"[\[*_`\\]|^(?:[>#+•-]|\d{1,9}[.)])")

# The first word of each label, once Markdown markers and decorations are passed: one
# scan of the essay (a regular expression's, in C) finds the few short lines that begin
# so, and only those are read in full. Each word is written out in three cases (lower,
# Capitalised, UPPER): ignoring case makes that scan several times slower.
_OPENERS = (
    "continue", "read", "keep", "view", "you", "one", "no", "(more", "[…", "[...", "share",
    "click", "tweet", "email", "e-mail", "pin", "reblog", "restack", "copy", "report", "like",
    "rate", "loading", "be", "comment", "leave", "cancel", "post", "published", "log",
    "discussion", "join", "filed", "tag", "categor", "topics", "subscri", "follow", "enter",
    "thanks", "discover", "type", "related", "previous", "next", "older", "newer", "advertis",
    "blog", "create",
)  # fmt: skip


def _first_letter_alternation(words: Sequence[str]) -> str:
    """`words` as one regular expression, each word in three cases, grouped by first
    character behind a class of them all: most lines fail on their first character."""
    cases = sorted({case for word in words for case in (word, word.capitalize(), word.upper())})
    groups = []
    for first, group in groupby(cases, key=lambda case: case[0]):
        rests = sorted((case[1:] for case in group), key=lambda rest: (-len(rest), rest))
        groups.append(re.escape(first) + f"(?:{'|'.join(map(re.escape, rests))})")
    firsts = "".join(sorted({re.escape(case[0]) for case in cases}))
    return rf"(?=[{firsts}])(?:{'|'.join(groups)})"


_NUMBERED = r"\d[\d,]* " + _first_letter_alternation(
    ("more", "comment", "response", "repl", "thought", "blogger", "min")
)
_LEAD = r"[ \t>*_#+•\[\-→←»«›‹↓↑➔➜▶►·|:–—]*"
_OPENING = (
    rf"{_LEAD}(?:\d{{1,9}}[.)][ \t]+{_LEAD})?"
    rf"(?:{_first_letter_alternation(_OPENERS)}|{_NUMBERED})"
    rf"(?=[^\n]{{0,{LONGEST}}}(?:\n|\Z))"  # and the line is short
)


@cache
def _candidate() -> re.Pattern[str]:
    """A line break and a line that begins as a label might. Compiled on first use
    (~4 ms): importing the engine does not pay for it; one pattern serves the first
    line too, read with a line break put before it."""
    return re.compile("\n" + _OPENING)


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_FENCE_LINE = re.compile(r"\n {0,3}(`{3,}|~{3,})")


def _visible(line: str) -> str:
    """The line as a reader sees it: Markdown markers, links and escapes read."""
    text = line.strip()
    for typographic, plain in _TYPOGRAPHIC:
        if typographic in text:
            text = text.replace(typographic, plain)
    if _MARKDOWN.search(text):
        text = _MARKERS.sub("", text, count=1)
        text = _LINK.sub(r"\1", text)
        text = _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))
    return _SPACES.sub(" ", text).strip() if "  " in text or "\t" in text else text


@lru_cache(maxsize=4096)  # the same few lines are read again at every keystroke
def is_leftover(line: str) -> bool:
    """Whether `line` (one line, Markdown or plain) is nothing but page furniture."""
    if len(line) > LONGEST or "![" in line:
        return False
    text = _visible(line)
    return bool(text) and is_label(text)


def _is_button(line: str) -> bool:
    return len(line) <= LONGEST and is_button_name(_visible(line))


def leftover_lines(text: str) -> list[tuple[int, int, str]]:
    """(start offset, end offset, the line) of each furniture line of the essay, in order;
    `end` is before the line break. Front matter and fenced code are skipped."""
    body_start = _body_start(text)
    code = _fenced_code(text, body_start)
    found: list[tuple[int, int, str]] = []
    read_to = body_start  # lines before this are read already
    for start in _candidate_starts(text, body_start):
        if start < read_to or _inside(code, start):
            continue
        end = _line_end(text, start)
        if not is_leftover(text[start:end]) or _continues_a_sentence(text, start):
            continue
        found.append((start, end, text[start:end]))
        read_to = _run_after(text, end, code, found)
    return found


def _continues_a_sentence(text: str, start: int) -> bool:
    """A line in lower case under a line that stops mid-sentence: the same sentence,
    wrapped ("…load it in your application" / "like this:")."""
    if start == 0 or not text[start:].lstrip(" \t")[:1].islower():
        return False
    above = text[_line_start(text, start - 1) : start - 1].rstrip()
    return bool(above) and (above[-1].isalnum() or above[-1] == ",")


def _candidate_starts(text: str, body_start: int) -> Iterator[int]:
    """The start of each line of the body that begins as a label might."""
    candidate = _candidate()
    if body_start == 0:
        if candidate.match("\n" + text[: _next_line(text, 0)]):
            yield 0
        scan_from = 0
    else:
        scan_from = body_start - 1  # the front matter's last line break
    for match in candidate.finditer(text, scan_from):
        yield match.start() + 1


def _run_after(
    text: str, end: int, code: list[tuple[int, int]], found: list[tuple[int, int, str]]
) -> int:
    """Adds the furniture lines that follow a furniture line (a share button's name counts
    there); gives where the run ended."""
    for start, line_end in _lines(text, _next_line(text, end)):
        line = text[start:line_end]
        if not line or line.isspace():
            continue
        if (
            _inside(code, start)
            or _FENCE.match(line)
            or not (is_leftover(line) or _is_button(line))
        ):
            return start
        found.append((start, line_end, line))
    return len(text)


def _fenced_code(text: str, body_start: int) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block of the body, fences included, in order."""
    fences = []
    first = _FENCE.match(text, body_start)
    if first is not None:
        fences.append((body_start, first.group(1)))
    fences += [(m.start() + 1, m.group(1)) for m in _FENCE_LINE.finditer(text, body_start)]
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for start, fence in fences:
        if opened is None:
            opened = (start, fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]):
            end = _line_end(text, start)
            if _blank(text, text.index(fence, start) + len(fence), end):  # no info string
                spans.append((opened[0], end))
                opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of `spans` ((start, end), in order, apart)."""
    index = bisect_right(spans, offset, key=_start_of) - 1
    return index >= 0 and offset < spans[index][1]


def _start_of(span: tuple[int, int]) -> int:
    return span[0]


def _line_end(text: str, start: int) -> int:
    """Where the line starting at `start` ends, before its line break."""
    newline = text.find("\n", start)
    end = len(text) if newline == -1 else newline
    return end - 1 if end > start and text[end - 1] == "\r" else end


def without_leftovers(text: str) -> str:
    """`text` without its furniture lines, and without the blank lines each left behind
    (the paragraphs around them stay apart by one blank line, as before)."""
    found = leftover_lines(text)
    if not found:
        return text
    body_start = _body_start(text)
    out = [text[:body_start]]
    kept_to = body_start  # the text before this is decided
    at_edge = True  # nothing of the body kept yet, or the last line kept is blank
    for start, end, _line in found:
        if start > kept_to:
            out.append(text[kept_to:start])
            at_edge = _blank(text, _line_start(text, start - 1), start - 1)
        kept_to = _next_line(text, end)
        if at_edge:  # the blank lines after it would double the one before it
            while kept_to < len(text) and _blank(text, kept_to, _line_end(text, kept_to)):
                kept_to = _next_line(text, kept_to)
    rest = text[kept_to:]
    if rest.strip():
        return "".join(out) + rest
    # the essay ended with furniture: it ends with its last line of words now
    kept = "".join(out)
    last_words = len(kept.rstrip())
    newline = kept.find("\n", max(last_words, body_start))
    return kept if newline == -1 else kept[: newline + 1]


def _blank(text: str, start: int, end: int) -> bool:
    return start >= end or text[start:end].isspace()


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _next_line(text: str, end: int) -> int:
    """The start of the line after the one ending at `end`."""
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def leftover_warnings(
    text: str, posts: Sequence[Post], key: str = REMOVE_KEY
) -> list[ThreadWarning]:
    """One "leftover" warning per furniture line, quoting it as a reader sees it, on the
    post whose words include it (none when no post does: a line the thread does not
    publish). `key` is the app's key that removes them all."""
    ends = [post.span[1] for post in posts]
    warnings = []
    for start, end, line in leftover_lines(text):
        index = bisect_right(ends, start)
        post = posts[index] if index < len(posts) else None
        number = post.number if post is not None and post.span[0] < end else None
        warnings.append(
            ThreadWarning(
                LEFTOVER,
                f"{_quoted(line)} looks like blog page furniture, not your words: "
                f"remove it ({key} in the app)",
                number,
            )
        )
    return warnings


def _quoted(line: str) -> str:
    """The line as a reader sees it ("Continue reading →", not its Markdown link), quoted."""
    shown = _visible(line)
    return f'"{shown[:77]}…"' if len(shown) > 80 else f'"{shown}"'


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end before the line break) of each line from `start` on."""
    while start < len(text):
        end = _line_end(text, start)
        yield start, end
        start = _next_line(text, end)


def _body_start(text: str) -> int:
    """Where the essay begins after its front matter (0 without one)."""
    if not text.startswith("---"):
        return 0
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        return 0
    closing = closing_fence(text, first_newline + 1)
    return closing[1] if closing is not None else 0
