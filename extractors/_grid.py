"""Ruled tables on a page image: the grid of cells, found from the table's rules with OpenCV.

Why: Tesseract reads a table row as one line and cannot see where one cell ends and the next
begins when they nearly touch, and a wrapped cell puts its second line under the row. The rules a
table is drawn with say both exactly. This module finds them on the greyscale page image before
Tesseract reads it, for ~20 ms a page (Tesseract spends ~1 s of CPU on it), and gives the grid;
``erase_rules`` paints the rules over for Tesseract, and ``_ocr`` drops the words of its one
reading into the grid's cells (the page is never OCRed twice).

How, and why so:

* The page is binarised with an adaptive threshold: a photocopy's grey ground and dark edges stay
  background, only strokes are ink.
* Morphological opening with a long thin kernel keeps horizontal (or vertical) runs of ink longer
  than any letter: the rules. The ink is first thickened across the rule a little, so a rule on a
  page scanned 2° askew is still one long run.
* Each rule is fitted as a straight line. The page's skew is the median slope of its long
  horizontal rules, and every coordinate (rules and word boxes) is turned by it: the grid is built
  in that deskewed frame, so the image itself is never rotated (no deskew cost, Tesseract reads the
  page as scanned).
* Rules that cross each other make one table. Its row edges are the horizontal rules' positions,
  its column edges the vertical ones'. Where a rule is missing between two cells (a merged cell, a
  heading over two columns), those cells are one: its text is placed in the top-left one and the
  others stay empty, as pdfplumber and Word give merged cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

# One process per core already fills the machine (the Tesseract slots); OpenCV's own thread pool
# would only oversubscribe it.
cv2.setNumThreads(1)

A4_WIDTH_300DPI = 2480  # sizes below are for a 300 DPI A4 page and scale with the image width
DETECT_WIDTH = 1240     # rules are looked for on the page at this width (150 DPI for A4)
MIN_RULE = 110          # a horizontal rule is at least this long (a letter's stroke is far shorter)
MIN_VRULE = 45          # a vertical rule within one text-line row is this short
OPEN_H = 60             # opening kernel lengths: longer than any letter stroke
OPEN_V = 40
MERGE_TOL = 12          # rules within this distance are one edge (a double border, a thick rule)
MIN_BAND = 24           # a row narrower than this is the gap of a double rule, not a row
MIN_COLUMN = 40         # likewise for a column
MAX_SKEW = math.radians(5)
COVER = 0.5             # a rule counts between two cells when it covers this share of their edge


@dataclass(frozen=True)
class Rule:
    """A ruling line in the deskewed frame: ``pos`` across it, ``start``..``end`` along it."""

    pos: float
    start: float
    end: float
    outline: np.ndarray | None = field(default=None, compare=False, repr=False)  # on the detection image


@dataclass
class Grid:
    """One ruled table: row and column edges in the deskewed frame, and which cells are merged."""

    rows: list[float]
    cols: list[float]
    owner: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list, repr=False)  # what draws it, to erase before OCR

    @property
    def top(self) -> float:
        return self.rows[0]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows) - 1, len(self.cols) - 1

    def locate(self, x: float, y: float, slack: float = 0.0) -> tuple[int, int] | None:
        """The (row, column) of the cell that owns the deskewed point, or None when outside."""
        if not (self.rows[0] - slack <= y <= self.rows[-1] + slack and self.cols[0] - slack <= x <= self.cols[-1] + slack):
            return None
        r = min(max(int(np.searchsorted(self.rows, y)) - 1, 0), len(self.rows) - 2)
        c = min(max(int(np.searchsorted(self.cols, x)) - 1, 0), len(self.cols) - 2)
        return self.owner.get((r, c), (r, c))


@dataclass
class PageGrids:
    """The tables of a page and the skew angle (radians) of its deskewed frame."""

    angle: float
    grids: list[Grid]
    factor: float = 1.0  # page pixels per pixel of the image the rules were found on

    def deskew(self, x: float, y: float) -> tuple[float, float]:
        """A page point in the deskewed frame."""
        c, s = math.cos(self.angle), math.sin(self.angle)
        return x * c + y * s, -x * s + y * c

    def upright(self, x: float, y: float) -> tuple[float, float]:
        """A deskewed point back on the page."""
        c, s = math.cos(self.angle), math.sin(self.angle)
        return x * c - y * s, x * s + y * c


def find_grids(gray: np.ndarray) -> PageGrids:
    """The ruled tables of a greyscale page image (uint8, ink dark), in reading order.

    Rules are found on the page halved when it is larger than ~150 DPI: they are long, thick
    structures that survive it, and it makes the pass about four times cheaper.
    """
    width = gray.shape[1]
    while gray.shape[1] > DETECT_WIDTH * 1.4:
        gray = cv2.pyrDown(gray)  # blur and halve: a thin rule turns grey, not lost (~2 ms)
    factor = width / gray.shape[1]
    scale = gray.shape[1] / A4_WIDTH_300DPI
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _odd(31 * scale), 15)
    h_segments = _segments(ink, horizontal=True, scale=scale)
    if len(h_segments) < 2:
        return PageGrids(angle=0.0, grids=[])  # no two rules: no table (most pages stop here)
    v_segments = _segments(ink, horizontal=False, scale=scale)
    long_h = [(seg[1] - seg[0], seg[3]) for seg in h_segments if seg[1] - seg[0] > 3 * MIN_RULE * scale]
    angle = math.atan(_weighted_median(long_h)) if long_h else 0.0
    if abs(angle) > MAX_SKEW:
        angle = 0.0
    page = PageGrids(angle=angle, grids=[], factor=factor)
    h_rules = [_rule(page, *(v * factor for v in seg[:3]), seg[3], seg[4], horizontal=True) for seg in h_segments]
    v_rules = [_rule(page, *(v * factor for v in seg[:3]), seg[3], seg[4], horizontal=False) for seg in v_segments]
    scale *= factor
    tol = MERGE_TOL * scale
    for hs, vs in _tables(h_rules, v_rules, tol):
        grid = _grid(hs, vs, tol, scale)
        if grid is not None:
            page.grids.append(grid)
    page.grids.sort(key=lambda g: g.top)
    return page


def _odd(v: float) -> int:
    n = max(3, int(v))
    return n if n % 2 else n + 1


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    pairs = sorted(pairs, key=lambda p: p[1])
    half, acc = sum(w for w, _ in pairs) / 2, 0.0
    for w, v in pairs:
        acc += w
        if acc >= half:
            return v
    return pairs[-1][1]


def _segments(ink: np.ndarray, *, horizontal: bool, scale: float) -> list[tuple[float, float, float, float, np.ndarray]]:
    """Straight runs of ink along one direction: (start, end, position at the middle, slope, outline).

    For horizontal runs start/end are x and the position is y (slope dy/dx); for vertical runs the
    other way round.
    """
    if horizontal:
        thick = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, int(OPEN_H * scale)), 1))
        minimum = MIN_RULE * scale
    else:
        thick = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(10, int(OPEN_V * scale))))
        minimum = MIN_VRULE * scale
    mask = cv2.morphologyEx(thick, cv2.MORPH_OPEN, kernel)
    # bridge small breaks (a faint stretch of toner) along the rule
    bridge = (max(3, int(15 * scale)), 1) if horizontal else (1, max(3, int(15 * scale)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
    # outlines, not labelled pixels: ~0.5 ms where connected-component labelling costs ~15 ms
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out: list[tuple[float, float, float, float, np.ndarray]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        length, across = (w, h) if horizontal else (h, w)
        if length < minimum or across > max(length * 0.2, 8 * scale):
            continue  # a short stroke, or a blob (a seal, a signature) rather than a rule
        vx, vy, cx, cy = (float(v) for v in cv2.fitLine(contour, cv2.DIST_L2, 0, 0.01, 0.01).ravel())
        if horizontal:
            slope = vy / vx if abs(vx) > 1e-6 else 0.0
            lo, hi = float(x), float(x + w - 1)
            mid = cy + slope * ((lo + hi) / 2 - cx)
        else:
            slope = vx / vy if abs(vy) > 1e-6 else 0.0
            lo, hi = float(y), float(y + h - 1)
            mid = cx + slope * ((lo + hi) / 2 - cy)
        out.append((lo, hi, mid, slope, contour))
    return out


def _rule(page: PageGrids, lo: float, hi: float, mid: float, slope: float, outline: np.ndarray, *,
          horizontal: bool) -> Rule:
    """A fitted segment in the deskewed frame: its two ends turned by the page's skew."""
    centre = (lo + hi) / 2
    a_pos, b_pos = mid + slope * (lo - centre), mid + slope * (hi - centre)
    if horizontal:
        (a, pa), (b, pb) = page.deskew(lo, a_pos), page.deskew(hi, b_pos)
    else:
        (pa, a), (pb, b) = page.deskew(a_pos, lo), page.deskew(b_pos, hi)
    return Rule(pos=(pa + pb) / 2, start=min(a, b), end=max(a, b), outline=outline)


def _tables(h_rules: list[Rule], v_rules: list[Rule], tol: float) -> list[tuple[list[Rule], list[Rule]]]:
    """Rules grouped into tables: horizontal and vertical rules that cross or touch are one table."""
    n = len(h_rules)
    parent = list(range(n + len(v_rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(h_rules):
        for j, v in enumerate(v_rules):
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                parent[find(i)] = find(n + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(h_rules):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(v_rules):
        groups.setdefault(find(n + j), ([], []))[1].append(v)
    return [(hs, vs) for hs, vs in groups.values() if len(hs) >= 2 and vs]


def _edges(positions: list[float], tol: float, min_gap: float) -> list[float]:
    """Rule positions clustered into edges; edges closer than ``min_gap`` are one."""
    edges: list[list[float]] = []
    for p in sorted(positions):
        if edges and p - edges[-1][-1] <= max(tol, 0):
            edges[-1].append(p)
        else:
            edges.append([p])
    merged: list[float] = []
    for cluster in edges:
        mean = sum(cluster) / len(cluster)
        if merged and mean - merged[-1] < min_gap:
            merged[-1] = (merged[-1] + mean) / 2
        else:
            merged.append(mean)
    return merged


def _covered(rules: list[Rule], pos: float, lo: float, hi: float, tol: float) -> bool:
    """Do rules at ``pos`` cover at least ``COVER`` of the span lo..hi?"""
    if hi <= lo:
        return True
    spans = sorted((max(r.start, lo), min(r.end, hi)) for r in rules if abs(r.pos - pos) <= 2 * tol)
    covered, reach = 0.0, lo
    for a, b in spans:
        if b <= reach:
            continue
        covered += b - max(a, reach)
        reach = b
    return covered >= COVER * (hi - lo)


def _grid(hs: list[Rule], vs: list[Rule], tol: float, scale: float) -> Grid | None:
    """The grid of one table's rules, or None when they do not make at least two rows or columns."""
    left = min(min(h.start for h in hs), min(v.pos for v in vs))
    right = max(max(h.end for h in hs), max(v.pos for v in vs))
    rows = _edges([h.pos for h in hs], tol, MIN_BAND * scale)
    cols = _edges([v.pos for v in vs] + [left, right], tol, MIN_COLUMN * scale)
    if len(rows) < 2 or len(cols) < 3:
        return None  # a box or an underline, not a table of at least two columns
    # an edge no rule draws along any cell (a stroke of a letter, a rule of another table that
    # touches this one) is no edge
    cols = [x for k, x in enumerate(cols) if k in (0, len(cols) - 1)
            or any(_covered(vs, x, rows[r], rows[r + 1], tol) for r in range(len(rows) - 1))]
    rows = [y for k, y in enumerate(rows) if k in (0, len(rows) - 1)
            or any(_covered(hs, y, cols[c], cols[c + 1], tol) for c in range(len(cols) - 1))]
    if len(cols) < 3:
        return None
    n_rows, n_cols = len(rows) - 1, len(cols) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(1, n_cols):
            if not _covered(vs, cols[c], rows[r], rows[r + 1], tol):
                union((r, c - 1), (r, c))
    for r in range(1, n_rows):
        for c in range(n_cols):
            if not _covered(hs, rows[r], cols[c], cols[c + 1], tol):
                union((r - 1, c), (r, c))
    return Grid(rows=rows, cols=cols, owner={cell: find(cell) for cell in parent}, rules=[*hs, *vs])


def erase_rules(gray: np.ndarray, page: PageGrids) -> np.ndarray:
    """The page with its tables' rules painted over in the paper's tone: what Tesseract should read.

    Tesseract glues a rule to the word that touches it (``|Chiến``), or reads a row crossed by rules
    as noise and drops its short cells (``1``, ``9/9``). The grid already says where the cells
    are, so the rules have nothing left to tell it. Only the rules of found tables go (their
    outlines, a pixel wider), never a letter's stroke: the rest of the page is left as scanned.
    """
    rules = [r for g in page.grids for r in g.rules if r.outline is not None]
    if not rules:
        return gray
    small = (round(gray.shape[1] / page.factor), round(gray.shape[0] / page.factor))
    mask = np.zeros((small[1], small[0]), np.uint8)
    cv2.drawContours(mask, [r.outline for r in rules], -1, 255, thickness=cv2.FILLED)
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    x, y, w, h = cv2.boundingRect(mask)
    f = page.factor
    x0, y0 = int(x * f), int(y * f)
    x1, y1 = min(gray.shape[1], int((x + w) * f) + 1), min(gray.shape[0], int((y + h) * f) + 1)
    region = cv2.resize(mask[y:y + h, x:x + w], (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
    out = gray.copy()
    # the paper's own tone, not white: a white stripe on a grey scan is an edge Tesseract would see
    out[y0:y1, x0:x1][region > 0] = int(np.median(gray[::16, ::16]))
    return out
