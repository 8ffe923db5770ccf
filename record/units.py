"""Units by key: one submitting unit is one key however its name is written (``data/reference/units.yaml``).

Per-unit counts and fairness shares need the cover letter's ``ỦY BAN NHÂN DÂN XÃ VĨNH LINH`` and a
folder called ``UBND_xa_Vinh_Linh`` to be the same unit. The reference list also says which communes
are remote, border or island areas (for ``remote_area_share``); a unit not on it still gets a stable
key, its folded name, and counts as none of those.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from record.datafile import load_model
from record.normalize import fold

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference" / "units.yaml"


class UnitRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    level: Literal["xa", "huyen", "tinh", "so", "bo", "khac"]
    province: str | None = None
    aliases: list[str] = Field(default_factory=list)
    contains: list[str] = Field(default_factory=list)
    remote: bool = False
    border: bool = False
    island: bool = False
    dissolved_on: str | None = None


class UnitReference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    generic_prefixes: list[str] = Field(default_factory=list)
    units: list[UnitRef]


@lru_cache(maxsize=1)
def reference() -> UnitReference:
    """The reference list, validated once; a bad file stops the run naming the key."""
    return load_model(REFERENCE, UnitReference, "danh mục đơn vị")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text.replace("_", " "))).split())


def _bare(name: str) -> str:
    text = _words(name)
    for prefix in reference().generic_prefixes:
        p = _words(prefix)
        if text.startswith(p + " "):
            text = text[len(p) + 1:]
    return text


def _within(needle: str, text: str) -> bool:
    return re.search(rf"(?:^| ){re.escape(needle)}(?: |$)", text) is not None


def find_unit(name: str | None) -> UnitRef | None:
    """The reference entry a submitting unit's name (or folder name) stands for, if listed."""
    if not name:
        return None
    bare = _bare(name)
    for unit in reference().units:
        if any(_within(_words(alias), bare) for alias in unit.aliases):
            return unit
    return None


def unit_key(name: str | None) -> str | None:
    """The key of a submitting unit: its reference key, else its folded name without generic prefixes."""
    if not name or not _words(name):
        return None
    unit = find_unit(name)
    return unit.key if unit else _bare(name).replace(" ", "-") or None


def place_of(*texts: str | None) -> UnitRef | None:
    """The listed commune that a nominee's unit, work unit or address names (``Trạm Y tế xã Lìa``)."""
    for text in texts:
        if not text:
            continue
        words = _words(text)
        for unit in reference().units:
            if any(_within(_words(c), words) for c in unit.contains):
                return unit
    return None


def in_remote_area(*texts: str | None) -> bool:
    """Remote, border or island area by the reference list (Luật TĐKT 2022 Đ5 k2 d)."""
    unit = place_of(*texts)
    return bool(unit and (unit.remote or unit.border or unit.island))
