"""Rebuild the columns of a scanned table from word positions.

Tesseract reads a table row as one line, and where two cells nearly touch it cannot see the gap;
a cell that wraps puts its second line under the row. The rows that did split cleanly give the
columns' left edges, and every word of a row and of its wrapped lines goes to the column it sits in.
"""

from __future__ import annotations

import re

from extractors.lines import Line
from record.normalize import clean_text

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
