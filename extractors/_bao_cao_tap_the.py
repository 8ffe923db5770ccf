"""The collective achievement report (báo cáo thành tích tập thể, NĐ 98/2023 Mẫu 02, NĐ 152/2025
Mẫu 04) -> one ``Nomination`` of a unit.

Section I gives the unit by labels (``data/labels/unit.yaml``): its name (else the line under the
title), address, headcount (else the number before a staff noun in prose) and head (else the
right-hand signature). Values are only the value: the name without the address written after it,
the head without honorific, rank or title (``extractors._names``). A field whose label is there
but whose value could not be read is flagged unread (``extractors._unread``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._bao_cao import frame, nomination, signer, signer_by_column
from extractors._common import put, title_block
from extractors._fieldlines import LabelReader
from extractors._names import strip_honorifics
from extractors._text import fold1
from extractors._unread import drop_noise, mark_unread
from extractors.lines import Line
from extractors.segment import Segment
from record.models import Nomination, ProvenanceMap, Unit
from record.normalize import clean_text, normalize_name, parse_int


@lru_cache(maxsize=1)
def _unit_reader() -> LabelReader:
    return LabelReader.for_table(_labels.unit())


def _unit_name_fallback(lines: list[Line], title_index: int) -> Line | None:
    """The collective named on the line under the (possibly wrapped) title."""
    skip = [re.compile(p) for p in _labels.report().unit_name_skip]
    start = title_index + len(title_block(lines, title_index))
    for line in lines[start:start + 5]:
        f = fold1(line.text).strip()
        if any(p.search(f) for p in skip):
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


def _headcount_from_table(lines: list[Line]) -> tuple[int | None, Line | None]:
    """Staff counted in a table: the number in its total row (``Tổng cộng | 23``), when the rows
    above it or the line that introduces it name staff (``Đội ngũ cán bộ, công chức xã:``)."""
    words = _labels.report()
    for idx, line in enumerate(lines):
        if not line.cells or len(line.cells) < 2 or not re.match(words.total_row, fold1(line.cells[0])):
            continue
        above = " ".join(fold1(ln.text) for ln in lines[max(0, idx - 6): idx])
        n = parse_int(line.cells[-1])
        if n is not None and n < 100_000 and re.search(words.staff_nouns, above):
            return n, line
    return None, None


def _head_from_signature(lines: list[Line]) -> tuple[str | None, Line | None]:
    """The unit head who signs the report: the last signature column that is not the superior's
    (``Xác nhận của cấp trên``)."""
    superior = re.compile(_labels.report().signature_superior)

    def own_column(folded: list[str]) -> int | None:
        own = [k for k, c in enumerate(folded) if c.strip() and not superior.search(c)]
        return own[-1] if own else None

    heading = re.compile(_labels.report().signature_head)
    found = signer_by_column(lines, lambda f: bool(heading.search(f)), lambda f: bool(superior.search(f)))
    return found if found[0] else signer(lines, own_column)


@lru_cache(maxsize=1)
def _address_tail() -> re.Pattern[str]:
    return re.compile(_labels.report().unit_name_address)


def unit_name(text: str | None) -> tuple[str | None, str | None]:
    """(the unit's name alone, the address written after it or None).

    The name has no leading bullet or quotes and no address after it (``Trạm Y tế xã Vĩnh Hoàng,
    địa chỉ: thôn …``, ``… - trụ sở …``, ``Trường …, thôn Tân Lý, …``), also when a scan's wrapped
    address line was joined to the name. The address loses its ``địa chỉ:`` lead.
    """
    name = clean_text(text)
    if not name:
        return None, None
    name = re.sub(r"^[\s\-–•+*]+", "", name)
    address = None
    cut = _address_tail().search(fold1(name))
    if cut and cut.start() > 0:
        name, rest = name[: cut.start()], re.sub(r"^\s*[,;\-–]\s*", "", name[cut.start():])
        lead = re.match(_labels.report().address_lead, fold1(rest))
        address = clean_text(rest[lead.end():] if lead else rest)
    return clean_text(name.strip("\"“”'‘’ ,;")), address


def parse_tap_the(seg: Segment) -> Nomination:
    """The nomination of a unit that one collective report asks for."""
    fr = frame(seg)
    reader = _unit_reader()
    section = fr.lines[seg.title_index: fr.body_end]
    hits = reader.read(section)
    unparsed = drop_noise(hits)
    raw = {k: h.value for k, h in hits.items()}
    name_line = hits["name"].line if "name" in hits else _unit_name_fallback(fr.lines, seg.title_index)
    name, address_after_name = unit_name(raw["name"] if "name" in hits else (name_line.text if name_line else None))
    address, address_line = clean_text(raw.get("address")), hits["address"].line if "address" in hits else None
    if address is None and address_after_name:
        address, address_line = clean_text(address_after_name.rstrip(" .;")), name_line
    headcount = parse_int(raw.get("headcount"))
    hc_line = hits["headcount"].line if "headcount" in hits else None
    if headcount is None:
        headcount, hc_line = _headcount_fallback(fr.part1 or fr.lines[: fr.body_end])
    if headcount is None:
        headcount, hc_line = _headcount_from_table(fr.part1 or fr.lines[: fr.body_end])
    head = normalize_name(strip_honorifics(raw.get("head")))
    head_line = hits["head"].line if "head" in hits else None
    if head is None:
        head, head_line = _head_from_signature(fr.signatures)
    unit = Unit(name=name, address=address, headcount=headcount, head=head)
    prov: ProvenanceMap = {}
    put(prov, "unit.name", name_line)
    put(prov, "unit.address", address_line)
    put(prov, "unit.headcount", hc_line)
    put(prov, "unit.head", head_line)
    values = unit.model_dump()
    unparsed.update({k: h for k, h in hits.items() if values.get(k) is None})
    mark_unread(prov, "unit", values, reader.empty_labels(section), unparsed)
    return nomination(seg, fr, "collective", unit=unit, provenance=prov)
