"""Strict loading of the label tables in ``data/labels/``: a bad file stops the run, naming the key."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from record.datafile import read_yaml
from record.errors import DataFileError
from record.positions import position_table

LABELS_DIR = Path(__file__).resolve().parent.parent / "data" / "labels"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=_Strict)


class KindTitles(_Strict):
    kind: str
    titles: list[str]


class DocumentLabels(_Strict):
    kinds: list[KindTitles]
    split_title_continuations: dict[str, str]
    fuzzy_titles: dict[str, list[str]] = {}
    collective_signs: list[str]
    individual_signs: list[str]
    header_lines: list[str]
    signature_headings: list[str]


class FieldLabels(_Strict):
    fields: dict[str, list[str]]
    other_labels: list[str] = []
    filler_words: list[str] = []  # this table's filler words for labels by meaning (label_match.yaml)
    headcount_prose: list[str] = []
    prose: dict[str, list[str]] = {}


class LabelMatch(_Strict):
    """Thresholds of the label-by-meaning match (``label_match.yaml``), checked to lie in range."""

    word_similarity: float = Field(ge=0, le=1)
    min_score: float = Field(gt=0, le=1)
    extra_word_weight: float = Field(ge=0)
    max_label_words: int = Field(ge=1)
    filler_words: list[str]


class SubmissionLabels(_Strict):
    number: str
    recipient: list[str]
    not_issuer: list[str]
    issuer_continuation: str


class BienBanLabels(_Strict):
    members: list[dict[str, str]]
    absent: str
    votes: list[str]
    overall_vote: str
    not_result: list[str]
    columns: dict[str, list[str]]
    name_prefixes: list[str]
    result_labels: list[str]
    name_trailers: list[str]
    after_results: str
    ballot: str
    show_of_hands: str
    written_opinions: str
    written_opinions_count: str


class AchievementLabels(_Strict):
    sections: dict[str, str]
    period: list[str]
    innovation: str
    innovation_recognized_before: str
    innovation_recognized: str


class ListLabels(_Strict):
    columns: dict[str, list[str]]
    sections: dict[str, list[str]]
    unit_words: list[str]
    surnames: list[str]
    unit_heads: list[str]
    name_header_kinds: dict[str, list[str]]
    year: str
    list_end: list[str]
    body_end: list[str]
    not_entry: list[str]
    subject_end: list[str]
    salutation: str
    kind_words: dict[str, str]
    address_words: str
    prose_to: str
    prose_target_end: str
    generic_targets: str


class AwardPhrases(_Strict):
    title_lead: str
    title_end: str
    award_line: str
    before_award: str
    entry_end: str


class DocnoCodes(_Strict):
    codes: list[str]


class AwardNames(_Strict):
    names: list[str]


class NameWords(_Strict):
    """``names.yaml``: the words around a person's name that are not the name."""

    honorifics: list[str]
    honorifics_marked: list[str]
    ranks: list[str]
    degrees: list[str]
    positions: list[str]


class ColumnRole(_Strict):
    role: str
    pattern: str


class ReportWords(_Strict):
    """``report.yaml``: the achievement report's words that are not field labels."""

    award_columns: list[ColumnRole]
    innovation_header: str
    innovation_columns: list[ColumnRole]
    innovation_certificate: str
    decision_start: str
    award_title_lead: list[str]
    row_stop: str
    rating_phrase: str
    rating_context: str
    rating_after_year: str
    innovation_by_stop: str
    issuer_marker: str
    prose_linkers: list[str]
    summary_heading: str
    unit_name_skip: list[str]
    unit_name_address: str
    address_lead: str
    staff_nouns: str
    total_row: str
    signature_head: str
    signature_superior: str
    signature_reporter: str
    title_nominee: str
    title_gender: dict[str, str]


def _load(name: str, model: type[_Strict]) -> Any:
    path = LABELS_DIR / name
    try:
        data = read_yaml(path)
        obj = model.model_validate(data)
    except OSError as exc:
        raise DataFileError(f"không đọc được tệp nhãn ({exc.strerror})", path=path) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"tệp nhãn không phải YAML hợp lệ: {exc}", path=path) from exc
    except ValidationError as exc:
        where = "; ".join(".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in exc.errors())
        raise DataFileError(f"tệp nhãn sai cấu trúc ở {where}", path=path) from exc
    _check_regexes(obj.model_dump(), path)
    return obj


def _check_regexes(value: Any, path: Path, key: str = "") -> None:
    if isinstance(value, str):
        try:
            re.compile(value)
        except re.error as exc:
            raise DataFileError(f"biểu thức '{value}' ở khóa '{key}' không hợp lệ: {exc}", path=path) from exc
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_regexes(v, path, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_regexes(v, path, f"{key}[{i}]")


def _table(name: str, model: type[M]) -> Callable[[], M]:
    """An accessor of one label file, loaded and checked on first use, then kept."""

    @lru_cache(maxsize=1)
    def get() -> M:
        return _load(name, model)  # type: ignore[no-any-return]

    get.__doc__ = f"``data/labels/{name}``, loaded strictly."
    return get


documents = _table("documents.yaml", DocumentLabels)
person = _table("person.yaml", FieldLabels)
unit = _table("unit.yaml", FieldLabels)
submission = _table("submission.yaml", SubmissionLabels)
bien_ban = _table("bien_ban.yaml", BienBanLabels)
achievements = _table("achievements.yaml", AchievementLabels)
docno_codes = _table("docno_codes.yaml", DocnoCodes)
award_names = _table("award_names.yaml", AwardNames)
lists = _table("lists.yaml", ListLabels)
names = _table("names.yaml", NameWords)
report = _table("report.yaml", ReportWords)
label_match = _table("label_match.yaml", LabelMatch)
award_phrases = _table("award_phrases.yaml", AwardPhrases)
_ALL = (documents, person, unit, submission, bien_ban, achievements, docno_codes, award_names, lists, names,
        report, label_match, award_phrases)


def load_all() -> None:
    """Load and check every label file (the flow calls this before touching any dossier)."""
    for loader in _ALL:
        loader()
    position_table()  # data/reference/positions.yaml: the position titles (is_leader, farmers)
