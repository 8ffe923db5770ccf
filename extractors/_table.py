"""Table rows from positions: cells split at wide gaps (text layers, unruled scans), row numbers,
and file-wide table numbers that carry a table over a page break.

A ruled table on a scan gets its cells from ``_grid``; what reads any table's rows by header roles,
whatever the source, is ``_list_table``.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher

from extractors.lines import Line
from record.normalize import fold

COLUMN_GAP = 1.5  # a gap wider than this many text heights separates two columns (table cells)


def split_cells(
    items: list[tuple[str, float, float, float]], gap: float = COLUMN_GAP, *, space: float | None = None
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A line's cells and their left edges, from its pieces of text ``(text, x0, x1, height)`` in reading order.

    A two-column header or a table row drawn on one line leaves a gap much wider than a space where
    one cell ends and the next begins: wider than ``gap`` × the height of the piece after it, measured
    from the right edge of the last piece with ink. A cell never starts while the current one is blank.
    Pieces join with a space: always when ``space`` is None (OCR words), else only across a gap
    wider than ``space`` heights (text-layer characters, which carry their own spaces). Cell texts
    have single spaces; blank cells are dropped with their edges.
    """
    cells: list[str] = []
    xs: list[int] = []
    prev_x1: float | None = None
    for text, x0, x1, height in items:
        if not cells:
            cells, xs = [""], [int(x0)]
        elif prev_x1 is not None and x0 - prev_x1 > gap * height and cells[-1].strip():
            cells.append("")
            xs.append(int(x0))
        elif cells[-1] and not cells[-1].endswith(" ") and (
            space is None or prev_x1 is not None and x0 - prev_x1 > space * height
        ):
            cells[-1] += " "
        cells[-1] += text
        if text.strip():
            prev_x1 = x1
    kept = [(" ".join(c.split()), x) for c, x in zip(cells, xs, strict=True) if c.strip()]
    return tuple(c for c, _ in kept), tuple(x for _, x in kept)


_ORDINAL = re.compile(r"^\W*(\d{1,3}|[ivx]{1,4})\W*$", re.IGNORECASE)


def is_ordinal_text(text: str) -> bool:
    """A row number alone: ``1``, ``2.``, ``(3)``, ``II``."""
    return bool(_ORDINAL.match(text))


EDGE_TOLERANCE = 0.04  # column edges of a table's two parts may differ by this share of its width
GAP_LINES = 2          # short lines (a page number, a running head) allowed between a table's two parts
SHORT_LINE = 40


def number_tables(pages: list[list[Line]]) -> list[Line]:
    """The lines of all pages, each table row numbered file-wide; a table split over pages joined.

    Readers number the tables of one page; a table running on from the previous page keeps that
    table's number when it has the same columns (count, and left edges where the reader knows
    them), the first part ended its page and the second opens its page (short lines such as a page
    number may stand between), and its first row is no new header. A header repeated over the
    second part (Word's "repeat header row") is dropped: the table already has it.
    """
    out: list[Line] = []
    count = 0
    last: tuple[int, Line, Line, int] | None = None  # (number, first row, last row, lines after it)
    for lines in pages:
        numbers: dict[int, int] = {}
        for line in lines:
            if line.table is None:
                out.append(line)
                if last is not None:
                    long_line = len(line.text) > SHORT_LINE
                    last = (last[0], last[1], last[2], last[3] + (GAP_LINES + 1 if long_line else 1))
                continue
            if line.table not in numbers:
                opens = not numbers  # the page's first table
                if opens and last is not None and last[3] <= GAP_LINES and _runs_on(last[1], last[2], line):
                    numbers[line.table] = last[0]
                    if _same_row(last[1], line):
                        last = (last[0], last[1], last[2], 0)
                        continue  # the header repeated on the new page
                else:
                    numbers[line.table] = count
                    count += 1
            number = numbers[line.table]
            out.append(dataclasses.replace(line, table=number))
            first = last[1] if last is not None and last[0] == number else line
            last = (number, first, line, 0)
    return out


def _runs_on(first: Line, last: Line, row: Line) -> bool:
    """Does ``row``, opening a page, go on with the table whose first and last rows are given?"""
    if not (first.cells and row.cells and len(row.cells) == len(last.cells or ())):
        return False
    if last.cell_x and row.cell_x and len(last.cell_x) == len(row.cell_x):
        width = max(max(last.cell_x) - min(last.cell_x), 1)
        if any(abs(a - b) > EDGE_TOLERANCE * width + 10 for a, b in zip(last.cell_x, row.cell_x, strict=True)):
            return False
    return _same_row(first, row) or any(ch.isdigit() for ch in row.text)


def _same_row(a: Line, b: Line) -> bool:
    """The same row text, as OCR may give it twice (case, accents and spacing aside)."""
    fa, fb = fold(a.text).replace(" ", ""), fold(b.text).replace(" ", "")
    return bool(fa) and SequenceMatcher(None, fa, fb).ratio() >= 0.85
