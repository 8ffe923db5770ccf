"""Legacy Vietnamese 8-bit text (TCVN3/ABC, VNI) found in old office files, converted to Unicode.

Documents typed with the ABC fonts (``.VnTime``, ``.VnArial`` …; TCVN 5712:1993 table VN3) or the
VNI fonts (``VNI-Times`` …) store each Vietnamese letter as one byte (TCVN3) or as a base letter
plus one mark byte (VNI). A reader that takes the bytes as windows-1252 hands back mojibake:
``Hä vµ tªn`` (TCVN3) or ``Hoï vaø teân`` (VNI) for ``Họ và tên``. The byte tables are data files,
``data/encodings/tcvn3.tsv`` and ``vni.tsv`` (sources in their header comments), loaded strictly:
a malformed row raises ``DataFileError`` naming the file and the line.

Detection (``detect_legacy``) is deliberately conservative; a missed conversion leaves text as the
source had it, a false one would corrupt good Unicode. A text is legacy only if all of these hold:

* it is not plain ASCII, and it has no letter that only Unicode Vietnamese text has (``ă đ ĩ ũ ơ
  ư``, ``Ạ``…``ỹ``, combining marks): one such letter means the text is already Unicode;
* at least two different words are *evidence*: a word with an ASCII letter and a legacy code that
  is not a Vietnamese syllable as it stands, and becomes one once converted (``Hä`` → ``Họ``).
  A word that is a syllable both ways (``Tôi``, which TCVN3 would read as ``Tụi``) proves nothing;
* words against it are few: a word whose non-ASCII letters are not legacy codes, or that converts
  to no Vietnamese syllable (French ``café`` → ``cafộ``) counts against, and each word against
  needs four of evidence.

So English or French with an odd ``é`` or ``µ`` is left alone, and so is one legacy word on its own
line (``§¹i`` in a table cell): the evidence needed is not there. The syllable check knows the
Vietnamese initials, vowel clusters and finals, and that ``c ch p t`` finals take only the acute or
the dot-below tone.

Capitals in TCVN3: VN3 has only the seven base capitals ``Ă Â Ê Ô Ơ Ư Đ``. The capital fonts
(``.VnTimeH``, ``.VnArialH`` …) draw the lowercase codes as capitals, so ``céng hßa`` in
``.VnTimeH`` shows ``CỘNG HÒA``. Only the font says which case was meant. ``to_unicode`` keeps the
letters as coded (lowercase) unless the caller passes ``capitals=True``, and a caller knows that
only from the font name (``font_encoding``). ``clean_text`` sees no font, so it keeps lowercase:
``B¸O C¸O`` comes out ``BáO CáO``, with the right letters and, for the accented ones, the case as
coded. Label matching folds case, and ``normalize_name`` recases names, so neither is affected.
VNI has its own capital codes and needs no such rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from record.errors import DataFileError

Encoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[Encoding, ...] = ("tcvn3", "vni")
ENCODINGS_DIR = Path(__file__).resolve().parent.parent / "data" / "encodings"

_HEADER = ("legacy", "bytes", "unicode", "codepoint")
_HEX_BYTES = re.compile(r"[0-9A-F]{2}(?: [0-9A-F]{2})*")

# Letters only proper Unicode Vietnamese has (no legacy reader produces them): Ă ă Đ đ Ĩ ĩ Ũ ũ
# Ơ ơ Ư ư, the U+1EA0 block, and combining diacritics (decomposed Unicode).
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]"
)

MIN_EVIDENCE = 2  # distinct evidence words a text needs
EVIDENCE_PER_AGAINST = 4  # evidence words needed for each word against


@dataclass(frozen=True)
class LegacyTable:
    """One encoding's table: legacy sequence -> Unicode character, and what decoding needs."""

    encoding: Encoding
    mapping: dict[str, str]
    codes: frozenset[str]  # every non-ASCII character that occurs in a legacy sequence
    pattern: re.Pattern[str]  # the sequences, longest first
    marker: re.Pattern[str]  # any one of ``codes``: the cheap "could this be it" test

    def decode(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group()], text)


def load_table(encoding: Encoding, path: Path | None = None) -> LegacyTable:
    """Read ``data/encodings/<encoding>.tsv`` strictly; any bad row raises ``DataFileError``.

    Each row is ``legacy<TAB>bytes<TAB>unicode<TAB>codepoint``: the bytes must decode to ``legacy``
    both as windows-1252 and as latin-1, ``unicode`` must be one NFC character whose code point is
    ``codepoint``, and neither ``legacy`` nor ``unicode`` may repeat. Lines starting ``#`` are
    comments; the first other line is the header.
    """
    path = path or ENCODINGS_DIR / f"{encoding}.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"không đọc được bảng mã {encoding} ({exc.strerror})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"bảng mã {encoding} không phải UTF-8 ({exc})", path=path) from exc

    mapping: dict[str, str] = {}
    seen_unicode: dict[str, int] = {}
    header_seen = False
    # split on "\n" only: str.splitlines would also split on characters such as U+0085
    for lineno, line in enumerate(text.removesuffix("\n").split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.startswith("#"):
            continue

        def bad(why: str, lineno: int = lineno) -> DataFileError:
            return DataFileError(f"dòng {lineno}: {why}", path=path)

        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != _HEADER:
                raise bad(f"dòng tiêu đề phải là {' / '.join(_HEADER)} (cách nhau bằng tab)")
            header_seen = True
            continue
        if len(fields) != len(_HEADER):
            raise bad(f"cần {len(_HEADER)} cột cách nhau bằng tab, có {len(fields)}")
        legacy, hex_bytes, char, codepoint = fields
        if not _HEX_BYTES.fullmatch(hex_bytes):
            raise bad(f"cột bytes '{hex_bytes}' phải là các byte hex viết hoa cách nhau một dấu cách")
        raw = bytes.fromhex(hex_bytes)
        if raw.decode("cp1252", errors="replace") != legacy or raw.decode("latin-1") != legacy:
            raise bad(f"cột legacy {legacy!r} không khớp các byte {hex_bytes} (windows-1252 và latin-1)")
        if legacy.isascii():
            raise bad(f"chuỗi {legacy!r} toàn ASCII: không phải mã cũ")
        if len(char) != 1 or unicodedata.normalize("NFC", char) != char:
            raise bad(f"cột unicode {char!r} phải là đúng một ký tự NFC")
        if codepoint != f"U+{ord(char):04X}":
            raise bad(f"cột codepoint {codepoint} không khớp ký tự {char!r} (U+{ord(char):04X})")
        if legacy in mapping:
            raise bad(f"chuỗi {legacy!r} đã có ở trên")
        if char in seen_unicode:
            raise bad(f"ký tự {char!r} đã có ở dòng {seen_unicode[char]}")
        mapping[legacy] = char
        seen_unicode[char] = lineno
    if not mapping:
        raise DataFileError(f"bảng mã {encoding} không có dòng dữ liệu nào", path=path)

    codes = frozenset(c for seq in mapping for c in seq if not c.isascii())
    ordered = sorted(mapping, key=lambda s: (-len(s), s))  # longest first: ôù (ớ) before ô (ơ)
    return LegacyTable(
        encoding=encoding,
        mapping=mapping,
        codes=codes,
        pattern=re.compile("|".join(map(re.escape, ordered))),
        marker=re.compile("[" + re.escape("".join(sorted(codes))) + "]"),
    )


@cache
def _table(encoding: Encoding) -> LegacyTable:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; known: {', '.join(ENCODINGS)}")
    return load_table(encoding)


@cache
def _word_pattern() -> re.Pattern[str]:
    # a word is a run of letters and of the legacy codes that are not letters (¸ § ® « …)
    symbols = sorted(c for enc in ENCODINGS for c in _table(enc).codes if not c.isalpha())
    return re.compile(r"(?:[^\W\d_]|[" + re.escape("".join(symbols)) + "])+")


def load_tables() -> None:
    """Load and check both tables now (a flow calls this at start to refuse a bad file early)."""
    _word_pattern()


def to_unicode(text: str, encoding: Encoding, *, capitals: bool = False) -> str:
    """Decode legacy ``text`` (its bytes read as windows-1252) to Unicode; other characters stay.

    ``capitals=True`` upper-cases the result: for text whose font is a TCVN3 capital font such as
    ``.VnTimeH`` (see ``font_encoding``); without it TCVN3 letters keep the case they are coded in.
    """
    out = _table(encoding).decode(text)
    return out.upper() if capitals else out


def font_encoding(font_name: str | None) -> tuple[Encoding, bool] | None:
    """The legacy encoding a font name implies, and whether it draws everything as capitals.

    ``.VnTime`` -> ``("tcvn3", False)``, ``.VnTimeH``/``.VnArialH`` -> ``("tcvn3", True)``,
    ``VNI-Times`` -> ``("vni", False)``; a Unicode font -> ``None``.
    """
    if not font_name:
        return None
    name = font_name.strip()
    if name.lower().startswith(".vn"):
        return ("tcvn3", name.endswith("H"))
    if name.lower().startswith("vni-"):
        return ("vni", False)
    return None


# --- Vietnamese syllables --------------------------------------------------------------------------

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_STOP_FINALS = {"c", "ch", "p", "t"}
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# vowel clusters that end in a glide take no final consonant; the others may
_OPEN = (
    "oai|oay|oao|oeo|uây|uôi|ươi|ươu|uyu|iêu|yêu|uya|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ưa|ua"
)
_CLOSED = "uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uơ|uy|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
_FINALS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(
    rf"(?P<initial>{_INITIALS})?(?:(?P<open>{_OPEN})|(?P<closed>{_CLOSED})(?P<final>{_FINALS})?)"
)


@lru_cache(maxsize=16384)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a well-formed Vietnamese syllable: initial, vowels, final, tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    return not (tones and m.group("final") in _STOP_FINALS and _TONES[tones[0]] not in ("acute", "dot"))


# --- detection -------------------------------------------------------------------------------------


_AGAINST = "\x00against"  # a marker no converted word can equal


@lru_cache(maxsize=16384)
def _verdict(word: str, encoding: Encoding) -> str | None:
    """How one non-ASCII word weighs for ``encoding``: its converted form (lower case) if it is
    evidence, ``_AGAINST``, or None when it proves nothing. Cached: words recur line after line."""
    converted = _table(encoding).decode(word)
    if converted == word:
        return _AGAINST  # non-ASCII letters that are no legacy code of this encoding
    if not any(c.isascii() for c in word):
        return None  # a lone code such as µ or « proves nothing either way
    if not is_syllable(converted):
        return _AGAINST
    if is_syllable(word):
        return None  # a syllable both ways (Tôi / Tụi): no evidence
    return converted.lower()


def _weigh(text: str, encoding: Encoding) -> tuple[int, int]:
    """(distinct evidence words, words against) for reading ``text`` in ``encoding``."""
    evidence: set[str] = set()
    against = 0
    for word in _word_pattern().findall(text):
        if word.isascii():
            continue
        verdict = _verdict(word, encoding)
        if verdict == _AGAINST:
            against += 1
        elif verdict is not None:
            evidence.add(verdict)
    return len(evidence), against


def detect_legacy(text: str) -> Encoding | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` is clearly legacy-coded, else ``None`` (see the module doc)."""
    if text.isascii() or _UNICODE_ONLY.search(text):
        return None
    best: Encoding | None = None
    best_evidence = 0
    for encoding in ENCODINGS:
        if not _table(encoding).marker.search(text):
            continue
        evidence, against = _weigh(text, encoding)
        if evidence < MIN_EVIDENCE or against * EVIDENCE_PER_AGAINST > evidence:
            continue
        if evidence > best_evidence:
            best, best_evidence = encoding, evidence
        elif evidence == best_evidence:
            best = None  # both readings equally good: not clear, leave the text alone
    return best
