"""One nomination per nominee and award: the mentions of a file's documents merged.

A nominee is often named three times in one file: in the cover letter's list, in the council's vote
table and in their own report. The contract makes that one nomination, matched by the folded name
(no diacritics, case, honorifics or ranks) and the award code; the report's values come first and
the lists fill what the report lacks; ``named_in`` keeps the kinds of the naming documents in order.
The same nominee twice in one list stays two nominations: a defect for the validators to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors._list_entry import Listed, drop_titles
from extractors._text import edit_distance, fold1
from record.models import Award, Nomination, Person, Provenance, ProvenanceMap, Unit

_PERSON_FIELDS = ("full_name", "gender", "birth_date", "position", "work_unit")


def name_key(name: str | None) -> str:
    """The folded form two mentions of one nominee share."""
    if not name:
        return ""
    text = drop_titles(name)
    text = re.sub(r"^(?:tap the)\s+", "", fold1(text))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _close(a: str, b: str) -> bool:
    """Same name, or one OCR letter apart, or a collective named with its place added."""
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) > 8 and len(b) > 8 and (a.startswith(b + " ") or b.startswith(a + " ")):
        return True
    a_, b_ = a.replace(" ", ""), b.replace(" ", "")
    if a_ == b_ and len(a_) >= 6:
        return True  # OCR ran the words together ("PẢTHỊLAN")
    if abs(len(a_) - len(b_)) > 1 or len(a_) < 8:
        return False
    return edit_distance(a_, b_) <= 1


def nomination_of(listed: Listed) -> Nomination:
    """The nomination a list entry alone gives: only what the list shows."""
    prov: ProvenanceMap = {}
    if listed.line is not None:
        p = Provenance(page=listed.line.page, line=listed.line.text, confidence=listed.line.confidence,
                       source=listed.line.source, bbox=listed.line.bbox)
        name_field = "person.full_name" if listed.kind == "individual" else "unit.name"
        prov[name_field] = p
        if listed.award_code:
            prov["award.code"] = prov["award.name"] = p
        for f in ("position", "work_unit", "birth_date", "gender"):
            if getattr(listed, f):
                prov[f"person.{f}"] = p
    if listed.kind == "individual":
        person = Person(full_name=listed.name, gender=listed.gender, birth_date=listed.birth_date,
                        position=listed.position, work_unit=listed.work_unit)
        unit = None
    else:
        person, unit = None, Unit(name=listed.name)
    return Nomination(
        nominee_kind=listed.kind or "individual",
        award=Award(code=listed.award_code, name=listed.award_name, year=listed.award_year),
        person=person, unit=unit, named_in=[listed.doc_kind],  # type: ignore[list-item]
        provenance=prov,
    )


@dataclass
class _Slot:
    nomination: Nomination
    key: str
    from_report: bool
    segments: set[int] = field(default_factory=set)


def _fill(target: Nomination, source: Nomination) -> None:
    """Fill the gaps of ``target`` from ``source``; ``target``'s values stay."""
    for f in ("code", "name", "year"):
        if getattr(target.award, f) is None and getattr(source.award, f) is not None:
            setattr(target.award, f, getattr(source.award, f))
    if target.person is not None and source.person is not None:
        for f in _PERSON_FIELDS:
            if getattr(target.person, f) is None and getattr(source.person, f) is not None:
                setattr(target.person, f, getattr(source.person, f))
    if target.unit is not None and source.unit is not None:
        for f in ("name", "address", "headcount", "head"):
            if getattr(target.unit, f) is None and getattr(source.unit, f) is not None:
                setattr(target.unit, f, getattr(source.unit, f))
    for k, v in source.provenance.items():
        target.provenance.setdefault(k, v)


class Merger:
    """Takes the mentions of a file in document order; ``nominations`` is the merged list."""

    def __init__(self) -> None:
        self._slots: list[_Slot] = []

    def _find(self, key: str, code: str | None, kind: str, segment: int) -> _Slot | None:
        for exact in (True, False):
            for slot in self._slots:
                n = slot.nomination
                if segment in slot.segments or (n.nominee_kind != kind and not exact):
                    continue
                if code and n.award.code and code != n.award.code:
                    continue
                if (slot.key == key) if exact else _close(slot.key, key):
                    return slot
        return None

    def add(self, nomination: Nomination, segment: int, *, from_report: bool) -> int:
        """Merge one mention; returns the place of its nomination in ``nominations``."""
        key = name_key(nomination.nominee_name)
        slot = self._find(key, nomination.award.code, nomination.nominee_kind, segment) if key else None
        if slot is None:
            self._slots.append(_Slot(nomination, key, from_report, {segment}))
            return len(self._slots) - 1
        kinds = list(slot.nomination.named_in)
        for k in nomination.named_in:
            if k not in kinds:
                kinds.append(k)
        if from_report and not slot.from_report:
            if nomination.nominee_kind != slot.nomination.nominee_kind:  # the report knows which
                slot.nomination.person = slot.nomination.unit = None
            _fill(nomination, slot.nomination)  # the report's values first, the list fills the gaps
            slot.nomination, slot.from_report = nomination, True
        else:
            _fill(slot.nomination, nomination)
        slot.nomination.named_in = kinds
        slot.segments.add(segment)
        return self._slots.index(slot)

    @property
    def nominations(self) -> list[Nomination]:
        return [s.nomination for s in self._slots]
