"""Ground truth of the tờ trình, biên bản and the non-dossier decision."""

from __future__ import annotations

from record.models import CouncilVote, Submission, VoteResult
from samplegen.blocks import Doc, P, Table
from samplegen.docs import BienBan, DanhSach, Entry, ToTrinh, header, person, signatures, unit
from samplegen.people import CHU_TICH_XA_VINH_LINH, RING_XA_VINH_LINH, XA_VINH_LINH

BK = "Bằng khen của Chủ tịch UBND tỉnh"


def vr(nominee: str, code: str, votes_for: int, total: int) -> VoteResult:
    return VoteResult(nominee=nominee, award_code=code, votes_for=votes_for, votes_total=total)


def _totrinh_xa_vinh_linh(number: str, date: str, recipient: str, *, signed: str = "(Ký, đóng dấu)",
                          **kw: object) -> ToTrinh:
    """A tờ trình of UBND xã Vĩnh Linh, signed by its Chủ tịch for the committee."""
    return ToTrinh(
        header_left=[XA_VINH_LINH],
        place="Vĩnh Linh",
        submission=Submission(number=number, date=date, issuer=XA_VINH_LINH, recipient=recipient),
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signed, CHU_TICH_XA_VINH_LINH],
        stamp_ring=RING_XA_VINH_LINH,
        **kw,  # type: ignore[arg-type]
    )


def _bienban_xa_vinh_linh(number: str, vote: CouncilVote, **kw: object) -> BienBan:
    """A biên bản of the council of xã Vĩnh Linh, met in the UBND hall; results as a table."""
    return BienBan(
        header_left=[XA_VINH_LINH, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"],
        place="Vĩnh Linh",
        number=number,
        council="Hội đồng Thi đua - Khen thưởng xã Vĩnh Linh",
        vote=vote,
        venue="Hội trường Ủy ban nhân dân xã Vĩnh Linh",
        result_style="table",
        stamp_ring=RING_XA_VINH_LINH,
        **kw,  # type: ignore[arg-type]
    )


# --- xã Vĩnh Linh, 2025: table results, Có mặt: 09/09 ------------------------------------------------


def totrinh_vinh_linh_2025() -> ToTrinh:
    return _totrinh_xa_vinh_linh(
        "15/TTr-UBND", "2025-11-10", "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị",
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
        grounds=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định chi tiết một số điều "
            "của Luật Thi đua, khen thưởng;",
            "Căn cứ kết quả cuộc họp Hội đồng Thi đua - Khen thưởng xã ngày 05/11/2025,",
        ],
        request="Ủy ban nhân dân xã Vĩnh Linh kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen "
        "cho 01 tập thể và 02 cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024 - 2025, cụ thể:",
        nominees=[
            unit("Trường Mầm non Hồ Xá", BK),
            person("Ông", "Nguyễn Văn Bình", "Công chức Văn phòng - Thống kê UBND xã", BK),
            person("Bà", "Hồ Thị Hiền", "Trưởng thôn Khe Tre", BK),
        ],
    )


def bienban_vinh_linh_2025() -> BienBan:
    return _bienban_xa_vinh_linh(
        "08/BB-HĐTĐKT",
        CouncilVote(date="2025-11-05", members_total=9, members_present=9, results=[
            vr("Trường Mầm non Hồ Xá", "BK_TINH", 9, 9),
            vr("Nguyễn Văn Bình", "BK_TINH", 8, 9),
            vr("Hồ Thị Hiền", "BK_TINH", 9, 9),
            vr("Lê Thị Thanh Tâm", "CSTD_CS", 7, 9),
        ]),
        attendance_line="Có mặt: 09/09 thành viên; vắng: 0.",
        chair="Trần Đình Khoa, Chủ tịch UBND xã, Chủ tịch Hội đồng",
        secretary="Phạm Thị Thanh, Công chức Văn phòng - Thống kê, Thư ký Hội đồng",
        written=[
            ("Trường Mầm non Hồ Xá", BK),
            ("NGUYỄN VĂN BÌNH", BK),
            ("HỒ THỊ HIỀN", BK),
            ("LÊ THỊ THANH TÂM", "Chiến sĩ thi đua cơ sở"),
        ],
        collectives={0},
    )


# --- Phòng GD&ĐT Vĩnh Linh, 2024: results as sentences, 8 of 9 present --------------------------------


def totrinh_pgd_2024() -> ToTrinh:
    return ToTrinh(
        header_left=["UBND HUYỆN VĨNH LINH", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
        place="Vĩnh Linh",
        submission=Submission(number="42/TTr-PGDĐT", date="2024-07-15", issuer="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                              recipient="Hội đồng Thi đua - Khen thưởng huyện Vĩnh Linh"),
        subject="V/v đề nghị công nhận danh hiệu thi đua năm học 2023 - 2024",
        grounds=[
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;",
            "Căn cứ biên bản họp Hội đồng Thi đua - Khen thưởng ngành Giáo dục huyện ngày 10/7/2024;",
        ],
        request="Phòng Giáo dục và Đào tạo kính đề nghị Hội đồng Thi đua - Khen thưởng huyện xem xét, trình "
        "Chủ tịch UBND huyện công nhận danh hiệu thi đua cho các tập thể, cá nhân sau:",
        nominees=[
            unit("Trường Tiểu học Vĩnh Hoàng", "Tập thể lao động xuất sắc"),
            person("Bà", "Nguyễn Thị Hoa", "giáo viên Trường Tiểu học Vĩnh Hoàng", "Chiến sĩ thi đua cơ sở"),
            person("Ông", "Võ Đình Nam", "giáo viên Trường THCS Vĩnh Hoàng", "Chiến sĩ thi đua cơ sở"),
        ],
        year=2024,
        signer=["TRƯỞNG PHÒNG", "(Ký, đóng dấu)", "Võ Văn Tâm"],
        stamp_ring="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO * H. VĨNH LINH",
        nominee_table=False,
    )


def bienban_pgd_2024() -> BienBan:
    return BienBan(
        header_left=["UBND HUYỆN VĨNH LINH", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"],
        place="Vĩnh Linh",
        number="05/BB-HĐTĐKT",
        council="Hội đồng Thi đua - Khen thưởng ngành Giáo dục huyện Vĩnh Linh",
        vote=CouncilVote(date="2024-07-10", members_total=9, members_present=8, results=[
            vr("Trường Tiểu học Vĩnh Hoàng", "TT_LDXS", 8, 9),
            vr("Nguyễn Thị Hoa", "CSTD_CS", 8, 9),
            vr("Võ Đình Nam", "CSTD_CS", 7, 9),
        ]),
        attendance_line="Tổng số thành viên: 9, có mặt: 8, vắng: 1 (có lý do).",
        venue="phòng họp Phòng Giáo dục và Đào tạo huyện Vĩnh Linh",
        chair="Võ Văn Tâm, Trưởng phòng, Chủ tịch Hội đồng",
        secretary="Lê Thị Mai, Chuyên viên, Thư ký Hội đồng",
        written=[
            ("Trường Tiểu học Vĩnh Hoàng", "danh hiệu Tập thể lao động xuất sắc"),
            ("Đồng chí Nguyễn Thị Hoa", "danh hiệu Chiến sĩ thi đua cơ sở"),
            ("Đồng chí Võ Đình Nam", "danh hiệu Chiến sĩ thi đua cơ sở"),
        ],
        result_style="sentences",
        pct_only={2},
        stamp_ring="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO * H. VĨNH LINH",
    )


# --- huyện Vĩnh Linh, 12/2024: the scanned bundle (tờ trình + biên bản + 2 reports) --------------------


def totrinh_bundle() -> ToTrinh:
    return _totrinh_xa_vinh_linh(
        "27/TTr-UBND", "2025-10-24", "Hội đồng Thi đua - Khen thưởng tỉnh Quảng Trị",
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng xã ngày 22/10/2025,"],
        request="Ủy ban nhân dân xã Vĩnh Linh kính đề nghị Hội đồng Thi đua - Khen thưởng tỉnh xem xét, trình "
        "Chủ tịch UBND tỉnh tặng Bằng khen cho 02 cá nhân:",
        nominees=[person("Ông", "Nguyễn Văn Bình", "Công chức Văn phòng - Thống kê", BK),
                  person("Bà", "Hồ Thị Hiền", "Trưởng thôn Khe Tre", BK)],
        year=2025,
    )


def bienban_bundle() -> BienBan:
    return _bienban_xa_vinh_linh(
        "11/BB-HĐTĐKT",
        CouncilVote(date="2025-10-22", members_total=9, members_present=9, results=[
            vr("Nguyễn Văn Bình", "BK_TINH", 9, 9),
            vr("Hồ Thị Hiền", "BK_TINH", 8, 9),
        ]),
        attendance_line="Có mặt: 09/09.",
        chair="Trần Đình Khoa, Chủ tịch Hội đồng",
        secretary="Phạm Thị Thanh, Thư ký Hội đồng",
        written=[("Nguyễn Văn Bình", BK), ("Hồ Thị Hiền", BK)],
    )


# --- huyện Vĩnh Linh council, scanned, file named *_totrinh.pdf --------------------------------------


def bienban_huyen_2024() -> BienBan:
    return BienBan(
        header_left=["UBND HUYỆN VĨNH LINH", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"],
        place="Vĩnh Linh",
        number="14/BB-HĐTĐKT",
        council="Hội đồng Thi đua - Khen thưởng huyện Vĩnh Linh",
        vote=CouncilVote(date="2024-12-20", members_total=11, members_present=10, results=[
            vr("Hợp tác xã Dịch vụ nông nghiệp Vĩnh Hoàng", "TT_LDTT", 10, 11),
            vr("Trần Thị Thu Hà", "GIAY_KHEN", 10, 11),
            vr("Dương Thị Mỹ", "CSTD_CS", 9, 11),
        ]),
        attendance_line="Tổng số thành viên: 11, có mặt: 10, vắng: 01.",
        venue="phòng họp số 2, UBND huyện Vĩnh Linh",
        chair="Nguyễn Quang Thành, Phó Chủ tịch UBND huyện, Phó Chủ tịch Thường trực Hội đồng",
        secretary="Trần Thị Hạnh, Phó Trưởng phòng Nội vụ, Thư ký Hội đồng",
        written=[
            ("Hợp tác xã Dịch vụ nông nghiệp Vĩnh Hoàng", "Tập thể lao động tiên tiến"),
            ("Trần Thị Thu Hà", "Giấy khen của Chủ tịch UBND huyện"),
            ("Dương Thị Mỹ", "Chiến sĩ thi đua cơ sở"),
        ],
        collectives={0},
        result_style="table",
        stamp_ring="ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH * QUẢNG TRỊ",
    )


# --- a tờ trình alone (the digitally signed scan, and the text PDF) -----------------------------------


def totrinh_signed_2025() -> ToTrinh:
    return _totrinh_xa_vinh_linh(
        "31/TTr-UBND", "2025-11-12", "Sở Nội vụ tỉnh Quảng Trị", signed="(Đã ký)",
        subject="Về việc đề nghị tặng danh hiệu Tập thể lao động xuất sắc năm 2025",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;"],
        request="Ủy ban nhân dân xã Vĩnh Linh đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND tỉnh tặng "
        "danh hiệu Tập thể lao động xuất sắc cho các tập thể sau:",
        nominees=[unit("Trường Tiểu học Hồ Xá", "Tập thể lao động xuất sắc"),
                  unit("Trạm Y tế xã Vĩnh Linh", "Tập thể lao động xuất sắc")],
        year=2025,
    )


def totrinh_textpdf_2024() -> ToTrinh:
    return ToTrinh(
        header_left=["UBND HUYỆN VĨNH LINH", "UBND THỊ TRẤN CỬA TÙNG"],
        place="Cửa Tùng",
        submission=Submission(number="58/TTr-UBND", date="2024-12-09", issuer="UBND THỊ TRẤN CỬA TÙNG",
                              recipient="Chủ tịch UBND huyện Vĩnh Linh"),
        subject="Về việc đề nghị tặng Giấy khen cho tập thể và cá nhân có thành tích trong phong trào "
        "“Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;"],
        request="UBND thị trấn Cửa Tùng kính trình Chủ tịch UBND huyện xem xét, tặng Giấy khen cho:",
        nominees=[unit("Khu phố An Đức 2", "Giấy khen của Chủ tịch UBND huyện"),
                  person("Ông", "Trương Văn Sơn", "Phó Giám đốc HTX Khai thác hải sản Cửa Tùng",
                         "Giấy khen của Chủ tịch UBND huyện")],
        signer=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký, đóng dấu)", "Lê Thị Kim Oanh"],
        stamp_ring="ỦY BAN NHÂN DÂN THỊ TRẤN CỬA TÙNG",
        nominee_table=True,
    )


# --- not a dossier: a QUYẾT ĐỊNH tặng Bằng khen ----------------------------------------------------


def quyet_dinh() -> Doc:
    """A decision awarding Bằng khen: an unrelated attachment, kind ``other``."""
    b = header(["ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"], "Quảng Trị", "2023-11-30", number="2781/QĐ-UBND")
    b += [
        P("QUYẾT ĐỊNH", bold=True, align="center", size=14),
        P("Về việc tặng Bằng khen của Chủ tịch UBND tỉnh", bold=True, align="center"),
        P("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", bold=True, align="center"),
        P("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", italic=True, indent=28),
        P("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True, indent=28),
        P("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;", italic=True, indent=28),
        P("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 512/TTr-SNV ngày 24/11/2023.", italic=True,
          indent=28),
        P("QUYẾT ĐỊNH:", bold=True, align="center"),
        P("Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 02 cá nhân đã có thành tích "
          "xuất sắc trong công tác năm 2023 (có danh sách kèm theo).", align="justify", indent=28),
        P("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", indent=28),
        P("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Chủ tịch UBND huyện Hướng Hóa và các tập "
          "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.", align="justify", indent=28),
        P("DANH SÁCH KÈM THEO", bold=True, align="center"),
        Table([["TT", "Tập thể, cá nhân", "Thành tích"],
               ["1", "Trạm Y tế xã Lìa, huyện Hướng Hóa", "Đã có thành tích xuất sắc trong công tác y tế cơ sở"],
               ["2", "Bà Kăn Thị Bích, Trưởng Trạm Y tế xã Lìa", "Đã có thành tích xuất sắc trong công tác"],
               ["3", "Ông Hồ Văn Thuận, Chủ tịch UBND xã Lìa", "Đã có thành tích xuất sắc trong công tác"]],
              widths=[0.08, 0.47, 0.45]),
        signatures([], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Hoàng Nam"], None),
    ]
    return Doc("other", b)


# --- list-only bundles: nominees named only in the tờ trình, a danh sách and the vote ---------------

GIO_LINH = "ỦY BAN NHÂN DÂN XÃ GIO LINH"
BK_GL = "Bằng khen của Chủ tịch UBND tỉnh"
LDXS = "danh hiệu Tập thể lao động xuất sắc"


def _gio_linh_entries() -> list[Entry]:
    return [
        unit("Trường Trung học cơ sở Gio Linh", BK_GL),
        unit("Hội Nông dân xã Gio Linh", BK_GL),
        person("Ông", "Lê Văn Tý", "Chủ tịch Hội Nông dân xã", BK_GL, "1971", "male"),
        person("Bà", "Nguyễn Thị Mận", "nông dân thôn Hà Thượng", BK_GL, "1968", "female"),
        person("Ông", "Hồ Văn Dũng", "Trưởng thôn Cù Bai", BK_GL, "1985", "male"),
        unit("Trạm Y tế xã Gio Linh", LDXS),
    ]


def totrinh_gio_linh_2025() -> ToTrinh:
    """Nominees in paragraphs under award headings and kind headings (no report in the file)."""
    return ToTrinh(
        header_left=[GIO_LINH],
        place="Gio Linh",
        submission=Submission(number="64/TTr-UBND", date="2025-11-20", issuer=GIO_LINH,
                              recipient="Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"),
        subject="Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc năm 2025",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
                 "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng xã ngày 17/11/2025,"],
        request="Ủy ban nhân dân xã Gio Linh kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, khen thưởng "
        "cho các tập thể, cá nhân sau (có danh sách kèm theo):",
        nominees=_gio_linh_entries(),
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Phan Văn Quý"],
        stamp_ring="ỦY BAN NHÂN DÂN XÃ GIO LINH * QUẢNG TRỊ",
        grouped=True,
        year=2025,
    )


def danhsach_gio_linh_2025() -> DanhSach:
    return DanhSach(
        header_left=[GIO_LINH], place="Gio Linh", date="2025-11-20",
        title="Tập thể, cá nhân đề nghị khen thưởng năm 2025 (kèm theo Tờ trình số 64/TTr-UBND)",
        entries=_gio_linh_entries(), year=2025,
    )


def _ha_thuong_entries() -> list[Entry]:
    return [
        unit("Thôn Hà Thượng", "Thôn văn hóa"),
        person("Ông", "Trần Văn Lực", "Bí thư Chi bộ thôn Hà Thượng", "Giấy khen của Chủ tịch UBND xã", "1966", "male"),
        person("Bà", "Lê Thị Sen", "nông dân thôn Hà Thượng", "Giấy khen của Chủ tịch UBND xã", "1979", "female"),
    ]


def totrinh_ha_thuong_2025() -> ToTrinh:
    """A scanned list-only bundle: the tờ trình's table, the danh sách and the vote table."""
    return ToTrinh(
        header_left=["UBND XÃ GIO LINH", "BAN CÔNG TÁC MẶT TRẬN THÔN HÀ THƯỢNG"],
        place="Gio Linh",
        submission=Submission(number="03/TTr-BCTMT", date="2025-12-02", issuer="BAN CÔNG TÁC MẶT TRẬN THÔN HÀ THƯỢNG",
                              recipient="Chủ tịch Ủy ban nhân dân xã Gio Linh"),
        subject="Về việc đề nghị khen thưởng phong trào xây dựng đời sống văn hóa năm 2025",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;"],
        request="Ban Công tác Mặt trận thôn Hà Thượng kính đề nghị Chủ tịch UBND xã xem xét, khen thưởng:",
        nominees=_ha_thuong_entries(),
        signer=["TRƯỞNG BAN", "(Ký, ghi rõ họ tên)", "Trần Văn Lực"],
        year=2025,
    )


def bienban_ha_thuong_2025() -> BienBan:
    return BienBan(
        header_left=["UBND XÃ GIO LINH", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"],
        place="Gio Linh",
        number="21/BB-HĐTĐKT",
        council="Hội đồng Thi đua - Khen thưởng xã Gio Linh",
        vote=CouncilVote(date="2025-12-05", members_total=7, members_present=7, results=[
            vr("Thôn Hà Thượng", "THON_VH", 7, 7),
            vr("Trần Văn Lực", "GIAY_KHEN", 6, 7),
            vr("Lê Thị Sen", "GIAY_KHEN", 7, 7),
        ]),
        attendance_line="Có mặt: 07/07 thành viên.",
        venue="Hội trường UBND xã Gio Linh",
        chair="Phan Văn Quý, Chủ tịch UBND xã, Chủ tịch Hội đồng",
        secretary="Ngô Thị Lan, Công chức Văn phòng - Thống kê, Thư ký Hội đồng",
        written=[("Thôn Hà Thượng", "Thôn văn hóa"), ("TRẦN VĂN LỰC", "Giấy khen của Chủ tịch UBND xã"),
                 ("LÊ THỊ SEN", "Giấy khen của Chủ tịch UBND xã")],
        result_style="table",
    )


# --- a provincial department, scanned: 5 collectives and 4 individuals only in lists ----------------

SO_Y_TE = ["UBND TỈNH QUẢNG TRỊ", "SỞ Y TẾ"]


def _so_y_te_entries() -> list[Entry]:
    return [unit("Phòng Tổ chức cán bộ, Sở Y tế", BK), unit("Trung tâm Kiểm soát bệnh tật tỉnh", BK),
            unit("Bệnh viện Đa khoa khu vực Triệu Hải", BK), unit("Trạm Y tế xã Hướng Lập", BK),
            unit("Khoa Ngoại, Bệnh viện Đa khoa tỉnh", BK),
            person("Ông", "Trần Văn Hải", "Trưởng phòng Nghiệp vụ Y, Sở Y tế", BK),
            person("Bà", "Lê Thị Thu Hương", "Điều dưỡng trưởng, Bệnh viện Đa khoa tỉnh", BK),
            person("Ông", "Hồ Văn Cường", "Trưởng Trạm Y tế xã A Dơi", BK),
            person("Bà", "Pả Thị Lan", "Y sĩ, Trạm Y tế xã Hướng Lập", BK)]


def totrinh_so_y_te_2025() -> ToTrinh:
    return ToTrinh(
        header_left=SO_Y_TE, place="Quảng Trị",
        submission=Submission(number="2153/TTr-SYT", date="2025-11-25", issuer="SỞ Y TẾ",
                              recipient="Chủ tịch UBND tỉnh Quảng Trị"),
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;"],
        request="Sở Y tế kính trình Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho 05 tập thể và 04 cá nhân:",
        nominees=_so_y_te_entries(), signer=["GIÁM ĐỐC", "(Đã ký)", "Nguyễn Văn Hòa"], year=2025,
    )


def bienban_so_y_te_2025() -> BienBan:
    entries = _so_y_te_entries()
    return BienBan(
        header_left=SO_Y_TE, place="Quảng Trị", number="41/BB-HĐTĐKT",
        council="Hội đồng Thi đua - Khen thưởng Sở Y tế",
        vote=CouncilVote(date="2025-11-20", members_total=11, members_present=11,
                         results=[vr(e.name, "BK_TINH", 11 - (i % 3), 11) for i, e in enumerate(entries)]),
        attendance_line="Có mặt: 11/11 thành viên.", venue="phòng họp Sở Y tế", chair="Nguyễn Văn Hòa, Giám đốc Sở",
        secretary="Lê Văn Nam, Chánh Văn phòng",
        written=[(e.name if e.kind == "collective" else e.name.upper(), BK) for e in entries],
        collectives={i for i, e in enumerate(entries) if e.kind == "collective"},
    )
