"""Where a line sits on its page (``Line.bbox``, page fractions): the report crops the words a value
came from out of the archived original, so the box must be where the words are. Checked on a text
PDF written here (pdfplumber's boxes) and on a page image read by real Tesseract (its word boxes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors._ocr import ocr_image
from extractors._pdf import read_pdf
from extractors.lines import Line

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
W, H = 595.0, 842.0  # A4 in points


def _find(lines: list[Line], text: str) -> Line:
    return next(line for line in lines if text in line.text)


def test_a_text_pdf_line_has_the_box_of_its_words(tmp_path: Path) -> None:
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    path = tmp_path / "bao-cao.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont("DejaVuSerif", 12)
    c.drawString(72, H - 200, "Họ và tên: Nguyễn Thị Hoa")   # baseline 200 pt from the top
    c.drawString(300, H - 600, "Dân tộc: Kinh")
    c.save()
    lines = read_pdf(path).lines
    name, nation = _find(lines, "Nguyễn Thị Hoa"), _find(lines, "Dân tộc")
    assert name.bbox is not None and nation.bbox is not None
    x0, y0, x1, y1 = name.bbox
    assert x0 == pytest.approx(72 / W, abs=0.005) and 0.2 < x1 < 0.6
    assert y0 < 200 / H < y1 + 0.005 and y1 - y0 < 0.03  # one line high, around its baseline
    assert nation.bbox[0] == pytest.approx(300 / W, abs=0.005) and nation.bbox[1] > 0.68


def test_an_ocr_line_has_the_box_of_its_words() -> None:
    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    draw.text((150, 300), "Họ và tên: Trần Văn Bình", font=font, fill=0)
    draw.text((600, 1200), "Giới tính: Nam", font=font, fill=0)
    lines = ocr_image(page, 1)
    name, sex = _find(lines, "Bình"), _find(lines, "Nam")
    assert name.bbox is not None and sex.bbox is not None
    assert name.bbox[0] == pytest.approx(150 / 1240, abs=0.01) and name.bbox[1] == pytest.approx(300 / 1754, abs=0.01)
    assert sex.bbox[0] == pytest.approx(600 / 1240, abs=0.01) and sex.bbox[1] == pytest.approx(1200 / 1754, abs=0.01)
    assert all(0 <= v <= 1 for v in name.bbox) and name.bbox[2] > name.bbox[0] and name.bbox[3] > name.bbox[1]
