"""Eligibility kinds (DOMAIN.md §3, §8 ELIG-*, DUP-03): the nominee's own ratings, innovations and
prior awards against the criteria of the award, every threshold, year count and award code in the
rule's params (``data/rules/eligibility.yaml``).

A criterion tdkt cannot see (no report, no rating of the year, no prior-award table read, or a
basis of the award whose inputs the record does not carry) is *not applicable*, never an error:
only what the dossier shows and contradicts the law is a finding. Prior awards given for a sudden
achievement or a themed campaign (đột xuất, chuyên đề) never count towards a chain (NĐ 98/2023 Đ4
k3 = NĐ 152/2025 Đ4 (3)).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field

from record.awards import award_catalogue, award_code
from record.models import Nomination, Rating
from record.normalize import fold
from validators._kinds import (
    CheckContext,
    Hit,
    NotApplicableWhen,
    RuleKind,
    _Params,
    award_label,
    not_applicable,
    on_nomination,
)

REPORTS = ("bao_cao_ca_nhan", "bao_cao_tap_the")
RATING_LABELS = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}


def _codes(value: list[str]) -> list[str]:
    bad = [c for c in value if c not in award_catalogue()]
    if bad:
        raise ValueError(f"mã không có trong award-codes.tsv: {bad}")
    return value


Codes = Annotated[list[str], AfterValidator(_codes)]


def has_report(ctx: CheckContext) -> bool:
    """The nominee's own report is in this record (a nominee named only in lists has none)."""
    nom = ctx.nomination
    assert nom is not None
    if nom.named_in:
        return bool(set(nom.named_in) & set(REPORTS))
    return any(d.kind in REPORTS for d in ctx.record.documents)


def _short(code: str) -> str:
    return award_catalogue()[code]["name"]


@dataclass(frozen=True)
class _Held:
    year: int
    code: str
    title: str


def held_awards(nom: Nomination, exclude_titles: list[str]) -> tuple[list[_Held], list[_Held]]:
    """(counted, excluded) prior awards with a year and a code; excluded = đột xuất / chuyên đề."""
    counted: list[_Held] = []
    excluded: list[_Held] = []
    for row in nom.prior_awards:
        code = row.code or award_code(row.title)
        year = row.year
        if year is None and row.decision_date and re.match(r"\d{4}", row.decision_date):
            year = int(row.decision_date[:4])
        if code is None or year is None:
            continue
        held = _Held(year, code, row.title or _short(code))
        title = fold(row.title or "")
        (excluded if any(re.search(p, title) for p in exclude_titles) else counted).append(held)
    return counted, excluded


# --- year_rating: ELIG-LDTT, ELIG-CSTDCS ------------------------------------------------------------------


class YearRatingParams(_Params):
    ratings: list[Rating] = Field(min_length=1)  # a rating of the award year that meets the criterion
    floor: list[Rating] = Field(default_factory=list)  # ratings needed anyway (the LĐTT standard of CSTĐCS)
    or_innovation: bool = False  # a recognised innovation of the year meets it too (Law Đ23 k2)


def year_rating(ctx: CheckContext, params: YearRatingParams) -> Iterable[Hit]:
    """The task rating of the award year meets the title (Law Đ24 k1 a; Đ23)."""
    nom = ctx.nomination
    assert nom is not None
    year = nom.award.year
    if year is None or not has_report(ctx):
        yield Hit(None, not_applicable=True)
        return
    rated = [r.rating for r in nom.achievements.task_ratings if r.year == year]
    rating = rated[-1] if rated else None
    innovations = [i for i in nom.achievements.innovations if i.year is None or year - 1 <= i.year <= year]
    values = {"award": award_label(nom), "year": year,
              "rating": RATING_LABELS[rating] if rating else "không ghi"}
    if rating is None and not (params.or_innovation and innovations):
        yield Hit(None, not_applicable=True)  # the report gives no rating of the year: nothing to judge
        return
    if rating is not None and params.floor and rating not in params.floor:
        yield Hit("achievements.task_ratings", values)
        return
    if rating in params.ratings or (params.or_innovation and innovations):
        return
    yield Hit("achievements.task_ratings", values)


# --- prior_award_chain: ELIG-CSTDT, -CSTDTQ, -BKT-*, -BKTTG-*, -HCLD* -------------------------------------


class YearTest(_Params):
    """What makes one year of the run count: a rating, or holding one of the awards that year."""

    ratings: list[Rating] = Field(default_factory=list)
    award_codes: Codes = Field(default_factory=list)


class CountTest(_Params):
    """Within the run: at least N awards with these codes, or N years with these ratings, or N innovations."""

    at_least: int = Field(ge=1)
    award_codes: Codes = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    innovations: bool = False


class ChainOption(_Params):
    """One basis of the award: [after a prior award,] N consecutive years up to the proposal, with counts."""

    label: str = Field(min_length=1)  # Vietnamese, for the message
    after_award: Codes = Field(default_factory=list)
    years: int = Field(ge=1)
    # what each year of the run must meet; None = the counts within the last ``years`` years (a title
    # given every few years, such as "02 lần liên tục" CSTĐ cấp tỉnh, has no yearly test)
    each_year: YearTest | None = None
    # the last year of the run may show only one of these ratings instead: its title is considered in
    # the same round as this proposal (a CSTĐCS of the year before a CSTĐ cấp tỉnh)
    pending_last: list[Rating] = Field(default_factory=list)
    counts: list[CountTest] = Field(default_factory=list)


class ChainParams(_Params):
    any_of: list[ChainOption] = Field(min_length=1)  # the award's bases that the record can show; one is enough
    end_slack: int = Field(default=1, ge=0, le=2)  # the run ends in the award year or up to this many years before
    exclude_titles: list[str] = Field(default_factory=list)  # folded regexes: đột xuất / chuyên đề awards
    not_applicable_when: NotApplicableWhen | None = None


def _needs(option: ChainOption) -> tuple[bool, bool]:
    """(needs the prior-award table, needs the task ratings) to judge this basis."""
    test = option.each_year or YearTest()
    awards = bool(option.after_award or any(c.award_codes for c in option.counts)
                  or (test.award_codes and not test.ratings))
    ratings = bool(any(c.ratings for c in option.counts) or (test.ratings and not test.award_codes))
    return awards, ratings


def _option_met(option: ChainOption, year: int, slack: int, held: list[_Held], ratings: dict[int, str],
                innovations: list[int | None]) -> bool:
    test = option.each_year

    def year_ok(y: int) -> bool:
        if test is None:
            return True
        return ratings.get(y) in test.ratings or any(h.year == y and h.code in test.award_codes for h in held)

    for end in range(year, year - slack - 1, -1):
        if not year_ok(end) and ratings.get(end) not in option.pending_last:
            continue
        start = end - option.years + 1 if test is None else end
        while test is not None and year_ok(start - 1):
            start -= 1
        if end - start + 1 < option.years:
            continue
        if option.after_award and not any(h.code in option.after_award and h.year <= end - option.years + 1
                                          for h in held):
            continue
        ok = True
        for count in option.counts:
            n = sum(1 for h in held if h.code in count.award_codes and start <= h.year <= end)
            n += sum(1 for y in range(start, end + 1) if ratings.get(y) in count.ratings)
            if count.innovations:
                n += sum(1 for y in innovations if y is None or start <= y <= end)
            ok = ok and n >= count.at_least
        if ok:
            return True
    return False


def _unknown_years(nom: Nomination) -> list[int]:
    """Years of prior-award rows whose award tdkt could not name (no code, title not recognised)."""
    return [row.year for row in nom.prior_awards
            if row.year is not None and row.code is None and award_code(row.title) is None]


def _found(held: list[_Held], ratings: dict[int, str], codes: set[str]) -> str:
    parts = [f"{_short(h.code)} {h.year}" for h in sorted(held, key=lambda h: h.year) if h.code in codes]
    parts += [f"{y}: {r}" for y, r in sorted(ratings.items())]
    return "; ".join(parts) or "không có"


def prior_award_chain(ctx: CheckContext, params: ChainParams) -> Iterable[Hit]:
    """The award's chain of consecutive years and prior awards (Law Đ21–23, Đ42–44, Đ73, Đ74).

    A gap in the years, a missing prior award or a short count is a finding; a basis whose inputs
    the record lacks makes the rule not applicable (that basis may hold, tdkt cannot see it).
    """
    nom = ctx.nomination
    assert nom is not None
    year = nom.award.year
    if year is None or not has_report(ctx) or not_applicable(nom, params.not_applicable_when, "person.position"):
        yield Hit(None, not_applicable=True)
        return
    held, _ = held_awards(nom, params.exclude_titles)
    ratings = {r.year: r.rating for r in nom.achievements.task_ratings}
    innovations = [i.year for i in nom.achievements.innovations]
    visible = []
    for option in params.any_of:
        need_awards, need_ratings = _needs(option)
        has_awards, has_ratings = bool(nom.prior_awards), bool(ratings)
        if (need_awards and not has_awards) or (need_ratings and not has_ratings) or not (has_awards or has_ratings):
            continue
        visible.append(option)
        if _option_met(option, year, params.end_slack, held, ratings, innovations):
            return
    if len(visible) < len(params.any_of):
        yield Hit(None, not_applicable=True)  # a basis tdkt cannot see may hold
        return
    window = max(o.years for o in params.any_of) + params.end_slack
    if any(year - window <= y <= year for y in _unknown_years(nom)):
        yield Hit(None, not_applicable=True)  # a row of those years tdkt could not classify may fill the gap
        return
    codes = {c for o in params.any_of for c in o.after_award + (o.each_year or YearTest()).award_codes
             + [x for t in o.counts for x in t.award_codes]}
    yield Hit("prior_awards", {
        "award": award_label(nom), "year": year,
        "requirement": " hoặc ".join(o.label for o in params.any_of),
        "found": _found(held, ratings, codes),
    })


# --- special_prior_award: DUP-03 -------------------------------------------------------------------------


class SpecialParams(_Params):
    titles: list[str] = Field(min_length=1)  # folded regexes: đột xuất / chuyên đề
    award_codes: Codes = Field(min_length=1)  # the prior awards chains count


def special_prior_award(ctx: CheckContext, params: SpecialParams) -> Iterable[Hit]:
    """A prior award for a sudden achievement or a themed campaign: not counted in the chain."""
    nom = ctx.nomination
    assert nom is not None
    if not nom.prior_awards:
        yield Hit(None, not_applicable=True)
        return
    for i, row in enumerate(nom.prior_awards):
        code = row.code or award_code(row.title)
        if code in params.award_codes and any(re.search(p, fold(row.title or "")) for p in params.titles):
            yield Hit(f"prior_awards[{i}]", {"award": award_label(nom), "title": row.title, "year": row.year or "—",
                                             "row": i + 1})


KINDS: dict[str, RuleKind] = {
    "year_rating": RuleKind(year_rating, YearRatingParams, on_nomination),  # type: ignore[arg-type]
    "prior_award_chain": RuleKind(prior_award_chain, ChainParams, on_nomination),  # type: ignore[arg-type]
    "special_prior_award": RuleKind(special_prior_award, SpecialParams, on_nomination),  # type: ignore[arg-type]
}
