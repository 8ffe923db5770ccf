"""Layouts the bundled samples do not show, read through ``extractors.parse`` on typed lines.

Each case is a way real offices write a form (DOMAIN.md §4, §7); the readers are tested apart, so
these start from the lines a reader would give.
"""

from __future__ import annotations

from extractors.lines import Line, ReadResult
from extractors.parse import parse
from record.models import DossierRecord


def _parse(rows: list[str | tuple[str, ...]], source: str = "docx") -> DossierRecord:
    lines = []
    for r in rows:
        if isinstance(r, tuple):
            lines.append(Line(text=" | ".join(r), page=1, source=source, cells=r, table=0))  # type: ignore[arg-type]
        else:
            lines.append(Line(text=r, page=1, source=source))  # type: ignore[arg-type]
    return parse(ReadResult(format="docx", pages=1, lines=lines), path="x.docx", sha256="0" * 64)


REPORT_HEAD = ["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2024", "I. SƠ LƯỢC LÝ LỊCH",
               "- Họ và tên: Lê Văn Bình", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"]


def test_prior_awards_with_number_date_and_issuer_in_separate_columns() -> None:
    rec = _parse([*REPORT_HEAD,
                  ("STT", "Năm", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"),
                  ("1", "2023", "Giấy khen của Chủ tịch UBND huyện", "1234/QĐ-UBND", "10/12/2023", "UBND huyện Vĩnh Linh")])
    award = rec.nominations[0].prior_awards[0]
    assert (award.year, award.title, award.code) == (2023, "Giấy khen của Chủ tịch UBND huyện", "GIAY_KHEN")
    assert (award.decision_number, award.decision_date, award.issuer) == ("1234/QĐ-UBND", "2023-12-10",
                                                                           "UBND huyện Vĩnh Linh")


def test_year_cell_merged_over_two_awards() -> None:
    rec = _parse([*REPORT_HEAD,
                  ("Năm", "Danh hiệu thi đua / Hình thức khen thưởng", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"),
                  ("2023", "Lao động tiên tiến", "Quyết định số 11/QĐ-UBND ngày 02/8/2023 của UBND huyện Vĩnh Linh"),
                  ("", "Giấy khen", "Quyết định số 12/QĐ-UBND ngày 03/8/2023 của Chủ tịch UBND huyện Vĩnh Linh")])
    awards = rec.nominations[0].prior_awards
    assert [(a.year, a.code, a.decision_number) for a in awards] == [(2023, "LDTT", "11/QĐ-UBND"),
                                                                       (2023, "GIAY_KHEN", "12/QĐ-UBND")]


def test_cover_letter_number_without_colon_and_day_left_blank() -> None:
    rec = _parse(["ỦY BAN NHÂN DÂN XÃ CỬA TÙNG", "Số 45/TTr-UBND", "Cửa Tùng, ngày    tháng 11 năm 2024",
                  "TỜ TRÌNH", "Về việc đề nghị khen thưởng", "Kính gửi: Chủ tịch UBND tỉnh Quảng Trị."])
    sub = rec.submission
    assert sub is not None
    assert (sub.number, sub.date, sub.issuer, sub.recipient) == ("45/TTr-UBND", "2024-11", "ỦY BAN NHÂN DÂN XÃ CỬA TÙNG",
                                                                 "Chủ tịch UBND tỉnh Quảng Trị")


def test_cover_letter_date_with_no_calendar_day_is_unread_and_a_dotted_day_is_not() -> None:
    rec = _parse(["ỦY BAN NHÂN DÂN XÃ CỬA TÙNG", "Số 45/TTr-UBND", "Cửa Tùng, ngày 31 tháng 11 năm 2025",
                  "TỜ TRÌNH", "Về việc đề nghị khen thưởng", "Kính gửi: Chủ tịch UBND tỉnh Quảng Trị."])
    assert rec.submission is not None and rec.submission.date is None
    assert rec.submission.provenance["date"].unread is True  # READ-02 asks the reviewer, REQ-04 stays quiet
    blank = _parse(["ỦY BAN NHÂN DÂN XÃ CỬA TÙNG", "Số 45/TTr-UBND", "Cửa Tùng, ngày …… tháng …… năm 2025",
                    "TỜ TRÌNH", "Về việc đề nghị khen thưởng", "Kính gửi: Chủ tịch UBND tỉnh Quảng Trị."])
    assert blank.submission is not None and blank.submission.date in (None, "2025")
    assert not (blank.submission.provenance.get("date") and blank.submission.provenance["date"].unread)


def test_collective_headcount_left_as_a_dotted_blank_is_missing_not_unread() -> None:
    rec = _parse(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2025",
                  "Trường Mầm non Vĩnh Thái", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
                  "- Địa điểm trụ sở chính: thôn Tân Hòa, xã Vĩnh Thái",
                  "- Tổng số cán bộ, giáo viên, nhân viên: …… người.", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                  "Hoàn thành xuất sắc nhiệm vụ.", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"])
    nom = rec.nominations[0]
    assert nom.nominee_kind == "collective" and nom.unit is not None and nom.unit.headcount is None
    assert "unit.headcount" not in nom.provenance  # the dossier leaves it blank: REQ-02's error, not READ-01


def test_minutes_with_members_in_prose_and_votes_per_line() -> None:
    rec = _parse(["BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng", "Hôm nay, ngày 05/12/2024, tại UBND xã.",
                  "Tổng số thành viên Hội đồng: 11 người; có mặt: 10 người; vắng: 01 người (có lý do).",
                  "1. Bà Trần Thị Lan, giáo viên, đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở: 10/11 phiếu đồng ý.",
                  "2. Tổ Văn phòng, đề nghị tặng danh hiệu Tập thể lao động tiên tiến: 9/11 phiếu."])
    vote = rec.council_vote
    assert vote is not None
    assert (vote.date, vote.members_total, vote.members_present) == ("2024-12-05", 11, 10)
    assert [(r.nominee, r.award_code, r.votes_for, r.votes_total) for r in vote.results] == [
        ("Trần Thị Lan", "CSTD_CS", 10, 11), ("Tổ Văn phòng", "TT_LDTT", 9, 11)]


def test_a_plan_is_no_dossier_and_invents_no_nominee() -> None:
    rec = _parse(["ỦY BAN NHÂN DÂN XÃ VĨNH LINH", "KẾ HOẠCH", "Tổ chức phong trào thi đua năm 2026",
                  "Phấn đấu 80% cán bộ đạt danh hiệu Lao động tiên tiến; 15% đạt Chiến sĩ thi đua cơ sở."])
    assert [d.kind for d in rec.documents] == ["other"]
    assert rec.nominations == [] and rec.submission is None and rec.council_vote is None


def test_document_pages_are_never_invented() -> None:
    rec = _parse([])  # no line, so no page to point at
    assert [(d.kind, d.pages) for d in rec.documents] == [("other", [])]


def test_nomination_id_one_format_in_parse_and_fallback() -> None:
    from record.outcome import nomination_key

    rec = _parse(REPORT_HEAD)
    assert rec.nominations[0].nomination_id == "0" * 16 + "-01"  # the form landed ids have
    rec.nominations[0].nomination_id = None
    assert nomination_key(rec, 0) == "0" * 16 + "-01"
