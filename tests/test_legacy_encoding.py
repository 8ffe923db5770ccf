"""Legacy TCVN3/VNI text -> Unicode: the tables, the conservative detector and the clean_text hook."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.read import read_file
from record.errors import DataFileError
from record.legacy_encoding import (
    detect_legacy,
    font_encoding,
    is_syllable,
    load_table,
    to_unicode,
)
from record.normalize import clean_text

TCVN3 = load_table("tcvn3").mapping
VNI = load_table("vni").mapping
TO_TCVN3 = {u: legacy for legacy, u in TCVN3.items()}
TO_VNI = {u: legacy for legacy, u in VNI.items()}

LOWER = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
VIETNAMESE_LETTERS = LOWER + LOWER.upper()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as a windows-1252 reader shows it. A capital VN3 lacks is typed as the
    lowercase code, as a typist using the capital font .VnTimeH does."""
    return "".join(TO_TCVN3.get(c) or TO_TCVN3.get(c.lower(), c) for c in nfc(text))


def encode_vni(text: str) -> str:
    return "".join(TO_VNI.get(c, c) for c in nfc(text))


def old_clean_text(text: str) -> str | None:
    """clean_text as it was before the legacy step: what Unicode and ASCII input must still get."""
    text = nfc(re.sub("[\u200b\u200c\u200d\ufeff\u00ad]", "", text)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip() or None


SENTENCES = [
    "Họ và tên: Nguyễn Văn An",
    "Chức vụ: Trưởng phòng Tổ chức cán bộ",
    "Đơn vị công tác: Sở Giáo dục và Đào tạo tỉnh Quảng Trị",
    "Đã hoàn thành xuất sắc nhiệm vụ năm 2023",
    "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
    "Thành tích đạt được: sáng kiến kinh nghiệm được công nhận cấp cơ sở",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Vĩnh Linh, ngày 02 tháng 10 năm 2023",
    "Danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở",
    "Người đề nghị khen thưởng: Hiệu trưởng Trường Tiểu học Hướng Hóa",
    "Căn cứ Quyết định số 15/QĐ-UBND ngày 07 tháng 4 năm 2021",
    "Ông Hồ Văn Thắng, sinh năm 1985, quê quán xã Gio Linh",
    "Giữ vững danh hiệu tập thể lao động xuất sắc nhiều năm liền",
]


# --- the tables ----------------------------------------------------------------------------------


def test_tables_cover_the_alphabet() -> None:
    # VN3 has every lowercase letter and the seven base capitals; VNI has every letter
    assert set(TCVN3.values()) == set(LOWER) | set("ĂÂÊÔƠƯĐ")
    assert len(TCVN3) == 74
    assert set(VNI.values()) == set(VIETNAMESE_LETTERS)
    assert len(VNI) == 134


def test_known_codes() -> None:
    assert TCVN3["µ"] == "à" and TCVN3["\u00ad"] == "ư" and TCVN3["§"] == "Đ" and TCVN3["®"] == "đ"
    assert VNI["aø"] == "à" and VNI["ñ"] == "đ" and VNI["ôù"] == "ớ" and VNI["ô"] == "ơ" and VNI["oâ"] == "ô"
    assert VNI["AÙ"] == "Á" and VNI["ÖÏ"] == "Ự" and VNI["î"] == "ỵ"


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("µ\tB5\tà", "cần 4 cột"),
        ("µ\tb5\tà\tU+00E0", "cột bytes"),
        ("µ\tB6\tà\tU+00E0", "không khớp các byte"),
        ("µ\tB5\tà\tU+00E1", "cột codepoint"),
        ("µ\tB5\tà\tU+00E0\nµ\tB5\tà\tU+00E0", "đã có ở trên"),
        ("µ\tB5\ta\u0300\tU+00E0", "đúng một ký tự NFC"),
        ("a\t61\ta\tU+0061", "toàn ASCII"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path: Path, row: str, why: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nlegacy\tbytes\tunicode\tcodepoint\n¸\tB8\tá\tU+00E1\n" + row + "\n", "utf-8")
    with pytest.raises(DataFileError) as info:
        load_table("tcvn3", path)
    message = str(info.value)
    assert str(path) in message and why in message
    assert re.search(r"dòng [45]:", message), message


def test_missing_header_and_file(tmp_path: Path) -> None:
    path = tmp_path / "noheader.tsv"
    path.write_text("µ\tB5\tà\tU+00E0\n", "utf-8")
    with pytest.raises(DataFileError, match="dòng 1: dòng tiêu đề"):
        load_table("tcvn3", path)
    with pytest.raises(DataFileError, match="không đọc được"):
        load_table("vni", tmp_path / "missing.tsv")


# --- conversion ----------------------------------------------------------------------------------


def test_mojibake_examples() -> None:
    assert detect_legacy("Hä vµ tªn") == "tcvn3"
    assert clean_text("Hä vµ tªn") == "Họ và tên"
    assert detect_legacy("Hoï vaø teân") == "vni"
    assert clean_text("Hoï vaø teân") == "Họ và tên"
    # TCVN3 ư is U+00AD, which clean_text otherwise drops as a soft hyphen
    assert clean_text("Tr\u00adêng TiÓu häc H\u00adíng Hãa") == "Trường Tiểu học Hướng Hóa"


def test_vni_longest_match_first() -> None:
    assert to_unicode("ñöôïc", "vni") == "được"
    assert to_unicode("Tröôøng", "vni") == "Trường"
    assert to_unicode("ôù ô oâ oá", "vni") == "ớ ơ ô ố"
    assert to_unicode("NGÖÔØI", "vni") == "NGƯỜI"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip_tcvn3(sentence: str) -> None:
    legacy = encode_tcvn3(sentence)
    assert legacy != sentence
    assert to_unicode(legacy, "tcvn3") == nfc(sentence)
    assert detect_legacy(legacy) == "tcvn3"
    assert clean_text(legacy) == nfc(sentence)


@pytest.mark.parametrize("sentence", [*SENTENCES, *(s.upper() for s in SENTENCES)])
def test_round_trip_vni(sentence: str) -> None:
    legacy = encode_vni(sentence)
    assert to_unicode(legacy, "vni") == nfc(sentence)
    assert detect_legacy(legacy) == "vni"
    assert clean_text(legacy) == nfc(sentence)


def test_tcvn3_capitals_only_when_the_font_says_so() -> None:
    title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    legacy = encode_tcvn3(title)  # as typed in .VnTimeH: accented capitals are lowercase codes
    assert legacy == "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM"
    encoding, capitals = font_encoding(".VnTimeH") or ("", False)
    assert (encoding, capitals) == ("tcvn3", True)
    assert to_unicode(legacy, "tcvn3", capitals=capitals) == title
    # without the font: the letters as coded, the case of the accented ones unknown (kept lowercase)
    assert clean_text(legacy) == "CộNG HòA Xã HộI CHủ NGHĩA VIệT NAM"
    assert clean_text(legacy).upper() == title


def test_font_names() -> None:
    assert font_encoding(".VnTime") == ("tcvn3", False)
    assert font_encoding(".VnArialH") == ("tcvn3", True)
    assert font_encoding("VNI-Times") == ("vni", False)
    assert font_encoding("Times New Roman") is None
    assert font_encoding(None) is None


# --- no false detection --------------------------------------------------------------------------

NOT_LEGACY = [
    "Họ và tên",
    "Tôi là ai",
    "BÁO CÁO THÀNH TÍCH",
    "Lê Quang Minh",
    "Quê quán: Hà Tĩnh",
    "UBND XÃ LÌA",
    "Nguye\u0302\u0303n Văn An",
    "Café crème à Paris",
    "Société Générale, rue de la Paix",
    "The résumé was sent to the café on Friday.",
    "Größe und Müller über alles",
    "señor Muñoz, São Paulo",
    "5 µm × 3 µm",
    "Dose: 10 µg per µl, © 2020 ACME®",
    "Ça va? Où est la gare?",
    "naïve façade déjà vu",
    "Hä",  # one word alone is not evidence enough
    "§¹i",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_not_detected(text: str) -> None:
    assert detect_legacy(text) is None
    assert clean_text(text) == old_clean_text(text)


def test_syllables() -> None:
    for word in ("nghiêng", "người", "được", "khuya", "quốc", "giữ", "thuở", "oẳn", "Trường", "gì"):
        assert is_syllable(word), word
    for word in ("café", "tain", "hä", "bàc", "cafộ", "nguyôn", "xyz"):
        assert not is_syllable(word), word


# --- property tests: proper Unicode and ASCII pass through unchanged ------------------------------

_INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
             "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
_OPEN = ["a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "o", "oa", "oai",
         "oay", "oe", "oi", "ô", "ôi", "ơ", "ơi", "u", "ua", "uây", "uê", "ui", "uôi", "uy", "uya", "ư", "ưa",
         "ưi", "ưu", "ươi", "ươu", "y", "yêu", "iêu"]  # fmt: skip
_CLOSED = ["a", "ă", "â", "e", "ê", "i", "iê", "o", "oa", "oă", "oe", "ô", "ơ", "u", "uâ", "uô", "uy",
           "uyê", "ư", "ươ", "yê"]  # fmt: skip
_FINALS = ["c", "ch", "m", "n", "ng", "nh", "p", "t"]
_TONE_MARKS = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def syllables(draw: st.DrawFn) -> str:
    initial = draw(st.sampled_from(_INITIALS))
    if draw(st.booleans()):
        nucleus, final = draw(st.sampled_from(_OPEN)), ""
    else:
        nucleus, final = draw(st.sampled_from(_CLOSED)), draw(st.sampled_from(_FINALS))
    tones = ["", "\u0301", "\u0323"] if final in ("c", "ch", "p", "t") else _TONE_MARKS
    tone = draw(st.sampled_from(tones))
    where = draw(st.integers(0, len(nucleus) - 1))
    word = nfc(initial + nucleus[: where + 1] + tone + nucleus[where + 1 :] + final)
    case = draw(st.sampled_from(["lower", "title", "upper"]))
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


_SEPARATORS = st.sampled_from([" ", "  ", ", ", ": ", " - ", "\t", " (", ") ", "\u00a0", ". "])


def texts(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(words, _SEPARATORS), min_size=1, max_size=25).map(
        lambda parts: "".join(w + s for w, s in parts)
    )


def _latin1(word: str) -> bool:
    return all(ord(c) < 0x100 for c in word)


@settings(max_examples=400)
@given(texts(syllables()))
def test_unicode_vietnamese_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert clean_text(text) == old_clean_text(text)


@settings(max_examples=400)
@given(texts(syllables().filter(_latin1)))
def test_latin1_only_vietnamese_is_left_alone(text: str) -> None:
    # words such as "Tôi", "là", "BÁO" have no letter only Unicode has: they reach the full check
    assert detect_legacy(text) is None
    assert clean_text(text) == old_clean_text(text)


@given(st.text(st.characters(codec="ascii")))
def test_ascii_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert clean_text(text) == old_clean_text(text)


@given(st.text(), st.sampled_from("ăđĩũơưạỹ\u0301"), st.text())
def test_text_with_a_unicode_only_letter_is_never_converted(before: str, letter: str, after: str) -> None:
    text = before + letter + after
    assert detect_legacy(text) is None
    assert clean_text(text) == old_clean_text(text)


@settings(max_examples=200)
@given(texts(syllables()))
def test_legacy_round_trip_property(text: str) -> None:
    expected = old_clean_text(text)
    vni = encode_vni(text)
    assert to_unicode(vni, "vni") == nfc(text)
    if detect_legacy(vni) is not None:
        assert clean_text(vni) == expected
    tcvn3 = encode_tcvn3(text)
    assert to_unicode(tcvn3, "tcvn3", capitals=True) == nfc(text).upper()
    if detect_legacy(tcvn3) == "tcvn3" and text == text.lower():
        assert clean_text(tcvn3) == expected


# --- a real .docx typed in TCVN3 / VNI fonts -----------------------------------------------------


def _run(paragraph: docx.text.paragraph.Paragraph, text: str, font: str) -> None:
    run = paragraph.add_run(text)
    run.font.name = font


def test_docx_in_tcvn3_reads_as_unicode(tmp_path: Path) -> None:
    document = docx.Document()
    lines = [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Họ và tên: Nguyễn Văn An",
        "Chức vụ: Trưởng phòng Tổ chức cán bộ",
        "Đã hoàn thành xuất sắc nhiệm vụ năm 2023",
    ]
    for line in lines:
        _run(document.add_paragraph(), encode_tcvn3(line), ".VnTime")
    label, value = document.add_paragraph(), document.add_paragraph()
    _run(label, encode_tcvn3("Đơn vị: "), ".VnTime")
    _run(label, encode_tcvn3("Trường Tiểu học Hướng Hóa"), ".VnTime")  # ư is U+00AD in the XML
    _run(value, encode_vni("Danh hiệu đề nghị: Chiến sĩ thi đua cơ sở"), "VNI-Times")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = encode_tcvn3("Nguyễn Thị Hoa")
    table.cell(0, 1).text = encode_tcvn3("Giáo viên dạy giỏi")
    path = tmp_path / "tcvn3.docx"
    document.save(str(path))
    assert "\u00ad" in encode_tcvn3("Trường")

    texts_read = [line.text for line in read_file(path).lines]

    for line in lines:
        assert line in texts_read
    assert "Đơn vị: Trường Tiểu học Hướng Hóa" in texts_read
    assert "Danh hiệu đề nghị: Chiến sĩ thi đua cơ sở" in texts_read
    assert "Nguyễn Thị Hoa | Giáo viên dạy giỏi" in texts_read
    assert not any(detect_legacy(t) for t in texts_read)
