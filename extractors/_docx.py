"""Read a .docx into lines in body reading order: paragraphs and table rows as Word shows them.

The only module that touches python-docx, so its exceptions are translated here and nowhere else.
Pages in a .docx are decided by Word at layout time; the explicit breaks (page breaks,
``pageBreakBefore``, next-page section breaks) are the only ones the file records, so ``page`` is
1 + the explicit breaks seen so far: exact for forms that break per document, a lower bound otherwise.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml import etree

from extractors.lines import Line
from record.errors import CorruptFileError, TooLargeError, UnsupportedFormatError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, whole package
MAX_RATIO = 200  # a member that inflates more than this (and past 1 MB) is a zip bomb, not a form

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt"), _q("sdtContent")
T, TAB, BR, CR, SECT_PR, PPR = _q("t"), _q("tab"), _q("br"), _q("cr"), _q("sectPr"), _q("pPr")
TXBX, VMERGE, HMERGE, TCPR = _q("txbxContent"), _q("vMerge"), _q("hMerge"), _q("tcPr")
GRIDSPAN = _q("gridSpan")
_SKIP = {_q("delText"), _q("instrText"), f"{{{_MC}}}Fallback", _q("rPr"), _q("pPr")}
_NEW_PAGE_SECTIONS = {None, "nextPage", "oddPage", "evenPage"}  # absent type means nextPage


@dataclass
class RawDocx:
    lines: list[Line]
    pages: int


def read_docx(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED) -> RawDocx:
    """Lines of the body (text not yet normalised) and the page count from explicit breaks."""
    _guard_zip(path, max_uncompressed)
    try:
        body = _main_document(path).body
    except PackageNotFoundError as exc:
        raise CorruptFileError(f"không mở được gói .docx ({exc})", path=path) from exc
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError) as exc:
        raise CorruptFileError(
            f"tệp .docx bị hỏng ({type(exc).__name__}: {exc}); hãy mở bằng Word và lưu lại", path=path
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"nội dung XML của tệp .docx bị hỏng ({exc})", path=path) from exc
    except ValueError as exc:  # a template/macro package, not a plain document
        raise UnsupportedFormatError(
            f"tệp Word không phải văn bản .docx thường ({exc}); hãy lưu lại dạng .docx", path=path
        ) from exc
    if body is None:
        raise CorruptFileError("tệp .docx không có phần thân văn bản (w:body)", path=path)
    walker = _Walker(body)
    lines = list(walker.walk())
    return RawDocx(lines=lines, pages=walker.page)


# a plain document, or one with macros (its text reads the same); not a template or glossary
_DOCX_MAIN = {CONTENT_TYPE.WML_DOCUMENT_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml"}


def _main_document(path: Path) -> Any:
    """The main document part through python-docx's XML layer (``docx.oxml``), and nothing else.

    ``docx.Document()`` parses every part of the package (styles, numbering, theme, fonts): 70 % of
    the time to read a typical dossier, for parts no field comes from. The package relationships
    name the main part; python-docx's own parser turns it into its ``CT_Document`` element.
    """
    with zipfile.ZipFile(path) as zf:
        rels = etree.fromstring(zf.read("_rels/.rels"))
        target = next((r.get("Target") for r in rels if r.get("Type") == RELATIONSHIP_TYPE.OFFICE_DOCUMENT), None)
        if target is None:
            raise PackageNotFoundError("gói không có phần văn bản chính (officeDocument)")
        name = target.lstrip("/")
        types = etree.fromstring(zf.read("[Content_Types].xml"))
        ctype = next((o.get("ContentType") for o in types if o.get("PartName", "").lstrip("/") == name), None)
        if ctype is None:
            ext = name.rsplit(".", 1)[-1]
            ctype = next((d.get("ContentType") for d in types if d.get("Extension") == ext), None)
        if ctype not in _DOCX_MAIN:
            raise ValueError(f"kiểu nội dung '{ctype}' không phải văn bản Word")
        return parse_xml(zf.read(name))


def _guard_zip(path: Path, limit: int) -> None:
    """Refuse zip bombs before python-docx inflates anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFileError(f"tệp .docx bị hỏng hoặc không đầy đủ ({exc})", path=path) from exc
    total = sum(i.file_size for i in infos)
    if total > limit:
        raise TooLargeError(
            f"tệp .docx giải nén ra {total // 2**20} MB, vượt giới hạn {limit // 2**20} MB", path=path
        )
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TooLargeError(
                f"thành phần {info.filename} nén với tỉ lệ bất thường ({info.file_size}/{info.compress_size}"
                " byte): nghi là zip bomb",
                path=path,
            )


class _Walker:
    """Walks the body XML once, in order, counting explicit page breaks as it goes."""

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self.page = 1
        self.table_count = 0
        self._section_types = [self._section_type(s) for s in body.iter(SECT_PR)]
        self._section_index = 0

    @staticmethod
    def _section_type(sect: etree._Element) -> str | None:
        t = sect.find(_q("type"))
        return t.get(_q("val")) if t is not None else None

    def walk(self) -> Iterator[Line]:
        yield from self._blocks(self.body)

    def _blocks(self, parent: etree._Element) -> Iterator[Line]:
        for child in parent:
            if child.tag == P:
                yield from self._paragraph(child)
            elif child.tag == TBL:
                yield from self._table(child)
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self._blocks(content)

    # -- paragraphs --------------------------------------------------------------------------------

    def _paragraph(self, p: etree._Element) -> Iterator[Line]:
        ppr = p.find(PPR)
        if ppr is not None:
            pbb = ppr.find(_q("pageBreakBefore"))
            if pbb is not None and pbb.get(_q("val"), "true") not in ("0", "false", "off"):
                self.page += 1
        parts: list[str] = []
        boxes: list[etree._Element] = []
        for kind, value in self._runs(p, boxes):
            if kind == "text":
                parts.append(value)
            elif kind == "line":  # soft line break: forms put label and value on separate lines
                yield from self._emit("".join(parts))
                parts = []
            elif kind == "page":
                yield from self._emit("".join(parts))
                parts = []
                self.page += 1
        yield from self._emit("".join(parts))
        for box in boxes:  # text boxes: their paragraphs as lines of their own, after the anchor
            yield from self._blocks(box)
        if ppr is not None and ppr.find(SECT_PR) is not None:
            # A section's w:type says how *it* starts, so the break after this paragraph is decided
            # by the type of the next section.
            self._section_index += 1
            nxt = self._section_index
            if nxt < len(self._section_types) and self._section_types[nxt] in _NEW_PAGE_SECTIONS:
                self.page += 1

    def _runs(self, el: etree._Element, boxes: list[etree._Element]) -> Iterator[tuple[str, str]]:
        """Text, soft breaks and page breaks of a paragraph in document order."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == T:
                yield "text", child.text or ""
            elif tag == TAB:
                yield "text", " "
            elif tag in (BR, CR):
                yield ("page", "") if child.get(_q("type")) == "page" else ("line", "")
            elif tag == TXBX:
                boxes.append(child)
            else:
                yield from self._runs(child, boxes)

    def _emit(self, text: str) -> Iterator[Line]:
        if text.strip():
            yield Line(text=text, page=self.page, source="docx")

    # -- tables ------------------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> Iterator[Line]:
        rows = [tr for tr in self._children(tbl, TR)]
        cells_per_row = [[tc for tc in self._children(tr, TC)] for tr in rows]
        if all(len(cells) <= 1 for cells in cells_per_row):
            # A layout box (one cell per row, often a frame around the whole form): its content is
            # ordinary body text, so read it as paragraphs rather than as one giant cell.
            for cells in cells_per_row:
                for tc in cells:
                    yield from self._blocks(tc)
            return
        index = self.table_count
        self.table_count += 1
        for cells in cells_per_row:
            texts: list[str] = []
            paras: list[list[str]] = []
            nested: list[etree._Element] = []
            start_page = self.page
            for tc in cells:
                cell_paras = [] if self._is_merge_continuation(tc) else self._cell_paragraphs(tc, nested)
                paras.append(cell_paras)
                texts.append(" ".join(cell_paras))
                # a cell merged across columns ("Năm sinh" over "Nam" | "Nữ") keeps the grid's
                # columns: its text in the first, the columns it covers empty, so rows line up
                for _ in range(self._grid_span(tc) - 1):
                    paras.append([])
                    texts.append("")
            deepest = max((len(p) for p in paras), default=0)
            if deepest >= 3 or (deepest >= 2 and len(rows) == 1):
                # A layout row (the agency | national motto head, the signature blocks): Word shows
                # its cells' paragraphs side by side, so read it as the visual lines it draws.
                for k in range(deepest):
                    row = tuple(p[k] if k < len(p) else "" for p in paras)
                    filled = [t for t in row if t]
                    yield Line(
                        text=" | ".join(filled),
                        page=start_page,
                        source="docx",
                        cells=row if len(row) > 1 else None,
                    )
                for inner in nested:
                    yield from self._table(inner)
                continue
            if any(t.strip() for t in texts):
                yield Line(
                    text=" | ".join(texts), page=start_page, source="docx", cells=tuple(texts), table=index
                )
            for inner in nested:  # nested tables: their own rows, after the row that holds them
                yield from self._table(inner)

    @staticmethod
    def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Direct children with ``tag``, looking through content controls (w:sdt)."""
        for child in el:
            if child.tag == tag:
                yield child
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from _Walker._children(content, tag)

    @staticmethod
    def _grid_span(tc: etree._Element) -> int:
        tcpr = tc.find(TCPR)
        span = tcpr.find(GRIDSPAN) if tcpr is not None else None
        try:
            return max(1, min(50, int(span.get(_q("val"), "1")))) if span is not None else 1
        except ValueError:
            return 1

    @staticmethod
    def _is_merge_continuation(tc: etree._Element) -> bool:
        """A vertically (or legacy horizontally) merged continuation cell repeats nothing."""
        tcpr = tc.find(TCPR)
        if tcpr is None:
            return False
        for tag in (VMERGE, HMERGE):
            m = tcpr.find(tag)
            if m is not None and m.get(_q("val"), "continue") == "continue":
                return True
        return False

    def _cell_paragraphs(self, tc: etree._Element, nested: list[etree._Element]) -> list[str]:
        """The non-empty paragraphs of a cell; nested tables are set aside, not flattened."""
        out: list[str] = []
        for child in self._cell_blocks(tc):
            if child.tag == TBL:
                nested.append(child)
                continue
            parts: list[str] = []
            boxes: list[etree._Element] = []
            for kind, value in self._runs(child, boxes):
                if kind == "text":
                    parts.append(value)
                elif kind == "line":
                    parts.append(" ")
                else:
                    self.page += 1
            text = "".join(parts).strip()
            if text:
                out.append(text)
        return out

    def _cell_blocks(self, parent: etree._Element) -> Iterator[etree._Element]:
        for child in parent:
            if child.tag in (P, TBL):
                yield child
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self._cell_blocks(content)
