"""A third hand for the held-out set (part of ``samplegen.holdout``): layouts neither set had.

Twelve files typed by yet another set of offices (Quảng Trị, old Quảng Bình, 2024-2025):

- section I as one paragraph of prose (``Tôi tên là …, sinh ngày …``), no gender stated;
- ``BÁO CÁO TÓM TẮT THÀNH TÍCH`` with ``a)`` ``b)`` labels in another order and the award on its own
  ``Hình thức đề nghị:`` line; prior decisions written ``QĐ số …, ngày … (issuer)``;
- labels with the value on the next line, title ``BÁO CÁO THÀNH TÍCH CÁ NHÂN NĂM 2024``;
- Huân chương Lao động hạng Ba as a two-page text PDF laid out by reportlab's own flowables (a Word
  look: a gridded header table, a transposed 5-year ratings table, a prior-award table that runs
  over the page break with its header row repeated, one row holding two decisions, a signature
  table);
- a commune for ``Xã tiêu biểu`` (two-page greyscale scan; staff in a small table, ``PHẦN THỨ …``);
- a hamlet for ``Thôn văn hóa`` as a one-page photocopy (rotated 2°, grey ground, dark edges);
- a tờ trình with a three-level header and ``Kính gửi:      …`` on one line + a biên bản with one
  paragraph block per nominee (``Số phiếu tán thành: 8/9``);
- a Word-HTML biên bản with ``Số phiếu đồng ý | Số phiếu không đồng ý`` columns;
- a .docx with tracked changes (``w:ins`` / ``w:del``) and a reviewer's comment;
- two individual reports one after the other with no page break;
- an Anh hùng Lao động report (Word-HTML) with its 10-year ratings in a two-band transposed table;
- a worker's report with a 2-column label | value table, ratings inline, an innovation certificate.

Goldens come from the ground truth written into each file, as elsewhere; the conventions these
layouts needed are in ``samplegen/README.md`` under "Held-out set" ("Third hand").
"""

from __future__ import annotations

import io
import random
import re

import numpy as np
from lxml import etree
from PIL import Image, ImageFilter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from record.models import CouncilVote, Innovation, Person, Submission, Unit
from samplegen.blocks import Block, Cols, Doc, P, Stamp, Table
from samplegen.catalog import Sample, list_nomination, merge_mentions, nomination
from samplegen.councils import vr
from samplegen.docs import QUOC_HIEU, RATING_TEXT, TIEU_NGU, date_slash, date_words, signatures
from samplegen.docs import person as list_person
from samplegen.docs import unit as list_unit
from samplegen.docx_out import render_docx, stabilize_zip
from samplegen.holdout import ScanStyle, head, para, title
from samplegen.pdf_out import _register, image_pdf, layout, render_page
from samplegen.people import HT, HX, award, pa, tr

HCLD3_PDF = "BCTT_HCLD3_Le_Van_Quang_2024.pdf"
PHOTOCOPY = "photocopy_bctt_thon_tan_my_thon_van_hoa_2025.pdf"
TRACKED = "BCTT_GK_Phan_Van_Loc_ban_sua.docx"
TWO_IN_ONE = "bctt_2_cong_nhan_lam_nghiep_ben_hai_2024.docx"


# --- T1: section I as one paragraph of prose -----------------------------------------------------------


def t1_prose_ho_thi_kim_oanh() -> Sample:
    a = award("Lao động tiên tiến", "LDTT", 2024)
    p = Person(full_name="Hồ Thị Kim Oanh", gender=None, birth_date="1986-03-14", ethnicity="Kinh",
               hometown="xã Vĩnh Thủy, huyện Vĩnh Linh, tỉnh Quảng Trị",
               residence="khu phố 3, thị trấn Hồ Xá, huyện Vĩnh Linh, tỉnh Quảng Trị",
               position="Hộ sinh", work_unit="Trung tâm Y tế huyện Vĩnh Linh",
               qualification="Cao đẳng Hộ sinh", is_leader=False)
    ratings = tr((2024, HT))
    prior = [pa(2022, "Giấy khen của Giám đốc Trung tâm Y tế huyện", "GIAY_KHEN", "412/QĐ-TTYT", "2022-12-28",
                "Giám đốc Trung tâm Y tế huyện"),
             pa(2023, "Lao động tiên tiến", "LDTT", "35/QĐ-TTYT", "2024-01-12", "Trung tâm Y tế huyện Vĩnh Linh")]
    b = head(["SỞ Y TẾ QUẢNG TRỊ", "TRUNG TÂM Y TẾ HUYỆN VĨNH LINH"], "Vĩnh Linh", "2024-12-06",
             date_under_motto=False)
    b += title(["BÁO CÁO THÀNH TÍCH"])
    b.append(P("Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2024", italic=True, align="center"))
    b.append(P("I. SƠ LƯỢC BẢN THÂN", bold=True))
    b.append(para(f"Tôi tên là {p.full_name}, sinh {date_words(p.birth_date or '', padded=False)}, dân tộc "
                  f"{p.ethnicity}; quê quán ở {p.hometown}; hiện thường trú tại {p.residence}; hiện công tác tại "
                  f"{p.work_unit}, chức vụ {p.position}; trình độ chuyên môn {p.qualification}. Tôi vào ngành "
                  "năm 2008, đã có 16 năm công tác tại Khoa Phụ sản."))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Trong năm 2024, tôi trực tiếp hỗ trợ 612 ca đẻ thường an toàn, không để xảy ra tai biến sản "
                  "khoa; tham gia tư vấn chăm sóc bà mẹ sau sinh tại nhà cho 140 sản phụ ở các xã vùng biển; "
                  "chấp hành tốt nội quy, quy chế chuyên môn của đơn vị."))
    b.append(para("Năm 2024, tôi được đánh giá, xếp loại chất lượng ở mức hoàn thành tốt nhiệm vụ."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b += [para(f"- Năm {x.year}: {x.title} theo Quyết định {x.decision_number} ngày "
               f"{date_slash(x.decision_date or '', pad_month=True)}" + (f" của {x.issuer}." if i else "."),
               indent=0) for i, x in enumerate(prior)]
    b.append(signatures(["XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "GIÁM ĐỐC", "(Ký, đóng dấu)", "Lê Văn Nam"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2024, 2024), ratings=ratings, prior=prior)
    return Sample("bctt_tu_thuat_ho_thi_kim_oanh.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- T2: BÁO CÁO TÓM TẮT, a) b) labels in another order, "Hình thức đề nghị:", issuer in brackets ----


def t2_tom_tat_tran_quoc_bao() -> Sample:
    a = award("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", 2025)
    p = Person(full_name="Trần Quốc Bảo", gender="male", birth_date="1978-11-02", ethnicity="Kinh",
               hometown="xã Hoàn Lão, huyện Bố Trạch, tỉnh Quảng Bình",
               residence="tổ dân phố 7, phường Đồng Hới, tỉnh Quảng Trị",
               position="Phó Chi cục trưởng Chi cục Thủy lợi",
               work_unit="Sở Nông nghiệp và Môi trường tỉnh Quảng Trị",
               qualification="Thạc sĩ Kỹ thuật tài nguyên nước", is_leader=True)
    ratings = tr((2023, HX), (2024, HX))
    prior = [pa(2021, "Giấy khen của Giám đốc Sở Nông nghiệp và PTNT", "GIAY_KHEN", "1234/QĐ-SNN", "2021-12-10",
                "Sở Nông nghiệp và PTNT Quảng Bình"),
             pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "1876/QĐ-SNN", "2023-12-20",
                "Sở Nông nghiệp và PTNT tỉnh Quảng Bình")]
    b = head(["UBND TỈNH QUẢNG TRỊ", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], "Quảng Trị", "2025-10-15")
    b += title(["BÁO CÁO TÓM TẮT THÀNH TÍCH"], size=14)
    b.append(P(f"Hình thức đề nghị: {a.name}", bold=True, align="center"))
    b.append(P("1. Sơ lược lý lịch", bold=True))
    b += [
        P(f"a) Chức vụ: {p.position}"),
        P(f"b) Đơn vị công tác: {p.work_unit}"),
        P(f"c) Họ và tên: {p.full_name}"),
        P("d) Giới tính: Nam"),
        P(f"đ) Sinh ngày: {date_slash(p.birth_date or '')}"),
        P(f"e) Dân tộc: {p.ethnicity}"),
        P(f"g) Quê quán: {p.hometown}"),
        P(f"h) Chỗ ở hiện nay: {p.residence}"),
        P(f"i) Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("2. Tóm tắt thành tích giai đoạn 2023 - 2024", bold=True))
    b.append(para("Tham mưu xây dựng và tổ chức thực hiện kế hoạch phòng, chống thiên tai; chỉ đạo vận hành an "
                  "toàn 14 hồ chứa trong mùa mưa lũ năm 2023 và 2024; hoàn thành sửa chữa, nâng cấp 9 hồ đập "
                  "xung yếu; tham mưu hợp nhất Chi cục Thủy lợi hai tỉnh sau sắp xếp, bảo đảm không gián đoạn."))
    b.append(P("3. Kết quả đánh giá, xếp loại: "
               + "; ".join(f"năm {r.year}: {r.rating}" for r in ratings) + "."))
    b.append(P("4. Các hình thức đã được khen thưởng", bold=True))
    b += [P(f"- Năm {x.year}: {x.title}, QĐ số {x.decision_number}, ngày {date_slash(x.decision_date or '')} "
            f"({x.issuer}).") for x in prior]
    b.append(signatures(["XÁC NHẬN CỦA GIÁM ĐỐC SỞ", "(Ký, đóng dấu)", "Hoàng Xuân Tân"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2023, 2024), ratings=ratings, prior=prior)
    return Sample("bao_cao_tom_tat_thanh_tich_tran_quoc_bao.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- T3: the value on the line under its label; BÁO CÁO THÀNH TÍCH CÁ NHÂN NĂM 2024 --------------------


def t3_value_below_ho_thi_lien() -> Sample:
    a = award("Chiến sĩ thi đua cơ sở", "CSTD_CS", 2024)
    p = Person(full_name="Hồ Thị Liên", gender="female", birth_date="1990-07-25", ethnicity="Vân Kiều",
               hometown="xã Hướng Linh, huyện Hướng Hóa, tỉnh Quảng Trị",
               residence="bản Húc Nghì, xã Hướng Linh, huyện Hướng Hóa, tỉnh Quảng Trị",
               position="Giáo viên", work_unit="Trường Tiểu học Hướng Linh",
               qualification="Đại học Giáo dục Tiểu học", is_leader=False)
    ratings = tr((2023, HX), (2024, HX))
    inn = [Innovation(title="Một số biện pháp giúp học sinh lớp 1 người Vân Kiều học tốt tiếng Việt", year=2024,
                      recognized_by="Hội đồng Sáng kiến huyện Hướng Hóa")]
    prior = [pa(2023, "Lao động tiên tiến", "LDTT", "1987/QĐ-UBND", "2023-08-12", "UBND huyện Hướng Hóa"),
             pa(2023, "Giấy khen của Chủ tịch UBND huyện Hướng Hóa", "GIAY_KHEN", "2456/QĐ-UBND", "2023-12-22",
                "Chủ tịch UBND huyện Hướng Hóa")]
    b = head(["PHÒNG GD&ĐT HƯỚNG HÓA", "TRƯỜNG TIỂU HỌC HƯỚNG LINH"], "Hướng Linh", "2024-12-12")
    b += title(["BÁO CÁO THÀNH TÍCH CÁ NHÂN NĂM 2024"], size=14)
    b.append(P("Hình thức đề nghị: danh hiệu Chiến sĩ thi đua cơ sở", italic=True, align="center"))
    b.append(P("I. THÔNG TIN CÁ NHÂN", bold=True))
    fields = [("Họ và tên:", p.full_name), ("Ngày tháng năm sinh:", date_slash(p.birth_date or "", pad_month=True)),
              ("Giới tính:", "Nữ"), ("Dân tộc:", p.ethnicity), ("Quê quán:", p.hometown),
              ("Nơi ở hiện nay:", p.residence), ("Chức vụ:", p.position), ("Đơn vị công tác:", p.work_unit),
              ("Trình độ chuyên môn:", p.qualification)]
    for label, value in fields:
        b.append(P(label, italic=True))
        b.append(P(value or "", indent=36))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Chủ nhiệm lớp 1B gồm 26 học sinh, 100% là con em đồng bào Vân Kiều; cuối năm học 100% học sinh "
                  "đọc thông, viết thạo; dạy tăng cường tiếng Việt vào buổi chiều; đạt giáo viên dạy giỏi cấp "
                  "huyện năm học 2023 - 2024."))
    b.append(P("Kết quả đánh giá, xếp loại viên chức:", italic=True))
    b.append(Table([["Năm", "Xếp loại"]] + [[str(r.year), RATING_TEXT[r.rating]] for r in ratings],
                   widths=[0.3, 0.7]))
    b.append(para(f"Sáng kiến: “{inn[0].title}” được {inn[0].recognized_by} công nhận năm {inn[0].year}."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["Năm", "Danh hiệu, hình thức khen thưởng", "Quyết định"]]
    rows += [[str(x.year), x.title or "",
              f"QĐ số {x.decision_number} ngày {date_slash(x.decision_date or '')} của {x.issuer}"] for x in prior]
    b.append(Table(rows, widths=[0.1, 0.4, 0.5]))
    b.append(signatures(["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Nguyễn Văn Sáu"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2023, 2024), ratings=ratings, innovations=inn, prior=prior)
    return Sample("BCTT ca nhan nam 2024 - Ho Thi Lien.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- T4: Huân chương Lao động hạng Ba, reportlab flowables, two pages ----------------------------------


def _t4_truth() -> tuple[Sample, dict]:
    a = award("HUÂN CHƯƠNG LAO ĐỘNG HẠNG BA", "HCLD3", 2024)
    p = Person(full_name="Lê Văn Quang", gender="male", birth_date="1967-05-19", ethnicity="Kinh",
               hometown="xã Triệu Thành, huyện Triệu Phong, tỉnh Quảng Trị",
               residence="số 24 đường Trần Hưng Đạo, phường 1, thành phố Đông Hà, tỉnh Quảng Trị",
               position="Giám đốc Sở", work_unit="Sở Kế hoạch và Đầu tư tỉnh Quảng Trị",
               qualification="Tiến sĩ Kinh tế", is_leader=True)
    ratings = tr((2019, HX), (2020, HX), (2021, HX), (2022, HX), (2023, HX))
    inn = [Innovation(title="Số hóa quy trình thẩm định dự án đầu tư công trên môi trường mạng", year=2021,
                      recognized_by="Hội đồng Sáng kiến tỉnh Quảng Trị")]
    prior = [pa(2018, "Bằng khen của Bộ trưởng Bộ Kế hoạch và Đầu tư", "BK_TINH", "1520/QĐ-BKHĐT", "2018-10-12",
                "Bộ Kế hoạch và Đầu tư"),
             pa(2019, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "3012/QĐ-UBND", "2019-12-25", "UBND tỉnh Quảng Trị"),
             pa(2020, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "2876/QĐ-UBND", "2020-12-28", "UBND tỉnh Quảng Trị"),
             pa(2021, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "3345/QĐ-UBND", "2021-12-30",
                "UBND tỉnh Quảng Trị"),
             pa(2022, "Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH", "245/QĐ-UBND", "2022-01-28", "UBND tỉnh Quảng Trị"),
             pa(2023, "Bằng khen của Thủ tướng Chính phủ", "BK_TTCP", "1207/QĐ-TTg", "2023-10-16",
                "Thủ tướng Chính phủ")]
    n = nomination(a, person=p, period=(2019, 2023), ratings=ratings, innovations=inn, prior=prior)
    sample = Sample(HCLD3_PDF, "pdf-text", [Doc("bao_cao_ca_nhan", [])], [n])
    return sample, {"person": p, "ratings": ratings, "inn": inn, "prior": prior, "date": "2024-03-20"}


def t4_hcld3_le_van_quang() -> Sample:
    return _t4_truth()[0]


def render_hcld3_pdf() -> tuple[bytes, int, list[list[int]]]:
    """A report laid out by reportlab's flowables (another "Save as PDF"): header and signature tables,
    a transposed ratings table, a prior-award table split over the page break with its header repeated."""
    _register()
    registerFontFamily("DV", normal="DV-R", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    _, t = _t4_truth()
    p: Person = t["person"]
    st = {k: ParagraphStyle(k, fontName=f, fontSize=s, leading=s * 1.3, alignment=al, spaceAfter=sa,
                            firstLineIndent=fi)
          for k, f, s, al, sa, fi in [("c", "DV-R", 11.5, TA_CENTER, 0, 0), ("cb", "DV-B", 11.5, TA_CENTER, 0, 0), ("q", "DV-B", 10.5, TA_CENTER, 0, 0),
                                      ("ci", "DV-I", 11.5, TA_CENTER, 0, 0), ("t", "DV-B", 13, TA_CENTER, 2, 0),
                                      ("h", "DV-B", 12, TA_LEFT, 3, 0), ("b", "DV-R", 11.5, TA_JUSTIFY, 3, 24),
                                      ("l", "DV-R", 11.5, TA_LEFT, 1, 0), ("cell", "DV-R", 10.5, TA_LEFT, 0, 0),
                                      ("cellb", "DV-B", 10.5, TA_CENTER, 0, 0)]}

    def par(text: str, s: str = "b") -> Paragraph:
        return Paragraph(text, st[s])

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)])
    story: list = []
    header = RLTable([[par("UBND TỈNH QUẢNG TRỊ", "c"), par(QUOC_HIEU, "q")],
                      [par("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "cb"), par(TIEU_NGU, "cb")],
                      [par("", "c"), par(f"Quảng Trị, {date_words(t['date'])}", "ci")]],
                     colWidths=[6.4 * cm, 9.6 * cm])
    header.setStyle(grid)  # the header table's borders were never hidden
    story += [header, Spacer(1, 14)]
    story += [par("BÁO CÁO THÀNH TÍCH", "t"), par("ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG HẠNG BA", "t"),
              par("(Thành tích từ năm 2019 đến năm 2023)", "ci"), Spacer(1, 8)]
    story.append(par("I. SƠ LƯỢC LÝ LỊCH", "h"))
    story += [par(f"- {k}: {v}", "l") for k, v in [
        ("Họ và tên", p.full_name), ("Sinh ngày, tháng, năm", date_slash(p.birth_date or "", pad_month=True)),
        ("Giới tính", "Nam"), ("Dân tộc", p.ethnicity), ("Quê quán", p.hometown), ("Trú quán", p.residence),
        ("Đơn vị công tác", p.work_unit), ("Chức vụ (Đảng, chính quyền, đoàn thể)", p.position),
        ("Trình độ chuyên môn, nghiệp vụ", p.qualification)]]
    story.append(par("II. THÀNH TÍCH ĐẠT ĐƯỢC", "h"))
    story.append(par("1. Quyền hạn, nhiệm vụ được giao", "h"))
    story.append(par("Tham mưu UBND tỉnh về quy hoạch, kế hoạch phát triển kinh tế - xã hội; quản lý đầu tư công, "
                     "thu hút đầu tư, đăng ký doanh nghiệp và hỗ trợ doanh nghiệp nhỏ và vừa trên địa bàn tỉnh."))
    story.append(par("2. Thành tích đạt được", "h"))
    for text in [
        "Chủ trì tham mưu lập Quy hoạch tỉnh Quảng Trị thời kỳ 2021 - 2030, tầm nhìn đến năm 2050, được Thủ "
        "tướng Chính phủ phê duyệt; tham mưu thành lập Khu kinh tế Đông Nam Quảng Trị và thu hút dự án Nhà máy "
        "nhiệt điện Quảng Trị, Trung tâm Điện khí LNG Hải Lăng.",
    ]:
        story.append(par(text))
    story.append(par(f"Sáng kiến “{t['inn'][0].title}” được {t['inn'][0].recognized_by} công nhận năm "
                     f"{t['inn'][0].year}."))
    story.append(par("3. Kết quả đánh giá, xếp loại hằng năm", "h"))
    ratings = t["ratings"]
    rt = RLTable([[par("Năm", "cellb")] + [par(str(r.year), "cellb") for r in ratings],
                  [par("Xếp loại", "cellb")] + [par(r.rating, "cell") for r in ratings]],
                 colWidths=[3 * cm] + [2.6 * cm] * len(ratings))
    rt.setStyle(grid)
    story += [rt, Spacer(1, 4)]
    story.append(par("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "h"))
    prior = t["prior"]
    rows = [[par(h, "cellb") for h in ("TT", "Năm", "Hình thức khen thưởng", "Số, ngày quyết định",
                                       "Cơ quan ban hành")]]
    x = prior[0]
    rows.append([par("1", "cell"), par(str(x.year), "cell"), par(x.title or "", "cell"),
                 par(f"QĐ số {x.decision_number} ngày {date_slash(x.decision_date or '')}", "cell"),
                 par(x.issuer or "", "cell")])
    two = prior[1:3]
    rows.append([par("2", "cell"), par(f"{two[0].year}, {two[1].year}", "cell"), par(two[0].title or "", "cell"),
                 par("; ".join(f"QĐ số {x.decision_number} ngày {date_slash(x.decision_date or '')}" for x in two),
                     "cell"), par(two[0].issuer or "", "cell")])
    for i, x in enumerate(prior[3:], 3):
        rows.append([par(str(i), "cell"), par(str(x.year), "cell"), par(x.title or "", "cell"),
                     par(f"QĐ số {x.decision_number} ngày {date_slash(x.decision_date or '')}", "cell"),
                     par(x.issuer or "", "cell")])
    pt = RLTable(rows, colWidths=[0.9 * cm, 1.6 * cm, 4.3 * cm, 5.6 * cm, 3.6 * cm], repeatRows=1)
    pt.setStyle(grid)
    story += [pt, Spacer(1, 14)]
    sig = RLTable([[par("XÁC NHẬN CỦA UBND TỈNH", "cb"), par("NGƯỜI BÁO CÁO THÀNH TÍCH", "cb")],
                   [par("KT. CHỦ TỊCH", "cb"), par("(Ký, ghi rõ họ và tên)", "ci")],
                   [par("PHÓ CHỦ TỊCH", "cb"), par("", "c")],
                   [Spacer(1, 50), Spacer(1, 50)],
                   [par("Hà Sỹ Đồng", "cb"), par(p.full_name or "", "cb")]], colWidths=[8 * cm, 8 * cm])
    story.append(sig)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm, topMargin=1.5 * cm,
                            bottomMargin=1.5 * cm, invariant=1, creator="Microsoft® Word for Microsoft 365",
                            producer="Microsoft® Word for Microsoft 365", title="", author="")
    pages: list[int] = []
    doc.build(story, onLaterPages=lambda c, d: pages.append(d.page), onFirstPage=lambda c, d: pages.append(d.page))
    n = len(pages)
    return buf.getvalue(), n, [list(range(1, n + 1))]


# --- T5: a commune for "Xã tiêu biểu": PHẦN THỨ …, staff in a small table; a 2-page scan --------------


def t5_xa_quang_phu() -> tuple[Sample, ScanStyle]:
    a = award("XÃ TIÊU BIỂU", "XA_TIEU_BIEU", 2024)
    u = Unit(name="Ủy ban nhân dân xã Quảng Phú",
             address="thôn Phú Trạch, xã Quảng Phú, huyện Quảng Trạch, tỉnh Quảng Bình", headcount=23,
             head="Phạm Văn Nam")
    ratings = tr((2023, HX), (2024, HX))
    prior = [pa(2022, "Cờ thi đua của UBND tỉnh", "CO_TD_TINH", "3456/QĐ-UBND", "2022-12-28", "UBND tỉnh Quảng Bình"),
             pa(2023, "Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", "2987/QĐ-UBND", "2023-12-25",
                "Chủ tịch UBND tỉnh Quảng Bình")]
    b = head(["UBND HUYỆN QUẢNG TRẠCH", "UBND XÃ QUẢNG PHÚ"], "Quảng Phú", "2024-11-22")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “XÃ TIÊU BIỂU” NĂM 2024"])
    b.append(P(u.name or "", bold=True, align="center"))
    b.append(P("(Thành tích giai đoạn 2022 - 2024)", italic=True, align="center"))
    b.append(P("PHẦN THỨ NHẤT", bold=True, align="center"))
    b.append(P("ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, align="center"))
    b.append(P(f"- Địa chỉ trụ sở: {u.address}."))
    b.append(para("Xã Quảng Phú là xã ven biển, diện tích tự nhiên 1.186 ha, dân số 9.412 người với 2.306 hộ, "
                  "gồm 6 thôn; nghề chính là khai thác, nuôi trồng thủy sản và dịch vụ hậu cần nghề cá."))
    b.append(P("- Đội ngũ cán bộ, công chức xã:"))
    b.append(Table([["Cán bộ chuyên trách", "11"], ["Công chức chuyên môn", "12"], ["Tổng cộng", "23"]],
                   widths=[0.6, 0.4], header=False))
    b.append(P("PHẦN THỨ HAI", bold=True, align="center"))
    b.append(P("THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, align="center"))
    b.append(para("Tốc độ tăng trưởng giá trị sản xuất bình quân giai đoạn 2022 - 2024 đạt 10,6%/năm; thu nhập "
                  "bình quân đầu người năm 2024 đạt 62 triệu đồng; tỷ lệ hộ nghèo còn 1,4%; xã đạt chuẩn nông "
                  "thôn mới nâng cao năm 2023; không có tàu cá vi phạm khai thác IUU."))
    b.append(para("Năm 2023 và năm 2024, Ủy ban nhân dân xã được xếp loại hoàn thành xuất sắc nhiệm vụ."))
    b.append(P("PHẦN THỨ BA", bold=True, align="center"))
    b.append(P("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, align="center"))
    b += [P(f"- Năm {x.year}: {x.title} (Quyết định số {x.decision_number} ngày {date_slash(x.decision_date or '')} "
            f"của {x.issuer}).") for x in prior]
    b.append(signatures(["XÁC NHẬN CỦA UBND HUYỆN QUẢNG TRẠCH", "CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Văn Thành"],
                        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", u.head or ""],
                        "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ * QUẢNG BÌNH", "right"))
    n = nomination(a, unit=u, period=(2022, 2024), ratings=ratings, prior=prior)
    style = ScanStyle(seed=51, skew=0.7, grey=True, speckle=200, quality=64)
    return Sample("scan_bctt_xa_tieu_bieu_quang_phu_2024.pdf", "pdf-scanned", [Doc("bao_cao_tap_the", b)], [n]), style


# --- T6: a hamlet for "Thôn văn hóa", a photocopy (2° rotation, grey ground, dark edges) -------------


def t6_thon_tan_my() -> tuple[Sample, ScanStyle]:
    a = award("THÔN VĂN HÓA", "THON_VH", 2025)
    u = Unit(name="Thôn Tân Mỹ", address="thôn Tân Mỹ, xã Cửa Tùng, tỉnh Quảng Trị", headcount=None,
             head="Lê Văn Tám")
    prior = [pa(2023, "Thôn văn hóa", "THON_VH", "1567/QĐ-UBND", "2023-12-20", "UBND huyện Vĩnh Linh"),
             pa(2024, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "2210/QĐ-UBND", "2024-12-18",
                "Chủ tịch UBND huyện Vĩnh Linh")]
    b = head(["UBND XÃ CỬA TÙNG", "BAN NHÂN DÂN THÔN TÂN MỸ"], "Tân Mỹ", "2025-11-10")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “THÔN VĂN HÓA” NĂM 2025"])
    b.append(P(u.name or "", bold=True, align="center"))
    b.append(P("I. ĐẶC ĐIỂM TÌNH HÌNH", bold=True))
    b.append(P(f"- Địa chỉ: {u.address}."))
    b.append(para("Thôn có 215 hộ, 860 nhân khẩu, sinh sống chủ yếu bằng nghề đánh bắt hải sản và trồng hồ tiêu; "
                  "Chi bộ thôn có 42 đảng viên; thôn có 6 chi hội đoàn thể."))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Năm 2025, 98% hộ gia đình đạt danh hiệu Gia đình văn hóa; nhân dân hiến 1.200 m² đất và đóng "
                  "góp 650 triệu đồng làm 1,8 km đường bê tông; không có tội phạm, tệ nạn xã hội; 100% trẻ em "
                  "trong độ tuổi được đến trường; thôn duy trì đội văn nghệ và câu lạc bộ thể thao."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b += [P(f"- Năm {x.year}: {x.title}, Quyết định số {x.decision_number} ngày {date_slash(x.decision_date or '')} "
            f"của {x.issuer}.") for x in prior]
    b.append(signatures(["XÁC NHẬN CỦA UBND XÃ CỬA TÙNG", "CHỦ TỊCH", "(Ký, đóng dấu)", "Trần Văn Định"],
                        ["TRƯỞNG THÔN", "(Ký, ghi rõ họ tên)", u.head or ""],
                        "ỦY BAN NHÂN DÂN XÃ CỬA TÙNG * QUẢNG TRỊ", "left"))
    n = nomination(a, unit=u, period=None, prior=prior)
    style = ScanStyle(seed=52, skew=2.0, grey=True, speckle=700, quality=58)
    return Sample(PHOTOCOPY, "pdf-scanned", [Doc("bao_cao_tap_the", b)], [n]), style


def render_photocopy(sample: Sample, style: ScanStyle, dpi: int = 200) -> tuple[bytes, int, list[list[int]]]:
    """A photocopy of a printed page, scanned: rotated exactly ``style.skew`` degrees with the copier's dark
    ground in the corners, a grey page tone, dark edges, hard toner and specks."""
    lay = layout(sample.docs)
    rng = random.Random(style.seed)

    def pages():  # noqa: ANN202
        for page in range(1, lay.page + 1):
            img = render_page(lay, page, dpi, True, rng, 0.0)
            arr = np.asarray(img).astype(np.float32)
            arr = np.clip((arr - 70) * np.float32(1.45), 0, 255)  # hard toner: greys go black or white
            arr = np.float32(48) + arr * np.float32((206 - 48) / 255)  # grey paper tone, black not quite black
            img = Image.fromarray(arr.astype(np.uint8)).rotate(style.skew, resample=Image.Resampling.BICUBIC,
                                                                fillcolor=34)
            arr = np.asarray(img).astype(np.float32)
            h, w = arr.shape
            yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
            edge = np.minimum(np.minimum(xx, w - 1 - xx) / w, np.minimum(yy, h - 1 - yy) / h)
            arr -= np.clip(1 - edge / np.float32(0.06), 0, 1) * np.float32(75)  # darker towards the edges
            nrng = np.random.default_rng(rng.randrange(1 << 30))
            arr += nrng.standard_normal(size=arr.shape, dtype=np.float32) * np.float32(9)
            for _ in range(style.speckle):
                y, x = int(nrng.integers(0, h - 3)), int(nrng.integers(0, w - 3))
                s = int(nrng.integers(1, 3))
                arr[y:y + s, x:x + s] = np.float32(nrng.uniform(25, 90))
            yield Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))

    data = image_pdf(pages(), dpi, style.quality, "RICOH MP 2014AD", "RICOH MP 2014AD")
    return data, lay.page, lay.doc_pages


# --- T7: tờ trình with a three-level header and "Kính gửi:      …"; biên bản with one block per nominee ---


def t7_totrinh_102_bienban() -> Sample:
    left = ["UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ", "BAN THI ĐUA - KHEN THƯỞNG"]
    s = Submission(number="102/TTr-SNV", date="2025-11-05", issuer="BAN THI ĐUA - KHEN THƯỞNG",
                   recipient="Chủ tịch UBND tỉnh Quảng Trị")
    tt: list[Block] = head(left, "Quảng Trị", s.date or "", number=s.number)
    tt += title(["TỜ TRÌNH", "Về việc đề nghị khen thưởng cho tập thể, cá nhân năm 2025"])
    tt.append(P(f"Kính gửi:      {s.recipient}.", align="left", indent=60))
    tt += [para("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True),
           para("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;", italic=True),
           para("Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng tỉnh ngày 30/10/2025,", italic=True),
           para("Ban Thi đua - Khen thưởng, Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, tặng danh hiệu Chiến "
                "sĩ thi đua cấp tỉnh cho 01 cá nhân, Cờ thi đua của UBND tỉnh cho 01 tập thể và Bằng khen của Chủ "
                "tịch UBND tỉnh cho 01 cá nhân (có biên bản và hồ sơ kèm theo)."),
           para("Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")]
    sig = signatures([], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, đóng dấu)", "Nguyễn Thị Minh Hằng"], None)
    tt.append(Cols([P("Nơi nhận:", bold=True, italic=True, size=11), P("- Như trên;", size=11),
                    P("- Giám đốc Sở (b/c);", size=11), P("- Lưu: VT, TĐKT.", size=11)], sig.right,
                   widths=(0.5, 0.5), stamp=Stamp("SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "right"), sign="right"))
    v = CouncilVote(date="2025-10-30", members_total=9, members_present=9, results=[
        vr("Nguyễn Hữu Phước", "CSTD_TINH", 8, 9),
        vr("Công an xã Gio Linh", "CO_TD_TINH", 9, 9),
        vr("Lê Thị Thanh Tâm", "BK_TINH", 7, 9),
    ])
    bb: list[Block] = head(["UBND TỈNH QUẢNG TRỊ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], "Quảng Trị", v.date or "",
                           number="15/BB-HĐTĐKT")
    bb += title(["BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng tỉnh"])
    bb += [para(f"Vào lúc 14 giờ 00, {date_words(v.date or '')}, tại phòng họp số 2, UBND tỉnh Quảng Trị, Hội đồng "
                "Thi đua - Khen thưởng tỉnh họp xét đề nghị khen thưởng năm 2025."),
           P("Tổng số thành viên Hội đồng: 09 người; có mặt: 09 người."),
           P("Chủ trì: đồng chí Hà Sỹ Đồng, Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Thường trực Hội đồng."),
           P("Thư ký: đồng chí Võ Thị Thu Hà, chuyên viên Ban Thi đua - Khen thưởng."),
           para("Sau khi nghe Thường trực Hội đồng báo cáo tóm tắt thành tích, các thành viên thảo luận và bỏ "
                "phiếu kín. Kết quả như sau:")]
    blocks = [("1. Đồng chí Nguyễn Hữu Phước", "Phó Giám đốc Sở Y tế", "Chiến sĩ thi đua cấp tỉnh", "8/9"),
              ("2. Công an xã Gio Linh", "Công an tỉnh Quảng Trị", "Cờ thi đua của UBND tỉnh", "9/9"),
              ("3. Bà Lê Thị Thanh Tâm", "Giáo viên Trường THPT Đông Hà", "Bằng khen của Chủ tịch UBND tỉnh", "7/9")]
    for name, unit, aw, votes in blocks:
        bb += [P(name, bold=True), P(f"- Chức vụ, đơn vị: {unit}"), P(f"- Hình thức đề nghị: {aw}"),
               P(f"- Số phiếu tán thành: {votes}")]
    bb += [para("Cuộc họp kết thúc lúc 16 giờ 15 cùng ngày; biên bản được thông qua tại cuộc họp./."),
           signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Võ Thị Thu Hà"],
                      ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Hà Sỹ Đồng"], None)]
    # the tờ trình only counts its nominees; the minutes name them (the letter's subject gives the year)
    voted = [list_nomination(list_person("", "Nguyễn Hữu Phước", None, "Chiến sĩ thi đua cấp tỉnh"), 2025, "bien_ban"),
             list_nomination(list_unit("Công an xã Gio Linh", "Cờ thi đua của UBND tỉnh"), 2025, "bien_ban"),
             list_nomination(list_person("", "Lê Thị Thanh Tâm", None, "Bằng khen của Chủ tịch UBND tỉnh"), 2025,
                             "bien_ban")]
    return Sample("totrinh_102_ttr_snv_va_bien_ban_hdtdkt_tinh.docx", "docx",
                  [Doc("to_trinh", tt), Doc("bien_ban", bb)], merge_mentions([voted]), submission=s, council_vote=v)


# --- T8: Word-HTML biên bản, votes as "Số phiếu đồng ý | Số phiếu không đồng ý" columns -----------------


def t8_bien_ban_thpt_vinh_linh() -> Sample:
    v = CouncilVote(date="2024-05-28", members_total=11, members_present=10, results=[
        vr("Nguyễn Văn Hải", "CSTD_CS", 10, 10),
        vr("Trần Thị Ngọc Hà", "CSTD_CS", 9, 10),
        vr("Lê Quang Vũ", "LDTT", 8, 10),
        vr("Tổ Toán - Tin", "TT_LDTT", 10, 10),
    ])
    rows_src = [("Nguyễn Văn Hải", "Giáo viên", "Chiến sĩ thi đua cơ sở"),
                ("Trần Thị Ngọc Hà", "Tổ trưởng Tổ Ngữ văn", "Chiến sĩ thi đua cơ sở"),
                ("Lê Quang Vũ", "Giáo viên", "Lao động tiên tiến"),
                ("Tổ Toán - Tin", "Tập thể", "Tập thể lao động tiên tiến")]
    b: list[Block] = head(["SỞ GD&ĐT QUẢNG TRỊ", "TRƯỜNG THPT VĨNH LINH"], "Vĩnh Linh", v.date or "",
                          number="08/BB-HĐTĐKT")
    b += title(["BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng nhà trường", "Năm học 2023 - 2024"])
    b += [para(f"Thời gian: 15 giờ 30, {date_words(v.date or '')}."),
          P("Địa điểm: Phòng họp Hội đồng, Trường THPT Vĩnh Linh."),
          P(f"Thành phần: Hội đồng gồm {v.members_total} thành viên; có mặt {v.members_present} thành viên, vắng 01 "
            "(thầy Phan Đình Long, đi tập huấn)."),
          P("Chủ trì: thầy Hoàng Minh Tuấn, Hiệu trưởng, Chủ tịch Hội đồng."),
          P("Thư ký: cô Nguyễn Thị Mỹ Linh, giáo viên, Thư ký Hội đồng."),
          P("Kết quả bỏ phiếu kín:", bold=True)]
    rows = [["STT", "Họ và tên", "Chức vụ", "Danh hiệu đề nghị", "Số phiếu đồng ý", "Số phiếu không đồng ý"]]
    for i, ((name, pos, aw), r) in enumerate(zip(rows_src, v.results, strict=True), 1):
        rows.append([str(i), name, pos, aw, str(r.votes_for), str((r.votes_total or 0) - (r.votes_for or 0))])
    b.append(Table(rows, widths=[0.07, 0.23, 0.2, 0.22, 0.14, 0.14]))
    b += [para("Hội đồng thống nhất đề nghị Hiệu trưởng trình Giám đốc Sở Giáo dục và Đào tạo công nhận các danh "
               "hiệu nêu trên. Cuộc họp kết thúc lúc 17 giờ 00 cùng ngày./."),
          signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Nguyễn Thị Mỹ Linh"],
                     ["CHỦ TỊCH HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Hoàng Minh Tuấn"], None)]
    voted = [list_nomination(list_unit(n, aw) if pos == "Tập thể" else list_person("", n, None, aw), 2024, "bien_ban")
             for n, pos, aw in rows_src]
    return Sample("bien_ban_hdtdkt_thpt_vinh_linh_nam_hoc_2023_2024.doc", "doc", [Doc("bien_ban", b)],
                  merge_mentions([voted]), council_vote=v)


# --- T9: a .docx with tracked changes and a comment: the golden is the accepted text -------------------

# In the builder's text, ⟦-x⟧ is a tracked deletion and ⟦+x⟧ a tracked insertion.
_MARK = re.compile(r"⟦([+-])(.*?)⟧")


def t9_tracked_phan_van_loc() -> Sample:
    a = award("GIẤY KHEN CỦA CHỦ TỊCH UBND XÃ VĨNH HOÀNG", "GIAY_KHEN", 2025)  # as the title writes it
    p = Person(full_name="Phan Văn Lộc", gender="male", birth_date="1975-09-08", ethnicity="Kinh",
               hometown="xã Vĩnh Hoàng, huyện Vĩnh Linh, tỉnh Quảng Trị",
               residence="thôn Tân Thuận, xã Vĩnh Hoàng, tỉnh Quảng Trị",
               position="Chỉ huy trưởng Ban Chỉ huy quân sự xã", work_unit="UBND xã Vĩnh Hoàng",
               qualification="Trung cấp Quân sự cơ sở", is_leader=True)
    ratings = tr((2024, HT), (2025, HX))
    prior = [pa(2023, "Giấy khen của Chủ tịch UBND huyện Vĩnh Linh", "GIAY_KHEN", "1425/QĐ-UBND", "2023-12-15",
                "Chủ tịch UBND huyện Vĩnh Linh"),
             pa(2024, "Giấy khen của Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh", "GIAY_KHEN", "512/QĐ-BCH",
                "2024-11-20", "Bộ Chỉ huy quân sự tỉnh Quảng Trị")]
    b = head(["UBND XÃ VĨNH HOÀNG", "BAN CHỈ HUY QUÂN SỰ XÃ"], "Vĩnh Hoàng", "2025-11-27")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND XÃ VĨNH HOÀNG"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"- Họ và tên: {p.full_name}\tGiới tính: Nam"),
        P("- Sinh ngày, tháng, năm: ⟦-08/9/1974⟧⟦+08/9/1975⟧"),
        P(f"- Dân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Trú quán: {p.residence}"),
        P("- Chức vụ: ⟦-Phó ⟧Chỉ huy trưởng Ban Chỉ huy quân sự xã"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Tham mưu Đảng ủy, UBND xã lãnh đạo công tác quốc phòng, quân sự địa phương; tuyển chọn, gọi "
                  "công dân nhập ngũ đạt 100% chỉ tiêu; tổ chức huấn luyện dân quân đạt loại giỏi; chỉ huy lực "
                  "lượng giúp nhân dân di dời 86 hộ trong đợt lũ tháng 10 năm 2025."))
    b.append(para("Năm 2024 hoàn thành tốt nhiệm vụ⟦+; năm 2025 hoàn thành xuất sắc nhiệm vụ⟧."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b.append(P("⟦-- Năm 2021: Giấy khen của Chủ tịch UBND huyện Vĩnh Linh tại Quyết định số 2011/QĐ-UBND ngày "
               "20/12/2021.⟧"))
    x = prior[0]
    b.append(P(f"- Năm {x.year}: {x.title} tại Quyết định số ⟦-1452⟧⟦+1425⟧/QĐ-UBND ngày "
               f"{date_slash(x.decision_date or '')}."))
    x = prior[1]
    b.append(P(f"- Năm {x.year}: {x.title} tại Quyết định số {x.decision_number} ngày "
               f"{date_slash(x.decision_date or '')} của {x.issuer}."))
    b.append(signatures(["XÁC NHẬN CỦA UBND XÃ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Đăng Khoa"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2024, 2025), ratings=ratings, prior=prior)
    return Sample(TRACKED, "docx", [Doc("bao_cao_ca_nhan", b)], [n])


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REV_DATE = "2025-11-27T09:15:00Z"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def render_tracked(sample: Sample) -> tuple[bytes, int, list[list[int]]]:
    """The .docx with every ⟦-…⟧ / ⟦+…⟧ turned into a ``w:del`` / ``w:ins`` revision by one reviewer, and
    a comment on the name line; fixed revision ids and dates keep the bytes stable."""
    from docx import Document

    base = render_docx(sample.docs, font="Times New Roman", author="Phan Văn Lộc")
    document = Document(io.BytesIO(base))
    rev = 100
    for t in list(document.element.body.iter(_w("t"))):
        text = t.text or ""
        if "⟦" not in text:
            continue
        run = t.getparent()
        rpr = run.find(_w("rPr"))
        parent, at = run.getparent(), run.getparent().index(run)
        parent.remove(run)
        pieces: list[tuple[str, str]] = []
        pos = 0
        for m in _MARK.finditer(text):
            if m.start() > pos:
                pieces.append(("", text[pos:m.start()]))
            pieces.append((m.group(1), m.group(2)))
            pos = m.end()
        if pos < len(text):
            pieces.append(("", text[pos:]))
        for kind, piece in pieces:
            r = etree.Element(_w("r"))
            if rpr is not None:
                r.append(etree.fromstring(etree.tostring(rpr)))
            tt = etree.SubElement(r, _w("delText" if kind == "-" else "t"))
            tt.text = piece
            tt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node = r
            if kind:
                rev += 1
                node = etree.Element(_w("del" if kind == "-" else "ins"))
                node.set(_w("id"), str(rev))
                node.set(_w("author"), "Nguyễn Đăng Khoa")
                node.set(_w("date"), _REV_DATE)
                node.append(r)
            parent.insert(at, node)
            at += 1
    name_para = next(par for par in document.paragraphs if par.text.startswith("- Họ và tên:"))
    comment = document.add_comment(name_para.runs[0], text="Đề nghị ghi rõ họ tên khai sinh theo CCCD.",
                                   author="Nguyễn Đăng Khoa", initials="NĐK")
    comment._comment_elm.set(_w("date"), _REV_DATE)
    settings = document.settings.element
    if settings.find(_w("trackRevisions")) is None:  # schema order: after proofState, before defaultTabStop
        tab = settings.find(_w("defaultTabStop"))
        at = settings.index(tab) if tab is not None else len(settings)
        settings.insert(at, etree.Element(_w("trackRevisions")))
    buf = io.BytesIO()
    document.save(buf)
    return stabilize_zip(buf.getvalue()), 1, [[1]]


# --- T10: two individual reports one after the other, no page break ------------------------------------


def _worker_report(p: Person, heading: list[str], ratings_text: str, prior_lines: list[str], duties: str) -> Doc:
    b: list[Block] = head(heading, "Bến Hải", "2024-12-03")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2024"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"- Họ và tên: {p.full_name}"),
        P(f"- Ngày sinh: {date_slash(p.birth_date or '', pad_month=True)}\tGiới tính: "
          f"{'Nam' if p.gender == 'male' else 'Nữ'}"),
        P(f"- Dân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Nơi ở hiện nay: {p.residence}"),
        P(f"- Chức vụ: {p.position}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
        P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True),
        para(duties),
        para(ratings_text),
        P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True),
    ]
    b += [P(line) for line in prior_lines]
    b.append(signatures(["GIÁM ĐỐC CÔNG TY", "(Ký, đóng dấu)", "Trần Văn Thắng"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    return Doc("bao_cao_ca_nhan", b)


def t10_two_reports() -> Sample:
    a = award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2024)
    heading = ["CÔNG TY TNHH MTV LÂM NGHIỆP BẾN HẢI", "ĐỘI BẢO VỆ RỪNG SỐ 2"]
    p1 = Person(full_name="Hồ Văn Khiêm", gender="male", birth_date="1983-02-17", ethnicity="Vân Kiều",
                hometown="xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
                residence="bản Xà Lời, xã Vĩnh Ô, huyện Vĩnh Linh, tỉnh Quảng Trị",
                position="Công nhân bảo vệ rừng", work_unit="Công ty TNHH MTV Lâm nghiệp Bến Hải",
                qualification="Sơ cấp Lâm sinh", is_leader=False)
    p2 = Person(full_name="Nguyễn Thị Thúy", gender="female", birth_date="1992-10-05", ethnicity="Kinh",
                hometown="xã Vĩnh Hà, huyện Vĩnh Linh, tỉnh Quảng Trị",
                residence="thôn Khe Cát, xã Vĩnh Hà, huyện Vĩnh Linh, tỉnh Quảng Trị",
                position="Công nhân lâm nghiệp", work_unit="Công ty TNHH MTV Lâm nghiệp Bến Hải",
                qualification="Trung cấp Lâm nghiệp", is_leader=False)
    pr1 = [pa(2023, "Lao động tiên tiến", "LDTT", "88/QĐ-CTLN", "2023-12-26", "Công ty TNHH MTV Lâm nghiệp Bến Hải")]
    pr2: list = []
    d1 = _worker_report(p1, heading, "Năm 2024 hoàn thành tốt nhiệm vụ.",
                        [f"- Năm 2023: Lao động tiên tiến tại Quyết định số 88/QĐ-CTLN ngày 26/12/2023 của "
                         f"{pr1[0].issuer}."],
                        "Tuần tra, bảo vệ 420 ha rừng tự nhiên tại tiểu khu 512; phát hiện, ngăn chặn 3 vụ khai "
                        "thác gỗ trái phép; không để xảy ra cháy rừng trên diện tích được giao.")
    d2 = _worker_report(p2, heading, "Năm 2024 hoàn thành tốt nhiệm vụ.", ["Chưa có."],
                        "Trồng mới 35 ha rừng keo lai đạt tỷ lệ sống 95%; chăm sóc 60 ha rừng trồng năm thứ hai; "
                        "tham gia chữa cháy rừng tại tiểu khu 508 tháng 6 năm 2024.")
    ns = [nomination(a, person=p1, period=(2024, 2024), ratings=tr((2024, HT)), prior=pr1),
          nomination(a, person=p2, period=(2024, 2024), ratings=tr((2024, HT)), prior=pr2)]
    return Sample(TWO_IN_ONE, "docx", [d1, d2], ns)


def render_two_in_one(sample: Sample) -> tuple[bytes, int, list[list[int]]]:
    """Both reports in one stream: the second starts right after the first's signatures, no page break."""
    joined = Doc("bao_cao_ca_nhan", [blk for d in sample.docs for blk in d.blocks])
    return render_docx([joined], font="Times New Roman"), 1, [[1] for _ in sample.docs]


# --- T11: Anh hùng Lao động, Word-HTML, a 10-year ratings table in two bands ---------------------------


def t11_ahld_tran_van_thien() -> Sample:
    a = award("ANH HÙNG LAO ĐỘNG", "AHLD", 2025)
    p = Person(full_name="Trần Văn Thiện", gender="male", birth_date="1962-02-14", ethnicity="Kinh",
               hometown="xã Hải Ninh, huyện Quảng Ninh, tỉnh Quảng Bình",
               residence="thôn Hải Trung, xã Ninh Châu, tỉnh Quảng Trị",
               position="Giám đốc", work_unit="Hợp tác xã Nông nghiệp Hải Ninh",
               qualification="Kỹ sư Nông học", is_leader=True)
    ratings = tr(*[(y, HT if y < 2017 else HX) for y in range(2015, 2025)])
    inn = [Innovation(title="Quy trình canh tác lúa hữu cơ trên đất cát ven biển", year=2018,
                      recognized_by="Hội đồng Sáng kiến tỉnh Quảng Bình"),
           Innovation(title="Mô hình liên kết nuôi tôm thẻ chân trắng trong nhà màng hai giai đoạn", year=2022,
                      recognized_by="Sở Khoa học và Công nghệ tỉnh Quảng Bình")]
    prior = [pa(2018, "Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH", "456/QĐ-UBND", "2018-02-09", "UBND tỉnh Quảng Bình"),
             pa(2016, "Bằng khen của Thủ tướng Chính phủ", "BK_TTCP", "2022/QĐ-TTg", "2016-10-17",
                "Thủ tướng Chính phủ"),
             pa(2019, "Huân chương Lao động hạng Ba", "HCLD3", "1456/QĐ-CTN", "2019-08-20", "Chủ tịch nước"),
             pa(2023, "Huân chương Lao động hạng Nhì", "HCLD2", "987/QĐ-CTN", "2023-09-15", "Chủ tịch nước")]
    b = head(["UBND XÃ NINH CHÂU", "HỢP TÁC XÃ NÔNG NGHIỆP HẢI NINH"], "Ninh Châu", "2025-09-08")
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ PHONG TẶNG DANH HIỆU ANH HÙNG LAO ĐỘNG"])
    b.append(P("(Thành tích trong giai đoạn 2015 - 2024)", italic=True, align="center"))
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"- Họ và tên: {p.full_name}\tGiới tính: Nam"),
        P(f"- Sinh ngày, tháng, năm: {date_slash(p.birth_date or '', pad_month=True)}"),
        P(f"- Dân tộc: {p.ethnicity}\tTôn giáo: Không"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Trú quán: {p.residence}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Chức vụ (Đảng, chính quyền, đoàn thể): {p.position}"),
        P(f"- Trình độ chuyên môn, nghiệp vụ: {p.qualification}"),
        P("- Học hàm, học vị, danh hiệu, giải thưởng: Không"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Từ một hợp tác xã thua lỗ năm 2014, ông đã đưa Hợp tác xã Nông nghiệp Hải Ninh thành đơn vị dẫn "
                  "đầu tỉnh: doanh thu năm 2024 đạt 48 tỷ đồng, gấp 12 lần năm 2015; tạo việc làm ổn định cho 310 "
                  "lao động; xây dựng 120 ha vùng lúa hữu cơ và 24 ha tôm công nghệ cao trên cát."))
    b.append(P("Kết quả đánh giá, xếp loại từng năm:", italic=True))
    rows = []
    for band in (ratings[:5], ratings[5:]):
        rows.append(["Năm"] + [str(r.year) for r in band])
        rows.append(["Xếp loại"] + [r.rating for r in band])
    b.append(Table(rows, widths=[0.2] + [0.16] * 5, header=False))
    b.append(P("Sáng kiến, giải pháp được công nhận:", italic=True))
    b.append(Table([["TT", "Tên sáng kiến, giải pháp", "Năm", "Cơ quan công nhận"]]
                   + [[str(i), x.title or "", str(x.year), x.recognized_by or ""] for i, x in enumerate(inn, 1)],
                   widths=[0.07, 0.5, 0.1, 0.33]))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    head_row = ["Năm", "{}", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định"]

    def table(rows_: list, what: str) -> Table:
        h = [c.format(what) for c in head_row]
        return Table([h] + [[str(x.year), x.title or "", f"Quyết định số {x.decision_number} ngày "
                             f"{date_slash(x.decision_date or '')} của {x.issuer}"] for x in rows_],
                     widths=[0.1, 0.35, 0.55])

    b.append(P("1. Danh hiệu thi đua:"))
    b.append(table(prior[:1], "Danh hiệu thi đua"))
    b.append(P("2. Hình thức khen thưởng:"))
    b.append(table(prior[1:], "Hình thức khen thưởng"))
    b.append(signatures(["XÁC NHẬN CỦA UBND XÃ NINH CHÂU", "CHỦ TỊCH", "(Ký, đóng dấu)", "Đặng Văn Hùng"],
                        ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2015, 2024), ratings=ratings, innovations=inn, prior=prior)
    return Sample("bao_cao_thanh_tich_anh_hung_lao_dong_tran_van_thien.doc", "doc", [Doc("bao_cao_ca_nhan", b)],
                  [n])


# --- T12: a worker, 2-column label | value table, ratings inline, an innovation certificate ---------------


def t12_cong_nhan_le_thi_hue() -> Sample:
    a = award("BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "BK_TINH", 2024)
    p = Person(full_name="Lê Thị Huệ", gender="female", birth_date="1988-12-03", ethnicity="Kinh",
               hometown="xã Gio Châu, huyện Gio Linh, tỉnh Quảng Trị",
               residence="khóm 2, thị trấn Khe Sanh, huyện Hướng Hóa, tỉnh Quảng Trị",
               position="Công nhân khai thác mủ cao su",
               work_unit="Nông trường Cao su Khe Sanh, Công ty TNHH MTV Cao su Quảng Trị",
               qualification="Sơ cấp nghề Khai thác mủ cao su", is_leader=False)
    ratings = tr((2023, HX), (2024, HX))
    inn = [Innovation(title="Cải tiến dao cạo mủ giảm hao dăm", year=2023,
                      recognized_by="Hội đồng Sáng kiến Công ty TNHH MTV Cao su Quảng Trị")]
    prior = [pa(2022, "Lao động tiên tiến", "LDTT", "215/QĐ-CSQT", "2023-01-10", "Công ty TNHH MTV Cao su Quảng Trị"),
             pa(2023, "Chiến sĩ thi đua cơ sở", "CSTD_CS", "198/QĐ-CSQT", "2024-01-15",
                "Công ty TNHH MTV Cao su Quảng Trị")]
    b = head(["CÔNG TY TNHH MTV CAO SU QUẢNG TRỊ", "NÔNG TRƯỜNG CAO SU KHE SANH"], "Khe Sanh", "2024-11-20")
    b += title(["BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"], size=13)
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b.append(Table([
        ["Họ và tên", (p.full_name or "").upper()],
        ["Năm sinh", date_slash(p.birth_date or "", pad_month=True)],
        ["Giới tính", "Nữ"],
        ["Dân tộc", p.ethnicity or ""],
        ["Quê quán", p.hometown or ""],
        ["Nơi ở", p.residence or ""],
        ["Công việc đang làm", p.position or ""],
        ["Đơn vị công tác", p.work_unit or ""],
        ["Trình độ chuyên môn", p.qualification or ""],
    ], widths=[0.3, 0.7], header=False))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Năm 2023 và năm 2024 khai thác vượt định mức sản lượng lần lượt 18% và 21%; kỹ thuật cạo đạt "
                  "loại A trong 24/24 kỳ kiểm tra; hướng dẫn 6 công nhân mới vào nghề."))
    b.append(para("Kết quả phân loại lao động: " + "; ".join(f"Năm {r.year}: {r.rating}" for r in ratings) + "."))
    b.append(para(f"Sáng kiến “{inn[0].title}” (Giấy chứng nhận số 12/GCN-HĐSK ngày 15/10/{inn[0].year} của "
                  f"{inn[0].recognized_by}) được áp dụng tại 4 đội sản xuất của Nông trường."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["Năm", "Hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan quyết định"]]
    rows += [[str(x.year), x.title or "", x.decision_number or "", date_slash(x.decision_date or "", pad_month=True),
              x.issuer or ""] for x in prior]
    b.append(Table(rows, widths=[0.09, 0.25, 0.2, 0.18, 0.28]))
    b.append(signatures(["GIÁM ĐỐC NÔNG TRƯỜNG", "(Ký, đóng dấu)", "Trương Công Hòa"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2023, 2024), ratings=ratings, innovations=inn, prior=prior)
    return Sample("bctt_bang_khen_cong_nhan_cao_su_le_thi_hue.docx", "docx", [Doc("bao_cao_ca_nhan", b)], [n])


# --- the set ----------------------------------------------------------------------------------------


def third_samples() -> list[tuple[Sample, ScanStyle | None]]:
    plain = [t1_prose_ho_thi_kim_oanh(), t2_tom_tat_tran_quoc_bao(), t3_value_below_ho_thi_lien(),
             t4_hcld3_le_van_quang(), t7_totrinh_102_bienban(), t8_bien_ban_thpt_vinh_linh(),
             t9_tracked_phan_van_loc(), t10_two_reports(), t11_ahld_tran_van_thien(), t12_cong_nhan_le_thi_hue()]
    return [(s, None) for s in plain] + [t5_xa_quang_phu(), t6_thon_tan_my()]


def render_third(sample: Sample, style: ScanStyle | None) -> tuple[bytes, int, list[list[int]]] | None:
    """The bytes of a third-hand file that needs its own writer, else None (the usual writers apply)."""
    if sample.name == HCLD3_PDF:
        return render_hcld3_pdf()
    if sample.name == PHOTOCOPY:
        assert style is not None
        return render_photocopy(sample, style)
    if sample.name == TRACKED:
        return render_tracked(sample)
    if sample.name == TWO_IN_ONE:
        return render_two_in_one(sample)
    return None
