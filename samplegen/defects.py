"""A batch of dossiers with planted defects, at least one per implemented rule, and clean dossiers.

Each case is a submission as offices send it: a folder holding the cover letter, the council's
minutes and one achievement report per nominee as separate Word files (or all in one file), made
from the same builders as the samples. ``expect`` names the rules whose findings the case must
raise; a clean case must raise no finding of severity ``error``. ``tdkt bench --defects`` and
``tests/test_defects.py`` run the nightly flow over the batch and count what was found.

The rules planted are read against the catalogue (``data/rules/*.yaml``): a rule with no planted
case must be listed in ``NOT_PLANTED`` with the reason, so a new rule without a case fails the test.
The batch is written by the same hand as the rules it tests, so it measures that each implemented
rule fires on its defect and stays quiet on a lawful dossier; it is no measure of generality.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from record.awards import award_catalogue
from record.models import CouncilVote, Innovation, Person, PriorAward, Submission, TaskRating, Unit
from samplegen.blocks import Block, Cols, Doc, P, Table
from samplegen.docs import (
    BienBan,
    CollectiveReport,
    Entry,
    IndividualReport,
    ToTrinh,
    bien_ban,
    collective_report,
    individual_report,
    person,
    to_trinh,
    unit,
)
from samplegen.docx_out import render_docx, stabilize_zip
from samplegen.people import HT, HX, award, pa

XA = "ỦY BAN NHÂN DÂN XÃ {}"
CSTDCS = "Chiến sĩ thi đua cơ sở"
BK = "Bằng khen của Chủ tịch UBND tỉnh"
TINH = "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"

# rules of the catalogue no case plants, with the reason (the test fails on a rule missing here and there)
NOT_PLANTED: dict[str, str] = {
    "QUOTA-01": "tắt theo mặc định (data/policy/fairness.yaml quota.enabled: false): tỷ lệ do cơ quan đặt, "
                "không phải luật; ca dương tính ở tests/test_stage.py với chính sách bật",
}

# the award as a report's title writes it and as a list writes it
_PHRASES: dict[str, tuple[str, str]] = {
    "CSTD_CS": ("CHIẾN SĨ THI ĐUA CƠ SỞ", CSTDCS),
    "BK_TINH": ("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", BK),
    "LDTT": ("LAO ĐỘNG TIÊN TIẾN", "Lao động tiên tiến"),
    "CSTD_TINH": ("CHIẾN SĨ THI ĐUA CẤP TỈNH", "Chiến sĩ thi đua cấp tỉnh"),
    "CSTD_TQ": ("CHIẾN SĨ THI ĐUA TOÀN QUỐC", "Chiến sĩ thi đua toàn quốc"),
    "BK_TTCP": ("BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ", "Bằng khen của Thủ tướng Chính phủ"),
    "HCLD3": ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG BA", "Huân chương Lao động hạng Ba"),
    "HCLD2": ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ", "Huân chương Lao động hạng Nhì"),
    "HCLD1": ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHẤT", "Huân chương Lao động hạng Nhất"),
    "TT_LDTT": ("TẬP THỂ LAO ĐỘNG TIÊN TIẾN", "Tập thể lao động tiên tiến"),
    "TT_LDXS": ("TẬP THỂ LAO ĐỘNG XUẤT SẮC", "Tập thể lao động xuất sắc"),
}
_COMMUNE_DECIDES = ("CSTD_CS", "LDTT", "TT_LDTT")  # Luật TĐKT 2022 Đ80; NĐ 129/2025 Đ59 from 1/7/2025


def _award_phrase(code: str) -> tuple[str, str]:
    return _PHRASES[code]


def _titled(code: str) -> bool:
    """A danh hiệu (title) rather than a hình thức khen thưởng (form of commendation)."""
    return bool(award_catalogue()[code]["kind"] == "danh_hieu")


@dataclass
class Nominee:
    name: str
    gender: str
    birth: str | None
    position: str
    code: str = "CSTD_CS"
    year: int = 2025
    ratings: list[TaskRating] | None = None      # None: two years of HTXSNV up to the award year
    innovations: list[Innovation] | None = None  # None: one recognised innovation of the nominee's own
    prior: list[PriorAward] | None = None        # None: last year's Lao động tiên tiến
    votes: int | None = 9
    work_unit: str | None = ""                   # "": the commune's primary school; None: no such line (a farmer)
    ethnicity: str = "Kinh"
    period: tuple[int, int] | None = None        # None: the two years up to the award year


@dataclass
class Collective:
    """A collective nominee (a school, a health station) with its own achievement report."""

    name: str
    code: str = "TT_LDTT"
    year: int = 2025
    headcount: int | None = 25
    ratings: list[TaskRating] | None = None      # None: HTXSNV in the award year
    prior: list[PriorAward] = field(default_factory=list)
    votes: int | None = 9
    period: tuple[int, int] | None = None


@dataclass
class Case:
    name: str                      # the folder (or the file, when ``one_file``)
    expect: set[str]               # rule ids whose finding must be raised; empty = a clean dossier
    docs: dict[str, list[Doc]]     # file name -> its documents
    one_file: bool = False
    shape: str = ""                # what kind of clean dossier this is (for the bench's table)


def _title(code: str, year: int | None) -> str:
    title, _ = _award_phrase(code)
    what = f"DANH HIỆU “{title}”" if _titled(code) else title
    return f"ĐỀ NGHỊ TẶNG {what}" + (f" NĂM {year}" if year else "")


def _report(n: Nominee, commune: str, date: str) -> IndividualReport:
    title, _ = _award_phrase(n.code)
    farmer = n.work_unit is None
    return IndividualReport(
        layout="A", header_left=[XA.format(commune.upper())], place=commune, date=date,
        title=_title(n.code, n.year), award=award(title, n.code, n.year),
        person=Person(full_name=n.name, gender=n.gender, birth_date=n.birth, ethnicity=n.ethnicity,  # type: ignore[arg-type]
                      hometown=f"xã {commune}, tỉnh Quảng Trị", residence=f"xã {commune}, tỉnh Quảng Trị",
                      position=n.position, work_unit=n.work_unit or f"Trường Tiểu học {commune}",
                      qualification="Tốt nghiệp trung học phổ thông" if farmer else "Đại học Sư phạm",
                      is_leader=False),
        duties=("Sản xuất nông nghiệp, chăn nuôi theo hướng hàng hóa tại thôn." if farmer
                else "Giảng dạy và làm công tác chủ nhiệm lớp."),
        achievements=(["- Mô hình trồng rau hữu cơ 2 ha cho thu nhập 600 triệu đồng/năm; tạo việc làm cho 12 lao động."]
                      if farmer else
                      ["- Hoàn thành xuất sắc nhiệm vụ được giao; lớp chủ nhiệm đạt danh hiệu lớp tiên tiến."]),
        ratings=n.ratings if n.ratings is not None else [TaskRating(year=n.year - 1, rating=HX),
                                                         TaskRating(year=n.year, rating=HX)],  # type: ignore[arg-type]
        period=n.period or (n.year - 1, n.year),
        period_phrase=f"giai đoạn {n.period[0]} - {n.period[1]}" if n.period else None,
        innovations=n.innovations if n.innovations is not None else [Innovation(title=f"Biện pháp nâng cao chất lượng dạy đọc của {n.name}",
                                                 year=n.year, recognized_by=f"Hội đồng Sáng kiến xã {commune}")],
        prior=n.prior if n.prior is not None else [pa(n.year - 1, "Lao động tiên tiến", "LDTT", "115/QĐ-UBND",
                                                      f"{n.year - 1}-12-20", f"UBND xã {commune}")],
        head_signer=(["XÁC NHẬN CỦA ỦY BAN NHÂN DÂN XÃ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Trần Văn Hòa"] if farmer else
                     ["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Lê Văn Thành"]),
    )


def _collective_report(c: Collective, commune: str, date: str) -> CollectiveReport:
    title, _ = _award_phrase(c.code)
    count = f"{c.headcount} người (trong đó nữ: {c.headcount * 2 // 3} người)" if c.headcount else "…… người"
    return CollectiveReport(
        header_left=[XA.format(commune.upper()), c.name.upper()], place=commune, date=date,
        title=_title(c.code, c.year), award=award(title, c.code, c.year),
        unit=Unit(name=c.name, address=f"thôn Tân Hòa, xã {commune}, tỉnh Quảng Trị", headcount=c.headcount,
                  head="Lê Thị Phương"),
        address_label="Địa điểm trụ sở chính",
        headcount_line=f"Tổng số cán bộ, giáo viên, nhân viên: {count}.",
        features=["Trường được thành lập năm 1976, đạt chuẩn quốc gia mức độ 1 năm 2019; có 18 lớp với 512 học sinh."],
        functions="Tổ chức giảng dạy, giáo dục học sinh tiểu học theo chương trình giáo dục phổ thông.",
        achievements=["1. Chất lượng giáo dục: 99,6% học sinh hoàn thành chương trình lớp học; "
                      "24 học sinh đạt giải cấp huyện, 5 học sinh đạt giải cấp tỉnh."],
        ratings=c.ratings if c.ratings is not None else [TaskRating(year=c.year, rating=HX)],  # type: ignore[arg-type]
        period=c.period or (c.year, c.year),
        period_phrase=f"giai đoạn {c.period[0]} - {c.period[1]}" if c.period else None,
        prior=c.prior,
    )


Any_ = Nominee | Collective


def _entry(n: Any_) -> Entry:
    phrase = _award_phrase(n.code)[1]
    if isinstance(n, Collective):
        return unit(n.name, phrase)
    return person("Bà" if n.gender == "female" else "Ông", n.name, n.position, phrase)


def _cover(commune: str, number: str | None, date: str, nominees: list[Any_], *, meeting: str,
           issuer: str | None = None, recipient: str | None = None, year: int | None | bool = True) -> ToTrinh:
    issuer = issuer or XA.format(commune.upper())
    code = nominees[0].code
    _, phrase = _award_phrase(code)
    # who decides (Luật TĐKT 2022 Đ79-80; NĐ 152/2025): the xã's chairman for its own titles; above, the
    # province decides or forwards the dossier (the xã never writes to the central level itself)
    recipient = recipient or (f"Chủ tịch Ủy ban nhân dân xã {commune}" if code in _COMMUNE_DECIDES else TINH)
    y = nominees[0].year if year is True else (year or None)
    verb = "công nhận" if code in _COMMUNE_DECIDES else "tặng"
    return ToTrinh(
        header_left=[issuer], place=commune,
        submission=Submission(number=number, date=date, issuer=issuer, recipient=recipient),
        subject=f"Về việc đề nghị {'công nhận danh hiệu' if _titled(code) else 'tặng'} {phrase}"
                + (f" năm {y}" if y else ""),
        grounds=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
                 f"Căn cứ kết quả cuộc họp Hội đồng Thi đua - Khen thưởng xã ngày {meeting},"],
        request=f"Hội đồng Thi đua - Khen thưởng xã {commune} kính trình {recipient} xem xét, {verb} cho "
                f"{'các tập thể, cá nhân' if any(isinstance(n, Collective) for n in nominees) else 'các cá nhân'} sau:",
        nominees=[_entry(n) for n in nominees],
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Trần Văn Hòa"],
        year=y,
    )


def _minutes_fields(commune: str, date: str, voted: list[Any_], total: int, present: int) -> dict[str, object]:
    from samplegen.councils import vr

    return dict(
        header_left=[XA.format(commune.upper()), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], place=commune,
        number="03/BB-HĐTĐKT", council=f"Hội đồng Thi đua - Khen thưởng xã {commune}",
        vote=CouncilVote(date=date, members_total=total, members_present=present,
                         results=[vr(n.name, n.code, n.votes or 0, total) for n in voted]),
        attendance_line=f"Có mặt: {present:02d}/{total:02d} thành viên; vắng: {total - present}.",
        venue=f"Hội trường Ủy ban nhân dân xã {commune}", chair="Trần Văn Hòa, Chủ tịch UBND xã, Chủ tịch Hội đồng",
        secretary="Lê Thị Mai, công chức Văn phòng - Thống kê, Thư ký Hội đồng",
        written=[(n.name if isinstance(n, Collective) else n.name.upper(), _award_phrase(n.code)[1]) for n in voted],
        result_style="table",
        collectives={i for i, n in enumerate(voted) if isinstance(n, Collective)},
    )


def _submission(commune: str, nominees: list[Any_], *, number: str | None = "21/TTr-UBND",
                cover_date: str = "2025-11-20", meeting: str = "2025-11-15", cover: bool = True,
                minutes: bool = True, reports: list[Any_] | None = None, issuer: str | None = None,
                listed: list[Any_] | None = None, present: int = 9, voted: list[Any_] | None = None,
                recipient: str | None = None, year: int | None | bool = True) -> dict[str, list[Doc]]:
    meeting_vn = "/".join(reversed(meeting.split("-")))
    out: dict[str, list[Doc]] = {}
    if cover:
        out["to_trinh.docx"] = [to_trinh(_cover(commune, number, cover_date, listed or nominees,
                                                meeting=meeting_vn, issuer=issuer, recipient=recipient, year=year))]
    if minutes:
        out["bien_ban.docx"] = [bien_ban(BienBan(**_minutes_fields(commune, meeting,  # type: ignore[arg-type]
                                                                   [n for n in voted or nominees if n.votes is not None],
                                                                   9, present)))]
    for i, n in enumerate(nominees if reports is None else reports, 1):
        report = (collective_report(_collective_report(n, commune, cover_date)) if isinstance(n, Collective)
                  else individual_report(_report(n, commune, cover_date)))
        out[f"bao_cao_{i}.docx"] = [report]
    return out


def _paragraphs(blocks: list[Block]) -> Iterator[P]:
    for b in blocks:
        if isinstance(b, P):
            yield b
        elif isinstance(b, Cols):
            yield from b.left
            yield from b.right


def _edit(docs: dict[str, list[Doc]], file: str, old: str, new: str | None) -> dict[str, list[Doc]]:
    """Write a line of one file as an office wrote it: replace ``old`` by ``new`` in the paragraph or
    table cell holding it (``new`` None drops the paragraph). Fails loudly when ``old`` is absent, so a
    builder's change cannot silently unplant a defect."""
    hits = 0
    for doc in docs[file]:
        kept: list[Block] = []
        for b in doc.blocks:
            if isinstance(b, Table):
                for row in b.rows:
                    for j, cell in enumerate(row):
                        if old in cell:
                            row[j] = cell.replace(old, new or "")
                            hits += 1
            elif isinstance(b, P) and old in b.text and new is None:
                hits += 1
                continue
            else:
                for p in _paragraphs([b]):
                    if old in p.text:
                        p.text = p.text.replace(old, new or "")
                        hits += 1
            kept.append(b)
        doc.blocks = kept
    if not hits:
        raise ValueError(f"{file}: no text {old!r} to edit")
    return docs


def _people(commune: str) -> list[Nominee]:
    return [Nominee(f"Nguyễn Thị {commune} Lan", "female", "1984-03-12", "Giáo viên"),
            Nominee(f"Trần Văn {commune} Minh", "male", "1986-09-02", "Giáo viên")]


def _lđtt(year: int, commune: str) -> PriorAward:
    return pa(year, "Lao động tiên tiến", "LDTT", f"{100 + year % 100}/QĐ-UBND", f"{year}-12-20", f"UBND xã {commune}")


def _cstdcs(year: int, commune: str) -> PriorAward:
    return pa(year, "Chiến sĩ thi đua cơ sở", "CSTD_CS", f"{200 + year % 100}/QĐ-UBND", f"{year}-12-22",
              f"UBND xã {commune}")


def _ldxs(years: range, commune: str) -> list[PriorAward]:
    """A collective's Tập thể lao động xuất sắc of each of ``years``, as its prior-award table lists them."""
    return [pa(y, "Tập thể lao động xuất sắc", "TT_LDXS", f"{1400 + y % 100}/QĐ-UBND", f"{y}-08-15",
               "UBND tỉnh Quảng Trị") for y in years]


def _high(name: str, code: str, *, gender: str = "male", position: str = "Phó Hiệu trưởng",
          prior: list[PriorAward] | None = None, years: int = 2, **kw: object) -> Nominee:
    """An individual put up for a high award whose report shows only ``years`` years (HTXSNV)."""
    return Nominee(name, gender, "1975-04-04", position, code=code, prior=prior,
                   ratings=[TaskRating(year=2025 - i, rating=HX) for i in range(years)][::-1],  # type: ignore[arg-type]
                   period=(2026 - years, 2025), **kw)  # type: ignore[arg-type]


def cases() -> list[Case]:
    """The batch: clean submissions of several shapes (split and whole) and planted defects."""
    out: list[Case] = []
    # defects sent as one whole file (the rest as a folder of separate files): both ways are planted
    whole = {"sang_kien_chua_cong_nhan_vinh_giang", "khen_thuong_thieu_so_qd_vinh_tien", "bien_ban_khong_tong_so_vinh_o",
             "ngay_sinh_khong_doc_duoc_vinh_thanh", "hai_cap_quyet_dinh_mot_to_trinh_vinh_thuy", "gio_tay_vinh_phuc",
             "tap_the_xuat_sac_chua_dat_vinh_lac", "bang_khen_dot_xuat_vinh_dong", "huan_chuong_nhi_nhat_vinh_dai",
             "tap_the_huan_chuong_vinh_yen"}

    def add(name: str, expect: set[str], build: Callable[[], dict[str, list[Doc]]], one_file: bool = False,
            shape: str = "") -> None:
        out.append(Case(name, expect, build(), one_file or name in whole, shape))

    # --- clean dossiers: none may raise an error ------------------------------------------------------
    add("sach_vinh_an", set(), lambda: _submission("Vĩnh An", _people("An")),
        shape="thư mục tách tệp, cấp xã, NĐ 152")
    add("sach_mot_tep_vinh_binh", set(), lambda: _submission("Vĩnh Bình", _people("Binh")), one_file=True,
        shape="một tệp trọn bộ")
    add("sach_nong_dan_vinh_hoa", set(), lambda: _edit(_submission(
        "Vĩnh Hòa", [Nominee("Hồ Văn Hoa Sơn", "male", "1972-06-15", "Nông dân", code="BK_TINH", work_unit=None,
                             ratings=[], innovations=[],
                             prior=[pa(2024, "Giấy khen của Chủ tịch UBND xã Vĩnh Hòa", "GIAY_KHEN", "88/QĐ-UBND",
                                       "2024-12-15", "UBND xã Vĩnh Hòa")])]),
        "bao_cao_1.docx", "- Đơn vị công tác: Trường Tiểu học Vĩnh Hòa", None), one_file=True,
        shape="nông dân (không có đơn vị công tác), một tệp")
    add("sach_phieu_khong_dat_vinh_phuoc", set(), lambda: _submission(  # the council weighed a third, who fell short
        "Vĩnh Phước", _people("Phuoc"), voted=[*_people("Phuoc"), Nominee("Phan Văn Phuoc Tài", "male", "1980-01-01",
                                                                           "Giáo viên", votes=5)]),
        shape="Hội đồng bỏ phiếu cả người không đạt, tờ trình không đề nghị")
    add("sach_nd98_vinh_hiep", set(), lambda: _submission(  # before 1/7/2025 the district chairman decided CSTĐCS
        "Vĩnh Hiệp", [replace(n, year=2024) for n in _people("Hiep")], cover_date="2025-03-20", meeting="2025-03-15",
        recipient="Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh"),
        shape="hồ sơ trước 01/7/2025 (NĐ 98), gửi Chủ tịch UBND huyện")
    add("sach_tap_the_vinh_kim", set(), lambda: _submission(
        "Vĩnh Kim", [Collective("Trường Tiểu học Vĩnh Kim", ratings=[TaskRating(year=2025, rating=HT)])]),
        shape="tập thể")

    # --- completeness ---------------------------------------------------------------------------------
    add("thieu_bao_cao_vinh_chau", {"COMP-01"}, lambda: _submission(
        "Vĩnh Châu", _people("Chau"), reports=_people("Chau")[:1]))
    add("thieu_bien_ban_vinh_dan", {"COMP-01"}, lambda: _submission("Vĩnh Dân", _people("Dan")[:1], minutes=False))
    add("bang_khen_thieu_bien_ban_vinh_phong", {"COMP-03"}, lambda: _submission(
        "Vĩnh Phong", [Nominee("Lê Văn Phong Hải", "male", "1980-02-02", "Giáo viên", code="BK_TINH")], minutes=False))
    add("khong_bo_phieu_vinh_ha", {"COMP-05"}, lambda: _submission(
        "Vĩnh Hà", [*_people("Ha")[:1], Nominee("Trần Văn Ha Minh", "male", "1986-09-02", "Giáo viên",
                                                  votes=None)]))
    add("sang_kien_chua_cong_nhan_vinh_giang", {"COMP-02"}, lambda: _edit(_submission(
        "Vĩnh Giang", [Nominee("Đặng Thị Giang Hương", "female", "1985-05-05", "Giáo viên",
                               ratings=[TaskRating(year=2024, rating=HT), TaskRating(year=2025, rating=HT)],
                               innovations=[Innovation(title="Tổ chức trò chơi học tập môn Toán lớp 2", year=2025,
                                                       recognized_by="X")])]),
        "bao_cao_1.docx", ", được X công nhận", ""))
    add("huan_chuong_thieu_y_kien_vinh_linh", {"COMP-04", "ELIG-HCLD3", "PERIOD-01"}, lambda: _submission(
        "Vĩnh Linh", [_high("Võ Văn Linh Quốc", "HCLD3")]))
    add("khen_thuong_thieu_so_qd_vinh_tien", {"COMP-11"}, lambda: _submission(
        "Vĩnh Tiến", [Nominee("Đỗ Thị Tien Hạnh", "female", "1988-08-08", "Giáo viên",
                              prior=[PriorAward(year=2024, title="Lao động tiên tiến", code="LDTT", decision_number=None,
                                                decision_date="2024-12-20", issuer="UBND xã Vĩnh Tiến")])]))
    add("thieu_ngay_sinh_vinh_long", {"REQ-01"}, lambda: _submission(
        "Vĩnh Long", [Nominee("Phan Thị Long Mai", "female", None, "Giáo viên")]))
    add("tap_the_thieu_quan_so_vinh_thai", {"REQ-02"}, lambda: _submission(
        "Vĩnh Thái", [Collective("Trường Mầm non Vĩnh Thái", headcount=None)]))
    add("khong_ro_hinh_thuc_vinh_trung", {"REQ-03"}, lambda: _edit(_edit(_submission(
        "Vĩnh Trung", [Nominee("Lê Thị Trung Thu", "female", "1987-07-07", "Giáo viên", code="LDTT")],
        minutes=False, year=None),
        "bao_cao_1.docx", "ĐỀ NGHỊ TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025", "ĐỀ NGHỊ KHEN THƯỞNG"),
        "to_trinh.docx", "Lao động tiên tiến", "khen thưởng"))
    add("to_trinh_khong_so_vinh_lam", {"REQ-04"}, lambda: _submission("Vĩnh Lâm", _people("Lam")[:1], number=None))
    add("bien_ban_khong_tong_so_vinh_o", {"REQ-05"}, lambda: _edit(_edit(_submission("Vĩnh Ô", _people("O")[:1]),
        "bien_ban.docx", "Có mặt: 09/09 thành viên; vắng: 0.", "Có mặt: đủ các thành viên Hội đồng."),
        "bien_ban.docx", "9/9", "9"))
    add("ngay_sinh_khong_doc_duoc_vinh_thanh", {"READ-01"}, lambda: _edit(_submission(
        "Vĩnh Thành", [Nominee("Cao Thị Thanh Nga", "female", "1983-02-13", "Giáo viên")]),
        "bao_cao_1.docx", "Sinh ngày, tháng, năm: 13/2/1983", "Sinh ngày, tháng, năm: 31/2/1983"))
    add("ngay_to_trinh_khong_doc_duoc_vinh_chinh", {"READ-02"}, lambda: _edit(_submission(
        "Vĩnh Chính", _people("Chinh")[:1]), "to_trinh.docx", "ngày 20 tháng 11 năm 2025", "ngày 31 tháng 11 năm 2025"))

    # --- consistency, authority, timeliness -----------------------------------------------------------
    add("ngoai_danh_sach_vinh_khe", {"CONS-01"}, lambda: _submission(
        "Vĩnh Khê", _people("Khe"), listed=_people("Khe")[:1]))
    add("hop_sau_to_trinh_vinh_quang", {"CONS-02"}, lambda: _submission(
        "Vĩnh Quang", _people("Quang")[:1], meeting="2025-11-25", cover_date="2025-11-20"))
    add("sai_tham_quyen_vinh_xuan", {"AUTH-01"}, lambda: _submission(
        "Vĩnh Xuân", _people("Xuan")[:1], recipient=TINH))
    add("huyen_da_giai_the_vinh_son", {"AUTH-02"}, lambda: _submission(
        "Vĩnh Sơn", _people("Son")[:1], issuer="ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH"))
    add("hai_cap_quyet_dinh_mot_to_trinh_vinh_thuy", {"COMP-08", "ELIG-BKTTG-CN"}, lambda: _submission(
        "Vĩnh Thủy", [_high("Trương Văn Thuy Bình", "HCLD3", prior=[pa(2019, "Bằng khen của Thủ tướng Chính phủ",
                      "BK_TTCP", "1021/QĐ-TTg", "2019-08-01", "Thủ tướng Chính phủ")], years=5),
                      _high("Mai Thị Thuy Vân", "BK_TTCP", gender="female")]))
    add("toan_quoc_tre_han_vinh_ninh", {"TIME-01", "ELIG-CSTDTQ"}, lambda: _submission(
        "Vĩnh Ninh", [_high("Ngô Văn Ninh Tâm", "CSTD_TQ", year=2024, years=6)],
        cover_date="2026-01-12", meeting="2026-01-05"))
    add("cstd_tinh_chua_du_chuoi_vinh_tan", {"ELIG-CSTDT", "PERIOD-01", "TIME-02", "VOTE-01"}, lambda: _submission(
        "Vĩnh Tân", [Nominee("Phạm Thị Tan Hoa", "female", "1981-03-03", "Giáo viên", code="CSTD_TINH", votes=8)],
        cover_date="2025-12-18", meeting="2025-12-12"))  # after the province's 10/12 deadline

    # --- votes ----------------------------------------------------------------------------------------
    add("phieu_thap_vinh_giang_2", {"VOTE-02"}, lambda: _submission(
        "Vĩnh Giang Đông", [*_people("Giang")[:1], Nominee("Trần Văn Giang Minh", "male", "1986-09-02", "Giáo viên",
                                                            votes=6)]))
    add("phieu_vang_khong_y_kien_vinh_my", {"VOTE-03"}, lambda: _submission(
        "Vĩnh Mỹ", [Nominee(n.name, n.gender, n.birth, n.position, votes=8) for n in _people("My")[:1]], present=7), one_file=True)
    add("gio_tay_vinh_phuc", {"VOTE-04"}, lambda: _edit(_edit(_submission("Vĩnh Phúc", _people("Phuc")[:1]),
        "bien_ban.docx", "biểu quyết bằng phiếu kín", "biểu quyết bằng hình thức giơ tay"),
        "bien_ban.docx", "Số phiếu đồng ý", "Số thành viên đồng ý"))
    add("thieu_nguoi_hop_vinh_tu", {"VOTE-05"}, lambda: _submission(
        "Vĩnh Tú", [Nominee(n.name, n.gender, n.birth, n.position, votes=5) for n in _people("Tu")[:1]], present=5))

    # --- eligibility ----------------------------------------------------------------------------------
    add("ldtt_chi_hoan_thanh_vinh_thuy_2", {"ELIG-LDTT"}, lambda: _submission(
        "Vĩnh Thủy Tây", [Nominee("Hồ Văn Thuy Long", "male", "1979-05-05", "Công nhân", code="LDTT", innovations=[],
                                  ratings=[TaskRating(year=2025, rating="HTNV")])]))  # type: ignore[arg-type]
    add("chi_hoan_thanh_tot_vinh_nam", {"ELIG-CSTDCS"}, lambda: _submission(
        "Vĩnh Nam", [Nominee("Lê Thị Nam Hoa", "female", "1990-01-01", "Giáo viên", innovations=[],
                             ratings=[TaskRating(year=2024, rating=HT), TaskRating(year=2025, rating=HT)])]))
    add("tap_the_chi_hoan_thanh_vinh_hien", {"ELIG-TTLDTT"}, lambda: _submission(
        "Vĩnh Hiền", [Collective("Trường Tiểu học Vĩnh Hiền", ratings=[TaskRating(year=2025, rating="HTNV")])]))  # type: ignore[arg-type]
    add("tap_the_xuat_sac_chua_dat_vinh_lac", {"ELIG-TTLDXS"}, lambda: _submission(
        "Vĩnh Lạc", [Collective("Trường Tiểu học Vĩnh Lạc", code="TT_LDXS",
                                ratings=[TaskRating(year=2025, rating=HT)])]))
    add("bang_khen_dot_xuat_vinh_dong", {"DUP-03", "ELIG-BKT-CN"}, lambda: _submission(
        "Vĩnh Đông", [Nominee("Lý Văn Dong Hùng", "male", "1978-10-10", "Phó Hiệu trưởng", code="BK_TINH",
                              ratings=[TaskRating(year=2025, rating=HX)], innovations=[],
                              prior=[pa(2024, "Bằng khen của Chủ tịch UBND tỉnh (khen thưởng đột xuất)", "BK_TINH",
                                        "2211/QĐ-UBND", "2024-10-02", "UBND tỉnh Quảng Trị")])]))
    add("tap_the_bang_khen_vinh_bac", {"ELIG-BKT-TT"}, lambda: _submission(
        "Vĩnh Bắc", [Collective("Trường Tiểu học Vĩnh Bắc", code="BK_TINH", votes=None,
                                ratings=[TaskRating(year=2024, rating=HT), TaskRating(year=2025, rating=HX)],
                                period=(2024, 2025))]))
    add("tap_the_bk_thu_tuong_vinh_cat", {"ELIG-BKTTG-TT"}, lambda: _submission(
        "Vĩnh Cát", [Collective("Trường Tiểu học Vĩnh Cát", code="BK_TTCP", votes=None, prior=_ldxs(range(2021, 2025), "Cát"),
                                ratings=[TaskRating(year=y, rating=HX) for y in range(2021, 2026)], period=(2021, 2025))]))
    add("huan_chuong_nhi_nhat_vinh_dai", {"ELIG-HCLD2", "ELIG-HCLD1"}, lambda: _submission(
        "Vĩnh Đại", [_high("Bùi Văn Dai Lộc", "HCLD2", years=5), _high("Trịnh Văn Dai Phát", "HCLD1", years=5)]))
    add("tap_the_huan_chuong_vinh_yen", {"ELIG-HCLD3-TT", "ELIG-HCLD2-TT", "ELIG-HCLD1-TT"}, lambda: _submission(
        "Vĩnh Yên", [Collective(f"Trường {kind} Vĩnh Yên", code=code, votes=None, period=(2021, 2025),
                                prior=_ldxs(range(2021, 2025), "Yên"),
                                ratings=[TaskRating(year=y, rating=HX) for y in range(2021, 2026)])
                     for kind, code in (("Tiểu học", "HCLD3"), ("Trung học cơ sở", "HCLD2"), ("Mầm non", "HCLD1"))]))

    # --- across submissions: duplicates in the batch --------------------------------------------------
    add("trung_de_nghi_vinh_phu", {"DUP-01"}, lambda: {  # one person asked twice, by two submissions
        **{f"dot_1/{k}": v for k, v in _submission("Vĩnh Phú", _people("Phu")).items()},
        **{f"dot_2/{k}": v for k, v in _submission("Vĩnh Phú", _people("Phu")[:1], number="35/TTr-UBND",
                                                   cover_date="2025-11-25").items()}})
    shared = [Innovation(title="Ứng dụng bản đồ tư duy trong dạy học môn Tiếng Việt lớp 4", year=2025,
                         recognized_by="Hội đồng Sáng kiến xã Vĩnh Hưng")]
    hung = Nominee("Đinh Thị Hung Liên", "female", "1982-11-11", "Giáo viên", innovations=shared)
    add("trung_sang_kien_vinh_hung", {"DUP-02"}, lambda: {  # one innovation, two awards, two submissions
        **{f"dot_1/{k}": v for k, v in _submission("Vĩnh Hưng", [hung]).items()},
        **{f"dot_2/{k}": v for k, v in _submission("Vĩnh Hưng", [replace(hung, code="BK_TINH", votes=None)],
                                                   number="36/TTr-UBND", cover_date="2025-11-26").items()}})

    # --- fairness -------------------------------------------------------------------------------------
    add("nu_bi_bo_qua_vinh_kha", {"FAIR-01"}, lambda: _submission(
        "Vĩnh Kha", [Nominee("Nguyễn Văn Kha Tùng", "male", "1980-01-20", "Giáo viên", votes=8)],
        voted=[Nominee("Nguyễn Văn Kha Tùng", "male", "1980-01-20", "Giáo viên", votes=8),
               Nominee("Lê Thị Kha Trang", "female", "1985-02-21", "Giáo viên", votes=9)]))
    add("toan_lanh_dao_nam_vinh_giao", {"FAIR-02", "FAIR-03", "FAIR-04"}, lambda: _submission(
        "Vĩnh Giáo", [Nominee(f"{last} Văn Giao {first}", "male", f"197{i}-0{i + 1}-1{i}", pos)
                      for i, (last, first, pos) in enumerate((("Hoàng", "Khánh", "Hiệu trưởng"),
                                                              ("Dương", "Lực", "Phó Hiệu trưởng"),
                                                              ("Tôn", "Mạnh", "Phó Chủ tịch UBND xã"),
                                                              ("Kiều", "Nghĩa", "Chủ tịch Công đoàn")))]))
    return out


def planted() -> set[str]:
    """The rule ids the batch plants."""
    return {rule for case in cases() for rule in case.expect}


def write(out: Path) -> list[Case]:
    """Write the batch under ``out`` (a folder per case, or one file for ``one_file`` cases)."""
    written = cases()
    for case in written:
        if case.one_file:
            docs = [d for ds in case.docs.values() for d in ds]
            (out / f"{case.name}.docx").parent.mkdir(parents=True, exist_ok=True)
            (out / f"{case.name}.docx").write_bytes(stabilize_zip(render_docx(docs)))
            continue
        folder = out / case.name
        folder.mkdir(parents=True, exist_ok=True)
        for name, docs in case.docs.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(stabilize_zip(render_docx(copy.deepcopy(docs))))
    return written
