"""Helpers shared by the per-document parsers: provenance, the date line, the award in a title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors import _labels
from extractors._text import fold1, mostly_capitals
from extractors.lines import Line
from record.awards import award_catalogue, award_code, award_patterns
from record.models import Provenance, ProvenanceMap
from record.normalize import normalize_docno, parse_date

# the place-and-date line; the day is often left blank to be written in by hand at signing
_DATE_LINE = re.compile(r"ngay\s*(?:\d{1,2}|[.…_ ]*)\s*thang\s*\d{1,2}\s*nam\s*\d{4}|,\s*ngay\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")


def prov(line: Line) -> Provenance:
    return Provenance(page=line.page, line=line.text, confidence=line.confidence, source=line.source,
                      bbox=line.bbox)


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


@dataclass(frozen=True)
class _Phrases:
    """``data/labels/award_phrases.yaml`` compiled: how a title asks for its award."""

    lead: re.Pattern[str]
    end: re.Pattern[str]
    line: re.Pattern[str]


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    p = _labels.award_phrases()
    return _Phrases(re.compile(p.title_lead), re.compile(p.title_end), re.compile(p.award_line))


_QUOTES = "\"“”'‘’«»"


def title_block(lines: list[Line], title_index: int) -> list[Line]:
    """The title and the lines that go on with it (a title may wrap over two or three lines)."""
    block: list[Line] = []
    for k, line in enumerate(lines[title_index:title_index + 6]):
        f = fold1(line.text).strip()
        has_lead = bool(_phrases().lead.search(f))
        if k and (line.cells or f.startswith("(") or re.match(r"[\W_]*(?:[ivxl]{1,4}|\d{1,2})\s*[.)]", f) or _DATE_LINE.search(f)
                  or not (mostly_capitals(line.text) or (has_lead and not any(_phrases().lead.search(fold1(b.text)) for b in block)))):
            break
        block.append(line)
        joined = fold1(" ".join(b.text for b in block))
        lead = _phrases().lead.search(joined)
        if lead and re.search(r"\bnam\s*(?:hoc\s*)?\d{4}(?:\s*-\s*\d{4})?", joined[lead.end():]):
            break  # the title has closed with its year
    return block




def award_from_title(lines: list[Line], title_index: int, date_year: int | None) -> tuple[str | None, str | None, int | None, Line | None]:
    """(name as written, code, year, line) of the award a report asks for, from its title block.

    A "Hình thức đề nghị: …" line under the title says it outright and wins over the title.
    """
    block = title_block(lines, title_index)
    text = " ".join(b.text for b in block)
    title_year = re.search(r"nam\s*(?:hoc\s*\d{4}\s*-\s*)?(\d{4})", fold1(text))
    for line in lines[title_index + 1:title_index + 14]:
        m = _phrases().line.match(fold1(line.text))
        if not m:
            continue
        value = line.text[m.end():]
        value = re.sub(r"^\s*(?:danh hiệu|hình thức)\s*", "", value, flags=re.IGNORECASE)
        end = _phrases().end.search(fold1(value))
        name = (value[: end.start()] if end else value).strip(_QUOTES + " :,.-").replace("“", "").replace("”", "")
        code = award_code(name)
        if code:
            ym = re.search(r"nam\s*(?:hoc\s*\d{4}\s*-\s*)?(\d{4})", fold1(value)) or title_year
            return name, code, int(ym.group(1)) if ym else date_year, line
    starts = []
    pos = 0
    for b in block:
        starts.append(pos)
        pos += len(b.text) + 1

    def line_at(offset: int) -> Line:
        return block[max(k for k, s in enumerate(starts) if s <= offset)]

    f = fold1(text)
    for m in _phrases().lead.finditer(f):
        rest = text[m.end():]
        end = _phrases().end.search(fold1(rest))
        name = rest[: end.start()] if end else rest
        name = name.strip(_QUOTES + " :,.-").replace("“", "").replace("”", "").replace('"', "").strip()
        if not name:
            continue
        line = line_at(m.end())
        name = mend_award_name(name, line) or name
        code = award_code(name)
        if code is None:
            continue
        ym = re.search(r"nam\s*(?:hoc\s*\d{4}\s*-\s*)?(\d{4})", fold1(rest))
        year = int(ym.group(1)) if ym else date_year
        return name, code, year, line
    # no "đề nghị tặng …" phrase (or OCR broke it): a line of the block naming an award, cut to
    # the quoted name or to where the award's own words begin
    for line in block[1:] or lines[title_index + 1:title_index + 3]:
        code = award_code(line.text)
        if not code:
            continue
        quoted = re.search(r"[“\"]([^”\"]{3,80})[”\"]", line.text)
        if quoted and award_code(quoted.group(1)):
            name = quoted.group(1)
        else:
            f = fold1(line.text)
            starts = [m.start() for _c, p in award_patterns() if (m := p.search(f))]
            rest = line.text[min(starts):] if starts else line.text
            end = _phrases().end.search(fold1(rest))
            name = rest[: end.start()] if end else rest
        name = mend_award_name(name.strip(_QUOTES + " :,.-"), line) or name
        ym = re.search(r"nam\s*(\d{4})", fold1(" ".join(b.text for b in block)))
        return name, code, int(ym.group(1)) if ym else date_year, line
    return None, None, date_year, None


def _one_letter_off(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1 (a letter misread, added or lost)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def docno(text: str | None, line: Line | None) -> str | None:
    """A document number in normal form; on OCRed lines, code tokens one letter off are mended."""
    number = normalize_docno(text)
    if not number or line is None or line.source != "ocr":
        return number
    codes = _labels.docno_codes().codes
    head, _, tail = number.partition("/")
    tokens = re.split(r"(-)", tail)
    for k, tok in enumerate(tokens):
        if tok == "-" or tok in codes or tok.isdigit():
            continue
        near = [c for c in codes if _one_letter_off(tok.upper(), c.upper())]
        if len(near) == 1:
            tokens[k] = near[0]
    return f"{head}/{''.join(tokens)}"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold1(text)).strip()


@lru_cache(maxsize=1)
def _award_lexicon() -> dict[str, str]:
    names = [row["name"] for row in award_catalogue().values()] + _labels.award_names().names
    return {_key(n): n for n in names if "(" not in n}


def mend_award_name(name: str | None, line: Line | None) -> str | None:
    """On an OCRed line, an award name equal to a known one but for its marks takes the known marks."""
    if not name or line is None or line.source != "ocr":
        return name
    known = _award_lexicon().get(_key(name))
    if known is None or known == name:
        return name
    if mostly_capitals(name):
        return known.upper()
    return known
