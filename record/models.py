"""Typed dossier record: the contract of ``../shared/contract/dossier.schema.json``.

Field names and nesting follow the contract exactly; extra fields (``provenance`` on every part,
``nomination_id``) are additions the contract allows. ``to_json()`` gives the contract's JSON.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DocKind = Literal[
    "to_trinh", "bien_ban", "bao_cao_ca_nhan", "bao_cao_tap_the", "danh_sach", "xac_nhan_sang_kien", "other"
]
SourceFormat = Literal["docx", "doc", "pdf-text", "pdf-scanned"]
Rating = Literal["HTXSNV", "HTTNV", "HTNV", "KHTNV"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Provenance(_Model):
    """Where a value came from: 1-based page, the source line, and OCR confidence (0..1).

    ``unread`` is True only when the value is null because tdkt could not read it: the form has
    the field (its label was found) but the value is blank on a scan, only noise, or cannot be put
    in its normal form. Validators then say "could not read" rather than "the dossier lacks it".
    A value read with low confidence keeps its value and its confidence (``unread`` stays None);
    a field left blank on the page (a dotted line) is missing, and has no provenance at all.
    """

    page: int | None = Field(default=None, ge=1)
    line: str | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)
    source: Literal["docx", "doc", "pdf-text", "ocr"] | None = None
    unread: bool | None = None
    # where the source line sits on its page (fractions x0, y0, x1, y1, y down): the report crops
    # the words from the archived original so a reviewer sees them. Scans and text PDFs only.
    bbox: tuple[float, float, float, float] | None = None


ProvenanceMap = dict[str, Provenance]


class Source(_Model):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: SourceFormat
    pages: int | None = None
    ocr_confidence: float | None = Field(default=None, ge=0, le=1)


class Document(_Model):
    kind: DocKind
    pages: list[int] = Field(default_factory=list)
    title: str | None = None
    # document numbers this document cites (``Tờ trình số 15/TTr-UBND``), its own number excluded: what
    # links a report or the minutes sent as a file of their own to the cover letter of their submission
    cites: list[str] = Field(default_factory=list)


class Submission(_Model):
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    recipient: str | None = None
    provenance: ProvenanceMap = Field(default_factory=dict)


class VoteResult(_Model):
    nominee: str | None = None
    award_code: str | None = None
    votes_for: int | None = None
    votes_total: int | None = None


class CouncilVote(_Model):
    date: str | None = None
    members_total: int | None = None
    members_present: int | None = None
    results: list[VoteResult] = Field(default_factory=list)
    # how the council voted (NĐ 98/2023 Đ30 k7 "phải tiến hành bỏ phiếu"): True = the minutes speak of
    # ballots (bỏ phiếu, kiểm phiếu, số phiếu), False = only a show of hands (giơ tay); None = unsaid
    ballot: bool | None = None
    # absent members' written opinions the minutes record (Đ30 k7); None = the minutes do not say
    written_opinions: int | None = None
    provenance: ProvenanceMap = Field(default_factory=dict)


class Award(_Model):
    code: str | None = None
    name: str | None = None
    year: int | None = None


class Person(_Model):
    full_name: str | None = None
    gender: Literal["male", "female"] | None = None
    birth_date: str | None = None
    ethnicity: str | None = None
    hometown: str | None = None
    residence: str | None = None
    position: str | None = None
    work_unit: str | None = None
    qualification: str | None = None
    is_leader: bool | None = None


class Unit(_Model):
    name: str | None = None
    address: str | None = None
    headcount: int | None = None
    head: str | None = None


class TaskRating(_Model):
    year: int
    rating: Rating


class Innovation(_Model):
    title: str | None = None
    year: int | None = None
    recognized_by: str | None = None


class Achievements(_Model):
    period_from: int | None = None
    period_to: int | None = None
    task_ratings: list[TaskRating] = Field(default_factory=list)
    innovations: list[Innovation] = Field(default_factory=list)
    summary: str | None = None


class PriorAward(_Model):
    year: int | None = None
    title: str | None = None
    code: str | None = None
    decision_number: str | None = None
    decision_date: str | None = None
    issuer: str | None = None


def nomination_id(sha256: str, index: int) -> str:
    """The stable id of the nomination at 0-based ``index`` in a file: ``<sha256[:16]>-<nn>``.

    ``nn`` is 1-based, two digits ("-01"); the same bytes give the same ids, and landed ids keep
    this form, so it is the one place that builds them.
    """
    return f"{sha256[:16]}-{index + 1:02d}"


class Nomination(_Model):
    nomination_id: str | None = None
    nominee_kind: Literal["individual", "collective"]
    award: Award = Field(default_factory=Award)
    person: Person | None = None
    unit: Unit | None = None
    achievements: Achievements = Field(default_factory=Achievements)
    prior_awards: list[PriorAward] = Field(default_factory=list)
    # the kinds of the documents of the file that name this nominee, in order (contract README)
    named_in: list[DocKind] = Field(default_factory=list)
    provenance: ProvenanceMap = Field(default_factory=dict)

    @property
    def nominee_name(self) -> str | None:
        """The person's full name, else the collective's name: what every stage calls the nominee."""
        if self.person and self.person.full_name:
            return self.person.full_name
        return self.unit.name if self.unit else None


class DossierRecord(_Model):
    source: Source
    documents: list[Document] = Field(default_factory=list)
    submission: Submission | None = None
    council_vote: CouncilVote | None = None
    nominations: list[Nomination] = Field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON form (what ``tdkt extract --json`` prints)."""
        return self.model_dump(mode="json")


def strip_volatile(record_json: dict[str, Any]) -> dict[str, Any]:
    """The part of a record a golden file pins: no provenance, no OCR confidence, no local path.

    Provenance and confidence depend on OCR noise and on where the file sits, and the free-text
    achievement summary has no single right cut, and ``nomination_id`` is derived from the hash; the golden files compare the extracted values.
    """
    import copy

    out = copy.deepcopy(record_json)
    out["source"].pop("path", None)
    out["source"].pop("ocr_confidence", None)
    for doc in out.get("documents", []):
        doc.pop("title", None)
        doc.pop("cites", None)
    for part in (out.get("submission"), out.get("council_vote")):
        if isinstance(part, dict):
            part.pop("provenance", None)
    if isinstance(out.get("council_vote"), dict):
        # how the council voted: read for the vote rules (VOTE-03/04), not yet in the generator's truth
        out["council_vote"].pop("ballot", None)
        out["council_vote"].pop("written_opinions", None)
    for nom in out.get("nominations", []):
        nom.pop("provenance", None)
        nom.pop("nomination_id", None)
        nom.get("achievements", {}).pop("summary", None)
    return out
