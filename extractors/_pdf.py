"""Read a PDF: the text layer where there is one, Tesseract where there is not.

The only module that touches pdfplumber/pdfminer and pypdfium2, so their exceptions are translated
here. A page is OCRed when its text layer is empty, tiny, or only the stamp a digital-signature tool
writes over a scan (``Ký bởi: …``, ``Thời gian ký: …``): such a page holds no text of its own.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import yaml
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from extractors import _ocr
from extractors._table import number_tables, split_cells
from extractors.lines import Box, Line, page_box
from record.datafile import load_model, read_yaml
from record.errors import (
    CorruptFileError,
    DataFileError,
    EncryptedFileError,
    FileTimeoutError,
    TooLargeError,
)
from record.normalize import fold

log = logging.getLogger(__name__)

DPI = 300
NATIVE_DPI = (200, 400)  # a full-page scan inside this range is OCRed at its own resolution
STAMP_FILE = Path(__file__).resolve().parent.parent / "data" / "labels" / "signature_stamp.yaml"
RENDER_FILE = Path(__file__).resolve().parent.parent / "data" / "limits" / "render.yaml"

# What pdfminer raises on a damaged file besides its own exceptions (it indexes and unpacks blindly).
_PDFMINER_ERRORS = (
    PdfminerException,
    PSException,
    PDFSyntaxError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    struct.error,
    zlib.error,
    RecursionError,
)


@dataclass
class RawPdf:
    lines: list[Line]
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    ocr_seconds: float = 0.0


@dataclass(frozen=True)
class StampRules:
    patterns: tuple[re.Pattern[str], ...]
    min_text_chars: int


@lru_cache(maxsize=1)
def stamp_rules(path: Path = STAMP_FILE) -> StampRules:
    """Load the signature-stamp line patterns; a malformed file stops the run instead of being skipped."""
    try:
        raw: Any = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"không đọc được tệp mẫu chữ ký số: {exc}", path=path) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("patterns"), list):
        raise DataFileError("thiếu khóa 'patterns' (danh sách biểu thức chính quy)", path=path)
    min_chars = raw.get("min_text_chars", 40)
    if not isinstance(min_chars, int) or min_chars < 0:
        raise DataFileError("'min_text_chars' phải là số nguyên không âm", path=path)
    try:
        patterns = tuple(re.compile(str(p)) for p in raw["patterns"])
    except re.error as exc:
        raise DataFileError(f"biểu thức trong 'patterns' sai: {exc}", path=path) from exc
    return StampRules(patterns=patterns, min_text_chars=min_chars)


@dataclass(frozen=True)
class RenderBudget:
    max_pixels: int
    min_dpi: int


class _RenderLimits(BaseModel):
    """``data/limits/render.yaml`` as written."""

    model_config = ConfigDict(extra="forbid")

    max_megapixels: float = Field(gt=0)
    min_dpi: int = Field(gt=0)


@lru_cache(maxsize=1)
def render_budget(path: Path = RENDER_FILE) -> RenderBudget:
    """The pixel budget of one rendered page (``data/limits/render.yaml``); malformed stops the run."""
    limits = load_model(path, _RenderLimits, "tệp giới hạn dựng ảnh trang")
    return RenderBudget(max_pixels=int(limits.max_megapixels * 1_000_000), min_dpi=limits.min_dpi)


def page_dpi(width_pt: float, height_pt: float, dpi: int, path: Path, page: int,
             budget: RenderBudget | None = None) -> float:
    """The resolution a page is rendered at: ``dpi``, or lower so it fits the pixel budget.

    A page that would need less than the budget's ``min_dpi`` is refused (``TooLargeError``): it is
    no paper form, and rendering it would take gigabytes.
    """
    budget = budget or render_budget()
    area_in2 = max(width_pt, 1.0) * max(height_pt, 1.0) / (72 * 72)
    if area_in2 * dpi * dpi <= budget.max_pixels:
        return float(dpi)
    fit = (budget.max_pixels / area_in2) ** 0.5
    if fit < budget.min_dpi:
        raise TooLargeError(
            f"trang {page} khổ {width_pt / 72 * 2.54:.0f} × {height_pt / 72 * 2.54:.0f} cm, quá lớn để "
            f"nhận dạng (cần dưới {budget.max_pixels / 1e6:.0f} megapixel ở {budget.min_dpi} dpi); "
            "hãy gửi bản quét khổ giấy thường (A4)",
            path=path,
        )
    log.info("%s: page %d rendered at %.0f dpi to fit %d megapixels", path.name, page, fit,
             budget.max_pixels // 1_000_000)
    return fit


def needs_ocr(texts: list[str], has_images: bool = True, rules: StampRules | None = None) -> bool:
    """True when a page's text layer is empty, tiny, or only a digital-signature stamp.

    A short text page without any image (a last page holding just a signature name) keeps its text
    layer: there is nothing more for Tesseract to find there.
    """
    rules = rules or stamp_rules()
    own = sum(len(t.strip()) for t in texts if not any(p.search(fold(t)) for p in rules.patterns))
    if own >= rules.min_text_chars:
        return False
    return has_images or own == 0


def pdf_bytes(path: Path) -> bytes:
    """The file from ``%PDF`` on: signing tools and mail gateways sometimes prepend bytes."""
    data = path.read_bytes()
    start = data.find(b"%PDF", 0, 1024)
    return data[start:] if start > 0 else data


def read_pdf(
    path: Path,
    *,
    max_pages: int = 100,
    ocr_jobs: int = 1,
    deadline: float | None = None,
    dpi: int = DPI,
) -> RawPdf:
    """Lines of every page (text not yet normalised), OCRing the pages that have no text of their own."""
    data = pdf_bytes(path)
    rules = stamp_rules()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except _PDFMINER_ERRORS as exc:
        raise _translate(exc, path) from exc
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except _PDFMINER_ERRORS as exc:
            raise _translate(exc, path) from exc
        if n_pages == 0:
            raise CorruptFileError("tệp PDF không có trang nào", path=path)
        if n_pages > max_pages:
            raise TooLargeError(f"tệp PDF có {n_pages} trang, vượt giới hạn {max_pages} trang", path=path)
        by_page: dict[int, list[Line]] = {}
        to_ocr: list[int] = []
        for number, page in enumerate(pdf.pages, start=1):
            _check_deadline(deadline, path, number)
            tables: list[tuple[tuple[float, float, float, float], list[list[str | None]], list[Any]]] = []
            frame = (page.bbox[0], page.bbox[1], page.width, page.height)  # the page's origin and size
            try:
                # text drawn twice, slightly offset, is how many writers make bold: read it once
                text_page = page.dedupe_chars()
                text_lines = text_page.extract_text_lines(return_chars=True)
                texts = [d["text"] for d in text_lines]
                has_images = bool(page.images)
                if not needs_ocr(texts, has_images, rules):
                    tables = [(t.bbox, t.extract(), [row.bbox for row in t.rows]) for t in text_page.find_tables()]
            except _PDFMINER_ERRORS as exc:  # a damaged content stream: the rendered page may still read
                log.warning("%s: text layer of page %d unreadable (%s); OCR instead", path.name, number, exc)
                texts, has_images = [], True
            finally:
                page.close()
            if needs_ocr(texts, has_images, rules):
                to_ocr.append(number)
            else:
                by_page[number] = _with_tables(text_lines, tables, number, table_base=len(
                    {ln.table for lines in by_page.values() for ln in lines if ln.table is not None}), frame=frame)
    ocr_seconds = 0.0
    if to_ocr:
        started = time.monotonic()
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"không dựng được ảnh trang PDF để OCR ({exc})", path=path) from exc
        try:
            results = _ocr.ocr_images(
                _page_images(doc, to_ocr, dpi, deadline, path), ocr_jobs, pages=to_ocr, deadline=deadline
            )
        finally:
            doc.close()
        ocr_seconds = time.monotonic() - started
        for number, lines in zip(to_ocr, results, strict=True):
            by_page[number] = lines
        log.info("%s: OCR of %d page(s) took %.1f s", path.name, len(to_ocr), ocr_seconds)
    lines = number_tables([by_page[number] for number in sorted(by_page)])
    return RawPdf(lines=lines, pages=n_pages, ocr_pages=to_ocr, ocr_seconds=ocr_seconds)


def _box(x0: float, top: float, x1: float, bottom: float, frame: tuple[float, float, float, float] | None) -> Box | None:
    """A box in PDF points (top-down) as fractions of the page ``frame`` (x, y, width, height)."""
    if frame is None:
        return None
    return page_box(x0 - frame[0], top - frame[1], x1 - frame[0], bottom - frame[1], frame[2], frame[3])


def _text_line(d: dict, page: int, frame: tuple[float, float, float, float] | None = None) -> Line:
    """One text-layer line; a wide gap between characters splits it into cells, as in ``_ocr``.

    A PDF made from a Word table or a two-column header draws the columns side by side on one
    line; keeping them apart lets the parsers read table rows and header blocks as such.
    """
    chars = [c for c in d.get("chars", []) if c.get("text", "").strip() or c.get("text") == " "]
    bbox = _box(d["x0"], d["top"], d["x1"], d["bottom"], frame) if "x0" in d and "top" in d else None
    if not chars:
        return Line(text=d["text"], page=page, source="pdf-text", cell_x=(int(d.get("x0", 0)),), bbox=bbox)
    parts, xs = split_cells(
        [(c["text"], c["x0"], c["x1"], float(c.get("size") or (c["bottom"] - c["top"]) or 10)) for c in chars],
        space=0.15,
    )
    if len(parts) <= 1:
        return Line(text=d["text"], page=page, source="pdf-text", cell_x=(int(chars[0]["x0"]),), bbox=bbox)
    return Line(text=" | ".join(parts), page=page, source="pdf-text", cells=parts, cell_x=tuple(xs), bbox=bbox)


def _with_tables(text_lines: list[dict], tables: list, page: int, table_base: int,
                 frame: tuple[float, float, float, float] | None = None) -> list[Line]:
    """Text lines, with the lines inside a ruled table replaced by the table's rows and cells.

    A PDF made from Word keeps its table borders; pdfplumber's table finder then gives the cells
    exactly, where a wrapped cell would otherwise spill over two text lines.
    """
    out: list[tuple[float, int, Line]] = []
    for k, (bbox, rows, row_boxes) in enumerate(tables):
        for r, row in enumerate(rows):
            cells = tuple(" ".join((c or "").split()) for c in row)
            if any(cells):
                rb = row_boxes[r] if r < len(row_boxes) else bbox
                line = Line(text=" | ".join(cells), page=page, source="pdf-text", cells=cells, table=table_base + k,
                            bbox=_box(rb[0], rb[1], rb[2], rb[3], frame))
                out.append((bbox[1], r, line))
    for d in text_lines:
        mid = (d["top"] + d["bottom"]) / 2
        if any(b[1] <= mid <= b[3] and b[0] - 2 <= d["x0"] and d["x1"] <= b[2] + 2 for b, _, _ in tables):
            continue
        out.append((d["top"], 0, _text_line(d, page, frame)))
    out.sort(key=lambda t: (t[0], t[1]))
    return [line for _, _, line in out]


def _check_deadline(deadline: float | None, path: Path, page: int) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise FileTimeoutError(f"hết thời gian xử lý tệp khi đến trang {page}", path=path)


def _translate(exc: BaseException, path: Path) -> Exception:
    """pdfminer's failure -> our error, never with an empty message."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedFileError("tệp PDF có mật khẩu (mã hóa); hãy gửi bản không đặt mật khẩu", path=path)
    detail = str(inner).strip() or type(inner).__name__
    return CorruptFileError(f"tệp PDF bị hỏng, không đọc được ({detail}); hãy xuất lại tệp PDF", path=path)


def _page_images(
    doc: pdfium.PdfDocument, numbers: list[int], dpi: int, deadline: float | None, path: Path
) -> Iterator[Image.Image]:
    """Page images for Tesseract, produced lazily so rendering overlaps with OCR."""
    for number in numbers:
        _check_deadline(deadline, path, number)
        page = doc[number - 1]
        try:
            width, height = page.get_size()
            page_res = page_dpi(width, height, dpi, path, number)  # before anything is decoded
            image = _native_scan(page)
            if image is None:
                image = page.render(scale=page_res / 72).to_pil()
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"không dựng được ảnh trang {number} ({exc})", path=path) from exc
        finally:
            page.close()
        yield image


def _native_scan(page: pdfium.PdfPage) -> Image.Image | None:
    """The page's own scan when the page is one upright full-page image at a sane resolution.

    Decoding the embedded image skips pdfium's rasterising and resampling (~0.05 s a page); anything
    unusual (several images, rotation, a crop, odd resolution) goes through ``render`` instead.
    """
    images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    if len(images) != 1:
        return None
    obj = images[0]
    width, height = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    if (right - left) < 0.97 * width or (top - bottom) < 0.97 * height:
        return None
    matrix = obj.get_matrix().get()
    if abs(matrix[1]) > 1e-6 or abs(matrix[2]) > 1e-6 or matrix[0] <= 0 or matrix[3] <= 0:
        return None  # rotated or mirrored
    px_w, px_h = obj.get_px_size()
    if px_w * px_h > render_budget().max_pixels:  # render it within the budget instead
        return None
    dpi = px_w / (width / 72)
    if not NATIVE_DPI[0] <= dpi <= NATIVE_DPI[1] or abs(px_h / (height / 72) - dpi) > 0.05 * dpi:
        return None
    image = obj.get_bitmap(render=False).to_pil()
    if image.size != (px_w, px_h) or image.mode not in ("L", "RGB", "RGBA", "1"):
        return None
    return image
