"""Scanned pages as the OCR reader sees them: ruled tables, pages turned over, and what each costs.

Every page is drawn here with PIL in a Vietnamese-capable font and read by the real Tesseract.
"""

from __future__ import annotations

import shutil
import stat
import textwrap
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors import _ocr
from extractors._grid import find_grids
from extractors._table import number_tables
from extractors.lines import Line
from extractors.read import read_file
from record.normalize import fold

DPI = 300
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
WIDTH = int(8.27 * DPI)

HEADER = ("TT", "Họ và tên", "Hình thức đề nghị", "Số phiếu đồng ý", "Tỷ lệ")
VOTES = [
    ("1", "Nguyễn Văn Hùng", "Chiến sĩ thi đua cơ sở", "9/9", "100%"),
    ("2", "Trần Thị Thu Hà", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị", "8/9", "88,9%"),
    ("3", "Lê Quang Minh", "Lao động tiên tiến", "9/9", "100%"),
]
COLUMNS = (120, 560, 860, 300, 260)  # pixels; the name and award columns wrap long text


class Page:
    """A white page to draw text and ruled tables on, top to bottom."""

    def __init__(self, height: int = int(11.69 * DPI)) -> None:
        self.image = Image.new("L", (WIDTH, height), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.font = ImageFont.truetype(FONT, int(12 * DPI / 72))
        self.bold = ImageFont.truetype(BOLD, int(12 * DPI / 72))
        self.y = 220

    def text(self, line: str, bold: bool = False) -> None:
        self.draw.text((250, self.y), line, fill=0, font=self.bold if bold else self.font)
        self.y += 80

    def table(self, rows: list[tuple[str, ...]], widths: tuple[int, ...] = COLUMNS, *, ruled: bool = True,
              merged_header: bool = False, row_rules: bool = True) -> None:
        """Rows of cells with every rule drawn (or none, or no rule between body rows); text wraps in its cell."""
        x0, pad, line_h = 250, 14, 62
        xs = [x0 + sum(widths[:k]) for k in range(len(widths) + 1)]
        for r, row in enumerate(rows):
            wrapped = [textwrap.wrap(cell, max(4, int(w / 27))) or [""] for cell, w in zip(row, widths, strict=True)]
            height = max(len(w) for w in wrapped) * line_h + 2 * pad
            font = self.bold if r == 0 else self.font
            for k, lines in enumerate(wrapped):
                for n, text in enumerate(lines):
                    self.draw.text((xs[k] + pad, self.y + pad + n * line_h), text, fill=0, font=font)
            if ruled:
                if row_rules or r <= 1:
                    self.draw.line((xs[0], self.y, xs[-1], self.y), fill=0, width=4)
                for k, x in enumerate(xs):
                    if merged_header and r == 0 and k == len(xs) - 2:
                        continue  # the last two header cells are one
                    self.draw.line((x, self.y, x, self.y + height), fill=0, width=4)
            self.y += height
        if ruled:
            self.draw.line((xs[0], self.y, xs[-1], self.y), fill=0, width=4)
        self.y += 60

    def scanned(self, skew: float = 0.0, turn: int = 0) -> Image.Image:
        """The page as a scanner gives it: a little askew, or turned by ``turn`` degrees."""
        img = self.image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255) if skew else self.image
        return img.rotate(turn, expand=True) if turn else img


def _pdf(path: Path, pages: list[Image.Image]) -> Path:
    """A scanned PDF: each page one full-page image, as a scanner writes it."""
    c = canvas.Canvas(str(path), pagesize=(595.2, 841.9))
    for img in pages:
        w, h = (595.2, 841.9) if img.height >= img.width else (841.9, 595.2)
        c.setPageSize((w, h))
        c.drawImage(ImageReader(img.convert("RGB")), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return path


def _rows(lines: list) -> list[tuple[str, ...]]:
    return [tuple(fold(c) for c in line.cells) for line in lines if line.table is not None]


# -- the grid alone ----------------------------------------------------------------------------------


def test_grid_of_a_skewed_table_with_a_merged_cell() -> None:
    page = Page(height=1400)
    page.table([HEADER, *VOTES], merged_header=True)
    grids = find_grids(np.asarray(page.scanned(skew=1.5)))
    assert len(grids.grids) == 1
    grid = grids.grids[0]
    assert grid.shape == (4, 5)
    assert abs(np.degrees(grids.angle) + 1.5) < 0.3  # the rules' slope is the page's skew
    assert grid.owner[(0, 4)] == (0, 3)  # the header's last two cells are one
    assert grid.owner[(1, 4)] == (1, 4)


def test_text_alone_has_no_grid() -> None:
    page = Page(height=900)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO THÀNH TÍCH"):
        page.text(line, bold=True)
    page.draw.line((900, page.y, 1500, page.y), fill=0, width=4)  # the rule under the motto
    assert find_grids(np.asarray(page.image)).grids == []


# -- tables read as rows of cells --------------------------------------------------------------------


@pytest.fixture(scope="module")
def vote_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Minutes over two pages: a ruled vote table split by the page break, then another table."""
    first = Page()
    first.text("BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", bold=True)
    first.text("Kết quả biểu quyết như sau:")
    first.table([HEADER, *VOTES[:2]])
    second = Page(height=1800)
    second.table([VOTES[2]])
    second.text("Danh sách thành viên dự họp:")
    second.table([("TT", "Họ và tên", "Chức vụ"), ("1", "Phạm Văn Tuấn", "Chủ tịch Hội đồng")], (120, 700, 900))
    second.text("Cuộc họp kết thúc lúc 11 giờ cùng ngày.")
    return _pdf(tmp_path_factory.mktemp("votes") / "bien_ban.pdf", [first.scanned(skew=0.8), second.scanned(skew=-0.6)])


def test_ruled_table_rows_come_as_cells(vote_pages: Path) -> None:
    lines = read_file(vote_pages).lines
    rows = [line for line in lines if line.table is not None]
    assert [fold(c) for c in rows[0].cells] == [fold(c) for c in HEADER]
    # wrapped text joined within its cell; every row has one cell per column, like a Word table
    assert _rows(lines)[1:4] == [tuple(fold(c) for c in row) for row in VOTES]
    assert all(line.source == "ocr" and line.cell_x and len(line.cell_x) == 5 for line in rows[:4])
    # words outside the tables stay ordinary lines, in reading order around the table
    texts = [fold(line.text) for line in lines]
    assert texts.index("ket qua bieu quyet nhu sau:") < texts.index(fold(" | ".join(HEADER)))


def test_table_split_over_pages_keeps_its_number(vote_pages: Path) -> None:
    lines = read_file(vote_pages).lines
    rows = [line for line in lines if line.table is not None]
    votes = [line for line in rows if len(line.cells or ()) == 5]
    assert [line.page for line in votes] == [1, 1, 1, 2]
    assert {line.table for line in votes} == {0}  # the third vote row goes on with table 0
    members = [line for line in rows if len(line.cells or ()) == 3]
    assert {line.table for line in members} == {1}  # a new table with its own header
    texts = [fold(line.text) for line in lines]
    assert texts.index("danh sach thanh vien du hop:") < texts.index(fold(members[0].text))


def test_rows_without_rules_between_them_are_told_apart_by_their_numbers() -> None:
    page = Page(height=1400)
    page.table([HEADER, *VOTES], row_rules=False)  # the columns and the header ruled, the body rows not
    rows = _rows(_ocr.ocr_image(page.scanned(skew=0.7), 1))
    # one row per vote, wrapped award text kept with its row (Tesseract may drop the lone
    # ordinals of a narrow unruled column; the rows are found by their figures then)
    # (spaces aside: Tesseract may run two words of a wide unruled row together)
    squeezed = [tuple(c.replace(" ", "") for c in row[1:]) for row in rows]
    assert squeezed == [tuple(fold(c).replace(" ", "") for c in row[1:]) for row in (HEADER, *VOTES)]


def test_unruled_table_falls_back_to_word_columns() -> None:
    page = Page(height=1200)
    page.table([HEADER, *VOTES[:1]], ruled=False)
    lines = _ocr.ocr_image(page.image, 1)
    assert all(line.table is None for line in lines)
    row = next(line for line in lines if line.text.startswith("1"))
    assert row.cells is not None and len(row.cells) >= 3 and row.words  # the gap-split cells, as before


# -- pages the wrong way up ----------------------------------------------------------------------------


TITLE_PAGE = [
    ("ỦY BAN NHÂN DÂN XÃ VĨNH HOÀNG", True),
    ("BÁO CÁO THÀNH TÍCH", True),
    ("ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ", True),
    ("I. SƠ LƯỢC LÝ LỊCH", True),
    ("- Họ và tên: Nguyễn Thị Hoa. Giới tính: Nữ. Sinh ngày 07/4/1985", False),
    ("- Quê quán: xã Yên Phong, huyện Yên Định, tỉnh Thanh Hóa", False),
    ("- Đơn vị công tác: Trường Tiểu học Vĩnh Hoàng, huyện Vĩnh Linh", False),
    ("II. THÀNH TÍCH ĐẠT ĐƯỢC", True),
    ("Năm 2023: Hoàn thành xuất sắc nhiệm vụ; Chiến sĩ thi đua cơ sở.", False),
    ("Năm 2024: Hoàn thành xuất sắc nhiệm vụ; sáng kiến được công nhận.", False),
]


@pytest.fixture(scope="module")
def title_page() -> Page:
    page = Page(height=1500)
    for text, bold in TITLE_PAGE:
        page.text(text, bold)
    return page


@pytest.mark.parametrize("turn", [180, 90, 270])
def test_page_scanned_turned_is_read_the_right_way_up(tmp_path: Path, title_page: Page, turn: int) -> None:
    pdf = _pdf(tmp_path / "turned.pdf", [title_page.scanned(skew=0.5, turn=turn)])
    texts = [fold(line.text) for line in read_file(pdf).lines]
    assert "bao cao thanh tich" in texts
    assert any(t.startswith("- ho va ten: nguyen thi hoa") for t in texts)


@pytest.fixture
def tesseract_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real Tesseract behind a wrapper that writes down each call's arguments."""
    _ocr.check_tesseract()
    log = tmp_path / "calls.txt"
    exe = tmp_path / "tesseract"
    real = shutil.which(pytesseract.pytesseract.tesseract_cmd)
    assert real is not None
    exe.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n', encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(exe))
    return log


def test_upright_page_costs_one_tesseract_call(title_page: Page, tesseract_log: Path) -> None:
    lines = _ocr.ocr_image(title_page.scanned(skew=0.5), 1)
    assert "bao cao thanh tich" in [fold(line.text) for line in lines]
    calls = tesseract_log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 1 and "--psm 4" in calls[0]  # no orientation pass, no second reading


def test_upside_down_page_asks_orientation_once(title_page: Page, tesseract_log: Path) -> None:
    _ocr.ocr_image(title_page.scanned(turn=180), 1)
    calls = tesseract_log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 3 and "--psm 0" in calls[1]  # read, orientation, read again turned


# -- tables over page breaks, as any reader numbers them ------------------------------------------------


def _row(cells: tuple[str, ...], page: int, table: int, xs: tuple[int, ...] | None = (250, 370, 930)) -> Line:
    return Line(text=" | ".join(cells), page=page, source="ocr", cells=cells, table=table, cell_x=xs)


def _plain(text: str, page: int) -> Line:
    return Line(text=text, page=page, source="ocr")


def test_number_tables_joins_a_table_over_a_page_break_and_drops_its_repeated_header() -> None:
    head = ("TT", "Họ và tên", "Chức vụ")
    pages = [
        [_plain("Danh sách", 1), _row(head, 1, 0), _row(("1", "Phạm Văn Tuấn", "Chủ tịch"), 1, 0)],
        [_plain("2", 2), _row(head, 2, 0), _row(("2", "Lê Thị Hoa", "Thư ký"), 2, 0),
         _plain("Cuộc họp kết thúc lúc 11 giờ cùng ngày, biên bản đã được thông qua.", 2),
         _row(head, 2, 1), _row(("1", "Trần Văn An", "Ủy viên"), 2, 1)],
    ]
    lines = number_tables(pages)
    rows = [(line.cells[1], line.table) for line in lines if line.cells]
    # the page's short number between the parts is no break; the repeated header goes; the table
    # after a paragraph is another table
    assert rows == [("Họ và tên", 0), ("Phạm Văn Tuấn", 0), ("Lê Thị Hoa", 0), ("Họ và tên", 1), ("Trần Văn An", 1)]


def test_number_tables_keeps_apart_tables_of_other_columns() -> None:
    pages = [
        [_row(("1", "Phạm Văn Tuấn", "Chủ tịch"), 1, 0)],
        [_row(("2", "Lê Thị Hoa", "Thư ký", "9/9"), 2, 0, (250, 370, 930, 1500))],  # four columns
        [_row(("3", "Trần Văn An", "Ủy viên", "8/9"), 3, 0, (250, 700, 1100, 1500))],  # edges elsewhere
    ]
    assert [line.table for line in number_tables(pages)] == [0, 1, 2]
