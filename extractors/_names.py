"""A person's name and only the name: no honorific, rank, degree or position around it.

Offices write a nominee or a signer as ``Bà Đoàn Thị Thanh Hoa - Trưởng Trạm``, ``Đồng chí Thượng tá
Phan Văn Quý`` or ``ThS. Lê Văn An, Hiệu trưởng``; the record wants ``Đoàn Thị Thanh Hoa`` (contract
README: a value is only the value; samplegen README, "honorific dropped"). The words come from
``data/labels/names.yaml`` so a new rank or title is a data change. Every reader of names (reports,
lists, minutes) calls :func:`strip_honorifics` so they all cut the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._text import fold1
from record.normalize import clean_text

# what ends a name and opens a position or a note: ", Trưởng trạm", " - Hiệu trưởng", " (Chủ tịch)"
_TAIL = re.compile(r"\s*(?:,|;|:|\(|\s[-–—]\s|\s[-–—]$)")
_EDGE = " .,:;-–—_"
_QUOTES = re.compile("[\"'‘’“”`´]")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


@lru_cache(maxsize=1)
def _prefixes() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(folded prefixes, prefixes kept with their marks, lower case), longest first."""
    words = _labels.names()
    folded = [_words(fold1(p)) for p in (*words.honorifics, *words.ranks, *words.degrees)]
    marked = [_words(p.lower()) for p in words.honorifics_marked]
    return sorted(folded, key=len, reverse=True), sorted(marked, key=len, reverse=True)


@lru_cache(maxsize=1)
def _positions() -> list[tuple[str, ...]]:
    return sorted((_words(p.lower()) for p in _labels.names().positions), key=len, reverse=True)


def _token(word: str) -> str:
    """A word as compared with the vocabulary: no trailing dot or colon (``ThS.`` → ``ths``)."""
    return word.rstrip(".:").lower()


def _leading(words: list[str]) -> int:
    """How many words at the start are one honorific, rank or degree (0 if none)."""
    folded_prefixes, marked_prefixes = _prefixes()
    low = [_token(w) for w in words]
    folded = [fold1(w) for w in low]
    for prefix in folded_prefixes:
        if tuple(folded[: len(prefix)]) == prefix:
            return len(prefix)
    for prefix in marked_prefixes:
        if tuple(low[: len(prefix)]) == prefix:
            return len(prefix)
    return 0


def leading_titles(words: list[str]) -> int:
    """How many words at the start are honorifics, ranks or degrees, one after another (0 if none):
    ``Đồng chí Thượng tá Phan Văn Quý`` → 4. Lists use it to tell a person from a unit."""
    total = 0
    while total < len(words):
        n = _leading(words[total:])
        if n == 0:
            break
        total += n
    return total


def _position_at(words: list[str]) -> bool:
    """``words`` open a position (``Trưởng Trạm``), compared with their marks."""
    low = [w.lower() for w in words]
    return any(tuple(low[: len(pos)]) == pos and (len(pos) > 1 or len(low) > 1) for pos in _positions())


def _leading_position(words: list[str]) -> int:
    """How many words at the start are a position before the name (0 if none): the position's
    words, then its lower-case or acronym rest (``Trưởng trạm``, ``Chủ tịch UBND xã``) up to the
    first capitalised word. In a text all in capitals only the position's own words go."""
    if not _position_at(words):
        return 0
    low = [w.lower() for w in words]
    n = max(len(p) for p in _positions() if tuple(low[: len(p)]) == p)
    if all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return n
    while n < len(words) and not (words[n][:1].isupper() and words[n][1:].islower()):
        n += 1
    return n


def strip_honorifics(text: str | None) -> str:
    """The bare name in ``text``: leading Ông/Bà/Đồng chí/Đ/c/Anh/Chị, ranks, degrees and positions
    dropped, and a trailing ``, <position>`` / `` - <position>`` / ``(<note>)`` cut off.

    Returns ``""`` for no text. A prefix is dropped only while two words of name stay after it, so a
    two-word name that happens to start like an honorific is kept. A position written after the name
    without a separator is cut when its words (with their marks: "Trưởng", never the surname
    "Trương") follow at least two words of name. Case and spelling are left as written:
    ``record.normalize.normalize_name`` puts the name in name case.
    """
    text = _QUOTES.sub("", clean_text(text) or "")  # OCR debris: "Lê Văn 'Tám"
    text = text.lstrip(_EDGE)
    tail = _TAIL.search(text)
    if tail and tail.start() > 0:
        text = text[: tail.start()]
    words = text.split()
    while len(words) > 2:
        n = _leading(words) or _leading_position(words)
        if n == 0 or len(words) - n < 2:
            break
        words = words[n:]
    for i in range(2, len(words)):
        if _position_at(words[i:]):
            words = words[:i]
            break
    return " ".join(words).strip(_EDGE)
