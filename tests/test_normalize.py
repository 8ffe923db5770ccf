"""Property tests for the normal-form parsers: they return the normal form or None, never raise."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from record.normalize import (
    clean_text,
    normalize_docno,
    normalize_name,
    parse_date,
    parse_gender,
    parse_int,
    parse_rating,
)

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(dates)
def test_numeric_dates_round_trip(d: dt.date) -> None:
    assert parse_date(f"{d.day}/{d.month}/{d.year}") == d.isoformat()
    assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year}") == d.isoformat()


@given(dates, st.sampled_from(["ngày {d} tháng {m} năm {y}", "Vĩnh Linh, ngày {d} tháng {m} năm {y}", "NGÀY {d} THÁNG {m} NĂM {y}"]))
def test_worded_dates_round_trip(d: dt.date, template: str) -> None:
    assert parse_date(template.format(d=f"{d.day:02d}", m=d.month, y=d.year)) == d.isoformat()


def test_partial_and_impossible_dates() -> None:
    assert parse_date("07/4/1985") == "1985-04-07"
    assert parse_date("ngày 07 tháng 4 năm 1985") == "1985-04-07"
    assert parse_date("tháng 4/1985") == "1985-04"
    assert parse_date("năm 1985") == "1985"
    assert parse_date("31/02/2024") is None
    assert parse_date("không rõ") is None


@given(st.text(max_size=60))
def test_parsers_never_raise(text: str) -> None:
    for fn in (clean_text, normalize_name, parse_date, normalize_docno, parse_gender, parse_rating, parse_int):
        fn(text)
    out = parse_date(text)
    assert out is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", out)


@given(st.integers(1, 99999), st.sampled_from(["QĐ-UBND", "TTr-UBND", "QĐ-CT", "BB-HĐTĐKT", "QĐ-SGDĐT"]), st.sampled_from(["", " ", "  "]))
def test_docno_spaces_removed(n: int, kind: str, gap: str) -> None:
    assert normalize_docno(f"Số: {n}{gap}/{gap}{kind}") == f"{n}/{kind}"


syllable = st.sampled_from(["nguyễn", "THỊ", "hoa", "Lê", "VĂN", "hồ", "PHAN", "đình", "Ánh", "HỒ", "xuân"])


@given(st.lists(syllable, min_size=2, max_size=5))
def test_names_are_capitalised_per_syllable(words: list[str]) -> None:
    out = normalize_name("  ".join(words))
    assert out is not None
    assert out.split() == [w[:1].upper() + w[1:].lower() for w in words]
    assert out == unicodedata.normalize("NFC", out)


def test_nfc_and_spaces() -> None:
    assert clean_text("Nguye\u0302\u0303n   Văn\u00a0A ") == "Nguyễn Văn A"
    assert clean_text("   ") is None


def test_small_enumerations() -> None:
    assert parse_gender("Nữ") == "female"
    assert parse_gender("NAM") == "male"
    assert parse_rating("Hoàn thành xuất sắc nhiệm vụ") == "HTXSNV"
    assert parse_rating("hoàn thành tốt nhiệm vụ") == "HTTNV"
    assert parse_rating("Hoàn thành nhiệm vụ") == "HTNV"
    assert parse_rating("Không hoàn thành nhiệm vụ") == "KHTNV"
    assert parse_int("12 người") == 12
    assert parse_int("1.250 người") == 1250
