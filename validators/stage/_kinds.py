"""Rule kinds that look across submissions: the batch of the season and the history of earlier runs.

Like the record kinds (``validators._kinds``), each is a function of a context and its params that
yields hits; the stage turns each hit into a finding with the rule's severity, message and legal
basis. The context holds the current nominees (one per person or collective and award in a
submission; superseded files left out), their innovations and the fairness indicators of this run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from record.findings import Severity
from record.judgement import FairnessRow
from record.vi_labels import LEVEL_LABELS
from validators.stage._fairness import FairnessPolicy
from validators.stage._merge import same_name


@dataclass(frozen=True)
class StageHit:
    nomination_id: str | None
    submission_id: str | None
    sha256: str | None
    field: str | None
    values: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    scope: Literal["batch", "history"] = "batch"


@dataclass(frozen=True)
class StageContext:
    run_id: str
    nominees: list[dict[str, Any]]      # canonical nominees, see validators.stage._facts
    innovations: list[dict[str, Any]]   # canonical_id, title_key, title, year
    fairness: list[FairnessRow]
    policy: FairnessPolicy
    season: list[dict[str, Any]] = field(default_factory=list)  # this season's nominees (shares, quotas)


@dataclass(frozen=True)
class StageKind:
    fn: Callable[[StageContext, Any], Iterable[StageHit]]
    params: type[BaseModel]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(_Params):
    pass


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One person or collective: the same folded name and the same full birth date; with a birth year
    alone or none, the same name, year and submitting unit (two namesakes of two units are two people)."""
    if a["nominee_kind"] != b["nominee_kind"] or not same_name(a["name_key"], b["name_key"]):
        return False
    da, db = a["birth_date"] or "", b["birth_date"] or ""
    if len(da) == len(db) == 10:  # two full birth dates decide
        return da == db
    if da[:4] and db[:4] and da[:4] != db[:4]:
        return False
    # a birth year alone, or none: namesakes are common, so also the same submitting unit
    return bool(a["unit_key"]) and a["unit_key"] == b["unit_key"]


def _pairs(ctx: StageContext) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Each unordered pair of distinct nominees who are the same person, the newer one first."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for n in ctx.nominees:
        if n["name_key"]:
            by_name.setdefault(n["name_key"].replace(" ", ""), []).append(n)
    for group in by_name.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _same_person(a, b):
                    yield (a, b) if (a["landed_at"], a["canonical_id"]) >= (b["landed_at"], b["canonical_id"]) else (b, a)


def _hit(n: dict[str, Any], other: dict[str, Any], ctx: StageContext, severity: Severity | None = None,
         **values: Any) -> StageHit:
    history = other["run_id"] != ctx.run_id and n["run_id"] == ctx.run_id
    where = other["submission_label"]
    return StageHit(n["canonical_id"], n["submission_id"], n["sha256"], "award.code",
                    {"nominee": n["name"] or "—", "award": n["award_label"], "year": n["award_year"] or "—",
                     "other": where, **values}, severity, "history" if history else "batch")


def duplicate_award(ctx: StageContext, params: NoParams) -> Iterable[StageHit]:
    """DUP-01: one achievement, one award: the same award asked twice for the same year, or two
    forms of commendation (khen thưởng) for the same year's achievement (Luật TĐKT 2022 Đ5 k2 c)."""
    for newer, older in _pairs(ctx):
        if newer["award_year"] is None or newer["award_year"] != older["award_year"]:
            continue
        same_award = newer["award_code"] and newer["award_code"] == older["award_code"]
        two_forms = (newer["award_kind"] == older["award_kind"] == "khen_thuong"
                     and newer["award_code"] != older["award_code"])
        if not (same_award or two_forms):
            continue
        other_award = older["award_label"]
        yield _hit(newer, older, ctx, other_award=other_award)
        if older["run_id"] == ctx.run_id:  # both are this season's: the reviewer sees both ends
            yield _hit(older, newer, ctx, other_award=newer["award_label"])


class InnovationParams(_Params):
    min_words: int = Field(default=4, ge=1)
    title_to_title: Severity = "warning"


def duplicate_innovation(ctx: StageContext, params: InnovationParams) -> Iterable[StageHit]:
    """DUP-02: one sáng kiến is the criterion of one award: used again by the same person for another
    award is an error where a form of commendation is involved, a warning between two titles
    (CV 5007/BNV-TĐKT 2023 III.5.c)."""
    nominee = {n["canonical_id"]: n for n in ctx.nominees}
    by_title: dict[str, list[dict[str, Any]]] = {}
    for inv in ctx.innovations:
        if inv["canonical_id"] in nominee and len(inv["title_key"].split()) >= params.min_words:
            by_title.setdefault(inv["title_key"], []).append(inv)
    for uses in by_title.values():
        for i, a in enumerate(uses):
            for b in uses[i + 1:]:
                na, nb = nominee[a["canonical_id"]], nominee[b["canonical_id"]]
                if na["canonical_id"] == nb["canonical_id"] or not _same_person(na, nb):
                    continue
                newer, older = (na, nb) if (na["landed_at"], na["canonical_id"]) >= (nb["landed_at"], nb["canonical_id"]) \
                    else (nb, na)
                titles = newer["award_kind"] == older["award_kind"] == "danh_hieu"
                yield _hit(newer, older, ctx, params.title_to_title if titles else None,
                           title=a["title"], other_award=older["award_label"])


class FairnessParams(_Params):
    indicators: list[str] = Field(min_length=1)


def outside_policy(ctx: StageContext, params: FairnessParams) -> Iterable[StageHit]:
    """FAIR-02/03/04: an indicator of a scope (the batch or a unit) outside the office's policy."""
    for row in ctx.fairness:
        if row.status != "outside_policy" or row.indicator not in params.indicators:
            continue
        yield StageHit(None, None, None, f"fairness.{row.indicator}", {
            "unit": "toàn đợt" if row.scope == "batch" else row.scope,
            "indicator": row.label_vi,
            "level": LEVEL_LABELS.get(row.award_level, row.award_level),
            "value": f"{100 * (row.value or 0):.0f} %",
            "numerator": row.numerator, "denominator": row.denominator,
            "threshold": f"{100 * (row.threshold or 0):.0f} %",
        })


def quota(ctx: StageContext, params: NoParams) -> Iterable[StageHit]:
    """QUOTA-01 (off unless the policy enables it): CSTĐCS at most a share of LĐTT in a unit."""
    if not ctx.policy.quota.enabled:
        return
    limit = ctx.policy.quota.cstdcs_per_ldtt_max
    units: dict[str, list[dict[str, Any]]] = {}
    for n in ctx.season or ctx.nominees:
        if n["unit_key"]:
            units.setdefault(n["unit_key"], []).append(n)
    for key, noms in sorted(units.items()):
        ldtt = sum(n["award_code"] == "LDTT" for n in noms)
        cstd = sum(n["award_code"] == "CSTD_CS" for n in noms)
        if ldtt and cstd > limit * ldtt:
            yield StageHit(None, None, None, "award.code", {
                "unit": noms[0]["submitting_unit"] or key, "numerator": cstd, "denominator": ldtt,
                "value": f"{100 * cstd / ldtt:.0f} %", "threshold": f"{100 * limit:.0f} %"})


STAGE_KINDS: dict[str, StageKind] = {
    "duplicate_award": StageKind(duplicate_award, NoParams),
    "duplicate_innovation": StageKind(duplicate_innovation, InnovationParams),
    "outside_policy": StageKind(outside_policy, FairnessParams),
    "quota": StageKind(quota, NoParams),
}
