"""Content builders: ground truth (the record models) in, layout-neutral blocks out.

Every value the golden pins is written into the document from the same model object that goes
into the golden, so the two cannot drift apart. Free text around the values is varied on
purpose: real offices word their reports differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from record.models import (
    Award,
    CouncilVote,
    Innovation,
    Person,
    PriorAward,
    Submission,
    TaskRating,
    Unit,
)
from samplegen.blocks import Block, Cols, Doc, P, Stamp, Table

RATING_TEXT = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# --- dates --------------------------------------------------------------------------------------


def _ymd(iso: str) -> tuple[int, int, int]:
    y, m, d = (int(x) for x in iso.split("-"))
    return y, m, d


def date_words(iso: str, padded: bool = True) -> str:
    """``2024-11-10`` -> ``ngày 10 tháng 11 năm 2024`` (days < 10 and months 1-2 zero-padded unless not
    ``padded``: ``2021-02-05`` -> ``ngày 5 tháng 2 năm 2021``)."""
    y, m, d = _ymd(iso)
    if not padded:
        return f"ngày {d} tháng {m} năm {y}"
    month = f"{m:02d}" if m < 3 else str(m)
    return f"ngày {d:02d} tháng {month} năm {y}"


def date_slash(iso: str, pad_month: bool = False) -> str:
    """``1985-04-07`` -> ``07/4/1985`` as offices write it (or ``07/04/1985``)."""
    y, m, d = _ymd(iso)
    return f"{d:02d}/{m:02d}/{y}" if pad_month else f"{d:02d}/{m}/{y}"


def caps(text: str) -> str:
    """Upper case as Vietnamese typists write it (``đ`` -> ``Đ``)."""
    return text.upper()


# --- shared pieces ------------------------------------------------------------------------------


def header(left: list[str], place: str, date: str, number: str | None = None) -> list[Block]:
    """The two-column head of an administrative document and the place-and-date line."""
    lp = [P(line, bold=i > 0 or len(left) == 1, align="center", size=12.5) for i, line in enumerate(left)]
    lp[-1].underline_rule = True
    if number:
        lp.append(P(f"Số: {number}", align="center", size=12.5))
    rp = [
        P(QUOC_HIEU, bold=True, align="center", size=12.5),
        P(TIEU_NGU, bold=True, align="center", size=13, underline_rule=True),
    ]
    out: list[Block] = [Cols(lp, rp, widths=(0.46, 0.54))]
    out.append(P(f"{place}, {date_words(date)}", italic=True, align="right"))
    return out


def prior_decision_text(pa: PriorAward, style: int) -> str:
    """The decision cell: number, date and issuer in one of the ways offices write them."""
    num = pa.decision_number or ""
    date = pa.decision_date or ""
    if style == 0:
        return f"Quyết định số {num} ngày {date_slash(date)} của {pa.issuer}"
    if style == 1:
        return f"Số {num} ngày {date_slash(date, pad_month=True)} của {pa.issuer}"
    if style == 2:
        spaced = num.replace("/", " /", 1)
        return f"QĐ số {spaced}, {date_words(date)} của {pa.issuer}"
    return f"Quyết định số {num}, ngày {date_slash(date)} của {pa.issuer}"


PRIOR_HEAD = [
    "Năm",
    "Danh hiệu thi đua / Hình thức khen thưởng",
    "Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định",
]


def prior_table(rows: list[PriorAward], style: int, head: list[str] | None = None) -> Table:
    body = [[str(pa.year), pa.title or "", prior_decision_text(pa, style)] for pa in rows]
    return Table([head or PRIOR_HEAD, *body], widths=[0.12, 0.38, 0.50])


def prior_list(rows: list[PriorAward], style: int) -> list[Block]:
    return [P(f"- Năm {pa.year}: {pa.title}, {prior_decision_text(pa, style)}.") for pa in rows]


def ratings_text(ratings: list[TaskRating], style: int) -> list[Block]:
    if style == 0:
        return [P(f"- Năm {r.year}: {RATING_TEXT[r.rating]};") for r in ratings]
    if style == 1:
        return [P(f"Năm {r.year}: {RATING_TEXT[r.rating]}.", indent=28) for r in ratings]
    rows = [["Năm", "Mức độ hoàn thành nhiệm vụ"]] + [[str(r.year), RATING_TEXT[r.rating]] for r in ratings]
    return [Table(rows, widths=[0.25, 0.75])]


def innovations_blocks(items: list[Innovation], style: int) -> list[Block]:
    if not items:
        return []
    if style == 0:
        return [
            P(f"- Sáng kiến “{i.title}” năm {i.year}, được {i.recognized_by} công nhận.", indent=0)
            for i in items
        ]
    if style == 1:
        rows = [["TT", "Tên sáng kiến", "Năm", "Cơ quan công nhận"]]
        rows += [[str(n), i.title or "", str(i.year), i.recognized_by or ""] for n, i in enumerate(items, 1)]
        return [P("Sáng kiến, giải pháp công tác đã được công nhận:"), Table(rows, widths=[0.07, 0.5, 0.1, 0.33])]
    return [
        P(f"- Năm {i.year}: sáng kiến “{i.title}” được {i.recognized_by} công nhận có hiệu quả, áp dụng tại đơn vị.")
        for i in items
    ]


def signatures(left: list[str], right: list[str], stamp_ring: str | None, stamp_side: str = "left",
               sign: str = "both") -> Cols:
    """Signature blocks: title lines, '(Ký, …)', three blank lines, the name in bold."""

    def side(lines: list[str]) -> list[P]:
        if not lines:
            return []
        *titles, note, name = lines
        out = [P(t, bold=True, align="center") for t in titles]
        out.append(P(note, italic=True, align="center", size=12))
        out += [P("", align="center"), P("", align="center"), P("", align="center")]
        out.append(P(name, bold=True, align="center"))
        return out

    stamp = Stamp(stamp_ring, side=stamp_side) if stamp_ring else None  # type: ignore[arg-type]
    return Cols(side(left), side(right), widths=(0.5, 0.5), stamp=stamp, sign=sign)  # type: ignore[arg-type]


# --- individual achievement report ----------------------------------------------------------------


@dataclass
class IndividualReport:
    """Ground truth and presentation choices of one báo cáo thành tích cá nhân."""

    layout: Literal["A", "B", "C", "D"]
    header_left: list[str]
    place: str
    date: str
    title: str  # the award line of the title as written
    award: Award
    person: Person
    duties: str
    achievements: list[str]
    ratings: list[TaskRating] = field(default_factory=list)
    rating_style: int = 0
    period: tuple[int, int] | None = None
    period_phrase: str | None = None  # e.g. "giai đoạn 2022 - 2024", written into section II
    innovations: list[Innovation] = field(default_factory=list)
    innovation_style: int = 0
    prior: list[PriorAward] = field(default_factory=list)
    prior_split: int | None = None  # rows before this index are danh hiệu, after are hình thức
    prior_style: int = 0
    extra_fields: list[tuple[str, str]] = field(default_factory=list)
    head_signer: list[str] = field(default_factory=list)
    stamp_ring: str | None = None
    tab_gender: bool = False


def _person_fields_a(r: IndividualReport) -> list[Block]:
    p = r.person
    gap = "\t" if r.tab_gender else "    "
    g = "Nữ" if p.gender == "female" else "Nam"
    out: list[Block] = [
        P(f"- Họ tên (Ghi đầy đủ bằng chữ in thường, không viết tắt): {p.full_name}"),
        P(f"- Sinh ngày, tháng, năm: {(date_slash(p.birth_date) if p.birth_date else '')}{gap}Giới tính: {g}"),
    ]
    if p.ethnicity:
        out.append(P(f"- Dân tộc: {p.ethnicity}"))
    out += [
        P(f"- Quê quán: {p.hometown}"),
        P(f"- Trú quán: {p.residence}"),
        P(f"- Đơn vị công tác: {p.work_unit}"),
        P(f"- Chức vụ (Đảng, chính quyền, đoàn thể): {p.position}"),
        P(f"- Trình độ chuyên môn, nghiệp vụ: {p.qualification}"),
    ]
    out += [P(f"- {k}: {v}") for k, v in r.extra_fields]
    return out


def _person_fields_b(r: IndividualReport) -> list[Block]:
    p = r.person
    rows = [
        ["Họ và tên", p.full_name or ""],
        ["Ngày, tháng, năm sinh", date_slash(p.birth_date or "", pad_month=True)],
        ["Giới tính", "Nữ" if p.gender == "female" else "Nam"],
    ]
    if p.ethnicity:
        rows.append(["Dân tộc", p.ethnicity])
    rows += [
        ["Quê quán", p.hometown or ""],
        ["Nơi ở hiện nay", p.residence or ""],
        ["Chức vụ", p.position or ""],
        ["Đơn vị công tác", p.work_unit or ""],
        ["Trình độ chuyên môn", p.qualification or ""],
    ]
    rows += [[k, v] for k, v in r.extra_fields]
    return [Table(rows, widths=[0.35, 0.65], header=False)]


def _person_fields_c(r: IndividualReport) -> list[Block]:
    p = r.person
    out: list[Block] = [
        P(f"1. Họ và tên: {caps(p.full_name or '')}"),
        P(f"2. Ngày sinh: {date_words(p.birth_date or '')}"),
        P(f"3. Giới tính: {'Nữ' if p.gender == 'female' else 'Nam'}"),
    ]
    n = 4
    if p.ethnicity:
        out.append(P(f"{n}. Dân tộc: {p.ethnicity};"))
        n += 1
    for label, value in (
        ("Quê quán", p.hometown),
        ("Nơi ở hiện nay", p.residence),
        ("Chức vụ (Đảng, chính quyền, đoàn thể)", p.position),
        ("Đơn vị công tác", p.work_unit),
        ("Trình độ chuyên môn, nghiệp vụ", p.qualification),
    ):
        out.append(P(f"{n}. {label}: {value}."))
        n += 1
    for k, v in r.extra_fields:
        out.append(P(f"{n}. {k}: {v}."))
        n += 1
    return out


def _person_fields_d(r: IndividualReport) -> list[Block]:
    """Labels as offices reword them: none of these phrasings is in the label tables as written."""
    p = r.person
    out: list[Block] = [
        P(f"1. Họ và tên người được đề nghị: {p.full_name}"),
        P(f"2. Ngày/tháng/năm sinh: {date_slash(p.birth_date or '', pad_month=True)}"),
        P(f"3. Giới tính (Nam/Nữ): {'Nữ' if p.gender == 'female' else 'Nam'}"),
        P(f"4. Dân tộc của người được đề nghị: {p.ethnicity}"),
        P(f"5. Quê quán (nguyên quán): {p.hometown}"),
        P(f"6. Nơi ở hiện tại của người được đề nghị: {p.residence}"),
        P(f"7. Chức vụ hiện tại: {p.position}"),
        P(f"8. Cơ quan, đơn vị đang công tác: {p.work_unit}"),
        P(f"9. Trình độ chuyên môn cao nhất: {p.qualification}"),
    ]
    return out


def individual_report(r: IndividualReport) -> Doc:
    """A báo cáo thành tích cá nhân in layout A, B, C or D."""
    b: list[Block] = header(r.header_left, r.place, r.date)
    b += [
        P("BÁO CÁO THÀNH TÍCH", bold=True, align="center", size=14),
        P(r.title, bold=True, align="center", size=13.5),
    ]
    if r.layout == "A":
        b.append(P("(Ghi đầy đủ bằng chữ in thường, không viết tắt)", italic=True, align="center", size=12))
    b.append(P("I. SƠ LƯỢC LÝ LỊCH", bold=True))
    b += {"A": _person_fields_a, "B": _person_fields_b, "C": _person_fields_c, "D": _person_fields_d}[r.layout](r)
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    b.append(P("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", bold=r.layout != "B"))
    b.append(P(r.duties, align="justify", indent=28))
    b.append(P("2. Thành tích đạt được của cá nhân:", bold=r.layout != "B"))
    if r.period_phrase:
        b.append(P(f"Trong {r.period_phrase}, bản thân đã đạt được những kết quả sau:", align="justify", indent=28))
    b += [P(t, align="justify", indent=28) for t in r.achievements]
    if r.innovations:
        b.append(P("3. Sáng kiến, giải pháp công tác:", bold=r.layout != "B"))
        b += innovations_blocks(r.innovations, r.innovation_style)
    if r.ratings:
        b.append(P(f"{4 if r.innovations else 3}. Kết quả đánh giá, xếp loại hằng năm:", bold=r.layout != "B"))
        b += ratings_text(r.ratings, r.rating_style)
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    if not r.prior:
        b.append(P("Chưa được khen thưởng.", italic=True))
    elif r.layout == "B":
        b += prior_list(r.prior, r.prior_style)
    elif r.prior_split is not None:
        dh, ht = r.prior[: r.prior_split], r.prior[r.prior_split:]
        b.append(P("1. Danh hiệu thi đua:"))
        b.append(prior_table(dh, r.prior_style, ["Năm", "Danh hiệu thi đua",
                 "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định"]))
        b.append(P("2. Hình thức khen thưởng:"))
        b.append(prior_table(ht, r.prior_style, ["Năm", "Hình thức khen thưởng",
                 "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định"]))
    else:
        b.append(prior_table(r.prior, r.prior_style))
    reporter = ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)",
                r.person.full_name if r.layout != "C" else caps(r.person.full_name or "")]
    b.append(signatures(r.head_signer, reporter, r.stamp_ring, "left", "both"))
    return Doc("bao_cao_ca_nhan", b)


# --- collective achievement report ----------------------------------------------------------------


@dataclass
class CollectiveReport:
    header_left: list[str]
    place: str
    date: str
    title: str
    award: Award
    unit: Unit
    address_label: str
    headcount_line: str  # the full line holding the headcount, e.g. "Tổng số …: 25 người"
    features: list[str]
    functions: str
    achievements: list[str]
    ratings: list[TaskRating] = field(default_factory=list)
    period: tuple[int, int] | None = None
    period_phrase: str | None = None
    prior: list[PriorAward] = field(default_factory=list)
    prior_style: int = 0
    head_title: list[str] = field(default_factory=lambda: ["THỦ TRƯỞNG ĐƠN VỊ"])
    upper_signer: list[str] = field(default_factory=list)
    stamp_ring: str | None = None
    name_label: str | None = None  # "Tên đơn vị" → "Tên đơn vị: X" instead of a bare line


def collective_report(r: CollectiveReport) -> Doc:
    """A báo cáo thành tích tập thể."""
    u = r.unit
    b: list[Block] = header(r.header_left, r.place, r.date)
    b += [P("BÁO CÁO THÀNH TÍCH", bold=True, align="center", size=14), P(r.title, bold=True, align="center")]
    if r.name_label:
        b.append(P(f"{r.name_label}: {u.name}", bold=True, align="center"))
    else:
        b.append(P(u.name or "", bold=True, align="center"))
    b.append(P("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True))
    b.append(P("1. Đặc điểm, tình hình:", bold=True))
    b.append(P(f"- {r.address_label}: {u.address}"))
    b += [P(f"- {t}") for t in r.features]
    b.append(P(f"- {r.headcount_line}"))
    b.append(P("2. Chức năng, nhiệm vụ:", bold=True))
    b.append(P(r.functions, align="justify", indent=28))
    b.append(P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True))
    if r.period_phrase:
        b.append(P(f"Trong {r.period_phrase}, tập thể đơn vị đã đạt được những thành tích sau:", indent=28))
    b += [P(t, align="justify", indent=28) for t in r.achievements]
    if r.ratings:
        b.append(P("Kết quả xếp loại mức độ hoàn thành nhiệm vụ của tập thể:"))
        b += ratings_text(r.ratings, 0)
    b.append(P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True))
    b.append(prior_table(r.prior, r.prior_style))
    head = [*r.head_title, "(Ký, đóng dấu)", u.head or ""]
    b.append(signatures(r.upper_signer, head, r.stamp_ring, "right", "both"))
    return Doc("bao_cao_tap_the", b)


# --- tờ trình -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A nominee as a list writes it, with the truth behind the words: who, which kind, which award.

    Unpacks as ``(written, award)``, the two texts a list prints.
    """

    kind: Literal["individual", "collective"]
    name: str
    award: str  # the award phrase as the list writes it
    honorific: str = ""  # "Ông", "Bà" … before a person's name
    position: str | None = None  # written after the name, ", <position>"
    birth: str | None = None  # a danh sách's "Năm sinh" column
    gender: Literal["male", "female"] | None = None  # a danh sách's "Nam" / "Nữ" columns

    @property
    def written(self) -> str:
        text = f"{self.honorific} {self.name}".strip()
        return f"{text}, {self.position}" if self.position else text

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.written, self.award))


def person(honorific: str, name: str, position: str | None, award: str, birth: str | None = None,
           gender: Literal["male", "female"] | None = None) -> Entry:
    return Entry("individual", name, award, honorific, position, birth, gender)


def unit(name: str, award: str) -> Entry:
    return Entry("collective", name, award)


@dataclass
class ToTrinh:
    header_left: list[str]  # the issuer is the last line
    place: str
    submission: Submission
    subject: str
    grounds: list[str]
    request: str
    nominees: list[Entry]
    signer: list[str]
    stamp_ring: str | None = None
    nominee_table: bool = True
    year: int | None = None  # the year the subject states (the list nominees' award year)
    grouped: bool = False  # paragraphs under award headings, then "a) Tập thể:" / "b) Cá nhân:"


def _grouped_entries(entries: list[Entry]) -> list[Block]:
    """``1. Tặng Bằng khen của …:`` / ``a) Tập thể:`` / ``- Trường …;`` as offices write long lists."""
    out: list[Block] = []
    awards = list(dict.fromkeys(e.award for e in entries))
    for i, award in enumerate(awards, 1):
        out.append(P(f"{i}. Đề nghị tặng {award}:", bold=True, indent=28))
        for letter, kind, label in (("a", "collective", "Tập thể"), ("b", "individual", "Cá nhân")):
            group = [e for e in entries if e.award == award and e.kind == kind]
            if group:
                out.append(P(f"{letter}) {label}:", italic=True, indent=28))
                out += [P(f"- {e.written};", indent=28) for e in group]
    return out


@dataclass
class DanhSach:
    """An attached list (danh sách trích ngang): one row per nominee, collectives first."""

    header_left: list[str]
    place: str
    date: str
    title: str  # the line under "DANH SÁCH"
    entries: list[Entry]
    year: int | None = None


def danh_sach(t: DanhSach) -> Doc:
    b: list[Block] = header(t.header_left, t.place, t.date)
    b += [P("DANH SÁCH", bold=True, align="center", size=14), P(t.title, bold=True, align="center")]
    rows = [["STT", "Họ và tên", "Năm sinh", "Nam", "Nữ", "Chức vụ, đơn vị công tác", "Hình thức khen thưởng"]]
    for roman, kind, label in (("I", "collective", "TẬP THỂ"), ("II", "individual", "CÁ NHÂN")):
        group = [e for e in t.entries if e.kind == kind]
        if not group:
            continue
        rows.append([roman, label, "", "", "", "", ""])
        for i, e in enumerate(group, 1):
            rows.append([str(i), e.name, e.birth or "", "x" if e.gender == "male" else "",
                         "x" if e.gender == "female" else "", e.position or "", e.award])
    b.append(Table(rows, widths=[0.06, 0.22, 0.09, 0.06, 0.06, 0.28, 0.23], size=11))
    return Doc("danh_sach", b)


def to_trinh(t: ToTrinh) -> Doc:
    s = t.submission
    if s.issuer != t.header_left[-1]:
        raise ValueError("the issuer of a tờ trình is the last line of its header")
    b: list[Block] = header(t.header_left, t.place, s.date or "", number=s.number)
    b += [P("TỜ TRÌNH", bold=True, align="center", size=14), P(t.subject, bold=True, align="center")]
    b.append(P(f"Kính gửi: {s.recipient}.", align="center"))
    b += [P(g, italic=True, align="justify", indent=28) for g in t.grounds]
    b.append(P(t.request, align="justify", indent=28))
    if t.grouped:
        b += _grouped_entries(t.nominees)
    elif t.nominee_table:
        rows = [["TT", "Tập thể, cá nhân", "Hình thức đề nghị"]]
        rows += [[str(i), n, a] for i, (n, a) in enumerate(t.nominees, 1)]
        b.append(Table(rows, widths=[0.08, 0.52, 0.40]))
    else:
        b += [P(f"{i}. {n}: {a};", indent=28) for i, (n, a) in enumerate(t.nominees, 1)]
    b.append(P("(Có hồ sơ, biên bản họp Hội đồng Thi đua - Khen thưởng kèm theo)", italic=True, align="center"))
    b.append(P("Kính trình xem xét, quyết định./.", indent=28))
    recv = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    left = [P(recv[0], bold=True, italic=True, size=11)] + [P(x, size=11) for x in recv[1:]]
    sig = signatures([], t.signer, None)
    stamp = Stamp(t.stamp_ring, "right") if t.stamp_ring else None
    b.append(Cols(left, sig.right, widths=(0.5, 0.5), stamp=stamp, sign="right"))
    return Doc("to_trinh", b)


# --- biên bản -----------------------------------------------------------------------------------


@dataclass
class BienBan:
    header_left: list[str]
    place: str
    number: str
    council: str  # "Hội đồng Thi đua - Khen thưởng xã Vĩnh Linh"
    vote: CouncilVote
    attendance_line: str
    venue: str
    chair: str
    secretary: str
    # per result: (nominee as written, award phrase); rendering style below
    written: list[tuple[str, str]]
    result_style: Literal["table", "sentences"] = "table"
    pct_only: set[int] = field(default_factory=set)  # result indexes written as a percentage only
    stamp_ring: str | None = None
    collectives: set[int] = field(default_factory=set)  # result indexes that are collectives


def _pct(a: int, b: int) -> str:
    v = round(100 * a / b, 1)
    return (f"{v:.1f}".rstrip("0").rstrip(".")).replace(".", ",") + "%"


def bien_ban(t: BienBan) -> Doc:
    v = t.vote
    b: list[Block] = header(t.header_left, t.place, v.date or "", number=t.number)
    b += [P("BIÊN BẢN", bold=True, align="center", size=14), P(f"Họp {t.council}", bold=True, align="center")]
    b.append(P(f"Vào lúc 14 giờ 00 phút, {date_words(v.date or '')}, tại {t.venue}, {t.council} "
               "tổ chức họp xét đề nghị khen thưởng.", align="justify", indent=28))
    b.append(P(f"- Thành phần: thành viên {t.council}."))
    b.append(P(f"- {t.attendance_line}"))
    b.append(P(f"- Chủ trì cuộc họp: {t.chair}."))
    b.append(P(f"- Thư ký cuộc họp: {t.secretary}."))
    b.append(P("NỘI DUNG CUỘC HỌP", bold=True, align="center"))
    b.append(P("Sau khi nghe Thường trực Hội đồng báo cáo tóm tắt thành tích của các tập thể, cá nhân, "
               "Hội đồng đã thảo luận và biểu quyết bằng phiếu kín. Kết quả như sau:", align="justify", indent=28))
    if t.result_style == "table":
        rows = [["TT", "Họ và tên / Tập thể", "Danh hiệu/hình thức đề nghị", "Số phiếu đồng ý", "Tỷ lệ"]]
        for i, (res, (who, award)) in enumerate(zip(v.results, t.written, strict=True), 1):
            rows.append([str(i), who, award, f"{res.votes_for}/{res.votes_total}",
                         _pct(res.votes_for or 0, res.votes_total or 1)])
        b.append(Table(rows, widths=[0.07, 0.33, 0.32, 0.15, 0.13]))
    else:
        for i, (res, (who, award)) in enumerate(zip(v.results, t.written, strict=True)):
            if i in t.pct_only:
                b.append(P(f"- {who}, đề nghị {award}: đạt {_pct(res.votes_for or 0, res.votes_total or 1)} "
                           "số thành viên Hội đồng đồng ý;"))
            else:
                b.append(P(f"- {who}, đề nghị {award}: {res.votes_for}/{res.votes_total} thành viên đồng ý "
                           f"({_pct(res.votes_for or 0, res.votes_total or 1)});"))
    b.append(P("Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày. Biên bản đã được thông qua trước "
               "các thành viên dự họp./.", align="justify", indent=28))
    b.append(signatures(["THƯ KÝ", "(Ký, ghi rõ họ tên)", t.secretary.split(",")[0]],
                        ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", t.chair.split(",")[0]], t.stamp_ring, "right", "both"))
    return Doc("bien_ban", b)
