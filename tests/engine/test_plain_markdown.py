"""The plain-Markdown reader gives exactly markdown-it-py's blocks, or declines.

`thread split` starts ~50 ms sooner when markdown-it-py is not imported, so the
essays people write must be read without it; every chunk the reader accepts is
held to the parser's blocks here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadsmith.threading.frontmatter import read_front_matter
from threadsmith.threading.markdown import Block, _blocks_of_plain, _chunks, _parsed_blocks
from threadsmith.threading.plain_markdown import plain_blocks

ROOT = Path(__file__).resolve().parents[2]
ESSAYS = [
    *sorted((ROOT / "tests" / "engine" / "essays").glob("[0-9]*.md")),
    ROOT / "examples" / "essay.md",
]

# Lines that open, continue, interrupt or only look like blocks, and lines that change
# how a chunk is read (indentation, tabs, trailing and Unicode spaces).
LINES = [
    "Text here.", "Another line, with words", "1,000 staff", "2024. A year", "1. one",
    "2. two", "3) three", "10. ten", "1.", "1.  two spaces", "1.     five spaces",
    "123456789. nine digits", "1234567890. ten digits", "- item", "* item", "+ item", "-",
    "- ", "+", "*", "-5 degrees", "-- x", "*bold* lead", "**Bold:** a point", "_em_ y",
    "___", "---", "- - -", "***", "* * *", "* * x", "===", "=", "--", "= not", "# Heading",
    "## Heading ##", "### Head #x", "#hashtag", "####### seven", "#", "# ", "> quote",
    ">no space", ">  two spaces", "> - nested", "> > nested", "> # heading", "> ", ">",
    "> quote  ", "[link](http://x.org) text", "[ref]: http://x.org", "[a\\]b]: x", "[x]",
    "Text ]: odd", "<div>", "<!-- note -->", "```", "~~~", "    indented", "  two spaces",
    "\tTab", "text  ", "text\xa0", "\xa0lead", "a\u3000", "|a|b|", "- [ ] task",
    "  - nested item", "-    four spaces", "-     five spaces", "\\# escaped",
    "“Quoted” she said", "nul\0 char", "carriage\r return", "mid\ttab",
    "@naht says", "١. Arabic-Indic digit", "１. full-width digit", "#1 rank", "1.5 million",
    "– dash", "•bullet", "",
    "", "", "  ",
]  # fmt: skip


def _same(chunk: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]] | None:
    plain = plain_blocks(chunk)
    if plain is None:
        return None
    return _fields(_blocks_of_plain(chunk, plain, ())), _fields(_parsed_blocks(chunk, ()))


def _fields(blocks: tuple[Block, ...]) -> list[tuple[object, ...]]:
    return [(b.kind, b.text, b.line_map, b.marker, b.list_end, b.images) for b in blocks]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=8), st.booleans())
def test_every_chunk_it_accepts_reads_as_markdown_it_reads_it(
    lines: list[str], final_newline: bool
) -> None:
    chunk = "\n".join(lines) + ("\n" if final_newline else "")
    compared = _same(chunk)
    if compared is not None:
        plain, parsed = compared
        assert plain == parsed


@pytest.mark.parametrize("essay", ESSAYS, ids=lambda path: path.name)
def test_the_bundled_essays_are_read_without_the_parser(essay: Path) -> None:
    text = essay.read_text(encoding="utf-8")
    body = text[read_front_matter(text).body_start :]
    for _, chunk in _chunks(body):
        compared = _same(chunk)
        assert compared is not None, f"declined: {chunk[:60]!r}"
        assert compared[0] == compared[1]


@pytest.mark.parametrize(
    "chunk",
    [
        "A paragraph\nover two lines.\n\n",
        "# Heading\nText under it.\n",
        "Lead-in:\n\n- one\n- two\n\n1. first\n2. second\n\n",
        "> A quote\n> over two lines.\n\n",
        "A paragraph, then the author's break\n---\n",
        "A title\n===\n",
        "**Bold** opens a paragraph, *emphasis* too.\n",
        "- **Workload:** a point\n- [a link](https://x.org) another\n",
    ],
)
def test_plain_constructs_are_accepted(chunk: str) -> None:
    compared = _same(chunk)
    assert compared is not None
    assert compared[0] == compared[1]


@pytest.mark.parametrize(
    "chunk",
    [
        "```\ncode\n```\n",
        "    indented code\n",
        "[ref]: https://x.org\n",
        "- an item\n  continued\n",
        "> a quote\nlazily continued\n",
        "<div>html</div>\n",
        "Text\n- - -\n",
    ],
)
def test_anything_else_is_left_to_the_parser(chunk: str) -> None:
    assert plain_blocks(chunk) is None


def _imports_markdown_it(essay: Path) -> bool:
    probe = (
        "import sys; from threadsmith.cli import main; "
        f"main(['split', {str(essay)!r}]); print('markdown_it' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.strip().endswith("True")


def test_thread_split_reads_a_plain_essay_without_importing_the_parser(tmp_path: Path) -> None:
    assert not _imports_markdown_it(ESSAYS[0])
    fenced = tmp_path / "fenced.md"
    fenced.write_text("Some words.\n\n```\ncode\n```\n", encoding="utf-8")
    assert _imports_markdown_it(fenced)
