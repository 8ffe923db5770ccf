"""Section II of an achievement report, the same for a person and a collective: task ratings by
year, innovations, the period the report covers, and a short summary.

Every office writes these as a table, a transposed table or sentences; each reader takes all three.
The words that mark them (rating phrases, table headers) are in ``data/labels/report.yaml`` and
``achievements.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._fieldlines import clean_value
from extractors._text import fold1
from extractors.lines import Line
from record.models import Innovation, TaskRating
from record.normalize import clean_text, parse_int, parse_rating

YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _rating_phrase() -> re.Pattern[str]:
    return re.compile(_labels.report().rating_phrase)


def row_year(cells: tuple[str, ...] | list[str]) -> tuple[int | None, int]:
    """(year, index of its cell) of a table row: the first of its first three cells holding a year.

    A school year ``2022-2023`` counts as its end year (samplegen README, held-out conventions).
    """
    for k, cell in enumerate(cells[:3]):
        if len(cell) > 30:
            continue
        years = [int(y) for y in YEAR.findall(cell)]
        if len(years) == 2 and years[1] == years[0] + 1 and re.search(r"\d{4}\s*[-–/]\s*\d{4}", cell):
            return years[1], k  # "2022-2023": a school year; "2019, 2020" is two years
        if years:
            return years[0], k
    return None, -1


def _years_before(text: str, stop: int) -> list[int]:
    head = fold1(text[:stop])
    rng = re.search(r"(\d{4})\s*(?:-|–|den|toi)\s*(?:nam\s*)?(\d{4})", head)
    if rng and "nam hoc" not in head:
        a, b = int(rng.group(1)), int(rng.group(2))
        if 0 <= b - a <= 10:
            return list(range(a, b + 1))
    if "nam hoc" in head and rng:
        return [int(rng.group(2))]
    return [int(y) for y in YEAR.findall(head)]


def task_ratings(lines: list[Line]) -> tuple[list[TaskRating], list[Line]]:
    """Rating by year, and the lines that gave them: rows, a transposed table, or sentences."""
    ratings: dict[int, str] = {}
    used: list[Line] = []
    year_cols: dict[int, int] = {}  # a transposed table: "Năm | 2019 | 2020 …" over "Xếp loại | … | …"
    year_table: int | None = None
    for line in lines:
        if line.cells and len(line.cells) >= 3 and re.match(r"\W*nam\b", fold1(line.cells[0])) and len(line.cells[0]) < 12:
            cols = {k: y for k, c in enumerate(line.cells[1:], 1) if (y := row_year((c,))[0]) is not None}
            if len(cols) >= 2:
                year_cols, year_table = cols, line.table
                continue
        if year_cols and line.cells and line.table == year_table:
            got = {y: parse_rating(line.cells[k]) for k, y in year_cols.items() if k < len(line.cells)}
            if any(got.values()):
                for y, r in got.items():
                    if r:
                        ratings.setdefault(y, r)
                used.append(line)
                continue
        if line.cells and len(line.cells) >= 2:
            year, k = row_year(line.cells)
            rating = next((parse_rating(c) for c in line.cells[k + 1:] if parse_rating(c)), None) if year else None
            if year and rating:
                ratings.setdefault(year, rating)
                used.append(line)
            continue
        f = fold1(line.text)
        m = _rating_phrase().search(f)
        if not m:
            continue
        starts_with_year = re.match(r"\W*(?:nam\s*(?:hoc\s*)?)?\d{4}", f)
        context = re.search(_labels.report().rating_context, f)
        # "…; năm 2025 hoàn thành tốt nhiệm vụ": a year right before the rating, inside a sentence
        close = re.search(_labels.report().rating_after_year, f)
        if not (starts_with_year or context or close):
            continue
        found = False
        for clause in re.split(r";\s|\.\s(?=[NnTt][ăaừ])", line.text):
            cm = _rating_phrase().search(fold1(clause))
            if not cm:
                continue
            rating = parse_rating(clause[cm.start():])
            years = _years_before(clause, cm.start())
            for y in years:
                if rating:
                    ratings.setdefault(y, rating)
                    found = True
        if found:
            used.append(line)
    return [TaskRating(year=y, rating=r) for y, r in sorted(ratings.items())], used  # type: ignore[arg-type]


def innovations(lines: list[Line]) -> tuple[list[Innovation], list[Line]]:
    """Innovations from a table with a header row, or from lines naming one in quotes."""
    labels = _labels.achievements()
    words = _labels.report()
    out: list[Innovation] = []
    used: list[Line] = []
    header: dict[str, int] | None = None
    header_table: int | None = None
    for line in lines:
        f = fold1(line.text)
        if line.cells and len(line.cells) >= 2:
            folded = [fold1(c) for c in line.cells]
            if any(re.search(words.innovation_header, c) for c in folded) and not any(YEAR.search(c) for c in folded):
                header = {}
                header_table = line.table
                for k, c in enumerate(folded):
                    for col in words.innovation_columns:  # a cell may hold two roles ("Tên, năm")
                        if re.search(col.pattern, c):
                            header.setdefault(col.role, k)
                continue
            if header and "title" in header and line.table == header_table:
                got = {key: line.cells[k] for key, k in header.items() if k < len(line.cells)}
                title = clean_value(got.get("title") or "")
                if title and not re.fullmatch(r"\d+", title):
                    out.append(Innovation(
                        title=title.strip("\"“”"),
                        year=parse_int(got.get("year")),
                        recognized_by=clean_value(got.get("by") or ""),
                    ))
                    used.append(line)
            continue
        if not re.search(labels.innovation, f):
            continue
        qm = re.search(r"[“\"]([^”\"]{5,250})[”\"]", line.text)
        if not qm:
            continue
        title = clean_text(qm.group(1))
        after = line.text[qm.end():]
        fa = fold1(after)
        ym = re.search(r"nam\s*(\d{4})", fa) or YEAR.search(fa) or YEAR.search(line.text[: qm.start()])
        year = int(ym.group(1)) if ym else None
        by = None
        rm = re.search(labels.innovation_recognized, fa)
        pm = re.search(labels.innovation_recognized_before, fa)
        cert = re.search(words.innovation_certificate, fa)
        if cert:  # "(Giấy chứng nhận số … ngày … của Hội đồng Sáng kiến …)"
            by = clean_value(after[cert.start(1):cert.end(1)])
        elif pm:
            by = clean_value(after[pm.start("by"):pm.end("by")])
        elif rm:
            tail = after[rm.end():]
            stop = re.search(words.innovation_by_stop, fold1(tail))
            by = clean_value(tail[: stop.start()] if stop else tail)
        out.append(Innovation(title=title, year=year, recognized_by=by))
        used.append(line)
    return out, used


def period(lines: list[Line], ratings: list[TaskRating]) -> tuple[int | None, int | None, Line | None]:
    """(from, to, line) of the period the report covers; else the span of the rated years."""
    for line in lines:
        f = fold1(line.text)
        for pattern in _labels.achievements().period:
            m = re.search(pattern, f)
            if m:
                a, b = int(m.group("from")), int(m.group("to"))
                if 0 <= b - a <= 30:
                    return a, b, line
    if ratings:
        return ratings[0].year, ratings[-1].year, None
    return None, None, None


def summary(lines: list[Line]) -> str | None:
    """The first ~400 characters of section II's prose, for the reviewer (goldens ignore it)."""
    parts: list[str] = []
    for line in lines:
        if line.cells:
            if parts:
                break
            continue
        f = fold1(line.text)
        if re.match(_labels.report().summary_heading, f) and not parts:
            continue
        parts.append(line.text)
        if len(" ".join(parts)) > 400:
            break
    text = clean_text(" ".join(parts))
    return text[:500] if text else None


