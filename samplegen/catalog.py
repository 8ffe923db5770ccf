"""The sample set: which file holds which documents, in which format, and its expected record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from record.awards import award_code, award_holder
from record.models import (
    Achievements,
    Award,
    CouncilVote,
    Innovation,
    Nomination,
    Person,
    PriorAward,
    Submission,
    TaskRating,
    Unit,
)
from record.normalize import fold
from samplegen import councils, people
from samplegen.blocks import Doc
from samplegen.docs import (
    BienBan,
    CollectiveReport,
    DanhSach,
    Entry,
    IndividualReport,
    ToTrinh,
    bien_ban,
    collective_report,
    danh_sach,
    individual_report,
    to_trinh,
)

Format = Literal["docx", "doc", "pdf-text", "pdf-scanned"]


@dataclass
class ScanOptions:
    """How a scanned PDF is made (resolution, colour, the signed-file quirks)."""

    dpi: int = 200
    grey: bool = True
    seed: int = 0
    skew: float = 0.5  # degrees, sign varies per page
    junk_prefix: bytes = b""  # bytes before %PDF (a signed file saved by a portal)
    sign_text: list[str] = field(default_factory=list)  # text-layer signature stamp on page 1
    turned: dict[int, int] = field(default_factory=dict)  # page -> degrees (a sheet fed upside down)


@dataclass
class Sample:
    name: str
    fmt: Format
    docs: list[Doc]
    nominations: list[Nomination] = field(default_factory=list)
    submission: Submission | None = None
    council_vote: CouncilVote | None = None
    scan: ScanOptions | None = None


def nomination(award: Award, *, person: Person | None = None, unit: Unit | None = None,
               period: tuple[int, int] | None = None, ratings: list[TaskRating] | None = None,
               innovations: list[Innovation] | None = None, prior: list[PriorAward] | None = None) -> Nomination:
    """The golden nomination of one report: an individual when ``person`` is given, else a collective."""
    lo, hi = period if period else (None, None)
    return Nomination(
        nominee_kind="individual" if person is not None else "collective", award=award, person=person, unit=unit,
        achievements=Achievements(period_from=lo, period_to=hi, task_ratings=ratings or [],
                                  innovations=innovations or []),
        prior_awards=prior or [],
    )


def nom_individual(r: IndividualReport) -> Nomination:
    return nomination(r.award, person=r.person, period=r.period, ratings=r.ratings, innovations=r.innovations,
                      prior=r.prior)


def nom_collective(r: CollectiveReport) -> Nomination:
    return nomination(r.award, unit=r.unit, period=r.period, ratings=r.ratings, prior=r.prior)


def individual(name: str, fmt: Format, r: IndividualReport, scan: ScanOptions | None = None) -> Sample:
    return Sample(name, fmt, [individual_report(r)], [nom_individual(r)], scan=scan)


def collective(name: str, fmt: Format, r: CollectiveReport, scan: ScanOptions | None = None) -> Sample:
    return Sample(name, fmt, [collective_report(r)], [nom_collective(r)], scan=scan)


def list_nomination(e: Entry, year: int | None, doc_kind: str) -> Nomination:
    """What a list entry alone says of its nominee (contract README): name, award, position."""
    award = Award(code=award_code(e.award), name=_award_written(e.award), year=year)
    if e.kind == "individual":
        n = nomination(award, person=Person(full_name=e.name, position=e.position))
    else:
        n = nomination(award, unit=Unit(name=e.name))
    n.named_in = [doc_kind]  # type: ignore[list-item]
    return n


def _award_written(phrase: str) -> str:
    """The award's name as a list writes it, without the leading ``danh hiệu`` (golden conventions)."""
    return re.sub(r"^(?:danh hiệu|hình thức)\s+", "", phrase, flags=re.IGNORECASE)


def vote_nominations(bb: BienBan, year: int | None) -> list[Nomination]:
    out = []
    for i, (res, (_who, phrase)) in enumerate(zip(bb.vote.results, bb.written, strict=True)):
        holder = award_holder(res.award_code)
        kind = holder if holder in ("individual", "collective") else "collective" if i in bb.collectives else "individual"
        out.append(list_nomination(Entry(kind, res.nominee or "", phrase), year, "bien_ban"))  # type: ignore[arg-type]
    return out


def _fold_key(n: Nomination) -> tuple[str, str | None]:
    name = n.person.full_name if n.person else n.unit.name if n.unit else ""
    return fold(name or ""), n.award.code


def merge_mentions(groups: list[list[Nomination]]) -> list[Nomination]:
    """One nomination per nominee and award across a file's documents (contract README): the report's
    values first, the lists fill the gaps, ``named_in`` in document order. Written from the contract,
    apart from the extractor's merge."""
    merged: list[Nomination] = []
    for group in groups:
        taken: set[int] = set()
        for n in group:
            key = _fold_key(n)
            hit = next((i for i, m in enumerate(merged) if i not in taken and _fold_key(m) == key), None)
            if hit is None:
                merged.append(n)
                taken.add(len(merged) - 1)
                continue
            old = merged[hit]
            first, second = (n, old) if n.named_in[0].startswith("bao_cao") and not old.named_in[0].startswith("bao_cao") else (old, n)
            for part in ("award", "person", "unit"):
                a, b = getattr(first, part), getattr(second, part)
                if a is None or b is None:
                    continue
                for f in type(a).model_fields:
                    if getattr(a, f) is None and getattr(b, f) is not None:
                        setattr(a, f, getattr(b, f))
            first.named_in = old.named_in + [k for k in n.named_in if k not in old.named_in]
            merged[hit] = first
            taken.add(hit)
    return merged


def council(name: str, fmt: Format, tt: ToTrinh | None, bb: BienBan | None,
            reports: list[IndividualReport] | None = None, scan: ScanOptions | None = None,
            lists: list[DanhSach] | None = None) -> Sample:
    docs: list[Doc] = []
    groups: list[list[Nomination]] = []
    year = tt.year if tt else None
    if tt:
        docs.append(to_trinh(tt))
        groups.append([list_nomination(e, year, "to_trinh") for e in tt.nominees])
    for ds in lists or []:
        docs.append(danh_sach(ds))
        groups.append([list_nomination(e, ds.year or year, "danh_sach") for e in ds.entries])
        for n, e in zip(groups[-1], ds.entries, strict=True):
            if n.person is not None:
                n.person.birth_date, n.person.gender = e.birth, e.gender  # type: ignore[attr-defined]
    if bb:
        docs.append(bien_ban(bb))
        groups.append(vote_nominations(bb, year))
    reports = reports or []
    docs += [individual_report(r) for r in reports]
    for r in reports:
        n = nom_individual(r)
        n.named_in = ["bao_cao_ca_nhan"]
        groups.append([n])
    return Sample(name, fmt, docs, merge_mentions(groups),
                  submission=tt.submission if tt else None, council_vote=bb.vote if bb else None, scan=scan)


def docx_samples() -> list[Sample]:
    """The Word samples: 9 individual reports (4 layouts, one with reworded labels), 3 collective,
    2 tờ trình + biên bản, a tờ trình + danh sách."""
    return [
        individual("bctt_canhan_cstdcs_nguyen_thi_hoa.docx", "docx", people.nguyen_thi_hoa()),
        individual("bctt_canhan_ldtt_ho_van_thang.docx", "docx", people.ho_van_thang()),
        individual("bctt_canhan_bangkhen_le_quang_minh.docx", "docx", people.le_quang_minh()),
        individual("bctt_canhan_giaykhen_tran_thi_thu_ha.docx", "docx", people.tran_thi_thu_ha()),
        individual("BAO CAO THANH TICH - HO THI LAN.docx", "docx", people.ho_thi_lan()),
        individual("bctt_dontruong_bp_cua_tung_2025.docx", "docx", people.le_van_hung()),
        individual("bctt_cstd_tinh_phan_thi_ngoc_anh.docx", "docx", people.phan_thi_ngoc_anh()),
        individual("bctt_bkttcp_kan_thi_bich.docx", "docx", people.kan_thi_bich()),
        individual("bctt_nhan_bien_the_dang_thi_thu_trang.docx", "docx", people.dang_thi_thu_trang()),
        collective("bctt_tapthe_ldxs_th_vinh_hoang.docx", "docx", people.th_vinh_hoang()),
        collective("bctt_tapthe_tyt_cua_tung_2025.docx", "docx", people.tyt_cua_tung()),
        collective("bctt_tapthe_cothidua_dbp_cua_tung.docx", "docx", people.dbp_cua_tung()),
        council("totrinh_bienban_xa_vinh_linh_2025.docx", "docx", councils.totrinh_vinh_linh_2025(),
                councils.bienban_vinh_linh_2025()),
        council("hoso_pgd_vinh_linh_2024.docx", "docx", councils.totrinh_pgd_2024(), councils.bienban_pgd_2024()),
        council("totrinh_danhsach_xa_gio_linh_2025.docx", "docx", councils.totrinh_gio_linh_2025(), None,
                lists=[councils.danhsach_gio_linh_2025()]),
    ]


def scan_samples() -> list[Sample]:
    """Image-only PDFs, as office scanners make them."""
    sign = ["Cơ quan: UBND xã Vĩnh Linh", "Giờ ký: 12/11/2025 15:17:35"]
    return [
        council("hoso_scan_xa_vinh_linh_2025.pdf", "pdf-scanned", councils.totrinh_bundle(),
                councils.bienban_bundle(), [people.nguyen_van_binh(), people.ho_thi_hien()],
                scan=ScanOptions(dpi=200, grey=True, seed=11, skew=0.6)),
        individual("scan_bctt_duong_thi_my.pdf", "pdf-scanned", people.duong_thi_my(),
                   scan=ScanOptions(dpi=300, grey=True, seed=12, skew=-0.8)),
        collective("scan_bctt_tapthe_htx_vinh_hoang.pdf", "pdf-scanned", people.htx_vinh_hoang(),
                   scan=ScanOptions(dpi=200, grey=False, seed=13, skew=0.9)),
        council("hd_tdkt_vinh_linh_12_2024_totrinh.pdf", "pdf-scanned", None, councils.bienban_huyen_2024(),
                scan=ScanOptions(dpi=250, grey=True, seed=14, skew=-0.4)),
        council("31_TTr-UBND_signed.pdf", "pdf-scanned", councils.totrinh_signed_2025(), None,
                scan=ScanOptions(dpi=200, grey=False, seed=15, skew=0.3,
                                 junk_prefix=b"\xef\xbb\xbf\r\n--VNPT-CA-SIGNED--\r\n", sign_text=sign)),
        council("scan_hoso_thon_ha_thuong_2025.pdf", "pdf-scanned", councils.totrinh_ha_thuong_2025(),
                councils.bienban_ha_thuong_2025(),
                scan=ScanOptions(dpi=200, grey=True, seed=16, skew=0.4, turned={2: 180})),  # minutes fed upside down
        council("scan_totrinh_bienban_so_y_te_2025.pdf", "pdf-scanned", councils.totrinh_so_y_te_2025(),
                councils.bienban_so_y_te_2025(), scan=ScanOptions(dpi=200, grey=True, seed=21, skew=0.7)),
    ]


def textpdf_samples() -> list[Sample]:
    return [
        individual("bctt_truong_van_son.pdf", "pdf-text", people.truong_van_son()),
        council("totrinh_58_ttr_ubnd_cua_tung.pdf", "pdf-text", councils.totrinh_textpdf_2024(), None),
    ]


def extra_samples() -> list[Sample]:
    return [
        Sample("quyet_dinh_2781_tang_bang_khen.docx", "docx", [councils.quyet_dinh()]),
        individual("bao_cao_thanh_tich_ho_van_nhat.doc", "doc", people.ho_van_nhat()),
    ]


def all_samples() -> list[Sample]:
    return docx_samples() + scan_samples() + textpdf_samples() + extra_samples()
