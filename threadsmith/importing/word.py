"""A Word document (.docx) → HTML, by mammoth, with its pictures kept as files.

mammoth maps Word's styles to semantic HTML (Heading 1–6, lists, links, bold and
italic) and ignores the visual formatting. The style map adds the styles its
defaults leave as plain paragraphs: Title (the draft's title), Quote and Intense
Quote (block quotes), List Bullet / List Number (Word's own list styles, which
python-docx and many templates use), and Caption (a picture's caption: `figures`
joins it to its picture). Each picture goes through `ImageFolder.keep`
with its alt text (Word's "Alt Text", stored as the picture's description).

A .docx is a zip, and a small one can unpack to gigabytes (a "zip bomb", of XML or
of a picture) or declare entities that expand without end: before mammoth reads
it, the sizes its parts declare are bounded (zipfile never unpacks a part past its
declared size), and a part that declares a DTD is refused, as Word never writes one.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

from threadsmith.errors import InputError
from threadsmith.importing.fetching import ImportLimits
from threadsmith.importing.images import ImageFolder

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='List Bullet'] => ul > li:fresh
p[style-name='List Bullet 2'] => ul|ol > li > ul > li:fresh
p[style-name='List Number'] => ol > li:fresh
p[style-name='List Number 2'] => ul|ol > li > ol > li:fresh
p[style-name='Caption'] => p.caption:fresh
"""
_NOT_WORTH_SAYING = re.compile(r"Unrecognised .* style|unlikely to display in web browsers")
_CORE = "docProps/core.xml"
UNPACKED_LIMIT = 100 * 1024 * 1024  # bytes: every part unpacked (pictures included)
XML_LIMIT = 3 * 1024 * 1024  # bytes: the XML parts (mammoth: ~6 s and 150 MB a MB at worst)
PARTS_LIMIT = 5_000  # parts in the zip
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def word_html(
    data: bytes, name: str, images: ImageFolder, most: int = ImportLimits.images
) -> tuple[str, str, list[str]]:
    """(HTML, the title the document declares or "", mammoth's messages worth showing).
    At most `most` pictures are kept; the others are named in one warning."""
    import mammoth

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not a Word document (.docx is a zip file; this is not)")
    check_parts(data, name)
    counter = iter(range(1, PARTS_LIMIT + 1))
    past: list[int] = []  # the numbers of the pictures past `most`

    def picture(image: Any) -> dict[str, str]:
        number = next(counter)
        if number > most:
            past.append(number)
            return {"src": ""}
        with image.open() as stream:
            content = stream.read()
        kept = images.keep(content, f"{name}, picture {number}", image.alt_text or "")
        return {"src": str(kept.path) if kept else ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(picture),
        )
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        # a zip without word/document.xml, or one whose XML is broken
        raise InputError(f"{name}: not a Word document Word could open ({exc})") from None
    if past:
        images.warnings.append(
            f"{name}: {len(past):,} more pictures left out (from picture {past[0]}): an import "
            f"keeps at most {most}"
        )
    # Styles without a mapping are simply text, and pictures get our own warning.
    messages = [
        f"{name}: {message.message}"
        for message in result.messages
        if message.type == "error" or not _NOT_WORTH_SAYING.search(message.message)
    ]
    return str(result.value), _declared_title(data), messages


def _declared_title(data: bytes) -> str:
    """The title in the document's properties (File › Info), or ""."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read(_CORE))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return ""
    title = root.findtext(_DC_TITLE) or ""
    return " ".join(title.split())


def check_parts(data: bytes, name: str) -> None:
    """Refuses, in one line, a .docx that would unpack past the limits or whose XML
    declares a DTD (entities that expand without end), before anything parses it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > PARTS_LIMIT:
                raise InputError(f"{name}: {len(parts):,} parts; a Word document this "
                                 f"import reads has at most {PARTS_LIMIT:,}")  # fmt: skip
            unpacked = sum(part.file_size for part in parts)
            xml = [part for part in parts if part.filename.lower().endswith((".xml", ".rels"))]
            xml_size = sum(part.file_size for part in xml)
            if xml_size > XML_LIMIT:
                raise InputError(
                    f"{name}: its text unpacks to {_mb(xml_size)}, over the {_mb(XML_LIMIT)} "
                    "an import reads (a zip bomb, or a document far longer than a thread)"
                )
            if unpacked > UNPACKED_LIMIT:
                raise InputError(
                    f"{name}: it unpacks to {_mb(unpacked)}, over the {_mb(UNPACKED_LIMIT)} an "
                    "import reads (a zip bomb, or pictures larger than any network takes)"
                )
            for part in xml:
                with archive.open(part) as stream:
                    if _declares_a_dtd(stream):
                        raise InputError(
                            f"{name}: {part.filename} declares a DTD, which Word never writes; "
                            "not read"
                        )
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{name}: not a Word document Word could open ({exc})") from None


def _declares_a_dtd(stream: Any) -> bool:
    """True when the XML's prolog (before its first element) holds a <!DOCTYPE."""
    head = b""
    while chunk := stream.read(64 * 1024):
        head += chunk
        start = re.search(rb"<[A-Za-z_]", head)  # the first element: the prolog is over
        prolog = head if start is None else head[: start.start()]
        if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
            return True
        if start is not None:
            return False
        head = head[-16:]
    return False


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
