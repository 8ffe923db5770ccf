"""File -> lines: sniff the format by content, run the matching reader, normalise text once.

This is the edge of the extractors stage: every reader hands back raw text, and only here does it go
through ``record.normalize.clean_text`` so no line is normalised
twice and no reader can forget to.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from extractors import _docx, _legacy, _pdf
from extractors._sniff import sniff_format
from extractors.lines import Line, ReadResult
from record.errors import EmptyFileError, FileTimeoutError, TooLargeError
from record.normalize import clean_text

log = logging.getLogger(__name__)


def read_file(
    path: Path,
    *,
    max_pages: int = 100,
    ocr_jobs: int = 1,
    deadline: float | None = None,
) -> ReadResult:
    """Read one dossier file into normalised lines in reading order.

    ``deadline`` is a ``time.monotonic()`` instant; it is checked between pages and caps each OCR
    call, so one slow file cannot hold the batch (``FileTimeoutError``). Every failure is a
    ``record.errors.TdktError`` subclass that names the file.
    """
    path = Path(path)
    if deadline is not None and time.monotonic() > deadline:
        raise FileTimeoutError("hết thời gian xử lý trước khi đọc tệp", path=path)
    kind = sniff_format(path)
    log.debug("%s: sniffed as %s", path.name, kind)
    if kind == "docx":
        d = _docx.read_docx(path)
        result = ReadResult(format="docx", pages=d.pages, lines=_normalise(d.lines))
    elif kind in ("doc-html", "doc-ole"):
        legacy = _legacy.read_html_doc(path) if kind == "doc-html" else _legacy.read_ole_doc(path)
        result = ReadResult(format="doc", pages=legacy.pages, lines=_normalise(legacy.lines))
    else:
        pdf = _pdf.read_pdf(path, max_pages=max_pages, ocr_jobs=ocr_jobs, deadline=deadline)
        lines = _normalise(pdf.lines)
        confs = [line.confidence for line in lines if line.source == "ocr" and line.confidence is not None]
        result = ReadResult(
            format="pdf-scanned" if pdf.ocr_pages else "pdf-text",
            pages=pdf.pages,
            lines=lines,
            ocr_pages=pdf.ocr_pages,
            ocr_confidence=round(sum(confs) / len(confs), 4) if confs else None,
            ocr_seconds=round(pdf.ocr_seconds, 3),
        )
    _check(result, path, max_pages)
    return result


_LABELS = {"docx": ".docx", "doc": ".doc", "pdf-text": "PDF", "pdf-scanned": "PDF"}


def _check(result: ReadResult, path: Path, max_pages: int) -> None:
    """The same limits whatever the reader: the page count, and some text left after normalising.

    The PDF reader refuses a long file before any work; Word files only know their pages once read.
    """
    if result.pages > max_pages:
        raise TooLargeError(
            f"tệp {_LABELS[result.format]} có {result.pages} trang, vượt giới hạn {max_pages} trang",
            path=path,
        )
    if not result.lines:
        raise EmptyFileError(
            f"tệp không có nội dung chữ nào ({result.pages} trang, không còn dòng chữ nào sau khi chuẩn hóa);"
            " hãy kiểm tra lại tệp hồ sơ",
            path=path,
        )

def _normalise(raw: list[Line]) -> list[Line]:
    """clean_text on every line and cell; drop lines left empty."""
    out: list[Line] = []
    for line in raw:
        if line.cells is not None:
            cells = tuple(clean_text(c) or "" for c in line.cells)
            joined = clean_text(" | ".join(c for c in cells if c))  # the text shows the filled cells
            if not any(cells) or joined is None:
                continue
            out.append(dataclasses.replace(line, text=joined, cells=cells))
            continue
        text = clean_text(line.text)
        if text:
            out.append(dataclasses.replace(line, text=text))
    return out
