"""The council's list (danh sách trích ngang): an Excel workbook per run, in the layout offices use.

One sheet per award level (cơ sở, tỉnh, Nhà nước), one row per nomination: Số TT, Họ và tên / Tên
tập thể, Chức vụ, Đơn vị, Hình thức đề nghị, Tóm tắt thành tích, Tỷ lệ phiếu, Kết quả kiểm tra,
Ghi chú; then a sheet of the findings. Headers in Vietnamese, widths and wrapping set, printed on
A4 landscape fitted to the page width with the header row repeated on every page.
"""

from __future__ import annotations

import io
from pathlib import Path

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


def _body_style(wb: object) -> None:
    from openpyxl.styles import Alignment, Border, NamedStyle, Side

    thin = Side(style="thin", color="999999")
    style = NamedStyle(name=_BODY, alignment=Alignment(vertical="top", wrap_text=True),
                       border=Border(left=thin, right=thin, top=thin, bottom=thin))
    wb.add_named_style(style)  # type: ignore[attr-defined]


def _sheet(wb: object, title: str, headers: list[tuple[str, int]], rows: list[list[object]], heading: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=title[:31])  # type: ignore[attr-defined]
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([h for h, _ in headers])
    for col, (_, width) in enumerate(headers, 1):
        cell = ws.cell(row=2, column=col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in rows:
        ws.append(row)
    # one named style for every body cell: a fresh Alignment and Border per cell cost openpyxl a
    # hash and compare against every style before it (8 s for 500 rows)
    for r in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in r:
            cell.style = _BODY
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Trang &P / &N"


def write_workbook(data: RunData, path: Path, *, title: str) -> Path:
    """The run's workbook at ``path`` (0600)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _body_style(wb)
    words = L.words()
    for level in LEVEL_SHEETS:
        cards = [c for c in data.nominations if c.award_level == level]
        if not cards and level not in _ALWAYS:
            continue
        label = words.get("award_levels", level)
        rows = [nomination_row(i, c) for i, c in enumerate(cards, 1)]
        _sheet(wb, label, HEADERS, rows, f"DANH SÁCH TRÍCH NGANG ĐỀ NGHỊ KHEN THƯỞNG – {label.upper()} – {title}")
    findings = []
    for c in data.nominations:
        for f in sorted(c.findings, key=lambda f: f.severity):
            findings.append([len(findings) + 1, c.name, c.award_name, f.severity_label, f.check_id, f.category_label,
                             f.message, f.legal_basis])
    _sheet(wb, "Phát hiện", FINDING_HEADERS, findings, f"CÁC PHÁT HIỆN KHI KIỂM TRA HỒ SƠ – {title}")
    buf = io.BytesIO()
    wb.save(buf)
    return write_private(path, buf.getvalue())
