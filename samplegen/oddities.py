"""Held-out oddities: real office files our sample sets lacked (part of ``samplegen.holdout``).

- ``BCTT CSTDCS 2025 - Phan Thi Hanh.doc``: a **binary Word 97** (OLE2) report. It is made once by
  converting the generator's own .docx with LibreOffice (``soffice --headless --convert-to
  doc:"MS Word 97"``) and committed as ``samplegen/fixtures/``; LibreOffice writes timestamps into
  the file, so the conversion is not byte-deterministic and the generator never reruns it on its
  own: it copies the committed fixture (no converter needed). ``--reconvert-word97`` redoes it
  (needs ``soffice``); a ``.source-sha256`` beside the fixture pins the .docx it was made from, so a
  change to the builder below without a reconversion is an error, not a silently stale golden.
- ``TOTRINH_52_UBND_xa_Ky_Hoa_2025.docx``: named like a cover letter, holds only a danh sách.
- ``hdtdkt_xa_ky_hoa_11_2025_totrinh.docx``: council minutes under a ``_totrinh`` name; results
  table with names in CAPITALS and one ``biểu quyết 09/09 thành viên có mặt (100%)`` line for all.
- ``scan_bctt_dinh_thi_thuy_viet_tay.pdf``: a greyscale 200 dpi scan of a typed form whose numbers
  and dates (birth date, decision numbers and dates, the day and month of the report) were filled
  in by hand: jittered pen strokes over dotted blanks (no script font is needed).
- ``to_trinh_52_ky_hoa_qltdkt.doc``: a Word-HTML tờ trình exported in **windows-1258** with
  combining tone marks (``Nguye\\u0302\\u0303n`` as base + tone), CRLF line ends.

The three Kỳ Hoa files are one dossier split the way offices send it (tờ trình, danh sách, biên
bản), so their names and awards agree. Goldens come from the ground truth below, as elsewhere.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from record.models import CouncilVote, Innovation, Nomination, Person, Submission
from samplegen.blocks import Block, Doc, P, Table
from samplegen.catalog import Sample, list_nomination, merge_mentions, nomination
from samplegen.councils import vr
from samplegen.docs import date_slash, date_words, person, signatures, unit
from samplegen.docx_out import render_docx
from samplegen.holdout import ScanStyle, _bien_ban_head, _to_trinh, head, head_cols, para, render_scan, title
from samplegen.html_out import render_html_doc
from samplegen.pdf_out import Op, layout, width
from samplegen.people import HT, HX, award, pa, tr

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WORD97 = "BCTT CSTDCS 2025 - Phan Thi Hanh.doc"
CP1258_DOC = "to_trinh_52_ky_hoa_qltdkt.doc"
HAND_SCAN = "scan_bctt_dinh_thi_thuy_viet_tay.pdf"


# --- 1. binary Word 97 ------------------------------------------------------------------------------


def o1_word97_phan_thi_hanh() -> Sample:
    a = award("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS", 2025)
    p = Person(full_name="Phan Thị Hạnh", gender="female", birth_date="1987-09-23", ethnicity="Kinh",
               hometown="xã Thạch Đài, huyện Thạch Hà, tỉnh Hà Tĩnh",
               residence="tổ dân phố Hữu Ích, phường Thành Sen, tỉnh Hà Tĩnh",
               position="Giáo viên", work_unit="Trường Tiểu học Thạch Đài",
               qualification="Đại học Giáo dục Tiểu học", is_leader=False)
    ratings = tr((2024, HX), (2025, HX))
    inn = [Innovation(title="Một số biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp 4 người dân tộc thiểu số",
                      year=2024, recognized_by="Hội đồng Sáng kiến huyện Thạch Hà")]
    prior = [pa(2023, "Lao động tiên tiến", "LDTT", "1980/QĐ-UBND", "2023-08-12", "UBND huyện Thạch Hà"),
             pa(2024, "Giấy khen của Chủ tịch UBND huyện Thạch Hà", "GIAY_KHEN", "3107/QĐ-UBND", "2024-12-20",
                "Chủ tịch UBND huyện Thạch Hà")]
    b = head(["UBND XÃ THẠCH ĐÀI", "TRƯỜNG TIỂU HỌC THẠCH ĐÀI"], "Thạch Đài", "2025-11-25",
             date_under_motto=False)
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2025"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"- Họ và tên: {p.full_name}"),
        P(f"- Sinh ngày, tháng, năm: {date_slash(p.birth_date or '', pad_month=True)}"),
        P("- Giới tính: Nữ"),
        P(f"- Dân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Trú quán: {p.residence}"),
        P(f"- Chức vụ: {p.position}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Chủ nhiệm lớp 4A gồm 31 học sinh, trong đó 9 em người dân tộc Mường; cuối năm 100% học sinh "
                  "hoàn thành chương trình lớp học, 14 em được khen thưởng; phụ đạo học sinh đọc chậm, viết "
                  "chưa đúng chính tả; tham gia Hội thi giáo viên dạy giỏi cấp huyện đạt giải Nhì."))
    b.append(P("1. Kết quả đánh giá, xếp loại", bold=True))
    b.append(Table([["Năm", "Xếp loại"]] + [[str(r.year), "Hoàn thành xuất sắc nhiệm vụ"] for r in ratings],
                   widths=[0.3, 0.7]))
    b.append(P("2. Sáng kiến kinh nghiệm", bold=True))
    b.append(para(f"Sáng kiến “{inn[0].title}” được {inn[0].recognized_by} công nhận năm {inn[0].year}."))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    rows = [["Năm", "Danh hiệu thi đua, hình thức khen thưởng", "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"]]
    rows += [[str(x.year), x.title or "",
              f"Quyết định số {x.decision_number} ngày {date_slash(x.decision_date or '')} của {x.issuer}"]
             for x in prior]
    b.append(Table(rows, widths=[0.1, 0.4, 0.5]))
    b.append(signatures(["XÁC NHẬN CỦA HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Nguyễn Thị Phượng"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2024, 2025), ratings=ratings, innovations=inn, prior=prior)
    return Sample(WORD97, "doc", [Doc("bao_cao_ca_nhan", b)], [n])


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def word97_bytes(sample: Sample, reconvert: bool = False) -> bytes:
    """The committed Word 97 fixture; with ``reconvert`` (or no fixture yet) made anew with LibreOffice."""
    docx = render_docx(sample.docs, font="Times New Roman")
    fixture = FIXTURES / sample.name
    pin = FIXTURES / f"{sample.name}.source-sha256"
    if reconvert or not fixture.exists():
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if exe is None:
            raise SystemExit(f"{fixture} is missing and LibreOffice (soffice) is not installed to remake it: "
                             "apt-get install -y --no-install-recommends libreoffice-writer-nogui")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "report.docx"
            src.write_bytes(docx)
            subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                            "doc:MS Word 97", "--outdir", tmp, str(src)], check=True, capture_output=True,
                           timeout=180)
            data = (Path(tmp) / "report.doc").read_bytes()
        if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise SystemExit("LibreOffice did not write an OLE2 Word 97 file")
        FIXTURES.mkdir(exist_ok=True)
        fixture.write_bytes(data)
        pin.write_text(_sha(docx) + "\n", encoding="ascii")
    if pin.read_text(encoding="ascii").strip() != _sha(docx):
        raise SystemExit(f"the content of {sample.name} changed since its Word 97 fixture was made: rerun "
                         "python -m samplegen.holdout --reconvert-word97 (needs LibreOffice) and commit the fixture")
    return fixture.read_bytes()


# --- the Kỳ Hoa dossier: tờ trình (windows-1258 HTML), danh sách (TOTRINH_…), biên bản (…_totrinh) ---

KY_HOA = "ỦY BAN NHÂN DÂN XÃ KỲ HOA"
BK = "Bằng khen của Chủ tịch UBND tỉnh"
# (name as written in the list, collective?, position and unit, award as written, code)
KY_HOA_NOMINEES = [
    ("Trường Tiểu học Kỳ Hoa", True, "xã Kỳ Hoa", BK, "BK_TINH"),
    ("Nguyễn Văn Lợi", False, "Chủ tịch Hội Cựu chiến binh xã Kỳ Hoa", BK, "BK_TINH"),
    ("Trần Thị Hằng", False, "Phó Chủ tịch UBND xã Kỳ Hoa", BK, "BK_TINH"),
    ("Lê Đình Quý", False, "Trưởng thôn Tân Hoa, xã Kỳ Hoa", BK, "BK_TINH"),
]


def o2_totrinh_named_danh_sach() -> Sample:
    b: list[Block] = [head_cols([KY_HOA])]
    b += title(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    b.append(P("(Kèm theo Tờ trình số 52/TTr-UBND ngày 20/11/2025 của Ủy ban nhân dân xã Kỳ Hoa)",
               italic=True, align="center"))
    rows = [["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị công tác", "Hình thức đề nghị", "Ghi chú"],
            ["I", "TẬP THỂ", "", "", ""]]
    rows += [["1", n, u, aw, ""] for n, coll, u, aw, _ in KY_HOA_NOMINEES if coll]
    rows.append(["II", "CÁ NHÂN", "", "", ""])
    rows += [[str(i), n, u, aw, ""] for i, (n, _, u, aw, _) in
             enumerate([x for x in KY_HOA_NOMINEES if not x[1]], 1)]
    b.append(Table(rows, widths=[0.07, 0.27, 0.3, 0.24, 0.12]))
    b.append(P("(Danh sách này có 01 tập thể và 03 cá nhân)", italic=True))
    b.append(signatures([], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Võ Văn Thành"], None))
    return Sample("TOTRINH_52_UBND_xa_Ky_Hoa_2025.docx", "docx", [Doc("danh_sach", b)],
                  merge_mentions([_ky_hoa_listed("danh_sach", positions=True)]))


def _ky_hoa_listed(kind: str, *, positions: bool) -> list[Nomination]:
    """The Kỳ Hoa nominees as a list names them (no year: neither list states one)."""
    return [list_nomination(unit(n, aw) if coll else person("", n, u if positions else None, aw), None, kind)
            for n, coll, u, aw, _ in KY_HOA_NOMINEES]


def o3_bien_ban_named_totrinh() -> Sample:
    v = CouncilVote(date="2025-11-17", members_total=9, members_present=9,
                    results=[vr(n, code, 9, 9) for n, _, _, _, code in KY_HOA_NOMINEES])
    b = _bien_ban_head([KY_HOA, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], "Kỳ Hoa", v.date or "", "11/BB-HĐTĐKT",
                       "Hội đồng Thi đua - Khen thưởng xã Kỳ Hoa")
    b += [
        para(f"Vào hồi 14 giờ 00 phút, {date_words(v.date or '')}, tại phòng họp UBND xã Kỳ Hoa, Hội đồng Thi "
             "đua - Khen thưởng xã họp xét đề nghị khen thưởng cấp tỉnh năm 2025."),
        P("Thành phần: Có mặt 09/09 thành viên Hội đồng."),
        P("Chủ trì: ông Võ Văn Thành, Chủ tịch UBND xã, Chủ tịch Hội đồng."),
        P("Thư ký: bà Phạm Thị Nga, công chức Văn hóa - Xã hội."),
        para("Sau khi nghe Thường trực Hội đồng báo cáo tóm tắt thành tích, Hội đồng thảo luận, biểu quyết "
             "09/09 thành viên có mặt (100%) nhất trí đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho các tập "
             "thể, cá nhân có tên sau:"),
    ]
    rows = [["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng"]]
    rows += [[str(i), n if coll else n.upper(), u, aw] for i, (n, coll, u, aw, _) in enumerate(KY_HOA_NOMINEES, 1)]
    b.append(Table(rows, widths=[0.08, 0.3, 0.37, 0.25]))
    b += [
        para("Hội đồng giao Văn phòng HĐND và UBND xã hoàn thiện hồ sơ, trình Chủ tịch UBND xã ký tờ trình gửi "
             "cấp trên."),
        para("Cuộc họp kết thúc lúc 15 giờ 15 phút cùng ngày, biên bản được thông qua tại cuộc họp./."),
        signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Phạm Thị Nga"],
                   ["CHỦ TỊCH HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Võ Văn Thành"], None),
    ]
    return Sample("hdtdkt_xa_ky_hoa_11_2025_totrinh.docx", "docx", [Doc("bien_ban", b)],
                  merge_mentions([_ky_hoa_listed("bien_ban", positions=False)]), council_vote=v)


def o5_to_trinh_cp1258() -> Sample:
    s = Submission(number="52/TTr-UBND", date="2025-11-20", issuer=KY_HOA, recipient="Chủ tịch UBND tỉnh Hà Tĩnh")
    names = "; ".join(f"{h} {n}, {u}" for h, (n, _, u, _, _) in zip(("ông", "bà", "ông"), KY_HOA_NOMINEES[1:],
                                                                     strict=True))
    tt = _to_trinh(
        left=[KY_HOA], place="Kỳ Hoa", s=s,
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
        recipients=["Chủ tịch UBND tỉnh Hà Tĩnh;", "Sở Nội vụ (Ban Thi đua - Khen thưởng)."],
        grounds=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                 "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
                 "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã ngày 17/11/2025."],
        body=[para("Ủy ban nhân dân xã Kỳ Hoa kính trình Chủ tịch UBND tỉnh xem xét, tặng Bằng khen cho 01 tập "
                   "thể và 03 cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025 (có danh sách "
                   "và hồ sơ kèm theo), gồm:"),
              para("- Tập thể: Trường Tiểu học Kỳ Hoa.", indent=0),
              para(f"- Cá nhân: {names}.", indent=0)],
        signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, đóng dấu)", "Võ Văn Thành"],
    )
    listed = [list_nomination(unit(n, BK) if coll else person("", n, u, BK), 2025, "to_trinh")
              for n, coll, u, _aw, _ in KY_HOA_NOMINEES]
    return Sample(CP1258_DOC, "doc", [tt], merge_mentions([listed]), submission=s)


# --- 4. a scan with handwritten numbers and dates ------------------------------------------------------

# Pen strokes of the characters a clerk fills in, on a box 0.6 wide and 1 high (y up from the baseline).
_STROKES: dict[str, list[list[tuple[float, float]]]] = {
    "0": [[(0.3 + 0.26 * math.sin(2 * math.pi * k / 16), 0.5 + 0.5 * math.cos(2 * math.pi * k / 16))
           for k in range(17)]],
    "1": [[(0.1, 0.78), (0.32, 1.0), (0.3, 0.0)]],
    "2": [[(0.04, 0.74), (0.14, 0.94), (0.34, 1.0), (0.5, 0.86), (0.48, 0.64), (0.04, 0.0), (0.56, 0.02)]],
    "3": [[(0.05, 0.9), (0.3, 1.0), (0.5, 0.86), (0.46, 0.66), (0.24, 0.56), (0.5, 0.44), (0.53, 0.2),
           (0.3, 0.0), (0.03, 0.1)]],
    "4": [[(0.42, 0.0), (0.42, 1.0), (0.0, 0.34), (0.58, 0.34)]],
    "5": [[(0.54, 1.0), (0.13, 1.0), (0.08, 0.57), (0.3, 0.63), (0.5, 0.48), (0.52, 0.2), (0.3, 0.0),
           (0.04, 0.08)]],
    "6": [[(0.46, 0.98), (0.2, 0.8), (0.06, 0.42), (0.1, 0.1), (0.3, 0.0), (0.5, 0.14), (0.5, 0.38),
           (0.3, 0.5), (0.08, 0.38)]],
    "7": [[(0.02, 0.98), (0.56, 1.0), (0.22, 0.0)], [(0.14, 0.5), (0.48, 0.52)]],
    "8": [[(0.3, 0.55), (0.09, 0.7), (0.11, 0.92), (0.3, 1.0), (0.49, 0.92), (0.51, 0.7), (0.3, 0.55),
           (0.06, 0.35), (0.08, 0.08), (0.3, 0.0), (0.52, 0.08), (0.54, 0.35), (0.3, 0.55)]],
    "9": [[(0.5, 0.72), (0.3, 0.56), (0.1, 0.66), (0.1, 0.9), (0.3, 1.0), (0.5, 0.9), (0.5, 0.72),
           (0.44, 0.0)]],
    "/": [[(0.0, -0.08), (0.38, 1.06)]],
    "-": [[(0.04, 0.44), (0.36, 0.48)]],
}
_ADVANCE = {"/": 0.42, "-": 0.42}
_PEN = (22, 40, 120)  # ballpoint blue-black; the scan is greyscale


def hand_ops(lay_ops: list[Op]) -> list[Op]:
    """Split text ops holding ``{value}`` into printed text, a dotted blank, and a ``hand`` op."""
    out: list[Op] = []
    for op in lay_ops:
        if op.kind != "text" or "{" not in op.text:
            out.append(op)
            continue
        x, pos = op.x, 0
        for m in re.finditer(r"\{([^{}]*)\}", op.text):
            pre = op.text[pos:m.start()]
            if pre:
                out.append(Op(op.page, "text", x, op.y, pre, op.style, op.size))
                x += width(pre, op.style, op.size)
            blank = width(m.group(0), op.style, op.size) + op.size * 0.8
            ndots = max(3, int(blank / width(".", op.style, op.size)))
            out.append(Op(op.page, "text", x, op.y, "." * ndots, op.style, op.size))
            out.append(Op(op.page, "hand", x + op.size * 0.25, op.y, m.group(1), op.style, op.size,
                          x2=x + width("." * ndots, op.style, op.size)))
            x += width("." * ndots, op.style, op.size)
            pos = m.end()
        if op.text[pos:]:
            out.append(Op(op.page, "text", x, op.y, op.text[pos:], op.style, op.size))
    return out


def draw_hand(img: Image.Image, ops: list[Op], s: float, seed: int) -> None:
    """Each ``hand`` op as pen strokes: slanted, every point jittered, size and baseline wandering."""
    d = ImageDraw.Draw(img)
    for n, op in enumerate(o for o in ops if o.kind == "hand"):
        rng = random.Random(seed * 1000 + op.page * 100 + n)
        h = op.size * 0.95 * rng.uniform(0.95, 1.08) * s  # taller than the print, as hands write
        base = (op.y + op.size * 0.8) * s
        x = op.x * s
        slant = rng.uniform(0.18, 0.3)
        for ch in op.text:
            g = h * rng.uniform(0.9, 1.08)
            dy = rng.uniform(-0.06, 0.06) * h
            for stroke in _STROKES.get(ch, []):
                pts = []
                for px, py in stroke:
                    jx, jy = px + rng.uniform(-0.035, 0.035), py + rng.uniform(-0.03, 0.03)
                    pts.append((x + (jx + slant * jy) * g, base + dy - jy * g))
                d.line(pts, fill=_PEN, width=max(2, round(1.05 * s)), joint="curve")
            x += (_ADVANCE.get(ch, 0.66) + rng.uniform(-0.04, 0.06)) * g


def o4_hand_scan() -> tuple[Sample, ScanStyle]:
    a = award("LAO ĐỘNG TIÊN TIẾN", "LDTT", 2025)
    p = Person(full_name="Đinh Thị Thủy", gender="female", birth_date="1979-04-12", ethnicity="Kinh",
               hometown="xã Hương Trạch, tỉnh Hà Tĩnh", residence="thôn Trung Hòa, xã Hương Trạch, tỉnh Hà Tĩnh",
               position="Nhân viên kế toán", work_unit="Trường Mầm non Hương Trạch",
               qualification="Cao đẳng Kế toán", is_leader=False)
    ratings = tr((2024, HT), (2025, HT))
    prior = [pa(2023, "Lao động tiên tiến", "LDTT", "1187/QĐ-UBND", "2023-07-25", "UBND huyện Hương Khê"),
             pa(2024, "Giấy khen của Chủ tịch UBND huyện Hương Khê", "GIAY_KHEN", "2304/QĐ-UBND", "2024-12-18",
                "Chủ tịch UBND huyện Hương Khê")]
    bd = p.birth_date or ""
    b: list[Block] = [head_cols(["UBND XÃ HƯƠNG TRẠCH", "TRƯỜNG MẦM NON HƯƠNG TRẠCH"],
                                date_line="Hương Trạch, ngày {02} tháng {12} năm 2025")]
    b += title(["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025"])
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += [
        P(f"- Họ và tên: {p.full_name}\tGiới tính: Nữ"),
        P(f"- Ngày, tháng, năm sinh: {{{date_slash(bd)}}}"),
        P(f"- Dân tộc: {p.ethnicity}"),
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Nơi ở hiện nay: {p.residence}"),
        P(f"- Chức vụ: {p.position}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Trình độ chuyên môn: {p.qualification}"),
    ]
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(para("Thực hiện đúng chế độ kế toán, quyết toán ngân sách đúng hạn, không để xảy ra sai sót; "
                  "quản lý tốt tiền ăn bán trú của 186 trẻ; tham gia đầy đủ các phong trào của nhà trường."))
    b.append(Table([["Năm", "Kết quả xếp loại"]] + [[str(r.year), "Hoàn thành tốt nhiệm vụ"] for r in ratings],
                   widths=[0.3, 0.7]))
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    for x in prior:
        num, suffix = (x.decision_number or "").split("/", 1)
        b.append(P(f"- Năm {x.year}: {x.title}, Quyết định số {{{num}}}/{suffix} ngày "
                   f"{{{date_slash(x.decision_date or '')}}} của {x.issuer}."))
    b.append(signatures(["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Phan Thị Huệ"],
                        ["NGƯỜI BÁO CÁO", "(Ký, ghi rõ họ tên)", p.full_name or ""], None))
    n = nomination(a, person=p, period=(2024, 2025), ratings=ratings, prior=prior)
    style = ScanStyle(seed=44, skew=0.9, grey=True, speckle=250, quality=66)
    return Sample(HAND_SCAN, "pdf-scanned", [Doc("bao_cao_ca_nhan", b)], [n]), style


def render_hand_scan(sample: Sample, style: ScanStyle) -> tuple[bytes, int, list[list[int]]]:
    lay = layout(sample.docs)
    lay.ops = hand_ops(lay.ops)
    return render_scan(sample.docs, style, lay=lay,
                       overlay=lambda img, ops, s: draw_hand(img, ops, s, style.seed))


# --- the set ----------------------------------------------------------------------------------------


def oddity_samples() -> list[tuple[Sample, ScanStyle | None]]:
    return [(o1_word97_phan_thi_hanh(), None), (o2_totrinh_named_danh_sach(), None),
            (o3_bien_ban_named_totrinh(), None), (o5_to_trinh_cp1258(), None), o4_hand_scan()]


def render_oddity(sample: Sample, style: ScanStyle | None, reconvert_word97: bool = False,
                  ) -> tuple[bytes, int, list[list[int]]] | None:
    """The bytes of an oddity that needs its own writer, else None (the usual writers apply)."""
    if sample.name == WORD97:
        return word97_bytes(sample, reconvert_word97), 1, [[1]]
    if sample.name == CP1258_DOC:
        return render_html_doc(sample.docs, encoding="windows-1258"), 1, [[1]]
    if sample.name == HAND_SCAN:
        assert style is not None
        return render_hand_scan(sample, style)
    return None
