"""A held-out set: dossiers typed by "other hands", with exact goldens.

``/tmp/venv/bin/python -m samplegen.holdout --out data/holdout`` writes ``files/<name>`` and
``expected/<name>.json``. The documents here are written independently of ``docs.py``: other
header layouts (place-and-date under the motto), ND 152/2025 Mẫu 05 dotted-leader forms, a
4-column personal-info table, labels in other wordings and orders, the nominee's name only in the
title, titles split over several lines, ratings and prior awards as prose or STT tables, grouped
council-result tables, and scans with other skew, noise and a blue seal. Goldens are built from
the ground truth written into each file (``record.models`` + ``strip_volatile``), never by
running an extractor. The rules used where a layout leaves a convention open are listed in
``samplegen/README.md`` under "Held-out set".
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from record.models import (
    CouncilVote,
    Innovation,
    Person,
    Submission,
    Unit,
)
from samplegen.blocks import Block, Cols, Doc, P, Stamp, Table
from samplegen.catalog import Sample, list_nomination, merge_mentions, nomination
from samplegen.councils import vr
from samplegen.docs import QUOC_HIEU, RATING_TEXT, TIEU_NGU, date_slash, date_words, person, signatures, unit
from samplegen.docx_out import render_docx
from samplegen.generate import dump_json, golden
from samplegen.html_out import render_html_doc
from samplegen.pdf_out import (
    BLUE_SEAL,
    Layout,
    Op,
    draw_seal,
    image_pdf,
    layout,
    render_page,
    render_text_pdf,
)
from samplegen.people import HT, HX, award, pa, tr

# --- shared pieces in this set's own style ------------------------------------------------------------


def head_cols(left: list[str], number: str | None = None, date_line: str | None = None) -> Cols:
    """The two header columns: the body (last line bold, ruled) and the number; the motto and, under it,
    the place-and-date line (another office's habit)."""
    lp = [P(line, bold=i == len(left) - 1, align="center", size=12) for i, line in enumerate(left)]
    lp[-1].underline_rule = True
    if number:
        lp.append(P(f"Số: {number}", align="center", size=12))
    rp = [P(QUOC_HIEU, bold=True, align="center", size=12),
          P(TIEU_NGU, bold=True, align="center", size=12.5, underline_rule=True)]
    if date_line:
        rp.append(P(date_line, italic=True, align="center", size=12))
    return Cols(lp, rp, widths=(0.42, 0.58))


def head(left: list[str], place: str, date: str, number: str | None = None, *,
         date_under_motto: bool = True, form_note: str | None = None) -> list[Block]:
    """Header with the place-and-date line under the motto, or on its own line below the header."""
    out: list[Block] = []
    if form_note:
        out.append(P(form_note, italic=True, align="right", size=11))
    date_line = f"{place}, {date_words(date)}"
    out.append(head_cols(left, number, date_line if date_under_motto else None))
    if not date_under_motto:
        out.append(P(date_line, italic=True, align="right"))
    return out


def title(lines: list[str], size: float = 13.5) -> list[P]:
    return [P(t, bold=True, align="center", size=size) for t in lines]


def dots(n: int) -> str:
    return "." * n


def para(text: str, **kw: object) -> P:
    kw.setdefault("align", "justify")
    kw.setdefault("indent", 28)
    return P(text, **kw)  # type: ignore[arg-type]


# --- scans in this set's own style ------------------------------------------------------------------


@dataclass
class ScanStyle:
    seed: int
    skew: float  # degrees (larger than the main set's 0.3-0.9)
    grey: bool = True
    speckle: int = 0  # dark specks per page
    shadow: bool = False  # the lid shadow along the binding edge
    contrast: float = 1.0  # < 1: washed-out toner
    blue_seal: bool = False  # seals drawn in blue ink instead of the red ones
    quality: int = 68


def _degrade(img: Image.Image, style: ScanStyle, rng: random.Random) -> Image.Image:
    arr = np.asarray(img).astype(np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    if style.contrast != 1.0:
        arr = 255 - (255 - arr) * np.float32(style.contrast)
    h, w = arr.shape[:2]
    if style.shadow:
        band = np.clip(1 - np.arange(w, dtype=np.float32) / (w * 0.06), 0, 1) * np.float32(70)
        arr -= band[None, :, None] if arr.ndim == 3 else band[None, :]
    for _ in range(style.speckle):
        y, x = int(nrng.integers(0, h - 3)), int(nrng.integers(0, w - 3))
        s = int(nrng.integers(1, 4))
        arr[y:y + s, x:x + s] = np.float32(nrng.uniform(20, 110))
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def render_scan(docs: list[Doc], style: ScanStyle, dpi: int = 200, *, lay: Layout | None = None,
                overlay: Callable[[Image.Image, list[Op], float], None] | None = None,
                ) -> tuple[bytes, int, list[list[int]]]:
    """Image-only PDF: the shared layout and page painter, then this set's own seal and wear."""
    lay = lay or layout(docs)
    seals = [op for op in lay.ops if op.kind == "stamp"] if style.blue_seal else []
    if seals:
        lay.ops = [op for op in lay.ops if op.kind != "stamp"]
    rng = random.Random(style.seed)
    s = dpi / 72

    def pages() -> Iterator[Image.Image]:
        for page in range(1, lay.page + 1):
            img = render_page(lay, page, dpi, style.grey, rng, style.skew, overlay)
            if not style.grey:
                img = img.convert("RGB")
            for op in (o for o in seals if o.page == page):
                draw_seal(img, op.x * s, op.y * s, op.size * s, op.text, rng, BLUE_SEAL)
            yield _degrade(img, style, rng)

    data = image_pdf(pages(), dpi, style.quality, "HP LaserJet MFP M428fdw", "HP Scan")
    return data, lay.page, lay.doc_pages


# --- H1: ND 152 Mẫu 05, dotted leaders, Dân tộc + Tôn giáo on one line, title over 3 lines ------------


def h1_nguyen_van_an() -> Sample:
    a = award("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS", 2025)
    p = Person(full_name="Nguyễn Văn An", gender="male", birth_date="1982-08-15", ethnicity="Kinh",
               hometown="xã Kỳ Tân, tỉnh Hà Tĩnh", residence="thôn Tân Phú, xã Kỳ Anh, tỉnh Hà Tĩnh",
               position="Phó Hiệu trưởng", work_unit="Trường THCS Kỳ Tân",
               qualification="Đại học Sư phạm Toán", is_leader=True)
    ratings = tr((2024, HX), (2025, HX))
    inn = [Innovation(title="Một số biện pháp nâng cao chất lượng dạy học môn Toán lớp 9 theo định hướng "
                      "phát triển năng lực", year=2024, recognized_by="Hội đồng Sáng kiến thị xã Kỳ Anh"),
           Innovation(title="Ứng dụng phần mềm GeoGebra trong dạy học hình học không gian", year=2025,
                      recognized_by="Hội đồng Sáng kiến xã Kỳ Anh")]
    prior = [pa(2023, "Lao động tiên tiến", "LDTT", "356/QĐ-PGDĐT", "2023-06-15",
                "Phòng Giáo dục và Đào tạo thị xã Kỳ Anh"),
             pa(2024, "Giấy khen của Chủ tịch UBND thị xã Kỳ Anh", "GIAY_KHEN", "2145/QĐ-UBND", "2024-12-10",
                "Chủ tịch UBND thị xã Kỳ Anh")]
    b = head(["UBND XÃ KỲ ANH", "TRƯỜNG THCS KỲ TÂN"], "Kỳ Anh", "2025-12-05",
             form_note="Mẫu số 05 (Ban hành kèm theo Nghị định số 152/2025/NĐ-CP)")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU", "“CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2025"])
    b.append(P("I. THÔNG TIN CÁ NHÂN", bold=True))
    b += [
        P(f"- Họ và tên: {dots(24)} {p.full_name}"),
        P(f"- Ngày, tháng, năm sinh: {dots(10)} {date_slash(p.birth_date or '')}\tGiới tính: {dots(6)} Nam"),
        P(f"- Dân tộc: {dots(8)} {p.ethnicity}\tTôn giáo: {dots(8)} Không"),
        P(f"- Nguyên quán: {dots(18)} {p.hometown}"),
        P(f"- Nơi thường trú: {dots(14)} {p.residence}"),
        P(f"- Chức danh: {dots(20)} {p.position}"),
        P(f"- Cơ quan công tác: {dots(12)} {p.work_unit}"),
        P(f"- Trình độ đào tạo: {dots(12)} {p.qualification}"),
        P(f"- Trình độ lý luận chính trị: {dots(6)} Trung cấp"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(P("1. Chức trách, nhiệm vụ được giao:", bold=True))
    b.append(para("Giúp Hiệu trưởng phụ trách chuyên môn, kiểm định chất lượng giáo dục; trực tiếp giảng dạy "
                  "môn Toán lớp 9 và bồi dưỡng học sinh giỏi."))
    b.append(P("2. Kết quả thực hiện nhiệm vụ:", bold=True))
    b.append(para("Chỉ đạo tổ chuyên môn đổi mới sinh hoạt theo nghiên cứu bài học; tỷ lệ học sinh lớp 9 "
                  "đỗ vào lớp 10 công lập đạt 92,4%; có 6 học sinh đạt giải cấp tỉnh môn Toán."))
    b.append(para("Năm 2024 và năm 2025 hoàn thành xuất sắc nhiệm vụ."))
    b.append(P("3. Sáng kiến, đề tài khoa học:", bold=True))
    rows = [["STT", "Tên sáng kiến", "Năm", "Cấp công nhận"]]
    rows += [[str(i), x.title or "", str(x.year), x.recognized_by or ""] for i, x in enumerate(inn, 1)]
    b.append(Table(rows, widths=[0.08, 0.52, 0.1, 0.3]))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b.append(para(f"- Năm {prior[0].year}: {prior[0].title} tại Quyết định số {prior[0].decision_number} ngày "
                  f"{date_slash(prior[0].decision_date or '')} của {prior[0].issuer}.", indent=0))
    b.append(para(f"- Năm {prior[1].year}: {prior[1].title} tại Quyết định số {prior[1].decision_number} ngày "
                  f"{date_slash(prior[1].decision_date or '')}.", indent=0))
    b.append(signatures(["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Trần Thị Lan Hương"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], "TRƯỜNG THCS KỲ TÂN"))
    doc = Doc("bao_cao_ca_nhan", b)
    n = nomination(a, person=p, period=(2024, 2025), ratings=ratings, innovations=inn, prior=prior)
    return Sample("bctt_mau05_nguyen_van_an.docx", "docx", [doc], [n])


# --- H2: 4-column personal table, năm học period, STT ratings table, 4-column prior awards -------------


def h2_le_thi_thu() -> Sample:
    a = award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2024)
    p = Person(full_name="Lê Thị Thu", gender="female", birth_date="1991-03-12", ethnicity="Kinh",
               hometown="xã Sơn Trường, huyện Hương Sơn, tỉnh Hà Tĩnh",
               residence="thôn Tiến Thành, xã Sơn Kim 1, huyện Hương Sơn, tỉnh Hà Tĩnh",
               position="Giáo viên", work_unit="Trường Tiểu học Sơn Kim 1",
               qualification="Cao đẳng Sư phạm Tiểu học", is_leader=False)
    ratings = tr((2023, HT), (2024, HT))
    prior = [pa(2022, "Giấy khen của Trưởng phòng Giáo dục và Đào tạo", "GIAY_KHEN", "412/QĐ-PGDĐT", "2022-07-12",
                "Phòng GD&ĐT huyện Hương Sơn"),
             pa(2023, "Lao động tiên tiến", "LDTT", "1089/QĐ-UBND", "2023-08-04", "UBND huyện Hương Sơn")]
    b = head(["PHÒNG GD&ĐT HƯƠNG SƠN", "TRƯỜNG TIỂU HỌC SƠN KIM 1"], "Sơn Kim 1", "2024-05-25")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN", "NĂM HỌC 2023-2024"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b.append(Table([
        ["Họ và tên", p.full_name or "", "Giới tính", "Nữ"],
        ["Ngày, tháng, năm sinh", date_slash(p.birth_date or "", pad_month=True), "Dân tộc", p.ethnicity or ""],
        ["Chức vụ", p.position or "", "Trình độ chuyên môn", p.qualification or ""],
        ["Quê quán", p.hometown or "", "Nơi ở hiện nay", p.residence or ""],
        ["Đơn vị công tác", p.work_unit or "", "Tôn giáo", "Không"],
    ], widths=[0.2, 0.3, 0.2, 0.3], header=False))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Trong năm học 2023-2024, bản thân được phân công chủ nhiệm và giảng dạy lớp 2B (28 học sinh), "
                  "đạt các kết quả sau:"))
    b.append(para("- Lớp chủ nhiệm 100% học sinh hoàn thành chương trình lớp học; 9 học sinh được khen thưởng "
                  "xuất sắc; đạt giáo viên dạy giỏi cấp trường.", indent=0))
    b.append(P("Kết quả đánh giá, xếp loại viên chức:", italic=True))
    rows = [["STT", "Năm học", "Kết quả xếp loại"]]
    rows += [[str(i), f"{r.year - 1}-{r.year}", RATING_TEXT[r.rating]] for i, r in enumerate(ratings, 1)]
    b.append(Table(rows, widths=[0.1, 0.3, 0.6]))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["Năm", "Hình thức khen thưởng", "Số QĐ, ngày", "Cơ quan ban hành"]]
    rows += [[str(x.year), x.title or "", f"{x.decision_number}, {date_words(x.decision_date or '', padded=False)}",
              x.issuer or ""] for x in prior]
    b.append(Table(rows, widths=[0.1, 0.35, 0.3, 0.25]))
    b.append(signatures(["HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", "Đinh Văn Thành"],
                        ["NGƯỜI VIẾT BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2023, 2024), ratings=ratings, prior=prior)
    return Sample("BCTT LDTT nam hoc 2023-2024 - Le Thi Thu.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- H3: the name only in the title, Năm sinh only, prose ratings, 4-column prior awards with word dates ---


def h3_hoang_van_duc() -> Sample:
    a = award("Giấy khen của Chủ tịch UBND huyện Cẩm Xuyên", "GIAY_KHEN", 2024)
    p = Person(full_name="Hoàng Văn Đức", gender="male", birth_date="1971", ethnicity="Kinh",
               hometown="xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
               residence="thôn Trung Hải, xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
               position="Chủ tịch Hội Nông dân xã", work_unit="Hội Nông dân xã Cẩm Bình",
               qualification="Trung cấp Chăn nuôi thú y", is_leader=True)
    ratings = tr((2022, HT), (2023, HX), (2024, HX))
    prior = [pa(2021, "Giấy khen", "GIAY_KHEN", "87/QĐ-HND", "2021-12-10", "Hội Nông dân huyện Cẩm Xuyên"),
             pa(2023, "Bằng khen", "BK_TINH", "312/QĐ-HNDT", "2023-12-22", "Ban Thường vụ Hội Nông dân tỉnh Hà Tĩnh")]
    b = head(["HỘI NÔNG DÂN HUYỆN CẨM XUYÊN", "HỘI NÔNG DÂN XÃ CẨM BÌNH"], "Cẩm Bình", "2024-11-28",
             date_under_motto=False)
    b += title(["BÁO CÁO THÀNH TÍCH CỦA ÔNG HOÀNG VĂN ĐỨC"], size=14)
    b += title(["Đề nghị tặng Giấy khen của Chủ tịch UBND huyện Cẩm Xuyên"], size=13)
    b.append(P("I. SƠ YẾU LÝ LỊCH", bold=True))
    b += [
        P(f"- Năm sinh: {p.birth_date}"),
        P(f"- Dân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Nơi cư trú: {p.residence}"),
        P(f"- Chức vụ: {p.position}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Là Chủ tịch Hội Nông dân xã, tôi đã lãnh đạo Ban Chấp hành Hội triển khai phong trào nông dân "
                  "thi đua sản xuất, kinh doanh giỏi; vận động hội viên hiến 3.200 m² đất làm đường giao thông nội "
                  "đồng; thành lập 4 tổ hợp tác chăn nuôi với 58 hội viên tham gia."))
    b.append(para("Về kết quả xếp loại: năm 2022 hoàn thành tốt nhiệm vụ; năm 2023 và năm 2024 hoàn thành xuất "
                  "sắc nhiệm vụ."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["Năm", "Hình thức", "Số QĐ, ngày", "Cơ quan ban hành"]]
    rows += [[str(x.year), x.title or "", f"{x.decision_number} {date_words(x.decision_date or '', padded=False)}",
              x.issuer or ""] for x in prior]
    b.append(Table(rows, widths=[0.1, 0.2, 0.35, 0.35]))
    b.append(signatures(["TM. BAN THƯỜNG VỤ HỘI NÔNG DÂN XÃ", "PHÓ CHỦ TỊCH", "(Ký, đóng dấu)", "Võ Thị Hà"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", (p.full_name or "").upper()], None))
    n = nomination(a, person=p, period=(2022, 2024), ratings=ratings, prior=prior)
    return Sample("bao_cao_thanh_tich_ong_hoang_van_duc.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- H4: name in capitals, Chức vụ + Chức danh nghề nghiệp, STT ratings with abbreviations, --------------
#         innovations in prose (do … công nhận / của …), prior awards table with an STT column


def h4_tran_thi_mai_anh() -> Sample:
    a = award("CHIẾN SĨ THI ĐUA CẤP TỈNH", "CSTD_TINH", 2025)
    p = Person(full_name="Trần Thị Mai Anh", gender="female", birth_date="1984-02-09", ethnicity="Kinh",
               hometown="phường Thạch Quý, thành phố Hà Tĩnh, tỉnh Hà Tĩnh",
               residence="số 12 đường Hà Huy Tập, phường Thành Sen, tỉnh Hà Tĩnh",
               position="Trưởng khoa Nhi", work_unit="Bệnh viện Đa khoa tỉnh Hà Tĩnh",
               qualification="Bác sĩ chuyên khoa II Nhi khoa", is_leader=True)
    ratings = tr((2022, HX), (2023, HX), (2024, HX))
    inn = [Innovation(title="Ứng dụng thang điểm PEWS trong theo dõi trẻ bệnh nặng tại khoa Nhi", year=2023,
                      recognized_by="Hội đồng Sáng kiến tỉnh Hà Tĩnh"),
           Innovation(title="Quy trình chăm sóc trẻ sơ sinh non tháng bằng phương pháp Kangaroo", year=2024,
                      recognized_by="Sở Y tế tỉnh Hà Tĩnh")]
    prior = [pa(2022, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1520/QĐ-SYT", "2022-12-20", "Giám đốc Sở Y tế"),
             pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1611/QĐ-SYT", "2023-12-18", "Giám đốc Sở Y tế"),
             pa(2024, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "2987/QĐ-UBND", "2024-11-05",
                "Chủ tịch UBND tỉnh Hà Tĩnh")]
    b = head(["SỞ Y TẾ HÀ TĨNH", "BỆNH VIỆN ĐA KHOA TỈNH"], "Hà Tĩnh", "2025-09-15")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ XÉT TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CẤP TỈNH"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"1. Họ và tên (chữ in hoa): {(p.full_name or '').upper()}"),
        P(f"2. Giới tính: Nữ;\tNgày sinh: {date_slash(p.birth_date or '', pad_month=True)}"),
        P(f"3. Dân tộc: {p.ethnicity};\tTôn giáo: Không"),
        P(f"4. Quê quán: {p.hometown}"),
        P(f"5. Nơi ở hiện nay: {p.residence}"),
        P(f"6. Chức vụ: {p.position}"),
        P("7. Chức danh nghề nghiệp: Bác sĩ chính (hạng II)"),
        P(f"8. Đơn vị công tác: {p.work_unit}"),
        P(f"9. Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC TRONG GIAI ĐOẠN 2022 - 2024", bold=True))
    b.append(para("Khoa Nhi do tôi phụ trách tiếp nhận, điều trị trên 9.600 lượt bệnh nhi mỗi năm; triển khai "
                  "thành công kỹ thuật thở máy không xâm nhập cho trẻ sơ sinh; tỷ lệ tử vong giảm còn 0,2%."))
    b.append(P("1. Kết quả đánh giá, xếp loại hằng năm", bold=True))
    rows = [["STT", "Năm", "Xếp loại"]] + [[str(i), str(r.year), r.rating] for i, r in enumerate(ratings, 1)]
    b.append(Table(rows, widths=[0.12, 0.3, 0.58]))
    b.append(P("2. Sáng kiến, đề tài nghiên cứu khoa học", bold=True))
    b.append(para(f"- Sáng kiến “{inn[0].title}” năm {inn[0].year} do {inn[0].recognized_by} công nhận có phạm vi "
                  "ảnh hưởng cấp tỉnh.", indent=0))
    b.append(para(f"- Năm {inn[1].year}, sáng kiến “{inn[1].title}” được công nhận tại Quyết định số 88/QĐ-SYT "
                  f"ngày 12/6/{inn[1].year} của {inn[1].recognized_by}.", indent=0))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["STT", "Năm", "Danh hiệu thi đua, hình thức khen thưởng",
             "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"]]
    rows += [[str(i), str(x.year), x.title or "",
              f"Quyết định số {x.decision_number} ngày {date_slash(x.decision_date or '')} của {x.issuer}"]
             for i, x in enumerate(prior, 1)]
    b.append(Table(rows, widths=[0.08, 0.1, 0.37, 0.45]))
    b.append(signatures(["GIÁM ĐỐC", "(Ký tên, đóng dấu)", "Nguyễn Tiến Dũng"],
                        ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2022, 2024), ratings=ratings, innovations=inn, prior=prior)
    return Sample("bctt_cstd_tinh_tran_thi_mai_anh.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- collectives ---------------------------------------------------------------------------------------


def _collective_doc(*, header: list[Block], title_lines: list[str], name_line: str, intro: list[Block],
                    achievements: list[Block], prior_blocks: list[Block], sig: Cols,
                    section1: str = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH") -> Doc:
    b = list(header)
    b += title(title_lines)
    b.append(P(name_line, bold=True, align="center"))
    b.append(P(section1, bold=True))
    b += intro
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b += achievements
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b += prior_blocks
    b.append(sig)
    return Doc("bao_cao_tap_the", b)


def h5_htx_thach_long() -> Sample:
    """A cooperative: 'Tên tập thể:' label, 'Địa chỉ:', title split over two lines, word dates."""
    a = award("BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "BK_TINH", 2025)
    u = Unit(name="Hợp tác xã Dịch vụ nông nghiệp Thạch Long", address="thôn Đông Hà, xã Thạch Khê, tỉnh Hà Tĩnh",
             headcount=23, head="Phan Văn Lương")
    prior = [pa(2022, "Giấy khen của Chủ tịch UBND huyện Thạch Hà", "GIAY_KHEN", "2456/QĐ-UBND", "2022-12-26",
                "Chủ tịch UBND huyện Thạch Hà"),
             pa(2024, "Giấy khen của Liên minh Hợp tác xã tỉnh", "GIAY_KHEN", "145/QĐ-LMHTX", "2024-12-10",
                "Liên minh Hợp tác xã tỉnh Hà Tĩnh")]
    intro = [
        P(f"Tên tập thể: {u.name}"),
        P(f"Địa chỉ: {u.address}"),
        P("Điện thoại: 0239 3845 672"),
        para("Hợp tác xã được thành lập năm 1997, chuyển đổi theo Luật Hợp tác xã năm 2012; hiện có 415 hộ "
             "thành viên, vốn điều lệ 2,1 tỷ đồng."),
        P(f"Tổng số lao động thường xuyên: {u.headcount} người."),
        P("Chức năng, nhiệm vụ: cung ứng giống, vật tư nông nghiệp, dịch vụ làm đất, tưới tiêu và bao tiêu "
          "sản phẩm lúa, rau màu cho thành viên."),
    ]
    ach = [para("Thành tích giai đoạn 2023 - 2024: doanh thu bình quân đạt 5,6 tỷ đồng/năm, lợi nhuận "
                "420 triệu đồng/năm; xây dựng 35 ha cánh đồng lớn liên kết tiêu thụ lúa chất lượng cao; "
                "sản phẩm rau an toàn Thạch Long đạt chứng nhận OCOP 3 sao.")]
    rows = [["Năm", "Hình thức khen thưởng", "Số, ngày, tháng, năm quyết định; cơ quan ban hành"]]
    rows += [[str(x.year), x.title or "",
              f"Quyết định số {x.decision_number} {date_words(x.decision_date or '', padded=False)} của {x.issuer}"] for x in prior]
    doc = _collective_doc(
        header=head(["UBND XÃ THẠCH KHÊ", "HTX DỊCH VỤ NÔNG NGHIỆP THẠCH LONG"], "Thạch Khê", "2025-10-08"),
        title_lines=["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"],
        name_line="(Thành tích từ năm 2023 đến năm 2024)",
        intro=intro, achievements=ach, prior_blocks=[Table(rows, widths=[0.1, 0.4, 0.5])],
        sig=signatures(["XÁC NHẬN CỦA UBND XÃ THẠCH KHÊ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Lê Văn Thọ"],
                       ["GIÁM ĐỐC", "(Ký, đóng dấu)", u.head or ""], None),
        section1="I. ĐẶC ĐIỂM, TÌNH HÌNH",
    )
    n = nomination(a, unit=u, period=(2023, 2024), prior=prior)
    return Sample("bctt_tap_the_htx_thach_long.docx", "docx", [doc], [n])


def h6_ubnd_xa_son_tay() -> Sample:
    """A commune: the name only under the title, headcount in prose, ratings in prose, prose prior awards."""
    a = award("CỜ THI ĐUA CỦA ỦY BAN NHÂN DÂN TỈNH", "CO_TD_TINH", 2024)
    u = Unit(name="Ủy ban nhân dân xã Sơn Tây", address="thôn Trung Thủy, xã Sơn Tây, huyện Hương Sơn, tỉnh Hà Tĩnh",
             headcount=27, head="Đặng Quốc Vinh")
    ratings = tr((2022, HX), (2023, HX), (2024, HX))
    prior = [pa(2021, "Giấy khen của Chủ tịch UBND huyện Hương Sơn", "GIAY_KHEN", "1234/QĐ-UBND", "2021-12-10",
                "Chủ tịch UBND huyện Hương Sơn"),
             pa(2023, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "3021/QĐ-UBND", "2023-12-28",
                "UBND tỉnh Hà Tĩnh")]
    intro = [
        P("1. Đặc điểm tình hình", bold=True),
        para("Xã Sơn Tây là xã miền núi phía tây huyện Hương Sơn, diện tích tự nhiên 4.315 ha, có 14 thôn với "
             "2.870 hộ. Hiện nay, đơn vị có 27 cán bộ, công chức; Đảng bộ xã có 21 chi bộ trực thuộc."),
        P(f"Địa chỉ: {u.address}."),
        P("2. Chức năng, nhiệm vụ", bold=True),
        para("Thực hiện chức năng quản lý nhà nước trên địa bàn xã theo Luật Tổ chức chính quyền địa phương."),
    ]
    ach = [
        para("Tổng giá trị sản xuất năm 2024 tăng 9,2% so với năm 2023; xã đạt chuẩn nông thôn mới nâng cao; "
             "tỷ lệ hộ nghèo giảm còn 2,1%; hoàn thành 100% chỉ tiêu thu ngân sách."),
        para("Năm 2022, năm 2023 và năm 2024, Ủy ban nhân dân xã được đánh giá, xếp loại hoàn thành xuất sắc "
             "nhiệm vụ."),
    ]
    pri = [para(f"- Năm {x.year}: {x.title} tại Quyết định số {x.decision_number} {date_words(x.decision_date or '', padded=False)}"
                + ("." if i == 0 else f" của {x.issuer}."), indent=0) for i, x in enumerate(prior)]
    doc = _collective_doc(
        header=head(["UBND HUYỆN HƯƠNG SƠN", "ỦY BAN NHÂN DÂN XÃ SƠN TÂY"], "Sơn Tây", "2024-12-02"),
        title_lines=["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG “CỜ THI ĐUA CỦA ỦY BAN NHÂN DÂN TỈNH” NĂM 2024"],
        name_line=u.name or "", intro=intro, achievements=ach, prior_blocks=pri,
        sig=signatures(["XÁC NHẬN CỦA UBND HUYỆN HƯƠNG SƠN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký, đóng dấu)",
                        "Nguyễn Thị Loan"],
                       ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", u.head or ""], None),
    )
    n = nomination(a, unit=u, period=(2022, 2024), ratings=ratings, prior=prior)
    return Sample("bctt_ubnd_xa_son_tay_co_thi_dua.docx", "docx", [doc], [n])


def h7_thcs_ky_tan() -> Sample:
    """A school, text PDF: name only under the title, school-year ratings with STT, 5-column prior awards."""
    a = award("TẬP THỂ LAO ĐỘNG XUẤT SẮC", "TT_LDXS", 2025)
    u = Unit(name="Trường THCS Kỳ Tân", address="thôn Tân Hòa, xã Kỳ Tân, thị xã Kỳ Anh, tỉnh Hà Tĩnh",
             headcount=52, head="Võ Thị Hồng Nhung")
    ratings = tr((2024, HX), (2025, HX))
    prior = [pa(2023, "Tập thể lao động tiên tiến", "TT_LDTT", "1876/QĐ-UBND", "2023-08-14", "UBND thị xã Kỳ Anh"),
             pa(2024, "Tập thể lao động xuất sắc", "TT_LDXS", "2233/QĐ-UBND", "2024-08-20", "UBND tỉnh Hà Tĩnh")]
    intro = [
        P(f"Địa chỉ: {u.address}"),
        para("Nhà trường có 52 cán bộ, giáo viên, nhân viên; 18 lớp với 684 học sinh. Trường đạt chuẩn quốc "
             "gia mức độ 2 và kiểm định chất lượng giáo dục cấp độ 3."),
    ]
    ach = [
        para("Trong năm học 2024 - 2025, nhà trường đạt những thành tích sau:"),
        para("- 98,8% học sinh được xếp loại học lực từ trung bình trở lên; 27 học sinh đạt giải cấp tỉnh; "
             "đội tuyển Toán đạt giải Nhất toàn đoàn cấp thị xã.", indent=0),
        P("Kết quả xếp loại thi đua của tập thể:"),
        Table([["STT", "Năm học", "Xếp loại"]]
              + [[str(i), f"{r.year - 1} - {r.year}", RATING_TEXT[r.rating]] for i, r in enumerate(ratings, 1)],
              widths=[0.1, 0.3, 0.6]),
    ]
    rows = [["TT", "Năm học", "Danh hiệu, hình thức", "Số, ngày quyết định", "Cơ quan ban hành"]]
    rows += [[str(i), f"{x.year - 1} - {x.year}", x.title or "",
              f"{x.decision_number} ngày {date_slash(x.decision_date or '', pad_month=True)}", x.issuer or ""]
             for i, x in enumerate(prior, 1)]
    doc = _collective_doc(
        header=head(["UBND THỊ XÃ KỲ ANH", "TRƯỜNG THCS KỲ TÂN"], "Kỳ Tân", "2025-06-10"),
        title_lines=["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC",
                     "NĂM HỌC 2024 - 2025"],
        name_line=u.name or "", intro=intro, achievements=ach,
        prior_blocks=[Table(rows, widths=[0.06, 0.16, 0.3, 0.26, 0.22])],
        sig=signatures(["XÁC NHẬN CỦA PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỞNG PHÒNG", "(Ký, đóng dấu)", "Lê Văn Thiện"],
                       ["HIỆU TRƯỞNG", "(Ký, đóng dấu)", u.head or ""], None),
    )
    n = nomination(a, unit=u, period=(2024, 2025), ratings=ratings, prior=prior)
    return Sample("bctt_truong_thcs_ky_tan_nam_hoc_2024_2025.pdf", "pdf-text", [doc], [n])


def h8_don_bien_phong_cau_treo() -> tuple[Sample, ScanStyle]:
    """A border post, colour scan with a blue seal: headcount in prose, a military rank before the head's name."""
    a = award("BẰNG KHEN CỦA BỘ TRƯỞNG BỘ QUỐC PHÒNG", "BK_TINH", 2025)
    u = Unit(name="Đồn Biên phòng cửa khẩu quốc tế Cầu Treo", address="xã Sơn Kim, tỉnh Hà Tĩnh",
             headcount=64, head="Phan Văn Quý")
    prior = [pa(2023, "Cờ thi đua của Bộ Quốc phòng", "CO_TD_TINH", "5120/QĐ-BQP", "2023-12-29", "Bộ Quốc phòng"),
             pa(2024, "Bằng khen của Chủ tịch UBND tỉnh Hà Tĩnh", "BK_TINH", "2890/QĐ-UBND", "2024-12-16",
                "UBND tỉnh Hà Tĩnh")]
    intro = [
        P(f"- Địa chỉ: {u.address}."),
        P("- Đơn vị hiện có 64 cán bộ, chiến sĩ, được tổ chức thành 4 đội và 2 trạm kiểm soát."),
        P("- Đơn vị quản lý 37,5 km đường biên giới Việt Nam - Lào và cửa khẩu quốc tế Cầu Treo."),
    ]
    ach = [para("Năm 2025, đơn vị làm thủ tục xuất nhập cảnh cho trên 412.000 lượt người, bảo đảm nhanh, "
                "đúng quy định; chủ trì bắt giữ 11 vụ vận chuyển trái phép chất ma túy; phối hợp xây dựng "
                "3 nhà “Mái ấm biên cương” cho hộ nghèo.")]
    rows = [["Năm", "Hình thức khen thưởng", "Số, ngày quyết định; cơ quan ban hành"]]
    rows += [[str(x.year), x.title or "",
              f"Quyết định số {x.decision_number} ngày {date_slash(x.decision_date or '')} của {x.issuer}"]
             for x in prior]
    sig = signatures(["XÁC NHẬN CỦA BỘ CHỈ HUY BĐBP TỈNH", "CHỈ HUY TRƯỞNG", "(Ký, đóng dấu)", "Đại tá Lê Văn Hùng"],
                     ["ĐỒN TRƯỞNG", "(Ký, đóng dấu)", f"Thượng tá {u.head}"], "ĐỒN BIÊN PHÒNG CỬA KHẨU CẦU TREO",
                     "right")
    doc = _collective_doc(
        header=head(["BĐBP TỈNH HÀ TĨNH", "ĐỒN BIÊN PHÒNG CỬA KHẨU QUỐC TẾ CẦU TREO"], "Sơn Kim", "2025-10-20"),
        title_lines=["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA BỘ TRƯỞNG BỘ QUỐC PHÒNG NĂM 2025"],
        name_line=u.name or "", intro=intro, achievements=ach,
        prior_blocks=[Table(rows, widths=[0.1, 0.4, 0.5])], sig=sig)
    n = nomination(a, unit=u, period=None, prior=prior)
    style = ScanStyle(seed=41, skew=1.2, grey=False, speckle=300, blue_seal=True, quality=70)
    return Sample("scan_bctt_don_bp_cau_treo.pdf", "pdf-scanned", [doc], [n]), style


# --- tờ trình + biên bản ----------------------------------------------------------------------------


def _to_trinh(*, left: list[str], place: str, s: Submission, subject: str, recipients: list[str],
              grounds: list[str], body: list[Block], signer: list[str]) -> Doc:
    assert s.issuer == left[-1] and s.recipient == recipients[0].rstrip(";.")
    b = head(left, place, s.date or "", number=(s.number or "").replace("/", " /", 1))
    b += title(["TỜ TRÌNH", subject], size=13.5)
    if len(recipients) == 1:
        b.append(P(f"Kính gửi: {recipients[0]}", align="center"))
    else:
        b.append(P("Kính gửi:", align="center"))
        b += [P(f"- {r}", indent=150) for r in recipients]
    b += [para(g, italic=True) for g in grounds]
    b += body
    b.append(para("Kính trình xem xét, quyết định./."))
    left_side = [P("Nơi nhận:", bold=True, italic=True, size=11)]
    left_side += [P(f"- {r}", size=11) for r in ("Như trên;", "Lưu: VT, TĐKT.")]
    sig = signatures([], signer, None)
    b.append(Cols(left_side, sig.right, widths=(0.5, 0.5), stamp=Stamp(left[-1], "right"), sign="right"))
    return Doc("to_trinh", b)


def _bien_ban_head(left: list[str], place: str, date: str, number: str, council: str) -> list[Block]:
    b = head(left, place, date, number=number)
    b += title(["BIÊN BẢN", f"Họp {council}"])
    return b


def h9_cam_binh_totrinh_bienban() -> Sample:
    """Tờ trình (one-line header, two recipients) + biên bản (11 members, 10 present; grouped table)."""
    issuer = "ỦY BAN NHÂN DÂN XÃ CẨM BÌNH"
    s = Submission(number="47/TTr-UBND", date="2025-11-18", issuer=issuer,
                   recipient="Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh")
    bk, gk = "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể lao động xuất sắc"
    tt = _to_trinh(
        left=[issuer], place="Cẩm Bình", s=s,
        subject="Về việc đề nghị khen thưởng cho tập thể, cá nhân có thành tích xuất sắc năm 2025",
        recipients=["Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh;", "Sở Nội vụ tỉnh Hà Tĩnh."],
        grounds=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
                 "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã ngày 14/11/2025."],
        body=[para("Ủy ban nhân dân xã Cẩm Bình kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, khen thưởng "
                   "cho 02 tập thể và 01 cá nhân (có danh sách và hồ sơ kèm theo), cụ thể:"),
              para(f"1. {bk}: Trường Mầm non Cẩm Bình; ông Hoàng Văn Đức, Chủ tịch Hội Nông dân xã.", indent=0),
              para(f"2. Danh hiệu {gk}: Trạm Y tế xã Cẩm Bình.", indent=0)],
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Hữu Tình"],
    )
    v = CouncilVote(date="2025-11-14", members_total=11, members_present=10, results=[
        vr("Trường Mầm non Cẩm Bình", "BK_TINH", 10, 11),
        vr("Trạm Y tế xã Cẩm Bình", "TT_LDXS", 9, 11),
        vr("Hoàng Văn Đức", "BK_TINH", 10, 11),
        vr("Nguyễn Thị Thanh Bình", "CSTD_CS", 8, 11),
    ])
    council = "Hội đồng Thi đua - Khen thưởng xã Cẩm Bình"
    b = _bien_ban_head(["ỦY BAN NHÂN DÂN XÃ CẨM BÌNH", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], "Cẩm Bình",
                       v.date or "", "09/BB-HĐTĐKT", council)
    b += [
        para(f"Hôm nay, vào hồi 8 giờ 30 phút {date_words(v.date or '')}, tại Hội trường UBND xã Cẩm Bình, "
             f"{council} họp xét đề nghị khen thưởng năm 2025."),
        P(f"Hội đồng có {v.members_total} thành viên, có mặt {v.members_present}, vắng 01 (ông Lê Văn Sỹ, "
          "đi công tác)."),
        P("Chủ trì: ông Nguyễn Hữu Tình, Chủ tịch UBND xã, Chủ tịch Hội đồng."),
        P("Thư ký: bà Trần Thị Hoa, công chức Văn phòng - Thống kê."),
        P("Kết quả biểu quyết (bỏ phiếu kín):", bold=True),
        Table([["STT", "Tập thể, cá nhân", "Hình thức đề nghị", "Số phiếu đồng ý", "Tỷ lệ"],
               ["I", "Tập thể", "", "", ""],
               ["1", "Trường Mầm non Cẩm Bình", bk, "10/11 phiếu", "90,9%"],
               ["2", "Trạm Y tế xã Cẩm Bình", gk, "9/11 phiếu", "81,8%"],
               ["II", "Cá nhân", "", "", ""],
               ["1", "Ông Hoàng Văn Đức, Chủ tịch Hội Nông dân xã", bk, "10/11 phiếu", "90,9%"],
               ["2", "Bà Nguyễn Thị Thanh Bình, công chức Tư pháp - Hộ tịch", "Chiến sĩ thi đua cơ sở",
                "8/11 phiếu", "72,7%"]],
              widths=[0.07, 0.38, 0.27, 0.16, 0.12]),
        para("Cuộc họp kết thúc vào hồi 10 giờ 45 phút cùng ngày; biên bản đã được đọc lại và các thành viên "
             "dự họp nhất trí thông qua./."),
        signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Trần Thị Hoa"],
                   ["CHỦ TỊCH HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Nguyễn Hữu Tình"], None),
    ]
    tdt = "Tập thể lao động xuất sắc"
    noms = merge_mentions([
        [list_nomination(unit("Trường Mầm non Cẩm Bình", bk), 2025, "to_trinh"),
         list_nomination(person("", "Hoàng Văn Đức", "Chủ tịch Hội Nông dân xã", bk), 2025, "to_trinh"),
         list_nomination(unit("Trạm Y tế xã Cẩm Bình", tdt), 2025, "to_trinh")],
        [list_nomination(unit("Trường Mầm non Cẩm Bình", bk), 2025, "bien_ban"),
         list_nomination(unit("Trạm Y tế xã Cẩm Bình", tdt), 2025, "bien_ban"),
         list_nomination(person("", "Hoàng Văn Đức", None, bk), 2025, "bien_ban"),
         list_nomination(person("", "Nguyễn Thị Thanh Bình", None, "Chiến sĩ thi đua cơ sở"), 2025, "bien_ban")],
    ])
    return Sample("totrinh_bienban_xa_cam_binh_2025.docx", "docx", [tt, Doc("bien_ban", b)], noms,
                  submission=s, council_vote=v)


def h10_bvdk_totrinh_bienban() -> Sample:
    """Text PDF: tờ trình + biên bản whose results table is grouped by award rows; 'N phiếu/9 thành viên'."""
    s = Submission(number="1325/TTr-BVĐK", date="2025-09-22", issuer="BỆNH VIỆN ĐA KHOA TỈNH",
                   recipient="Giám đốc Sở Y tế Hà Tĩnh")
    tt = _to_trinh(
        left=["SỞ Y TẾ HÀ TĨNH", "BỆNH VIỆN ĐA KHOA TỈNH"], place="Hà Tĩnh", s=s,
        subject="V/v đề nghị xét tặng danh hiệu thi đua và hình thức khen thưởng năm 2025",
        recipients=["Giám đốc Sở Y tế Hà Tĩnh."],
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng Bệnh viện ngày 18/9/2025;"],
        body=[para("Bệnh viện Đa khoa tỉnh kính đề nghị Giám đốc Sở Y tế xem xét, trình Chủ tịch UBND tỉnh tặng "
                   "danh hiệu Chiến sĩ thi đua cấp tỉnh cho 01 cá nhân và Bằng khen của Chủ tịch UBND tỉnh cho "
                   "01 tập thể, 01 cá nhân (có hồ sơ kèm theo).")],
        signer=["GIÁM ĐỐC", "(Ký, đóng dấu)", "Nguyễn Tiến Dũng"],
    )
    v = CouncilVote(date="2025-09-18", members_total=9, members_present=9, results=[
        vr("Trần Thị Mai Anh", "CSTD_TINH", 9, 9),
        vr("Khoa Hồi sức tích cực - Chống độc", "BK_TINH", 8, 9),
        vr("Lê Đình Khánh", "BK_TINH", 9, 9),
    ])
    council = "Hội đồng Thi đua - Khen thưởng Bệnh viện Đa khoa tỉnh"
    b = _bien_ban_head(["SỞ Y TẾ HÀ TĨNH", "BỆNH VIỆN ĐA KHOA TỈNH"], "Hà Tĩnh", v.date or "", "56/BB-HĐTĐKT",
                       council)
    b += [
        para(f"Thời gian: 14 giờ 00, {date_words(v.date or '')}. Địa điểm: phòng giao ban Bệnh viện."),
        P("Thành phần: Có mặt 9/9 thành viên Hội đồng."),
        P("Chủ trì: BSCKII Nguyễn Tiến Dũng, Giám đốc, Chủ tịch Hội đồng."),
        P("Thư ký: CN. Đặng Thị Thảo, Phó Trưởng phòng Tổ chức cán bộ."),
        para("Sau khi nghe báo cáo thành tích, Hội đồng thảo luận và bỏ phiếu kín, kết quả như sau:"),
        Table([["STT", "Họ và tên / Tập thể", "Chức vụ, đơn vị", "Số phiếu", "Tỷ lệ"],
               ["I", "Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", "", "", ""],
               ["1", "Bà Trần Thị Mai Anh", "Trưởng khoa Nhi", "9 phiếu/9 thành viên", "100%"],
               ["II", "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh", "", "", ""],
               ["1", "Khoa Hồi sức tích cực - Chống độc", "Bệnh viện Đa khoa tỉnh", "8 phiếu/9 thành viên",
                "88,9%"],
               ["2", "Ông Lê Đình Khánh", "Điều dưỡng trưởng khoa Ngoại tổng hợp", "9 phiếu/9 thành viên",
                "100%"]],
              widths=[0.07, 0.33, 0.3, 0.18, 0.12]),
        para("Biên bản kết thúc lúc 15 giờ 30 cùng ngày, được thông qua tại cuộc họp./."),
        signatures(["THƯ KÝ HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Đặng Thị Thảo"],
                   ["CHỦ TỊCH HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Nguyễn Tiến Dũng"], None),
    ]
    # the tờ trình counts its nominees without naming them; the vote table names them
    noms = merge_mentions([[
        list_nomination(person("", "Trần Thị Mai Anh", None, "Chiến sĩ thi đua cấp tỉnh"), 2025, "bien_ban"),
        list_nomination(unit("Khoa Hồi sức tích cực - Chống độc", "Bằng khen của Chủ tịch UBND tỉnh"), 2025, "bien_ban"),
        list_nomination(person("", "Lê Đình Khánh", None, "Bằng khen của Chủ tịch UBND tỉnh"), 2025, "bien_ban"),
    ]])
    return Sample("totrinh_1325_bvdk_ha_tinh.pdf", "pdf-text", [tt, Doc("bien_ban", b)], noms,
                  submission=s, council_vote=v)


def h11_scan_bundle() -> tuple[Sample, ScanStyle]:
    """Greyscale scan: tờ trình + biên bản (results as sentences, one by percentage only) + one report."""
    s = Submission(number="215/TTr-SGDĐT", date="2025-11-26", issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                   recipient="Chủ tịch UBND tỉnh Hà Tĩnh")
    tt = _to_trinh(
        left=["UBND TỈNH HÀ TĨNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], place="Hà Tĩnh", s=s,
        subject="Về việc đề nghị tặng Bằng khen và danh hiệu thi đua năm 2025",
        recipients=["Chủ tịch UBND tỉnh Hà Tĩnh;", "Ban Thi đua - Khen thưởng, Sở Nội vụ."],
        grounds=["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                 "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng ngành ngày 21/11/2025;"],
        body=[para("Sở Giáo dục và Đào tạo kính trình Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho ông Phạm "
                   "Văn Tuấn, giáo viên Trường THPT Cẩm Xuyên và công nhận danh hiệu Tập thể lao động xuất sắc "
                   "cho Trường Tiểu học Cẩm Hưng.")],
        signer=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, đóng dấu)", "Nguyễn Thị Thu Hiền"],
    )
    v = CouncilVote(date="2025-11-21", members_total=7, members_present=7, results=[
        vr("Phạm Văn Tuấn", "BK_TINH", 7, 7),
        vr("Trường Tiểu học Cẩm Hưng", "TT_LDXS", 6, 7),
    ])
    council = "Hội đồng Thi đua - Khen thưởng ngành Giáo dục"
    bb = _bien_ban_head(["UBND TỈNH HÀ TĨNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "Hà Tĩnh", v.date or "", "31/BB-HĐTĐKT",
                        council)
    bb += [
        para(f"Vào lúc 9 giờ 00 {date_words(v.date or '')}, tại phòng họp số 1, Sở Giáo dục và Đào tạo, "
             f"{council} tiến hành họp xét khen thưởng."),
        P(f"Hội đồng có {v.members_total} thành viên, có mặt {v.members_present} thành viên."),
        P("Chủ trì: bà Nguyễn Thị Thu Hiền, Phó Giám đốc Sở."),
        P("Thư ký: ông Bùi Quang Huy, chuyên viên Văn phòng Sở."),
        P("Kết quả biểu quyết:", bold=True),
        P("1. Ông Phạm Văn Tuấn, giáo viên Trường THPT Cẩm Xuyên, đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh: "
          "7/7 phiếu đồng ý, đạt 100%."),
        P("2. Trường Tiểu học Cẩm Hưng, đề nghị công nhận danh hiệu Tập thể lao động xuất sắc: đạt 85,7% số "
          "thành viên Hội đồng đồng ý."),
        para("Cuộc họp kết thúc hồi 10 giờ 30 cùng ngày./."),
        signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Bùi Quang Huy"],
                   ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Nguyễn Thị Thu Hiền"], None),
    ]
    a = award("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", 2025)
    p = Person(full_name="Phạm Văn Tuấn", gender="male", birth_date="1980-10-04", ethnicity="Kinh",
               hometown="xã Cẩm Hưng, tỉnh Hà Tĩnh", residence="tổ dân phố 5, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
               position="Giáo viên", work_unit="Trường THPT Cẩm Xuyên", qualification="Thạc sĩ Vật lý",
               is_leader=False)
    ratings = tr((2023, HX), (2024, HX), (2025, HX))
    prior = [pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1742/QĐ-SGDĐT", "2023-08-10",
                "Giám đốc Sở Giáo dục và Đào tạo"),
             pa(2024, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1650/QĐ-SGDĐT", "2024-08-12",
                "Giám đốc Sở Giáo dục và Đào tạo")]
    r = head(["SỞ GD&ĐT HÀ TĨNH", "TRƯỜNG THPT CẨM XUYÊN"], "Cẩm Xuyên", "2025-11-10")
    r += title(["BÁO CÁO THÀNH TÍCH", "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh"])
    r.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    r += [
        P(f"- Họ và tên: {p.full_name}\tGiới tính: Nam"),
        P(f"- Ngày sinh: {date_slash(p.birth_date or '', pad_month=True)}\tDân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Nơi thường trú: {p.residence}"),
        P(f"- Chức vụ: {p.position}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
    ]
    r.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    r.append(para("Bồi dưỡng đội tuyển học sinh giỏi Vật lý đạt 2 giải Nhì, 3 giải Ba cấp tỉnh; hướng dẫn học "
                  "sinh đạt giải Ba cuộc thi khoa học kỹ thuật cấp quốc gia năm 2025."))
    r += [P(f"- Năm {x.year} – Xếp loại: {x.rating}") for x in ratings]
    r.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    r += [P(f"- Năm {x.year}: {x.title} (Quyết định số {x.decision_number} ngày "
            f"{date_slash(x.decision_date or '')} của {x.issuer}).") for x in prior]
    r.append(signatures(["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Lê Quang Vinh"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2023, 2025), ratings=ratings, prior=prior)
    n.named_in = ["bao_cao_ca_nhan"]
    style = ScanStyle(seed=42, skew=1.4, grey=True, speckle=900, shadow=True, quality=62)
    # the tờ trình names both nominees in a sentence, the minutes in their results, the report one
    tuan = list_nomination(person("", "Phạm Văn Tuấn", "giáo viên Trường THPT Cẩm Xuyên", "Bằng khen"), 2025,
                           "to_trinh")
    cam_hung = list_nomination(unit("Trường Tiểu học Cẩm Hưng", "Tập thể lao động xuất sắc"), 2025, "to_trinh")
    noms = merge_mentions([
        [tuan, cam_hung],
        [list_nomination(person("", "Phạm Văn Tuấn", None, "Bằng khen của Chủ tịch UBND tỉnh"), 2025, "bien_ban"),
         list_nomination(unit("Trường Tiểu học Cẩm Hưng", "Tập thể lao động xuất sắc"), 2025, "bien_ban")],
        [n],
    ])
    return Sample("hoso_scan_sgddt_ha_tinh_2025.pdf", "pdf-scanned",
                  [tt, Doc("bien_ban", bb), Doc("bao_cao_ca_nhan", r)], noms, submission=s, council_vote=v), style


def h12_scan_lu_thi_ngoc() -> tuple[Sample, ScanStyle]:
    """Greyscale scan, washed-out toner: dotted leaders, an ethnic-minority health worker, title over 3 lines."""
    a = award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2025)
    p = Person(full_name="Lữ Thị Ngọc", gender="female", birth_date="1993-06-21", ethnicity="Thái",
               hometown="xã Hương Lâm, tỉnh Hà Tĩnh", residence="bản Rào Tre, xã Hương Lâm, tỉnh Hà Tĩnh",
               position="Y sĩ", work_unit="Trạm Y tế xã Hương Lâm", qualification="Trung cấp Y sĩ đa khoa",
               is_leader=False)
    ratings = tr((2025, HT))
    prior = [pa(2024, "Lao động tiên tiến", "LDTT", "96/QĐ-TTYT", "2024-12-27", "Trung tâm Y tế huyện Hương Khê")]
    b = head(["UBND XÃ HƯƠNG LÂM", "TRẠM Y TẾ XÃ HƯƠNG LÂM"], "Hương Lâm", "2025-12-08")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ", "CÔNG NHẬN DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"Họ và tên: {dots(30)} {p.full_name}"),
        P(f"Ngày, tháng, năm sinh: {dots(8)} {date_slash(p.birth_date or '')}\tGiới tính: {dots(4)} Nữ"),
        P(f"Dân tộc: {dots(10)} {p.ethnicity}\tTôn giáo: {dots(10)} Không"),
        P(f"Nguyên quán: {dots(16)} {p.hometown}"),
        P(f"Nơi thường trú: {dots(12)} {p.residence}"),
        P(f"Chức danh: {dots(20)} {p.position}"),
        P(f"Cơ quan công tác: {dots(10)} {p.work_unit}"),
        P(f"Trình độ đào tạo: {dots(10)} {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Phụ trách chương trình tiêm chủng mở rộng và chăm sóc sức khỏe bà mẹ, trẻ em tại 6 bản; "
                  "tuyên truyền bằng tiếng Thái về phòng chống sốt rét; năm 2025 hoàn thành tốt nhiệm vụ."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    x = prior[0]
    b.append(P(f"- Năm {x.year}: {x.title} tại Quyết định số {x.decision_number} "
               f"{date_words(x.decision_date or '', padded=False)} của {x.issuer}."))
    b.append(signatures(["TRƯỞNG TRẠM", "(Ký, ghi rõ họ tên)", "Hồ Văn Sơn"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2025, 2025), ratings=ratings, prior=prior)
    style = ScanStyle(seed=43, skew=-1.1, grey=True, speckle=500, contrast=0.78, quality=60)
    return Sample("scan_bctt_lu_thi_ngoc.pdf", "pdf-scanned", [Doc("bao_cao_ca_nhan", b)], [n]), style


def h13_doc_vo_dinh_phuc() -> Sample:
    """HTML '.doc': other label wordings, 'Xếp loại: HTXSNV', prior awards in prose with dates in words."""
    a = award("Giấy khen của Chủ tịch UBND xã Đồng Tiến", "GIAY_KHEN", 2025)
    p = Person(full_name="Võ Đình Phúc", gender="male", birth_date="1968-01-05", ethnicity="Kinh",
               hometown="xã Đồng Tiến, tỉnh Hà Tĩnh", residence="thôn Bắc Sơn, xã Đồng Tiến, tỉnh Hà Tĩnh",
               position="Trưởng thôn Bắc Sơn", work_unit="Thôn Bắc Sơn, xã Đồng Tiến",
               qualification="Trung cấp Nông nghiệp", is_leader=True)
    ratings = tr((2024, HX), (2025, HX))
    prior = [pa(2022, "Giấy khen của Chủ tịch UBND huyện Thạch Hà", "GIAY_KHEN", "3345/QĐ-UBND", "2022-12-30",
                "Chủ tịch UBND huyện Thạch Hà"),
             pa(2024, "Lao động tiên tiến", "LDTT", "77/QĐ-UBND", "2024-01-15", None)]
    b = head(["UBND XÃ ĐỒNG TIẾN", "BAN CÔNG TÁC MẶT TRẬN THÔN BẮC SƠN"], "Đồng Tiến", "2025-11-03",
             date_under_motto=False)
    b += title(["BÁO CÁO THÀNH TÍCH CÁ NHÂN", "Đề nghị tặng Giấy khen của Chủ tịch UBND xã Đồng Tiến"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"1. Họ và tên khai sinh: {p.full_name}"),
        P(f"2. Sinh {date_words(p.birth_date or '')}; giới tính: Nam"),
        P(f"3. Dân tộc: {p.ethnicity}"),
        P(f"4. Nguyên quán: {p.hometown}"),
        P(f"5. Hộ khẩu thường trú: {p.residence}"),
        P(f"6. Chức vụ hiện nay: {p.position}"),
        P(f"7. Nơi công tác: {p.work_unit}"),
        P(f"8. Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Vận động nhân dân đóng góp 1,2 tỷ đồng và 2.400 ngày công bê tông hóa 3,6 km đường thôn; "
                  "thôn Bắc Sơn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu năm 2025."))
    b += [P(f"- Năm {x.year}. Xếp loại: {x.rating}") for x in ratings]
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b.append(P(f"- Năm {prior[0].year}: {prior[0].title} tại Quyết định số {prior[0].decision_number} "
               f"{date_words(prior[0].decision_date or '', padded=False)}."))
    b.append(P(f"- Năm {prior[1].year}: {prior[1].title}, Quyết định số {prior[1].decision_number} "
               f"{date_words(prior[1].decision_date or '', padded=False)}."))
    b.append(signatures(["XÁC NHẬN CỦA UBND XÃ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Văn Hải"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2024, 2025), ratings=ratings, prior=prior)
    return Sample("bao_cao_thanh_tich_vo_dinh_phuc.doc", "doc", [Doc("bao_cao_ca_nhan", b)], [n])


def h14_ke_hoach() -> Sample:
    """Not a dossier: a KẾ HOẠCH that talks about awards."""
    b = head(["ỦY BAN NHÂN DÂN XÃ CẨM BÌNH"], "Cẩm Bình", "2026-01-12", number="12/KH-UBND")
    b += title(["KẾ HOẠCH", "Tổ chức phong trào thi đua yêu nước năm 2026"])
    b += [
        P("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
        para("Phát động phong trào thi đua sâu rộng trong cán bộ, công chức và nhân dân, góp phần hoàn thành "
             "các chỉ tiêu kinh tế - xã hội năm 2026."),
        P("II. NỘI DUNG THI ĐUA", bold=True),
        para("1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, xây dựng nông thôn mới "
             "nâng cao."),
        para("2. Thi đua cải cách hành chính, chuyển đổi số, nâng cao chỉ số hài lòng của người dân."),
        P("III. KHEN THƯỞNG", bold=True),
        para("Cuối năm, Hội đồng Thi đua - Khen thưởng xã xét, đề nghị Chủ tịch UBND xã tặng Giấy khen, công "
             "nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở; lựa chọn tập thể, cá nhân tiêu biểu "
             "đề nghị Chủ tịch UBND tỉnh tặng Bằng khen."),
        Table([["TT", "Nội dung", "Thời gian", "Đơn vị chủ trì"],
               ["1", "Ký kết giao ước thi đua", "Tháng 02/2026", "Văn phòng HĐND và UBND"],
               ["2", "Sơ kết 6 tháng", "Tháng 7/2026", "Các thôn, đơn vị"],
               ["3", "Tổng kết, bình xét khen thưởng", "Tháng 12/2026", "Hội đồng TĐKT xã"]],
              widths=[0.07, 0.43, 0.2, 0.3]),
        P("IV. TỔ CHỨC THỰC HIỆN", bold=True),
        para("Giao Văn phòng HĐND và UBND xã theo dõi, đôn đốc việc thực hiện kế hoạch này./."),
        signatures([], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Nguyễn Hữu Tình"], None),
    ]
    return Sample("ke_hoach_thi_dua_2026_xa_cam_binh.docx", "docx", [Doc("other", b)])


# --- the set ----------------------------------------------------------------------------------------


def holdout_samples() -> list[tuple[Sample, ScanStyle | None]]:
    """Every held-out file with its scan style (None for born-digital files)."""
    plain: list[Sample] = [
        h1_nguyen_van_an(), h2_le_thi_thu(), h3_hoang_van_duc(), h4_tran_thi_mai_anh(), h5_htx_thach_long(),
        h6_ubnd_xa_son_tay(), h7_thcs_ky_tan(), h9_cam_binh_totrinh_bienban(), h10_bvdk_totrinh_bienban(),
        h13_doc_vo_dinh_phuc(), h14_ke_hoach(),
    ]
    from samplegen.holdout3 import third_samples
    from samplegen.oddities import oddity_samples

    return ([(s, None) for s in plain] + [h8_don_bien_phong_cau_treo(), h11_scan_bundle(), h12_scan_lu_thi_ngoc()]
            + oddity_samples() + third_samples())


def render(sample: Sample, style: ScanStyle | None, reconvert_word97: bool = False,
           ) -> tuple[bytes, int, list[list[int]]]:
    from samplegen.holdout3 import render_third
    from samplegen.oddities import render_oddity

    odd = render_oddity(sample, style, reconvert_word97)
    if odd is None:
        odd = render_third(sample, style)
    if odd is not None:
        return odd
    if sample.fmt == "docx":
        return render_docx(sample.docs, font="Arial"), len(sample.docs), [[i + 1] for i in range(len(sample.docs))]
    if sample.fmt == "doc":
        return render_html_doc(sample.docs), len(sample.docs), [[i + 1] for i in range(len(sample.docs))]
    if sample.fmt == "pdf-text":
        return render_text_pdf(sample.docs)
    assert style is not None
    return render_scan(sample.docs, style)


def generate(out: Path, scans: bool = True, reconvert_word97: bool = False) -> list[str]:
    files, expected = out / "files", out / "expected"
    files.mkdir(parents=True, exist_ok=True)
    expected.mkdir(parents=True, exist_ok=True)
    names = []
    for sample, style in holdout_samples():
        if style is not None and not scans:
            continue
        data, pages, doc_pages = render(sample, style, reconvert_word97)
        (files / sample.name).write_bytes(data)
        rec = golden(sample, data, pages, doc_pages, f"files/{sample.name}")
        (expected / f"{sample.name}.json").write_text(dump_json(rec), encoding="utf-8")
        names.append(sample.name)
    return names


def main() -> None:
    ap = argparse.ArgumentParser(prog="samplegen.holdout", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("data/holdout"))
    ap.add_argument("--no-scans", action="store_true", help="skip the (slow) scanned PDFs")
    ap.add_argument("--reconvert-word97", action="store_true",
                    help="remake the committed Word 97 fixture with LibreOffice (soffice) instead of copying it")
    args = ap.parse_args()
    names = generate(args.out, scans=not args.no_scans, reconvert_word97=args.reconvert_word97)
    print(f"{len(names)} held-out files written under {args.out}")


if __name__ == "__main__":
    main()
