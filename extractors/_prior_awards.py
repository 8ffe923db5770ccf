"""Section III of an achievement report: the awards the nominee already received.

The same for a person and a collective. A table with a header row (columns found by their words,
``data/labels/report.yaml`` ``award_columns``), a table without one (year | title | decision
[| issuer]), or one line per award (``Năm 2021: <title> tại Quyết định số N ngày D của X``). Wrapped
rows are joined, a year cell merged down over two awards gives both, and one row for two years
with two decisions gives two awards.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._achievements import YEAR, row_year
from extractors._common import docno, mend_award_name
from extractors._fieldlines import clean_value
from extractors._text import fold1
from extractors.lines import Line
from record.awards import award_code
from record.models import PriorAward
from record.normalize import clean_text, normalize_docno, parse_date

_DOCNO_START = re.compile(r"\d{1,6}[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?[a-z]")


@lru_cache(maxsize=1)
def _decision() -> re.Pattern[str]:
    return re.compile(_labels.report().decision_start)


@lru_cache(maxsize=1)
def _title_lead() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _labels.report().award_title_lead)
    return re.compile(rf"^\s*(?:{words})\s*[:\-]?\s*", re.IGNORECASE)


def _row_stop(folded: str) -> bool:
    return bool(re.match(_labels.report().row_stop, folded))


def _split_title_decision(text: str) -> tuple[str, str]:
    f = fold1(text)
    cut = len(text)
    m = _decision().search(f)
    if m:
        cut = m.start()
    else:
        d = _DOCNO_START.search(f)
        if d:
            cut = d.start()
    return text[:cut], text[cut:]


def _issuer(decision: str) -> str | None:
    f = fold1(decision)
    matches = list(re.finditer(_labels.report().issuer_marker, f))
    if not matches:
        return None
    issuer = clean_value(decision[matches[-1].end():])
    if issuer and issuer.count(")") > issuer.count("("):
        issuer = clean_value(issuer.replace(")", ""))  # "(Quyết định số … của Sở …)."
    return issuer


def _prior_award(year: int | None, title: str, decision: str, issuer_cell: str | None, line: Line) -> PriorAward | None:
    title = (title or "").strip(" :;,.-–(")
    title = _title_lead().sub("", title).strip()
    title = mend_award_name(title.strip("\"“”'‘’ "), line) or ""
    if not title and not decision:
        return None
    number = docno(decision, line)
    tail = decision
    if number:
        m = re.search(re.escape(number.split("/")[0]) + r"\s*/\S*", decision)
        if m:
            tail = decision[m.end():]
    date = parse_date(tail)
    bracket = re.search(r"\(([^()]{4,120})\)\W*$", decision)
    issuer = clean_text(issuer_cell) if issuer_cell else None
    if issuer is None and bracket and not normalize_docno(bracket.group(1)):
        issuer = clean_value(bracket.group(1))  # "QĐ số …, ngày … (Sở Nông nghiệp và PTNT Quảng Bình)"
    if issuer is None:
        issuer = _issuer(decision)
    if issuer is None and re.search(_labels.report().issuer_marker, fold1(title)):
        issuer = _issuer(title)  # "Giấy khen của Chủ tịch UBND huyện …" names who gave it
    return PriorAward(
        year=year,
        title=clean_text(title),
        code=award_code(title),
        decision_number=number,
        decision_date=date,
        issuer=issuer,
    )


def _starts_row(line: Line) -> bool:
    first = line.cells[0] if line.cells else line.text
    return bool(re.match(r"\W*(?:\d{1,3}\W*$|\d{1,3}\s|(?:n[aă]m\s*)?\d{4})", fold1(first)))


def _merge_continuation(cells: list[str], xs: tuple[int, ...] | None, nxt: Line) -> None:
    """Append a wrapped row's next line to the cells above it (by x position, else right-aligned)."""
    parts = list(nxt.cells or (nxt.text,))
    if xs and nxt.cell_x and len(xs) == len(cells):
        for part, x in zip(parts, nxt.cell_x, strict=False):
            col = max((k for k, cx in enumerate(xs) if cx <= x + 40), default=0)
            cells[col] = f"{cells[col]} {part}".strip()
        return
    offset = len(cells) - len(parts)
    for k, part in enumerate(parts):
        col = max(0, offset + k)
        cells[col] = f"{cells[col]} {part}".strip()


def _award_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Roles of the columns of a prior-awards table from its header row, or None if it is none.

    Forms put the decision's number, date and issuer in one column ("Số, ngày, tháng, năm của quyết
    định; cơ quan ban hành"); offices often split them into separate columns.
    """
    roles: dict[str, int] = {}
    for k, cell in enumerate(cells):
        f = fold1(cell).strip()
        if not f or YEAR.search(f):
            continue
        role = next((c.role for c in _labels.report().award_columns if re.search(c.pattern, f)), None)
        if role is not None:
            roles.setdefault(role, k)
    if "title" in roles and ("decision" in roles or "number" in roles):
        return roles
    return None


def prior_awards(lines: list[Line]) -> tuple[list[PriorAward], list[Line]]:
    """The prior awards in ``lines`` (section III) and the line each came from."""
    out: list[PriorAward] = []
    used: list[Line] = []
    headers: dict[int, dict[str, int]] = {}  # table -> column roles, for tables with a header row
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.cells and len(line.cells) >= 2:


            if line.table is not None and line.table not in headers:
                roles = _award_columns(line.cells)
                if roles is not None:
                    headers[line.table] = roles
                    continue
            cells = list(line.cells)
            year, k = row_year(cells)
            if year is None and out and used[-1].table is not None and line.table == used[-1].table \
                    and not cells[0].strip() and len(cells) >= 3 and cells[1].strip():
                # the year cell merged down over a second award of the same year
                year, k = out[-1].year, 0
            if year is None or k > 1:
                continue
            cells = cells[k:]  # a leading "STT" column goes
            # a wrapped row: its continuation lines go to the columns they sit under. In a table
            # they are rows whose first two cells are empty (antiword prints a wrapped cell so)
            while i < len(lines) and not _starts_row(lines[i]):
                nxt = lines[i]
                if line.table is not None:
                    if nxt.table != line.table or not nxt.cells or any(c.strip() for c in nxt.cells[:2]):
                        break
                    for c, extra in enumerate(nxt.cells[k:] if len(nxt.cells) - k == len(cells) else nxt.cells[-len(cells):]):
                        if extra.strip():
                            cells[c] = f"{cells[c]} {extra}".strip()
                    i += 1
                    continue
                if len(nxt.text) > 150 or _row_stop(fold1(nxt.text)):
                    break
                _merge_continuation(cells, line.cell_x, nxt)
                i += 1
            roles = headers.get(line.table) if line.table is not None else None
            if roles is not None and len(line.cells) == len(cells) + k:
                full = [""] * k + cells  # the header's indexes count the STT column

                def cell(role: str, full: list[str] = full, roles: dict[str, int] = roles) -> str:
                    return full[roles[role]] if role in roles and roles[role] < len(full) else ""

                title = cell("title")
                decision = cell("decision") or " ".join(
                    p for p in (cell("number"), f"ngày {cell('date')}" if cell("date") else "") if p)
                issuer_cell = cell("issuer") or None
            elif len(cells) >= 3:
                title = cells[1]
                decision = " ".join(cells[2:3])
                issuer_cell = cells[3] if len(cells) >= 4 else None
            else:
                title, decision = _split_title_decision(cells[1])
                issuer_cell = None
            # one row for two years, two decisions ("2019, 2020" | … | "QĐ số …; QĐ số …"): two awards
            row_years = [int(y) for y in YEAR.findall(cells[0])] if k == 0 or len(cells[0]) < 30 else []
            parts = [p for p in re.split(r";\s*", decision) if normalize_docno(p)]
            pairs = list(zip(row_years, parts, strict=True)) if len(row_years) > 1 and len(parts) == len(row_years) \
                else [(year, decision)]
            for y, part in pairs:
                pa = _prior_award(y, title, part, issuer_cell, line)
                if pa:
                    out.append(pa)
                    used.append(line)
            continue
        text = re.sub(r"^[\s\-–—•+*·]*", "", line.text)
        f = fold1(text)
        m = re.match(r"(?:nam\s*(?:hoc\s*)?)?(?:\d{4}\s*-\s*)?(\d{4})\s*[:.,\-–)]?\s*", f)
        if not m:
            continue
        rest = text[m.end():]
        # a wrapped table row: the decision continues on the next line(s)
        while i < len(lines) and not lines[i].cells and not re.match(r"[\s\-–—•+*·]*(?:nam\s*)?\d{4}\b", fold1(lines[i].text)):
            nxt = fold1(lines[i].text)
            if _row_stop(nxt) or len(nxt) > 120:
                break
            if parse_date(rest) and _issuer(rest):
                break
            rest = rest + " " + lines[i].text
            i += 1
        title, decision = _split_title_decision(rest)
        if not award_code(title) and not normalize_docno(decision):
            continue
        pa = _prior_award(int(m.group(1)), title, decision, None, line)
        if pa:
            out.append(pa)
            used.append(line)
    return out, used


def prior_awards_fallback(lines: list[Line]) -> tuple[list[PriorAward], list[Line]]:
    """No section III heading found: only rows that carry a year, an award and a decision number."""
    candidates = [ln for ln in lines if normalize_docno(ln.text) and award_code(ln.text) and YEAR.search(ln.text)]
    return prior_awards(candidates)
