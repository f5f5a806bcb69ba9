"""Markdown → blocks of plain text, with offsets back into the essay."""

from __future__ import annotations

import pytest

from support.split import split
from threadsmith.errors import InputError
from threadsmith.threading.frontmatter import misplaced_front_matter, read_front_matter
from threadsmith.threading.inline import render_inline
from threadsmith.threading.markdown import Kind, read_blocks


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain words stay", "plain words stay"),
        ("**bold** and *italic* and __strong__ and _em_", "bold and italic and strong and em"),
        ("snake_case_name and 2*3*4 stay", "snake_case_name and 234 stay"),
        ("a lone * star and 5 * 3", "a lone * star and 5 * 3"),
        ("[the report](https://gov.uk/a_b)", "the report https://gov.uk/a_b"),
        ("[https://naht.org.uk](https://naht.org.uk)", "https://naht.org.uk"),
        ("[naht.org.uk](https://naht.org.uk/)", "https://naht.org.uk/"),
        ("see <https://example.org/x>", "see https://example.org/x"),
        ("`code *not* emphasis`", "code *not* emphasis"),
        (r"\*literal\* stars", "*literal* stars"),
        ("fish &amp; chips", "fish & chips"),
        (
            "https://example.org/under_score_path stays",
            "https://example.org/under_score_path stays",
        ),
        ("~~struck~~ words", "struck words"),
    ],
)
def test_inline_rendering(source: str, expected: str) -> None:
    assert render_inline(source).text == expected


def test_inline_offsets_map_back_to_the_source() -> None:
    source = "Intro **bold** then [link text](https://x.org) end"
    rendered = render_inline(source)
    for word in ("Intro", "bold", "then", "link", "https://x.org", "end"):
        at = rendered.text.index(word)
        assert source[rendered.content_offset(at) :].startswith(word)


def test_images_are_removed_and_reported_where_they_stand() -> None:
    rendered = render_inline('Before ![A chart *of* cuts](img/c.png "title") after')
    assert rendered.text == "Before  after"
    ((position, media),) = rendered.images
    assert position == len("Before ")
    assert (media.path, media.alt) == ("img/c.png", "A chart of cuts")


def test_blocks_and_their_kinds() -> None:
    source = (
        "# Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "> quoted\n\n```\nx = 1\n```\n\n---\n\nAfter <!-- -->\n\n<!-- a note to self -->\n"
    )
    blocks = [block for block, _ in read_blocks(source)]
    kinds = [(b.kind, b.text, b.marker) for b in blocks]
    assert kinds == [
        (Kind.HEADING, "Title", ""),
        (Kind.PARAGRAPH, "A paragraph\nover two lines.", ""),
        (Kind.ITEM, "one", "•"),
        (Kind.ITEM, "two", "•"),
        (Kind.ITEM, "first", "1."),
        (Kind.ITEM, "second", "2."),
        (Kind.PARAGRAPH, "quoted", ""),
        (Kind.CODE, "x = 1", ""),
        (Kind.BREAK, "", ""),
        (Kind.PARAGRAPH, "After ", ""),  # an inline comment is a note to self too
    ]
    assert [b.list_end for b in blocks[2:6]] == [False, True, False, True]


def test_block_offsets_across_chunks() -> None:
    paragraphs = [f"Paragraph number {i} with **some** words." for i in range(30)]
    source = "\n\n".join(paragraphs)
    for block, base in read_blocks(source):
        at = block.text.index("with")
        assert source[base + block.source_offset(at) :].startswith("with **some**")


def test_fenced_code_with_blank_lines_is_one_block() -> None:
    source = "Intro.\n\n```\nline one\n\nline two\n```\n\nOutro."
    kinds = [block.kind for block, _ in read_blocks(source)]
    assert kinds == [Kind.PARAGRAPH, Kind.CODE, Kind.PARAGRAPH]


def test_front_matter() -> None:
    front = read_front_matter("---\nfirst: '#EdChat'\nlimit: 500\ncolour: red\n---\nBody")
    assert front.settings == {"first": "#EdChat", "limit": 500}
    assert front.unknown_keys == ("colour",)
    assert front.body_start == len("---\nfirst: '#EdChat'\nlimit: 500\ncolour: red\n---\n")
    assert read_front_matter("---\n\nNo closing fence").settings == {}
    with pytest.raises(InputError, match="not valid YAML"):
        read_front_matter("---\nfirst: [unclosed\n---\nBody")
    with pytest.raises(InputError, match="whole number"):
        read_front_matter("---\nlimit: lots\n---\nBody")


SETTINGS = "---\nnumbering: '{n}/{total}'\n# the hashtag goes first\nfirst: '#EdChat'\n---\n"


@pytest.mark.parametrize(
    ("essay", "line"),
    [
        ("A line typed above.\n\n" + SETTINGS + "The essay.", 3),  # typed above its settings
        ("Title\n" + SETTINGS.replace("\n---\n", "\n---  \n") + "The essay.", 2),
        (SETTINGS + "The essay.", None),  # at the top: read as settings
        ("Before.\n\n---\n\nAfter a break.\n\n---\n\nAnother.", None),  # thematic breaks
        ("Before.\n\n---\nNote: a thought\n---\nAfter.", None),  # not a setting we know
        ("x" * 2_500 + "\n\n" + SETTINGS + "Far down.", None),  # the essay's own, far down
        ("How to set it:\n\n```\n" + SETTINGS + "```\n", None),  # an example, fenced
        ("# Part one\n\n---\n# the plan\nfirst: we act\n---\nMore.", None),  # a comment first
    ],
)
def test_settings_typed_below_the_top_are_found(essay: str, line: int | None) -> None:
    assert misplaced_front_matter(essay) == line


def test_a_split_warns_that_settings_below_the_top_are_posted_as_text() -> None:
    thread = split("I wrote this first.\n\n" + SETTINGS + "The essay itself.", network="x")
    (warning,) = [warning for warning in thread.warnings if warning.kind == "front-matter"]
    assert "line 3 are posted as text" in warning.message
    assert not split(SETTINGS + "The essay itself.", network="x").warnings
