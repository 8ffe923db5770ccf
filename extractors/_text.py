"""Folding that keeps positions, so a match on folded text cuts the original text at the same place."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (a few hundred in practice)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0].lower()
            out = base if len(base) == 1 else ch
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold1(text: str) -> str:
    """Lower case, no diacritics, one output character per input character."""
    return text.translate(_FOLD)


def label_regex(variants: list[str]) -> re.Pattern[str]:
    """A regex for any of the folded label variants, tolerant of spacing and comma slips in OCR."""
    parts = []
    for v in sorted(variants, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s,]+", v.strip()) if w]
        parts.append(r"[\s,]*".join(words))
    return re.compile(r"(?:" + "|".join(parts) + r")")


def mostly_capitals(text: str, share: float = 0.8, min_letters: int = 1, *, inclusive: bool = False) -> bool:
    """More than ``share`` of the letters of ``text`` are capitals (at least ``share`` if ``inclusive``).

    A text with fewer than ``min_letters`` letters (never fewer than one) is not in capitals. Titles,
    agency lines and award names are told from running text this way.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < max(1, min_letters):
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= share if inclusive else upper > share


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*$", re.UNICODE)


def looks_like_person_name(text: str) -> bool:
    """2 to 6 alphabetic words, each starting with a capital (or all in capitals)."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: how many letters OCR misread, added or lost between two short texts."""
    return int(Levenshtein.distance(a, b))

