"""The frame every báo cáo thành tích shares, a person's or a collective's (NĐ 98/2023 Mẫu 02/03,
NĐ 152/2025 Mẫu 04/05; DOMAIN.md §4.2-4.3).

Both forms have the same parts: a title asking for an award, ``I. Sơ lược lý lịch`` (who),
``II. Thành tích đạt được`` (what), ``III. Các hình thức đã được khen thưởng`` (prior awards) and
signatures. This module finds the parts and reads what is common to both kinds: the award asked
for, the achievements and the prior awards. ``_bao_cao_ca_nhan`` and ``_bao_cao_tap_the`` read
section I and build the ``Nomination`` through :func:`nomination`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors import _labels
from extractors._achievements import YEAR, innovations, period, summary, task_ratings
from extractors._common import award_from_title, date_line, put
from extractors._names import strip_honorifics
from extractors._prior_awards import prior_awards, prior_awards_fallback
from extractors._text import fold1, looks_like_person_name
from extractors.lines import Line
from extractors.segment import Segment
from record.models import Achievements, Award, Nomination, Person, ProvenanceMap, Unit
from record.normalize import clean_text, normalize_name


@dataclass(frozen=True)
class Frame:
    """Where the parts of one report are, as indexes into ``lines``; None for a part not found."""

    lines: list[Line]
    title_index: int
    lylich: int | None  # I. Sơ lược lý lịch
    thanhtich: int | None  # II. Thành tích đạt được
    khenthuong: int | None  # III. Các hình thức đã được khen thưởng
    end: int  # the signature block (end of the body)

    @property
    def body_end(self) -> int:
        return self.khenthuong if self.khenthuong is not None else self.end

    @property
    def part1(self) -> list[Line]:
        start = self.lylich if self.lylich is not None else self.title_index + 1
        return self.lines[start: self.thanhtich if self.thanhtich is not None else self.body_end]

    @property
    def part2(self) -> list[Line]:
        start = self.thanhtich if self.thanhtich is not None else self.title_index + 1
        return self.lines[start: self.body_end]

    @property
    def part3(self) -> list[Line]:
        return self.lines[self.khenthuong + 1: self.end] if self.khenthuong is not None else []

    @property
    def signatures(self) -> list[Line]:
        return self.lines[self.end:]


def frame(seg: Segment) -> Frame:
    """Sections I, II, III and the signature block of a report (``achievements.yaml`` sections)."""
    lines = seg.lines
    secs = _labels.achievements().sections
    i1 = i2 = i3 = None
    for i, line in enumerate(lines):
        f = fold1(line.cells[0] if line.cells else line.text).strip()
        if i1 is None and re.search(secs["lylich"], f):
            i1 = i
        elif i2 is None and re.search(secs["thanhtich"], f):
            i2 = i
        elif i3 is None and (re.search(secs["khenthuong"], f)
                             or (len(f) < 120 and re.search(secs["khenthuong_alt"], f) and i > (i2 or 0))):
            i3 = i
    end = len(lines)
    start_sig = i3 if i3 is not None else (i2 or 0)
    sig = [re.compile(p) for p in _labels.documents().signature_headings]
    for i in range(start_sig + 1, len(lines)):
        f = fold1(lines[i].text).strip()
        if any(p.search(f) for p in sig) and not YEAR.match(f):
            end = i
            break
    return Frame(lines, seg.title_index, i1, i2, i3, end)


def nomination(seg: Segment, fr: Frame, kind: str, *, person: Person | None = None, unit: Unit | None = None,
               provenance: ProvenanceMap) -> Nomination:
    """The nomination of a report: the award its title asks for, section II and III, and the
    nominee (person or unit) read by the caller, with the caller's provenance."""
    lines = seg.lines
    date, dline = date_line(lines[: seg.title_index + 2] or lines[:8], None)
    name, code, year, aline = award_from_title(lines, seg.title_index, int(date[:4]) if date else None)
    put(provenance, "award.name", aline)
    put(provenance, "award.code", aline)
    if year is not None:
        put(provenance, "award.year", aline or dline)

    achievement_lines = fr.part2 if fr.thanhtich is not None else lines[: fr.body_end]
    ratings, rating_lines = task_ratings(achievement_lines)
    found_innovations, inno_lines = innovations(achievement_lines)
    pf, pt, pline = period(lines[: fr.body_end], ratings)
    prior, prior_lines = prior_awards(fr.part3) if fr.part3 else prior_awards_fallback(lines[: fr.end])
    for k, ln in enumerate(rating_lines):
        put(provenance, f"achievements.task_ratings[{k}]", ln)
    for k, ln in enumerate(inno_lines):
        put(provenance, f"achievements.innovations[{k}]", ln)
    for k, ln in enumerate(prior_lines):
        put(provenance, f"prior_awards[{k}]", ln)
    put(provenance, "achievements.period_from", pline)

    return Nomination(
        nominee_kind=kind,  # type: ignore[arg-type]
        award=Award(code=code, name=clean_text(name), year=year),
        person=person,
        unit=unit,
        achievements=Achievements(
            period_from=pf, period_to=pt, task_ratings=ratings, innovations=found_innovations,
            summary=summary(fr.part2[1:] if fr.thanhtich is not None else []),
        ),
        prior_awards=prior,
        provenance=provenance,
    )


def signer(lines: list[Line], column: Callable[[list[str]], int | None]) -> tuple[str | None, Line | None]:
    """The name signed under a signature heading, in name case, and its line.

    ``column`` picks the heading's column from the folded cells of a heading line (None: not this
    line). A rank or honorific before the name is dropped (``extractors._names``).

    Table cells give the column directly; on a scan or a PDF the two signature columns come out
    as separate lines, and the name under the head's heading is the one nearest to it on the x axis.
    """
    heading = re.compile(_labels.report().signature_head)
    for idx, line in enumerate(lines):
        cells = line.cells or (line.text,)
        folded = [fold1(c) for c in cells]
        if not any(heading.search(c) for c in folded) or any(YEAR.search(c) for c in folded):
            continue
        col = column(folded)
        if col is None:
            continue
        col_x = line.cell_x[col] if line.cell_x and col < len(line.cell_x) and len(cells) > 1 else None
        other_x = [x for k, x in enumerate(line.cell_x or ()) if k != col] if col_x is not None else []
        found: tuple[str | None, Line | None] = (None, None)
        for nxt in lines[idx: idx + 10]:
            if nxt.cells and nxt.table is not None:
                cand = nxt.cells[col] if col < len(nxt.cells) else None
            elif nxt.cells and nxt.cell_x and col_x is not None:
                # the part of the line that sits under the head's column
                k = min(range(len(nxt.cells)), key=lambda j: abs(nxt.cell_x[j] - col_x))  # type: ignore[index]
                cand = nxt.cells[k] if all(abs(nxt.cell_x[k] - col_x) <= abs(nxt.cell_x[k] - o) for o in other_x) else None
            elif nxt.cells:
                cand = nxt.cells[col] if col < len(nxt.cells) else None
            elif col_x is not None and nxt.cell_x:
                x = nxt.cell_x[0]
                cand = nxt.text if all(abs(x - col_x) < abs(x - o) for o in other_x) else None
            else:
                cand = nxt.text if len(cells) == 1 else None
            name = _name_in(cand, heading)
            if name:
                found = (name, nxt)
        if found[0]:
            return found
    return None, None


def _name_in(text: str | None, heading: re.Pattern[str]) -> str | None:
    """The person's name a signature cell holds, or None (a heading, a note, a scribble)."""
    cand = clean_text(re.sub(r"\(.*?\)", "", text or ""))
    if cand:  # a rank before the signer's name ("Thượng tá Phan Văn Quý") is not the name
        cand = strip_honorifics(cand)
    if cand and looks_like_person_name(cand) and not heading.search(fold1(cand)):
        return normalize_name(cand)
    return None


SIGNATURE_SPAN = 14  # lines of a signature block: headings, "(Ký, ghi rõ họ tên)", a seal, names


def signer_by_column(lines: list[Line], own: Callable[[str], bool], superior: Callable[[str], bool]
                     ) -> tuple[str | None, Line | None]:
    """A scanned signature block: the name in the signer's column, the columns told apart by x.

    OCR gives each signature column's heading and name as separate lines, or as cells of one line,
    each with its left edge. The widest gap between the left edges splits the block in two. The
    signer's column is the one with an ``own`` heading; failing that, when one column is the
    superior's (``Xác nhận của …``), the other. Its last name is the signer's. None when the block
    is not OCR or has one column.
    """
    heading = re.compile(_labels.report().signature_head)
    items: list[tuple[int, str, Line]] = []
    for line in lines[:SIGNATURE_SPAN]:
        if line.source != "ocr" or not line.cell_x:
            continue
        items += list(zip(line.cell_x, line.cells or (line.text,), [line] * len(line.cell_x), strict=False))
    xs = sorted({x for x, _, _ in items})
    if len(xs) < 2:
        return None, None
    gap, split = max((b - a, (a + b) / 2) for a, b in zip(xs, xs[1:], strict=False))
    if gap * 3 < xs[-1] - xs[0]:
        return None, None  # no clear gutter: not two columns

    def side(x: int) -> int:
        return int(x > split)

    headings = [(side(x), fold1(t)) for x, t, _ in items if heading.search(fold1(t))]
    own_sides = {s for s, f in headings if own(f)} - {s for s, f in headings if superior(f)}
    if not own_sides:
        sup = {s for s, f in headings if superior(f)}
        own_sides = {1 - s for s in sup} if len(sup) == 1 else set()
    if len(own_sides) != 1:
        return None, None
    col = own_sides.pop()
    found: tuple[str | None, Line | None] = (None, None)
    for x, text, line in items:
        name = _name_in(text, heading) if side(x) == col else None
        if name:
            found = (name, line)
    return found
