"""The run report, read from a real warehouse: Vietnamese, escaped, one card per nomination, values
to confirm, findings by category, checks that passed, quarantine advice, index and latest pages,
files readable by their owner only; the newer tables (checks, fairness, findings' confidence) used
when present.
"""

from __future__ import annotations

import logging
import re
import stat
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from landing import Warehouse
from record.models import (
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
    Unit,
    VoteResult,
)
from record.outcome import FileOutcome, QualityResult
from reports import write_run_report
from validators import nomination_status, validate

SHA = "e" * 64
QSHA = "0" * 64


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _record() -> DossierRecord:
    return DossierRecord(
        source=Source(path="inbox/bo-ho-so.pdf", sha256=SHA, format="pdf-scanned", pages=4, ocr_confidence=0.71),
        documents=[Document(kind="to_trinh", pages=[1]), Document(kind="bien_ban", pages=[2]),
                   Document(kind="bao_cao_ca_nhan", pages=[3, 4])],
        submission=Submission(number="15/TTr-UBND", date="2024-12-10", issuer="UBND huyện Vĩnh Linh"),
        council_vote=CouncilVote(date="2024-12-05", members_total=20,
                                 results=[VoteResult(nominee="<script>alert(1)</script>", votes_for=15)]),
        nominations=[
            Nomination(
                nomination_id="n1", nominee_kind="individual",
                award=Award(code="CSTD_CS", name="Chiến sĩ thi đua cơ sở", year=2024),
                person=Person(full_name="<script>alert(1)</script>", gender="female", work_unit="Sở Nội vụ",
                              position="Chuyên viên"),
                named_in=["to_trinh", "bao_cao_ca_nhan"],
                prior_awards=[PriorAward(year=2023, title="Lao động tiên tiến", decision_date="2023-12-20",
                                         issuer="UBND huyện")],
                provenance={
                    "person.full_name": Provenance(page=3, line="Họ tên: <b>Hoa</b>", confidence=0.62, source="ocr"),
                    "person.gender": Provenance(page=3, line="Giới tính: Nữ", confidence=0.95, source="ocr"),
                    "person.birth_date": Provenance(page=3, line="Ngày sinh: 1/l…", confidence=0.31, source="ocr",
                                                    unread=True),
                },
            ),
            Nomination(nomination_id="n2", nominee_kind="collective", award=Award(code="TT_LDXS", year=2024),
                       unit=Unit(name="Phòng Văn hoá", headcount=12)),
        ],
    )


def _landed(db: Path, run_id: str) -> list[FileOutcome]:
    rec = _record()
    findings = validate(rec)
    statuses = {n.nomination_id or "": nomination_status([f for f in findings if f.nomination_id == n.nomination_id])
                for n in rec.nominations}
    with Warehouse(db) as wh:
        wh.land(rec, findings, run_id=run_id, path="inbox/bo-ho-so.pdf", statuses=statuses)
        wh.quarantine(sha256=QSHA, path="inbox/khoa & mat-khau.pdf", format=None, error_code="ENCRYPTED_FILE",
                      error="tệp PDF có mật khẩu <mở không được>", run_id=run_id)
    return [
        FileOutcome(path="inbox/bo-ho-so.pdf", sha256=SHA, format="pdf-scanned", status="landed", record=rec,
                    findings=findings, statuses=statuses, seconds=12.5),
        FileOutcome(path="inbox/cu.docx", sha256="f" * 64, format="docx", status="skipped"),
        FileOutcome(path="inbox/khoa & mat-khau.pdf", sha256=QSHA, status="quarantined",
                    error_code="ENCRYPTED_FILE", error="tệp PDF có mật khẩu <mở không được>"),
    ]


QUALITY = [
    QualityResult(table="nominations", column="award_code", expectation="expect_column_values_to_be_in_set",
                  success=False, unexpected_count=1, unexpected_sample=["CSTD_XYZ"], check_id="DQ-CODE-01",
                  legal_basis="Luật TĐKT 2022 Đ9"),
    QualityResult(table="persons", column="birth_date", expectation="expect_column_values_to_match_regex",
                  success=True, check_id="DQ-FORM-01"),
]


def _write(tmp: Path, db: Path, run_id: str, started: datetime, outcomes: list[FileOutcome]) -> Path:
    con = duckdb.connect(str(db))
    try:
        return write_run_report(tmp / "reports", con=con, run_id=run_id, started_at=started, outcomes=outcomes,
                                quality=QUALITY, archive=tmp / "archive")
    finally:
        con.close()


def test_report_is_vietnamese_escaped_and_complete(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    outcomes = _landed(db, "r1")
    started = datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    path = _write(tmp_path, db, "r1", started, outcomes)
    local = started.astimezone().strftime("%Y-%m-%d_%H%M")
    assert path.name == f"{local}_tdkt.html"  # named by local date and time, no run id in the name
    html = path.read_text(encoding="utf-8")

    assert html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    # escaped: no live script from the dossier, the source line shown as text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Họ tên: &lt;b&gt;Hoa&lt;/b&gt;" in html and "khoa &amp; mat-khau.pdf" in html
    # overview: files by status, nominations by status and by unit and award level
    assert 'data-count="file-landed">1<' in html and 'data-count="file-quarantined">1<' in html
    assert 'data-count="file-skipped">1<' in html
    assert "UBND huyện Vĩnh Linh" in html and "Cấp cơ sở" in html and "Cấp tỉnh, bộ, ngành" in html
    # one card per nomination, Vietnamese everywhere: formats, field paths with rows, dates
    tags = _Tags()
    tags.feed(html)
    cards = [a for t, a in tags.tags if t == "article"]
    assert sorted(a["data-nomination"] or "" for a in cards) == ["n1", "n2"]
    assert "PDF scan" in html and "pdf-scanned" not in html
    assert "Kết quả bỏ phiếu, dòng 1: số phiếu đồng ý" in html  # council_vote.results[0].votes_for
    assert "10/12/2024" in html and "20/12/2023" in html and "2024-12-10" not in html
    text = html.split("<script>")[0]  # the page script has its own names
    assert not re.search(r"\b(person|unit|council_vote|prior_awards|submission)\.[a-z_]+", text)
    # the 0.62 value and the unread birth date ask for confirmation; the 0.95 one does not
    assert html.count('<label class="confirm"><input type="checkbox"') == 2
    assert "(không đọc được – xem bản gốc)" in html and "độ tin cậy 0.95" in html
    # a failing 75 % vote rejects; its finding is grouped under its category with its legal basis
    assert "<h4>Đúng quy định</h4>" in html and "VOTE-02" in html and "NĐ 98/2023 Đ30 k7" in html
    # quarantine: the reason in plain words and what the sender must do; a relative link to the original
    assert "Tệp có đặt mật khẩu nên không đọc được." in html and "Đề nghị đơn vị gửi bản không đặt mật khẩu." in html
    links = [a["href"] for t, a in tags.tags if t == "a" and "original" in (a.get("class") or "")]
    assert f"../archive/{SHA[:2]}/{SHA}" in links and all(not h.startswith("/") for h in links)
    assert str(tmp_path) not in html  # no absolute path
    # data quality in plain Vietnamese
    assert "1/2 kiểm tra đạt." in html and "Giá trị phải thuộc danh mục cho phép" in html
    assert "expect_column" not in html
    # no fairness rows yet: said so
    assert "Chưa có số liệu công bằng" in html
    # the workbook beside it, linked; index and latest
    assert (path.parent / f"{local}_tdkt.xlsx").is_file() and f'href="{local}_tdkt.xlsx"' in html
    index = (path.parent / "index.html").read_text(encoding="utf-8")
    assert f'href="{path.name}"' in index
    assert f"url={path.name}" in (path.parent / "latest.html").read_text(encoding="utf-8")
    # readable by the owner only
    for p in [path.parent, *path.parent.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))


def test_newer_tables_give_checks_confidence_notes_and_charts(tmp_path: Path) -> None:
    """With the submission stage's tables (checks that ran, findings' confidence, fairness by level)."""
    db = tmp_path / "kho.duckdb"
    outcomes = _landed(db, "r2")
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE IF NOT EXISTS nomination_checks (nomination_id VARCHAR, sha256 VARCHAR, submission_id VARCHAR, "
                "check_id VARCHAR, scope VARCHAR, outcome VARCHAR)")
    con.executemany("INSERT INTO nomination_checks VALUES (?, ?, NULL, ?, 'nomination', ?)",
                    [["n2", SHA, "REQ-02", "passed"], ["n2", SHA, "READ-01", "passed"],
                     ["n2", SHA, "VOTE-01", "not_applicable"]])
    con.execute("ALTER TABLE findings ADD COLUMN IF NOT EXISTS confidence VARCHAR")
    con.execute("ALTER TABLE findings ADD COLUMN IF NOT EXISTS scope VARCHAR")
    con.execute("INSERT INTO findings (nomination_id, sha256, check_id, category, severity, field, message, "
                "legal_basis, run_id, confidence, scope) VALUES ('n2', ?, 'FAIR-04', 'fairness', 'info', NULL, "
                "'Tỷ lệ lãnh đạo cao', 'NĐ 65/2014 Đ2 k2', 'r2', 'unverified', 'nomination')", [SHA])
    con.execute("ALTER TABLE fairness ADD COLUMN IF NOT EXISTS award_level VARCHAR")
    con.execute("ALTER TABLE fairness ADD COLUMN IF NOT EXISTS unit_key VARCHAR")
    con.executemany("INSERT INTO fairness VALUES ('r2', ?, ?, ?, ?, ?, ?, ?, ?, NULL)", [
        ["batch", "female_share", 1, 2, 0.5, 0.3, "ok", "all"],
        ["UBND huyện Vĩnh Linh", "female_share", 1, 2, 0.5, 0.3, "ok", "co_so"],
        ["batch", "leader_share", 0, 2, 0.0, 0.4, "ok", "all"],
    ])
    con.close()
    path = _write(tmp_path, db, "r2", datetime(2026, 1, 3, 1, 0, tzinfo=UTC), outcomes)
    html = path.read_text(encoding="utf-8")
    assert "Đạt: 2/2 kiểm tra" in html and "REQ-02" in html and "Không áp dụng" in html
    assert "chưa được đối chiếu với văn bản gốc" in html  # the unverified basis says so
    assert html.count('<figure class="fairness"') == 2 and html.count('<svg') >= 2
    assert "Tỷ lệ nữ" in html and "Ngưỡng chính sách" in html


def test_index_lists_runs_newest_first_and_a_minute_is_never_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "kho.duckdb"
    outcomes = _landed(db, "a")
    first = _write(tmp_path, db, "a", datetime(2026, 1, 2, 1, 0, tzinfo=UTC), outcomes)
    second = _write(tmp_path, db, "b", datetime(2026, 1, 2, 1, 0, 30, tzinfo=UTC), outcomes)
    third = _write(tmp_path, db, "c", datetime(2026, 1, 3, 1, 0, tzinfo=UTC), outcomes)
    assert len({first.name, second.name, third.name}) == 3 and second.name.endswith("_2.html")
    again = _write(tmp_path, db, "a", datetime(2026, 1, 2, 1, 0, tzinfo=UTC), outcomes)
    assert again == first  # the same run written again keeps its name
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    order = [index.index(f'href="{p.name}"') for p in (third, second, first)]
    assert order == sorted(order)
    assert f"url={third.name}" in (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")


def test_report_without_anything(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "kho.duckdb") as wh:
        path = write_run_report(tmp_path / "r", con=wh.connection, run_id="r0", started_at=datetime(2026, 1, 2),
                                outcomes=[], quality=[])
    html = path.read_text(encoding="utf-8")
    assert "Lượt này không chạy kiểm tra chất lượng dữ liệu." in html and "Lượt này không có đề nghị nào." in html


@pytest.mark.parametrize(("path", "label"), [
    ("prior_awards[1].issuer", "Khen thưởng đã nhận, dòng 2: cơ quan ban hành"),
    ("unit.headcount", "Số lượng thành viên"),
    ("council_vote.results[0].votes_for", "Kết quả bỏ phiếu, dòng 1: số phiếu đồng ý"),
    ("person.birth_date", "Ngày sinh"),
])
def test_field_paths_in_vietnamese(path: str, label: str) -> None:
    from reports._labels import path_label, translate_paths

    assert path_label(path) == label
    assert translate_paths(f"Thiếu giá trị ({path}).") == f"Thiếu giá trị ({label})."


def test_a_fairness_finding_names_its_indicator_in_vietnamese() -> None:
    from reports._labels import path_label

    assert path_label("leader_share") == "Tỷ lệ lãnh đạo, quản lý"
    assert path_label("fairness.leader_share") == "Tỷ lệ lãnh đạo, quản lý"  # as the stage names it
    assert path_label("direct_worker_share") == "Tỷ lệ người lao động trực tiếp"


def test_a_submission_completed_by_a_late_file_shows_all_its_files_and_nominations(tmp_path: Path) -> None:
    """The submission stage's tables (issue 7): a submission whose report came a night after its cover
    letter is one card with both files; its unit is the reference list's name."""
    db = tmp_path / "kho.duckdb"
    _landed(db, "r1")  # night 1: the cover letter and minutes (file e…), two nominations
    late = _record().model_copy(update={"submission": None, "council_vote": None})
    late.source = late.source.model_copy(update={"sha256": "a" * 64, "path": "inbox/ubnd/bao-cao.pdf"})
    late.nominations = [late.nominations[1].model_copy(update={"nomination_id": "n3"})]
    with Warehouse(db) as wh:
        wh.land(late, [], run_id="r2", path="inbox/ubnd/bao-cao.pdf", statuses={"n3": "clean"})
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO submissions (submission_id, unit_key, unit_name, folder, number, date, regime, files, "
                "nominees, last_run_id, signature) VALUES ('S1', 'vinh-linh', 'UBND huyện Vĩnh Linh', 'inbox/ubnd', "
                "'15/TTr-UBND', '2024-12-10', 'ND98', 2, 2, 'r2', 'x')")
    con.executemany("INSERT INTO submission_files VALUES ('S1', ?, 'folder')", [[SHA], ["a" * 64]])
    con.execute("INSERT INTO units_ref (unit_key, name, level, province, remote, border, island) VALUES "
                "('vinh-linh', 'Huyện Vĩnh Linh (tham chiếu)', 'huyen', 'Quảng Trị', false, false, false)")
    con.execute("UPDATE nominations SET submission_id = 'S1', unit_key = 'vinh-linh'")
    con.close()
    outcomes = [FileOutcome(path="inbox/ubnd/bao-cao.pdf", sha256="a" * 64, format="pdf-scanned", status="landed")]
    path = _write(tmp_path, db, "r2", datetime(2026, 1, 3, 1, 0, tzinfo=UTC), outcomes)
    html = path.read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(html)
    assert sorted(a["data-nomination"] or "" for t, a in tags.tags if t == "article") == ["n1", "n2", "n3"]
    assert html.count('<section class="submission"') == 1
    assert "Tệp inbox/bo-ho-so.pdf" in html and "Tệp inbox/ubnd/bao-cao.pdf" in html  # both files on its card
    assert "Huyện Vĩnh Linh (tham chiếu)" in html and "Số 15/TTr-UBND" in html
    assert 'data-count="file-landed">1<' in html  # the run itself landed one file


def test_data_docs_of_the_run_are_written_and_readable_offline(tmp_path: Path) -> None:
    from validators.gx_suite import write_data_docs

    index = write_data_docs(QUALITY, tmp_path / "docs", run_name="r1")
    assert index == tmp_path / "docs" / "index.html" and index.is_file()
    pages = {p.parent.parent.parent.name: p for p in (tmp_path / "docs" / "validations").rglob("*.html")}
    assert set(pages) == {"tdkt_nominations", "tdkt_persons"}
    assert "validations/tdkt_nominations/" in index.read_text(encoding="utf-8")
    page = pages["tdkt_nominations"].read_text(encoding="utf-8")
    assert "CSTD_XYZ" in page and "award_code" in page
    assert "Không đạt" in page  # the status stays visible without the icon font from the internet
    # in Vietnamese: a heading on every page; on a table's page each check's id, what, basis, outcome
    for html in (index.read_text(encoding="utf-8"), page):
        assert '<div id="tdkt-vi" lang="vi"' in html and "Kết quả kiểm tra chất lượng dữ liệu trong kho – lượt r1" in html
    notes = page[page.index('<ol class="tdkt-notes">'):page.index("</ol>")]
    assert notes.count("<li>") == 1 and "<b>DQ-CODE-01</b>: Giá trị phải thuộc danh mục cho phép" in notes
    assert "Đề nghị khen thưởng, cột mã danh hiệu (award_code)" in notes and "Căn cứ: Luật TĐKT 2022 Đ9" in notes
    assert "Kết quả: Không đạt: 1 giá trị sai" in notes
    link = re.search(r'<a href="([^"]+)">tom-tat\.html</a>', page)
    assert link and (pages["tdkt_nominations"].parent / link.group(1)).resolve() == tmp_path / "docs" / "tom-tat.html"


def test_data_docs_under_a_relative_folder_as_the_default_settings_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``TDKT_REPORTS`` defaults to ``data/reports``: GX wants an absolute folder, the report a relative link."""
    from validators.gx_suite import write_data_docs

    monkeypatch.chdir(tmp_path)
    index = write_data_docs(QUALITY, Path("data/reports/run_files/data-docs"), run_name="r1")
    assert index == Path("data/reports/run_files/data-docs/index.html") and index.is_file()
    assert index.relative_to(Path("data/reports")).as_posix() == "run_files/data-docs/index.html"


def test_every_expectation_of_the_suite_renders_in_data_docs_without_an_error(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """GX logs a rendering error and drops the row when a result lacks what its renderer reads (a
    compound check's column list, the share of failing rows): an operator's log filled with them."""
    from validators.gx_suite import EXPECTATIONS, write_data_docs

    results = [QualityResult(table=s.table, column=s.column, expectation=s.expectation, success=False,
                             unexpected_count=2, unexpected_sample=["x"], element_count=8,
                             check_id=s.check_id, legal_basis=s.legal_basis) for s in EXPECTATIONS]
    assert any("," in (r.column or "") for r in results)  # a compound check is among them
    with caplog.at_level(logging.ERROR, logger="great_expectations"):
        write_data_docs(results, tmp_path / "docs", run_name="r1")
    assert [r.getMessage()[:200] for r in caplog.records if r.levelno >= logging.ERROR] == []
    page = next((tmp_path / "docs" / "validations" / "tdkt_task_ratings").rglob("*.html")).read_text(encoding="utf-8")
    assert "25%" in page or "25 %" in page  # 2 of 8 rows


def test_a_vietnamese_summary_of_the_data_checks_beside_the_data_docs(tmp_path: Path) -> None:
    from validators.gx_suite import write_data_docs

    db = tmp_path / "kho.duckdb"
    outcomes = _landed(db, "r1")
    con = duckdb.connect(str(db))
    try:
        path = write_run_report(tmp_path / "reports", con=con, run_id="r1", started_at=datetime(2026, 1, 2),
                                outcomes=outcomes, quality=QUALITY,
                                data_docs=lambda folder: write_data_docs(QUALITY, folder, run_name="r1"))
    finally:
        con.close()
    html = path.read_text(encoding="utf-8")
    link = re.search(r'href="([^"]+)" id="link-quality"', html)
    assert link and link.group(1) == f"{path.stem}_files/data-docs/tom-tat.html"
    summary = (path.parent / link.group(1)).read_text(encoding="utf-8")
    assert '<html lang="vi">' in summary and "<b>1/2</b> kiểm tra đạt." in summary
    assert "expect_" not in summary and "ExpectColumn" not in summary
    row = summary[summary.index('<tr data-check="DQ-CODE-01">'):]
    row = row[:row.index("</tr>")]
    assert "Đề nghị khen thưởng: mã danh hiệu" in row and "Giá trị phải thuộc danh mục cho phép" in row
    assert "Luật TĐKT 2022 Đ9" in row and "Không đạt" in row and "1: CSTD_XYZ" in row
    back = re.search(r'href="([^"]+)" id="link-report"', summary)
    gx = re.search(r'href="([^"]+)" id="link-gx"', summary)
    assert back and (path.parent / link.group(1)).parent.joinpath(back.group(1)).resolve() == path.resolve()
    assert gx and (path.parent / link.group(1)).parent.joinpath(gx.group(1)).is_file()


def test_a_nominee_in_the_list_and_in_their_report_is_one_card_and_one_workbook_row(tmp_path: Path) -> None:
    """A cover letter with the list and the minutes' vote table in one file, the nominee's report in
    another: two landed rows, one canonical id (the stage's). The page and the workbook show one
    nominee, with the vote from the minutes and the position from the report, each value saying
    which file it came from, the findings of both rows and the worse status."""
    from openpyxl import load_workbook

    list_sha, report_sha = "c" * 64, "d" * 64
    cover = DossierRecord(
        source=Source(path="inbox/xa/to-trinh.docx", sha256=list_sha, format="docx"),
        documents=[Document(kind="to_trinh", pages=[1]), Document(kind="bien_ban", pages=[2])],
        submission=Submission(number="7/TTr-UBND", date="2024-12-10", issuer="UBND xã Vĩnh Hoàng"),
        council_vote=CouncilVote(date="2024-12-05", members_total=20,
                                 results=[VoteResult(nominee="Nguyễn Thị Hoa", votes_for=18)]),
        nominations=[Nomination(nomination_id="L1", nominee_kind="individual",
                                award=Award(code="CSTD_CS", name="Chiến sĩ thi đua cơ sở", year=2024),
                                person=Person(full_name="Nguyễn Thị Hoa"), named_in=["to_trinh", "bien_ban"],
                                provenance={"person.full_name": Provenance(page=1, line="1. Nguyễn Thị Hoa",
                                                                           source="docx")})],
    )
    report = DossierRecord(
        source=Source(path="inbox/xa/bao-cao-hoa.pdf", sha256=report_sha, format="pdf-text", pages=2),
        documents=[Document(kind="bao_cao_ca_nhan", pages=[1, 2])],
        nominations=[Nomination(nomination_id="R1", nominee_kind="individual",
                                award=Award(code="CSTD_CS", name="Chiến sĩ thi đua cơ sở", year=2024),
                                person=Person(full_name="Nguyễn Thị Hoa", position="Chuyên viên",
                                              work_unit="UBND xã Vĩnh Hoàng", gender="female"),
                                named_in=["bao_cao_ca_nhan"],
                                provenance={"person.position": Provenance(page=1, line="Chức vụ: Chuyên viên",
                                                                          source="pdf-text")})],
    )
    db = tmp_path / "kho.duckdb"
    with Warehouse(db) as wh:
        wh.land(cover, [], run_id="r1", path="inbox/xa/to-trinh.docx", statuses={"L1": "clean"})
        wh.land(report, validate(report), run_id="r1", path="inbox/xa/bao-cao-hoa.pdf",
                statuses={"R1": "needs_review"})
    con = duckdb.connect(str(db))
    ids = dict(con.execute("SELECT sha256, nomination_id FROM nominations").fetchall())
    con.execute("UPDATE nominations SET canonical_id = ?", [ids[report_sha]])
    reported = {r[0] for r in con.execute("SELECT check_id FROM findings WHERE nomination_id = ?",
                                          [ids[report_sha]]).fetchall()}
    con.close()
    outcomes = [FileOutcome(path=f"inbox/xa/{n}", sha256=sha, format=fmt, status="landed")
                for n, sha, fmt in (("to-trinh.docx", list_sha, "docx"), ("bao-cao-hoa.pdf", report_sha, "pdf-text"))]
    con = duckdb.connect(str(db))
    try:
        path = write_run_report(tmp_path / "reports", con=con, run_id="r1", started_at=datetime(2026, 1, 2),
                                outcomes=outcomes, quality=[], inbox=Path("inbox"))
    finally:
        con.close()
    html = path.read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(html)
    assert [a["data-nomination"] for t, a in tags.tags if t == "article"] == [ids[report_sha]]
    assert html.count('href="#dn-') == 1 and 'data-count="nom-needs_review">1<' in html
    card = html[html.index("<article"):html.index("</article>")]
    assert "tỷ lệ phiếu 18/20 (90%) (biên bản trong tệp xa/to-trinh.docx)" in card  # the minutes' vote, its file
    assert "Chuyên viên" in card and "tệp xa/bao-cao-hoa.pdf" in card  # the report's position, its file
    assert "tệp xa/to-trinh.docx" in card and "Có tên trong 2 tệp" in card
    assert "báo cáo thành tích cá nhân, tờ trình, biên bản họp" in card  # named in: every row's documents
    assert "(Cần xem xét)" in card  # the worse of the two rows' statuses
    assert reported and all(c in card for c in reported)
    wb = load_workbook(path.with_suffix(".xlsx"))
    rows = [r for r in wb["Cấp cơ sở"].iter_rows(min_row=3, values_only=True) if r[0] is not None]
    assert [(r[1], r[2], r[3], r[6], r[7]) for r in rows] == [
        ("Nguyễn Thị Hoa", "Chuyên viên", "UBND xã Vĩnh Hoàng", "18/20 (90%)", "Cần xem xét")]
