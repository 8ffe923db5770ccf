"""Position titles -> class of nominee (``data/reference/positions.yaml``).

One list serves the extractor (``is_leader``, a farmer's work unit), the validators (a field that
does not apply to a farmer, a self-employed or a retired person raises nothing) and the fairness
shares of the submission stage (``leader_share``, ``direct_worker_share``): a title is classed the
same way everywhere, and the office edits one file to change it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from record.datafile import load_model
from record.errors import DataFileError
from record.normalize import fold

POSITIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "reference" / "positions.yaml"
OTHER = "other"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PositionClass(_Strict):
    class_: str = Field(alias="class", pattern=r"^[a-z_]+$")
    from_work_unit: bool = False
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for i, pattern in enumerate(value):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"patterns[{i}] '{pattern}' không phải biểu thức hợp lệ: {exc}") from exc
        return value


class PositionTable(_Strict):
    direct_work_classes: list[str]
    classes: list[PositionClass] = Field(min_length=1)


@lru_cache(maxsize=4)
def position_table(path: Path = POSITIONS_FILE) -> PositionTable:
    """The table, checked strictly: a bad file stops the run naming the file and the key."""
    table = load_model(path, PositionTable, "danh mục chức vụ")
    names = [c.class_ for c in table.classes]
    unknown = [c for c in table.direct_work_classes if c not in names]
    if unknown or len(set(names)) != len(names) or OTHER in names:
        raise DataFileError(
            f"danh mục chức vụ: lớp trùng, lớp '{OTHER}' khai báo lại, hoặc direct_work_classes có lớp lạ {unknown}",
            path=path,
        )
    return table


def known_classes() -> list[str]:
    """Every class a position can get, ``other`` last."""
    return [c.class_ for c in position_table().classes] + [OTHER]


def _matches(text: str, cls: PositionClass) -> bool:
    folded = re.sub(r"^[\W_]+", "", fold(text))
    return any(re.search(p, folded) for p in cls.patterns)


def position_classes(position: str | None, work_unit: str | None = None) -> set[str]:
    """Every class the position (or, for classes that allow it, the work-unit line) matches.

    ``{"other"}`` for a position that matches none; the empty set when there is nothing to read.
    """
    found = {c.class_ for c in position_table().classes if position and _matches(position, c)}
    found |= {c.class_ for c in position_table().classes if c.from_work_unit and work_unit and _matches(work_unit, c)}
    if not found and position and position.strip():
        return {OTHER}
    return found


def position_class(position: str | None, work_unit: str | None = None) -> str | None:
    """The primary class of a nominee's position: the first class of the table that matches.

    ``leader`` / ``manager`` / ``retired`` / ``farmer`` / ``self_employed`` / ``direct_worker`` /
    ``other``; None when neither the position nor the work unit says anything.
    """
    found = position_classes(position, work_unit)
    for cls in known_classes():
        if cls in found:
            return cls
    return None


def is_direct_worker(cls: str | None) -> bool:
    """The class counts as "trực tiếp lao động, sản xuất, kinh doanh" (Law Đ5 k2 d)."""
    return cls is not None and cls in position_table().direct_work_classes


def has_class(text: str | None, cls: str) -> bool:
    """``text`` (a position or a work-unit line) matches the patterns of ``cls``."""
    if not text:
        return False
    return any(c.class_ == cls and _matches(text, c) for c in position_table().classes)
