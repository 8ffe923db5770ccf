"""The readers on real files built here: python-docx, reportlab, PIL pages and real Tesseract."""

from __future__ import annotations

import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors import _docx, _pdf
from extractors._sniff import sniff_format
from extractors.read import read_file
from record.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTimeoutError,
    TooLargeError,
    UnsupportedFormatError,
)
from record.normalize import fold

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PAGE_TEXT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "BÁO CÁO THÀNH TÍCH",
    "Họ và tên: Nguyễn Thị Hoa",
    "Đơn vị công tác: Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
    "Năm 2023: Hoàn thành xuất sắc nhiệm vụ",
]
STAMP = [
    "Ký bởi: Sở Nội vụ",
    "Cơ quan: Sở Nội vụ tỉnh Thanh Hóa",
    "Email: snv@thanhhoa.gov.vn",
    "Thời gian ký: 02.10.2023 08:15:22 +07:00",
]


def _folded_text(lines: list) -> str:
    return fold(" ".join(line.text for line in lines))


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_image() -> Image.Image:
    """An A4 page of Vietnamese text at 300 DPI with a red seal over part of it, as a scanner gives."""
    dpi = 300
    img = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(13 * dpi / 72))
    y = dpi
    for text in PAGE_TEXT:
        draw.text((dpi, y), text, fill="black", font=font)
        y += int(26 * dpi / 72)
    seal = Image.new("RGB", img.size, "white")  # red ink over black ink: multiply, as on paper
    sd = ImageDraw.Draw(seal)
    sd.ellipse((4 * dpi, 1.5 * dpi, 6 * dpi, 3.5 * dpi), outline=(220, 30, 30), width=14)
    sd.text((4.3 * dpi, 2.4 * dpi), "ỦY BAN NHÂN DÂN", fill=(220, 30, 30), font=font)
    return ImageChops.multiply(img, seal)


@pytest.fixture(scope="module")
def vn_font() -> str:
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    return "DejaVuSerif"


def _text_pdf(path: Path, font: str, pages: list[list[str]], **kw: object) -> Path:
    c = canvas.Canvas(str(path), **kw)
    for lines in pages:
        c.setFont(font, 12)
        y = 780
        for line in lines:
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory, page_image: Image.Image) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=(595.2, 841.9))
    for _ in range(2):
        c.drawImage(ImageReader(page_image), 0, 0, width=595.2, height=841.9)
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory, page_image: Image.Image, vn_font: str) -> Path:
    """Page 1 typed text; page 2 a scan whose only text layer is a signature stamp; junk before %PDF."""
    tmp = tmp_path_factory.mktemp("signed")
    inner = tmp / "inner.pdf"
    c = canvas.Canvas(str(inner), pagesize=(595.2, 841.9))
    c.setFont(vn_font, 12)
    for i, line in enumerate(
        ["TỜ TRÌNH đề nghị tặng Bằng khen", "Số: 15/TTr-UBND ngày 02 tháng 10 năm 2023"]
    ):
        c.drawString(72, 780 - 18 * i, line)
    c.showPage()
    c.drawImage(ImageReader(page_image), 0, 0, width=595.2, height=841.9)
    c.setFont(vn_font, 8)
    for i, line in enumerate(STAMP):
        c.drawString(400, 120 - 10 * i, line)
    c.showPage()
    c.save()
    path = tmp / "signed.pdf"
    path.write_bytes(b"X-Signature: v=1; alg=rsa\r\n\r\n" + inner.read_bytes())
    return path


@pytest.fixture
def dossier_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    d.add_paragraph("")  # empty: skipped
    d.add_paragraph("Họ và tên:   Nguyễn Thị Hoa")
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Năm"
    table.cell(0, 1).text = "Hình thức khen thưởng"
    table.cell(1, 0).text = "2022"
    table.cell(1, 1).text = "Chiến sĩ thi đua cơ sở"
    table.cell(1, 1).add_paragraph("Quyết định số 12/QĐ-UBND")
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Tổng cộng: 1 danh hiệu"
    p = d.add_paragraph("Trang một kết thúc")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("Trang hai bắt đầu")
    box = d.add_table(rows=1, cols=1)  # a one-cell layout frame: read as paragraphs
    box.cell(0, 0).text = "Khung dòng một"
    box.cell(0, 0).add_paragraph("Khung dòng hai")
    d.add_section(WD_SECTION.NEW_PAGE)
    d.add_paragraph("Phần ba")
    path = tmp_path / "ho_so.docx"
    d.save(str(path))
    return path


# -- docx ------------------------------------------------------------------------------------------


def test_docx_reading_order_tables_and_pages(dossier_docx: Path) -> None:
    result = read_file(dossier_docx)
    assert result.format == "docx"
    got = [(line.text, line.page, line.table) for line in result.lines]
    assert got == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, None),
        ("Họ và tên: Nguyễn Thị Hoa", 1, None),
        ("Năm | Hình thức khen thưởng", 1, 0),
        ("2022 | Chiến sĩ thi đua cơ sở Quyết định số 12/QĐ-UBND", 1, 0),
        ("Tổng cộng: 1 danh hiệu", 1, 0),
        ("Trang một kết thúc", 1, None),
        ("Trang hai bắt đầu", 2, None),
        ("Khung dòng một", 2, None),
        ("Khung dòng hai", 2, None),
        ("Phần ba", 3, None),
    ]
    assert result.pages == 3
    assert result.lines[3].cells == ("2022", "Chiến sĩ thi đua cơ sở Quyết định số 12/QĐ-UBND")
    # a cell merged across the two columns: its text once, then the column it covers, empty
    assert result.lines[4].cells == ("Tổng cộng: 1 danh hiệu", "")
    assert all(line.source == "docx" and line.confidence is None for line in result.lines)


def test_truncated_docx_is_corrupt(dossier_docx: Path, tmp_path: Path) -> None:
    data = dossier_docx.read_bytes()
    bad = tmp_path / "cut.docx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as err:
        read_file(bad)
    assert err.value.message and err.value.path == str(bad)


def test_docx_zip_bomb_refused(dossier_docx: Path, tmp_path: Path) -> None:
    with pytest.raises(TooLargeError):
        _docx.read_docx(dossier_docx, max_uncompressed=1000)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(dossier_docx) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/filler.bin", b"\0" * (4 * 2**20))
    with pytest.raises(TooLargeError):
        read_file(bomb)


def test_docx_page_limit(tmp_path: Path) -> None:
    d = docx.Document()
    for k in range(4):  # 3 explicit page breaks: 4 pages
        p = d.add_paragraph(f"Trang {k + 1}")
        if k < 3:
            p.add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path / "dai.docx"
    d.save(str(path))
    assert read_file(path, max_pages=4).pages == 4
    with pytest.raises(TooLargeError) as err:
        read_file(path, max_pages=2)
    assert "4 trang" in err.value.message and "2 trang" in err.value.message


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    d = docx.Document()
    for _ in range(3):
        d.add_paragraph("")
    d.add_paragraph("   ")
    path = tmp_path / "trong.docx"
    d.save(str(path))
    with pytest.raises(EmptyFileError) as err:
        read_file(path)
    assert "không có nội dung chữ" in err.value.message


# -- PDF -------------------------------------------------------------------------------------------


def test_text_pdf(tmp_path: Path, vn_font: str) -> None:
    path = _text_pdf(tmp_path / "a.pdf", vn_font, [PAGE_TEXT, ["Trang 2: Quyết định số 123/QĐ-UBND"]])
    result = read_file(path)
    assert result.format == "pdf-text"
    assert result.pages == 2
    assert [line.text for line in result.lines if line.page == 1] == PAGE_TEXT
    assert result.lines[-1].text == "Trang 2: Quyết định số 123/QĐ-UBND"
    assert result.lines[-1].page == 2
    assert result.ocr_pages == [] and result.ocr_confidence is None


def test_scanned_pdf_is_ocred_in_parallel(scanned_pdf: Path) -> None:
    result = read_file(scanned_pdf, ocr_jobs=2)
    assert result.format == "pdf-scanned"
    assert result.ocr_pages == [1, 2]
    for page in (1, 2):
        text = _folded_text([line for line in result.lines if line.page == page])
        assert "nguyen thi hoa" in text
        assert "hoan thanh xuat sac nhiem vu" in text
    assert all(line.source == "ocr" and 0 <= (line.confidence or -1) <= 1 for line in result.lines)
    assert result.ocr_confidence is not None and 0.7 < result.ocr_confidence <= 1
    assert result.ocr_seconds > 0


def test_signature_stamp_page_is_ocred(signed_pdf: Path) -> None:
    assert sniff_format(signed_pdf) == "pdf"
    result = read_file(signed_pdf)
    assert result.format == "pdf-scanned"
    assert result.ocr_pages == [2]
    page1 = [line for line in result.lines if line.page == 1]
    assert [line.source for line in page1] == ["pdf-text", "pdf-text"]
    assert page1[1].text == "Số: 15/TTr-UBND ngày 02 tháng 10 năm 2023"
    assert "nguyen thi hoa" in _folded_text([line for line in result.lines if line.page == 2])


def test_stamp_rules() -> None:
    assert _pdf.needs_ocr([])
    assert _pdf.needs_ocr(STAMP)
    assert not _pdf.needs_ocr(STAMP + PAGE_TEXT)
    assert not _pdf.needs_ocr(["Nguyễn Văn An"], has_images=False)
    assert _pdf.needs_ocr(["Nguyễn Văn An"], has_images=True)


def test_split_cells_words_and_characters() -> None:
    from extractors._table import split_cells

    # OCR words (always joined by a space): a gap over 1.5 heights starts a cell
    words = [("Họ", 100, 140, 30), ("và", 150, 180, 30), ("tên", 190, 240, 30), ("Lê", 300, 330, 30), ("Văn", 340, 400, 30)]
    assert split_cells(words) == (("Họ và tên", "Lê Văn"), (100, 300))
    assert split_cells(words, gap=2.5) == (("Họ và tên Lê Văn",), (100,))
    # text-layer characters: a space only across a gap, a blank piece never opens a cell
    chars = [("U", 10, 16, 10), ("B", 16, 22, 10), ("N", 24, 30, 10), (" ", 30, 33, 10), ("C", 60, 66, 10), ("Ộ", 66, 72, 10),
             (" ", 95, 97, 10)]
    assert split_cells(chars, space=0.15) == (("UB N", "CỘ"), (10, 60))
    assert split_cells([]) == ((), ())


def test_encrypted_pdf(tmp_path: Path, vn_font: str) -> None:
    path = _text_pdf(tmp_path / "enc.pdf", vn_font, [PAGE_TEXT], encrypt="bi-mat")
    with pytest.raises(EncryptedFileError) as err:
        read_file(path)
    assert "mật khẩu" in err.value.message


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nstream\x00\x01garbage")
    with pytest.raises(CorruptFileError) as err:
        read_file(path)
    assert err.value.message.strip()


def test_page_limit_before_work(tmp_path: Path, vn_font: str) -> None:
    path = _text_pdf(tmp_path / "long.pdf", vn_font, [["một"], ["hai"], ["ba"]])
    with pytest.raises(TooLargeError):
        read_file(path, max_pages=2)


def test_deadline(tmp_path: Path, vn_font: str) -> None:
    path = _text_pdf(tmp_path / "a.pdf", vn_font, [PAGE_TEXT])
    with pytest.raises(FileTimeoutError):
        read_file(path, deadline=time.monotonic() - 1)


# -- sniffing and legacy ---------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_file(path)


def test_png_named_docx(tmp_path: Path, page_image: Image.Image) -> None:
    path = tmp_path / "anh.docx"
    page_image.resize((100, 140)).save(path, format="PNG")
    with pytest.raises(UnsupportedFormatError) as err:
        read_file(path)
    assert "PNG" in err.value.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"), "doc-ole"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>", "doc-html"),
        ("<html><body><p>Họ và tên</p></body></html>".encode("utf-16"), "doc-html"),
        (b"garbage" * 10 + b"%PDF-1.4\n", "pdf"),
    ],
)
def test_sniff_by_content(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    assert sniff_format(path) == expected


def test_sniff_refuses_other_office_files(tmp_path: Path) -> None:
    xls = tmp_path / "bang.doc"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"))
    xlsx = tmp_path / "bang.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    for path, word in ((xls, "Excel"), (xlsx, "Excel")):
        with pytest.raises(UnsupportedFormatError) as err:
            sniff_format(path)
        assert word in err.value.message


def _cp1258(text: str) -> bytes:
    """windows-1258 as Word writes it: letters with ă/â/ê/ô/ơ/ư precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        out.append(base + "".join(c for c in nfd if c in tones))
    return "".join(out).encode("cp1258")


WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset={charset}">
<title>Báo cáo</title><style>p.MsoNormal {{margin:0}}</style></head>
<body lang=VI><div class=WordSection1>
<p class=MsoNormal><b>BÁO CÁO THÀNH TÍCH</b><o:p></o:p></p>
<p class=MsoNormal><![if !supportLists]>-&nbsp;<![endif]>Họ và tên: Nguyễn&nbsp;Thị Hoa<br>Giới tính: Nữ</p>
<table border=1><tr><td><p>Năm</p></td><td><p>Danh hiệu</p></td></tr>
<tr><td>2023</td><td><p>Chiến sĩ</p><p>thi đua cơ sở</p></td></tr></table>
<br clear=all style='page-break-before:always'>
<p>Trang hai</p></div></body></html>"""


@pytest.mark.parametrize(
    ("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1258", "cp1258"), ("unicode", "utf-16")]
)
def test_html_saved_as_doc(tmp_path: Path, charset: str, encoding: str) -> None:
    path = tmp_path / "bao_cao.doc"
    html = WORD_HTML.format(charset=charset)
    path.write_bytes(_cp1258(html) if encoding == "cp1258" else html.encode(encoding))
    result = read_file(path)
    assert result.format == "doc"
    assert [(line.text, line.page) for line in result.lines] == [
        ("BÁO CÁO THÀNH TÍCH", 1),
        ("- Họ và tên: Nguyễn Thị Hoa", 1),
        ("Giới tính: Nữ", 1),
        ("Năm | Danh hiệu", 1),
        ("2023 | Chiến sĩ thi đua cơ sở", 1),
        ("Trang hai", 2),
    ]
    assert result.lines[4].cells == ("2023", "Chiến sĩ thi đua cơ sở")
    assert result.pages == 2
