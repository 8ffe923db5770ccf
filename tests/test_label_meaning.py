"""Labels matched by meaning (``extractors._labelmatch`` through ``LabelReader``).

Real forms write a label in ways the vocabulary does not list: a number or bullet before it, capitals,
a note in parentheses, ``/`` for ``,``, another word order, an added ``của người được đề nghị`` or
``của tập thể``, a letter OCR got wrong, and a colon, a dotted leader or a table cell after it. The
property tests generate such variants of every field of ``person.yaml`` and ``unit.yaml`` and check
the field is read with its value every time; the negative cases check that a sentence mentioning a
label word, or a value line, is not read as a label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import _labels
from extractors._fieldlines import LabelReader
from extractors._labelmatch import LabelMatcher, fold_label
from extractors.lines import Line
from record.errors import DataFileError

# Labels as offices write them, with their marks (the YAML variants are folded); each field of
# person.yaml and unit.yaml must have an entry, so a new field is not left out of the test.
WRITTEN = {
    "person": {
        "full_name": ["Họ và tên", "Họ tên", "Họ và tên khai sinh"],
        "birth_date": ["Ngày, tháng, năm sinh", "Ngày sinh", "Sinh ngày", "Năm sinh"],
        "gender": ["Giới tính", "Nam/Nữ"],
        "ethnicity": ["Dân tộc"],
        "hometown": ["Quê quán", "Nguyên quán"],
        "residence": ["Nơi ở hiện nay", "Hộ khẩu thường trú", "Nơi thường trú", "Chỗ ở hiện nay"],
        "position": ["Chức vụ", "Chức danh", "Chức vụ, chức danh", "Nghề nghiệp"],
        "work_unit": ["Đơn vị công tác", "Cơ quan công tác", "Nơi công tác"],
        "qualification": ["Trình độ chuyên môn", "Trình độ chuyên môn, nghiệp vụ", "Trình độ đào tạo"],
    },
    "unit": {
        "name": ["Tên tập thể", "Tên đơn vị", "Tên cơ quan, đơn vị"],
        "address": ["Địa chỉ", "Địa chỉ trụ sở chính", "Trụ sở chính"],
        "headcount": ["Tổng số cán bộ, viên chức", "Tổng số thành viên", "Tổng số cán bộ, công chức, viên chức"],
        "head": ["Thủ trưởng đơn vị", "Người đứng đầu", "Họ tên thủ trưởng"],
    },
}
VALUES = {
    "full_name": "Nguyễn Thị Hoa", "birth_date": "07/4/1985", "gender": "Nữ", "ethnicity": "Kinh",
    "hometown": "xã Vĩnh Hòa, huyện Vĩnh Linh, tỉnh Quảng Trị", "residence": "thôn Tân Hòa, xã Vĩnh Hoàng",
    "position": "Hiệu trưởng", "work_unit": "Trường Tiểu học Vĩnh Hoàng", "qualification": "Đại học Sư phạm",
    "name": "Trạm Y tế xã Cửa Tùng", "address": "thôn Tân Hòa, xã Vĩnh Hoàng, tỉnh Quảng Trị",
    "headcount": "32 người", "head": "Lê Thị Phương",
}
QUALIFIERS = {
    "person": ["của người được đề nghị", "người được đề nghị", "của cá nhân được đề nghị khen thưởng"],
    "unit": ["của tập thể", "của tập thể được đề nghị", "tập thể được đề nghị khen thưởng"],
}
NUMBERING = ["", "1. ", "2) ", "a) ", "b. ", "- ", "+ ", "I. ", "IV. ", "• ", "1.2. "]
NOTES = ["", " (ghi đầy đủ)", " (nếu có)", " (chữ in hoa)", " (Đảng, chính quyền, đoàn thể)"]
CASES = [str, str.upper, str.lower, str.capitalize, str.title]
SEPARATORS = [": ", " : ", ":", "........", "…… ", ": ......."]


READERS = {table: LabelReader.for_table(getattr(_labels, table)()) for table in WRITTEN}


def _line(text: str, cells: tuple[str, ...] | None = None) -> Line:
    return Line(text=text, page=1, source="docx", cells=cells)


def test_every_field_has_written_labels_and_a_value() -> None:
    for table, written in WRITTEN.items():
        assert set(written) == set(getattr(_labels, table)().fields), table
        assert set(written) <= set(VALUES)


@st.composite
def label_variant(draw: st.DrawFn, table: str) -> tuple[str, str]:
    """(field, label) : a written label or a vocabulary variant, dressed as real forms dress it."""
    fields = getattr(_labels, table)().fields
    field = draw(st.sampled_from(sorted(WRITTEN[table])))
    base = draw(st.sampled_from(WRITTEN[table][field] + [re.sub(r"\s*\(.*?\)", "", v) for v in fields[field]]))
    parts = [p.strip() for p in re.split(r"[,/]", base) if p.strip()]
    if draw(st.booleans()):  # another word order: the comma parts, or the words themselves
        parts = draw(st.permutations(parts)) if len(parts) > 1 else [" ".join(draw(st.permutations(parts[0].split())))]
    label = draw(st.sampled_from([", ", ",", "/", " / "])).join(parts)
    filler = {*_labels.label_match().filler_words, *getattr(_labels, table)().filler_words}
    # a label made only of qualifier words ("Tập thể đề nghị") takes no further qualifier
    if draw(st.booleans()) and not set(fold_label(base)) <= filler:
        label = f"{label} {draw(st.sampled_from(QUALIFIERS[table]))}"
    if draw(st.booleans()):  # OCR reads one letter of a longer word wrong
        long_words = [m for m in re.finditer(r"\w+", label) if len(m.group()) >= 4]
        if long_words:
            word = draw(st.sampled_from(long_words))
            j = draw(st.integers(word.start(), word.end() - 1))
            label = label[:j] + draw(st.sampled_from("aceiklmnortu")) + label[j + 1:]
    label = draw(st.sampled_from(CASES))(label)
    return field, draw(st.sampled_from(NUMBERING)) + label + draw(st.sampled_from(NOTES))


def _read_variant(table: str, field: str, label: str, layout: str, sep: str) -> str | None:
    value = VALUES[field]
    reader = READERS[table]
    if layout == "line":
        hits = reader.read([_line(f"{label}{sep}{value}")])
    elif layout == "cells":
        cell = label + (":" if ":" in sep else "")
        hits = reader.read([_line(f"{cell} | {value}", (cell, value))])
    else:  # the label alone on its line, the value under it
        hits = reader.read([_line(f"{label}:"), _line(value)])
    return hits[field].value if field in hits else None


@pytest.mark.parametrize("table", sorted(WRITTEN))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_label_variant_reads_its_field_and_value(table: str, data: st.DataObject) -> None:
    field, label = data.draw(label_variant(table))
    layout = data.draw(st.sampled_from(["line", "cells", "below"]))
    sep = data.draw(st.sampled_from(SEPARATORS))
    got = _read_variant(table, field, label, layout, sep)
    assert got == VALUES[field], (label, layout, sep)


# --- what must not be read as a label -------------------------------------------------------------

# ordinary words of running text: none is a label word or a filler word
_PLAIN = ["tôi", "xin", "cam", "đoan", "rằng", "trên", "đúng", "sự", "thật", "thông", "tin", "ghi",
          "rõ", "mọi", "đã", "kê", "vào", "mẫu", "theo", "hướng", "dẫn", "phải", "bản", "sao"]


@settings(max_examples=200, deadline=None)
@given(before=st.lists(st.sampled_from(_PLAIN), min_size=2, max_size=5),
       after=st.lists(st.sampled_from(_PLAIN), min_size=2, max_size=5),
       mention=st.sampled_from(["họ tên", "họ và tên", "ngày sinh", "chức vụ", "đơn vị công tác"]),
       colon=st.booleans())
def test_a_sentence_mentioning_a_label_mid_line_is_not_a_label(
        before: list[str], after: list[str], mention: str, colon: bool) -> None:
    text = " ".join([*before, mention, *after]).capitalize() + (": Nguyễn Văn An" if colon else ".")
    assert READERS["person"].read([_line(text)]) == {}


@pytest.mark.parametrize("text", [
    "Tôi xin cam đoan họ tên và các thông tin trên là đúng sự thật.",
    "Danh sách họ tên các cá nhân được đề nghị như sau: Nguyễn Văn An, Lê Thị Hoa",
    "Đề nghị các đơn vị ghi rõ họ tên, chức vụ của người ký: theo mẫu",
    "Người đề nghị: Trưởng phòng Nội vụ",
    "Nơi sinh: Hà Tĩnh",
    "Năm 2023: Hoàn thành tốt nhiệm vụ",
    "Nguyễn Văn Tên",
    "Thời gian họp: 8:30 ngày 10/7/2024",
])
def test_sentences_and_values_are_not_labels(text: str) -> None:
    assert READERS["person"].read([_line(text)]) == {}


def test_a_value_cell_with_a_label_word_is_not_a_label_of_the_next_cell() -> None:
    cells = ("Chức vụ", "Trưởng đơn vị", "Điện thoại", "0912 345 678")
    hits = READERS["person"].read([_line(" | ".join(cells), cells)])
    assert {k: h.value for k, h in hits.items()} == {"position": "Trưởng đơn vị"}


def test_labels_by_meaning_after_an_exact_label_on_the_same_line() -> None:
    hits = READERS["person"].read([_line("1. Họ và tên: Nguyễn Văn An   Ngày/tháng/năm sinh: 07/4/1985")])
    assert {k: h.value for k, h in hits.items()} == {"full_name": "Nguyễn Văn An", "birth_date": "07/4/1985"}


@pytest.mark.parametrize(("table", "text", "field"), [
    ("person", "Nơi đăng ký hộ khẩu thường trú của người được đề nghị: thôn Tân Hòa", "residence"),
    ("person", "Chuyên môn, nghiệp vụ: Kỹ sư nông nghiệp", "qualification"),
    ("person", "Năm sinh của người được đề nghị: 1980", "birth_date"),
    ("person", "Giới tính (Nam/Nữ): Nữ", "gender"),
    ("unit", "Họ và tên thủ trưởng đơn vị: Lê Văn Bình", "head"),
    ("unit", "Người đứng đầu đơn vị: Lê Văn Bình", "head"),
    ("unit", "Địa chỉ cơ quan: thôn Tân Hòa", "address"),
    ("unit", "Tên cơ quan: Trạm Y tế xã Vĩnh Thủy", "name"),
    ("unit", "Tổng số cán bộ của đơn vị: 12", "headcount"),
])
def test_real_phrasings(table: str, text: str, field: str) -> None:
    hits = READERS[table].read([_line(text)])
    assert list(hits) == [field] and hits[field].value == text.split(":", 1)[1].strip()


@pytest.mark.parametrize(("table", "text"), [
    ("person", "Chức vụ, đơn vị công tác: Hiệu trưởng, Trường THCS Vĩnh Thủy"),  # two fields in one label
    ("person", "Quê quán, nơi ở hiện nay: xã Vĩnh Thủy"),
    ("person", "Dân tộc, tôn giáo: Kinh, không"),
    ("person", "Tên gọi khác: Ba"),
    ("person", "Trình độ học vấn: 12/12"),
    ("person", "Trình độ lý luận chính trị của người được đề nghị: Trung cấp"),
    ("unit", "Tổng số học sinh: 450 em"),
    ("unit", "Tổng số hộ dân: 1.200 hộ"),
])
def test_labels_of_no_field_or_of_two_fields_are_not_read(table: str, text: str) -> None:
    assert READERS[table].read([_line(text)]) == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("Họ và tên: Hồ Thị Ba Giới tính của người được đề nghị: Nữ", {"full_name": "Hồ Thị Ba", "gender": "Nữ"}),
    ("Họ tên: Lê Văn An Họ và tên khai sinh của người được đề nghị: Lê An",
     {"full_name": "Lê Văn An"}),
    ("Giới tính: Nam Ngày/tháng/năm sinh: 07/4/1985", {"gender": "Nam", "birth_date": "07/4/1985"}),
    # ";" ends a clause of the value, never a label found inside it
    ("Chức vụ: Phó trưởng phòng, phụ trách đơn vị; kiêm Bí thư chi bộ",
     {"position": "Phó trưởng phòng, phụ trách đơn vị; kiêm Bí thư chi bộ"}),
])
def test_a_label_by_meaning_after_a_value_takes_its_own_words_only(text: str, expected: dict[str, str]) -> None:
    hits = READERS["person"].read([_line(text)])
    assert {k: h.value for k, h in hits.items()} == expected


def test_a_tie_between_two_fields_is_refused() -> None:
    params = _labels.label_match()
    matcher = LabelMatcher([("a", "so dien thoai"), ("b", "dien thoai so")], params)
    assert matcher.match("Điện thoại số") is None
    matcher = LabelMatcher([("a", "so dien thoai"), ("a", "dien thoai so")], params)
    found = matcher.match("Điện thoại số")
    assert found is not None and found.field == "a"


def test_fold_label_drops_numbering_notes_and_separators() -> None:
    assert fold_label("IV. NGÀY/THÁNG/NĂM SINH (ghi theo giấy khai sinh):") == ["ngay", "thang", "nam", "sinh"]
    assert fold_label("a) Chức vụ, chức danh.") == ["chuc", "vu", "chuc", "danh"]


def test_a_threshold_out_of_range_is_refused_naming_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (_labels.LABELS_DIR / "label_match.yaml").read_text(encoding="utf-8")
    (tmp_path / "label_match.yaml").write_text(good.replace("min_score: 0.8", "min_score: 1.5"), encoding="utf-8")
    monkeypatch.setattr(_labels, "LABELS_DIR", tmp_path)
    with pytest.raises(DataFileError) as err:
        _labels._load("label_match.yaml", _labels.LabelMatch)
    assert "min_score" in err.value.message


def test_thresholds_come_from_the_data_file() -> None:
    """A stricter min_score in the data refuses what the shipped one accepts."""
    strict = _labels.label_match().model_copy(update={"min_score": 0.99})
    person = _labels.person()
    loose = LabelReader(person.fields, person.other_labels)
    tight = LabelReader(person.fields, person.other_labels, strict)
    line = _line("Họ và tcn: Nguyễn Văn An")
    assert loose.read([line])["full_name"].value == "Nguyễn Văn An"
    assert tight.read([line]) == {}


def test_a_label_by_meaning_with_no_value_is_found_blank() -> None:
    """Unread or missing is decided on the labels found empty: a reworded label counts too."""
    from extractors import _labels
    from extractors._fieldlines import LabelReader
    from extractors.lines import Line

    reader = LabelReader.for_table(_labels.person())
    lines = [Line(text=t, page=1, source="ocr", cells=c) for t, c in (
        ("Họ và tên người được đề nghị: Lê Thị Thu", None),
        ("Ngày/tháng/năm sinh: ……", None),
        ("Chức vụ hiện tại:", None),
        ("Nơi ở hiện tại của người được đề nghị |", ("Nơi ở hiện tại của người được đề nghị", "")),
    )]
    blanks = reader.empty_labels(lines)
    assert {f: h.value.strip() for f, h in blanks.items()} == {"birth_date": ": ……", "position": ":", "residence": ""}
