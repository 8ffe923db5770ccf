"""The rule catalogue (DOMAIN.md §8): for each rule a record that breaks it and one that does not,
and the nominees a rule cannot apply to (issue 7 points 3 and 4)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from record.findings import Finding
from record.models import (
    Achievements,
    Award,
    CouncilVote,
    Document,
    DossierRecord,
    Innovation,
    Nomination,
    Person,
    PriorAward,
    Source,
    Submission,
    TaskRating,
    Unit,
    VoteResult,
)
from validators import load_rules, validate
from validators._rules import not_checkable

SHA = "b" * 64
HX, HT, HN = "HTXSNV", "HTTNV", "HTNV"


def _prior(rows: list[tuple[int, str] | tuple[int, str, str]]) -> list[PriorAward]:
    out = []
    for row in rows:
        year, code = row[0], row[1]
        title = row[2] if len(row) > 2 else code  # type: ignore[misc]
        out.append(PriorAward(year=year, code=code, title=title, decision_number="1/QĐ-UBND",
                              decision_date=f"{year}-12-20", issuer="UBND tỉnh"))
    return out


def nominee(code: str, year: int, *, ratings: dict[int, str] | None = None,
            prior: list[tuple[int, str] | tuple[int, str, str]] | None = None, innovations: list[int] | None = None,
            collective: bool = False, position: str = "Chuyên viên", named_in: list[str] | None = None,
            nid: str = "n1", name: str = "Nguyễn Thị Hoa") -> Nomination:
    ach = Achievements(period_from=year - 5, period_to=year,
                       task_ratings=[TaskRating(year=y, rating=r) for y, r in sorted((ratings or {}).items())],  # type: ignore[arg-type]
                       innovations=[Innovation(title=f"Sáng kiến {y}", year=y) for y in innovations or []])
    report = "bao_cao_tap_the" if collective else "bao_cao_ca_nhan"
    return Nomination(
        nomination_id=nid, nominee_kind="collective" if collective else "individual",
        award=Award(code=code, name=code, year=year),
        person=None if collective else Person(full_name=name, birth_date="1980-01-01", gender="female",
                                              work_unit="Sở Nội vụ", position=position),
        unit=Unit(name=name, headcount=20) if collective else None,
        achievements=ach, prior_awards=_prior(prior or []), named_in=named_in or [report],  # type: ignore[arg-type]
    )


def report(nom: Nomination) -> DossierRecord:
    return DossierRecord(source=Source(path="bctt.docx", sha256=SHA, format="docx", pages=3),
                         documents=[Document(kind=nom.named_in[0])], nominations=[nom])


def letter(noms: list[Nomination], *, recipient: str = "Chủ tịch UBND tỉnh Quảng Trị", date: str = "2024-11-20",
           issuer: str = "UBND xã Vĩnh Hoàng", vote: CouncilVote | None = None) -> DossierRecord:
    """A tờ trình (and the council's minutes when ``vote``) naming the nominees."""
    for n in noms:
        n.named_in = ["to_trinh"] + (["bien_ban"] if vote else [])
    return DossierRecord(
        source=Source(path="totrinh.docx", sha256=SHA, format="docx", pages=4),
        documents=[Document(kind="to_trinh")] + ([Document(kind="bien_ban")] if vote else []),
        submission=Submission(number="12/TTr-UBND", date=date, issuer=issuer, recipient=recipient),
        council_vote=vote, nominations=noms,
    )


def council(votes: int, *, present: int = 18, total: int = 20, ballot: bool | None = True,
            written: int | None = None, date: str = "2024-11-15", code: str = "CSTD_CS") -> CouncilVote:
    return CouncilVote(date=date, members_total=total, members_present=present, ballot=ballot, written_opinions=written,
                       results=[VoteResult(nominee="Nguyễn Thị Hoa", award_code=code, votes_for=votes)])


def ids(findings: list[Finding]) -> set[str]:
    return {f.check_id for f in findings}


def five(first: int, rating: str = HT, **special: str) -> dict[int, str]:
    return {y: special.get(f"y{y}", rating) for y in range(first, first + 5)}


Case = tuple[str, Callable[[], DossierRecord], Callable[[], DossierRecord]]

CASES: list[Case] = [
    ("ELIG-LDTT", lambda: report(nominee("LDTT", 2024, ratings={2024: HN})),
     lambda: report(nominee("LDTT", 2024, ratings={2024: HT}))),
    ("ELIG-CSTDCS", lambda: report(nominee("CSTD_CS", 2024, ratings={2024: HT})),
     lambda: report(nominee("CSTD_CS", 2024, ratings={2024: HT}, innovations=[2024]))),
    ("ELIG-CSTDCS", lambda: report(nominee("CSTD_CS", 2024, ratings={2024: HN}, innovations=[2024])),
     lambda: report(nominee("CSTD_CS", 2024, ratings={2024: HX}))),
    ("ELIG-TTLDTT", lambda: report(nominee("TT_LDTT", 2024, ratings={2024: HN}, collective=True, name="Trường A")),
     lambda: report(nominee("TT_LDTT", 2024, ratings={2024: HT}, collective=True, name="Trường A"))),
    ("ELIG-TTLDXS", lambda: report(nominee("TT_LDXS", 2024, ratings={2024: HT}, collective=True, name="Trường A")),
     lambda: report(nominee("TT_LDXS", 2024, ratings={2024: HX}, collective=True, name="Trường A"))),
    ("ELIG-CSTDT", lambda: report(nominee("CSTD_TINH", 2024, prior=[(2021, "CSTD_CS"), (2023, "CSTD_CS")])),
     lambda: report(nominee("CSTD_TINH", 2024, prior=[(2021, "CSTD_CS"), (2022, "CSTD_CS"), (2023, "CSTD_CS")]))),
    # the last CSTĐCS considered in the same round: an HTXS year ends the run
    ("ELIG-CSTDT", lambda: report(nominee("CSTD_TINH", 2024, ratings={2023: HT}, prior=[(2021, "CSTD_CS"), (2022, "CSTD_CS")])),
     lambda: report(nominee("CSTD_TINH", 2024, ratings={2023: HX}, prior=[(2021, "CSTD_CS"), (2022, "CSTD_CS")]))),
    ("ELIG-CSTDTQ", lambda: report(nominee("CSTD_TQ", 2024, prior=[(2020, "CSTD_TINH")])),
     lambda: report(nominee("CSTD_TQ", 2024, prior=[(2020, "CSTD_TINH"), (2023, "CSTD_TINH")]))),
    ("ELIG-BKT-CN", lambda: report(nominee("BK_TINH", 2025, ratings={2023: HX, 2024: HX}, innovations=[2024],
                                           prior=[(2022, "CSTD_CS"), (2024, "CSTD_CS")])),
     lambda: report(nominee("BK_TINH", 2025, prior=[(2023, "CSTD_CS"), (2024, "CSTD_CS")]))),
    ("ELIG-BKT-CN", lambda: report(nominee("BK_TINH", 2025, ratings={2023: HX, 2024: HT}, innovations=[2023, 2024],
                                           prior=[(2022, "LDTT")])),
     lambda: report(nominee("BK_TINH", 2025, ratings={2023: HX, 2024: HX}, innovations=[2023, 2024],
                            prior=[(2022, "LDTT")]))),
    ("ELIG-BKT-TT", lambda: report(nominee("BK_TINH", 2025, ratings={2023: HX, 2024: HT}, collective=True, name="Trạm Y tế")),
     lambda: report(nominee("BK_TINH", 2025, ratings={2023: HX}, prior=[(2024, "TT_LDXS")], collective=True,
                            name="Trạm Y tế"))),
    ("ELIG-BKTTG-CN", lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020),
                                             prior=[(2019, "BK_TINH"), (2020, "CSTD_CS"), (2022, "CSTD_CS")])),
     lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020),
                            prior=[(2019, "BK_TINH"), (2020, "CSTD_CS"), (2022, "CSTD_CS"), (2024, "CSTD_CS")]))),
    ("ELIG-BKTTG-CN", lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020, y2022=HN),
                                             prior=[(2019, "BK_TINH"), (2020, "CSTD_CS"), (2021, "CSTD_CS"), (2024, "CSTD_CS")])),
     lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020),
                            prior=[(2019, "BK_TINH"), (2020, "CSTD_CS"), (2021, "CSTD_CS"), (2024, "CSTD_CS")]))),
    ("ELIG-BKTTG-TT", lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020, HX), prior=[(2019, "BK_TINH"), (2022, "BK_TINH")],
                                             collective=True, name="Trường B")),
     lambda: report(nominee("BK_TTCP", 2025, ratings=five(2020, HX), prior=[(2019, "BK_TINH"), (2021, "BK_TINH"),
                                                                            (2023, "BK_TINH")], collective=True, name="Trường B"))),
    ("ELIG-HCLD3", lambda: report(nominee("HCLD3", 2025, ratings=five(2020, y2022=HX),
                                          prior=[(2023, "BK_TTCP"), (2020, "CSTD_CS"), (2022, "CSTD_CS"), (2024, "CSTD_CS")])),
     lambda: report(nominee("HCLD3", 2025, ratings=five(2020, y2022=HX),
                            prior=[(2019, "BK_TTCP"), (2020, "CSTD_CS"), (2022, "CSTD_CS"), (2024, "CSTD_CS")]))),
    ("ELIG-HCLD3-TT", lambda: report(nominee("HCLD3", 2025, ratings=five(2020, HX), prior=[(2019, "BK_TTCP"), (2021, "BK_TINH")],
                                             collective=True, name="Trường C")),
     lambda: report(nominee("HCLD3", 2025, ratings=five(2020, HX), prior=[(2019, "BK_TTCP"), (2023, "CO_TD_CP")],
                            collective=True, name="Trường C"))),
    ("ELIG-HCLD2", lambda: report(nominee("HCLD2", 2025, ratings=five(2020, y2021=HX, y2023=HX), prior=[(2019, "HCLD3")])),
     lambda: report(nominee("HCLD2", 2025, ratings=five(2020, y2021=HX, y2023=HX),
                            prior=[(2019, "HCLD3"), (2022, "CSTD_TINH")]))),
    ("ELIG-HCLD1", lambda: report(nominee("HCLD1", 2025, ratings=five(2020, y2020=HX, y2021=HX, y2022=HX),
                                          prior=[(2019, "HCLD2"), (2020, "CSTD_TINH")])),
     lambda: report(nominee("HCLD1", 2025, ratings=five(2020, y2020=HX, y2021=HX, y2022=HX),
                            prior=[(2019, "HCLD2"), (2020, "CSTD_TINH"), (2023, "CSTD_TINH")]))),
    ("ELIG-HCLD2-TT", lambda: report(nominee("HCLD2", 2025, ratings=five(2020, HX), prior=[(2019, "HCLD3"), (2021, "BK_TINH"),
                                                                                             (2023, "BK_TINH")],
                                             collective=True, name="Trường D")),
     lambda: report(nominee("HCLD2", 2025, ratings=five(2020, HX), prior=[(2019, "HCLD3"), (2021, "CO_TD_CP"),
                                                                          (2023, "CO_TD_TINH")], collective=True, name="Trường D"))),
    ("ELIG-HCLD1-TT", lambda: report(nominee("HCLD1", 2025, ratings=five(2020, HX), prior=[(2019, "HCLD2"), (2021, "CO_TD_CP"),
                                                                                             (2023, "CO_TD_TINH")],
                                             collective=True, name="Trường E")),
     lambda: report(nominee("HCLD1", 2025, ratings=five(2020, HX), prior=[(2019, "HCLD2"), (2021, "CO_TD_CP"),
                                                                          (2022, "CO_TD_TINH"), (2023, "CO_TD_TINH")],
                            collective=True, name="Trường E"))),
    ("DUP-03", lambda: report(nominee("BK_TINH", 2025, prior=[(2023, "CSTD_CS"), (2024, "BK_TINH", "Bằng khen đột xuất")])),
     lambda: report(nominee("BK_TINH", 2025, prior=[(2023, "CSTD_CS"), (2024, "BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh")]))),
    ("VOTE-03", lambda: letter([nominee("CSTD_CS", 2024)], vote=council(17, present=15)),
     lambda: letter([nominee("CSTD_CS", 2024)], vote=council(17, present=15, written=5))),
    ("VOTE-04", lambda: letter([nominee("CSTD_CS", 2024)], vote=council(18, ballot=False)),
     lambda: letter([nominee("CSTD_CS", 2024)], vote=council(18, ballot=None))),
    ("VOTE-05", lambda: letter([nominee("GIAY_KHEN", 2024)], vote=council(12, present=12, code="GIAY_KHEN")),
     lambda: letter([nominee("GIAY_KHEN", 2024)], vote=council(14, present=14, code="GIAY_KHEN"))),
    ("AUTH-01", lambda: letter([nominee("CSTD_CS", 2024)], recipient="Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"),
     lambda: letter([nominee("CSTD_CS", 2024)], recipient="Chủ tịch UBND huyện Vĩnh Linh")),
    ("AUTH-01", lambda: letter([nominee("BK_TINH", 2024)], recipient="Thủ tướng Chính phủ"),
     lambda: letter([nominee("BK_TTCP", 2024)], recipient="Chủ tịch UBND tỉnh Quảng Trị")),  # sent up through the province
    ("AUTH-02", lambda: letter([nominee("GIAY_KHEN", 2025)], issuer="ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH", date="2025-09-10",
                               recipient="Chủ tịch UBND xã Vĩnh Linh"),
     lambda: letter([nominee("GIAY_KHEN", 2025)], issuer="ỦY BAN NHÂN DÂN XÃ VĨNH LINH", date="2025-09-10",
                    recipient="Chủ tịch UBND xã Vĩnh Linh")),
    ("AUTH-02", lambda: letter([nominee("TT_LDTT", 2025, collective=True, name="Phòng Văn hóa và Thông tin huyện Vĩnh Linh")],
                               issuer="UBND xã Vĩnh Linh", recipient="Chủ tịch UBND xã Vĩnh Linh", date="2025-11-10"),
     lambda: letter([nominee("TT_LDTT", 2025, collective=True, name="Phòng Văn hóa và Thông tin huyện Vĩnh Linh")],
                    issuer="UBND xã Vĩnh Linh", recipient="Chủ tịch UBND xã Vĩnh Linh", date="2025-06-10")),
    ("COMP-08", lambda: letter([nominee("HCLD3", 2024), nominee("BK_TTCP", 2024, nid="n2", name="Lê Văn Tám")]),
     lambda: letter([nominee("HCLD3", 2024), nominee("HCLD2", 2024, nid="n2", name="Lê Văn Tám")])),
    ("CONS-02", lambda: letter([nominee("CSTD_CS", 2024)], date="2024-11-10", vote=council(18, date="2024-11-12")),
     lambda: letter([nominee("CSTD_CS", 2024)], date="2024-11-12", vote=council(18, date="2024-11-12"))),
    ("CONS-02", lambda: letter([nominee("CSTD_CS", 2024)], date="2024-11-10", vote=council(18, date="2024-11-12")),
     lambda: letter([nominee("CSTD_CS", 2024)], date="2024-11-10", vote=council(18, date="2024-11-12"),
                    issuer="Ban Công tác Mặt trận thôn Hà Thượng")),  # the xã's council meets after the thôn's letter
    ("TIME-01", lambda: letter([nominee("CSTD_TQ", 2023)], date="2025-01-15", recipient="Bộ Nội vụ"),
     lambda: letter([nominee("CSTD_TQ", 2023)], date="2024-11-01", recipient="Bộ Nội vụ")),
    ("TIME-01", lambda: letter([nominee("CO_TD_CP", 2023, collective=True, name="Sở Y tế")], date="2024-07-15",
                               recipient="Thủ tướng Chính phủ"),
     lambda: letter([nominee("CO_TD_CP", 2023, collective=True, name="Sở Y tế")], date="2024-06-30",
                    recipient="Thủ tướng Chính phủ")),
    ("TIME-02", lambda: letter([nominee("BK_TINH", 2024)], date="2024-12-20"),
     lambda: letter([nominee("BK_TINH", 2024)], date="2024-12-05")),
    ("TIME-02", lambda: letter([nominee("BK_TINH", 2024)], date="2024-12-20"),
     lambda: letter([nominee("BK_TINH", 2024)], date="2024-12-20", recipient="Chủ tịch UBND huyện Vĩnh Linh")),
]


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_finds_the_defect_and_only_it(rule: str, bad: Callable[[], DossierRecord],
                                           good: Callable[[], DossierRecord]) -> None:
    found = validate(bad())
    assert rule in ids(found), [f.message for f in found]
    hit = next(f for f in found if f.check_id == rule)
    assert hit.message and "{" not in hit.message and hit.legal_basis
    assert rule not in ids(validate(good()))


def test_chain_message_names_requirement_and_what_the_table_shows() -> None:
    found = validate(report(nominee("CSTD_TINH", 2024, prior=[(2021, "CSTD_CS"), (2023, "CSTD_CS")])))
    msg = next(f for f in found if f.check_id == "ELIG-CSTDT")
    assert msg.severity == "error" and msg.category == "conformance" and msg.field == "prior_awards"
    assert "03 năm liên tục đạt Chiến sĩ thi đua cơ sở" in msg.message
    assert "Chiến sĩ thi đua cơ sở 2021; Chiến sĩ thi đua cơ sở 2023" in msg.message


def test_special_awards_do_not_count_in_a_chain() -> None:
    """NĐ 98/2023 Đ4 k3: the đột xuất Bằng khen cannot be the prior Bằng khen of the TTg chain."""
    def bk_ttcp(title: str) -> DossierRecord:
        return report(nominee("BK_TTCP", 2025, ratings=five(2020),
                              prior=[(2019, "BK_TINH", title), (2020, "CSTD_CS"), (2022, "CSTD_CS"), (2024, "CSTD_CS")]))
    special = ids(validate(bk_ttcp("Bằng khen của Chủ tịch UBND tỉnh (khen thưởng đột xuất)")))
    assert {"ELIG-BKTTG-CN", "DUP-03"} <= special
    assert not {"ELIG-BKTTG-CN", "DUP-03"} & ids(validate(bk_ttcp("Bằng khen của Chủ tịch UBND tỉnh")))


# --- not applicable ------------------------------------------------------------------------------------------


def _elig(rec: DossierRecord) -> set[str]:
    return {i for i in ids(validate(rec)) if i.startswith("ELIG")}


def test_a_list_only_nominee_gets_no_eligibility_finding() -> None:
    rec = letter([nominee("CSTD_TINH", 2024), nominee("BK_TTCP", 2024, nid="n2", name="Lê Văn Tám")],
                 recipient="Chủ tịch UBND tỉnh Quảng Trị")
    assert _elig(rec) == set()


def test_a_report_without_ratings_or_prior_awards_is_not_judged() -> None:
    assert _elig(report(nominee("CSTD_TINH", 2024))) == set()  # no prior-award table read
    assert _elig(report(nominee("LDTT", 2024, ratings={2023: HT}))) == set()  # no rating of the award year
    assert _elig(report(nominee("CSTD_CS", 2024))) == set()


def test_a_basis_tdkt_cannot_see_makes_the_chain_not_applicable() -> None:
    # prior awards read, no ratings: the HTXS + innovations basis of BK tỉnh may hold
    assert _elig(report(nominee("BK_TINH", 2025, prior=[(2022, "LDTT")]))) == set()


def test_a_prior_award_tdkt_could_not_name_may_fill_the_gap() -> None:
    nom = nominee("CSTD_TINH", 2024, prior=[(2021, "CSTD_CS"), (2023, "CSTD_CS")])
    nom.prior_awards.append(PriorAward(year=2022, title="Danh hiệu ghi mờ không đọc rõ"))
    assert _elig(report(nom)) == set()


def test_workers_and_farmers_have_their_own_criteria() -> None:
    for position in ("Nông dân", "Công nhân khai thác mủ cao su"):
        rec = report(nominee("BK_TINH", 2025, ratings={2023: HT, 2024: HT}, prior=[(2022, "LDTT")], position=position))
        assert _elig(rec) == set()


def test_legal_basis_follows_the_regime() -> None:
    def cstdtq(date: str) -> Finding:
        rec = letter([nominee("CSTD_TQ", 2024)], date=date, recipient="Bộ Nội vụ")
        rec.documents.append(Document(kind="bao_cao_ca_nhan"))
        rec.nominations[0].named_in.append("bao_cao_ca_nhan")
        rec.nominations[0].prior_awards = _prior([(2020, "CSTD_TINH")])
        return next(f for f in validate(rec) if f.check_id == "ELIG-CSTDTQ")
    assert "chưa kiểm chứng" not in cstdtq("2024-12-01").legal_basis
    assert "NĐ 152/2025: chưa kiểm chứng" in cstdtq("2025-09-01").legal_basis


def test_dissolved_units_only_from_july_2025() -> None:
    old = letter([nominee("GIAY_KHEN", 2025)], issuer="UBND huyện Vĩnh Linh", date="2025-06-20",
                 recipient="Chủ tịch UBND huyện Vĩnh Linh")
    assert "AUTH-02" not in ids(validate(old))
    new_award = letter([nominee("GIAY_KHEN", 2025)], issuer="UBND xã Vĩnh Linh", date="2025-10-01",
                       recipient="Chủ tịch UBND xã Vĩnh Linh")
    new_award.nominations[0].award.name = "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh"
    hit = [f for f in validate(new_award) if f.check_id == "AUTH-02"]
    assert [(f.field, f.severity) for f in hit] == [("award.name", "error")]


# --- the catalogue is complete -----------------------------------------------------------------------------

DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "DOMAIN.md"
# built by the submission / batch stage after landing (the lead's part of issue 7)
STAGE_RULES: set[str] = set()  # the stage's rules are rules too now: every id is implemented or listed


def test_every_rule_of_the_catalogue_is_checked_or_listed_with_a_reason() -> None:
    text = DOMAIN.read_text(encoding="utf-8")
    section = text[text.index("## 8. Rules a validator can check"): text.index("## 9.")]
    catalogue = set(re.findall(r"^\| ([A-Z]+-[A-Z0-9-]+(?: / [A-Z0-9]+)?) \|", section, re.M))
    catalogue = {i for c in catalogue for i in ([c] if " / " not in c else ["ELIG-HCLD2", "ELIG-HCLD1"])}
    assert len(catalogue) > 45
    implemented = {r.id for r in load_rules()}
    listed = {n.id for n in not_checkable() if not n.partly}
    assert catalogue - implemented - listed - STAGE_RULES == set()
    assert all(n.id in implemented for n in not_checkable() if n.partly)  # "partly" = the rest is checked


def test_no_rule_cites_decree_98_as_the_basis_for_a_dossier_after_1_july_2025() -> None:
    """Decree 98/2023 expired on 1/7/2025 (NĐ 152/2025 Đ59 k2): under the new regime a rule rests on the
    Law or on Decree 152, and where Decree 152's article is unverified the basis says so."""
    for rule in load_rules():
        if "LTDKT2022+ND152" not in rule.regimes:
            continue
        basis = rule.for_regime("LTDKT2022+ND152").legal_basis
        if "98/2023" in basis:
            assert basis.startswith("NĐ 152/2025") and "hết hiệu lực" in basis, (rule.id, basis)
        if "chưa kiểm chứng" in basis:
            assert rule.for_regime("LTDKT2022+ND152").confidence == "unverified", rule.id
