"""What the readers hand to the parsers: text lines in reading order, each with its provenance.

Every reader (docx, PDF text layer, OCR, legacy .doc / HTML) produces the same ``ReadResult`` so the
segmenter and the field parsers never know where a line came from. A table row stays one ``Line``
whose ``cells`` keep the cell texts; ``text`` is the cells joined by `` | ``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LineSource = Literal["docx", "doc", "pdf-text", "ocr"]


@dataclass(frozen=True)
class Line:
    text: str                      # NFC, single spaces, trimmed, never empty
    page: int                      # 1-based
    source: LineSource
    confidence: float | None = None  # OCR mean word confidence 0..1; None for text layers
    cells: tuple[str, ...] | None = None  # table row cells (docx tables); None for plain lines
    table: int | None = None       # index of the table in the file when the line is a table row
    cell_x: tuple[int, ...] | None = None  # OCR: left edge (pixels) of each cell, to align wrapped rows
    words: tuple[tuple[str, int], ...] | None = None  # OCR: each word with its left edge, to rebuild columns
    # where the line sits on its page, as fractions of the page (x0, y0, x1, y1; y down): the report
    # crops the words a value came from out of the archived original. OCR and PDF text layers only.
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page must be >= 1, got {self.page}")
        if self.confidence is not None and not 0 <= self.confidence <= 1:
            raise ValueError(f"confidence must be in 0..1, got {self.confidence}")
        if self.bbox is not None and not (0 <= self.bbox[0] <= self.bbox[2] <= 1 and 0 <= self.bbox[1] <= self.bbox[3] <= 1):
            raise ValueError(f"bbox must be page fractions x0 <= x1, y0 <= y1 in 0..1, got {self.bbox}")


Box = tuple[float, float, float, float]


def union_bbox(*boxes: Box | None) -> Box | None:
    """The box around every given box (lines joined into one); None when any is unknown."""
    if not boxes or any(b is None for b in boxes):
        return None
    known = [b for b in boxes if b is not None]
    return (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known))


def page_box(x0: float, y0: float, x1: float, y1: float, width: float, height: float) -> Box | None:
    """A box in page units as page fractions, clamped to the page; None for a page without size."""
    if width <= 0 or height <= 0:
        return None

    def clamp(v: float) -> float:
        return round(min(max(v, 0.0), 1.0), 5)

    return (clamp(x0 / width), clamp(y0 / height), clamp(max(x0, x1) / width), clamp(max(y0, y1) / height))


@dataclass
class ReadResult:
    """A whole file as lines, plus what ``source`` in the record needs."""

    format: Literal["docx", "doc", "pdf-text", "pdf-scanned"]
    pages: int
    lines: list[Line] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages that went through Tesseract
    ocr_confidence: float | None = None  # mean over OCRed words, 0..1; None when nothing was OCRed
    ocr_seconds: float = 0.0
