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

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page must be >= 1, got {self.page}")
        if self.confidence is not None and not 0 <= self.confidence <= 1:
            raise ValueError(f"confidence must be in 0..1, got {self.confidence}")


@dataclass
class ReadResult:
    """A whole file as lines, plus what ``source`` in the record needs."""

    format: Literal["docx", "doc", "pdf-text", "pdf-scanned"]
    pages: int
    lines: list[Line] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages that went through Tesseract
    ocr_confidence: float | None = None  # mean over OCRed words, 0..1; None when nothing was OCRed
    ocr_seconds: float = 0.0
