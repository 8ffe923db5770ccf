"""Nominees named in lists (contract README, "Every nominee that a document names is a nomination").

The files are built line by line as the readers hand them over (a table row is a ``Line`` with
cells), so each layout a real office uses is pinned without a sample file per layout.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors._lists import drop_titles, kind_of_name, split_name
from extractors.lines import Line, ReadResult
from extractors.parse import parse

SHA = "0" * 64
HEAD = ["ỦY BAN NHÂN DÂN XÃ KỲ HOA", "Số: 12/TTr-UBND", "Kỳ Hoa, ngày 20 tháng 11 năm 2025"]


def _lines(*rows: str | tuple[str, ...], page: int = 1, table: int = 1) -> list[Line]:
    out = []
    for r in rows:
        if isinstance(r, tuple):
            out.append(Line(text=" | ".join(r), page=page, source="docx", cells=r, table=table))
        else:
            out.append(Line(text=r, page=page, source="docx"))
    return out


def _record(lines: list[Line]):  # type: ignore[no-untyped-def]
    return parse(ReadResult(format="docx", pages=max(ln.page for ln in lines), lines=lines), path="x.docx", sha256=SHA)


def _summary(rec) -> list[tuple]:  # type: ignore[no-untyped-def]
    out = []
    for n in rec.nominations:
        who = n.person.full_name if n.person else n.unit.name
        out.append((n.nominee_kind, who, n.award.code, n.award.year, tuple(n.named_in)))
    return out


def test_table_in_any_column_order_with_sections() -> None:
    lines = _lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
        "Kính gửi: Chủ tịch UBND tỉnh Hà Tĩnh.",
        ("Hình thức đề nghị", "Họ và tên", "STT", "Năm sinh", "Giới tính", "Chức vụ", "Đơn vị công tác"),
        ("", "I. TẬP THỂ", "", "", "", "", ""),
        ("Bằng khen của Chủ tịch UBND tỉnh", "Trường Tiểu học Kỳ Hoa", "1", "", "", "", ""),
        ("", "II. CÁ NHÂN", "", "", "", "", ""),
        ("Bằng khen của Chủ tịch UBND tỉnh", "NGUYỄN VĂN LỢI", "1", "1965", "Nam", "Chủ tịch", "Hội Cựu chiến binh xã"),
        ("Giấy khen của Chủ tịch UBND xã", "Trần Thị Hằng", "2", "12/3/1980", "Nữ", "Nông dân", ""),
        "Kính trình xem xét, quyết định./.",
    )
    rec = _record(lines)
    assert _summary(rec) == [
        ("collective", "Trường Tiểu học Kỳ Hoa", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Nguyễn Văn Lợi", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Trần Thị Hằng", "GIAY_KHEN", 2025, ("to_trinh",)),
    ]
    loi, hang = rec.nominations[1].person, rec.nominations[2].person
    assert (loi.birth_date, loi.gender, loi.position, loi.work_unit) == ("1965", "male", "Chủ tịch", "Hội Cựu chiến binh xã")
    assert (hang.birth_date, hang.gender, hang.work_unit) == ("1980-03-12", "female", None)
    assert rec.nominations[0].person is None and rec.nominations[0].prior_awards == []


def test_paragraphs_under_award_and_kind_headings() -> None:
    lines = _lines(
        *HEAD, "TỜ TRÌNH", "V/v đề nghị khen thưởng năm học 2024 - 2025", "Kính gửi:",
        "- Chủ tịch UBND huyện;", "- Phòng Nội vụ.",
        "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "UBND xã kính đề nghị khen thưởng cho các tập thể, cá nhân sau:",
        "1. Danh hiệu Chiến sĩ thi đua cơ sở:",
        "- Bà Lê Thị Thu, giáo viên Trường Tiểu học Kỳ Hoa;",
        "- Đồng chí Thượng tá Phan Văn Long, Đồn trưởng Đồn Biên phòng Cửa Tùng;",
        "2. Tặng Giấy khen:",
        "a) Tập thể: Tổ Toán - Tin; Thôn Tân Hoa.",
        "b) Cá nhân: ông Hồ Văn Bảy, nông dân thôn Tân Hoa; bà Võ Thị Nga, Trưởng thôn.",
        "Kính trình xem xét, quyết định./.",
        "Nơi nhận:",
    )
    rec = _record(lines)
    assert _summary(rec) == [
        ("individual", "Lê Thị Thu", "CSTD_CS", 2025, ("to_trinh",)),
        ("individual", "Phan Văn Long", "CSTD_CS", 2025, ("to_trinh",)),
        ("collective", "Tổ Toán - Tin", "GIAY_KHEN", 2025, ("to_trinh",)),
        ("collective", "Thôn Tân Hoa", "GIAY_KHEN", 2025, ("to_trinh",)),
        ("individual", "Hồ Văn Bảy", "GIAY_KHEN", 2025, ("to_trinh",)),
        ("individual", "Võ Thị Nga", "GIAY_KHEN", 2025, ("to_trinh",)),
    ]
    assert rec.nominations[1].person.position == "Đồn trưởng Đồn Biên phòng Cửa Tùng"
    assert rec.nominations[4].person.position == "nông dân thôn Tân Hoa"


def test_list_vote_and_report_merge_into_one_nomination() -> None:
    report = _lines(
        "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH NĂM 2025",
        "I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: Nguyễn Văn Lợi", "- Giới tính: Nam", "- Năm sinh: 1965",
        page=3,
    )
    lines = _lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen năm 2025", "Kính gửi: Chủ tịch UBND tỉnh.",
        "1. Ông Nguyễn Văn Lợi, Chủ tịch Hội Cựu chiến binh xã: Bằng khen của Chủ tịch UBND tỉnh;",
        "2. Ông Nguyễn Văn Lợi, Chủ tịch Hội Cựu chiến binh xã: Bằng khen của Chủ tịch UBND tỉnh;",
        "Kính trình xem xét./.",
    ) + _lines(
        "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng xã", "Có mặt: 07/07 thành viên.",
        ("TT", "Họ và tên", "Hình thức đề nghị", "Số phiếu đồng ý"),
        ("1", "NGUYỄN VĂN LỢI", "Bằng khen của Chủ tịch UBND tỉnh", "7/7"),
        ("2", "LÊ VĂN TÁM", "Chiến sĩ thi đua cơ sở", "6/7"),
        page=2, table=2,
    ) + report
    rec = _record(lines)
    # the same nominee twice in one list is two nominations (a defect for the validators)
    assert _summary(rec) == [
        ("individual", "Nguyễn Văn Lợi", "BK_TINH", 2025, ("to_trinh", "bien_ban", "bao_cao_ca_nhan")),
        ("individual", "Nguyễn Văn Lợi", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Lê Văn Tám", "CSTD_CS", 2025, ("bien_ban",)),
    ]
    first = rec.nominations[0]
    assert first.person.birth_date == "1965"  # from the report
    assert first.person.position == "Chủ tịch Hội Cựu chiến binh xã"  # the list fills what the report lacks
    assert first.award.name == "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"  # the report's own words come first
    assert [n.nomination_id for n in rec.nominations] == [f"{SHA[:16]}-0{i}" for i in (1, 2, 3)]


def test_nominees_named_in_the_request_sentence() -> None:
    lines = _lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị khen thưởng năm 2025", "Kính gửi:", "Chủ tịch UBND tỉnh,",
        "- Ban Thi đua - Khen thưởng, Sở Nội vụ.",
        "Sở kính trình Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho ông Phạm Văn Tuấn, giáo viên Trường THPT "
        "Cẩm Xuyên và công nhận danh hiệu Tập thể lao động xuất sắc cho Trường Tiểu học Cẩm Hưng.",
        "Kính trình xem xét, quyết định./.",
    )
    assert _summary(_record(lines)) == [
        ("individual", "Phạm Văn Tuấn", "BK_TINH", 2025, ("to_trinh",)),
        ("collective", "Trường Tiểu học Cẩm Hưng", "TT_LDXS", 2025, ("to_trinh",)),
    ]
    counted = _lines(*HEAD, "TỜ TRÌNH", "Về việc đề nghị khen thưởng năm 2025",
                     "UBND xã kính trình tặng Bằng khen cho 01 tập thể và 02 cá nhân (có danh sách kèm theo).")
    assert _record(counted).nominations == []


def test_a_decision_with_a_list_names_no_nominee() -> None:
    lines = _lines(
        "ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH", "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        "Điều 1. Tặng Bằng khen cho 02 cá nhân (có danh sách kèm theo).",
        "DANH SÁCH", ("TT", "Họ và tên", "Hình thức"), ("1", "Ông Lê Văn A", "Bằng khen"),
    )
    rec = _record(lines)
    assert [d.kind for d in rec.documents] == ["other"] and rec.nominations == []


_HONORIFICS = ["Ông", "Bà", "Đồng chí", "Đ/c", "ông", "ĐỒNG CHÍ", "Thượng tá", "Đại úy", "Bác sĩ", "ThS."]
_SYLLABLE = st.sampled_from(["Nguyễn", "Lê", "Thị", "Văn", "Hồ", "Minh", "Đức", "Hoa", "Tâm", "Kăn", "Bích"])


@given(st.lists(st.sampled_from(_HONORIFICS), max_size=2), st.lists(_SYLLABLE, min_size=2, max_size=4),
       st.sampled_from(["", ", Chủ tịch UBND xã", " - Trưởng Trạm", ", nông dân thôn Tân Hoa", " (Đồn Biên phòng)"]))
def test_a_name_is_only_the_name(prefix: list[str], words: list[str], suffix: str) -> None:
    name = " ".join(words)
    text = " ".join([*prefix, name]) + suffix
    bare, rest = split_name(text)
    assert bare == name
    assert (rest is None) == (suffix == "")
    assert drop_titles(" ".join([*prefix, name])) == name


@pytest.mark.parametrize(("name", "kind"), [
    ("HỒ THỊ HIỀN", "individual"), ("Trương Văn Sơn", "individual"), ("TRƯƠNG VĂN SƠN", "individual"),
    ("ĐOÀN VĂN AN", "individual"), ("Tô Văn Hùng", "individual"), ("Phương Thị Lan", "individual"),
    ("TRƯỜNG MẦM NON HỒ XÁ", "collective"), ("Trường Mầm non Hồ Xá", "collective"),
    ("Công an xã Gio Linh", "collective"), ("Tổ Toán - Tin", "collective"), ("Đoàn Thanh niên xã", "collective"),
    ("Khu phố An Đức 2", "collective"), ("Thôn Hà Thượng", "collective"), ("Phường Đông Lễ", "collective"),
    ("Bà Kăn Thị Bích", "individual"), ("Ủy ban MTTQ xã", "collective"), ("Chi bộ thôn Hà Thượng", "collective"),
    ("CHI BỘ THÔN HÀ THƯỢNG", "collective"), ("Cơ quan Sở Nội vụ", "collective"), ("Chị Lê Thị Sen", "individual"),
    ("ông Hồ Văn Bảy", "individual"),
])
def test_kind_from_the_name_alone(name: str, kind: str) -> None:
    assert kind_of_name(name) == kind


def test_birth_year_written_under_the_gender_sub_columns() -> None:
    rec = _record(_lines(
        *HEAD, "DANH SÁCH", "CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2024",
        ("STT", "Họ và tên", "Năm sinh", "", "Chức vụ", "Đơn vị"),
        ("", "", "Nam", "Nữ", "", ""),
        ("1", "Lê Văn Bình", "1980", "", "Chuyên viên", "Phòng Nội vụ"),
        ("2", "Trần Thị Cúc", "", "1985", "Kế toán", "Phòng Tài chính"),
    ))
    got = [(n.person.full_name, n.person.birth_date, n.person.gender, n.person.work_unit, n.award.code, n.award.year)
           for n in rec.nominations]
    assert got == [("Lê Văn Bình", "1980", "male", "Phòng Nội vụ", "GIAY_KHEN", 2024),
                   ("Trần Thị Cúc", "1985", "female", "Phòng Tài chính", "GIAY_KHEN", 2024)]


def test_votes_written_as_sentences_after_a_lead() -> None:
    rec = _record(_lines(
        *HEAD, "BIÊN BẢN", "Họp xét thi đua năm 2024", "Có mặt: 7/7 thành viên.",
        "Kết quả bỏ phiếu: đồng chí Lê Văn Bình đạt 7/7 phiếu (100%) đề nghị danh hiệu Chiến sĩ thi đua cơ sở;",
        "đồng chí Trần Thị Cúc đạt 6/7 phiếu (85,7%) đề nghị danh hiệu Lao động tiên tiến.",
    ))
    assert [(r.nominee, r.award_code, r.votes_for, r.votes_total) for r in rec.council_vote.results] == [
        ("Lê Văn Bình", "CSTD_CS", 7, 7), ("Trần Thị Cúc", "LDTT", 6, 7)]
    assert _summary(rec) == [("individual", "Lê Văn Bình", "CSTD_CS", 2024, ("bien_ban",)),
                             ("individual", "Trần Thị Cúc", "LDTT", 2024, ("bien_ban",))]


def test_award_groups_with_numbered_kind_rows_and_names_without_commas() -> None:
    rec = _record(_lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị khen thưởng năm 2025", "Kính gửi: Chủ tịch UBND tỉnh.",
        ("TT", "Họ và tên, chức vụ", "Thành tích"),
        ("I", "Bằng khen của Chủ tịch UBND tỉnh (01 tập thể, 02 cá nhân)", ""),
        ("1", "Tập thể", ""),
        ("1.1", "Phòng Nghiệp vụ Y", "Hoàn thành xuất sắc nhiệm vụ năm 2025"),
        ("2", "Cá nhân", ""),
        ("2.1", "Ông Trần Văn Hải, Trưởng phòng Nghiệp vụ Y", "Hoàn thành xuất sắc nhiệm vụ"),
        ("2.2", "Nguyễn Văn Trường Phó Giám đốc Sở Y tế", "Hoàn thành xuất sắc nhiệm vụ"),
        ("II", "Giấy khen của Giám đốc Sở (01 cá nhân)", ""),
        ("1", "TRẦN THỊ BÍCH Giáo viên Trường Tiểu học Số 1", ""),
        "Kính trình xem xét./.",
    ))
    assert _summary(rec) == [
        ("collective", "Phòng Nghiệp vụ Y", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Trần Văn Hải", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Nguyễn Văn Trường", "BK_TINH", 2025, ("to_trinh",)),
        ("individual", "Trần Thị Bích", "GIAY_KHEN", 2025, ("to_trinh",)),
    ]
    assert [n.person.position for n in rec.nominations[1:]] == [
        "Trưởng phòng Nghiệp vụ Y", "Phó Giám đốc Sở Y tế", "Giáo viên Trường Tiểu học Số 1"]
    assert rec.nominations[3].award.name == "Giấy khen của Giám đốc Sở"


def test_minutes_listing_nominees_under_one_vote_for_all() -> None:
    rec = _record(_lines(
        "SỞ TƯ PHÁP", "Số: 12/BB-STP", "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng Sở Tư pháp",
        "Có mặt: 09/09; Vắng: 0.",
        "Hội đồng đã thống nhất và biểu quyết 09/09 thành viên có mặt (100%) đề nghị tặng Bằng khen cho:",
        ("TT", "Tập thể, cá nhân đề nghị xét khen thưởng"),
        ("I", "Tập thể"),
        ("1", "Phòng Phổ biến, giáo dục pháp luật"),
        ("II", "Cá nhân"),
        ("1", "Ông Nguyễn Văn Hùng, Trưởng phòng Phổ biến, giáo dục pháp luật"),
    ))
    assert [(r.nominee, r.award_code, r.votes_for, r.votes_total) for r in rec.council_vote.results] == [
        ("Phòng Phổ biến, giáo dục pháp luật", "BK_TINH", 9, 9), ("Nguyễn Văn Hùng", "BK_TINH", 9, 9)]
    assert [(n.nominee_kind, n.named_in) for n in rec.nominations] == [
        ("collective", ["bien_ban"]), ("individual", ["bien_ban"])]


def test_a_list_table_split_over_two_pages_is_one_list() -> None:
    page1 = _lines(*HEAD, "TỜ TRÌNH", "Về việc đề nghị tặng Giấy khen năm 2024", "Kính gửi: Chủ tịch UBND huyện.",
                   ("TT", "Họ và tên", "Chức vụ", "Hình thức"),
                   ("1", "Lê Văn Bình", "Chuyên viên", "Giấy khen"), table=3)
    page2 = _lines(("2", "Trần Thị Cúc", "Kế toán", "Giấy khen"), "Kính trình xem xét./.", page=2, table=4)
    rec = _record(page1 + page2)
    assert [n.person.full_name for n in rec.nominations] == ["Lê Văn Bình", "Trần Thị Cúc"]


def test_a_scanned_name_run_together_takes_the_lists_spelling_and_a_real_difference_stays() -> None:
    letter = _lines(*HEAD, "TỜ TRÌNH", "Về việc đề nghị tặng Giấy khen năm 2024", "Kính gửi: Chủ tịch UBND huyện.",
                    "1. Bà Pả Thị Lan, Y sĩ: Giấy khen;", "2. Ông Hồ Văn Cường, Trưởng trạm: Giấy khen;",
                    "Kính trình xem xét./.")
    minutes = [Line(text=t, page=2, source="ocr", cells=c, table=9) for t, c in (
        ("BIÊN BẢN", None), ("Có mặt: 7/7 thành viên.", None),
        ("TT | Họ và tên | Hình thức | Số phiếu", ("TT", "Họ và tên", "Hình thức", "Số phiếu")),
        ("1 | PẢTHỊLAN | Giấy khen | 7/7", ("1", "PẢTHỊLAN", "Giấy khen", "7/7")),
        ("2 | Hồ Văn Cườn | Giấy khen | 6/7", ("2", "Hồ Văn Cườn", "Giấy khen", "6/7")),
    )]
    rec = _record(letter + minutes)
    # spaces (or marks) lost by OCR are the same name; a letter missing is the minutes' own reading,
    # kept as written, though the nominee is still recognised as the same one (one letter apart)
    assert [r.nominee for r in rec.council_vote.results] == ["Pả Thị Lan", "Hồ Văn Cườn"]
    assert [tuple(n.named_in) for n in rec.nominations] == [("to_trinh", "bien_ban"), ("to_trinh", "bien_ban")]


def test_the_award_named_in_the_sentence_that_opens_the_list() -> None:
    rec = _record(_lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị khen thưởng năm 2024", "Kính gửi: Chủ tịch UBND huyện.",
        "UBND xã kính đề nghị Chủ tịch UBND huyện tặng Giấy khen cho 01 tập thể và 02 cá nhân sau:",
        "- Tập thể: Trường Mầm non Hoa Sen;",
        "- Ông Nguyễn Văn A - Chủ tịch Hội Nông dân xã;",
        "- Bà Trần Thị B - Phó Chủ tịch UBND xã.",
        "Đề nghị công nhận danh hiệu Lao động tiên tiến cho 01 cá nhân:",
        "1. Ông Lê Văn C, công chức Tư pháp - Hộ tịch.",
        "Kính trình xem xét, quyết định./.",
    ))
    assert _summary(rec) == [
        ("collective", "Trường Mầm non Hoa Sen", "GIAY_KHEN", 2024, ("to_trinh",)),
        ("individual", "Nguyễn Văn A", "GIAY_KHEN", 2024, ("to_trinh",)),
        ("individual", "Trần Thị B", "GIAY_KHEN", 2024, ("to_trinh",)),
        ("individual", "Lê Văn C", "LDTT", 2024, ("to_trinh",)),
    ]
    assert [n.person.position for n in rec.nominations[1:]] == [
        "Chủ tịch Hội Nông dân xã", "Phó Chủ tịch UBND xã", "công chức Tư pháp - Hộ tịch"]


def test_people_in_the_distribution_list_are_no_nominees() -> None:
    rec = _record(_lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị tặng Giấy khen năm 2024", "Kính gửi: Chủ tịch UBND huyện.",
        "UBND xã kính đề nghị tặng Giấy khen cho các tập thể, cá nhân có thành tích (có danh sách kèm theo).",
        "Kính trình xem xét, quyết định./.",
        "Nơi nhận:", "- Như trên;", "- Ông Lê Văn Bình, Chủ tịch UBND huyện (để b/c);", "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ông Trần Văn Hòa",
    ))
    assert rec.nominations == []


def test_a_header_that_names_a_year_is_still_the_header() -> None:
    rec = _record(_lines(
        *HEAD, "TỜ TRÌNH", "Về việc đề nghị khen thưởng", "Kính gửi: Chủ tịch UBND huyện.",
        ("STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng đề nghị năm 2025"),
        ("1", "Lê Văn Bình", "Chuyên viên", "Giấy khen"),
    ))
    assert _summary(rec) == [("individual", "Lê Văn Bình", "GIAY_KHEN", 2025, ("to_trinh",))]


def test_a_vote_table_with_only_the_share() -> None:
    rec = _record(_lines(
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng năm 2024",
        "Tổng số thành viên: 9, có mặt: 9.",
        ("TT", "Họ và tên", "Danh hiệu đề nghị", "Tỷ lệ đồng ý"),
        ("1", "Lê Văn Bình", "Chiến sĩ thi đua cơ sở", "88,9%"),
    ))
    assert [(r.nominee, r.votes_for, r.votes_total) for r in rec.council_vote.results] == [("Lê Văn Bình", 8, 9)]


def test_a_word_header_cell_over_two_columns_keeps_the_rows_in_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Năm sinh" merged over "Nam" | "Nữ" in a real .docx: the columns of the rows still match."""
    import docx

    from extractors import extract_file

    d = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN XÃ KỲ HOA", "DANH SÁCH", "CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2024"):
        d.add_paragraph(text)
    t = d.add_table(rows=4, cols=5)
    for k, text in enumerate(("STT", "Họ và tên", "Năm sinh", "", "Chức vụ")):
        t.cell(0, k).text = text
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Năm sinh"
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 4).merge(t.cell(1, 4))
    t.cell(1, 2).text, t.cell(1, 3).text = "Nam", "Nữ"
    for k, text in enumerate(("1", "Lê Thị Cúc", "", "1985", "Kế toán")):
        t.cell(2, k).text = text
    for k, text in enumerate(("2", "Hồ Văn Dũng", "1979", "", "Chuyên viên")):
        t.cell(3, k).text = text
    path = tmp_path / "danh_sach.docx"
    d.save(str(path))
    rec = extract_file(path)
    got = [(n.person.full_name, n.person.birth_date, n.person.gender, n.person.position, n.award.code)
           for n in rec.nominations]
    assert got == [("Lê Thị Cúc", "1985", "female", "Kế toán", "GIAY_KHEN"),
                   ("Hồ Văn Dũng", "1979", "male", "Chuyên viên", "GIAY_KHEN")]
