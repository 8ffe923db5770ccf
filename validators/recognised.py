"""Is a file's text Vietnamese at all? One cheap measure, computed once while the file is read.

A damaged file can still give text: bytes flipped in a PDF's content stream, or a font whose glyph
map is broken, turn a report into letters that are not words. The parsers then find no label and no
nominee, and the file would land as a clean, empty document. A reviewer must learn instead that it
could not be recognised. The measure is the share of letter runs that are well-formed Vietnamese
syllables (onset, vowel nucleus, coda; tone marks set aside): readable Vietnamese scores about 0.8
or more whatever it is about (a plan, a decision, a dossier), noise scores far lower. The threshold
is data (``data/intake.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["vietnamese_share"]

# the five tone marks; breve, circumflex and horn stay (they make ă â ê ô ơ ư letters of their own)
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_LETTERS = re.compile(r"[^\W\d_]+")


def _toneless(word: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))


def vietnamese_share(lines: Iterable[str]) -> float:
    """Share (0..1) of the letter runs in ``lines`` that are Vietnamese syllables; 0 without letters."""
    total = good = 0
    for line in lines:
        for word in _LETTERS.findall(line):
            total += 1
            good += bool(_SYLLABLE.fullmatch(_toneless(word)))
    return good / total if total else 0.0
