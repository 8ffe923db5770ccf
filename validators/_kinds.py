"""Rule kinds: the code behind ``kind:`` in ``data/rules/*.yaml``.

Each kind is a plain function ``(ctx, params) -> Iterable[Hit]`` plus a pydantic model of its
``params`` and the scope it runs at (once per record, or once per nomination). The runner in
``validators/__init__.py`` picks the regime, filters by ``applies_to``, and turns each ``Hit`` into a
``Finding`` with the rule's severity, message and legal basis. A new kind (eligibility, fairness)
is one more function and one more entry in ``RULE_KINDS``; a batch scope for fairness indicators
would be one more value of ``Scope`` and one more loop in the runner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from record.findings import Severity
from record.models import (
    Achievements,
    Award,
    CouncilVote,
    DocKind,
    DossierRecord,
    Nomination,
    Person,
    Submission,
    Unit,
    VoteResult,
)
from record.normalize import fold
from record.positions import known_classes, position_classes
from record.vi_labels import DOCUMENT_LABELS
from validators._proposed import not_proposed

Scope = Literal["record", "nomination"]

_RECORD_PARTS: dict[str, type[BaseModel]] = {"submission": Submission, "council_vote": CouncilVote}
_NOMINATION_PARTS: dict[str, type[BaseModel]] = {
    "person": Person, "unit": Unit, "award": Award, "achievements": Achievements,
}


@dataclass(frozen=True)
class Hit:
    """One problem a kind found: the dotted field path and the values for the message.

    ``not_applicable`` marks "this rule cannot apply to this nominee" (its inputs do not exist for
    this kind of nominee: a farmer's work unit, a chain rule with no report): no finding, but a
    stage that lists the checks that ran can say so.
    """

    field: str | None
    values: dict[str, Any] = field(default_factory=dict)
    not_applicable: bool = False  # the rule's inputs do not exist for this nominee: no finding, no pass
    severity: Severity | None = None  # where the law grades one rule by case (DUP-02, COMP-01 pending)


@dataclass(frozen=True)
class CheckContext:
    record: DossierRecord
    nomination: Nomination | None = None  # None for record-scope rules


@dataclass(frozen=True)
class RuleKind:
    fn: Callable[[CheckContext, Any], Iterable[Hit]]
    params: type[BaseModel]
    scope: Callable[[Any], Scope]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- shared helpers --------------------------------------------------------------------------------


def award_label(nom: Nomination) -> str:
    return nom.award.name or nom.award.code or "danh hiệu/hình thức không rõ"


def _names_match(name: str, written: str) -> bool:
    """``nguyen van an`` matches ``ong nguyen van an`` but not ``nguyen van anh`` (whole words)."""
    return re.search(rf"(?:^|\s){re.escape(name)}(?:$|\s)", written) is not None


def match_vote(record: DossierRecord, nom: Nomination) -> tuple[int, VoteResult] | None:
    """The council vote row for this nomination: by nominee name (and award code), else the only row."""
    cv = record.council_vote
    if cv is None or not cv.results:
        return None
    name = nom.nominee_name
    if name:
        key = fold(name)
        rows = [(i, r) for i, r in enumerate(cv.results) if r.nominee and _names_match(key, fold(r.nominee))]
        if len(rows) > 1 and nom.award.code:
            rows = [(i, r) for i, r in rows if r.award_code in (None, nom.award.code)] or rows
        if rows:
            return rows[0]
    if len(record.nominations) == 1 and len(cv.results) == 1:
        return 0, cv.results[0]
    return None


def _value(record: DossierRecord, nom: Nomination | None, path: str) -> Any:
    head, _, rest = path.partition(".")
    obj: Any = getattr(record, head) if head in _RECORD_PARTS else getattr(nom, head, None)
    for part in rest.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


# --- required_field --------------------------------------------------------------------------------


class NotApplicableWhen(_Params):
    """The nominee's position class (``data/reference/positions.yaml``) makes these fields moot."""

    position_class: list[str] = Field(min_length=1)
    fields: list[str] = Field(default_factory=list)  # of the rule's fields; empty = all of them

    @field_validator("position_class")
    @classmethod
    def _known_classes(cls, value: list[str]) -> list[str]:
        known = known_classes()
        bad = [c for c in value if c not in known]
        if bad:
            raise ValueError(f"lớp chức vụ không có trong positions.yaml: {bad}; các lớp: {known}")
        return value


def not_applicable(nom: Nomination | None, when: NotApplicableWhen | None, path: str) -> bool:
    """``path`` does not exist for this nominee (a farmer has no work unit, Law Đ5 k2 d)."""
    if when is None or nom is None or nom.person is None or (when.fields and path not in when.fields):
        return False
    return bool(position_classes(nom.person.position, nom.person.work_unit) & set(when.position_class))


class RequiredFieldParams(_Params):
    fields: list[str] = Field(min_length=1)
    when_document: DocKind | None = None  # check only when the file holds this document
    # nomination fields only the nominee's report carries: check them only when the file holds that
    # report, for a nominee named only in a list has just what the list shows (contract README)
    when_named_in: list[DocKind] = Field(default_factory=list)
    # fields that do not exist for some nominees (a farmer's work unit): no finding for them
    not_applicable_when: NotApplicableWhen | None = None

    @field_validator("fields")
    @classmethod
    def _known_paths(cls, value: list[str]) -> list[str]:
        parts = {**_RECORD_PARTS, **_NOMINATION_PARTS}
        for path in value:
            head, _, attr = path.partition(".")
            model = parts.get(head)
            if model is None or attr not in model.model_fields:
                raise ValueError(f"đường dẫn trường không hợp lệ: {path!r}")
        heads = {p.partition(".")[0] in _RECORD_PARTS for p in value}
        if len(heads) > 1:
            raise ValueError("không trộn trường của hồ sơ (submission, council_vote) với trường của đề nghị")
        return value


def _required_field_scope(params: RequiredFieldParams) -> Scope:
    return "record" if params.fields[0].partition(".")[0] in _RECORD_PARTS else "nomination"


def required_field(ctx: CheckContext, params: RequiredFieldParams) -> Iterable[Hit]:
    """A value the reviewer needs is null (never guessed, so null means the source lacks it)."""
    if params.when_document is not None:
        kinds = {d.kind for d in ctx.record.documents}
        head = params.fields[0].partition(".")[0]
        part_present = head in _RECORD_PARTS and getattr(ctx.record, head) is not None
        if params.when_document not in kinds and not part_present:
            return
    named = ctx.nomination.named_in if ctx.nomination is not None else []
    if params.when_named_in and named and not set(params.when_named_in) & set(named):
        return  # named only in lists of this file: its report (if any) is another file's
    for path in params.fields:
        if _value(ctx.record, ctx.nomination, path) is not None or _unread(ctx, path):
            continue  # an unread value is the reviewer's to look at (unread_field), not a gap
        if not_applicable(ctx.nomination, params.not_applicable_when, path):
            yield Hit(path, not_applicable=True)
        else:
            yield Hit(path)


def _unread(ctx: CheckContext, path: str) -> bool:
    head, _, rest = path.partition(".")
    prov = getattr(ctx.record, head).provenance.get(rest) if head in _RECORD_PARTS and getattr(ctx.record, head) \
        else ctx.nomination.provenance.get(path) if ctx.nomination is not None else None
    return bool(prov is not None and prov.unread)


# --- unread_field ----------------------------------------------------------------------------------


class UnreadParams(_Params):
    # the nominee's values (run per nomination) or the tờ trình's and biên bản's (run once per record)
    of: Literal["nomination", "record"] = "nomination"


def _unread_scope(params: UnreadParams) -> Scope:
    return params.of


def unread_field(ctx: CheckContext, params: UnreadParams) -> Iterable[Hit]:
    """A value whose label is on the page but which tdkt could not read: the reviewer reads the page."""
    nom = ctx.nomination
    if params.of == "record":
        for head in _RECORD_PARTS:
            part = getattr(ctx.record, head)
            for rest, prov in (part.provenance.items() if part is not None else ()):
                path = f"{head}.{rest}"
                if prov.unread and _value(ctx.record, None, path) is None:
                    yield Hit(path, {"page": prov.page if prov.page is not None else "?"})
        return
    assert nom is not None
    for path, prov in nom.provenance.items():
        if prov.unread and _value(ctx.record, nom, path) is None:
            yield Hit(path, {"page": prov.page if prov.page is not None else "?"})


# --- required_documents ----------------------------------------------------------------------------


class RequiredDocumentsParams(_Params):
    documents: list[Literal["to_trinh", "bien_ban", "report_per_nominee", "danh_sach", "xac_nhan_sang_kien"]] = (
        Field(min_length=1)
    )
    # a submission that has no cover letter yet is most likely still arriving (its files come on
    # several nights): what it lacks is then reported at this severity, not as a settled error
    pending_severity: Severity | None = None


def _distinct_nominees(noms: list[Nomination]) -> int:
    names: set[str] = set()
    unnamed = 0
    for nom in noms:
        name = nom.nominee_name
        if name:
            names.add(fold(name))
        else:
            unnamed += 1
    return len(names) + unnamed


def required_documents(ctx: CheckContext, params: RequiredDocumentsParams) -> Iterable[Hit]:
    """Law Đ84 k1/k2 documents absent from the submission (the file's, or its unit's files merged)."""
    record = ctx.record
    if not record.nominations:
        return
    kinds = [d.kind for d in record.documents]
    severity = params.pending_severity if "to_trinh" not in kinds else None
    for doc in params.documents:
        if doc != "report_per_nominee":
            if doc not in kinds:
                yield Hit("documents", {"missing": DOCUMENT_LABELS[doc]}, severity=severity)
            continue
        for nominee_kind, report in (("individual", "bao_cao_ca_nhan"), ("collective", "bao_cao_tap_the")):
            need = _distinct_nominees([n for n in record.nominations if n.nominee_kind == nominee_kind
                                       and not not_proposed(record, n)])
            have = kinds.count(report)
            if have < need:
                label = DOCUMENT_LABELS[report]
                yield Hit("documents", {"missing": f"{label} (có {have}/{need})"}, severity=severity)


# --- council vote ------------------------------------------------------------------------------------


class NoParams(_Params):
    pass


def vote_results_present(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """COMP-05: a biên bản in this file must carry the ballot counts for titles that need a vote."""
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    has_minutes = record.council_vote is not None or any(d.kind == "bien_ban" for d in record.documents)
    if not has_minutes:
        return
    values = {"nominee": nom.nominee_name or "—", "award": award_label(nom)}
    found = match_vote(record, nom)
    if found is None:
        yield Hit("council_vote.results", values)
    elif found[1].votes_for is None:
        yield Hit(f"council_vote.results[{found[0]}].votes_for", values)


class VoteThresholdParams(_Params):
    threshold_percent: float = Field(gt=0, le=100)


def _percent(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def vote_threshold(ctx: CheckContext, params: VoteThresholdParams) -> Iterable[Hit]:
    """VOTE-01/02: approvals over the council's total membership (ND98 Đ30 k7).

    When the biên bản lacks ``members_total`` (REQ-05 reports that), the ballots cast are a lower
    bound of the membership: a vote failing on them fails on the membership too, so only a failure
    is reported; a pass stays undecided.
    """
    record, nom = ctx.record, ctx.nomination
    assert nom is not None
    found = match_vote(record, nom)
    if found is None or found[1].votes_for is None:
        return  # COMP-05 reports missing counts
    index, row = found
    cv = record.council_vote
    assert cv is not None
    if cv.members_total:
        denominator, label = cv.members_total, "tổng số thành viên Hội đồng"
    else:
        lower = row.votes_total or cv.members_present
        if not lower:
            return
        denominator, label = lower, "số phiếu/thành viên dự họp (biên bản không ghi tổng số thành viên)"
    votes = row.votes_for
    if votes * 100 >= params.threshold_percent * denominator:
        return
    yield Hit(
        f"council_vote.results[{index}].votes_for",
        {
            "nominee": row.nominee or nom.nominee_name or "—",
            "award": award_label(nom),
            "votes_for": votes,
            "denominator": denominator,
            "denominator_label": label,
            "ratio": _percent(100 * votes / denominator),
            "threshold": _percent(params.threshold_percent),
        },
    )


# --- prior awards, report period ---------------------------------------------------------------------


class PriorAwardParams(_Params):
    columns: list[Literal["year", "title", "code", "decision_number", "decision_date", "issuer"]] = Field(
        min_length=1
    )


def prior_award_row_complete(ctx: CheckContext, params: PriorAwardParams) -> Iterable[Hit]:
    """COMP-11: each row of the prior-award tables has every column filled."""
    assert ctx.nomination is not None
    for i, row in enumerate(ctx.nomination.prior_awards):
        for col in params.columns:
            if getattr(row, col) is None:
                yield Hit(f"prior_awards[{i}].{col}", {"row": i + 1})


class ReportPeriodParams(_Params):
    required_years: dict[str, int] = Field(min_length=1)


def report_period(ctx: CheckContext, params: ReportPeriodParams) -> Iterable[Hit]:
    """PERIOD-01 (lite): the report covers N consecutive years ending at (or the year before) the award year.

    The period comes from ``achievements.period_from/to``, else from the years of the task ratings.
    """
    nom = ctx.nomination
    assert nom is not None
    need = params.required_years.get(nom.award.code or "")
    if not need:
        return
    if nom.named_in and not set(nom.named_in) & {"bao_cao_ca_nhan", "bao_cao_tap_the"}:
        yield Hit(None, not_applicable=True)  # named in a list or the minutes: the period is its report's
        return
    start, end = nom.achievements.period_from, nom.achievements.period_to
    if start is None or end is None:
        years = [r.year for r in nom.achievements.task_ratings]
        start = start if start is not None else (min(years) if years else None)
        end = end if end is not None else (max(years) if years else None)
    values = {"award": award_label(nom), "required_years": need}
    if start is None or end is None:
        yield Hit("achievements.period_from", {**values, "period": "không xác định được"})
        return
    covered = end - start + 1
    late_end = nom.award.year is not None and end < nom.award.year - 1
    if covered < need or late_end:
        yield Hit("achievements.period_from", {**values, "period": f"{start}–{end} ({covered} năm)"})


def on_nomination(_: Any) -> Scope:
    """The scope of a rule judged once per nominee (every module's kinds share these two)."""
    return "nomination"


def on_record(_: Any) -> Scope:
    return "record"


RULE_KINDS: dict[str, RuleKind] = {
    "required_field": RuleKind(required_field, RequiredFieldParams, _required_field_scope),
    "required_documents": RuleKind(required_documents, RequiredDocumentsParams, on_record),
    "vote_results_present": RuleKind(vote_results_present, NoParams, on_nomination),
    "vote_threshold": RuleKind(vote_threshold, VoteThresholdParams, on_nomination),
    "prior_award_row_complete": RuleKind(prior_award_row_complete, PriorAwardParams, on_nomination),
    "report_period": RuleKind(report_period, ReportPeriodParams, on_nomination),
    "unread_field": RuleKind(unread_field, UnreadParams, _unread_scope),
}

# eligibility and procedure kinds live in their own modules and build on the helpers above
from validators._consistency import nominees_agree  # noqa: E402
from validators._documents import CertificateParams, OpinionParams, certificate_present, opinion_present  # noqa: E402
from validators._eligibility import KINDS as _ELIGIBILITY_KINDS  # noqa: E402
from validators._procedure import KINDS as _PROCEDURE_KINDS  # noqa: E402
from validators._tiebreak import woman_passed_over  # noqa: E402

RULE_KINDS.update(_ELIGIBILITY_KINDS)
RULE_KINDS.update(_PROCEDURE_KINDS)
# kinds that compare the documents of one record (a submission's, merged)
RULE_KINDS["nominees_agree"] = RuleKind(nominees_agree, NoParams, on_nomination)
RULE_KINDS["woman_passed_over"] = RuleKind(woman_passed_over, NoParams, on_nomination)
RULE_KINDS["certificate_present"] = RuleKind(certificate_present, CertificateParams, on_nomination)
RULE_KINDS["opinion_present"] = RuleKind(opinion_present, OpinionParams, on_nomination)
