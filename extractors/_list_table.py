"""The one table engine for lists and vote tables: header roles found by meaning, then rows.

Word, text PDFs and scans (``_grid``) all hand over table rows as ``Line``s with ``cells``; the
header's cells are given roles by the words of ``data/labels/lists.yaml`` ``columns`` whatever the
column order, a scan's wrapped cell lines join their row, and a table that goes on over a page
break stays one list. ``_bien_ban`` reads its vote table through :func:`table_rows` too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._list_entry import (
    NUMBER_CELL,
    Context,
    Listed,
    NomineeKind,
    award_in,
    holder_kind,
    list_year,
    make_entry,
    section_of,
    strip_first_number,
    vocab,
)
from extractors._text import fold1
from extractors.lines import Line
from record.normalize import clean_text


@lru_cache(maxsize=1)
def _squeezed_columns() -> list[tuple[str, re.Pattern[str]]]:
    lab = _labels.lists().columns
    return [(r, re.compile("|".join(re.escape(v.replace(" ", "")) for v in sorted(vs, key=len, reverse=True)
                                    if len(v.replace(" ", "")) >= 5)))
            for r, vs in lab.items() if any(len(v.replace(" ", "")) >= 5 for v in vs)]


# --- tables ---------------------------------------------------------------------------------------


def header_roles(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column index of each role in a header row, or None when the row is no list header."""
    roles: dict[str, int] = {}
    gender_split: dict[str, int] = {}
    for k, cell in enumerate(cells):
        f = re.sub(r"\s+", " ", fold1(cell)).strip(" .:")
        if not f:
            continue
        if f in ("nam", "nu"):  # two gender columns ticked with an x
            gender_split[f] = k
            continue
        for role, pattern in vocab().columns:
            if role not in roles and pattern.search(f):
                roles[role] = k
                break
        else:  # OCR ran the words of a header together ("Họvàtên/Tậpthể")
            squeezed = f.replace(" ", "")
            for role, pattern in _squeezed_columns():
                if role not in roles and pattern.search(squeezed):
                    roles[role] = k
                    break
    if "name" not in roles or len(roles) < 2:
        return None
    if len(gender_split) == 2 and "gender" not in roles:
        roles["gender_male"], roles["gender_female"] = gender_split["nam"], gender_split["nu"]
    return roles


def _cell(cells: tuple[str, ...], roles: dict[str, int], role: str) -> str | None:
    k = roles.get(role)
    if k is None or k >= len(cells):
        return None
    return clean_text(cells[k])


def _group_row(cells: tuple[str, ...], roles: dict[str, int]) -> bool:
    """A heading row spanning the table (``II | Cá nhân``), not a nominee."""
    filled = [c for c in cells if c.strip()]
    distinct = {fold1(c).strip() for c in filled}
    if len(distinct) > 2:
        return False
    first = filled[0] if filled else ""
    numbered = bool(NUMBER_CELL.match(first))
    return (not numbered or bool(re.match(r"^\W*[ivxl]{1,4}\W*$", fold1(first)))) or len(distinct) == 1


Row = tuple[Line, list[str], dict[str, int], tuple[str, ...]]  # line, cells, header roles, header cells


def table_rows(lines: list[Line]) -> list[Row]:
    """Each list row with its header's roles; on scans, a cell's wrapped lines joined back into it.

    Tesseract gives a row whose cell wraps as the row and then a line of the wrapped words; with an
    ordinal column a line that opens with no number is such a continuation, and each of its pieces
    goes to the column its left edge sits in.
    """
    out: list[Row] = []
    roles: dict[str, int] | None = None
    header: tuple[str, ...] = ()
    table: int | None = None
    for line in lines:
        cells = line.cells
        if cells and len(cells) >= 2:
            found = header_roles(cells)
            if found is not None and _header_like(cells):
                roles, table, header = found, line.table, cells
                continue
        if roles is not None and line.table != table and _next_page_part(line, out, header, table):
            table = line.table  # the table goes on over the page break, with no header repeated
        if roles is None or line.table != table:
            continue
        if not out and cells and _gender_subheader(cells, roles):
            continue  # the header's second row: "Nam | Nữ" under "Giới tính" or "Năm sinh"
        folded = fold1(line.text).strip()
        if vocab().list_end.search(folded) and not re.match(r"\W*\d", folded):
            roles = None  # "Kính trình …", "Nơi nhận:", "(Có hồ sơ … kèm theo)": the list is over
            continue
        if (out and line.source == "ocr" and line.table is None and "ordinal" in roles and len(line.text) <= 60
                and _continues(line, out[-1])):  # a ruled grid (a table number) already joins its cells
            _append(out[-1], line)
            continue
        if not cells or len(cells) < 2:
            if line.source != "ocr" or len(line.text) > 60:
                roles = None  # the table has ended
            continue
        out.append((line, list(cells), roles, header))
    return out


def _header_like(cells: tuple[str, ...]) -> bool:
    """No row number, no count, no date: a header may still name a year ("Hình thức đề nghị năm 2025")."""
    text = " ".join(cells)
    if any(re.fullmatch(r"\W*\d{1,3}\W*", c) for c in cells):
        return False
    return not re.search(r"\d+\s*/\s*\d+|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}|\b\d{1,3}\b(?!\s*\))", re.sub(r"\b(?:19|20)\d\d\b", "", text))


def _next_page_part(line: Line, out: list[Row], header: tuple[str, ...], table: int | None) -> bool:
    """A table on the next page, as wide as the list's header, right after the list's last row."""
    if not line.cells or not out or table is None or line.table is None:
        return False
    last = out[-1][0]
    return line.page == last.page + 1 and abs(len(line.cells) - len(header)) <= 1


def _gender_subheader(cells: tuple[str, ...], roles: dict[str, int]) -> bool:
    """Two sub-columns ``Nam`` / ``Nữ`` in the header's second row become the gender columns."""
    marks = {fold1(c).strip(" .:"): k for k, c in enumerate(cells)}
    if "nam" in marks and "nu" in marks and not any(re.search(r"\d", c) for c in cells):
        roles["gender_male"], roles["gender_female"] = marks["nam"], marks["nu"]
        roles.pop("gender", None)
        return True
    return False


def _continues(line: Line, prev: Row) -> bool:
    first = line.cells[0] if line.cells else line.text.split(" ")[0]
    if NUMBER_CELL.match(first) or line.page != prev[0].page:
        return False
    return not re.match(r"\W*(?:[ivxl]{1,4}|[a-d])[.)]?\s", fold1(line.text))


def _append(prev: Row, line: Line) -> None:
    row, cells, roles, _header = prev
    xs = list(row.cell_x or ())
    pieces = list(zip(line.cells, line.cell_x, strict=False)) if line.cells and line.cell_x else \
        [(line.text, line.words[0][1] if line.words else None)]
    for k, (text, x) in enumerate(pieces):
        if x is not None and len(xs) == len(cells):
            col = max((i for i, sx in enumerate(xs) if sx <= x + 25), default=0)
        elif line.cells and len(line.cells) == len(cells):
            col = k
        else:
            col = roles.get("name", 1)
        cells[col] = f"{cells[col]} {text}".strip()


def from_table(doc_kind: str, lines: list[Line], ctx: Context, year: int | None) -> list[Listed]:
    """Entries of every list table among ``lines`` (rows are ``Line``s with ``cells``)."""
    out: list[Listed] = []
    local = Context(ctx.kind, ctx.award)
    current: dict[str, int] | None = None
    for line, row, roles, header in table_rows(lines):
        if roles is not current:
            current, local = roles, Context(ctx.kind, ctx.award)
        cells = tuple(row)
        if all(re.fullmatch(r"\W*\(?\d{1,2}\)?\W*", c) or not c.strip() for c in cells):
            continue  # the row of column numbers under the header
        if _group_row(cells, roles):
            text = " ".join(dict.fromkeys(c for c in cells if c.strip()))
            local.kind = section_of(strip_first_number(text)) or local.kind
            got = award_in(text)
            if got:
                local.award = got[:2]
                local.kind = section_of(strip_first_number(text)) or holder_kind(got[1]) or local.kind
            continue
        name = _cell(cells, roles, "name")
        if not name or NUMBER_CELL.match(name):
            continue
        others = [c for k, c in enumerate(cells) if k not in (roles["name"], roles.get("ordinal", 0)) and c.strip()]
        if not others and len(name) <= 30 and section_of(name):
            local.kind = section_of(name)  # "1 | Tập thể", "2 | Cá nhân" under an award heading
            continue
        award_text = _cell(cells, roles, "award")
        award = award_in(award_text) if award_text else None
        if award is None and "award" not in roles:
            got = award_in(name)
            if got:  # "Ông A, …, đề nghị tặng Bằng khen" in the name cell
                award, name = got, name[: got[2]]
        gender = _cell(cells, roles, "gender")
        birth = _cell(cells, roles, "birth_year")
        if gender is None and "gender_male" in roles:
            male, female = _cell(cells, roles, "gender_male"), _cell(cells, roles, "gender_female")
            gender = "Nam" if male else "Nữ" if female else None
            # "Năm sinh" over two sub-columns "Nam" | "Nữ": the year is written under the gender
            if not (birth and re.search(r"\d{4}", birth)):
                birth = next((v for v in (male, female) if v and re.search(r"\d{4}", v)), birth)
        head_award = header[roles["award"]] if "award" in roles and roles["award"] < len(header) else ""
        row_year = list_year(award_text or "") or list_year(head_award) or year  # "… đề nghị năm 2025"
        entry = make_entry(doc_kind, name, local, award[:2] if award else None, line,
                       position=_cell(cells, roles, "position"), work_unit=_cell(cells, roles, "work_unit"),
                       birth=birth, gender=gender, year=row_year,
                       default_kind=_header_kind(header[roles["name"]], roles))
        if entry is not None:
            out.append(entry)
    return out


def _header_kind(name_header: str, roles: dict[str, int]) -> NomineeKind | None:
    """What the header says of its rows: a birth year or gender column, or "Họ và tên", means people."""
    if "birth_year" in roles or "gender" in roles or "gender_male" in roles:
        return "individual"
    f = fold1(name_header)
    found = [k for k, vs in _labels.lists().name_header_kinds.items() if any(re.search(r"\b" + re.escape(v) + r"\b", f) for v in vs)]
    return found[0] if len(found) == 1 else None  # type: ignore[return-value]
