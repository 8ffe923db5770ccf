"""Procedure kinds (DOMAIN.md §8 VOTE-03..05, AUTH-01/02, COMP-08, CONS-02, TIME-01/02): how the
council voted, who the tờ trình is addressed to, when it was sent. Thresholds are rule params; the
authorities, dissolved units and deadlines are reference files read by ``validators._reference``.

Each kind judges only what the record shows: a value the minutes or the tờ trình do not give makes
the rule not applicable, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from record.models import Nomination
from record.normalize import fold
from validators._kinds import CheckContext, Hit, RuleKind, _Params, award_label, on_nomination, on_record
from validators._reference import authority_table, calendar, dissolved_units, recipient_level

_LISTS = ("to_trinh", "danh_sach")


def _full(date: str | None) -> str | None:
    return date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None


def _vi(date: str) -> str:
    y, m, d = date.split("-")
    return f"{d}/{m}/{y}"


# --- the council vote --------------------------------------------------------------------------------------


class AbsentOpinionsParams(_Params):
    threshold_percent: dict[str, float] = Field(min_length=1)  # award code -> approval threshold (Đ30 k7)


def absent_opinions(ctx: CheckContext, params: AbsentOpinionsParams) -> Iterable[Hit]:
    """VOTE-03: with members absent, the threshold reached only with their written opinions, which
    the minutes must record (NĐ 98/2023 Đ30 k7)."""
    cv = ctx.record.council_vote
    if cv is None or cv.members_total is None or cv.members_present is None or cv.members_present >= cv.members_total:
        yield Hit(None, not_applicable=True)
        return
    if cv.written_opinions:
        return
    for i, row in enumerate(cv.results):
        threshold = params.threshold_percent.get(row.award_code or "")
        if threshold is None or row.votes_for is None:
            continue
        present_short = cv.members_present * 100 < threshold * cv.members_total
        if row.votes_for > cv.members_present or (present_short and row.votes_for * 100 >= threshold * cv.members_total):
            yield Hit(f"council_vote.results[{i}]", {
                "nominee": row.nominee or "—", "votes_for": row.votes_for,
                "members_present": cv.members_present, "members_total": cv.members_total,
            })
            return


class NoParams(_Params):
    pass


def ballot_vote(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """VOTE-04: the minutes report only a show of hands where a ballot is required (Đ30 k7)."""
    cv = ctx.record.council_vote
    if cv is None or cv.ballot is None:
        yield Hit(None, not_applicable=True)
        return
    if cv.ballot is False:
        yield Hit("council_vote.ballot")


class QuorumParams(_Params):
    numerator: int = Field(ge=1)
    denominator: int = Field(ge=1)


def quorum(ctx: CheckContext, params: QuorumParams) -> Iterable[Hit]:
    """VOTE-05: members present ≥ numerator/denominator of the council (2/3 by default)."""
    cv = ctx.record.council_vote
    if cv is None or not cv.members_total or cv.members_present is None:
        yield Hit(None, not_applicable=True)
        return
    if cv.members_present * params.denominator < params.numerator * cv.members_total:
        yield Hit("council_vote.members_present", {
            "members_present": cv.members_present, "members_total": cv.members_total,
            "quorum": f"{params.numerator}/{params.denominator}",
        })


# --- authority ---------------------------------------------------------------------------------------------


def _in_letter(ctx: CheckContext, nom: Nomination) -> bool:
    """The tờ trình (or its attached list) of this record names the nominee."""
    kinds = {d.kind for d in ctx.record.documents}
    return "to_trinh" in kinds and bool(set(nom.named_in) & set(_LISTS))


def authority(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """AUTH-01: the tờ trình is addressed above every level that decides the award (Law Đ77–80)."""
    nom = ctx.nomination
    assert nom is not None
    sub = ctx.record.submission
    row = authority_table().awards.get(nom.award.code or "")
    level = recipient_level(sub.recipient if sub else None)
    if row is None or level is None or not _in_letter(ctx, nom):
        yield Hit(None, not_applicable=True)
        return
    if level > max(row.levels):
        assert sub is not None
        yield Hit("submission.recipient", {"award": award_label(nom), "recipient": sub.recipient,
                                           "nominee": nom.nominee_name or "—"})


class MixedParams(_Params):
    groups: list[str] = Field(min_length=2)  # authority groups of award_authority.yaml that need separate letters


def mixed_authorities(ctx: CheckContext, params: MixedParams) -> Iterable[Hit]:
    """COMP-08: one tờ trình asks for awards of two central authorities (NĐ 98/2023 Mẫu 01 ghi chú 6)."""
    if "to_trinh" not in {d.kind for d in ctx.record.documents}:
        yield Hit(None, not_applicable=True)
        return
    table = authority_table().awards
    seen: dict[str, list[str]] = {}
    for nom in ctx.record.nominations:
        row = table.get(nom.award.code or "")
        if row is not None and row.authority in params.groups and set(nom.named_in) & set(_LISTS):
            seen.setdefault(row.authority, []).append(award_label(nom))
    if len(seen) > 1:
        awards = sorted({a for names in seen.values() for a in names})
        yield Hit("submission", {"awards": ", ".join(awards)})


def dissolved_unit(ctx: CheckContext, params: NoParams) -> Iterable[Hit]:
    """AUTH-02: after 01/7/2025 no award proposed by, to or for a dissolved district-level unit, and
    no new award of a district chairman (TT 15/2025/TT-BNV; NQ 1680/NQ-UBTVQH15)."""
    nom = ctx.nomination
    assert nom is not None
    table = dissolved_units()
    rec = ctx.record
    date = _full(rec.submission.date if rec.submission else None) or _full(rec.council_vote.date if rec.council_vote else None)
    if date is None or date < table.from_:
        yield Hit(None, not_applicable=True)
        return
    sub = rec.submission
    places = [
        ("submission.issuer", sub.issuer if sub else None),
        ("submission.recipient", sub.recipient if sub else None),
        ("award.name", nom.award.name),
        ("unit.name", nom.unit.name if nom.unit and nom.nominee_kind == "collective" else None),
    ]
    for path, text in places:
        if text and any(re.search(p, fold(text)) for p in table.patterns):
            yield Hit(path, {"unit": text, "date": _vi(date), "award": award_label(nom)})
            return


# --- dates -------------------------------------------------------------------------------------------------


class DeadlineParams(_Params):
    calendar: Literal["national", "provincial"]


def _sector_of(ctx: CheckContext) -> set[str]:
    # the sector that sends the dossier (a school under a xã files with the xã's year-end round)
    sub = ctx.record.submission
    folded = fold(sub.issuer or "") if sub else ""
    return {name for name, pats in calendar().sectors.items() if any(re.search(p, folded) for p in pats)}


def deadline(ctx: CheckContext, params: DeadlineParams) -> Iterable[Hit]:
    """TIME-01/02: the tờ trình is dated after the calendar's deadline for the award."""
    nom = ctx.nomination
    assert nom is not None
    dset = getattr(calendar(), params.calendar)
    sub = ctx.record.submission
    date = _full(sub.date if sub else None)
    year = nom.award.year
    if not dset.enabled or date is None or year is None or not _in_letter(ctx, nom):
        yield Hit(None, not_applicable=True)
        return
    assert sub is not None
    if dset.recipient and not re.search(dset.recipient, fold(sub.recipient or "")):
        yield Hit(None, not_applicable=True)
        return
    sectors = _sector_of(ctx)
    for row in dset.deadlines:
        if nom.award.code not in row.award_codes or (row.sector and row.sector not in sectors):
            continue
        due = f"{year + row.years_after_award}-{row.month:02d}-{row.day:02d}"
        if date > due:
            yield Hit("submission.date", {"award": award_label(nom), "date": _vi(date), "deadline": _vi(due),
                                          "nominee": nom.nominee_name or "—"})
        return
    yield Hit(None, not_applicable=True)


class DateOrderParams(_Params):
    # issuers with no emulation council of their own (a thôn, a mass organisation's branch): the
    # minutes in their file are the recipient's council, which meets after the letter arrives
    issuers_without_council: list[str] = Field(default_factory=list)


def date_order(ctx: CheckContext, params: DateOrderParams) -> Iterable[Hit]:
    """CONS-02: the council met on or before the date of the tờ trình that reports its vote."""
    rec = ctx.record
    sub, cv = rec.submission, rec.council_vote
    sdate = _full(sub.date if sub else None)
    cdate = _full(cv.date if cv else None)
    if sdate is None or cdate is None:
        yield Hit(None, not_applicable=True)
        return
    assert sub is not None
    issuer = fold(sub.issuer or "")
    if any(re.search(p, issuer) for p in params.issuers_without_council):
        yield Hit(None, not_applicable=True)
        return
    if cdate > sdate:
        yield Hit("council_vote.date", {"council_date": _vi(cdate), "submission_date": _vi(sdate)})


KINDS: dict[str, RuleKind] = {
    "absent_opinions": RuleKind(absent_opinions, AbsentOpinionsParams, on_record),  # type: ignore[arg-type]
    "ballot_vote": RuleKind(ballot_vote, NoParams, on_record),  # type: ignore[arg-type]
    "quorum": RuleKind(quorum, QuorumParams, on_record),  # type: ignore[arg-type]
    "authority": RuleKind(authority, NoParams, on_nomination),  # type: ignore[arg-type]
    "mixed_authorities": RuleKind(mixed_authorities, MixedParams, on_record),  # type: ignore[arg-type]
    "dissolved_unit": RuleKind(dissolved_unit, NoParams, on_nomination),  # type: ignore[arg-type]
    "deadline": RuleKind(deadline, DeadlineParams, on_nomination),  # type: ignore[arg-type]
    "date_order": RuleKind(date_order, DateOrderParams, on_record),  # type: ignore[arg-type]
}
