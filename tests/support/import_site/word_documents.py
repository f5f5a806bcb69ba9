"""Word documents for the import tests, built with python-docx as Word would save them."""

from __future__ import annotations

import io
import struct

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from support.import_site.site_server import png

CHART_ALT = "Bar chart: our budget against the cost of the pay award"
LINK = "https://www.gov.uk/government/publications/school-teachers-pay"


def add_link(paragraph: Paragraph, text: str, url: str) -> None:
    """A hyperlink run, as Word writes one (python-docx has no call for it)."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def bmp() -> bytes:
    """A 1×1 BMP: a picture Word takes and neither network does."""
    header = struct.pack("<2sIHHI", b"BM", 58, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, 4, 2835, 2835, 0, 0)
    return header + info + b"\x00\x00\xff\x00"


def letter(extra_picture: bytes | None = None, title_style: bool = True) -> bytes:
    document = docx.Document()
    document.core_properties.title = "Properties title"
    if title_style:
        document.add_paragraph("A letter to our MP", style="Title")
    document.add_heading("Why we are writing", level=1)
    opening = document.add_paragraph("Our school is ")
    opening.add_run("£118,000").bold = True
    opening.add_run(" short this year, and ")
    opening.add_run("every").italic = True
    opening.add_run(" option left hurts pupils.")
    document.add_heading("What it means", level=2)
    document.add_paragraph("Larger classes in Year 9.", style="List Bullet")
    document.add_paragraph("No replacement chemistry teacher.", style="List Bullet")
    document.add_picture(io.BytesIO(png(40, 30)))
    document.inline_shapes[-1]._inline.docPr.set("descr", CHART_ALT)
    document.add_paragraph("The guidance says it plainly:")
    document.add_paragraph("Schools will need to use their existing budgets.", style="Quote")
    document.add_paragraph("Write to the minister.", style="List Number")
    document.add_paragraph("Ask for the pay award in full.", style="List Number")
    closing = document.add_paragraph("Read the ")
    add_link(closing, "pay and conditions document", LINK)
    closing.add_run(" for yourself.")
    if extra_picture is not None:
        document.add_picture(io.BytesIO(extra_picture))
        document.inline_shapes[-1]._inline.docPr.set("descr", "A picture in an old format")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


EXPECTED_TEXT = (
    "A letter to our MP Why we are writing Our school is £118,000 short this year, and every "
    "option left hurts pupils. What it means Larger classes in Year 9. No replacement "
    "chemistry teacher. The guidance says it plainly: Schools will need to use their existing "
    "budgets. Write to the minister. Ask for the pay award in full. Read the pay and "
    "conditions document for yourself."
)
EXPECTED_WORDS = EXPECTED_TEXT.split()
