"""Ground truth of the individual and collective nominees, shared by the .docx, PDF and scan samples.

Each function returns a fresh report spec; the values in it (Person, Award, PriorAward…) are
exactly what the golden pins.
"""

from __future__ import annotations

from record.awards import award_code
from record.models import Award, Innovation, Person, PriorAward, TaskRating, Unit
from samplegen.docs import CollectiveReport, IndividualReport


def award(name: str, code: str, year: int) -> Award:
    """An award whose code is checked against the project's own patterns (catches drift early)."""
    got = award_code(name)
    if got != code:
        raise ValueError(f"award_code({name!r}) = {got}, expected {code}")
    return Award(name=name, code=code, year=year)


def pa(year: int, title: str, code: str | None, number: str, date: str, issuer: str) -> PriorAward:
    got = award_code(title)
    if got != code:
        raise ValueError(f"award_code({title!r}) = {got}, expected {code}")
    return PriorAward(year=year, title=title, code=code, decision_number=number, decision_date=date, issuer=issuer)


def tr(*pairs: tuple[int, str]) -> list[TaskRating]:
    return [TaskRating(year=y, rating=r) for y, r in pairs]  # type: ignore[arg-type]


HX = "HTXSNV"
HT = "HTTNV"

# xã Vĩnh Linh (after 1/7/2025): the office of the scanned 2025 bundle and of its tờ trình and biên bản
XA_VINH_LINH = "ỦY BAN NHÂN DÂN XÃ VĨNH LINH"
RING_XA_VINH_LINH = "ỦY BAN NHÂN DÂN XÃ VĨNH LINH * QUẢNG TRỊ"
CHU_TICH_XA_VINH_LINH = "Trần Đình Khoa"

# --- individuals ---------------------------------------------------------------------------------


def nguyen_thi_hoa() -> IndividualReport:
    """Layout A: paragraph fields, gender on the birth-date line, prior awards in one table."""
    return IndividualReport(
        layout="A",
        header_left=["UBND HUYỆN VĨNH LINH", "TRƯỜNG TIỂU HỌC VĨNH HOÀNG"],
        place="Vĩnh Hoàng",
        date="2024-12-10",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2024",
        award=award("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS", 2024),
        person=Person(
            full_name="Nguyễn Thị Hoa", gender="female", birth_date="1985-04-07", ethnicity="Kinh",
            hometown="xã Vĩnh Thạch, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="thôn Tân Hòa, xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Giáo viên", work_unit="Trường Tiểu học Vĩnh Hoàng",
            qualification="Đại học Sư phạm Tiểu học", is_leader=False,
        ),
        duties="Giảng dạy và làm công tác chủ nhiệm lớp 4A; tham gia bồi dưỡng học sinh năng khiếu khối 4, 5; "
        "phụ trách thư viện thân thiện của nhà trường.",
        achievements=[
            "- Lớp chủ nhiệm có 100% học sinh hoàn thành chương trình lớp học, 12 em được khen thưởng "
            "học sinh xuất sắc; tham gia hội thi giáo viên dạy giỏi cấp huyện đạt giải Nhì.",
            "- Tích cực đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin trong soạn giảng; "
            "chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        ],
        ratings=tr((2023, HX), (2024, HX)),
        rating_style=0,
        period=(2023, 2024),
        innovations=[Innovation(title="Một số biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp 4", year=2024,
                                recognized_by="Hội đồng Sáng kiến huyện Vĩnh Linh")],
        innovation_style=0,
        prior=[
            pa(2022, "Lao động tiên tiến", "LDTT", "1245/QĐ-UBND", "2022-12-15", "UBND huyện Vĩnh Linh"),
            pa(2023, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "2156/QĐ-UBND", "2023-08-20",
               "Chủ tịch UBND huyện Vĩnh Linh"),
        ],
        prior_style=0,
        extra_fields=[("Học hàm, học vị, danh hiệu, giải thưởng", "Không")],
        head_signer=["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Lê Thị Phương"],
        stamp_ring="TRƯỜNG TIỂU HỌC VĨNH HOÀNG * VĨNH LINH",
    )


def dang_thi_thu_trang() -> IndividualReport:
    """Layout D: section I with reworded labels (``Họ và tên người được đề nghị:``, ``Ngày/tháng/năm sinh:``)."""
    return IndividualReport(
        layout="D",
        header_left=["UBND XÃ GIO LINH", "TRẠM Y TẾ XÃ GIO LINH"],
        place="Gio Linh",
        date="2025-11-12",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025",
        award=award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2025),
        person=Person(
            full_name="Đặng Thị Thu Trang", gender="female", birth_date="1990-09-21", ethnicity="Kinh",
            hometown="xã Gio Linh, tỉnh Quảng Trị", residence="thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị",
            position="Y sĩ", work_unit="Trạm Y tế xã Gio Linh", qualification="Cao đẳng Y sĩ đa khoa",
            is_leader=False,
        ),
        duties="Khám, chữa bệnh ban đầu tại trạm; phụ trách chương trình tiêm chủng mở rộng của xã.",
        achievements=["- Tổ chức tiêm chủng đầy đủ cho 98% trẻ em trong độ tuổi; không để xảy ra sai sót chuyên môn."],
        ratings=tr((2025, HT)),
        period=(2025, 2025),
        head_signer=["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN", "TRƯỞNG TRẠM", "(Ký, đóng dấu)", "Lê Văn Hòa"],
    )


def ho_van_thang() -> IndividualReport:
    """Layout A with a tab before Giới tính, a Vân Kiều health worker, ratings as a small table."""
    return IndividualReport(
        layout="A",
        header_left=["TRUNG TÂM Y TẾ HUYỆN VĨNH LINH", "TRẠM Y TẾ XÃ VĨNH Ô"],
        place="Vĩnh Ô",
        date="2024-11-25",
        title='Đề nghị tặng danh hiệu "Lao động tiên tiến" năm 2024',
        award=award("Lao động tiên tiến", "LDTT", 2024),
        person=Person(
            full_name="Hồ Văn Thắng", gender="male", birth_date="1990-09-12", ethnicity="Vân Kiều",
            hometown="xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="bản Xà Nin, xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Y sĩ", work_unit="Trạm Y tế xã Vĩnh Ô, Trung tâm Y tế huyện Vĩnh Linh",
            qualification="Trung cấp Y sĩ đa khoa", is_leader=False,
        ),
        duties="Khám, chữa bệnh ban đầu cho nhân dân; phụ trách chương trình tiêm chủng mở rộng và "
        "chăm sóc sức khỏe bà mẹ, trẻ em tại các bản vùng cao.",
        achievements=[
            "Trong năm, đã khám và điều trị cho hơn 2.300 lượt người bệnh; tổ chức tiêm chủng đầy đủ cho "
            "98,5% trẻ em dưới 1 tuổi; tuyên truyền bằng tiếng Vân Kiều về phòng chống sốt xuất huyết.",
        ],
        ratings=tr((2024, HT)),
        rating_style=2,
        period=(2024, 2024),
        prior=[
            pa(2021, "Giấy khen của Giám đốc Trung tâm Y tế huyện", "GIAY_KHEN", "356/QĐ-TTYT", "2021-12-28",
               "Trung tâm Y tế huyện Vĩnh Linh"),
            pa(2023, "Lao động tiên tiến", "LDTT", "89/QĐ-TTYT", "2024-01-05", "Trung tâm Y tế huyện Vĩnh Linh"),
        ],
        prior_style=3,
        extra_fields=[("Tôn giáo", "Không")],
        head_signer=["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "TRƯỞNG TRẠM", "(Ký, ghi rõ họ tên)", "Hồ Thị Xuân"],
        stamp_ring=None,
        tab_gender=True,
    )


def le_quang_minh() -> IndividualReport:
    """Layout B (label | value table, prior awards as a list), dated after 1/7/2025 (xã Cửa Tùng)."""
    return IndividualReport(
        layout="B",
        header_left=["UBND XÃ CỬA TÙNG", "TRƯỜNG THCS CỬA TÙNG"],
        place="Cửa Tùng",
        date="2025-08-18",
        title="ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
        award=award("BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "BK_TINH", 2025),
        person=Person(
            full_name="Lê Quang Minh", gender="male", birth_date="1979-03-12", ethnicity="Kinh",
            hometown="xã Vĩnh Giang, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="khu phố An Đức 2, xã Cửa Tùng, tỉnh Quảng Trị",
            position="Phó Hiệu trưởng, Bí thư Chi bộ", work_unit="Trường THCS Cửa Tùng, xã Cửa Tùng, tỉnh Quảng Trị",
            qualification="Thạc sĩ Quản lý giáo dục", is_leader=True,
        ),
        duties="Giúp Hiệu trưởng phụ trách chuyên môn, công tác kiểm định chất lượng giáo dục và "
        "chuyển đổi số của nhà trường; trực tiếp giảng dạy môn Toán lớp 9.",
        achievements=[
            "Chỉ đạo tổ chuyên môn đổi mới sinh hoạt theo nghiên cứu bài học; tỷ lệ học sinh lên lớp đạt 99,2%; "
            "đội tuyển học sinh giỏi Toán đạt 01 giải Nhất, 02 giải Ba cấp tỉnh.",
            "Nhà trường được công nhận đạt chuẩn quốc gia mức độ 2 năm 2024.",
        ],
        ratings=tr((2023, HX), (2024, HX)),
        rating_style=1,
        period=(2023, 2024),
        period_phrase="giai đoạn 2023 - 2024",
        innovations=[
            Innovation(title="Ứng dụng phần mềm quản lý hồ sơ chuyên môn trong nhà trường", year=2023,
                       recognized_by="Hội đồng Sáng kiến huyện Vĩnh Linh"),
            Innovation(title="Giải pháp nâng cao chất lượng bồi dưỡng học sinh giỏi môn Toán", year=2024,
                       recognized_by="Sở Giáo dục và Đào tạo tỉnh Quảng Trị"),
        ],
        innovation_style=1,
        prior=[
            pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "2891/QĐ-UBND", "2023-11-28", "UBND huyện Vĩnh Linh"),
            pa(2024, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "3012/QĐ-UBND", "2024-12-02", "UBND huyện Vĩnh Linh"),
        ],
        prior_style=0,
        extra_fields=[("Trình độ lý luận chính trị", "Trung cấp")],
        head_signer=["XÁC NHẬN, ĐỀ NGHỊ CỦA THỦ TRƯỞNG ĐƠN VỊ", "HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", "Trần Văn Quý"],
        stamp_ring="TRƯỜNG THCS CỬA TÙNG * QUẢNG TRỊ",
    )


def tran_thi_thu_ha() -> IndividualReport:
    """Layout B for a cooperative director; no ethnicity line (ethnicity stays null)."""
    return IndividualReport(
        layout="B",
        header_left=["UBND XÃ VĨNH HOÀNG", "HỢP TÁC XÃ DỊCH VỤ NÔNG NGHIỆP VĨNH HOÀNG"],
        place="Vĩnh Hoàng",
        date="2024-12-16",
        title="ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN VĨNH LINH",
        award=award("GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN VĨNH LINH", "GIAY_KHEN", 2024),
        person=Person(
            full_name="Trần Thị Thu Hà", gender="female", birth_date="1982-06-02", ethnicity=None,
            hometown="xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="thôn Tân Mỹ, xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Giám đốc", work_unit="Hợp tác xã Dịch vụ nông nghiệp Vĩnh Hoàng",
            qualification="Kỹ sư Nông học", is_leader=True,
        ),
        duties="Điều hành hoạt động sản xuất, kinh doanh dịch vụ của hợp tác xã; tổ chức liên kết tiêu thụ "
        "lúa hữu cơ và hồ tiêu cho xã viên.",
        achievements=[
            "Doanh thu năm 2024 đạt 4,2 tỷ đồng, tăng 18% so với năm 2023; mở rộng 35 ha lúa hữu cơ; "
            "thu nhập bình quân của người lao động đạt 6,5 triệu đồng/tháng.",
        ],
        ratings=tr((2024, HX)),
        rating_style=0,
        period=(2024, 2024),
        prior=[
            pa(2023, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "1876/QĐ-UBND", "2023-12-26",
               "Chủ tịch UBND huyện Vĩnh Linh"),
        ],
        prior_style=3,
        extra_fields=[("Điện thoại liên hệ", "0915 234 567")],
        head_signer=["XÁC NHẬN CỦA UBND XÃ VĨNH HOÀNG", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký, đóng dấu)",
                     "Nguyễn Đức Thịnh"],
        stamp_ring="ỦY BAN NHÂN DÂN XÃ VĨNH HOÀNG * H. VĨNH LINH",
    )


def ho_thi_lan() -> IndividualReport:
    """Layout C: name in capitals, dates in words, numbered labels; no year in the title."""
    return IndividualReport(
        layout="C",
        header_left=["UBND HUYỆN VĨNH LINH", "TRƯỜNG TIỂU HỌC VÀ THCS VĨNH Ô"],
        place="Vĩnh Ô",
        date="2023-12-08",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ",
        award=award("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS", 2023),
        person=Person(
            full_name="Hồ Thị Lan", gender="female", birth_date="1992-01-05", ethnicity="Vân Kiều",
            hometown="xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="bản Xà Nin, xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Giáo viên, Tổng phụ trách Đội", work_unit="Trường Tiểu học và THCS Vĩnh Ô",
            qualification="Cao đẳng Sư phạm Tiểu học", is_leader=False,
        ),
        duties="Dạy lớp 1 và phụ trách công tác Đội Thiếu niên Tiền phong Hồ Chí Minh của nhà trường.",
        achievements=[
            "Lớp 1B có 100% học sinh đọc thông, viết thạo tiếng Việt cuối năm học; vận động 15 học sinh "
            "bỏ học trở lại lớp; Liên đội được công nhận Liên đội mạnh cấp huyện.",
        ],
        ratings=tr((2022, HX), (2023, HX)),
        rating_style=1,
        period=(2022, 2023),
        innovations=[Innovation(title="Rèn kỹ năng nói tiếng Việt cho học sinh dân tộc Vân Kiều lớp 1", year=2023,
                                recognized_by="Hội đồng Sáng kiến huyện Vĩnh Linh")],
        innovation_style=2,
        prior=[
            pa(2022, "Lao động tiên tiến", "LDTT", "1987/QĐ-UBND", "2022-08-19", "UBND huyện Vĩnh Linh"),
            pa(2021, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "2110/QĐ-UBND", "2021-09-01",
               "Chủ tịch UBND huyện Vĩnh Linh"),
        ],
        prior_split=1,
        prior_style=2,
        head_signer=["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Nguyễn Văn Sáu"],
        stamp_ring="TRƯỜNG TIỂU HỌC VÀ THCS VĨNH Ô * VĨNH LINH",
    )


def le_van_hung() -> IndividualReport:
    """Layout C for a border-post commander, dated after 1/7/2025, stated period, table ratings."""
    return IndividualReport(
        layout="C",
        header_left=["BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH QUẢNG TRỊ", "ĐỒN BIÊN PHÒNG CỬA TÙNG"],
        place="Cửa Tùng",
        date="2025-09-22",
        title="ĐỀ NGHỊ TẶNG “BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH QUẢNG TRỊ” NĂM 2025",
        award=award("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH QUẢNG TRỊ", "BK_TINH", 2025),
        person=Person(
            full_name="Lê Văn Hùng", gender="male", birth_date="1984-10-30", ethnicity="Kinh",
            hometown="xã Gio Mỹ, huyện Gio Linh, tỉnh Quảng Trị",
            residence="khu phố Hòa Lý, xã Cửa Tùng, tỉnh Quảng Trị",
            position="Đồn trưởng, Bí thư Chi bộ", work_unit="Đồn Biên phòng Cửa Tùng, Bộ đội Biên phòng tỉnh Quảng Trị",
            qualification="Đại học Biên phòng", is_leader=True,
        ),
        duties="Chỉ huy đơn vị quản lý, bảo vệ chủ quyền, an ninh tuyến biển, cửa biển Cửa Tùng; phối hợp "
        "cấp ủy, chính quyền địa phương giữ gìn an ninh trật tự khu vực biên giới biển.",
        achievements=[
            "Chỉ đạo đơn vị phát hiện, xử lý 12 vụ vi phạm khai thác thủy sản trái phép; duy trì mô hình "
            "“Nâng bước em tới trường” giúp đỡ 8 học sinh có hoàn cảnh khó khăn.",
            "Đơn vị được tặng Cờ thi đua của UBND tỉnh năm 2024.",
        ],
        ratings=tr((2023, HX), (2024, HX)),
        rating_style=2,
        period=(2023, 2024),
        period_phrase="giai đoạn 2023 - 2024",
        prior=[
            pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "456/QĐ-BCH", "2023-12-20",
               "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị"),
            pa(2024, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "512/QĐ-BCH", "2024-12-18",
               "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị"),
        ],
        prior_style=3,
        extra_fields=[("Cấp bậc", "Thiếu tá")],
        head_signer=["XÁC NHẬN CỦA ĐƠN VỊ", "CHÍNH TRỊ VIÊN", "(Ký, đóng dấu)", "Hồ Xuân Trường"],
        stamp_ring="ĐỒN BIÊN PHÒNG CỬA TÙNG * BĐBP QUẢNG TRỊ",
    )


def phan_thi_ngoc_anh() -> IndividualReport:
    """Layout A, section III split into the two official tables (danh hiệu / hình thức)."""
    return IndividualReport(
        layout="A",
        header_left=["SỞ GIÁO DỤC VÀ ĐÀO TẠO QUẢNG TRỊ", "TRƯỜNG THPT VĨNH LINH"],
        place="Vĩnh Linh",
        date="2024-06-25",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CẤP TỈNH",
        award=award("CHIẾN SĨ THI ĐUA CẤP TỈNH", "CSTD_TINH", 2024),
        person=Person(
            full_name="Phan Thị Ngọc Ánh", gender="female", birth_date="1976-11-23", ethnicity="Kinh",
            hometown="phường Đông Lương, thành phố Đông Hà, tỉnh Quảng Trị",
            residence="khóm 3, thị trấn Hồ Xá, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Hiệu trưởng", work_unit="Trường THPT Vĩnh Linh",
            qualification="Thạc sĩ Ngữ văn", is_leader=True,
        ),
        duties="Quản lý, điều hành toàn diện hoạt động của nhà trường với 42 lớp, 1.650 học sinh.",
        achievements=[
            "Tỷ lệ học sinh tốt nghiệp THPT đạt 99,8%; 46 học sinh giỏi cấp tỉnh; nhà trường giữ vững "
            "danh hiệu Tập thể lao động xuất sắc ba năm liền.",
        ],
        ratings=tr((2021, HX), (2022, HX), (2023, HX)),
        rating_style=2,
        period=(2021, 2023),
        period_phrase="giai đoạn 2021 - 2023",
        innovations=[
            Innovation(title="Quản trị nhà trường theo hướng tự chủ gắn với chuyển đổi số", year=2022,
                       recognized_by="Hội đồng Sáng kiến tỉnh Quảng Trị"),
            Innovation(title="Nâng cao chất lượng ôn thi tốt nghiệp THPT cho học sinh vùng biển", year=2023,
                       recognized_by="Hội đồng Sáng kiến tỉnh Quảng Trị"),
        ],
        innovation_style=0,
        prior=[
            pa(2021, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1520/QĐ-SGDĐT", "2021-08-10", "Sở Giáo dục và Đào tạo"),
            pa(2022, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1389/QĐ-SGDĐT", "2022-08-05", "Sở Giáo dục và Đào tạo"),
            pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1602/QĐ-SGDĐT", "2023-08-14", "Sở Giáo dục và Đào tạo"),
            pa(2022, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "2345/QĐ-UBND", "2022-09-15",
               "UBND tỉnh Quảng Trị"),
        ],
        prior_split=3,
        prior_style=0,
        extra_fields=[("Học hàm, học vị, danh hiệu, giải thưởng", "Thạc sĩ")],
        head_signer=["THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN XÁC NHẬN", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, đóng dấu)",
                     "Nguyễn Hữu Thanh"],
        stamp_ring="SỞ GIÁO DỤC VÀ ĐÀO TẠO * TỈNH QUẢNG TRỊ",
    )


def kan_thi_bich() -> IndividualReport:
    """Layout B, a Pa Kô head of a commune health station, five-year period, BK of the Prime Minister."""
    return IndividualReport(
        layout="B",
        header_left=["UBND XÃ LÌA", "TRẠM Y TẾ XÃ LÌA"],
        place="Lìa",
        date="2025-10-06",
        title="ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ",
        award=award("BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ", "BK_TTCP", 2025),
        person=Person(
            full_name="Kăn Thị Bích", gender="female", birth_date="1980-02-14", ethnicity="Pa Kô",
            hometown="xã Lìa, huyện Hướng Hóa, tỉnh Quảng Trị",
            residence="thôn Pa Công, xã Lìa, tỉnh Quảng Trị",
            position="Trưởng trạm", work_unit="Trạm Y tế xã Lìa",
            qualification="Bác sĩ đa khoa", is_leader=True,
        ),
        duties="Phụ trách toàn bộ hoạt động chuyên môn của Trạm Y tế; quản lý 7 nhân viên y tế thôn bản.",
        achievements=[
            "Đưa tỷ lệ trẻ em suy dinh dưỡng thể thấp còi từ 38% xuống 29%; 100% thôn có nhân viên y tế "
            "hoạt động; không để xảy ra dịch bệnh lớn trên địa bàn.",
            "Vận động đồng bào Pa Kô, Vân Kiều sinh đẻ tại cơ sở y tế, tỷ lệ đạt 92%.",
        ],
        ratings=tr((2020, HT), (2021, HX), (2022, HX), (2023, HT), (2024, HX)),
        rating_style=2,
        period=(2020, 2024),
        period_phrase="giai đoạn 2020 - 2024",
        innovations=[Innovation(title="Tổ chức khám sàng lọc bệnh lao cho đồng bào vùng cao", year=2022,
                                recognized_by="Hội đồng Sáng kiến huyện Hướng Hóa")],
        innovation_style=1,
        prior=[
            pa(2021, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "3120/QĐ-UBND", "2021-12-24", "UBND huyện Hướng Hóa"),
            pa(2022, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "2987/QĐ-UBND", "2022-12-20", "UBND huyện Hướng Hóa"),
            pa(2023, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "2781/QĐ-UBND", "2023-11-30",
               "UBND tỉnh Quảng Trị"),
        ],
        prior_style=1,
        head_signer=["XÁC NHẬN CỦA UBND XÃ LÌA", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Hồ Văn Thuận"],
        stamp_ring="ỦY BAN NHÂN DÂN XÃ LÌA * TỈNH QUẢNG TRỊ",
    )


# --- more individuals, used by the PDFs and the HTML .doc ----------------------------------------


def _bundle_vinh_linh_2025(*, head_title: str, **kw: object) -> IndividualReport:
    """A report of the xã Vĩnh Linh 2025 bundle: one office, date and award, confirmed by its Chủ tịch."""
    return IndividualReport(
        header_left=[XA_VINH_LINH],
        place="Vĩnh Linh",
        date="2025-10-20",
        title="ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
        award=award("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "BK_TINH", 2025),
        head_signer=[head_title, "CHỦ TỊCH", "(Ký, đóng dấu)", CHU_TICH_XA_VINH_LINH],
        stamp_ring=RING_XA_VINH_LINH,
        **kw,  # type: ignore[arg-type]
    )


def nguyen_van_binh() -> IndividualReport:
    """Layout A for a commune civil servant (scanned bundle, 2025)."""
    return _bundle_vinh_linh_2025(
        layout="A",
        head_title="XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ",
        person=Person(
            full_name="Nguyễn Văn Bình", gender="male", birth_date="1983-05-17", ethnicity="Kinh",
            hometown="xã Vĩnh Linh, tỉnh Quảng Trị", residence="khu phố 4, xã Vĩnh Linh, tỉnh Quảng Trị",
            position="Công chức Văn phòng - Thống kê", work_unit="UBND xã Vĩnh Linh",
            qualification="Cử nhân Luật", is_leader=False,
        ),
        duties="Tham mưu công tác văn phòng, thống kê, cải cách hành chính và thi đua, khen thưởng của xã.",
        achievements=[
            "Tham mưu vận hành Trung tâm phục vụ hành chính công xã sau sắp xếp, 100% hồ sơ giải quyết "
            "đúng hạn.",
        ],
        ratings=tr((2023, HX), (2024, HX)),
        period=(2023, 2024),
        prior=[pa(2024, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "2950/QĐ-UBND", "2024-12-12", "UBND huyện Vĩnh Linh")],
    )


def ho_thi_hien() -> IndividualReport:
    """Layout C for a Vân Kiều village head (scanned bundle, 2025)."""
    return _bundle_vinh_linh_2025(
        layout="C",
        head_title="XÁC NHẬN CỦA UBND XÃ",
        person=Person(
            full_name="Hồ Thị Hiền", gender="female", birth_date="1978-08-03", ethnicity="Vân Kiều",
            hometown="xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị", residence="thôn Khe Tre, xã Vĩnh Linh, tỉnh Quảng Trị",
            position="Trưởng thôn", work_unit="Thôn Khe Tre, xã Vĩnh Linh",
            qualification="Trung cấp Nông lâm", is_leader=True,
        ),
        duties="Điều hành công việc tự quản của thôn; vận động bà con trồng rừng và giữ gìn an ninh thôn.",
        achievements=["Thôn Khe Tre giảm 12 hộ nghèo, trồng mới 40 ha rừng kinh tế, đạt chuẩn thôn văn hóa."],
        ratings=tr((2023, HX), (2024, HX)),
        rating_style=1,
        period=(2023, 2024),
        prior=[pa(2023, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "1650/QĐ-UBND", "2023-09-01",
                  "Chủ tịch UBND huyện Vĩnh Linh")],
        prior_style=0,
    )


def duong_thi_my() -> IndividualReport:
    """Layout B, a nurse of the health station of Vĩnh Hoàng (scanned individual report)."""
    return IndividualReport(
        layout="B",
        header_left=["TRUNG TÂM Y TẾ HUYỆN VĨNH LINH", "TRẠM Y TẾ XÃ VĨNH HOÀNG"],
        place="Vĩnh Hoàng",
        date="2024-11-28",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2024",
        award=award("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS", 2024),
        person=Person(
            full_name="Dương Thị Mỹ", gender="female", birth_date="1988-12-09", ethnicity="Kinh",
            hometown="xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="thôn Đông Luật, xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Điều dưỡng", work_unit="Trạm Y tế xã Vĩnh Hoàng",
            qualification="Cao đẳng Điều dưỡng", is_leader=False,
        ),
        duties="Chăm sóc người bệnh, quản lý bệnh không lây nhiễm và sức khỏe người cao tuổi trên địa bàn xã.",
        achievements=["Quản lý 312 người bệnh tăng huyết áp, đái tháo đường; 96% được điều trị đúng phác đồ."],
        ratings=tr((2023, HX), (2024, HX)),
        rating_style=0,
        period=(2023, 2024),
        innovations=[Innovation(title="Sổ theo dõi điện tử người bệnh tăng huyết áp tại trạm y tế", year=2024,
                                recognized_by="Hội đồng Sáng kiến huyện Vĩnh Linh")],
        innovation_style=0,
        prior=[pa(2023, "Lao động tiên tiến", "LDTT", "97/QĐ-TTYT", "2024-01-10", "Trung tâm Y tế huyện Vĩnh Linh")],
        prior_style=0,
        head_signer=["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "TRƯỞNG TRẠM", "(Ký, ghi rõ họ tên)", "Lê Văn Khánh"],
        stamp_ring=None,
    )


def truong_van_son() -> IndividualReport:
    """Layout A, a fisheries cooperative deputy (text PDF)."""
    return IndividualReport(
        layout="A",
        header_left=["UBND HUYỆN VĨNH LINH", "HỢP TÁC XÃ KHAI THÁC HẢI SẢN CỬA TÙNG"],
        place="Cửa Tùng",
        date="2024-12-05",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2024",
        award=award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2024),
        person=Person(
            full_name="Trương Văn Sơn", gender="male", birth_date="1975-02-21", ethnicity="Kinh",
            hometown="thị trấn Cửa Tùng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="khu phố An Hòa 1, thị trấn Cửa Tùng, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Phó Giám đốc", work_unit="Hợp tác xã Khai thác hải sản Cửa Tùng",
            qualification="Trung cấp Khai thác hàng hải", is_leader=True,
        ),
        duties="Phụ trách đội tàu khai thác xa bờ và công tác an toàn cho ngư dân của hợp tác xã.",
        achievements=["Tổ chức 6 tổ đoàn kết trên biển; sản lượng khai thác năm 2024 đạt 1.250 tấn."],
        ratings=tr((2024, HT)),
        rating_style=0,
        period=(2024, 2024),
        prior=[pa(2022, "Lao động tiên tiến", "LDTT", "2011/QĐ-UBND", "2022-12-28", "UBND huyện Vĩnh Linh")],
        prior_style=1,
        head_signer=["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "GIÁM ĐỐC", "(Ký, đóng dấu)", "Nguyễn Văn Tài"],
        stamp_ring="HTX KHAI THÁC HẢI SẢN CỬA TÙNG",
    )


def ho_van_nhat() -> IndividualReport:
    """Layout B, a Vân Kiều militia commander (HTML saved as .doc)."""
    return IndividualReport(
        layout="B",
        header_left=["UBND HUYỆN VĨNH LINH", "UBND XÃ VĨNH KHÊ"],
        place="Vĩnh Khê",
        date="2024-10-30",
        title="ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN",
        award=award("GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN", "GIAY_KHEN", 2024),
        person=Person(
            full_name="Hồ Văn Nhất", gender="male", birth_date="1986-07-15", ethnicity="Vân Kiều",
            hometown="xã Vĩnh Khê, huyện Vĩnh Linh, tỉnh Quảng Trị",
            residence="bản Khe Cát, xã Vĩnh Khê, huyện Vĩnh Linh, tỉnh Quảng Trị",
            position="Chỉ huy trưởng Ban Chỉ huy Quân sự xã", work_unit="UBND xã Vĩnh Khê",
            qualification="Trung cấp Quân sự cơ sở", is_leader=True,
        ),
        duties="Tham mưu công tác quốc phòng, quân sự địa phương; huấn luyện lực lượng dân quân xã.",
        achievements=["Hoàn thành 100% chỉ tiêu tuyển quân năm 2024; tham gia cứu hộ 3 vụ sạt lở trong mùa mưa bão."],
        ratings=tr((2023, HT), (2024, HX)),
        rating_style=2,
        period=(2023, 2024),
        prior=[pa(2022, "Giấy khen của Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", "GIAY_KHEN", "215/QĐ-BCH",
                  "2022-12-22", "Ban Chỉ huy Quân sự huyện Vĩnh Linh")],
        prior_style=0,
        head_signer=["XÁC NHẬN CỦA UBND XÃ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Hồ Văn Pỏ"],
    )


# --- collectives ---------------------------------------------------------------------------------


def th_vinh_hoang() -> CollectiveReport:
    return CollectiveReport(
        header_left=["UBND HUYỆN VĨNH LINH", "TRƯỜNG TIỂU HỌC VĨNH HOÀNG"],
        place="Vĩnh Hoàng",
        date="2024-06-03",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU “TẬP THỂ LAO ĐỘNG XUẤT SẮC” NĂM 2024",
        award=award("TẬP THỂ LAO ĐỘNG XUẤT SẮC", "TT_LDXS", 2024),
        unit=Unit(name="Trường Tiểu học Vĩnh Hoàng",
                  address="thôn Tân Hòa, xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
                  headcount=32, head="Lê Thị Phương"),
        address_label="Địa điểm trụ sở chính",
        headcount_line="Tổng số cán bộ, giáo viên, nhân viên: 32 người (trong đó nữ: 27 người; đảng viên: 18 người).",
        features=["Điện thoại: 0233 3824 115; Email: thvinhhoang@quangtri.edu.vn",
                  "Trường được thành lập năm 1976, đạt chuẩn quốc gia mức độ 1 năm 2019; có 18 lớp với 512 học sinh."],
        functions="Tổ chức giảng dạy, giáo dục học sinh tiểu học theo chương trình giáo dục phổ thông; quản lý "
        "giáo viên, nhân viên và học sinh; huy động trẻ 6 tuổi vào lớp 1.",
        achievements=[
            "1. Chất lượng giáo dục: 99,6% học sinh hoàn thành chương trình lớp học; 100% học sinh lớp 5 "
            "hoàn thành chương trình tiểu học; 24 học sinh đạt giải cấp huyện, 5 học sinh đạt giải cấp tỉnh.",
            "2. Các phong trào thi đua: tích cực hưởng ứng phong trào “Đổi mới, sáng tạo trong dạy và học”; "
            "chi bộ nhiều năm liền đạt trong sạch, vững mạnh.",
        ],
        prior=[
            pa(2022, "Tập thể lao động tiên tiến", "TT_LDTT", "1456/QĐ-UBND", "2022-07-20", "UBND huyện Vĩnh Linh"),
            pa(2023, "Tập thể lao động xuất sắc", "TT_LDXS", "1502/QĐ-UBND", "2023-07-25", "UBND tỉnh Quảng Trị"),
        ],
        prior_style=0,
        head_title=["HIỆU TRƯỞNG"],
        upper_signer=["XÁC NHẬN CỦA PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỞNG PHÒNG", "(Ký, đóng dấu)", "Võ Văn Tâm"],
        stamp_ring="TRƯỜNG TIỂU HỌC VĨNH HOÀNG * VĨNH LINH",
    )


def tyt_cua_tung() -> CollectiveReport:
    return CollectiveReport(
        header_left=["UBND XÃ CỬA TÙNG", "TRẠM Y TẾ XÃ CỬA TÙNG"],
        place="Cửa Tùng",
        date="2025-07-28",
        title="ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH QUẢNG TRỊ",
        award=award("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH QUẢNG TRỊ", "BK_TINH", 2025),
        unit=Unit(name="Trạm Y tế xã Cửa Tùng", address="khu phố An Đức 1, xã Cửa Tùng, tỉnh Quảng Trị",
                  headcount=9, head="Trần Thị Mỹ Linh"),
        name_label="Tên tập thể",
        address_label="Địa chỉ trụ sở chính",
        headcount_line="Tổng số cán bộ, viên chức, người lao động: 9 người.",
        features=["Trạm được xây dựng mới năm 2018, đạt Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030."],
        functions="Cung cấp dịch vụ kỹ thuật chăm sóc sức khỏe ban đầu, phòng chống dịch bệnh, "
        "chăm sóc sức khỏe bà mẹ, trẻ em và người dân vùng biển.",
        achievements=[
            "Khám, chữa bệnh cho 8.940 lượt người; tỷ lệ tiêm chủng đầy đủ đạt 99%; triển khai hồ sơ sức "
            "khỏe điện tử cho 92% dân số; không để dịch bệnh lây lan trong mùa mưa bão.",
        ],
        ratings=tr((2023, HX), (2024, HX)),
        period=(2023, 2024),
        period_phrase="giai đoạn 2023 - 2024",
        prior=[
            pa(2023, "Tập thể lao động xuất sắc", "TT_LDXS", "1689/QĐ-UBND", "2023-08-02", "UBND tỉnh Quảng Trị"),
            pa(2024, "Giấy khen của Giám đốc Sở Y tế", "GIAY_KHEN", "845/QĐ-SYT", "2024-12-30",
               "Sở Y tế tỉnh Quảng Trị"),
        ],
        prior_style=1,
        head_title=["TRƯỞNG TRẠM"],
        upper_signer=["XÁC NHẬN CỦA UBND XÃ CỬA TÙNG", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)",
                      "Nguyễn Văn Lợi"],
        stamp_ring="ỦY BAN NHÂN DÂN XÃ CỬA TÙNG * QUẢNG TRỊ",
    )


def dbp_cua_tung() -> CollectiveReport:
    return CollectiveReport(
        header_left=["BỘ ĐỘI BIÊN PHÒNG TỈNH QUẢNG TRỊ", "ĐỒN BIÊN PHÒNG CỬA TÙNG"],
        place="Vĩnh Linh",
        date="2024-11-12",
        title="ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA UBND TỈNH QUẢNG TRỊ NĂM 2024",
        award=award("CỜ THI ĐUA CỦA UBND TỈNH QUẢNG TRỊ", "CO_TD_TINH", 2024),
        unit=Unit(name="Đồn Biên phòng Cửa Tùng", address="thị trấn Cửa Tùng, huyện Vĩnh Linh, tỉnh Quảng Trị",
                  headcount=38, head="Lê Văn Hùng"),
        address_label="Địa điểm trụ sở chính",
        headcount_line="Tổng số cán bộ, chiến sĩ: 38 đồng chí.",
        features=["Đơn vị quản lý 12,5 km bờ biển và cửa biển Cửa Tùng, địa bàn 3 xã, thị trấn."],
        functions="Quản lý, bảo vệ chủ quyền, an ninh biên giới biển; kiểm soát xuất nhập cảnh, phòng chống "
        "buôn lậu và khai thác thủy sản bất hợp pháp.",
        achievements=[
            "Hoàn thành xuất sắc nhiệm vụ được giao; phối hợp bắt giữ 5 vụ vận chuyển hàng cấm; hỗ trợ ngư "
            "dân cứu nạn 14 vụ trên biển; xây dựng 2 nhà “Mái ấm biên cương”.",
        ],
        prior=[
            pa(2022, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "2890/QĐ-UBND", "2022-12-12", "UBND tỉnh Quảng Trị"),
            pa(2023, "Đơn vị Quyết thắng", None, "1120/QĐ-BCH", "2023-12-25",
               "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị"),
        ],
        prior_style=3,
        head_title=["ĐỒN TRƯỞNG"],
        upper_signer=["XÁC NHẬN CỦA BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH", "CHỈ HUY TRƯỞNG", "(Ký, đóng dấu)",
                      "Nguyễn Hữu Phước"],
        stamp_ring="ĐỒN BIÊN PHÒNG CỬA TÙNG * BĐBP QUẢNG TRỊ",
    )


def htx_vinh_hoang() -> CollectiveReport:
    """A cooperative, scanned (recorded before 1/7/2025)."""
    return CollectiveReport(
        header_left=["UBND XÃ VĨNH HOÀNG", "HỢP TÁC XÃ DỊCH VỤ NÔNG NGHIỆP VĨNH HOÀNG"],
        place="Vĩnh Hoàng",
        date="2024-12-18",
        title="ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2024",
        award=award("TẬP THỂ LAO ĐỘNG TIÊN TIẾN", "TT_LDTT", 2024),
        unit=Unit(name="Hợp tác xã Dịch vụ nông nghiệp Vĩnh Hoàng",
                  address="thôn Tân Mỹ, xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
                  headcount=14, head="Trần Thị Thu Hà"),
        address_label="Địa điểm trụ sở chính",
        headcount_line="Tổng số lao động thường xuyên: 14 người.",
        features=["Hợp tác xã có 420 thành viên, vốn điều lệ 1,8 tỷ đồng."],
        functions="Cung ứng giống, vật tư, dịch vụ làm đất, thủy lợi và tiêu thụ nông sản cho thành viên.",
        achievements=["Doanh thu năm 2024 đạt 4,2 tỷ đồng; lợi nhuận 380 triệu đồng; chia lãi cho thành viên 6%."],
        prior=[pa(2023, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "1877/QĐ-UBND", "2023-12-26",
                  "UBND huyện Vĩnh Linh")],
        head_title=["GIÁM ĐỐC"],
        upper_signer=["XÁC NHẬN CỦA UBND XÃ", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Đức Thịnh"],
        stamp_ring="HTX DỊCH VỤ NÔNG NGHIỆP VĨNH HOÀNG",
    )
