"""A nominee as a list names it: the list vocabulary, and the parts of one entry.

A list entry gives what the list shows and nothing more (contract README, "Every nominee that a
document names is a nomination"): the name, the award asked for, and position, work unit, birth
year and gender where the list has them. Every word list comes from ``data/labels/lists.yaml``,
``names.yaml`` and ``award_phrases.yaml``; this module compiles them once and cuts entries with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from extractors import _labels, _names
from extractors._text import fold1, looks_like_person_name
from extractors.lines import Line
from record.awards import award_code, award_holder, award_patterns
from record.normalize import clean_text, normalize_name, parse_date, parse_gender

NomineeKind = Literal["individual", "collective"]
QUOTES = "\"“”'‘’«»"
ORDINAL = re.compile(r"^[\s\-–—•+*·]*(?:(?:\d{1,3}|[a-zđ]|[ivxlIVXL]{1,4})\s*[.)/]\s*|[-–—•+*·]\s*)", re.IGNORECASE)
NUMBER_CELL = re.compile(r"^\W*(?:\d{1,3}|[ivxl]{1,4}|[a-zđ])\W*$", re.IGNORECASE)


@dataclass
class Listed:
    """One nominee as a list names it; ``line`` is where, for provenance."""

    doc_kind: str
    name: str
    kind: NomineeKind | None
    award_name: str | None = None
    award_code: str | None = None
    award_year: int | None = None
    position: str | None = None
    work_unit: str | None = None
    birth_date: str | None = None
    gender: Literal["male", "female"] | None = None
    line: Line | None = None
    lines: dict[str, Line] = field(default_factory=dict)  # field -> line it came from


@dataclass
class Context:
    """What the headings above an entry say: kind and award of the entries below them."""

    kind: NomineeKind | None = None
    award: tuple[str, str] | None = None  # (name as written, code)


# --- vocabulary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    """``data/labels/lists.yaml`` compiled once."""

    columns: list[tuple[str, re.Pattern[str]]]
    sections: list[tuple[str, re.Pattern[str]]]
    unit: re.Pattern[str]
    award_end: re.Pattern[str]
    year: re.Pattern[str]
    list_end: re.Pattern[str]
    body_end: re.Pattern[str]
    not_entry: re.Pattern[str]
    subject_end: re.Pattern[str]
    salutation: re.Pattern[str]
    kind_words: dict[str, re.Pattern[str]]
    address: re.Pattern[str]
    prose_to: re.Pattern[str]
    prose_target_end: re.Pattern[str]
    generic_targets: re.Pattern[str]


_ROLES = ("name", "ordinal", "birth_year", "gender", "award", "position", "work_unit", "against", "ratio", "votes",
          "achievement")


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    lab = _labels.lists()

    def words(variants: list[str]) -> str:
        return "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))

    return _Vocab(
        columns=[(r, re.compile(r"(?<![a-z])(?:" + words(lab.columns[r]) + r")(?![a-z])"))
                 for r in _ROLES if r in lab.columns],
        sections=[(k, re.compile(r"^(?:" + "|".join(v) + ")")) for k, v in lab.sections.items()],
        unit=re.compile(r"^(?:" + words(lab.unit_words) + r")(?![a-z])"),
        award_end=re.compile(_labels.award_phrases().entry_end),
        year=re.compile(lab.year),
        list_end=re.compile("|".join(f"(?:{p})" for p in lab.list_end)),
        body_end=re.compile(r"^(?:" + "|".join(lab.body_end) + ")"),
        not_entry=re.compile(r"^(?:" + "|".join(lab.not_entry) + ")"),
        subject_end=re.compile(r"^\W*(?:" + "|".join(lab.subject_end) + ")"),
        salutation=re.compile(lab.salutation),
        kind_words={k: re.compile(v) for k, v in lab.kind_words.items()},
        address=re.compile(r"\s*[,;\-–]\s*(?=" + lab.address_words + ")"),
        prose_to=re.compile(lab.prose_to),
        prose_target_end=re.compile(lab.prose_target_end),
        generic_targets=re.compile(lab.generic_targets),
    )




# --- pieces of an entry ---------------------------------------------------------------------------


def _honorific_end(text: str) -> int:
    """Where the honorifics, ranks or degrees before a person's name end (0: none), by the words of
    ``data/labels/names.yaml``. ``Chi bộ …`` and ``Cơ quan …`` fold like ``chị``/``cô`` + a word, so a
    unit's opening words and a lower-case next word are no name."""
    words = text.split()
    n = _names.leading_titles(words)
    if n == 0 or n >= len(words):
        return 0
    unit = vocab().unit.match(fold1(text))
    if unit and " " in unit.group(0):
        return 0
    if not words[n][:1].isupper():
        return 0
    return len(" ".join(words[:n])) + 1


def drop_titles(text: str) -> str:
    """``Đồng chí Thượng tá Nguyễn Văn A`` -> ``Nguyễn Văn A``: only the titles before a name go (the
    tail stays; ``_names.strip_honorifics`` also cuts a position after the name)."""
    text = text.strip()
    return text[_honorific_end(text):].strip()


def has_honorific(text: str) -> bool:
    return _honorific_end(text.strip()) > 0


def split_name(text: str) -> tuple[str, str | None]:
    """A person's bare name (``_names.strip_honorifics``, the one cut every reader of names uses) and
    what follows it: the position (``, Phó Chủ tịch UBND xã``, ``Phó Giám đốc Sở`` with no comma)."""
    text = re.sub(r"^[\s\-–•+*:]+", "", text).strip()
    bare = _names.strip_honorifics(text)
    at = text.find(bare) if bare else -1
    if at < 0:
        return bare, None
    rest = clean_text(text[at + len(bare):].strip(" ,;:.)(-–")) or None
    return bare, rest


def kind_of_name(text: str) -> NomineeKind | None:
    """Individual or collective, from the way the name is written (used when nothing else says)."""
    if has_honorific(text):
        return "individual"
    text = text.strip()
    folded = fold1(text)
    unit = vocab().unit.match(folded)
    if unit and " " in unit.group(0):
        return "collective"  # "Uỷ ban …", "Hợp tác xã …", "Tổ dân phố …"
    words = text.split()
    named = looks_like_person_name(text) and len(words) <= 5
    if unit:
        lab = _labels.lists()
        if fold1(words[0]) not in lab.surnames or words[0].lower() in lab.unit_heads or not named:
            return "collective"  # "Thôn Hà Thượng", "TRƯỜNG MẦM NON HỒ XÁ" (not "TRƯƠNG VĂN SƠN")
    return "individual" if named else None


def _award_words(folded: str) -> tuple[int, int, int] | None:
    """(where the phrase starts, with its "đề nghị tặng danh hiệu" lead; where the award's own words
    start; where they end) of the first award named in a folded text."""
    best: tuple[int, int] | None = None
    for _code, pattern in award_patterns():
        m = pattern.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    start, stop = best
    lead = re.search(_labels.award_phrases().before_award, folded[:start])
    return (lead.start() if lead and lead.group(0).strip() else start), start, stop


def award_start(text: str) -> int | None:
    """Where the first award phrase of ``text`` starts (its lead words included), or None."""
    found = _award_words(fold1(text))
    return found[0] if found else None


def award_in(text: str) -> tuple[str, str, int] | None:
    """(name as written, code, where the phrase starts) of the first award named in ``text``."""
    folded = fold1(text)
    found = _award_words(folded)
    if found is None:
        return None
    phrase_start, start, stop = found
    end = vocab().award_end.search(folded, stop)
    name = text[start: end.start() if end else len(text)]
    name = name.replace("“", "").replace("”", "").replace('"', "").strip(QUOTES + " :,;.-–")
    code = award_code(name)
    if not name or code is None:
        return None
    return clean_text(name) or name, code, phrase_start


def list_year(text: str) -> int | None:
    """The year a list's subject gives: ``năm 2025``, ``năm học 2023 - 2024`` (the later year)."""
    m = vocab().year.search(fold1(text))
    return int(m.group(1)) if m else None


def section_of(text: str) -> NomineeKind | None:
    body = fold1(ORDINAL.sub("", text, count=1)).strip(" :.-")
    for kind, pattern in vocab().sections:
        if pattern.match(body):
            return kind  # type: ignore[return-value]
    return None


def holder_kind(code: str | None) -> NomineeKind | None:
    holder = award_holder(code)
    if holder == "individual":
        return "individual"
    if holder in ("collective", "household"):
        return "collective"
    return None


def make_entry(doc_kind: str, name_text: str, ctx: Context, award: tuple[str, str] | None, line: Line,
           *, position: str | None = None, work_unit: str | None = None, birth: str | None = None,
           gender: str | None = None, year: int | None = None, default_kind: NomineeKind | None = None
           ) -> Listed | None:
    """A Listed from the parts of one entry; None when the name part names nobody."""
    name_text = clean_text(name_text.strip(QUOTES + " :;,.-–")) or ""
    if len(name_text) < 3 or not re.search(r"[^\W\d_]{2}", name_text):
        return None
    award = award or ctx.award
    code = award[1] if award else None
    kind = ("individual" if has_honorific(name_text) else None) or ctx.kind or holder_kind(code) \
        or kind_of_name(name_text) or default_kind
    if kind is None:
        return None
    rest = None
    if kind == "individual":
        bare, rest = split_name(name_text)
        name = normalize_name(bare) if looks_like_person_name(bare) else clean_text(bare)
    else:
        name = re.sub(r"^(?:tap the|tập thể)\s+", "", name_text, flags=re.IGNORECASE)
        # the name only: no trailing note in brackets, no address after it
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        cut = vocab().address.search(fold1(name))
        name = clean_text(name[: cut.start()] if cut else name)
    if not name:
        return None
    listed = Listed(doc_kind=doc_kind, name=name, kind=kind, award_name=award[0] if award else None,
                    award_code=code, award_year=year, line=line)
    if kind == "individual":
        listed.position = clean_text(position) or rest
        listed.work_unit = clean_text(work_unit)
        listed.birth_date = parse_date(birth) if birth else None
        listed.gender = parse_gender(gender) if gender else None  # type: ignore[assignment]
    return listed



def strip_first_number(text: str) -> str:
    return re.sub(r"^\W*(?:\d{1,3}|[ivxl]{1,4}|[a-zđ])\W+", "", text, flags=re.IGNORECASE)
