"""Labels the vocabulary does not list, read from real files: a Word report and the same report
scanned (rendered to an image PDF, read by real Tesseract ``vie``).

The reports use the phrasings real forms use and ``data/labels/person.yaml`` / ``unit.yaml`` do not
list word for word: ``Họ và tên người được đề nghị``, ``Ngày/tháng/năm sinh``, ``Chức danh, chức
vụ``, ``Tên tập thể được đề nghị khen thưởng``, a two-column table with ``Nơi ở hiện nay của người
được đề nghị``, a dotted leader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract_file
from record.models import DossierRecord
from samplegen.blocks import Block, Doc, P, Table
from samplegen.catalog import ScanOptions
from samplegen.docs import header, signatures
from samplegen.docx_out import render_docx
from samplegen.pdf_out import render_scanned_pdf

PERSON = {
    "full_name": "Trần Thị Mai Anh",
    "birth_date": "1987-03-15",
    "gender": "female",
    "ethnicity": "Kinh",
    "hometown": "xã Vĩnh Thủy, tỉnh Quảng Trị",
    "residence": "thị trấn Hồ Xá, tỉnh Quảng Trị",
    "position": "Phó Hiệu trưởng",
    "work_unit": "Trường THCS Vĩnh Thủy",
    "qualification": "Đại học Sư phạm Toán",
}
UNIT = {"name": "Trạm Y tế xã Vĩnh Thủy", "address": "thôn Nam Cường, xã Vĩnh Thủy, tỉnh Quảng Trị",
        "headcount": 9, "head": "Lê Văn Hải"}


def _individual() -> Doc:
    b: list[Block] = header(["UBND XÃ VĨNH THỦY", "TRƯỜNG THCS VĨNH THỦY"], "Vĩnh Thủy", "2024-07-20")
    b += [
        P("BÁO CÁO THÀNH TÍCH", bold=True, align="center", size=14),
        P("ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM HỌC 2023 - 2024", bold=True, align="center"),
        P("I. SƠ LƯỢC LÝ LỊCH", bold=True),
        P(f"1. Họ và tên người được đề nghị: {PERSON['full_name']}"),
        P("2. Ngày/tháng/năm sinh: 15/3/1987"),
        P("3. Giới tính của người được đề nghị: Nữ"),
        P(f"4. Dân tộc: {PERSON['ethnicity']}"),
        P(f"5. Quê quán (nguyên quán)........ {PERSON['hometown']}"),
        Table([["Nơi ở hiện nay của người được đề nghị", PERSON["residence"]],
               ["Chức danh, chức vụ hiện nay", PERSON["position"]],
               ["Cơ quan, đơn vị công tác hiện nay", PERSON["work_unit"]]], widths=[0.55, 0.45], header=False),
        P(f"9. Trình độ chuyên môn, nghiệp vụ cao nhất: {PERSON['qualification']}"),
        P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True),
        P("Hoàn thành xuất sắc nhiệm vụ được giao; tỷ lệ học sinh khá giỏi đạt 65%.", indent=28),
        P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True),
        P("Chưa được khen thưởng.", italic=True),
        signatures(["HIỆU TRƯỞNG", "(Ký, đóng dấu)", "Hồ Văn Lợi"],
                   ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", PERSON["full_name"]], None),
    ]
    return Doc("bao_cao_ca_nhan", b)


def _collective() -> Doc:
    b: list[Block] = header(["UBND XÃ VĨNH THỦY", "TRẠM Y TẾ XÃ VĨNH THỦY"], "Vĩnh Thủy", "2024-07-20")
    b += [
        P("BÁO CÁO THÀNH TÍCH", bold=True, align="center", size=14),
        P("ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2024", bold=True, align="center"),
        P("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True),
        P(f"- Tên tập thể được đề nghị khen thưởng: {UNIT['name']}"),
        P(f"- Địa chỉ trụ sở của tập thể: {UNIT['address']}"),
        P(f"- Tổng số cán bộ, viên chức của tập thể: {UNIT['headcount']} người"),
        P(f"- Họ tên thủ trưởng đơn vị: {UNIT['head']}"),
        P("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True),
        P("Hoàn thành tốt nhiệm vụ khám chữa bệnh ban đầu cho nhân dân trong xã.", indent=28),
        P("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True),
        P("Chưa được khen thưởng.", italic=True),
        signatures(["TM. UBND XÃ", "CHỦ TỊCH", "(Ký, đóng dấu)", "Nguyễn Văn Bình"],
                   ["TRƯỞNG TRẠM", "(Ký, đóng dấu)", UNIT["head"]], None),
    ]
    return Doc("bao_cao_tap_the", b)


def _write(tmp_path: Path, doc: Doc, fmt: str) -> DossierRecord:
    if fmt == "docx":
        path = tmp_path / "bctt.docx"
        path.write_bytes(render_docx([doc]))
    else:
        path = tmp_path / "bctt.pdf"
        data, _, _ = render_scanned_pdf([doc], ScanOptions(dpi=200, seed=3, skew=0.3))
        path.write_bytes(data)
    return extract_file(path)


@pytest.mark.parametrize("fmt", ["docx", "pdf-scanned"])
def test_person_labels_by_meaning_in_a_real_file(tmp_path: Path, fmt: str) -> None:
    record = _write(tmp_path, _individual(), fmt)
    assert record.source.format == fmt
    (nom,) = record.nominations
    assert nom.person is not None
    got = nom.person.model_dump(include=set(PERSON))
    assert got == PERSON


@pytest.mark.parametrize("fmt", ["docx", "pdf-scanned"])
def test_unit_labels_by_meaning_in_a_real_file(tmp_path: Path, fmt: str) -> None:
    record = _write(tmp_path, _collective(), fmt)
    (nom,) = record.nominations
    assert nom.unit is not None
    assert nom.unit.model_dump() == UNIT
