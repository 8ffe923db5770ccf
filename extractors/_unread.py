"""Missing or unread: a form's field with no value, told apart by why it has none (issue 6 item 6).

* **Missing**: the page leaves the field blank, a dotted line (``……``, ``...``, ``___``) after
  the label, or an empty value in a born-digital file, whose text layer is exact. The dossier lacks
  the value; the record has null and no provenance, and the validators report it as missing.
* **Unread**: the label is there but tdkt could not read the value: blank where a scan lost it
  (handwriting too faint, a stroke Tesseract drops), only OCR noise (``nh đc v``, ``VXVWx+vW``), or
  text that has no normal form (a birth date ``l9?5``). The record has null and
  ``Provenance(unread=True)`` on the label's line.

A value read with low confidence is neither: it keeps its value and its confidence.
"""

from __future__ import annotations

import re
import unicodedata

from extractors._fieldlines import Hit
from extractors.lines import Line
from record.models import Provenance, ProvenanceMap

# a run of dots, an ellipsis or underscores: the form's blank for a hand-written value
_DOTTED = re.compile(r"\.{2,}|…|_{2,}")
_VOWELS = set("aăâeêioôơuưy")
_FOREIGN = set("fjwz")  # letters no Vietnamese syllable has
_ACRONYM = re.compile(r"^[A-ZĐ]{2,8}$")
_NUMBER = re.compile(r"^\W*\d[\d/.,\-–]*\W*$")


# the words a form prints around its blank (``…… người``, ``ngày …… tháng …… năm ……``): still a blank
_BLANK_WORDS = re.compile(r"\b(người|thành viên|đồng chí|ngày|tháng|năm|trong đó|nữ|nam)\b", re.IGNORECASE)


def blank_on_page(raw: str) -> bool:
    """The text after a label is the form's dotted blank and nothing else (but the unit words the
    form prints around it: ``…… người`` is a blank headcount, not a value tdkt failed to read)."""
    if not _DOTTED.search(raw):
        return False
    rest = _BLANK_WORDS.sub("", _DOTTED.sub("", raw)).replace("_", "")
    return not re.search(r"\w", rest)


def has_blank(raw: str) -> bool:
    """The text holds a form's dotted blank (``ngày …… tháng 11 năm 2025``: a date left to fill in)."""
    return bool(_DOTTED.search(raw))


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0].lower().replace("đ", "d")


def _real_word(word: str) -> bool:
    """A Vietnamese syllable, a hyphenated or apostrophed name (``Ê-đê``, ``H'Mông``), an
    abbreviation (``UBND``, ``ThS``) or a number, as opposed to OCR debris (``nh``, ``VXVWx+v``)."""
    core = word.strip(".,;:!?\"“”‘’()[]-–")
    if not core:
        return False
    if _NUMBER.match(core):
        return True
    letters = re.sub(r"[-'’.]", "", core)
    if not letters.isalpha():
        return False
    bases = {_base(c) for c in letters}
    if bases & _FOREIGN:
        return False
    if _ACRONYM.match(letters) or (2 <= len(letters) <= 4 and any(c.isupper() for c in letters)):
        return True  # "UBND", "NKE", "ThS", "CĐSP"
    if not bases & _VOWELS or len(letters) > 7:
        return False
    if letters != core:
        return True  # "Ê-đê", "H'Mông", "K'ho"
    return core.islower() or core.isupper() or (core[0].isupper() and core[1:].islower())


def is_noise(value: str | None) -> bool:
    """OCR debris in place of a value: fewer than half of its words are words (``nh đc v``)."""
    if not value:
        return False
    words = value.split()
    real = sum(_real_word(w) for w in words)
    return real * 2 < len(words)


def unread_provenance(line: Line) -> Provenance:
    """The provenance of a value tdkt could not read: the label's line, flagged ``unread``."""
    return Provenance(page=line.page, line=line.text, confidence=line.confidence, source=line.source,
                      unread=True, bbox=line.bbox)


def drop_noise(hits: dict[str, Hit]) -> dict[str, Hit]:
    """Take the scanned values that are only noise out of ``hits``; return them (field -> hit)."""
    noise = {k: h for k, h in hits.items() if h.line.source == "ocr" and is_noise(h.value)}
    for k in noise:
        del hits[k]
    return noise


def _blank_hit(hit: Hit) -> bool:
    """A value that is the form's blank: the dots (kept, or cut off by the reader with only the unit
    words ``người`` left) on a line that holds them."""
    if blank_on_page(hit.value or ""):
        return True
    return has_blank(hit.line.text) and not re.search(r"\w", _BLANK_WORDS.sub("", hit.value or ""))


def mark_unread(prov_map: ProvenanceMap, prefix: str, fields: dict[str, object],
                blanks: dict[str, Hit], unparsed: dict[str, Hit]) -> None:
    """Put ``unread`` provenance on each null field of ``fields`` that the form has but tdkt could
    not read.

    ``blanks`` are labels found with no value (``LabelReader.empty_labels``): unread only on a scan
    and when not a dotted blank. ``unparsed`` are values that were there (noise, or text with no
    normal form): unread in any source.
    """
    for field, value in fields.items():
        if value is not None:
            continue
        key = f"{prefix}.{field}"
        if field in unparsed and not _blank_hit(unparsed[field]):
            prov_map[key] = unread_provenance(unparsed[field].line)
        elif field in blanks:
            blank = blanks[field]
            if blank.line.source == "ocr" and not blank_on_page(blank.value):
                prov_map[key] = unread_provenance(blank.line)
