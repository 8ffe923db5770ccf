"""Vietnamese words of the report and the workbook, from data (``data/labels/review_report.yaml``,
``quarantine_advice.yaml``) and the record's own labels.

A reviewer never reads an internal name: dotted paths with list positions, formats, statuses, GX
expectation types and award levels all go through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from record.awards import award_catalogue, award_levels
from record.datafile import read_yaml
from record.errors import DataFileError
from record.vi_labels import DOCUMENT_LABELS, FIELD_LABELS

DATA = Path(__file__).resolve().parent.parent / "data" / "labels"


def _load(name: str) -> dict[str, Any]:
    path = DATA / name
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"không đọc được tệp nhãn báo cáo ({exc})", path=path) from exc
    if not isinstance(data, dict):
        raise DataFileError("tệp nhãn báo cáo phải là một bảng khóa: giá trị", path=path)
    return data


@dataclass(frozen=True)
class Words:
    raw: dict[str, Any]
    levels: dict[str, str]  # award code -> level key
    advice: dict[str, Any]

    def get(self, table: str, key: str | None, default: str | None = None) -> str:
        if key is None:
            return default or "—"
        value = self.raw.get(table, {}).get(key)
        return str(value) if value is not None else (default if default is not None else key)


@lru_cache(maxsize=1)
def words() -> Words:
    """The report's words, loaded once per process (the files are small and read-only at run time)."""
    raw = _load("review_report.yaml")
    return Words(raw=raw, levels=award_levels(), advice=_load("quarantine_advice.yaml"))


_PART = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")


def _leaf(key: str) -> str:
    w = words()
    return FIELD_LABELS.get(key) or w.raw.get("fields", {}).get(key) or ""


def path_label(path: str | None) -> str:
    """``prior_awards[1].issuer`` -> ``Khen thưởng đã nhận, dòng 2: cơ quan ban hành``."""
    if not path:
        return ""
    w = words()
    # a fairness finding names its indicator, as ``fairness.<indicator>`` (the stage) or bare
    indicators: dict[str, str] = w.raw.get("fairness_indicators", {})
    indicator = indicators.get(path) or indicators.get(path.removeprefix("fairness."))
    if indicator:
        return str(indicator)
    lists: dict[str, str] = w.raw.get("lists", {})
    row_word = w.raw.get("row_word", "dòng")
    parts = path.split(".")
    out: list[str] = []
    prefix: list[str] = []
    i = 0
    while i < len(parts):
        m = _PART.match(parts[i])
        if not m:
            return path
        name, index = m.group(1), m.group(2)
        prefix.append(name)
        dotted = ".".join(prefix)
        if index is not None:
            head = lists.get(dotted) or lists.get(name) or _leaf(dotted) or _leaf(name) or name
            out.append(f"{head}, {row_word} {int(index) + 1}")
            prefix = [name]  # a leaf under a list is labelled as "<list>.<leaf>" (prior_awards.issuer)
        elif i == len(parts) - 1:
            label = _leaf(dotted) or _leaf(name) or lists.get(dotted) or name
            out.append(label)
        i += 1
    if not out:
        return path
    if len(out) == 1:
        return out[0]
    head, last = ", ".join(out[:-1]), out[-1]
    return f"{head}: {last[:1].lower() + last[1:]}"


_DOTTED = re.compile(r"\b((?:[a-z_]+(?:\[\d+\])?\.)+[a-z_]+(?:\[\d+\])?)\b")


def translate_paths(text: str | None) -> str:
    """Any dotted record path in a message (``(person.birth_date)``) said in Vietnamese."""
    if not text:
        return ""

    def repl(m: re.Match[str]) -> str:
        label = path_label(m.group(1))
        return label if label and label != m.group(1) else m.group(1)

    return _DOTTED.sub(repl, text)


def vi_date(value: Any) -> str:
    """``2024-12-10`` -> ``10/12/2024``; ``2024-12`` -> ``12/2024``; a year stays a year."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return f"{m.group(2)}/{m.group(1)}"
    return text


def award_level(code: str | None) -> str:
    return words().levels.get(code or "", "khac")


def award_name(code: str | None, name: str | None = None) -> str:
    """The award as the dossier wrote it, else the catalogue's name, else a plain mark."""
    if name:
        return name
    row = award_catalogue().get(code or "")
    return row["name"] if row else "Danh hiệu/hình thức chưa rõ"


def document_label(kind: str) -> str:
    return DOCUMENT_LABELS.get(kind, kind)


def advice(code: str | None) -> tuple[str, str]:
    """(reason, what to do) for a quarantine or deferral code."""
    table = words().advice
    entry = table.get("codes", {}).get(code or "") or table.get("default", {})
    return str(entry.get("reason", "")), str(entry.get("action", ""))


def show_value(value: Any, field: str = "") -> str:
    """A landed value as a reviewer reads it: Có/Không, Nam/Nữ, dd/mm/yyyy, no Python reprs."""
    w = words()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v) for v in value)
    if field.endswith("gender"):
        return w.get("gender", str(value))
    if field.endswith("date"):
        return vi_date(value)
    return str(value)
