"""Values that are only the value, and fields the form has but tdkt could not read (issue 6 items 5, 6).

Names come back bare (no honorific, rank, degree or position), a collective's head without its
title, a unit's name without its address, a farmer without a work unit. A scanned field whose label
is there but whose value is illegible is flagged ``unread`` in its provenance; a field left blank on
the page (a dotted line) is missing and not flagged. The scan cases run real Tesseract on pages
rendered here.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from extractors import _labels
from extractors._names import strip_honorifics
from extractors._ocr import ocr_image
from extractors._unread import blank_on_page, is_noise
from extractors.lines import Line, ReadResult
from extractors.parse import parse
from record.models import DossierRecord

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

# -- name cleaning: a property ----------------------------------------------------------------------

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
            "Lý", "Trương", "Lữ", "Đoàn", "Cồ"]
MIDDLES = ["Văn", "Thị", "Thanh", "Minh", "Đức", "Hữu", "Ngọc", "Trương"]
GIVENS = ["Hoa", "Anh", "Nam", "Hùng", "Lan", "Quý", "Ngọc", "Tám", "Bà", "Ông"]


def _cases(word: str) -> list[str]:
    return [word, word.upper(), word[:1].upper() + word[1:]]


_words = _labels.names()
PREFIXES = [c for p in (*_words.honorifics, *_words.ranks, *_words.degrees, *_words.honorifics_marked)
            for c in _cases(p)] + ["ThS.", "PGS.TS.", "Đ/c"]
POSITIONS = ["Trưởng Trạm", "Hiệu trưởng", "Chủ tịch UBND xã", "giáo viên", "Đồn trưởng Đồn Biên phòng Cầu Treo",
             "Bí thư Chi bộ", "y sĩ", "Phó Giám đốc Sở Nội vụ", "Chủ tịch Hội Nông dân xã"]

names = st.builds(lambda s, m, g: " ".join([s, *m, g]), st.sampled_from(SURNAMES),
                  st.lists(st.sampled_from(MIDDLES), min_size=0, max_size=2), st.sampled_from(GIVENS))
suffixes = st.one_of(
    st.just(""),
    st.builds(lambda sep, pos: sep + pos, st.sampled_from([", ", " - ", " – ", " (", "; "]),
              st.one_of(st.sampled_from(POSITIONS), st.text(alphabet="abcdeghiklmnoptuvxyàáạảãâầấậẩẫ ", min_size=1))),
    st.sampled_from([" " + p for p in POSITIONS if p[0].isupper() and p.split()[0] in ("Trưởng", "Hiệu", "Chủ",
                                                                                        "Bí", "Phó", "Đồn")]),
)


@settings(max_examples=400, deadline=None)
@given(name=names, prefixes=st.lists(st.sampled_from(PREFIXES), max_size=2), suffix=suffixes)
def test_any_honorific_rank_and_position_around_a_name_give_the_bare_name(name: str, prefixes: list[str],
                                                                           suffix: str) -> None:
    assert strip_honorifics(" ".join([*prefixes, name]) + suffix) == name


@pytest.mark.parametrize(("text", "bare"), [
    ("Bà Đoàn Thị Thanh Hoa - Trưởng Trạm", "Đoàn Thị Thanh Hoa"),
    ("BÀ ĐOÀN THỊ THANH HOA TRƯỞNG TRẠM", "ĐOÀN THỊ THANH HOA"),
    ("Đồng chí Thượng tá Phan Văn Quý", "Phan Văn Quý"),
    ("Hiệu trưởng Nguyễn Văn An", "Nguyễn Văn An"),
    ("Trưởng trạm Đoàn Thị Thanh Hoa", "Đoàn Thị Thanh Hoa"),
    ("Chủ tịch UBND xã Lê Văn Tám", "Lê Văn Tám"),
    ("HIỆU TRƯỞNG NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),
    ("Phó Đức Phương", "Phó Đức Phương"),  # "Phó" alone is a surname
    ("Phó Giám đốc Nguyễn Văn An", "Nguyễn Văn An"),
    ("Trương Văn Trưởng", "Trương Văn Trưởng"),  # a surname and a given name are not titles
    ("Cồ Văn Minh", "Cồ Văn Minh"),  # "Cô" is an honorific only with its marks
    ("Lê Hoa", "Lê Hoa"),  # a prefix goes only while two words of name stay
    ("", ""),
])
def test_name_cleaning_cases(text: str, bare: str) -> None:
    assert strip_honorifics(text) == bare


# -- report values, on typed lines -----------------------------------------------------------------


def _parse(rows: list[str | tuple[str, ...]], source: str = "docx") -> DossierRecord:
    lines = [Line(text=" | ".join(r), page=1, source=source, cells=r, table=0) if isinstance(r, tuple)  # type: ignore[arg-type]
             else Line(text=r, page=1, source=source) for r in rows]  # type: ignore[arg-type]
    return parse(ReadResult(format="docx", pages=1, lines=lines), path="x.docx", sha256="0" * 64)


UNIT_HEAD = ["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2024",
             "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"]
PERSON_HEAD = ["BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2024", "I. SƠ LƯỢC LÝ LỊCH"]
TAIL = ["II. THÀNH TÍCH ĐẠT ĐƯỢC", "Năm 2024 hoàn thành tốt nhiệm vụ."]


def test_unit_head_without_title_and_unit_name_without_address() -> None:
    rec = _parse([*UNIT_HEAD,
                  "- Tên đơn vị: Trạm Y tế xã Vĩnh Hoàng, địa chỉ thôn Tân Lý, xã Vĩnh Hoàng",
                  "- Thủ trưởng đơn vị: Bà Đoàn Thị Thanh Hoa - Trưởng Trạm",
                  *TAIL])
    unit = rec.nominations[0].unit
    assert unit is not None
    assert (unit.name, unit.head) == ("Trạm Y tế xã Vĩnh Hoàng", "Đoàn Thị Thanh Hoa")
    assert unit.address == "thôn Tân Lý, xã Vĩnh Hoàng"  # the address cut from the name, when no label gives one


def test_scanned_unit_name_without_the_address_line_joined_to_it() -> None:
    rows = [*UNIT_HEAD, "- Tên tập thể: Trường Tiểu học Vĩnh Hoàng,", "thôn Tân Lý, xã Vĩnh Hoàng, huyện Vĩnh Linh",
            "- Tổng số cán bộ, giáo viên: 25 người", *TAIL]
    unit = _parse(rows, source="ocr").nominations[0].unit
    assert unit is not None and (unit.name, unit.headcount) == ("Trường Tiểu học Vĩnh Hoàng", 25)
    assert unit.address == "thôn Tân Lý, xã Vĩnh Hoàng, huyện Vĩnh Linh"
    wrapped = [*UNIT_HEAD, "- Tên tập thể: Trạm Y tế", "xã Vĩnh Hoàng", *TAIL]  # a name wrapped: no comma, kept
    unit = _parse(wrapped, source="ocr").nominations[0].unit
    assert unit is not None and unit.name == "Trạm Y tế xã Vĩnh Hoàng"


def test_headcount_from_the_total_row_of_a_staff_table_only() -> None:
    staff = _parse([*UNIT_HEAD, "- Tên đơn vị: Ủy ban nhân dân xã Quảng Phú", "Đội ngũ cán bộ, công chức xã:",
                    ("Cán bộ chuyên trách", "11"), ("Công chức chuyên môn", "12"), ("Tổng cộng", "23"), *TAIL])
    assert staff.nominations[0].unit is not None and staff.nominations[0].unit.headcount == 23
    land = _parse([*UNIT_HEAD, "- Tên đơn vị: Ủy ban nhân dân xã Quảng Phú", "Diện tích tự nhiên (ha):",
                   ("Đất nông nghiệp", "800"), ("Đất ở", "386"), ("Tổng cộng", "1186"), *TAIL])
    assert land.nominations[0].unit is not None and land.nominations[0].unit.headcount is None


def test_person_name_without_rank_or_honorific_and_the_honorific_gives_the_gender() -> None:
    rec = _parse([*PERSON_HEAD, "- Họ và tên: Thượng tá Phan Văn Quý", "- Chức vụ: Đồn trưởng", *TAIL])
    person = rec.nominations[0].person
    assert person is not None and (person.full_name, person.gender) == ("Phan Văn Quý", None)
    rec = _parse([*PERSON_HEAD, "- Họ và tên: Bà Nguyễn Thị Hoa, giáo viên", *TAIL])
    person = rec.nominations[0].person
    assert person is not None and (person.full_name, person.gender) == ("Nguyễn Thị Hoa", "female")


def test_farmer_has_no_work_unit_but_a_farmers_association_office_has() -> None:
    farmer = _parse([*PERSON_HEAD, "- Họ và tên: Nguyễn Văn Tám", "- Nghề nghiệp: Nông dân",
                     "- Đơn vị: Thôn Tân Mỹ, xã Vĩnh Hoàng, huyện Vĩnh Linh", *TAIL]).nominations[0]
    assert farmer.person is not None
    assert (farmer.person.position, farmer.person.work_unit) == ("Nông dân", None)
    assert "person.work_unit" not in farmer.provenance  # not applicable: neither read nor unread
    office = _parse([*PERSON_HEAD, "- Họ và tên: Hoàng Văn Đức", "- Chức vụ: Chủ tịch Hội Nông dân xã",
                     "- Đơn vị công tác: Hội Nông dân xã Cẩm Bình", *TAIL]).nominations[0]
    assert office.person is not None and office.person.work_unit == "Hội Nông dân xã Cẩm Bình"


def test_born_digital_blank_is_missing_and_an_unparseable_value_is_unread() -> None:
    nom = _parse([*PERSON_HEAD, "- Họ và tên: Nguyễn Thị Hoa", "- Dân tộc:", "- Quê quán: ……………………",
                  "- Ngày sinh: không rõ", *TAIL]).nominations[0]
    assert nom.person is not None
    assert (nom.person.ethnicity, nom.person.hometown, nom.person.birth_date) == (None, None, None)
    assert "person.ethnicity" not in nom.provenance and "person.hometown" not in nom.provenance
    assert nom.provenance["person.birth_date"].unread is True
    assert nom.provenance["person.full_name"].unread is None  # read: not flagged


def test_noise_and_dotted_blanks() -> None:
    assert is_noise("nh đc v,") and is_noise("VXVWx+vVWwWW") and is_noise("~")
    assert not any(is_noise(v) for v in ("Y sĩ", "Nữ", "Kinh", "UBND xã Vĩnh Hoàng", "21/6/1993", "HTX", "Ê-đê",
                                         "H'Mông", "ThS", "Th.S", "Nghiêng", "ĐH"))
    assert blank_on_page(": ……………") and blank_on_page("..........") and blank_on_page(" ____ ")
    assert not blank_on_page(":") and not blank_on_page(": ..... Kinh")
    # the unit word a form prints after its blank is still the blank: a headcount left to fill in
    assert blank_on_page("…… người.") and blank_on_page("…… người (trong đó nữ: …… người)")
    assert not blank_on_page("25 người") and not blank_on_page("…… 25 người")


# -- a scanned page: real Tesseract ----------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned_report() -> DossierRecord:
    """An individual report page at 300 DPI: an ethnicity scribbled over (illegible), a position
    written in ink too faint to scan, a hometown left as a dotted blank, the rest typed."""
    dpi = 300
    img = Image.new("RGB", (int(8.27 * dpi), int(7 * dpi)), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(13 * dpi / 72))
    rows = [*PERSON_HEAD, "Họ và tên: Nguyễn Thị Hoa", "Dân tộc:", "Quê quán: ………………………………",
            "Chức vụ:", "Ngày sinh: 07/4/1985", *TAIL]
    rng = random.Random(3)
    y = dpi // 2
    for row in rows:
        draw.text((dpi, y), row, fill="black", font=font)
        x0 = dpi + draw.textlength(row, font=font) + 20
        if row == "Dân tộc:":  # a pen scribble where the value should be
            draw.line([(x0 + i * 12, y + 20 + rng.randint(-25, 25)) for i in range(40)], fill=(40, 40, 40), width=6)
        elif row == "Chức vụ:":  # a value written in ink the scanner barely saw
            draw.text((x0, y), "Giáo viên", fill=(238, 238, 238), font=font)
        y += int(26 * dpi / 72)
    lines = ocr_image(img)
    return parse(ReadResult(format="pdf-scanned", pages=1, lines=lines, ocr_pages=[1]), path="scan.pdf",
                 sha256="1" * 64)


def test_scan_illegible_value_is_unread_and_dotted_blank_is_missing(scanned_report: DossierRecord) -> None:
    nom = scanned_report.nominations[0]
    assert nom.person is not None
    assert (nom.person.full_name, nom.person.birth_date) == ("Nguyễn Thị Hoa", "1985-04-07")
    assert (nom.person.ethnicity, nom.person.position, nom.person.hometown) == (None, None, None)
    prov = nom.provenance
    assert prov["person.ethnicity"].unread is True and prov["person.ethnicity"].source == "ocr"
    assert prov["person.ethnicity"].line and prov["person.ethnicity"].line.startswith("Dân tộc")
    assert prov["person.position"].unread is True and prov["person.is_leader"].unread is True
    assert "person.hometown" not in prov  # left blank on the page: missing, not unread
    assert prov["person.full_name"].unread is None and prov["person.full_name"].confidence


def test_scanned_signatures_the_head_is_in_the_column_that_is_not_the_superiors() -> None:
    """Two signature columns that OCR gives as separate lines: the superior's heading on the left,
    the unit's own heading lost under a seal; the head is the right-hand name, without its rank."""
    dpi = 300
    img = Image.new("RGB", (int(8.27 * dpi), int(6 * dpi)), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(12 * dpi / 72))
    step = int(24 * dpi / 72)
    body = [*UNIT_HEAD, "- Tên đơn vị: Đồn Biên phòng Cầu Treo", *TAIL, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"]
    y = dpi // 3
    for row in body:
        draw.text((dpi // 2, y), row, fill="black", font=font)
        y += step
    left, right = dpi // 2, int(4.6 * dpi)
    for k, row in enumerate(["XÁC NHẬN CỦA BỘ CHỈ HUY BĐBP TỈNH", "CHỈ HUY TRƯỞNG", "(Ký, đóng dấu)"]):
        draw.text((left, y + k * step), row, fill="black", font=font)
    draw.text((right, y + 4 * step), "Thượng tá Phan Văn Quý", fill="black", font=font)
    draw.text((left + dpi // 4, y + 5 * step + step // 2), "Đại tá Lê Văn Hùng", fill="black", font=font)
    rec = parse(ReadResult(format="pdf-scanned", pages=1, lines=ocr_image(img), ocr_pages=[1]), path="scan.pdf",
                sha256="2" * 64)
    unit = rec.nominations[0].unit
    assert unit is not None and unit.head == "Phan Văn Quý"
