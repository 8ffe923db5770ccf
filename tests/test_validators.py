"""Validators: exact findings for hand-built records, the status policy, strict rule loading, the GX suite."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from landing import Warehouse
from record.errors import DataFileError
from record.findings import Finding
from record.models import (
    Achievements,
    Award,
    CouncilVote,
    Document,
    DossierRecord,
    Nomination,
    Person,
    PriorAward,
    Provenance,
    Source,
    Submission,
    TaskRating,
    Unit,
    VoteResult,
)
from validators import RULE_KINDS, load_rules, nomination_status, pick_regime, validate

SHA = "a" * 64
FULL_PRIOR = {"year": 2023, "title": "Lao động tiên tiến", "decision_number": "12/QĐ-UBND",
              "decision_date": "2023-12-20", "issuer": "UBND tỉnh Quảng Trị"}


def person(**changes: object) -> Person:
    base = {"full_name": "Nguyễn Thị Hoa", "birth_date": "1985-04-07", "gender": "female",
            "work_unit": "Sở Nội vụ tỉnh Quảng Trị", "position": "Chuyên viên"}
    return Person(**{**base, **changes})


def individual(code: str = "CSTD_CS", year: int = 2024, nid: str = "n1", **person_changes: object) -> Nomination:
    return Nomination(
        nomination_id=nid, nominee_kind="individual",
        award=Award(code=code, name="danh hiệu", year=year), person=person(**person_changes),
        achievements=Achievements(period_from=year - 2, period_to=year),
        prior_awards=[PriorAward(**FULL_PRIOR)],
    )


def report_record(nom: Nomination) -> DossierRecord:
    """A single individual achievement report (one file, one nomination)."""
    return DossierRecord(
        source=Source(path="bao-cao.docx", sha256=SHA, format="docx", pages=3),
        documents=[Document(kind="bao_cao_ca_nhan", pages=[1, 2, 3])],
        nominations=[nom],
    )


def bundle(noms: list[Nomination], *, votes: list[VoteResult], members_total: int | None = 20,
           date: str = "2024-12-10") -> DossierRecord:
    """tờ trình + biên bản + one report per nominee, in one scanned file."""
    return DossierRecord(
        source=Source(path="bo-ho-so.pdf", sha256=SHA, format="pdf-scanned", pages=10),
        documents=[Document(kind="to_trinh", pages=[1]), Document(kind="bien_ban", pages=[2, 3])]
        + [Document(kind="bao_cao_ca_nhan", pages=[4 + i]) for i in range(len(noms))],
        submission=Submission(number="15/TTr-UBND", date=date, issuer="UBND huyện Vĩnh Linh", recipient="UBND tỉnh"),
        council_vote=CouncilVote(date=date, members_total=members_total, members_present=18, results=votes),
        nominations=noms,
    )


def keys(findings: list[Finding]) -> set[tuple[str, str | None, str, str | None]]:
    return {(f.check_id, f.field, f.severity, f.nomination_id) for f in findings}


# --- findings ---------------------------------------------------------------------------------------


def test_individual_report_missing_birth_date() -> None:
    findings = validate(report_record(individual(birth_date=None)))
    assert sorted((f.check_id, f.field, f.severity, f.nomination_id or "") for f in findings) == [
        ("COMP-01", "documents", "warning", ""),  # no tờ trình: the submission is not all here yet
        ("COMP-01", "documents", "warning", ""),  # no biên bản either (pending, so a warning)
        ("REQ-01", "person.birth_date", "error", "n1"),
    ]
    assert [f.message.split(" (xét")[0] for f in findings if f.check_id == "COMP-01"] == [
        "Bộ hồ sơ đề nghị danh hiệu thi đua thiếu tờ trình",
        "Bộ hồ sơ đề nghị danh hiệu thi đua thiếu biên bản họp Hội đồng Thi đua - Khen thưởng",
    ]
    birth = next(f for f in findings if f.check_id == "REQ-01")
    assert birth.message == "Thiếu ngày sinh (person.birth_date) của cá nhân được đề nghị."
    assert birth.category == "completeness" and birth.sha256 == SHA
    assert birth.legal_basis.startswith("Luật TĐKT 2022 Đ84")
    assert nomination_status([f for f in findings if f.nomination_id == "n1"]) == "needs_review"


def test_a_nominee_named_only_in_a_list_is_not_asked_for_report_fields() -> None:
    listed = Nomination(nomination_id="n2", nominee_kind="individual", award=Award(code="CSTD_CS", year=2024),
                        person=Person(full_name="Lê Văn Tám"), named_in=["to_trinh", "bien_ban"])
    reported = individual(birth_date=None)
    reported.named_in = ["to_trinh", "bao_cao_ca_nhan"]
    rec = bundle([reported, listed], votes=[VoteResult(nominee="Nguyễn Thị Hoa", award_code="CSTD_CS",
                                                       votes_for=16, votes_total=18),
                                            VoteResult(nominee="Lê Văn Tám", award_code="CSTD_CS",
                                                       votes_for=17, votes_total=18)])
    rec.documents = rec.documents[:3]  # one report, for Nguyễn Thị Hoa
    found = keys(validate(rec))
    assert ("REQ-01", "person.birth_date", "error", "n1") in found  # her report lacks it
    assert not any(f[0] == "REQ-01" and f[3] == "n2" for f in found)  # his report is not in this file
    assert ("COMP-01", "documents", "error", None) in found  # a cover letter with 2 nominees and 1 report


def test_an_unread_value_is_a_warning_to_look_not_a_missing_value() -> None:
    nom = individual(birth_date=None, position=None)
    nom.provenance["person.birth_date"] = Provenance(page=2, line="Ngày sinh: 12/1l4…", source="ocr", unread=True)
    found = validate(report_record(nom))
    got = {(f.check_id, f.field, f.severity) for f in found if f.nomination_id == "n1"}
    assert got == {("READ-01", "person.birth_date", "warning"), ("REQ-01", "person.position", "error")}
    read = next(f for f in found if f.check_id == "READ-01")
    assert read.message == "Không đọc được ngày sinh (person.birth_date) ở trang 2: đề nghị cán bộ xem bản gốc và nhập tay."


def test_complete_bundle_is_clean() -> None:
    rec = bundle([individual()], votes=[VoteResult(nominee="Nguyễn Thị Hoa", award_code="CSTD_CS",
                                                   votes_for=16, votes_total=18)])
    assert validate(rec) == []  # 16/20 = 80 %: exactly the threshold passes
    assert nomination_status([]) == "clean"


def test_failing_80_percent_vote_rejects_under_nd98() -> None:
    rec = bundle([individual()], votes=[VoteResult(nominee="Bà Nguyễn Thị Hoa", votes_for=15, votes_total=18)])
    findings = validate(rec)
    assert keys(findings) == {("VOTE-02", "council_vote.results[0].votes_for", "error", "n1")}
    (vote,) = findings
    assert vote.category == "conformance"
    assert vote.legal_basis == "NĐ 98/2023 Đ30 k7"
    assert "15/20" in vote.message and "75 %" in vote.message and "80 %" in vote.message
    assert nomination_status(findings) == "rejected"


def test_failing_vote_under_nd152_is_an_unverified_warning() -> None:
    rec = bundle([individual(year=2025)], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=15)],
                 date="2025-09-01")
    assert rec.submission is not None
    rec.submission.issuer = "UBND xã Vĩnh Linh"  # no district after 01/7/2025 (AUTH-02)
    assert pick_regime(rec) == "LTDKT2022+ND152"
    findings = validate(rec)
    assert keys(findings) == {("VOTE-02", "council_vote.results[0].votes_for", "warning", "n1")}
    assert "chưa kiểm chứng" in findings[0].legal_basis
    assert nomination_status(findings) == "needs_review"


CSTDCS_CHAIN = [PriorAward(**{**FULL_PRIOR, "year": y, "title": "Chiến sĩ thi đua cơ sở", "code": "CSTD_CS"})
                for y in (2021, 2022, 2023)]  # what a CSTĐ cấp tỉnh needs (ELIG-CSTDT)


def test_90_percent_threshold_for_provincial_emulation_soldier() -> None:
    nom = individual(code="CSTD_TINH")
    nom.prior_awards = CSTDCS_CHAIN
    rec = bundle([nom], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=17)])
    assert keys(validate(rec)) == {("VOTE-01", "council_vote.results[0].votes_for", "error", "n1")}
    rec = bundle([nom], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=18)])
    assert validate(rec) == []


def test_missing_membership_uses_ballots_as_a_lower_bound() -> None:
    failing = bundle([individual()], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=10, votes_total=15)],
                     members_total=None)
    assert keys(validate(failing)) == {
        ("REQ-05", "council_vote.members_total", "error", None),
        ("VOTE-02", "council_vote.results[0].votes_for", "error", "n1"),
    }
    undecided = bundle([individual()], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=14, votes_total=15)],
                       members_total=None)
    assert keys(validate(undecided)) == {("REQ-05", "council_vote.members_total", "error", None)}


def test_minutes_without_vote_counts() -> None:
    no_row = bundle([individual()], votes=[])
    assert keys(validate(no_row)) == {("COMP-05", "council_vote.results", "error", "n1")}
    no_count = bundle([individual()], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=None)])
    assert keys(validate(no_count)) == {("COMP-05", "council_vote.results[0].votes_for", "error", "n1")}
    # LĐTT needs no ballot: nothing to report
    assert validate(bundle([individual(code="LDTT")], votes=[])) == []


def test_votes_are_matched_by_whole_name() -> None:
    noms = [individual(nid="n1", full_name="Nguyễn Văn An"), individual(nid="n2", full_name="Nguyễn Văn Anh")]
    rec = bundle(noms, votes=[VoteResult(nominee="Nguyễn Văn Anh", votes_for=19),
                              VoteResult(nominee="Ông Nguyễn Văn An", votes_for=12)])
    assert keys(validate(rec)) == {("VOTE-02", "council_vote.results[1].votes_for", "error", "n1")}


def test_prior_award_row_missing_decision_number() -> None:
    nom = individual()
    nom.prior_awards = [PriorAward(**FULL_PRIOR), PriorAward(**{**FULL_PRIOR, "decision_number": None})]
    rec = bundle([nom], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=20)])
    findings = validate(rec)
    assert keys(findings) == {("COMP-11", "prior_awards[1].decision_number", "warning", "n1")}
    assert findings[0].message.startswith("Dòng 2 của bảng")


def test_report_period_too_short() -> None:
    nom = individual(code="CSTD_TINH")
    nom.prior_awards = CSTDCS_CHAIN
    nom.achievements = Achievements(period_from=2023, period_to=2024)
    rec = bundle([nom], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=20)])
    findings = validate(rec)
    assert keys(findings) == {("PERIOD-01", "achievements.period_from", "warning", "n1")}
    assert "2023–2024 (2 năm)" in findings[0].message
    # falls back on the task-rating years
    nom.achievements = Achievements(task_ratings=[TaskRating(year=y, rating="HTXSNV") for y in (2022, 2023, 2024)])
    assert validate(rec) == []


def test_report_period_is_the_reports_not_a_lists() -> None:
    """The cover letter of a split submission names the nominee with no period: its report (another
    file) has one, so the letter's file raises no PERIOD-01."""
    nom = individual(code="CSTD_TINH")
    nom.named_in = ["to_trinh", "bien_ban"]
    nom.achievements = Achievements()
    rec = bundle([nom], votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=20)])
    assert "PERIOD-01" not in {f.check_id for f in validate(rec, scopes=("nomination",))}
    nom.named_in = ["to_trinh", "bien_ban", "bao_cao_ca_nhan"]
    assert "PERIOD-01" in {f.check_id for f in validate(rec, scopes=("nomination",))}


def test_collective_missing_headcount_and_reports_per_nominee() -> None:
    unit = Nomination(nomination_id="t1", nominee_kind="collective", award=Award(code="TT_LDXS", year=2024),
                      unit=Unit(name="Phòng Tổ chức cán bộ"))
    rec = bundle([individual(), individual(nid="n2", full_name="Lê Văn Bình")],
                 votes=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=20), VoteResult(nominee="Lê Văn Bình", votes_for=20)])
    rec.documents = [d for d in rec.documents if d.kind != "bao_cao_ca_nhan"][:2] + [Document(kind="bao_cao_ca_nhan")]
    rec.nominations = [*rec.nominations, unit]
    findings = validate(rec)
    assert keys(findings) == {
        ("COMP-01", "documents", "error", None),  # 1 of 2 individual reports, 0 of 1 collective
        ("REQ-02", "unit.headcount", "error", "t1"),
    }
    assert sorted(f.message.split(" (xét")[0] for f in findings if f.check_id == "COMP-01") == [
        "Bộ hồ sơ đề nghị danh hiệu thi đua thiếu báo cáo thành tích cá nhân (có 1/2)",
        "Bộ hồ sơ đề nghị danh hiệu thi đua thiếu báo cáo thành tích tập thể (có 0/1)",
    ]


def test_all_findings_are_collected_not_just_the_first() -> None:
    nom = individual(birth_date=None, gender=None, position=None)
    nom.award = Award(code=None, name="Bằng khen gì đó", year=None)
    fields = {f.field for f in validate(report_record(nom)) if f.nomination_id == "n1"}
    assert fields == {"person.birth_date", "person.gender", "person.position", "award.code", "award.year"}


def test_regime_from_submission_then_council_then_award_year() -> None:
    rec = bundle([individual(year=2025)], votes=[], date="2025-06-30")
    assert pick_regime(rec) == "LTDKT2022+ND98"
    rec.submission = None
    rec.council_vote = CouncilVote(date="2025-07")
    assert pick_regime(rec) == "LTDKT2022+ND152"
    rec.council_vote = None
    assert pick_regime(rec, rec.nominations[0]) == "LTDKT2022+ND152"  # a bare 2025 counts as year end
    assert pick_regime(report_record(individual(year=2024))) == "LTDKT2022+ND98"


def test_status_policy() -> None:
    def f(severity: str, category: str) -> Finding:
        return Finding(check_id="X-01", category=category, severity=severity, field=None,  # type: ignore[arg-type]
                       message="m", legal_basis="b")

    assert nomination_status([f("info", "fairness")]) == "clean"
    assert nomination_status([f("warning", "conformance")]) == "needs_review"
    assert nomination_status([f("error", "completeness")]) == "needs_review"
    assert nomination_status([f("info", "fairness"), f("error", "conformance")]) == "rejected"


# --- rule files -------------------------------------------------------------------------------------


def test_shipped_rules_load() -> None:
    rules = load_rules()
    from validators.stage._kinds import STAGE_KINDS

    assert {r.kind for r in rules} == set(RULE_KINDS) | set(STAGE_KINDS)  # every kind is used by a rule
    assert len({r.id for r in rules}) == len(rules)
    assert [r.id for r in rules if r.scope is None] == []  # every rule says what it needs to see


def test_a_rule_scope_must_be_known(tmp_path: Path) -> None:
    rules = load_rules(_rule_file(tmp_path, GOOD.replace("kind: required_field", "kind: required_field\n    scope: submission")))
    assert rules[0].scope == "submission"
    with pytest.raises(DataFileError) as exc:
        load_rules(_rule_file(tmp_path, GOOD.replace("kind: required_field", "kind: required_field\n    scope: season")))
    assert "rules[0].scope" in str(exc.value)


def _rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nrules:\n" + body, encoding="utf-8")
    return path


GOOD = """  - id: REQ-09
    kind: required_field
    params: {fields: [person.full_name]}
    severity: error
    category: completeness
    message_vi: "Thiếu {label}"
    legal_basis: "Luật TĐKT 2022 Đ84"
    confidence: verified
"""


def test_bad_rule_file_names_file_and_key(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as exc:
        load_rules(_rule_file(tmp_path, GOOD.replace("severity: error", "severity: fatal")))
    assert "bad.yaml" in str(exc.value) and "rules[0].severity" in str(exc.value)


def test_unknown_kind_lists_known_kinds(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as exc:
        load_rules(_rule_file(tmp_path, GOOD.replace("kind: required_field", "kind: eligibility_chain")))
    assert "rules[0].kind" in str(exc.value)
    assert all(k in str(exc.value) for k in RULE_KINDS)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("fields: [person.full_name]", "fields: [person.shoe_size]", "rules[0].params.fields"),
        ("Thiếu {label}", "Thiếu {nonsense}", "rules[0].message_vi"),
        ("confidence: verified", "confidence: verified\n    applies_to: {award_codes: [NOPE]}",
         "rules[0].applies_to.award_codes"),
        ("confidence: verified", "confidence: verified\n    colour: red", "rules[0].colour"),
    ],
)
def test_bad_rule_details(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(DataFileError) as exc:
        load_rules(_rule_file(tmp_path, GOOD.replace(old, new)))
    assert key in str(exc.value)


# --- Great Expectations suite over the landed tables ------------------------------------------------


def test_gx_suite_flags_bad_rows(tmp_path: Path) -> None:
    from validators.gx_suite import check_warehouse

    db = tmp_path / "wh" / "kho.duckdb"
    rec = bundle([individual()], votes=[VoteResult(nominee="Nguyễn Thị Hoa", award_code="CSTD_CS", votes_for=20)])
    with Warehouse(db) as wh:
        wh.land(rec, validate(rec), run_id="r1", path="bo-ho-so.pdf", statuses={"n1": "clean"})
    results = check_warehouse(db)
    assert results and all(r.success for r in results), [r for r in results if not r.success]
    assert all(r.check_id.startswith(("DQ-", "DUP-")) and r.legal_basis for r in results)
    assert {"DUP-01", "DQ-ROW-04", "DQ-ROW-05"} <= {r.check_id for r in results}  # data/rules/expectations.yaml

    con = duckdb.connect(str(db))
    con.execute("UPDATE nominations SET award_code = 'CSTD_XYZ', submission_date = '10/12/2024'")
    con.execute("UPDATE prior_awards SET decision_number = '12 /QĐ-UBND'")
    # the same nominee proposed twice for one award and year in one file; counts out of range
    con.execute("INSERT INTO nominations SELECT * REPLACE ('n9' AS nomination_id, seq + 1 AS seq) FROM nominations")
    con.execute("INSERT INTO persons SELECT * REPLACE ('n9' AS nomination_id) FROM persons")
    con.execute("UPDATE council_meta SET members_total = 0")
    con.close()
    failed = {(r.check_id, r.table, r.column): r for r in check_warehouse(db) if not r.success}
    assert set(failed) == {
        ("DQ-CODE-01", "nominations", "award_code"),
        ("DQ-FORM-01", "nominations", "submission_date"),
        ("DQ-FORM-02", "prior_awards", "decision_number"),
        ("DUP-01", "nominee_awards", "sha256,nominee,award_code,award_year"),
        ("DQ-ROW-05", "council_meta", "members_total"),
    }
    assert failed[("DUP-01", "nominee_awards", "sha256,nominee,award_code,award_year")].legal_basis.startswith(
        "Luật TĐKT 2022 Đ5 k2 c")
    bad_code = failed[("DQ-CODE-01", "nominations", "award_code")]
    assert bad_code.unexpected_count == 2 and bad_code.unexpected_sample == ["CSTD_XYZ"] * 2  # the row and its copy
    assert bad_code.expectation == "expect_column_values_to_be_in_set"
