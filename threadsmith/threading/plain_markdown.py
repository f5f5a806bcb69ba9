"""The plain Markdown most essays are written in, read without the full parser.

Paragraphs, `#` headings, one-paragraph `> ` quotes, one-line list items and
`---` breaks make up nearly every campaigner's essay. Reading those line by line
gives exactly the blocks markdown-it-py gives, and `thread split` then starts
without importing it (about 50 ms of its start-up). Anything else — indentation
(but the up to three spaces CommonMark allows before a setext underline), tabs,
fences, HTML, emphasis or a marker at the start of a line, lazy continuation lines,
link reference definitions — and the chunk is declined (`None`): markdown-it-py
reads it. The tests hold this reader to markdown-it-py's
blocks on every chunk it accepts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


class PlainBlock(NamedTuple):
    kind: str  # "paragraph", "heading", "item" or "break"
    content: str  # what markdown-it-py would hand the inline pass
    first_line: int  # within the chunk
    marker: str = ""  # an item's marker as markdown-it-py reports it: "-", "3." ...
    list_end: bool = False  # the last item of its list


_HEADING = re.compile(r"(#{1,6}) +(\S.*)")
_ITEM = re.compile(r"([-*+]|[0-9]{1,9}[.)]) {1,4}(\S.*)")  # ASCII digits only, as CommonMark
_QUOTE = re.compile(r"> (\S.*)")
# The start of a line that opens a block (or may: `<` and `|` are left to the parser),
# other than a thematic break, which `_is_break` recognises.
_OPENS_BLOCK = re.compile(r"[>|<]|(?:[-*+]|[0-9]{1,9}[.)])(?: |$)|#{1,6}(?: |$)|```|~~~|[-=]+ *$")
_OPENS_HEADING = re.compile(r"#{1,6}(?: |$)")
# A setext underline may be indented up to three spaces, as CommonMark allows.
_UNDERLINE = re.compile(r" {0,3}(?:-+|=+) *")
# `|` anywhere may make a table (its rows need not start with one): the parser decides.
_DECLINED_ANYWHERE = re.compile("[\t\r\0\v\f\x1c-\x1f\x85\u2028\u2029|]")


@lru_cache(maxsize=4096)
def plain_blocks(chunk: str) -> tuple[PlainBlock, ...] | None:
    """The chunk's blocks, or None when it is not plain Markdown."""
    if _DECLINED_ANYWHERE.search(chunk):
        return None
    lines = chunk.split("\n")
    blocks: list[PlainBlock] = []
    index = 0
    while index < len(lines):
        line = lines[index].rstrip(" ")
        if not line:
            index += 1
            continue
        if line[0].isspace():
            return None  # indented: code, or a continuation we do not follow
        if _is_break(line):
            if index > 0 and lines[index - 1].strip(" "):
                return None  # under a line of text: a setext heading
            blocks.append(PlainBlock("break", "", index))
            index += 1
        elif _OPENS_HEADING.match(line):
            heading = _HEADING.fullmatch(line)
            if heading is None or heading[2].endswith("#") or not _trimmed(heading[2]):
                return None  # empty, or with a closing sequence
            blocks.append(PlainBlock("heading", heading[2], index))
            index += 1
        elif line[0] == ">":
            index = _read_quote(lines, index, blocks)
        elif _ITEM.fullmatch(line):
            index = _read_list(lines, index, blocks)
        else:
            index = _read_paragraph(lines, index, blocks)
        if index < 0:
            return None
    return tuple(blocks)


def _read_paragraph(lines: list[str], start: int, blocks: list[PlainBlock]) -> int:
    end = start
    while end < len(lines) and lines[end].strip(" "):
        line = lines[end]
        if end > start and _OPENS_HEADING.match(line):
            break  # a heading interrupts a paragraph
        if end > start and _UNDERLINE.fullmatch(line):
            return _read_underlined(lines, start, end, blocks)
        if not _is_text(line):
            return -1
        end += 1
    return end if _add(blocks, PlainBlock("paragraph", "\n".join(lines[start:end]), start)) else -1


def _read_underlined(lines: list[str], start: int, end: int, blocks: list[PlainBlock]) -> int:
    """A setext heading to CommonMark. Under `===` it is a heading; under dashes a
    campaigner means "this paragraph, then a break", and `markdown` reads it so."""
    content = "\n".join(lines[start:end])
    if lines[end].lstrip(" ")[0] == "=":
        return end + 1 if _add(blocks, PlainBlock("heading", content, start)) else -1
    if not _add(blocks, PlainBlock("paragraph", content, start)):
        return -1
    blocks.append(PlainBlock("break", "", end))
    return end + 1


def _read_quote(lines: list[str], start: int, blocks: list[PlainBlock]) -> int:
    quoted = []
    end = start
    while end < len(lines) and lines[end].strip(" "):
        line = _QUOTE.fullmatch(lines[end])
        if line is None or not _is_text(line[1]):
            return -1  # a nested block, an empty `>` line or a lazy continuation
        quoted.append(line[1])
        end += 1
    return end if _add(blocks, PlainBlock("paragraph", "\n".join(quoted), start)) else -1


def _read_list(lines: list[str], start: int, blocks: list[PlainBlock]) -> int:
    """Items of one list (the same bullet, or numbers with the same delimiter), one
    line each, blank lines between them allowed."""
    key = _list_key(lines[start])
    index = start
    while index < len(lines):
        line = lines[index].rstrip(" ")
        if not line:
            index += 1
            continue
        item = _ITEM.fullmatch(line)
        if item is None or _is_break(line) or _list_key(line) != key:
            break
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip(" ") and not _ITEM.match(following):
            return -1  # a continuation line: lazy, or the item's own paragraph
        if not _is_text(item[2]) or not _add(blocks, PlainBlock("item", item[2], index, item[1])):
            return -1
        index += 1
    blocks[-1] = blocks[-1]._replace(list_end=True)
    return index


def _list_key(line: str) -> str:
    marker = line.split(" ", 1)[0]
    return marker if marker in ("-", "*", "+") else marker[-1]


def _add(blocks: list[PlainBlock], block: PlainBlock) -> bool:
    """Append the block, unless it opens like a link reference definition (`[…]:`)
    or has whitespace at either end that markdown-it-py versions trim differently
    (Unicode whitespace before 4.0, CommonMark's set since)."""
    content = block.content.rstrip(" ")
    if not _trimmed(content) or (content[0] == "[" and "]:" in content):
        return False
    blocks.append(block._replace(content=content))
    return True


def _trimmed(content: str) -> bool:
    return bool(content) and not content[0].isspace() and not content[-1].isspace()


def _is_text(line: str) -> bool:
    """A line that can only be paragraph text."""
    if not line or line[0].isspace() or _is_break(line):
        return False
    return _OPENS_BLOCK.match(line.rstrip(" ")) is None


def _is_break(line: str) -> bool:
    """A thematic break: three or more of the same `-`, `*` or `_`, spaces allowed."""
    marks = line.replace(" ", "")
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)
