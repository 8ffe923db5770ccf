"""Helpers shared by the per-document parsers: provenance, the date line, the award in a title."""

from __future__ import annotations

import re

from extractors._text import fold1
from extractors.lines import Line
from record.awards import award_code
from record.models import Provenance, ProvenanceMap
from record.normalize import parse_date

_DATE_LINE = re.compile(r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}|,\s*ngay\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")


def prov(line: Line) -> Provenance:
    return Provenance(page=line.page, line=line.text, confidence=line.confidence, source=line.source)


def put(provenance: ProvenanceMap, field: str, line: Line | None) -> None:
    if line is not None:
        provenance[field] = prov(line)


def date_line(lines: list[Line], limit: int | None = None) -> tuple[str | None, Line | None]:
    """The place-and-date line of a header (``Vĩnh Linh, ngày 10 tháng 11 năm 2024``)."""
    for line in lines[:limit]:
        m = _DATE_LINE.search(fold1(line.text))
        if m:
            text = line.cells[-1] if line.cells else line.text
            return parse_date(text[m.start():] if not line.cells else text) or parse_date(line.text), line
    return None, None


_AWARD_LEAD = re.compile(
    r"(?:de nghi|xet|trinh)\s*(?:xet\s*)?(?:tang|truy tang|cong nhan|khen thuong)?\s*"
    r"(?:danh hieu|hinh thuc|hinh thuc khen thuong)?\s*[:\"“”'‘’]*\s*"
)
_AWARD_END = re.compile(r"\s*(?:\bnam\s*(?:hoc\s*)?\d{4}|\bgiai doan\b|\bcho\s+(?:tap the|ca nhan)|\(|\bva\b|$)")
_QUOTES = "\"“”'‘’«»"


def award_from_title(lines: list[Line], title_index: int, date_year: int | None) -> tuple[str | None, str | None, int | None, Line | None]:
    """(name as written, code, year, line) of the award a report asks for, from its title block."""
    block = lines[title_index:title_index + 5]
    for line in block:
        text = line.text
        f = fold1(text)
        m = _AWARD_LEAD.search(f)
        if not m:
            continue
        rest = text[m.end():]
        end = _AWARD_END.search(fold1(rest))
        name = rest[: end.start()] if end else rest
        name = name.strip(_QUOTES + " :,.-").replace("“", "").replace("”", "").replace('"', "").strip()
        if not name:
            continue
        code = award_code(name)
        if code is None:
            continue
        ym = re.search(r"nam\s*(?:hoc\s*\d{4}\s*-\s*)?(\d{4})", fold1(rest))
        year = int(ym.group(1)) if ym else date_year
        return name, code, year, line
    # no "đề nghị tặng …" phrase: any line of the block naming an award
    for line in block[1:]:
        code = award_code(line.text)
        if code:
            name = line.text.strip(_QUOTES + " :,.-")
            ym = re.search(r"nam\s*(\d{4})", fold1(line.text))
            return name, code, int(ym.group(1)) if ym else date_year, line
    return None, None, date_year, None
