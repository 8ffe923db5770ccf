"""Landing: a real DuckDB file; idempotent re-landing, one transaction per file, quarantine, runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from landing import Warehouse, WarehouseError
from landing._schema import PER_FILE_TABLES
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
    Provenance,
    Source,
    Submission,
    TaskRating,
    Unit,
    VoteResult,
)
from record.outcome import QualityResult

SHA = "b" * 64
CONTRACT_COLUMNS = {
    "ingested_files": {"sha256", "path", "format", "status", "error", "first_seen_at", "run_id"},
    "documents": {"sha256", "kind", "page_from", "page_to"},
    "nominations": {"nomination_id", "sha256", "nominee_kind", "award_code", "award_year", "submitting_unit",
                    "submission_number", "submission_date", "status"},
    "persons": {"nomination_id", "full_name", "gender", "birth_date", "ethnicity", "hometown", "position",
                "work_unit", "qualification", "is_leader"},
    "units": {"nomination_id", "name", "address", "headcount", "head"},
    "prior_awards": {"nomination_id", "year", "title", "code", "decision_number", "decision_date", "issuer"},
    "innovations": {"nomination_id", "title", "year", "recognized_by"},
    "task_ratings": {"nomination_id", "year", "rating"},
    "council_votes": {"sha256", "nominee", "award_code", "votes_for", "votes_total"},
    "findings": {"nomination_id", "sha256", "check_id", "category", "severity", "field", "message",
                 "legal_basis", "run_id"},
    "fairness": {"run_id", "scope", "indicator", "numerator", "denominator", "value", "threshold", "status"},
}


def make_record(sha: str = SHA, headcount: int = 12) -> DossierRecord:
    return DossierRecord(
        source=Source(path="inbox/bo-ho-so.pdf", sha256=sha, format="pdf-scanned", pages=6, ocr_confidence=0.83),
        documents=[Document(kind="to_trinh", pages=[1]), Document(kind="bien_ban", pages=[2, 3]),
                   Document(kind="bao_cao_ca_nhan", pages=[4, 5]), Document(kind="bao_cao_tap_the", pages=[6])],
        submission=Submission(number="15/TTr-UBND", date="2024-12-10", issuer="UBND huyện Vĩnh Linh",
                              provenance={"number": Provenance(page=1, line="Số: 15/TTr-UBND", confidence=0.9)}),
        council_vote=CouncilVote(date="2024-12-05", members_total=20, members_present=18,
                                 results=[VoteResult(nominee="Nguyễn Thị Hoa", award_code="CSTD_CS", votes_for=17)]),
        nominations=[
            Nomination(
                nomination_id="hoa-cstdcs-2024", nominee_kind="individual",
                award=Award(code="CSTD_CS", name="Chiến sĩ thi đua cơ sở", year=2024),
                person=Person(full_name="Nguyễn Thị Hoa", gender="female", birth_date="1985-04-07",
                              residence="Vĩnh Linh", is_leader=False),
                achievements=Achievements(period_from=2024, period_to=2024,
                                          task_ratings=[TaskRating(year=2024, rating="HTXSNV")],
                                          innovations=[Innovation(title="Số hoá hồ sơ", year=2024)]),
                prior_awards=[PriorAward(year=2023, title="Lao động tiên tiến", code="LDTT",
                                         decision_number="12/QĐ-UBND", decision_date="2023-12-20")],
                provenance={"person.full_name": Provenance(page=4, line="Họ tên: Nguyễn Thị Hoa", confidence=0.7,
                                                           source="ocr")},
            ),
            Nomination(
                nomination_id="phong-ttldtt-2024", nominee_kind="collective",
                award=Award(code="TT_LDTT", year=2024), unit=Unit(name="Phòng Văn hoá", headcount=headcount),
            ),
        ],
    )


def findings_for(rec: DossierRecord) -> list[Finding]:
    return [
        Finding(check_id="COMP-11", category="completeness", severity="warning", field="prior_awards[0].issuer",
                message="Thiếu cơ quan ban hành", legal_basis="NĐ 98/2023 Mẫu 03",
                nomination_id="hoa-cstdcs-2024", sha256=rec.source.sha256),
        Finding(check_id="COMP-01", category="completeness", severity="warning", field="documents",
                message="Thiếu tài liệu", legal_basis="Luật TĐKT 2022 Đ84 k1", sha256=rec.source.sha256),
    ]


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db))
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("ingested_files", *PER_FILE_TABLES)}
    finally:
        con.close()


def test_schema_has_the_contract_columns(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "kho.duckdb"
    Warehouse(db).close()
    con = duckdb.connect(str(db))
    for table, cols in CONTRACT_COLUMNS.items():
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        assert cols <= have, (table, cols - have)
    con.close()


def test_land_twice_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    rec = make_record()
    statuses = {"hoa-cstdcs-2024": "needs_review", "phong-ttldtt-2024": "clean"}
    with Warehouse(db) as wh:
        wh.land(rec, findings_for(rec), run_id="r1", path="inbox/bo-ho-so.pdf", statuses=statuses)
        assert wh.seen_hashes() == {SHA: "ok"}
    first = counts(db)
    assert first == {"ingested_files": 1, "documents": 4, "submissions": 1, "council_meta": 1, "council_votes": 1,
                     "nominations": 2, "persons": 1, "units": 1, "prior_awards": 1, "innovations": 1,
                     "task_ratings": 1, "provenance": 2, "findings": 2}
    con = duckdb.connect(str(db))
    seen_at = con.execute("SELECT first_seen_at FROM ingested_files").fetchone()
    con.close()
    with Warehouse(db) as wh:  # reopening an existing file keeps its rows
        wh.land(rec, findings_for(rec), run_id="r2", path="inbox/bo-ho-so.pdf", statuses=statuses)
    assert counts(db) == first
    con = duckdb.connect(str(db))
    assert con.execute("SELECT first_seen_at, run_id FROM ingested_files").fetchone() == (seen_at[0], "r2")  # type: ignore[index]
    rows = con.execute(
        "SELECT nomination_id, status, submitting_unit, submission_number, award_year, file_path "
        "FROM nominations ORDER BY seq").fetchall()
    assert rows == [
        ("hoa-cstdcs-2024", "needs_review", "UBND huyện Vĩnh Linh", "15/TTr-UBND", 2024, "inbox/bo-ho-so.pdf"),
        ("phong-ttldtt-2024", "clean", "UBND huyện Vĩnh Linh", "15/TTr-UBND", 2024, "inbox/bo-ho-so.pdf"),
    ]
    assert con.execute("SELECT field, page, confidence FROM provenance ORDER BY field").fetchall() == [
        ("person.full_name", 4, 0.7), ("submission.number", 1, 0.9)]
    assert con.execute("SELECT kind, page_from, page_to FROM documents WHERE kind = 'bien_ban'").fetchall() == [
        ("bien_ban", 2, 3)]
    assert con.execute("SELECT count(*) FROM findings WHERE run_id = 'r2' AND nomination_id IS NULL").fetchone() == (1,)
    con.close()


def test_failed_land_leaves_no_rows_of_that_file(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    bad = make_record(sha="c" * 64, headcount=10**12)  # too big for INTEGER: the units insert fails
    with Warehouse(db) as wh:
        with pytest.raises(WarehouseError) as exc:
            wh.land(bad, findings_for(bad), run_id="r1", path="bad.pdf")
        assert exc.value.code == "WAREHOUSE" and "bad.pdf" in str(exc.value)
        assert wh.seen_hashes() == {}
    assert set(counts(db).values()) == {0}


def test_failed_relanding_keeps_the_previous_rows(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    with Warehouse(db) as wh:
        good = make_record()
        wh.land(good, findings_for(good), run_id="r1", path="a.pdf")
        before = counts(db)
        with pytest.raises(WarehouseError):
            wh.land(make_record(headcount=10**12), [], run_id="r2", path="a.pdf")
        assert counts(db) == before
        wh.land(good, [], run_id="r3", path="a.pdf")  # the connection is usable after a rollback
    assert counts(db)["findings"] == 0


def test_quarantine_replaces_rows_and_keeps_first_seen(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    rec = make_record()
    with Warehouse(db) as wh:
        wh.land(rec, findings_for(rec), run_id="r1", path="a.pdf")
        wh.quarantine(sha256="d" * 64, path="khoa.pdf", format=None, error_code="ENCRYPTED_FILE",
                      error="tệp PDF có mật khẩu", run_id="r1")
        wh.quarantine(sha256=SHA, path="a.pdf", format="pdf-scanned", error_code="TOO_LARGE",
                      error="quá 300 trang", run_id="r2")
        assert wh.seen_hashes() == {SHA: "quarantined", "d" * 64: "quarantined"}
    assert counts(db)["nominations"] == 0
    con = duckdb.connect(str(db))
    assert con.execute("SELECT status, error_code, error FROM ingested_files WHERE path = 'khoa.pdf'").fetchone() == (
        "quarantined", "ENCRYPTED_FILE", "tệp PDF có mật khẩu")
    con.close()


def test_runs_and_quality_checks(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    started = datetime(2026, 1, 2, 18, 0, tzinfo=UTC)
    results = [QualityResult(table="nominations", column="award_code", expectation="expect_column_values_to_be_in_set",
                             success=False, unexpected_count=1, unexpected_sample=["CSTD_XYZ"], check_id="DQ-CODE-01")]
    with Warehouse(db) as wh:
        wh.record_run("r1", started, None, {"seen": 3})
        wh.record_run("r1", started, datetime(2026, 1, 2, 18, 5, tzinfo=UTC), {"seen": 3, "landed": 2})
        wh.record_quality("r1", results)
        wh.record_quality("r1", results)
    con = duckdb.connect(str(db))
    assert con.execute("SELECT finished_at FROM runs").fetchall() == [(datetime(2026, 1, 2, 18, 5),)]
    assert con.execute("SELECT counter, value FROM run_counts ORDER BY counter").fetchall() == [
        ("landed", 2), ("seen", 3)]
    assert con.execute("SELECT check_id, success, unexpected_sample FROM quality_checks").fetchall() == [
        ("DQ-CODE-01", False, '["CSTD_XYZ"]')]
    con.close()


def test_an_older_warehouse_is_migrated_once_and_lands_named_in(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))  # a warehouse made before nominations had named_in
    from landing._schema import DDL

    for statement in DDL:
        con.execute(statement)
    con.close()
    record = make_record()
    record.nominations[0].named_in = ["to_trinh", "bao_cao_ca_nhan"]
    with Warehouse(db) as wh:
        wh.land(record, [], run_id="r1", path="inbox/bo-ho-so.pdf")
    with Warehouse(db) as wh:  # opening again applies nothing twice
        pass
    con = duckdb.connect(str(db), read_only=True)
    from landing._schema import MIGRATIONS

    assert con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall() == [(m[0],) for m in MIGRATIONS]
    named = con.execute("SELECT named_in FROM nominations ORDER BY seq").fetchall()
    assert named[0] == (["to_trinh", "bao_cao_ca_nhan"],)
    con.close()


def test_the_submitting_unit_is_never_the_nominee(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    rec = make_record()
    rec.submission = None  # a report sent alone: its cover letter is in another file
    with Warehouse(db) as wh:
        wh.land(rec, [], run_id="r1", path="inbox/bao-cao.pdf")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT DISTINCT submitting_unit FROM nominations").fetchall() == [(None,)]
    con.close()
