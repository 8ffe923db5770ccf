"""The báo cáo thành tích (individual or collective) -> one ``Nomination``."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._common import award_from_title, date_line, docno, mend_award_name, put, title_block
from extractors._fieldlines import Hit, LabelReader, clean_value
from extractors._text import fold1, looks_like_person_name
from extractors.lines import Line
from extractors.segment import Segment
from record.awards import award_code
from record.models import (
    Achievements,
    Award,
    Innovation,
    Nomination,
    Person,
    PriorAward,
    ProvenanceMap,
    TaskRating,
    Unit,
)
from record.normalize import (
    clean_text,
    normalize_docno,
    normalize_name,
    parse_date,
    parse_gender,
    parse_int,
    parse_rating,
)

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _person_reader() -> LabelReader:
    return LabelReader.for_table(_labels.person())


@lru_cache(maxsize=1)
def _unit_reader() -> LabelReader:
    return LabelReader.for_table(_labels.unit())


def _section_bounds(lines: list[Line]) -> tuple[int | None, int | None, int | None, int]:
    """Indexes of sections I, II, III and of the signature block (end of the body)."""
    secs = _labels.achievements().sections
    i1 = i2 = i3 = None
    for i, line in enumerate(lines):
        f = fold1(line.cells[0] if line.cells else line.text).strip()
        if i1 is None and re.search(secs["lylich"], f):
            i1 = i
        elif i2 is None and re.search(secs["thanhtich"], f):
            i2 = i
        elif i3 is None and (re.search(secs["khenthuong"], f) or (len(f) < 120 and re.search(secs["khenthuong_alt"], f) and i > (i2 or 0))):
            i3 = i
    end = len(lines)
    start_sig = i3 if i3 is not None else (i2 or 0)
    sig = [re.compile(p) for p in _labels.documents().signature_headings]
    for i in range(start_sig + 1, len(lines)):
        f = fold1(lines[i].text).strip()
        if any(p.search(f) for p in sig) and not _YEAR.match(f):
            end = i
            break
    return i1, i2, i3, end


def _prose_person(lines: list[Line]) -> dict[str, Hit]:
    """Section I written as sentences: keyword → value up to ";", "." or the next keyword's comma."""
    keys = [(field, k) for field, ks in _labels.person().prose.items() for k in ks]
    keys.sort(key=lambda fk: len(fk[1]), reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<f{i}>{k})" for i, (_, k) in enumerate(keys)) + r")(?!\w)")
    found: dict[str, Hit] = {}
    for line in lines:
        text, f = line.text, fold1(line.text)
        matches = [(m.start(), m.end(), keys[int(next(g for g, v in m.groupdict().items() if v)[1:])][0])
                   for m in pattern.finditer(f)]
        for n, (_start, end, field) in enumerate(matches):
            stop = len(text)
            for m in re.finditer(r"[;]|\.(?:\s|$)", text[end:]):
                stop = end + m.start()
                break
            if n + 1 < len(matches) and matches[n + 1][0] < stop:  # the next keyword is in this clause
                nxt = matches[n + 1][0]
                comma = text.rfind(",", end, nxt)
                stop = comma if comma != -1 else nxt
            value = re.sub(r"^\s*(?:là|ở|tại|:)\s+", "", text[end:stop], flags=re.IGNORECASE)
            value = clean_value(value)
            if value and field not in found:
                found[field] = Hit(field, value, line)
    return found


def _name_in_title(block: list[Line]) -> Hit | None:
    """``… CỦA ÔNG NGUYỄN VĂN AN`` / ``của bà …``: the nominee named in the title block."""
    for line in block:
        m = re.search(r"\b(?:cua\s+)?(?:ong|ba|dong chi)\s+(.+)$", fold1(line.text))
        if not m:
            continue
        cand = re.split(r"[,(;]|\s-\s", line.text[m.start(1):])[0]
        cand = re.sub(r"\s+(?:NĂM|năm|Năm)\s+\d{4}.*$", "", cand).strip(" .:")
        if looks_like_person_name(cand):
            return Hit("full_name", cand, line)
    return None


def _is_leader(position: str | None) -> bool | None:
    if not position:
        return None
    f = fold1(position)
    return any(re.search(p, f) for p in _labels.leaders().leader)


# --- prior awards -------------------------------------------------------------------------------

_DECISION = re.compile(r"(?:[,;:]\s*\(?|\s\(?)(?:theo\s+|tai\s+)?(?:quyet dinh|qd\b|so\s*:?\s*\d)")
_DOCNO_START = re.compile(r"\d{1,6}[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?[a-z]")


def _split_title_decision(text: str) -> tuple[str, str]:
    f = fold1(text)
    cut = len(text)
    m = _DECISION.search(f)
    if m:
        cut = m.start()
    else:
        d = _DOCNO_START.search(f)
        if d:
            cut = d.start()
    return text[:cut], text[cut:]


def _issuer(decision: str) -> str | None:
    f = fold1(decision)
    matches = list(re.finditer(r"\bcua\s+", f))
    if not matches:
        return None
    issuer = clean_value(decision[matches[-1].end():])
    if issuer and issuer.count(")") > issuer.count("("):
        issuer = clean_value(issuer.replace(")", ""))  # "(Quyết định số … của Sở …)."
    return issuer


def _prior_award(year: int | None, title: str, decision: str, issuer_cell: str | None, line: Line) -> PriorAward | None:
    title = (title or "").strip(" :;,.-–(")
    title = re.sub(r"^\s*(?:danh hiệu|hình thức)\s*[:\-]?\s*", "", title, flags=re.IGNORECASE).strip()
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
    if issuer is None and re.search(r"\bcua\s", fold1(title)):
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
        if not f or _YEAR.search(f):
            continue
        if re.match(r"\W*nam\b", f) and len(f) < 15:
            roles.setdefault("year", k)
        elif re.search(r"danh hieu|hinh thuc", f):
            roles.setdefault("title", k)
        elif re.match(r"\W*(co quan|cap |don vi|nguoi ky)", f):
            roles.setdefault("issuer", k)  # "Cơ quan quyết định", "Cấp khen", "Cơ quan ban hành"
        elif re.search(r"\bso\b", f) and re.search(r"co quan|ban hanh", f):
            roles.setdefault("decision", k)  # the form's one column: number, date and issuer
        elif re.match(r"\W*ngay", f):
            roles.setdefault("date", k)
        elif re.search(r"\bso\b|so qd|quyet dinh", f):
            roles.setdefault("number", k)
    if "title" in roles and ("decision" in roles or "number" in roles):
        return roles
    return None


def _prior_awards(lines: list[Line]) -> tuple[list[PriorAward], list[Line]]:
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
            year, k = _row_year(cells)
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
                if len(nxt.text) > 150 or re.match(r"\W*(?:\d\.|[ivx]+\.|thu truong|nguoi bao cao|xac nhan)", fold1(nxt.text)):
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
            row_years = [int(y) for y in _YEAR.findall(cells[0])] if k == 0 or len(cells[0]) < 30 else []
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
            if re.match(r"\s*(?:\d\.|[ivx]+\.|thu truong|nguoi bao cao|xac nhan)", nxt) or len(nxt) > 120:
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


# --- achievements -------------------------------------------------------------------------------


def _row_year(cells: tuple[str, ...] | list[str]) -> tuple[int | None, int]:
    """(year, index of its cell) of a table row: the first of its first three cells holding a year.

    A school year ``2022-2023`` counts as its end year (samplegen README, held-out conventions).
    """
    for k, cell in enumerate(cells[:3]):
        if len(cell) > 30:
            continue
        years = [int(y) for y in _YEAR.findall(cell)]
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
    return [int(y) for y in _YEAR.findall(head)]


_RATING_PHRASE = re.compile(
    r"khong hoan thanh|hoan thanh (?:xuat sac|tot)? ?(?:cac )?nhiem vu|\bht(?:xs|t)?nv\b|\bh[tiil1]xs\w*|hoan thanh xuat sac|hoan thanh tot"
)


def _task_ratings(lines: list[Line]) -> tuple[list[TaskRating], list[Line]]:
    ratings: dict[int, str] = {}
    used: list[Line] = []
    year_cols: dict[int, int] = {}  # a transposed table: "Năm | 2019 | 2020 …" over "Xếp loại | … | …"
    year_table: int | None = None
    for line in lines:
        if line.cells and len(line.cells) >= 3 and re.match(r"\W*nam\b", fold1(line.cells[0])) and len(line.cells[0]) < 12:
            cols = {k: y for k, c in enumerate(line.cells[1:], 1) if (y := _row_year((c,))[0]) is not None}
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
            year, k = _row_year(line.cells)
            rating = next((parse_rating(c) for c in line.cells[k + 1:] if parse_rating(c)), None) if year else None
            if year and rating:
                ratings.setdefault(year, rating)
                used.append(line)
            continue
        f = fold1(line.text)
        m = _RATING_PHRASE.search(f)
        if not m:
            continue
        starts_with_year = re.match(r"\W*(?:nam\s*(?:hoc\s*)?)?\d{4}", f)
        context = re.search(r"xep loai|danh gia|muc do hoan thanh|ket qua", f)
        # "…; năm 2025 hoàn thành tốt nhiệm vụ": a year right before the rating, inside a sentence
        close = re.search(r"\bnam\s*\d{4}\W{0,2}(?:\S+\s+){0,2}(?:khong )?hoan thanh", f)
        if not (starts_with_year or context or close):
            continue
        found = False
        for clause in re.split(r";\s|\.\s(?=[NnTt][ăaừ])", line.text):
            cm = _RATING_PHRASE.search(fold1(clause))
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


def _innovations(lines: list[Line]) -> tuple[list[Innovation], list[Line]]:
    labels = _labels.achievements()
    out: list[Innovation] = []
    used: list[Line] = []
    header: dict[str, int] | None = None
    header_table: int | None = None
    for line in lines:
        f = fold1(line.text)
        if line.cells and len(line.cells) >= 2:
            folded = [fold1(c) for c in line.cells]
            if any("sang kien" in c or "de tai" in c for c in folded) and not any(_YEAR.search(c) for c in folded):
                header = {}
                header_table = line.table
                for k, c in enumerate(folded):
                    if "ten" in c or "sang kien" in c or "de tai" in c:
                        header.setdefault("title", k)
                    if re.search(r"\bnam\b", c):
                        header.setdefault("year", k)
                    if re.search(r"cong nhan|cap|co quan|hoi dong|xac nhan", c):
                        header.setdefault("by", k)
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
        ym = re.search(r"nam\s*(\d{4})", fa) or _YEAR.search(fa) or _YEAR.search(line.text[: qm.start()])
        year = int(ym.group(1)) if ym else None
        by = None
        rm = re.search(labels.innovation_recognized, fa)
        pm = re.search(labels.innovation_recognized_before, fa)
        cert = re.search(r"\((?:giay chung nhan|chung nhan|quyet dinh|qd)[^)]*?\bcua\s+([^)]+)\)", fa)
        if cert:  # "(Giấy chứng nhận số … ngày … của Hội đồng Sáng kiến …)"
            by = clean_value(after[cert.start(1):cert.end(1)])
        elif pm:
            by = clean_value(after[pm.start("by"):pm.end("by")])
        elif rm:
            tail = after[rm.end():]
            stop = re.search(r"\s(?:nam\s*\d{4}|theo|tai|so\s*\d|\()|[;.]\s|[;.]$", fold1(tail))
            by = clean_value(tail[: stop.start()] if stop else tail)
        out.append(Innovation(title=title, year=year, recognized_by=by))
        used.append(line)
    return out, used


def _period(lines: list[Line], ratings: list[TaskRating]) -> tuple[int | None, int | None, Line | None]:
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


def _summary(lines: list[Line]) -> str | None:
    parts: list[str] = []
    for line in lines:
        if line.cells:
            if parts:
                break
            continue
        f = fold1(line.text)
        if re.match(r"\W*(\d+\.|[ivx]+\.|[a-z]\))?\s*(thanh tich|quyen han|nhiem vu|chuc nang)\b.{0,60}:?$", f) and not parts:
            continue
        parts.append(line.text)
        if len(" ".join(parts)) > 400:
            break
    text = clean_text(" ".join(parts))
    return text[:500] if text else None


# --- collective helpers -------------------------------------------------------------------------


def _unit_name_fallback(lines: list[Line], title_index: int) -> Line | None:
    """The collective named on the line under the (possibly wrapped) title."""
    start = title_index + len(title_block(lines, title_index))
    for line in lines[start:start + 5]:
        f = fold1(line.text)
        if f.startswith("(") or re.match(r"\W*(i|1)\W", f) or "ghi day du" in f:
            continue
        if re.fullmatch(r"\W*(nam\s*(hoc\s*)?)?(\d{4}\s*-\s*)?\d{4}\W*", f):
            continue  # the title's year wrapped onto its own line
        if line.cells or len(line.text) > 120 or line.text.rstrip().endswith((".", ":", ";")):
            break
        if _unit_reader().is_label_line(line) or re.search(r"\d{3,}", line.text):
            break
        return line
    return None


def _headcount_fallback(lines: list[Line]) -> tuple[int | None, Line | None]:
    """Staff written in prose (``đơn vị có 27 cán bộ, công chức``): the number before a staff noun."""
    patterns = [re.compile(p) for p in _labels.unit().headcount_prose]
    for pattern in patterns:
        for line in lines:
            m = pattern.search(fold1(line.text))
            if m:
                return int(m.group("n")), line
    return None, None


_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+", re.IGNORECASE)


def _head_from_signature(lines: list[Line]) -> tuple[str | None, Line | None]:
    """The unit head who signs the report: the signature column that is not the superior's.

    Table cells give the column directly; on a scan or a PDF the two signature columns come out
    as separate lines, and the name under the head's heading is the one nearest to it on the x axis.
    """
    heading = re.compile(r"thu truong|truong\b|giam doc|chu tich|chi huy|xac nhan|nguoi bao cao|tm\.|^\W*(ky|k/t|kt\.)")
    for idx, line in enumerate(lines):
        cells = line.cells or (line.text,)
        folded = [fold1(c) for c in cells]
        if not any(heading.search(c) for c in folded) or any(_YEAR.search(c) for c in folded):
            continue
        own = [k for k, c in enumerate(folded) if c.strip() and not re.search(r"xac nhan|cap tren", c)]
        if not own:
            continue
        col = own[-1]
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
            cand = clean_text(re.sub(r"\(.*?\)", "", cand or ""))
            if cand:  # a rank before the signer's name ("Thượng tá Phan Văn Quý") is not the name
                cand = clean_text(_RANK.sub("", cand)) or ""
            if cand and looks_like_person_name(cand) and not heading.search(fold1(cand)):
                found = (normalize_name(cand), nxt)
        if found[0]:
            return found
    return None, None


# --- entry ---------------------------------------------------------------------------------------


def parse_report(seg: Segment) -> Nomination:
    """The nomination one achievement report asks for."""
    lines = seg.lines
    kind = "collective" if seg.kind == "bao_cao_tap_the" else "individual"
    prov_map: ProvenanceMap = {}
    date, dline = date_line(lines[: seg.title_index + 2] or lines[:8], None)
    date_year = int(date[:4]) if date else None
    name, code, year, aline = award_from_title(lines, seg.title_index, date_year)
    put(prov_map, "award.name", aline)
    put(prov_map, "award.code", aline)
    if year is not None:
        put(prov_map, "award.year", aline or dline)

    i1, i2, i3, end = _section_bounds(lines)
    body_end = i3 if i3 is not None else end
    part1 = lines[(i1 if i1 is not None else seg.title_index + 1): (i2 if i2 is not None else body_end)]
    part2 = lines[(i2 if i2 is not None else seg.title_index + 1): body_end]
    part3 = lines[i3 + 1: end] if i3 is not None else []

    person = unit = None
    if kind == "individual":
        hits = _person_reader().read(part1 or lines)
        if len(hits) < 3:  # no form labels: the section is written as sentences
            for k, h in _prose_person(part1 or lines[: body_end]).items():
                hits.setdefault(k, h)
        raw = {k: h.value for k, h in hits.items()}
        if "full_name" not in hits:
            named = _name_in_title(lines[seg.title_index: seg.title_index + 5])
            if named is not None:
                hits["full_name"] = named
                raw["full_name"] = named.value
                honorific = re.search(r"\b(ong|ba)\s+" + re.escape(fold1(named.value)), fold1(named.line.text))
                if "gender" not in hits and honorific:
                    # "của ông …" / "của bà …": the title says it (samplegen README, held-out set)
                    raw["gender"] = "Nam" if honorific.group(1) == "ong" else "Nữ"
                    hits["gender"] = Hit("gender", raw["gender"], named.line)
        position = clean_text(raw.get("position"))
        person = Person(
            full_name=normalize_name(raw.get("full_name")),
            gender=parse_gender(raw.get("gender")),  # type: ignore[arg-type]
            birth_date=parse_date(raw.get("birth_date")),
            ethnicity=clean_text(raw.get("ethnicity")),
            hometown=clean_text(raw.get("hometown")),
            residence=clean_text(raw.get("residence")),
            position=position,
            work_unit=clean_text(raw.get("work_unit")),
            qualification=clean_text(raw.get("qualification")),
            is_leader=_is_leader(position),
        )
        for k, h in hits.items():
            put(prov_map, f"person.{k}", h.line)
        if "position" in hits:
            put(prov_map, "person.is_leader", hits["position"].line)
    else:
        hits = _unit_reader().read(lines[seg.title_index:body_end])
        raw = {k: h.value for k, h in hits.items()}
        name_line = hits["name"].line if "name" in hits else _unit_name_fallback(lines, seg.title_index)
        unit_name = clean_text(raw.get("name")) if "name" in hits else (clean_text(name_line.text) if name_line else None)
        unit_name = clean_text(re.sub(r"^[\s\-–•+*]+", "", unit_name).strip("\"“”'‘’ ")) if unit_name else None
        headcount = parse_int(raw.get("headcount"))
        hc_line = hits["headcount"].line if "headcount" in hits else None
        if headcount is None:
            headcount, hc_line = _headcount_fallback(part1 or lines[:body_end])
        head = normalize_name(raw.get("head"))
        head_line = hits["head"].line if "head" in hits else None
        if head is None:
            head, head_line = _head_from_signature(lines[end:])
        unit = Unit(name=unit_name, address=clean_text(raw.get("address")), headcount=headcount, head=head)
        put(prov_map, "unit.name", name_line)
        put(prov_map, "unit.address", hits["address"].line if "address" in hits else None)
        put(prov_map, "unit.headcount", hc_line)
        put(prov_map, "unit.head", head_line)

    ratings, rating_lines = _task_ratings(part2 if i2 is not None else lines[:body_end])
    innovations, inno_lines = _innovations(part2 if i2 is not None else lines[:body_end])
    pf, pt, pline = _period(lines[: body_end], ratings)
    prior, prior_lines = _prior_awards(part3) if part3 else _prior_awards_fallback(lines[:end])
    for k, ln in enumerate(rating_lines):
        put(prov_map, f"achievements.task_ratings[{k}]", ln)
    for k, ln in enumerate(inno_lines):
        put(prov_map, f"achievements.innovations[{k}]", ln)
    for k, ln in enumerate(prior_lines):
        put(prov_map, f"prior_awards[{k}]", ln)
    put(prov_map, "achievements.period_from", pline)

    return Nomination(
        nominee_kind=kind,  # type: ignore[arg-type]
        award=Award(code=code, name=clean_text(name), year=year),
        person=person,
        unit=unit,
        achievements=Achievements(
            period_from=pf, period_to=pt, task_ratings=ratings, innovations=innovations,
            summary=_summary(part2[1:] if i2 is not None else []),
        ),
        prior_awards=prior,
        provenance=prov_map,
    )


def _prior_awards_fallback(lines: list[Line]) -> tuple[list[PriorAward], list[Line]]:
    """No section III heading found: only rows that carry a year, an award and a decision number."""
    candidates = [ln for ln in lines if normalize_docno(ln.text) and award_code(ln.text) and _YEAR.search(ln.text)]
    return _prior_awards(candidates)
