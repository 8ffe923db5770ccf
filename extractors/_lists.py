"""Nominees named in lists: the cover letter's table or numbered paragraphs, a danh sách, a vote table.

Most nominees of a real batch are named only in lists (contract README, "Every nominee that a
document names is a nomination"). A list entry gives what the list shows and nothing more: the
name, the award asked for, and position, work unit, birth year and gender where the list has them.

Tables are read by header roles found by meaning (``data/labels/lists.yaml`` ``columns``), whatever
the column order; the same rows come from Word, text PDFs and scans, so there is one table reader.
Headings (``I. TẬP THỂ``, ``b) Cá nhân:``, ``1. Danh hiệu Chiến sĩ thi đua cơ sở:``), as paragraphs
or as rows spanning the table, set the kind and the award of the entries under them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from extractors import _labels, _names
from extractors._text import fold1, looks_like_person_name
from extractors.lines import Line
from record.awards import award_code, award_holder, award_patterns
from record.normalize import clean_text, normalize_name, parse_date, parse_gender

NomineeKind = Literal["individual", "collective"]
_QUOTES = "\"“”'‘’«»"
_ORDINAL = re.compile(r"^[\s\-–—•+*·]*(?:(?:\d{1,3}|[a-zđ]|[ivxlIVXL]{1,4})\s*[.)/]\s*|[-–—•+*·]\s*)", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^\W*(?:\d{1,3}|[ivxl]{1,4}|[a-zđ])\W*$", re.IGNORECASE)


@dataclass
class Listed:
    """One nominee as a list names it; ``line`` is where, for provenance."""

    doc_kind: str
    name: str
    kind: NomineeKind | None
    award_name: str | None = None
    award_code: str | None = None
    award_year: int | None = None
    position: str | None = None
    work_unit: str | None = None
    birth_date: str | None = None
    gender: Literal["male", "female"] | None = None
    line: Line | None = None
    lines: dict[str, Line] = field(default_factory=dict)  # field -> line it came from


@dataclass
class _Context:
    """What the headings above an entry say: kind and award of the entries below them."""

    kind: NomineeKind | None = None
    award: tuple[str, str] | None = None  # (name as written, code)


# --- vocabulary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    """``data/labels/lists.yaml`` compiled once."""

    columns: list[tuple[str, re.Pattern[str]]]
    sections: list[tuple[str, re.Pattern[str]]]
    unit: re.Pattern[str]
    award_end: re.Pattern[str]
    year: re.Pattern[str]
    list_end: re.Pattern[str]
    not_entry: re.Pattern[str]
    subject_end: re.Pattern[str]
    salutation: re.Pattern[str]
    kind_words: dict[str, re.Pattern[str]]
    address: re.Pattern[str]
    prose_to: re.Pattern[str]
    prose_target_end: re.Pattern[str]
    generic_targets: re.Pattern[str]


_ROLES = ("name", "ordinal", "birth_year", "gender", "award", "position", "work_unit", "against", "ratio", "votes",
          "achievement")


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    lab = _labels.lists()

    def words(variants: list[str]) -> str:
        return "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))

    return _Vocab(
        columns=[(r, re.compile(r"(?<![a-z])(?:" + words(lab.columns[r]) + r")(?![a-z])"))
                 for r in _ROLES if r in lab.columns],
        sections=[(k, re.compile(r"^(?:" + "|".join(v) + ")")) for k, v in lab.sections.items()],
        unit=re.compile(r"^(?:" + words(lab.unit_words) + r")(?![a-z])"),
        award_end=re.compile(_labels.award_phrases().entry_end),
        year=re.compile(lab.year),
        list_end=re.compile("|".join(f"(?:{p})" for p in lab.list_end)),
        not_entry=re.compile(r"^(?:" + "|".join(lab.not_entry) + ")"),
        subject_end=re.compile(r"^\W*(?:" + "|".join(lab.subject_end) + ")"),
        salutation=re.compile(lab.salutation),
        kind_words={k: re.compile(v) for k, v in lab.kind_words.items()},
        address=re.compile(r"\s*[,;\-–]\s*(?=" + lab.address_words + ")"),
        prose_to=re.compile(lab.prose_to),
        prose_target_end=re.compile(lab.prose_target_end),
        generic_targets=re.compile(lab.generic_targets),
    )


@lru_cache(maxsize=1)
def _squeezed_columns() -> list[tuple[str, re.Pattern[str]]]:
    lab = _labels.lists().columns
    return [(r, re.compile("|".join(re.escape(v.replace(" ", "")) for v in sorted(vs, key=len, reverse=True)
                                    if len(v.replace(" ", "")) >= 5)))
            for r, vs in lab.items() if any(len(v.replace(" ", "")) >= 5 for v in vs)]


# --- pieces of an entry ---------------------------------------------------------------------------


def _honorific_end(text: str) -> int:
    """Where the honorifics, ranks or degrees before a person's name end (0: none), by the words of
    ``data/labels/names.yaml``. ``Chi bộ …`` and ``Cơ quan …`` fold like ``chị``/``cô`` + a word, so a
    unit's opening words and a lower-case next word are no name."""
    words = text.split()
    n = _names.leading_titles(words)
    if n == 0 or n >= len(words):
        return 0
    unit = _vocab().unit.match(fold1(text))
    if unit and " " in unit.group(0):
        return 0
    if not words[n][:1].isupper():
        return 0
    return len(" ".join(words[:n])) + 1


def strip_honorifics(text: str) -> str:
    """``Đồng chí Thượng tá Nguyễn Văn A`` -> ``Nguyễn Văn A``: titles and ranks before a name go."""
    text = text.strip()
    return text[_honorific_end(text):].strip()


def has_honorific(text: str) -> bool:
    return _honorific_end(text.strip()) > 0


def split_name(text: str) -> tuple[str, str | None]:
    """A person's bare name (``_names.strip_honorifics``, the one cut every reader of names uses) and
    what follows it: the position (``, Phó Chủ tịch UBND xã``, ``Phó Giám đốc Sở`` with no comma)."""
    text = re.sub(r"^[\s\-–•+*:]+", "", text).strip()
    bare = _names.strip_honorifics(text)
    at = text.find(bare) if bare else -1
    if at < 0:
        return bare, None
    rest = clean_text(text[at + len(bare):].strip(" ,;:.)(-–")) or None
    return bare, rest


def kind_of_name(text: str) -> NomineeKind | None:
    """Individual or collective, from the way the name is written (used when nothing else says)."""
    if has_honorific(text):
        return "individual"
    text = text.strip()
    folded = fold1(text)
    unit = _vocab().unit.match(folded)
    if unit and " " in unit.group(0):
        return "collective"  # "Uỷ ban …", "Hợp tác xã …", "Tổ dân phố …"
    words = text.split()
    named = looks_like_person_name(text) and len(words) <= 5
    if unit:
        lab = _labels.lists()
        if fold1(words[0]) not in lab.surnames or words[0].lower() in lab.unit_heads or not named:
            return "collective"  # "Thôn Hà Thượng", "TRƯỜNG MẦM NON HỒ XÁ" (not "TRƯƠNG VĂN SƠN")
    return "individual" if named else None


def award_in(text: str) -> tuple[str, str, int] | None:
    """(name as written, code, where the phrase starts) of the first award named in ``text``."""
    folded = fold1(text)
    best: tuple[int, int] | None = None
    for _code, pattern in award_patterns():
        m = pattern.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    start, stop = best
    lead = re.search(_labels.award_phrases().before_award, folded[:start])
    phrase_start = lead.start() if lead and lead.group(0).strip() else start
    end = _vocab().award_end.search(folded, stop)
    name = text[start: end.start() if end else len(text)]
    name = name.replace("“", "").replace("”", "").replace('"', "").strip(_QUOTES + " :,;.-–")
    code = award_code(name)
    if not name or code is None:
        return None
    return clean_text(name) or name, code, phrase_start


def list_year(text: str) -> int | None:
    """The year a list's subject gives: ``năm 2025``, ``năm học 2023 - 2024`` (the later year)."""
    m = _vocab().year.search(fold1(text))
    return int(m.group(1)) if m else None


def section_of(text: str) -> NomineeKind | None:
    body = fold1(_ORDINAL.sub("", text, count=1)).strip(" :.-")
    for kind, pattern in _vocab().sections:
        if pattern.match(body):
            return kind  # type: ignore[return-value]
    return None


def _holder_kind(code: str | None) -> NomineeKind | None:
    holder = award_holder(code)
    if holder == "individual":
        return "individual"
    if holder in ("collective", "household"):
        return "collective"
    return None


def _entry(doc_kind: str, name_text: str, ctx: _Context, award: tuple[str, str] | None, line: Line,
           *, position: str | None = None, work_unit: str | None = None, birth: str | None = None,
           gender: str | None = None, year: int | None = None, default_kind: NomineeKind | None = None
           ) -> Listed | None:
    """A Listed from the parts of one entry; None when the name part names nobody."""
    name_text = clean_text(name_text.strip(_QUOTES + " :;,.-–")) or ""
    if len(name_text) < 3 or not re.search(r"[^\W\d_]{2}", name_text):
        return None
    award = award or ctx.award
    code = award[1] if award else None
    kind = ("individual" if has_honorific(name_text) else None) or ctx.kind or _holder_kind(code) \
        or kind_of_name(name_text) or default_kind
    if kind is None:
        return None
    rest = None
    if kind == "individual":
        bare, rest = split_name(name_text)
        name = normalize_name(bare) if looks_like_person_name(bare) else clean_text(bare)
    else:
        name = re.sub(r"^(?:tap the|tập thể)\s+", "", name_text, flags=re.IGNORECASE)
        # the name only: no trailing note in brackets, no address after it
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        cut = _vocab().address.search(fold1(name))
        name = clean_text(name[: cut.start()] if cut else name)
    if not name:
        return None
    listed = Listed(doc_kind=doc_kind, name=name, kind=kind, award_name=award[0] if award else None,
                    award_code=code, award_year=year, line=line)
    if kind == "individual":
        listed.position = clean_text(position) or rest
        listed.work_unit = clean_text(work_unit)
        listed.birth_date = parse_date(birth) if birth else None
        listed.gender = parse_gender(gender) if gender else None  # type: ignore[assignment]
    return listed


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
        for role, pattern in _vocab().columns:
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
    numbered = bool(_NUMBER_CELL.match(first))
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
            if found is not None and not any(re.search(r"\d", c) for c in cells):
                roles, table, header = found, line.table, cells
                continue
        if roles is not None and line.table != table and _next_page_part(line, out, header, table):
            table = line.table  # the table goes on over the page break, with no header repeated
        if roles is None or line.table != table:
            continue
        if not out and cells and _gender_subheader(cells, roles):
            continue  # the header's second row: "Nam | Nữ" under "Giới tính" or "Năm sinh"
        folded = fold1(line.text).strip()
        if _vocab().list_end.search(folded) and not re.match(r"\W*\d", folded):
            roles = None  # "Kính trình …", "Nơi nhận:", "(Có hồ sơ … kèm theo)": the list is over
            continue
        if out and line.source == "ocr" and "ordinal" in roles and len(line.text) <= 60 and _continues(line, out[-1]):
            _append(out[-1], line)
            continue
        if not cells or len(cells) < 2:
            if line.source != "ocr" or len(line.text) > 60:
                roles = None  # the table has ended
            continue
        out.append((line, list(cells), roles, header))
    return out


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
    if _NUMBER_CELL.match(first) or line.page != prev[0].page:
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


def from_table(doc_kind: str, lines: list[Line], ctx: _Context, year: int | None) -> list[Listed]:
    """Entries of every list table among ``lines`` (rows are ``Line``s with ``cells``)."""
    out: list[Listed] = []
    local = _Context(ctx.kind, ctx.award)
    current: dict[str, int] | None = None
    for line, row, roles, header in table_rows(lines):
        if roles is not current:
            current, local = roles, _Context(ctx.kind, ctx.award)
        cells = tuple(row)
        if all(re.fullmatch(r"\W*\(?\d{1,2}\)?\W*", c) or not c.strip() for c in cells):
            continue  # the row of column numbers under the header
        if _group_row(cells, roles):
            text = " ".join(dict.fromkeys(c for c in cells if c.strip()))
            local.kind = section_of(_strip_first_number(text)) or local.kind
            got = award_in(text)
            if got:
                local.award = got[:2]
                local.kind = section_of(_strip_first_number(text)) or _holder_kind(got[1]) or local.kind
            continue
        name = _cell(cells, roles, "name")
        if not name or _NUMBER_CELL.match(name):
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
        row_year = list_year(award_text or "") or year
        entry = _entry(doc_kind, name, local, award[:2] if award else None, line,
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


def _strip_first_number(text: str) -> str:
    return re.sub(r"^\W*(?:\d{1,3}|[ivxl]{1,4}|[a-zđ])\W+", "", text, flags=re.IGNORECASE)


# --- paragraphs -----------------------------------------------------------------------------------


def from_paragraphs(doc_kind: str, lines: list[Line], ctx: _Context, year: int | None) -> list[Listed]:
    """Entries written as numbered or bulleted paragraphs, under their headings."""
    out: list[Listed] = []
    local = _Context(ctx.kind, ctx.award)
    not_entry = _vocab().not_entry
    end = _vocab().list_end
    salutation = False  # "Kính gửi:" then its recipients as bullets: no nominees
    for line in lines:
        text = line.text
        folded = fold1(text)
        hail = _vocab().salutation.search(folded)
        if hail and (not folded[: hail.start()].strip(" -|:") or line.cells):
            # recipients follow on their own lines when none is written after "Kính gửi:"
            salutation = len(re.sub(r"^\S*\W*", "", folded[hail.end():])) < 4 or bool(line.cells)
            continue
        if line.cells:
            continue
        body = _ORDINAL.sub("", text, count=1)
        numbered = len(body) < len(text)
        fbody = fold1(body).strip()
        if salutation and len(text) < 100 and not re.match(r"\W*(?:\d{1,2}\s*[.)]|can cu)", folded):
            continue  # a recipient, bulleted or not
        salutation = False
        if end.match(fbody):
            if out:
                break
            continue
        if not_entry.match(fbody):
            continue
        head, colon, tail = body.partition(":")
        head_kind = section_of(head)
        head_award = award_in(head)
        if head_award is not None and head_award[2] > 2:
            head_award = None
        if colon and (head_kind or head_award) and len(head) < 90 and not has_honorific(head):
            # "- Cá nhân: ông A, …; bà B, …" / "1. Bằng khen của …: Trường X; ông Y, …"
            local.kind = head_kind or _kind_words(fold1(head)) or (local.kind if head_award else None)
            local.award = head_award[:2] if head_award else local.award
            row_year = list_year(head) or year
            for piece in re.split(r"\s*;\s*", tail):
                piece = re.sub(r"\([^)]*\)", "", piece).strip(" .;,")
                if len(piece) < 3:
                    continue
                entry = _entry(doc_kind, piece, local, None, line, year=row_year)
                if entry is not None:
                    out.append(entry)
            continue
        kind = section_of(text)
        got = award_in(body)
        starts_with_award = got is not None and got[2] <= 2
        if kind is not None and (len(body) < 80 or starts_with_award) and not has_honorific(body):
            local.kind = kind
            local.award = got[:2] if got else local.award
            continue
        if starts_with_award and got is not None:
            local.award = got[:2]  # "1. Danh hiệu Chiến sĩ thi đua cơ sở" (the entries follow)
            local.kind = _kind_words(folded) or _holder_kind(got[1]) or local.kind
            continue
        if not numbered and not has_honorific(body):
            continue
        if got is not None:
            name_part, award = body[: got[2]], got[:2]
            row_year = list_year(body[got[2]:]) or year
        elif local.award is not None:
            name_part, award, row_year = re.split(r"\s*[;:]\s*", body)[0], None, year
        else:
            continue
        name_part = re.sub(r"[\s,;:\-–]*$", "", name_part)
        name_part = re.sub(r"\s*,?\s*(?:đề nghị|de nghi)\s*$", "", name_part, flags=re.IGNORECASE)
        if not (has_honorific(name_part) or kind_of_name(name_part.split(",")[0]) or local.kind):
            continue
        entry = _entry(doc_kind, name_part, local, award, line, year=row_year)
        if entry is not None:
            out.append(entry)
    return out


def _kind_words(folded: str) -> NomineeKind | None:
    """The kind a heading or subject names, when it names only one."""
    found = [k for k, p in _vocab().kind_words.items() if p.search(folded)]
    return found[0] if len(found) == 1 else None  # type: ignore[return-value]


# --- a document's list ------------------------------------------------------------------------------


def subject(lines: list[Line], title_index: int) -> str:
    """The title and the subject lines under it (``V/v đề nghị tặng … năm 2025``), up to the
    salutation, the grounds or the body: the subject may wrap, the letter's body must not count."""
    block = [lines[title_index].text] if lines else []
    for line in lines[title_index + 1: title_index + 4]:
        f = fold1(line.text).strip()
        if line.cells or len(line.text) > 220 or _vocab().subject_end.match(f):
            break
        block.append(line.text)
    return " ".join(block)


def listed_in(doc_kind: str, lines: list[Line], title_index: int, fallback_year: int | None = None) -> list[Listed]:
    """Every nominee a cover letter or a danh sách lists, in order: its tables, then its paragraphs."""
    head = subject(lines, title_index)
    year = list_year(head) or fallback_year
    got = award_in(head)
    ctx = _Context(kind=_kind_words(fold1(head)), award=got[:2] if got else None)
    body = lines[title_index + 1:]
    entries = from_table(doc_kind, body, ctx, year)
    if not entries:
        entries = from_paragraphs(doc_kind, body, ctx, year)
    if not entries and doc_kind == "to_trinh":
        entries = from_prose(doc_kind, body, year)
    return entries


def from_prose(doc_kind: str, lines: list[Line], year: int | None) -> list[Listed]:
    """Nominees a cover letter names inside its request sentence: ``… tặng Bằng khen cho ông A,
    giáo viên Trường B và công nhận danh hiệu Tập thể lao động xuất sắc cho Trường C.``"""
    out: list[Listed] = []
    for line in lines:
        if line.cells or _vocab().not_entry.match(fold1(line.text).strip()):
            continue
        text = line.text
        pos = 0
        while True:
            got = award_in(text[pos:])
            if got is None:
                break
            start = pos + got[2]
            m = _vocab().prose_to.search(fold1(text), start)
            nxt = award_in(text[start + 3:])
            limit = start + 3 + nxt[2] if nxt else len(text)
            pos = start + 3
            if m is None or m.start() > limit:
                continue
            target = text[m.end():]
            end = _vocab().prose_target_end.search(fold1(target))
            target = target[: end.start() if end else len(target)].strip(" ,")
            if not target or _vocab().generic_targets.match(fold1(target)):
                continue
            if not (has_honorific(target) or kind_of_name(target.split(",")[0])):
                continue
            entry = _entry(doc_kind, target, _Context(), got[:2], line, year=year)
            if entry is not None:
                out.append(entry)
    return out
