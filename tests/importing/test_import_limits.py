"""An import ends, and holds little: a FIFO or a device is refused by what it is, a small
.docx that unpacks to gigabytes is refused before it is parsed, a whole import has a time,
a size and an image count of its own, and says what it is fetching; `thread draft` with
no terminal says it needs one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from support.import_site.site_server import Route, Site, png
from support.import_site.word_documents import letter
from threadsmith.errors import InputError
from threadsmith.importing import import_source, import_url
from threadsmith.importing.fetching import ImportLimits

TEXT = "<p>" + "A sentence of the article that is long enough to count as one. " * 4 + "</p>"


def article(images: list[str]) -> bytes:
    tags = "".join(f'<img src="{src}" alt="Chart {n}" width="800">{TEXT}' for n, src in
                   enumerate(images, 1))  # fmt: skip
    return f"<html><body><article>{TEXT}{tags}</article></body></html>".encode()


@pytest.mark.parametrize("suffix", [".html", ".docx"])
@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "directory"])
def test_what_is_not_a_regular_file_is_refused_whatever_its_name(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    path = tmp_path / f"letter{suffix}"
    if kind == "fifo":
        os.mkfifo(path)  # no writer: opening it for reading would wait for ever
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(InputError) as refused:
        import_source(str(path), tmp_path / "images")
    assert str(refused.value) == f"{path}: not a regular file (a device or a pipe?), not a " + (
        "web page or a Word document"
    )


def zipped(parts: dict[str, bytes]) -> bytes:
    """A .docx: the test letter's parts, with `parts` added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(letter()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename not in parts:
                archive.writestr(info, source.read(info))
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


XML_HEAD = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            {"word/media/image9.png": png() + bytes(200 * 1024 * 1024)},
            r"it unpacks to 2\d\d\.\d MB, over the 104\.9 MB an import reads \(a zip bomb",
        ),
        (
            {"word/document.xml": XML_HEAD + b'wordprocessingml/2006/main"><w:body>'
             + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 2_000_000 + b"</w:body></w:document>"},
            r"its text unpacks to \d+\.\d MB, over the 3\.1 MB an import reads \(a zip bomb",
        ),
        (
            {"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
             b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document>&b;</w:document>'},
            r"word/document\.xml declares a DTD, which Word never writes; not read",
        ),
    ],
    ids=["picture-bomb", "text-bomb", "entities"],
)  # fmt: skip
def test_a_docx_that_unpacks_past_the_limits_is_refused_before_it_is_parsed(
    tmp_path: Path, parts: dict[str, bytes], expected: str
) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(zipped(parts))
    assert path.stat().st_size < 1_500_000
    started = time.monotonic()
    with pytest.raises(InputError, match=f"^{path}: {expected}"):
        import_source(str(path), tmp_path / "images")
    assert time.monotonic() - started < 5


def test_stalled_images_end_with_the_imports_time_limit_and_progress_is_shown(
    site: Site, tmp_path: Path
) -> None:
    for n in range(10):
        site.routes[f"/stalled/{n}.png"] = Route(content_type="image/png", body=png(), delay=5.0)
    site.routes["/ten-stalled"] = Route(body=article([f"/stalled/{n}.png" for n in range(10)]))
    said: list[str] = []
    started = time.monotonic()
    essay = import_url(
        site.url("/ten-stalled"), tmp_path, limits=ImportLimits(seconds=1.5), progress=said.append
    )
    assert time.monotonic() - started < 4  # one stalled image alone takes 5 s
    assert essay.images == () and len(essay.warnings) == 10
    assert essay.warnings[0].endswith(
        "not finished when the import took its 1.5 s (its time limit); left out"
    )
    assert all(
        warning.endswith("not fetched: the import took its 1.5 s (its time limit); left out")
        for warning in essay.warnings[1:]
    )
    assert said == [f"fetching {site.url('/ten-stalled')}"] + [
        f"image {n + 1} of 10: {site.url(f'/stalled/{n}.png')}" for n in range(10)
    ]


def test_a_page_of_thousands_of_images_keeps_the_first_hundred(site: Site, tmp_path: Path) -> None:
    site.add_image("/many/one.png", png(3, 3))
    images = ["/many/one.png"] + [f"/many/{n}.png" for n in range(1, 5000)]  # 404s but one
    site.routes["/five-thousand"] = Route(body=article(images))
    before = len(site.requests)
    started = time.monotonic()
    essay = import_url(site.url("/five-thousand"), tmp_path)
    assert time.monotonic() - started < 60
    assert len(site.requests) - before == 1 + 100  # the page, then a hundred images
    assert [image.source for image in essay.images] == [site.url("/many/one.png")]
    assert essay.warnings[-1] == (
        f"4,900 more images left out (from {site.url('/many/100.png')}): an import keeps at most "
        "100"
    )


def test_what_an_import_downloads_in_all_is_bounded(site: Site, tmp_path: Path) -> None:
    big = png(3, 3) + bytes(300_000)
    for n in range(3):
        site.add_image(f"/heavy/{n}.png", big)
    site.routes["/heavy"] = Route(body=article([f"/heavy/{n}.png" for n in range(3)]))
    page_size = len(site.routes["/heavy"].body)  # type: ignore[arg-type]
    limits = ImportLimits(bytes=page_size + 2 * len(big) + 1000)
    essay = import_url(site.url("/heavy"), tmp_path, limits=limits)
    assert len(essay.images) == 2
    (warning,) = essay.warnings
    assert warning.endswith(
        f"too big for what is left of the import's {limits.bytes:,} bytes (its size limit); "
        "left out"
    )


def test_thread_draft_without_a_terminal_says_it_needs_one(tmp_path: Path) -> None:
    essay = tmp_path / "x.md"
    essay.write_text("An essay of one line.\n")
    result = subprocess.run(
        [sys.executable, "-m", "threadsmith", "draft", str(essay)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
    )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "thread: thread draft opens the drafting app, which needs a terminal (standard input "
        "and output are not one): run it in a terminal, or `thread split FILE` without it\n"
    )


def test_a_word_document_keeps_its_first_hundred_pictures(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("A letter with far too many pictures in it, one after another.")
    for n in range(105):
        document.add_picture(io.BytesIO(png(2, 2, (n, 0, 0))))
    path = tmp_path / "album.docx"
    document.save(str(path))
    essay = import_source(str(path), tmp_path / "images")
    assert len(essay.images) == 100
    assert essay.warnings[-1] == (
        f"{path}: 5 more pictures left out (from picture 101): an import keeps at most 100"
    )
