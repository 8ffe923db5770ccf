"""Folding that keeps positions, so a match on folded text cuts the original text at the same place."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold1(text: str) -> str:
    """Lower case, no diacritics, one output character per input character."""
    return "".join(_fold_char(c) for c in text)


def label_regex(variants: list[str]) -> re.Pattern[str]:
    """A regex for any of the folded label variants, tolerant of spacing and comma slips in OCR."""
    parts = []
    for v in sorted(variants, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s,]+", v.strip()) if w]
        parts.append(r"[\s,]*".join(words))
    return re.compile(r"(?:" + "|".join(parts) + r")")


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*$", re.UNICODE)


def looks_like_person_name(text: str) -> bool:
    """2 to 6 alphabetic words, each starting with a capital (or all in capitals)."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)
