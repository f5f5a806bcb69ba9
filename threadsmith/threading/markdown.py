"""Markdown essay → a flat list of blocks of plain text, each mapped back to the source.

markdown-it-py parses the block structure (its inline pass is switched off:
`inline.render_inline` does that part, faster and with offsets), except in chunks
of plain Markdown, which `plain_markdown` reads to the same blocks without it. Headings and
list items become blocks of their own; blockquotes keep their words; code is
kept verbatim; a `---` thematic break is the author's explicit post break.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from threadsmith.threading.inline import Inline, render_html, render_inline
from threadsmith.threading.models import Media
from threadsmith.threading.nesting import check_nothing_lost
from threadsmith.threading.plain_markdown import PlainBlock, plain_blocks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class Kind(IntEnum):
    PARAGRAPH = 0
    HEADING = 1
    ITEM = 2  # a list item (its first paragraph, with the list marker)
    CODE = 3
    BREAK = 4  # the author's `---`: the post must end here


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """A run of plain text the splitter treats as one paragraph-like unit.

    Compared and hashed by identity: blocks come from a cache, so an unchanged
    paragraph is the same object from one keystroke to the next, and caches keyed
    on it stay cheap."""

    kind: Kind
    inline: Inline  # the rendered text and its map back to `content`
    line_map: tuple[tuple[int, int], ...]  # (content offset, source offset) per content line
    marker: str = ""  # a list item's marker, e.g. "•" or "3."
    list_end: bool = False  # the last item of a list

    @property
    def text(self) -> str:
        return self.inline.text

    @property
    def images(self) -> tuple[tuple[int, Media], ...]:
        return self.inline.images

    def source_offset(self, out_pos: int) -> int:
        """Where `text[out_pos]` came from, relative to the block's chunk."""
        return _source_offset(self, out_pos)


@lru_cache(maxsize=65536)  # post boundaries rarely move between keystrokes
def _source_offset(block: Block, out_pos: int) -> int:
    content_pos = block.inline.content_offset(out_pos)
    index = bisect_right(block.line_map, (content_pos, 1 << 62)) - 1
    content_at, source_at = block.line_map[max(index, 0)]
    return source_at + (content_pos - content_at)


def load_parser() -> None:
    """Import and build markdown-it-py ahead of need (the app does, off its UI thread)."""
    _parser()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: an essay in plain Markdown never needs it

    # Lists and quotes nested deeper than markdown-it's default of 20 lose their text
    # silently: allow far more, and refuse what is deeper still (`nesting.check_nothing_lost`).
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    parser.enable("table")  # pasted from a web page or a document: rows become lines
    parser.disable("inline")  # see module docstring
    return parser


MAX_NESTING = 100
CELL_SEPARATOR = " · "


# A chunk may end at a blank line followed by a line that cannot continue the
# block before it: not indented, not a list item, quote, fence, table or HTML.
_CHUNK_END = re.compile(r"\n[ \t]*\n(?=[^\s\-*+>\d|`~<])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_RAW_HTML = re.compile(r"<(?:pre|script|style|textarea)\b|<!--", re.IGNORECASE)


class ReadMemory:
    """Every chunk of the essay last read, with its blocks and the link references it
    defines (an editor's `Splitter` keeps one): an unchanged paragraph keeps its very
    `Block` objects from one keystroke to the next, however long the essay (the shared
    caches hold a few thousand chunks; a 5 MB essay has tens of thousands)."""

    def __init__(self) -> None:
        self.references: dict[str, tuple[tuple[str, str], ...] | None] = {}  # None: plain
        self.blocks: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Block, ...]] = {}

    def clear(self) -> None:
        self.references, self.blocks = {}, {}


def read_blocks(
    source: str,
    offset: int = 0,
    check: Callable[[], None] | None = None,
    memory: ReadMemory | None = None,
) -> list[tuple[Block, int]]:
    """The blocks of `source` (already without front matter, which starts at `offset`),
    each with the offset of its chunk in the essay: `Block.source_offset` is relative.

    The essay is parsed in chunks cut at safe blank lines, each cached: a keystroke
    re-parses only the chunk it touched. Chunks never split a list, a quote, a fence
    or an HTML block, so the blocks are the same as from parsing the whole text.
    `check`, if given, is called now and then and may raise to stop the reading; a
    `memory` of the last read is used and updated.
    """
    chunks = _chunks(source)
    known = memory or ReadMemory()
    known_references, known_blocks = known.references, known.blocks  # another thread may swap
    references: dict[str, str] = {}
    defined: dict[str, tuple[tuple[str, str], ...] | None] = {}
    for _, chunk in chunks:
        found = defined[chunk] = (
            known_references[chunk] if chunk in known_references else _references_of(chunk)
        )
        if found:
            references.update(found)
    refs = tuple(sorted(references.items()))
    blocks: list[tuple[Block, int]] = []
    read: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[Block, ...]] = {}
    for index, (start, chunk) in enumerate(chunks):
        if check is not None and not index % 512:
            check()
        key = (chunk, refs)
        chunk_blocks = read[key] = known_blocks.get(key) or _chunk_blocks(chunk, refs)
        base = offset + start
        blocks += [(block, base) for block in chunk_blocks]
    if memory is not None:
        memory.references, memory.blocks = defined, read
    return blocks


def _references_of(chunk: str) -> tuple[tuple[str, str], ...] | None:
    """The link references `chunk` defines (None: a plain chunk, which defines none)."""
    if plain_blocks(chunk) is not None:
        return None
    return _parse_chunk(chunk)[1]


def _chunks(source: str) -> list[tuple[int, str]]:
    if _RAW_HTML.search(source):
        return [(0, source)]  # raw HTML blocks may span blank lines: keep it whole
    fenced: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for fence in _FENCE.finditer(source):
        if opening is None:
            opening = fence
        elif fence.group(1)[0] == opening.group(1)[0] and len(fence.group(1)) >= len(
            opening.group(1)
        ):
            fenced.append((opening.start(), fence.end()))
            opening = None
    if opening is not None:
        fenced.append((opening.start(), len(source)))
    chunks = []
    start = 0
    for end in _CHUNK_END.finditer(source):
        cut = end.end()
        if any(low < cut < high for low, high in fenced):
            continue
        chunks.append((start, source[start:cut]))
        start = cut
    chunks.append((start, source[start:]))
    return chunks


@lru_cache(maxsize=4096)
def _parse_chunk(chunk: str) -> tuple[tuple[Token, ...], tuple[tuple[str, str], ...]]:
    env: dict[str, object] = {}
    tokens = _parser().parse(chunk, env)
    return tuple(tokens), _references(env)


@lru_cache(maxsize=4096)
def _chunk_blocks(source: str, references: tuple[tuple[str, str], ...]) -> tuple[Block, ...]:
    plain = plain_blocks(source)
    if plain is not None:
        return _blocks_of_plain(source, plain, references)
    return _parsed_blocks(source, references)


_KIND_OF_PLAIN = {"paragraph": Kind.PARAGRAPH, "heading": Kind.HEADING, "item": Kind.ITEM}


def _blocks_of_plain(
    source: str, plain: tuple[PlainBlock, ...], references: tuple[tuple[str, str], ...]
) -> tuple[Block, ...]:
    line_starts = _line_starts(source)
    blocks = []
    for block in plain:
        if block.kind == "break":
            blocks.append(_break_at(block.first_line, line_starts, 0))
            continue
        lines = _line_map(block.content, block.first_line, source, line_starts, 0)
        inline = render_inline(block.content, references)
        marker = "" if block.kind != "item" else "•" if block.marker in "-*+" else block.marker
        blocks.append(Block(_KIND_OF_PLAIN[block.kind], inline, lines, marker, block.list_end))
    return tuple(blocks)


def _parsed_blocks(source: str, references: tuple[tuple[str, str], ...]) -> tuple[Block, ...]:
    tokens = _parse_chunk(source)[0]
    offset = 0
    line_starts = _line_starts(source)
    blocks: list[Block] = []
    lists: list[tuple[bool, int]] = []  # (ordered, next number) per open list
    item_marker: str | None = None  # set when the next paragraph opens a list item
    heading_setext_dash = False
    cells: list[str] = []  # the cells of the table row being read
    check_nothing_lost(source, tokens, line_starts, MAX_NESTING)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "tr_open":
            cells = []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            cells.append(token.content)
        elif kind == "tr_close":
            row = tokens[_opening(tokens, index, "tr_open")]
            blocks.append(_table_row(source, line_starts, row.map[0] if row.map else 0, cells))
        elif kind == "table_close" and blocks and blocks[-1].kind == Kind.ITEM:
            last = blocks[-1]  # a table reads as a list of lines: it ends here
            blocks[-1] = Block(last.kind, last.inline, last.line_map, "", True)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append((kind == "ordered_list_open", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if blocks and blocks[-1].kind == Kind.ITEM and not lists:
                last = blocks[-1]
                blocks[-1] = Block(last.kind, last.inline, last.line_map, last.marker, True)
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            item_marker = f"{token.info or number}{token.markup}" if ordered else "•"
            lists[-1] = (ordered, number + 1)
        elif kind == "heading_open":
            heading_setext_dash = token.markup == "-"
        elif kind == "inline":
            parent = tokens[index - 1].type
            first_row = token.map[0] if token.map else 0
            lines = _line_map(token.content, first_row, source, line_starts, offset)
            inline = render_inline(token.content, references)
            if parent == "heading_open" and not heading_setext_dash:
                blocks.append(Block(Kind.HEADING, inline, lines))
            elif item_marker is not None:
                blocks.append(Block(Kind.ITEM, inline, lines, item_marker))
                item_marker = None
            else:
                blocks.append(Block(Kind.PARAGRAPH, inline, lines))
            if parent == "heading_open" and heading_setext_dash:
                # "Text\n---" is a setext heading to CommonMark, but a campaigner
                # writing it means "this paragraph, then a break".
                blocks.append(_break(tokens[index - 1], line_starts, offset, last_line=True))
        elif kind in ("fence", "code_block"):
            content = token.content.rstrip("\n")
            first_line = (token.map[0] + (1 if kind == "fence" else 0)) if token.map else 0
            lines = _line_map(content, first_line, source, line_starts, offset)
            blocks.append(Block(Kind.CODE, Inline(content, ((0, 0),)), lines))
        elif kind == "hr":
            blocks.append(_break(token, line_starts, offset))
        elif kind == "html_block" and not token.content.lstrip().startswith("<!--"):
            content = token.content.rstrip("\n")  # comments are notes to self, not posts
            first_line = token.map[0] if token.map else 0
            lines = _line_map(content, first_line, source, line_starts, offset)
            blocks.append(Block(Kind.PARAGRAPH, render_html(content), lines))
    return tuple(blocks)


def _opening(tokens: tuple[Token, ...], index: int, kind: str) -> int:
    while tokens[index].type != kind:
        index -= 1
    return index


def _table_row(source: str, line_starts: list[int], row: int, cells: list[str]) -> Block:
    """A table's row as a line of its cells, "2021 · £5bn": a post has no tables."""
    start = line_starts[row]
    end = line_starts[row + 1] - 1 if row + 1 < len(line_starts) else len(source)
    line = source[start:end]
    text: list[str] = []
    anchors: list[tuple[int, int]] = []
    images: list[tuple[int, Media]] = []
    out = at = 0
    for cell in cells:
        if not cell.strip():
            continue
        at = max(line.find(cell, at), 0)
        if text:
            anchors.append((out, at))
            text.append(CELL_SEPARATOR)
            out += len(CELL_SEPARATOR)
        rendered = render_inline(cell)
        anchors += [(out + out_at, at + content_at) for out_at, content_at in rendered.anchors]
        images += [(out + placed, media) for placed, media in rendered.images]
        text.append(rendered.text)
        out += len(rendered.text)
        at += len(cell)
    inline = Inline("".join(text), tuple(anchors) or ((0, 0),), tuple(images), table=True)
    return Block(Kind.ITEM, inline, ((0, start),))


def _break(token: Token, line_starts: list[int], offset: int, last_line: bool = False) -> Block:
    line = (token.map[1] - 1 if last_line else token.map[0]) if token.map else 0
    return _break_at(line, line_starts, offset)


def _break_at(line: int, line_starts: list[int], offset: int) -> Block:
    where = line_starts[min(line, len(line_starts) - 1)] + offset
    return Block(Kind.BREAK, Inline("", ((0, 0),)), ((0, where),))


def _references(env: dict[str, object]) -> tuple[tuple[str, str], ...]:
    found = env.get("references")
    if not isinstance(found, dict):
        return ()
    pairs = []
    for label, ref in found.items():
        href = ref.get("href") if isinstance(ref, dict) else None
        if isinstance(href, str):
            pairs.append((" ".join(str(label).lower().split()), href))
    return tuple(pairs)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    find = source.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _line_map(
    content: str, first_row: int, source: str, line_starts: list[int], offset: int
) -> tuple[tuple[int, int], ...]:
    """Map each line of a block's content to where it stands in the source.

    markdown-it strips container markers ("> ", list indentation) from each line,
    so each content line is a substring of its source line: find it there.
    """
    pairs = []
    content_pos = 0
    for number, line in enumerate(content.split("\n")):
        row = min(first_row + number, len(line_starts) - 1)
        row_start = line_starts[row]
        row_end = line_starts[row + 1] if row + 1 < len(line_starts) else len(source)
        found = source.find(line, row_start, row_end) if line else row_start
        pairs.append((content_pos, (found if found != -1 else row_start) + offset))
        content_pos += len(line) + 1
    return tuple(pairs)
