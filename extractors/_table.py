"""Rebuild the columns of a scanned table from word positions.

Tesseract reads a table row as one line, and where two cells nearly touch it cannot see the gap;
a cell that wraps puts its second line under the row. The rows that did split cleanly give the
columns' left edges, and every word of a row and of its wrapped lines goes to the column it sits in.
"""

from __future__ import annotations

import re

from extractors.lines import Line
from record.normalize import clean_text

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
TOLERANCE = 25  # pixels a left-aligned cell's text may start before its column's edge


def is_ordinal_row(line: Line) -> bool:
    first = line.words[0][0] if line.words else (line.cells[0] if line.cells else line.text.split(" ")[0])
    return bool(_ORDINAL.match(first))


def column_starts(rows: list[Line]) -> list[int] | None:
    """Left edges of the columns: those of the row that split into the most cells."""
    best = max((r for r in rows if r.cell_x and is_ordinal_row(r)), key=lambda r: len(r.cell_x or ()), default=None)
    if best is None or best.cell_x is None or len(best.cell_x) < 3:
        return None
    return list(best.cell_x)


def realign(row: Line, continuation: list[Line], starts: list[int]) -> tuple[str, ...]:
    """The row's cell texts, its wrapped lines appended under their columns."""
    cols: list[list[str]] = [[] for _ in starts]
    ordinal_first = is_ordinal_row(row)
    for n, line in enumerate([row, *continuation]):
        for m, (word, x) in enumerate(line.words or ()):
            k = max((i for i, s in enumerate(starts) if s <= x + TOLERANCE), default=0)
            if ordinal_first and not (n == 0 and m == 0):
                k = max(k, 1)  # the ordinal column holds the number alone; a border can widen a box
            cols[k].append(word)
    return tuple(clean_text(" ".join(c)) or "" for c in cols)
