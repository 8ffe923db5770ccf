"""Normal forms of the contract, applied once at the edge.

Each parser returns the normal form or ``None``; none raises on odd input, none guesses. The
contract (``../shared/contract/README.md``) fixes the forms: NFC text with single spaces, names with
each syllable capitalised, ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), document numbers
without spaces, ``male``/``female``, task ratings as ``HTXSNV``/``HTTNV``/``HTNV``/``KHTNV``.
"""

from __future__ import annotations

import re
import unicodedata

from record.legacy_encoding import detect_legacy, to_unicode

_WS = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")


def clean_text(text: str | None) -> str | None:
    """Legacy TCVN3/VNI text converted, NFC, zero-width characters dropped, white space folded, trimmed.

    '' becomes None. The legacy check comes first (TCVN3 codes ư as U+00AD, which is otherwise
    dropped as a soft hyphen) and costs one ``isascii`` for ASCII and one regex search for
    Unicode Vietnamese (``record.legacy_encoding``).
    """
    if text is None:
        return None
    if not text.isascii():
        encoding = detect_legacy(text)
        if encoding is not None:
            text = to_unicode(text, encoding)
    text = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", text)).replace("\u00a0", " ")
    text = _WS.sub(" ", text).strip()
    return text or None


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d): for matching labels and titles, never for output.

    OCR often loses the marks on capitals, so every comparison of labels goes through this.
    """
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _WS.sub(" ", text.lower()).strip()


# --- names ---------------------------------------------------------------------------------------

_NAME_JUNK = re.compile(r"[^\w\s'-]", re.UNICODE)


def normalize_name(text: str | None) -> str | None:
    """``NGUYỄN THỊ HOA`` -> ``Nguyễn Thị Hoa``: each syllable capitalised, the rest lower case."""
    text = clean_text(text)
    if not text:
        return None
    text = _NAME_JUNK.sub(" ", text)
    words = [w for w in text.split() if w]
    if not words:
        return None
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


# --- dates ---------------------------------------------------------------------------------------

_DATE_WORDS = re.compile(
    r"(?:ng[aà]y\s*)?(?<!\d)(\d{1,2})\s*th[aá]ng\s*(\d{1,2})\s*(?:n[aă]m|/|-)\s*(\d{4})"
    r"|ng[aà]y\s*(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})",
    re.IGNORECASE,
)
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_MONTH_YEAR_WORDS = re.compile(r"th[aá]ng\s*(\d{1,2})\s*(?:n[aă]m|/|-)\s*(\d{4})", re.IGNORECASE)
_MONTH_YEAR_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def _iso(day: int | None, month: int | None, year: int) -> str | None:
    import datetime as _dt

    if not 1800 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str | None) -> str | None:
    """First date in ``text`` as ISO: ``07/4/1985`` and ``ngày 07 tháng 4 năm 1985`` -> ``1985-04-07``.

    Falls back to ``YYYY-MM`` (``tháng 4/1985``) and ``YYYY`` (``năm 1985``) when the source gives
    no more. An impossible date (31/02) gives None rather than a guess.
    """
    text = clean_text(text)
    if not text:
        return None
    folded = fold(text)
    m = _DATE_WORDS.search(folded)
    if m:
        d, mo, y = (g for g in m.groups() if g is not None)
        return _iso(int(d), int(mo), int(y))
    m = _DATE_NUMERIC.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MONTH_YEAR_WORDS.search(folded) or _MONTH_YEAR_NUMERIC.search(text)
    if m:
        return _iso(None, int(m.group(1)), int(m.group(2)))
    m = _YEAR.search(text)
    if m:
        return _iso(None, None, int(m.group(1)))
    return None


# --- document numbers ----------------------------------------------------------------------------

_DOCNO = re.compile(
    r"(?<![\w/])(\d{1,6}[a-z]?)\s*/\s*((?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*[-–]\s*[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*)"
)


def normalize_docno(text: str | None) -> str | None:
    """``123 /QĐ-UBND`` -> ``123/QĐ-UBND``: the number as written, spaces removed, Đ kept.

    Accepts the number alone or embedded (``Số: 15/TTr-UBND``, ``QĐ số 12/QĐ-UBND ngày …``).
    """
    text = clean_text(text)
    if not text:
        return None
    m = _DOCNO.search(text)
    if not m:
        return None
    out = re.sub(r"\s+", "", m.group(0)).replace("–", "-")
    return out


def docnos_in(text: str | None) -> list[str]:
    """Every document number in a line of text, normalised as ``normalize_docno`` does."""
    text = clean_text(text)
    if not text:
        return []
    return [re.sub(r"\s+", "", m.group(0)).replace("–", "-") for m in _DOCNO.finditer(text)]


# --- small enumerations --------------------------------------------------------------------------


def parse_gender(text: str | None) -> str | None:
    """``Nữ`` -> ``female``, ``Nam`` -> ``male``; anything else None."""
    if not text:
        return None
    f = fold(text)
    if re.search(r"\bnu\b|\bfemale\b", f):
        return "female"
    if re.search(r"\bna[mn]\b|\bnarn\b|\bmale\b", f):  # OCR reads "Nam" as "Nan" or "Narn"
        return "male"
    return None


_RATINGS = (
    ("KHTNV", r"khong hoan thanh"),
    ("HTXSNV", r"hoan thanh xuat sac|\bh[tiíl1]xs"),
    ("HTTNV", r"hoan thanh tot|\bhtt(?:nv)?\b"),
    ("HTNV", r"hoan thanh nhiem vu|\bhtnv\b"),
)


def parse_rating(text: str | None) -> str | None:
    """A task rating written out or abbreviated -> its contract code."""
    if not text:
        return None
    f = fold(text)
    for code, pattern in _RATINGS:
        if re.search(pattern, f):
            return code
    return None


def parse_int(text: str | None) -> int | None:
    """First integer in ``text`` (``12 người`` -> 12); thousands separators allowed."""
    if not text:
        return None
    m = re.search(r"(?<!\d)(\d{1,3}(?:[.,]\d{3})+|\d+)(?!\d)", text)
    if not m:
        return None
    return int(re.sub(r"[.,]", "", m.group(1)))
