"""A Word document (.docx) → HTML, by mammoth, with its pictures kept as files.

mammoth maps Word's styles to semantic HTML (Heading 1–6, lists, links, bold and
italic) and ignores the visual formatting. The style map adds the styles its
defaults leave as plain paragraphs: Title (the draft's title), Quote and Intense
Quote (block quotes), List Bullet / List Number (Word's own list styles, which
python-docx and many templates use), and Caption (a picture's caption: `figures`
joins it to its picture). Each picture goes through `ImageFolder.keep`
with its alt text (Word's "Alt Text", stored as the picture's description).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

from threadsmith.errors import InputError
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
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def word_html(data: bytes, name: str, images: ImageFolder) -> tuple[str, str, list[str]]:
    """(HTML, the title the document declares or "", mammoth's messages worth showing)."""
    import mammoth

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not a Word document (.docx is a zip file; this is not)")
    counter = iter(range(1, 10_000))

    def picture(image: Any) -> dict[str, str]:
        number = next(counter)
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
