"""The individual achievement report (báo cáo thành tích cá nhân, NĐ 98/2023 Mẫu 03, NĐ 152/2025
Mẫu 05) -> one ``Nomination`` of a person.

Section I gives the person, by labels (``data/labels/person.yaml``), or, when the labels give
almost nothing, in sentences (``Tôi tên là …, sinh ngày …``). A name only in the title
(``… CỦA ÔNG HOÀNG VĂN ĐỨC``) is the nominee, and its honorific the gender. Values are only the
value: a name without honorific, rank or position (``extractors._names``); a farmer has no work
unit. A field whose label is there but whose value could not be read is flagged unread
(``extractors._unread``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._bao_cao import Frame, frame, nomination, signer, signer_by_column
from extractors._common import put
from extractors._fieldlines import Hit, LabelReader, clean_value
from extractors._names import strip_honorifics
from extractors._text import fold1, looks_like_person_name
from extractors._unread import drop_noise, mark_unread
from extractors.lines import Line
from extractors.segment import Segment
from record.models import Nomination, Person, ProvenanceMap
from record.normalize import clean_text, normalize_name, parse_date, parse_gender
from record.positions import has_class, position_classes


@lru_cache(maxsize=1)
def _person_reader() -> LabelReader:
    return LabelReader.for_table(_labels.person())


def _prose_person(lines: list[Line]) -> dict[str, Hit]:
    """Section I written as sentences: keyword → value up to ";", "." or the next keyword's comma."""
    keys = [(field, k) for field, ks in _labels.person().prose.items() for k in ks]
    keys.sort(key=lambda fk: len(fk[1]), reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<f{i}>{k})" for i, (_, k) in enumerate(keys)) + r")(?!\w)")
    linkers = "|".join(re.escape(w) for w in _labels.report().prose_linkers)
    linker = re.compile(rf"^\s*(?:{linkers})\s+", re.IGNORECASE)
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
            value = linker.sub("", text[end:stop])
            value = clean_value(value)
            if value and field not in found:
                found[field] = Hit(field, value, line)
    return found


def _name_in_title(block: list[Line]) -> tuple[Hit, str | None] | None:
    """``… CỦA ÔNG NGUYỄN VĂN AN`` / ``của bà …``: the nominee named in the title block, and the
    gender its honorific says (``report.yaml`` ``title_gender``), if any."""
    words = _labels.report()
    for line in block:
        m = re.search(words.title_nominee, fold1(line.text))
        if not m:
            continue
        cand = re.split(r"[,(;]|\s-\s", line.text[m.start("name"):])[0]
        cand = re.sub(r"\s+(?:NĂM|năm|Năm)\s+\d{4}.*$", "", cand).strip(" .:")
        if looks_like_person_name(cand):
            return Hit("full_name", cand, line), words.title_gender.get(m.group("honorific"))
    return None


def _is_leader(position: str | None) -> bool | None:
    """A leader or manager by the one list of position titles (``data/reference/positions.yaml``)."""
    if not position:
        return None
    return bool(position_classes(position) & {"leader", "manager"})


def is_farmer(text: str | None) -> bool:
    """The text names farming as the person's work (``Nông dân``, ``Làm ruộng``, ``Hộ sản xuất``):
    it *begins* with a phrase of the ``farmer`` class of ``data/reference/positions.yaml``, so an
    office (``Chủ tịch Hội Nông dân``) is no farmer."""
    return has_class(text, "farmer")


def _reporter(lines: list[Line]) -> tuple[str | None, Line | None]:
    """The name signed under ``Người báo cáo``: in an individual report, the nominee."""
    reporter = re.compile(_labels.report().signature_reporter)
    superior = re.compile(_labels.report().signature_superior)
    found = signer_by_column(lines, lambda f: bool(reporter.search(f)), lambda f: bool(superior.search(f)))
    return found if found[0] else signer(
        lines, lambda folded: next((k for k, c in enumerate(folded) if reporter.search(c)), None))


def _person_hits(seg: Segment, fr: Frame) -> tuple[dict[str, Hit], dict[str, Hit], dict[str, Hit]]:
    """(values, labels with no value, values that are only noise) of section I."""
    reader = _person_reader()
    section = fr.part1 or fr.lines
    hits = reader.read(section)
    if len(hits) < 3:  # no form labels: the section is written as sentences
        for k, h in _prose_person(fr.part1 or fr.lines[: fr.body_end]).items():
            hits.setdefault(k, h)
    noise = drop_noise(hits)
    if "full_name" not in hits:
        named = _name_in_title(fr.lines[seg.title_index: seg.title_index + 5])
        if named is not None:
            hits["full_name"] = named[0]
            if "gender" not in hits and named[1]:
                # "của ông …" / "của bà …": the title says it (samplegen README, held-out set)
                hits["gender"] = Hit("gender", named[1], named[0].line)
    if "full_name" in hits and "gender" not in hits:  # "Họ và tên: Bà Nguyễn Thị Hoa": the honorific says it
        first = fold1(hits["full_name"].value).split()[:1]
        said = _labels.report().title_gender.get(first[0]) if first else None
        if said:
            hits["gender"] = Hit("gender", said, hits["full_name"].line)
    if "full_name" not in hits:  # the name line is illegible: the nominee signs the report
        name, line = _reporter(fr.signatures)
        if name and line:
            hits["full_name"] = Hit("full_name", name, line)
    return hits, reader.empty_labels(section), noise


def parse_ca_nhan(seg: Segment) -> Nomination:
    """The nomination of a person that one individual report asks for."""
    fr = frame(seg)
    hits, blanks, unparsed = _person_hits(seg, fr)
    raw = {k: h.value for k, h in hits.items()}
    position = clean_text(raw.get("position"))
    work_unit = clean_text(raw.get("work_unit"))
    farmer = is_farmer(position) or is_farmer(work_unit)
    person = Person(
        full_name=normalize_name(strip_honorifics(raw.get("full_name"))),
        gender=parse_gender(raw.get("gender")),  # type: ignore[arg-type]
        birth_date=parse_date(raw.get("birth_date")),
        ethnicity=clean_text(raw.get("ethnicity")),
        hometown=clean_text(raw.get("hometown")),
        residence=clean_text(raw.get("residence")),
        position=position,
        work_unit=None if farmer else work_unit,  # a farmer's "Đơn vị" is the village: no work unit
        qualification=clean_text(raw.get("qualification")),
        is_leader=_is_leader(position),
    )
    prov: ProvenanceMap = {}
    for k, h in hits.items():
        if not (farmer and k == "work_unit"):
            put(prov, f"person.{k}", h.line)
    if "position" in hits:
        put(prov, "person.is_leader", hits["position"].line)
    values = person.model_dump(exclude={"is_leader", "work_unit"} if farmer else {"is_leader"})
    unparsed.update({k: h for k, h in hits.items() if k in values and values[k] is None})
    mark_unread(prov, "person", values, blanks, unparsed)
    if prov.get("person.position") and prov["person.position"].unread:
        prov["person.is_leader"] = prov["person.position"]  # derived from the position tdkt could not read
    return nomination(seg, fr, "individual", person=person, provenance=prov)
