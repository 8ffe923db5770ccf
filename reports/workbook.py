"""The council's list (danh sách trích ngang): an Excel workbook per run, in the layout offices use.

One sheet per award level (cơ sở, tỉnh, Nhà nước), one row per nomination: Số TT, Họ và tên / Tên
tập thể, Chức vụ, Đơn vị, Hình thức đề nghị, Tóm tắt thành tích, Tỷ lệ phiếu, Kết quả kiểm tra,
Ghi chú; then a sheet of the findings. Headers in Vietnamese, widths and wrapping set, printed on
A4 landscape fitted to the page width with the header row repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from copy import copy
from pathlib import Path
from typing import Any

from reports import _labels as L
from reports._gather import NominationCard, RunData
from reports._private import write_private

HEADERS = [("Số TT", 6), ("Họ và tên / Tên tập thể", 24), ("Chức vụ", 18), ("Đơn vị", 24),
           ("Hình thức đề nghị", 22), ("Tóm tắt thành tích", 50), ("Tỷ lệ phiếu", 12),
           ("Kết quả kiểm tra", 14), ("Ghi chú", 36)]
FINDING_HEADERS = [("Số TT", 6), ("Họ và tên / Tên tập thể", 24), ("Hình thức đề nghị", 22), ("Mức độ", 10),
                   ("Mã kiểm tra", 11), ("Nhóm", 18), ("Nội dung", 50), ("Căn cứ pháp lý", 30)]
SUMMARY_CHARS = 600  # the cell stays readable; the report has the whole text
LEVEL_SHEETS = ["co_so", "tinh", "trung_uong", "nha_nuoc", "khac"]  # data/reference/award_levels.tsv
_ALWAYS = ("co_so", "tinh", "trung_uong")  # a sheet even when empty: the council sees the level had none


def _note(card: NominationCard) -> str:
    parts = [f"{f.check_id}: {f.message}" for f in sorted(card.findings, key=lambda f: f.severity)
             if f.severity in ("error", "warning")]
    if card.needs_confirming:
        parts.append(f"{card.needs_confirming} giá trị cần xác nhận với bản gốc")
    return "\n".join(parts)


def nomination_row(n: int, card: NominationCard) -> list[object]:
    """One row of the list, as the sheet shows it (the tests compare it with the warehouse)."""
    summary = (card.summary or "").strip()
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    unit = card.work_unit if card.kind == "individual" and card.work_unit else card.unit
    return [n, card.name, card.position or "", unit or "", card.award_name, summary, card.vote or "",
            card.status_label, _note(card)]


_BODY = "tdkt_body"
Sheet = tuple[str, list[tuple[str, int]], list[list[object]], str]  # title, headers, rows, heading


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return {
        "body": NamedStyle(name=_BODY, alignment=Alignment(vertical="top", wrap_text=True), border=border),
        "title": (Font(bold=True, size=13), Alignment(horizontal="center")),
        "header": (Font(bold=True), PatternFill("solid", fgColor="DDE5EE"),
                   Alignment(horizontal="center", vertical="center", wrap_text=True), border),
    }


def _sheet(wb: Any, styles: dict[str, Any], title: str, headers: list[tuple[str, int]], rows: list[list[object]],
           heading: str) -> None:
    """One sheet, streamed (openpyxl's write-only mode): the rows go to the file as they are made.

    Every body cell shares one style object: a fresh Alignment and Border per cell cost openpyxl a
    hash and a compare against every style before it (8 s for 500 rows), and even a named style set
    cell by cell costs more than writing the cell.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.create_sheet(title=title[:31])
    for col, (_, width) in enumerate(headers, 1):  # widths before the rows: the stream writes them first
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.merged_cells.add(f"A1:{get_column_letter(len(headers))}1")
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Trang &P / &N"
    top = WriteOnlyCell(ws, heading)
    top.font, top.alignment = styles["title"]
    ws.append([top])
    head = []
    for text, _ in headers:
        cell = WriteOnlyCell(ws, text)
        cell.font, cell.fill, cell.alignment, cell.border = styles["header"]
        head.append(cell)
    ws.append(head)
    proto = WriteOnlyCell(ws, None)
    proto.style = _BODY
    body = proto._style  # the style array every body cell points at (openpyxl copies it on write)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value)
            cell._style = copy(body)
            cells.append(cell)
        ws.append(cells)


def write_sheets(sheets: list[Sheet], path: Path) -> Path:
    """The sheets as a workbook at ``path`` (0600); ``reports._background`` runs it in a child process."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = _styles()
    wb.add_named_style(styles["body"])
    for title, headers, rows, heading in sheets:
        _sheet(wb, styles, title, headers, rows, heading)
    buf = io.BytesIO()
    wb.save(buf)
    return write_private(path, buf.getvalue())


class Rows:
    """The workbook's rows, added a page of cards at a time (issue 9: a big night's report holds one
    page of cards, and these plain rows, not every card with its values and provenance)."""

    def __init__(self) -> None:
        self.levels: dict[str, list[list[object]]] = {level: [] for level in LEVEL_SHEETS}
        self.findings: list[list[object]] = []

    def add(self, cards: list[NominationCard]) -> None:
        for c in cards:
            rows = self.levels.get(c.award_level)
            if rows is not None:
                rows.append(nomination_row(len(rows) + 1, c))
            for f in sorted(c.findings, key=lambda f: f.severity):
                self.findings.append([len(self.findings) + 1, c.name, c.award_name, f.severity_label, f.check_id,
                                      f.category_label, f.message, f.legal_basis])

    def sheets(self, title: str) -> list[Sheet]:
        words = L.words()
        out: list[Sheet] = []
        for level in LEVEL_SHEETS:
            rows = self.levels[level]
            if not rows and level not in _ALWAYS:
                continue
            label = words.get("award_levels", level)
            out.append((label, HEADERS, rows, f"DANH SÁCH TRÍCH NGANG ĐỀ NGHỊ KHEN THƯỞNG – {label.upper()} – {title}"))
        out.append(("Phát hiện", FINDING_HEADERS, self.findings, f"CÁC PHÁT HIỆN KHI KIỂM TRA HỒ SƠ – {title}"))
        return out


def write_workbook(data: RunData | Rows, path: Path, *, title: str,
                   write: Callable[[list[Sheet], Path], Path] = write_sheets) -> Path:
    """The run's workbook at ``path`` (0600); ``write`` may write it elsewhere (a child process).
    ``data``: the run's cards, or the rows a paged report gathered page by page."""
    if isinstance(data, RunData):
        rows = Rows()
        rows.add(data.nominations)
        data = rows
    return write(data.sheets(title), path)
