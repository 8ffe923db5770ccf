"""Blocks -> .docx with byte-stable output (fixed zip timestamps and core properties).

Goldens pin ``source.sha256``, so the same content must give the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from samplegen.blocks import Cols, Doc, P, Table

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
FIXED_TIME = dt.datetime(2024, 1, 1, 8, 0, 0)
ZIP_TIME = (2024, 1, 1, 8, 0, 0)


def _para(container, p: P, font: str) -> None:  # noqa: ANN001 - python-docx has no public types
    para = container.add_paragraph()
    para.alignment = _ALIGN[p.align]
    fmt = para.paragraph_format
    fmt.space_after = Pt(3)
    fmt.space_before = Pt(0)
    if p.indent:
        fmt.first_line_indent = Pt(p.indent)
    parts = p.text.split("\t")
    for i, part in enumerate(parts):
        run = para.add_run(part)
        run.bold = p.bold
        run.italic = p.italic
        run.font.size = Pt(p.size)
        run.font.name = font
        if i < len(parts) - 1:
            run.add_tab()


def _first_cell_paragraph_fix(cell) -> None:  # noqa: ANN001
    """A new cell holds one empty paragraph; drop it so the cell starts with our text."""
    first = cell.paragraphs[0]
    if not first.text:
        first._element.getparent().remove(first._element)


def _table(document, t: Table, font: str) -> None:  # noqa: ANN001
    ncol = len(t.widths)
    table = document.add_table(rows=len(t.rows), cols=ncol)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = 16.0
    for r, row in enumerate(t.rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(total * t.widths[c])
            _para(cell, P(text, bold=t.header and r == 0, align="center" if (t.header and r == 0) else "left",
                          size=t.size), font)
            _first_cell_paragraph_fix(cell)


def _cols(document, c: Cols, font: str) -> None:  # noqa: ANN001
    table = document.add_table(rows=1, cols=2)
    for i, (side, width) in enumerate(zip((c.left, c.right), c.widths, strict=True)):
        cell = table.cell(0, i)
        cell.width = Cm(16.5 * width)
        for p in side:
            _para(cell, p, font)
        if side:
            _first_cell_paragraph_fix(cell)


def _page_break(document) -> None:  # noqa: ANN001
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render_docx(docs: list[Doc], font: str = "Times New Roman", author: str = "") -> bytes:
    """Write the documents one after another, a page break between them; return stable bytes."""
    document = Document()
    sec = document.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), font)
    for i, doc in enumerate(docs):
        if i:
            _page_break(document)
        for block in doc.blocks:
            if isinstance(block, P):
                _para(document, block, font)
            elif isinstance(block, Table):
                _table(document, block, font)
            else:
                _cols(document, block, font)
    cp = document.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = ""
    buf = io.BytesIO()
    document.save(buf)
    return stabilize_zip(buf.getvalue())


def stabilize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes, keeping member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
