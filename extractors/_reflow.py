"""Join the lines a scan or a PDF wrapped back into the paragraph line the writer typed.

A .docx paragraph is one line; a PDF or a scan breaks the same paragraph wherever the page is full.
``Họ tên: Nguyễn Văn`` / ``Bình`` must read as one value, so a full-width line is joined with the
next one unless that one starts something new (a bullet, a number, a heading in capitals, a table
row). The joined line keeps the first line's page; its confidence is the mean of both.
"""

from __future__ import annotations

import re

from extractors._text import fold1, mostly_capitals
from extractors.lines import Line, union_bbox

_STARTS_NEW = re.compile(
    r"^\s*(?:[-–—•+*·]|\(?\d{1,2}[.)/]|\(?[a-zđ][.)]\s|[ivxlh]{1,4}[.)]\s)"
)
_LABEL_START = re.compile(r"^[^\W\d_][\w()/,]*(?: [\w()/,]+){0,5}\s?:\s")  # "Kính gửi: …" (capital first)
_YEAR_ITEM = re.compile(r"^\W*(?:N[ăaĂA][mM]\s*(?:học\s*)?)?\d{4}\b(?!,)")  # "Năm 2023: …", "2022 Lao động …"
_LABELLED = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?[^:]{2,60}:\s")
_WANTS_NUMBER = re.compile(r"\b(?:nam|ngay|thang|so)\s*$")
FULL_WIDTH = 0.8  # a line at least this share of the file's long lines reached the right margin


def _full_width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines if not ln.cells)
    if not lengths:
        return 10**6
    return int(FULL_WIDTH * lengths[int(0.9 * (len(lengths) - 1))])


def reflow(lines: list[Line]) -> list[Line]:
    """Wrapped lines joined; .docx lines (one per paragraph already) pass through unchanged."""
    if not lines or all(ln.source in ("docx", "doc") for ln in lines):
        return list(lines)
    limit = _full_width(lines)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.source in ("ocr", "pdf-text")
            and line.source == prev.source
            and line.page == prev.page
            and not prev.cells
            and not line.cells
            and not prev.text.rstrip().endswith((".", ";", "!", "?", "./."))
            and not _STARTS_NEW.match(fold1(line.text))
            # "… công nhận năm" / "2021.": a word that wants its number gets it from the next line
            and (not _YEAR_ITEM.match(line.text) or _WANTS_NUMBER.search(fold1(prev.text)) is not None)
            and not (line.text[:1].isupper() and _LABEL_START.match(line.text))
            and not mostly_capitals(line.text, min_letters=4)
            and not mostly_capitals(prev.text, min_letters=4)
            # a full line wrapped, or the next one goes on mid-sentence in lower case
            and ((len(prev.text) >= limit and not prev.text.rstrip().endswith(":")) or line.text[:1].islower())
            # after "Label: value", a capitalised line is a new sentence unless it is a name's end
            and not (_LABELLED.match(prev.text) and line.text[:1].isupper() and len(line.text.split()) > 3)
        ):
            conf = None
            if prev.confidence is not None and line.confidence is not None:
                conf = round((prev.confidence * len(prev.text) + line.confidence * len(line.text))
                             / (len(prev.text) + len(line.text)), 4)
            out[-1] = Line(text=f"{prev.text} {line.text}", page=prev.page, source=prev.source, confidence=conf,
                           bbox=union_bbox(prev.bbox, line.bbox))
            continue
        out.append(line)
    return out
