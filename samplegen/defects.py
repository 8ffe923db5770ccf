"""A batch of dossiers with planted defects, one or more per rule, and clean dossiers beside them.

Each case is a submission as offices send it: a folder holding the cover letter, the council's
minutes and one achievement report per nominee as separate Word files (or all in one file), made
from the same builders as the samples. ``expect`` names the rules whose findings the case must
raise; a clean case must raise no finding of severity ``error``. ``tdkt bench --defects`` and
``tests/test_defects.py`` run the nightly flow over the batch and count what was found.

The batch is written by the same hand as the rules it tests, so it measures that each implemented
rule fires on its defect and stays quiet on a lawful dossier; it is no measure of generality.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from record.models import CouncilVote, Innovation, Person, PriorAward, Submission, TaskRating
from samplegen.blocks import Doc
from samplegen.docs import (
    BienBan,
    IndividualReport,
    ToTrinh,
    bien_ban,
    individual_report,
    person,
    to_trinh,
)
from samplegen.docx_out import render_docx, stabilize_zip
from samplegen.people import HT, HX, award, pa

XA = "ỦY BAN NHÂN DÂN XÃ {}"
CSTDCS = "Chiến sĩ thi đua cơ sở"
BK = "Bằng khen của Chủ tịch UBND tỉnh"


@dataclass
class Nominee:
    name: str
    gender: str
    birth: str | None
    position: str
    code: str = "CSTD_CS"
    year: int = 2025
    ratings: list[TaskRating] = field(default_factory=list)
    innovations: list[Innovation] | None = None  # None: one recognised innovation of the nominee's own
    prior: list[PriorAward] = field(default_factory=list)
    votes: int | None = 9


@dataclass
class Case:
    name: str                      # the folder (or the file, when ``one_file``)
    expect: set[str]               # rule ids whose finding must be raised; empty = a clean dossier
    docs: dict[str, list[Doc]]     # file name -> its documents
    one_file: bool = False


def _award_phrase(code: str) -> tuple[str, str]:
    return {"CSTD_CS": ("CHIẾN SĨ THI ĐUA CƠ SỞ", CSTDCS), "BK_TINH": ("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", BK),
            "LDTT": ("LAO ĐỘNG TIÊN TIẾN", "Lao động tiên tiến"),
            "CSTD_TINH": ("CHIẾN SĨ THI ĐUA CẤP TỈNH", "Chiến sĩ thi đua cấp tỉnh")}[code]


def _report(n: Nominee, commune: str, date: str) -> IndividualReport:
    title, _ = _award_phrase(n.code)
    return IndividualReport(
        layout="A", header_left=[XA.format(commune.upper())], place=commune, date=date,
        title=f"ĐỀ NGHỊ TẶNG {'DANH HIỆU “' + title + '”' if n.code != 'BK_TINH' else title} NĂM {n.year}",
        award=award(title, n.code, n.year),
        person=Person(full_name=n.name, gender=n.gender, birth_date=n.birth, ethnicity="Kinh",  # type: ignore[arg-type]
                      hometown=f"xã {commune}, tỉnh Quảng Trị", residence=f"xã {commune}, tỉnh Quảng Trị",
                      position=n.position, work_unit=f"Trường Tiểu học {commune}",
                      qualification="Đại học Sư phạm", is_leader=False),
        duties="Giảng dạy và làm công tác chủ nhiệm lớp.",
        achievements=["- Hoàn thành xuất sắc nhiệm vụ được giao; lớp chủ nhiệm đạt danh hiệu lớp tiên tiến."],
        ratings=n.ratings or [TaskRating(year=n.year - 1, rating=HX), TaskRating(year=n.year, rating=HX)],  # type: ignore[arg-type]
        period=(n.year - 1, n.year),
        innovations=n.innovations if n.innovations is not None else [Innovation(title=f"Biện pháp nâng cao chất lượng dạy đọc của {n.name}",
                                                 year=n.year, recognized_by=f"Hội đồng Sáng kiến xã {commune}")],
        prior=n.prior or [pa(n.year - 1, "Lao động tiên tiến", "LDTT", "115/QĐ-UBND", f"{n.year - 1}-12-20",
                             f"UBND xã {commune}")],
        head_signer=["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Lê Văn Thành"],
    )


def _cover(commune: str, number: str | None, date: str, nominees: list[Nominee], *, meeting: str,
           issuer: str | None = None, recipient: str | None = None) -> ToTrinh:
    issuer = issuer or XA.format(commune.upper())
    code = nominees[0].code
    _, phrase = _award_phrase(code)
    # who decides (Luật TĐKT 2022 Đ79-80; NĐ 152/2025): the xã's chairman for its own titles, the province's above
    recipient = recipient or (f"Chủ tịch Ủy ban nhân dân xã {commune}" if code in ("CSTD_CS", "LDTT")
                              else "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị")
    return ToTrinh(
        header_left=[issuer], place=commune,
        submission=Submission(number=number, date=date, issuer=issuer, recipient=recipient),
        subject=f"Về việc đề nghị {'công nhận danh hiệu' if code != 'BK_TINH' else 'tặng'} {phrase} năm {nominees[0].year}",
        grounds=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
                 f"Căn cứ kết quả cuộc họp Hội đồng Thi đua - Khen thưởng xã ngày {meeting},"],
        request=f"Hội đồng Thi đua - Khen thưởng xã {commune} kính trình {recipient} xem xét, "
                f"{'công nhận' if code in ('CSTD_CS', 'LDTT') else 'tặng'} cho các cá nhân sau:",
        nominees=[person("Bà" if n.gender == "female" else "Ông", n.name, n.position, _award_phrase(n.code)[1])
                  for n in nominees],
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Trần Văn Hòa"],
        year=nominees[0].year,
    )


def _minutes_fields(commune: str, date: str, voted: list[Nominee], total: int, present: int) -> dict[str, object]:
    from samplegen.councils import vr

    return dict(
        header_left=[XA.format(commune.upper()), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], place=commune,
        number="03/BB-HĐTĐKT", council=f"Hội đồng Thi đua - Khen thưởng xã {commune}",
        vote=CouncilVote(date=date, members_total=total, members_present=present,
                         results=[vr(n.name, n.code, n.votes or 0, total) for n in voted]),
        attendance_line=f"Có mặt: {present:02d}/{total:02d} thành viên; vắng: {total - present}.",
        venue=f"Hội trường Ủy ban nhân dân xã {commune}", chair="Trần Văn Hòa, Chủ tịch UBND xã, Chủ tịch Hội đồng",
        secretary="Lê Thị Mai, công chức Văn phòng - Thống kê, Thư ký Hội đồng",
        written=[(n.name.upper(), _award_phrase(n.code)[1]) for n in voted],
        result_style="table",
    )


def _submission(commune: str, nominees: list[Nominee], *, number: str | None = "21/TTr-UBND",
                cover_date: str = "2025-11-20", meeting: str = "2025-11-15", cover: bool = True,
                minutes: bool = True, reports: list[Nominee] | None = None, issuer: str | None = None,
                listed: list[Nominee] | None = None, present: int = 9,
                recipient: str | None = None) -> dict[str, list[Doc]]:
    meeting_vn = "/".join(reversed(meeting.split("-")))
    out: dict[str, list[Doc]] = {}
    if cover:
        out["to_trinh.docx"] = [to_trinh(_cover(commune, number, cover_date, listed or nominees,
                                                meeting=meeting_vn, issuer=issuer, recipient=recipient))]
    if minutes:
        out["bien_ban.docx"] = [bien_ban(BienBan(**_minutes_fields(commune, meeting,  # type: ignore[arg-type]
                                                                   [n for n in nominees if n.votes is not None],
                                                                   9, present)))]
    for i, n in enumerate(nominees if reports is None else reports, 1):
        out[f"bao_cao_{i}.docx"] = [individual_report(_report(n, commune, cover_date))]
    return out


def _people(commune: str) -> list[Nominee]:
    return [Nominee(f"Nguyễn Thị {commune} Lan", "female", "1984-03-12", "Giáo viên"),
            Nominee(f"Trần Văn {commune} Minh", "male", "1986-09-02", "Giáo viên")]


def cases() -> list[Case]:
    """The batch: clean submissions (split and whole) and one planted defect per rule."""
    out: list[Case] = []

    def add(name: str, expect: set[str], build: Callable[[], dict[str, list[Doc]]], one_file: bool = False) -> None:
        out.append(Case(name, expect, build(), one_file))

    add("sach_vinh_an", set(), lambda: _submission("Vĩnh An", _people("An")))
    add("sach_mot_tep_vinh_binh", set(), lambda: _submission("Vĩnh Bình", _people("Binh")), one_file=True)
    add("thieu_bao_cao_vinh_chau", {"COMP-01"}, lambda: _submission(
        "Vĩnh Châu", _people("Chau"), reports=_people("Chau")[:1]))
    add("thieu_bien_ban_vinh_dan", {"COMP-01"}, lambda: _submission("Vĩnh Dân", _people("Dan"), minutes=False))
    add("phieu_thap_vinh_giang", {"VOTE-02"}, lambda: _submission(
        "Vĩnh Giang", [*_people("Giang")[:1], Nominee("Trần Văn Giang Minh", "male", "1986-09-02", "Giáo viên",
                                                       votes=6)]))
    add("khong_bo_phieu_vinh_ha", {"COMP-05"}, lambda: _submission(
        "Vĩnh Hà", [*_people("Ha")[:1], Nominee("Trần Văn Ha Minh", "male", "1986-09-02", "Giáo viên",
                                                  votes=None)]))
    add("ngoai_danh_sach_vinh_khe", {"CONS-01"}, lambda: _submission(
        "Vĩnh Khê", _people("Khe"), listed=_people("Khe")[:1]))
    add("to_trinh_khong_so_vinh_lam", {"REQ-04"}, lambda: _submission("Vĩnh Lâm", _people("Lam"), number=None))
    add("trung_de_nghi_vinh_phu", {"DUP-01"}, lambda: {  # one person asked twice, by two submissions
        **{f"dot_1/{k}": v for k, v in _submission("Vĩnh Phú", _people("Phu")).items()},
        **{f"dot_2/{k}": v for k, v in _submission("Vĩnh Phú", _people("Phu")[:1], number="35/TTr-UBND",
                                                   cover_date="2025-11-25").items()}})
    add("chi_hoan_thanh_tot_vinh_nam", {"ELIG-CSTDCS"}, lambda: _submission(
        "Vĩnh Nam", [Nominee("Lê Thị Nam Hoa", "female", "1990-01-01", "Giáo viên", innovations=[],
                             ratings=[TaskRating(year=2024, rating=HT), TaskRating(year=2025, rating=HT)])]))
    add("huyen_da_giai_the_vinh_son", {"AUTH-02"}, lambda: _submission(
        "Vĩnh Sơn", _people("Son"), issuer="ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH"))
    add("hop_sau_to_trinh_vinh_quang", {"CONS-02"}, lambda: _submission(
        "Vĩnh Quang", _people("Quang"), meeting="2025-11-25", cover_date="2025-11-20"))
    add("thieu_nguoi_hop_vinh_tu", {"VOTE-05"}, lambda: _submission(
        "Vĩnh Tú", [Nominee(n.name, n.gender, n.birth, n.position, votes=5) for n in _people("Tu")], present=5))
    add("ldtt_chi_hoan_thanh_vinh_thuy", {"ELIG-LDTT"}, lambda: _submission(
        "Vĩnh Thủy", [Nominee("Hồ Văn Thuy Long", "male", "1979-05-05", "Công nhân", code="LDTT", innovations=[],
                              ratings=[TaskRating(year=2025, rating="HTNV")])]))  # type: ignore[arg-type]
    add("thieu_ngay_sinh_vinh_long", {"REQ-01"}, lambda: _submission(
        "Vĩnh Long", [Nominee("Phan Thị Long Mai", "female", None, "Giáo viên")]))
    add("bang_khen_thieu_bien_ban_vinh_phong", {"COMP-03"}, lambda: _submission(
        "Vĩnh Phong", [Nominee("Lê Văn Phong Hải", "male", "1980-02-02", "Giáo viên", code="BK_TINH")], minutes=False))
    add("cstd_tinh_phieu_thap_vinh_tan", {"VOTE-01"}, lambda: _submission(
        "Vĩnh Tân", [Nominee("Phạm Thị Tan Hoa", "female", "1981-03-03", "Giáo viên", code="CSTD_TINH", votes=8)]))
    add("sai_tham_quyen_vinh_xuan", {"AUTH-01"}, lambda: _submission(
        "Vĩnh Xuân", _people("Xuan"), recipient="Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"))
    return out


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
