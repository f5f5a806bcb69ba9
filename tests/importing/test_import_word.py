"""Importing a Word document: headings, lists, links, quotes and pictures with their alt text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from support.import_site.checks import front_matter, images_in, words
from support.import_site.site_server import Route, Site, png
from support.import_site.word_documents import CHART_ALT, EXPECTED_WORDS, LINK, bmp, letter
from threadsmith.errors import InputError
from threadsmith.importing import import_source, import_url, import_word_file


@pytest.fixture
def letter_file(tmp_path: Path) -> Path:
    path = tmp_path / "letter.docx"
    path.write_bytes(letter())
    return path


def test_a_word_document_keeps_its_structure(letter_file: Path, tmp_path: Path) -> None:
    essay = import_word_file(letter_file, tmp_path / "images")
    body = essay.body
    assert essay.title == "A letter to our MP"
    assert words(body) == EXPECTED_WORDS
    for line in (
        "# A letter to our MP",
        "# Why we are writing",
        "## What it means",
        "- Larger classes in Year 9.\n- No replacement chemistry teacher.",
        "> Schools will need to use their existing budgets.",
        "1. Write to the minister.\n2. Ask for the pay award in full.",
        f"Read the [pay and conditions document]({LINK}) for yourself.",
    ):
        assert re.search(rf"(?m)^{re.escape(line)}$", body), line
    assert "**£118,000**" in body and "*every*" in body
    assert essay.warnings == ()


def test_a_picture_becomes_a_file_with_its_alt_text_where_it_stood(
    letter_file: Path, tmp_path: Path
) -> None:
    essay = import_word_file(letter_file, tmp_path / "images")
    (image,) = essay.images
    assert image.path.parent == tmp_path / "images" and image.kind == "png"
    assert image.path.read_bytes() == png(40, 30)
    assert image.alt == CHART_ALT and image.source == f"{letter_file}, picture 1"
    assert images_in(essay.body) == [(CHART_ALT, str(image.path))]
    before, after = essay.body.split(f"![{CHART_ALT}]")
    assert before.rstrip().endswith("- No replacement chemistry teacher.")
    assert after.split("\n\n")[1] == "The guidance says it plainly:"


def test_the_front_matter_names_the_file_and_adds_no_link(
    letter_file: Path, tmp_path: Path
) -> None:
    essay = import_source(str(letter_file), tmp_path)
    assert front_matter(essay) == {"title": "A letter to our MP", "source": str(letter_file)}


def test_without_a_title_paragraph_the_first_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "untitled.docx"
    path.write_bytes(letter(title_style=False))
    essay = import_word_file(path, tmp_path)
    # Heading 1 opens the document: it is the title
    assert essay.title == "Why we are writing"
    assert essay.body.startswith("# Why we are writing\n\nOur school is")


def test_a_picture_neither_network_takes_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(letter(extra_picture=bmp()))
    essay = import_word_file(path, tmp_path / "images")
    assert [image.alt for image in essay.images] == [CHART_ALT]
    (warning,) = essay.warnings
    assert warning == (
        f'image {path}, picture 2 ("A picture in an old format"): not an image X or Bluesky '
        "accepts; left out (PNG, JPEG, GIF, WebP)"
    )
    assert "old format" not in essay.body


def test_a_word_document_on_the_web_is_imported_too(site: Site, tmp_path: Path) -> None:
    site.routes["/files/letter.docx"] = Route(
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        body=letter(),
    )
    url = site.url("/files/letter.docx")
    essay = import_url(url, tmp_path)
    assert words(essay.body) == EXPECTED_WORDS and len(essay.images) == 1
    assert front_matter(essay)["last"] == f"Read the full post: {url}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Dear MP, this is plain text.", "not a Word document (.docx is a zip file; this is not)"),
        (None, "not a Word document Word could open"),
    ],
    ids=["text", "zip"],
)
def test_a_file_that_is_not_a_word_document_is_one_line(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "letter.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("notes.txt", "a zip, but not Word's")
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_word_file(path, tmp_path)
    assert str(caught.value).startswith(f"{path}: {expected}")
    assert "\n" not in str(caught.value)
