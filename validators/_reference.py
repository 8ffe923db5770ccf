"""Reference data the procedure rules read: award authorities, dissolved units, the deadline calendar.

Each file is loaded once and checked strictly (STYLE practice 6): a typo stops the run with a
``DataFileError`` that names the file and the key, never a rule that silently checks nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from record.awards import award_catalogue
from record.datafile import load_model
from record.errors import DataFileError
from record.normalize import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AUTHORITY_FILE = DATA_DIR / "reference" / "award_authority.yaml"
DISSOLVED_FILE = DATA_DIR / "reference" / "dissolved_units.yaml"
CALENDAR_FILE = DATA_DIR / "policy" / "calendar.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"biểu thức '{value}' không hợp lệ: {exc}") from exc
    return value


def _codes(value: list[str]) -> list[str]:
    bad = [c for c in value if c not in award_catalogue()]
    if bad:
        raise ValueError(f"mã không có trong award-codes.tsv: {bad}")
    return value


class RecipientLevel(_Strict):
    level: int = Field(ge=1, le=5)
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _regex(value)


class AwardAuthority(_Strict):
    authority: str
    levels: list[int] = Field(min_length=1)


class AuthorityTable(_Strict):
    recipient_levels: list[RecipientLevel] = Field(min_length=1)
    awards: dict[str, AwardAuthority]

    @field_validator("awards")
    @classmethod
    def _known(cls, value: dict[str, AwardAuthority]) -> dict[str, AwardAuthority]:
        _codes(list(value))
        return value


class DissolvedUnits(_Strict):
    from_: str = Field(alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return [_regex(v) for v in value]


class Deadline(_Strict):
    award_codes: list[str] = Field(min_length=1)
    sector: str | None = None
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    years_after_award: int = Field(ge=0, le=5)

    @field_validator("award_codes")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        return _codes(value)


class DeadlineSet(_Strict):
    enabled: bool
    province: str | None = None
    recipient: str | None = None  # folded regex the tờ trình's recipient must match
    deadlines: list[Deadline]

    @field_validator("recipient")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        return _regex(value) if value is not None else None


class Calendar(_Strict):
    sectors: dict[str, list[str]]
    national: DeadlineSet
    provincial: DeadlineSet

    @field_validator("sectors")
    @classmethod
    def _compiles(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            for p in patterns:
                _regex(p)
        return value


def _load(path: Path, model: type[BaseModel]) -> Any:
    return load_model(path, model, "tệp tham chiếu")


@lru_cache(maxsize=4)
def authority_table(path: Path = AUTHORITY_FILE) -> AuthorityTable:
    return _load(path, AuthorityTable)  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def dissolved_units(path: Path = DISSOLVED_FILE) -> DissolvedUnits:
    return _load(path, DissolvedUnits)  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def calendar(path: Path = CALENDAR_FILE) -> Calendar:
    table: Calendar = _load(path, Calendar)
    for name, dset in (("national", table.national), ("provincial", table.provincial)):
        for i, d in enumerate(dset.deadlines):
            if d.sector is not None and d.sector not in table.sectors:
                raise DataFileError(f"{name}.deadlines.{i}.sector: ngành '{d.sector}' không có trong sectors", path=path)
    return table


def recipient_level(recipient: str | None) -> int | None:
    """The level (1 xã … 5 Chủ tịch nước) of a tờ trình's addressee, or None when unknown."""
    if not recipient:
        return None
    folded = fold(recipient)
    for row in authority_table().recipient_levels:
        if re.search(row.pattern, folded):
            return row.level
    return None


def load_reference() -> None:
    """Load and check every reference file (called with the rules, before any dossier)."""
    authority_table()
    dissolved_units()
    calendar()
