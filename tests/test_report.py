"""The run report: one Vietnamese HTML file, escaped, with values, provenance, findings and quality checks."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from record.models import (
    Award,
    CouncilVote,
    Document,
    DossierRecord,
    Nomination,
    Person,
    Provenance,
    Source,
    Submission,
    VoteResult,
)
from record.outcome import FileOutcome, QualityResult
from reports import write_run_report
from validators import nomination_status, validate

SHA = "e" * 64


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _outcomes() -> list[FileOutcome]:
    rec = DossierRecord(
        source=Source(path="inbox/bo-ho-so.pdf", sha256=SHA, format="pdf-scanned", pages=4, ocr_confidence=0.71),
        documents=[Document(kind="to_trinh", pages=[1]), Document(kind="bien_ban", pages=[2]),
                   Document(kind="bao_cao_ca_nhan", pages=[3, 4])],
        submission=Submission(number="15/TTr-UBND", date="2024-12-10", issuer="UBND huyện Vĩnh Linh"),
        council_vote=CouncilVote(date="2024-12-05", members_total=20,
                                 results=[VoteResult(nominee="<script>alert(1)</script>", votes_for=15)]),
        nominations=[Nomination(
            nomination_id="n1", nominee_kind="individual",
            award=Award(code="CSTD_CS", name="Chiến sĩ thi đua cơ sở", year=2024),
            person=Person(full_name="<script>alert(1)</script>", gender="female", work_unit="Sở Nội vụ",
                          position="Chuyên viên"),
            named_in=["to_trinh", "bao_cao_ca_nhan"],
            provenance={
                "person.full_name": Provenance(page=3, line="Họ tên: <b>Hoa</b>", confidence=0.62, source="ocr"),
                "person.gender": Provenance(page=3, line="Giới tính: Nữ", confidence=0.95, source="ocr"),
                "person.birth_date": Provenance(page=3, line="Ngày sinh: 1/l…", confidence=0.31, source="ocr",
                                                unread=True),
            },
        )],
    )
    findings = validate(rec)
    return [
        FileOutcome(path="inbox/bo-ho-so.pdf", sha256=SHA, format="pdf-scanned", status="landed", record=rec,
                    findings=findings, statuses={"n1": nomination_status([f for f in findings if f.nomination_id])},
                    seconds=12.5),
        FileOutcome(path="inbox/cu.docx", sha256="f" * 64, format="docx", status="skipped"),
        FileOutcome(path="inbox/khoa & mat-khau.pdf", sha256="0" * 64, format="pdf-text", status="quarantined",
                    error_code="ENCRYPTED_FILE", error="tệp PDF có mật khẩu <mở không được>"),
    ]


def test_report_is_vietnamese_escaped_and_complete(tmp_path: Path) -> None:
    quality = [
        QualityResult(table="nominations", column="award_code", expectation="expect_column_values_to_be_in_set",
                      success=False, unexpected_count=1, unexpected_sample=["CSTD_XYZ"], check_id="DQ-CODE-01",
                      legal_basis="Luật TĐKT 2022 Đ9"),
        QualityResult(table="persons", column="birth_date", expectation="expect_column_values_to_match_regex",
                      success=True, check_id="DQ-FORM-01"),
    ]
    path = write_run_report(tmp_path / "reports", run_id="2026-01-02T01:00:00+07:00",
                            started_at=datetime(2026, 1, 2, 1, 0), outcomes=_outcomes(), quality=quality)
    assert path.parent == tmp_path / "reports" and path.suffix == ".html" and ":" not in path.name
    html = path.read_text(encoding="utf-8")

    assert html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    assert '<meta charset="utf-8">' in html
    # escaped: no live script, the source line shown as text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Họ tên: &lt;b&gt;Hoa&lt;/b&gt;" in html and "khoa &amp; mat-khau.pdf" in html
    # summary and file table
    assert "<tr><th>Số tệp đã xét</th><td class=\"num\">3</td></tr>" in html
    assert "<tr><th>Cách ly (không đọc được)</th><td class=\"num\">1</td></tr>" in html
    assert "Bỏ qua (đã xử lý)" in html and "ENCRYPTED_FILE: tệp PDF có mật khẩu &lt;mở không được&gt;" in html
    # a failing 75 % vote rejects the nomination; the finding carries its legal basis and field
    assert '<td class="st-rejected">Không đạt</td><td class="num">1</td>' in html
    assert "VOTE-02" in html and "NĐ 98/2023 Đ30 k7" in html and "council_vote.results[0].votes_for" in html
    # values with page, source line as tooltip, low OCR confidence highlighted
    tags = _Tags()
    tags.feed(html)
    titles = [a["title"] for t, a in tags.tags if t == "span" and a.get("title")]
    assert "Họ tên: <b>Hoa</b>" in titles  # tooltip (the parser unescapes attributes)
    assert "trang 3" in html and "tin cậy 0.62" in html and "tin cậy 0.95" in html
    low_rows = [a for t, a in tags.tags if t == "tr" and a.get("class") == "lowconf"]
    assert len(low_rows) == 2  # the 0.62 value and the unread birth date, not the 0.95 one
    assert "(không đọc được – xem bản gốc)" in html
    assert "Nữ" in html  # gender shown in Vietnamese
    assert "Có tên trong" in html and "tờ trình, báo cáo thành tích cá nhân" in html
    # data-quality checks
    assert "1/2 kiểm tra đạt." in html and "CSTD_XYZ" in html and "Không đạt" in html


def test_report_without_quality_checks(tmp_path: Path) -> None:
    path = write_run_report(tmp_path, run_id="r1", started_at=datetime(2026, 1, 2), outcomes=[], quality=[])
    html = path.read_text(encoding="utf-8")
    assert path.name == "bao-cao-r1.html"
    assert "Lượt này không chạy kiểm tra chất lượng dữ liệu." in html
    assert "<tr><th>Số tệp đã xét</th><td class=\"num\">0</td></tr>" in html


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_renders_in_a_real_browser(tmp_path: Path) -> None:
    """Headless Chromium opens the report: the text a reviewer sees is there, and no script ran."""
    import subprocess

    import pytest

    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    path = write_run_report(tmp_path, run_id="r-browser", started_at=datetime(2026, 11, 25, 1, 0),
                            outcomes=_outcomes(), quality=[])
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    shot = tmp_path / "report.png"
    subprocess.run([browser, *flags, "--window-size=1280,2000", f"--screenshot={shot}", path.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert "<html" in dom and 'lang="vi"' in dom
    assert "Báo cáo lượt xử lý hồ sơ thi đua, khen thưởng" in dom
    assert "inbox/bo-ho-so.pdf" in dom and "Chiến sĩ thi đua cơ sở" in dom
    assert "<script>alert(1)</script>" not in dom  # escaped, so the browser never saw a script
    from PIL import Image

    with Image.open(shot) as img:
        colours = img.convert("L").getextrema()
    assert img.size == (1280, 2000) and colours[0] < 100 < colours[1]  # text drawn on a light page
