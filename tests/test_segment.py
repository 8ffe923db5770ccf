"""Splitting a file into its documents by content, whatever the file is called."""

from __future__ import annotations

from extractors.lines import Line
from extractors.segment import segment


def _lines(pages: list[list[str]]) -> list[Line]:
    return [Line(text=t, page=p, source="ocr", confidence=0.9) for p, texts in enumerate(pages, 1) for t in texts]


HEADER = ["UBND XÃ VĨNH LINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Vĩnh Linh, ngày 10 tháng 11 năm 2024"]


def test_bundle_is_cut_at_each_documents_header() -> None:
    pages = [
        [*HEADER, "TỜ TRÌNH", "Về việc đề nghị tặng danh hiệu", "Kính gửi: Chủ tịch UBND tỉnh", "Báo cáo thành tích kèm theo."],
        [*HEADER, "BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng", "Có mặt: 09/09"],
        [*HEADER, "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ", "I. SƠ LƯỢC LÝ LỊCH", "- Họ tên: Lê Văn A"],
        ["II. THÀNH TÍCH ĐẠT ĐƯỢC", "Năm 2024: Hoàn thành xuất sắc nhiệm vụ"],
        [*HEADER, "BAO CAO THANH TICH", "ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
         "- Địa điểm trụ sở chính: thôn Hồ Xá"],
    ]
    segs = segment(_lines(pages))
    assert [(s.kind, s.pages) for s in segs] == [
        ("to_trinh", [1]), ("bien_ban", [2]), ("bao_cao_ca_nhan", [3, 4]), ("bao_cao_tap_the", [5]),
    ]
    assert segs[1].lines[0].text == HEADER[0]


def test_sentences_naming_documents_are_no_titles() -> None:
    segs = segment(_lines([[*HEADER, "TỜ TRÌNH", "Kèm theo biên bản họp và báo cáo thành tích của các cá nhân."]]))
    assert [s.kind for s in segs] == ["to_trinh"]


def test_two_line_report_title() -> None:
    segs = segment(_lines([["BÁO CÁO", "THÀNH TÍCH ĐỀ NGHỊ TẶNG GIẤY KHEN", "- Họ và tên: Lê Thị B", "- Giới tính: Nữ"]]))
    assert [s.kind for s in segs] == ["bao_cao_ca_nhan"]


def test_file_without_a_dossier_title_is_one_other_document() -> None:
    segs = segment(_lines([["ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH", "Về việc tặng Bằng khen"], ["Điều 1. Tặng Bằng khen"]]))
    assert [(s.kind, s.pages) for s in segs] == [("other", [1, 2])]
    assert segment([])[0].kind == "other"


def test_mostly_capitals_share_letters_and_bound() -> None:
    from extractors._text import mostly_capitals

    assert mostly_capitals("ỦY BAN NHÂN DÂN") and not mostly_capitals("Ủy ban nhân dân")
    assert not mostly_capitals("12/2024 - ...")  # no letters
    assert mostly_capitals("UBND") and not mostly_capitals("UBND", min_letters=5)
    assert not mostly_capitals("ABCDe")  # 4/5 is not more than 0.8 ...
    assert mostly_capitals("ABCDe", inclusive=True)  # ... but it is at least 0.8
    assert mostly_capitals("ABCde", share=0.6, inclusive=True) and not mostly_capitals("ABCde", share=0.6)
