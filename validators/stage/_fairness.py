"""Fairness indicators per batch and per submitting unit, for all award levels and for each.

The shares are counted over *nominees* (one per person or collective and award in a submission, not
per file row), and their thresholds are the office's policy (``data/policy/fairness.yaml``), not the
law's: no statute sets a number (DOMAIN.md §8 FAIR-02..04). Who leads and who works directly comes
from the reference list of positions (``record.positions``); remote, border and island areas from the
reference list of units (``record.units``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from record.datafile import load_model
from record.judgement import FairnessRow
from record.positions import is_direct_worker, position_class
from record.units import in_remote_area

POLICY = Path(__file__).resolve().parents[2] / "data" / "policy" / "fairness.yaml"

Among = Literal["individuals", "collectives", "all"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Strict):
    check_id: str
    among: Among
    label_vi: str
    min: float | None = Field(default=None, ge=0, le=1)
    max: float | None = Field(default=None, ge=0, le=1)
    small_headcount: int | None = Field(default=None, ge=1)


class Quota(_Strict):
    enabled: bool = False
    cstdcs_per_ldtt_max: float = Field(default=0.15, gt=0, le=1)


class FairnessPolicy(_Strict):
    version: Literal[1]
    policy_basis: str
    min_denominator: int = Field(default=1, ge=1)
    indicators: dict[Literal["leader_share", "direct_worker_share", "female_share", "ethnic_minority_share",
                             "remote_area_share", "small_collective_share"], Indicator]
    quota: Quota = Field(default_factory=Quota)


@lru_cache(maxsize=4)
def load_policy(path: Path = POLICY) -> FairnessPolicy:
    """The office's policy file, validated; a bad file stops the run naming the key."""
    return load_model(path, FairnessPolicy, "tệp chính sách công bằng")


def _counts(name: str, ind: Indicator, noms: list[dict[str, Any]]) -> tuple[int, int]:
    """(numerator, denominator) of one indicator; a nominee whose value is unknown is left out."""
    people = [n for n in noms if n["nominee_kind"] == "individual"]
    groups = [n for n in noms if n["nominee_kind"] == "collective"]
    tests: dict[str, tuple[list[dict[str, Any]], Callable[[dict[str, Any]], bool | None]]] = {
        "leader_share": (people, lambda n: _cls(n) in _LEADERSHIP if _cls(n) else None),
        "direct_worker_share": (people, lambda n: is_direct_worker(_cls(n)) if _cls(n) else None),
        "female_share": (people, lambda n: n["gender"] == "female" if n["gender"] else None),
        "ethnic_minority_share": (people, lambda n: _minority(n["ethnicity"])),
        "remote_area_share": (noms, _remote),
        "small_collective_share": (groups, lambda n: n["headcount"] <= (ind.small_headcount or 30)
                                   if n["headcount"] is not None else None),
    }
    pool, test = tests[name]
    answers = [test(n) for n in pool]
    known = [a for a in answers if a is not None]
    return sum(bool(a) for a in known), len(known)


_LEADERSHIP = ("leader", "manager")  # lãnh đạo, quản lý (data/reference/positions.yaml)


def _cls(n: dict[str, Any]) -> str | None:
    """The nominee's position class, computed once per nominee (the indicators ask many times)."""
    if "position_class" not in n:
        n["position_class"] = position_class(n["position"], n["work_unit"])
    cls: str | None = n["position_class"]
    return cls


def _remote(n: dict[str, Any]) -> bool:
    if "remote" not in n:
        n["remote"] = in_remote_area(n["nominee_unit"], n["work_unit"], n["address"], n["submitting_unit"])
    remote: bool = n["remote"]
    return remote


def _minority(ethnicity: str | None) -> bool | None:
    if not ethnicity:
        return None
    return ethnicity.strip().casefold() not in ("kinh", "việt", "viet")


def indicators(noms: list[dict[str, Any]], policy: FairnessPolicy) -> list[FairnessRow]:
    """Every indicator for the batch and each unit, for all levels and each level present."""
    scopes: list[tuple[str, str | None, list[dict[str, Any]]]] = [("batch", None, noms)]
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for n in noms:
        if n["unit_key"]:
            by_unit.setdefault(n["unit_key"], []).append(n)
    for key in sorted(by_unit):
        members = by_unit[key]
        scopes.append((members[0]["submitting_unit"] or key, key, members))
    rows: list[FairnessRow] = []
    for scope, key, members in scopes:
        levels = ["all", *sorted({n["award_level"] for n in members if n["award_level"]})]
        for level in levels:
            pool = members if level == "all" else [n for n in members if n["award_level"] == level]
            for name, ind in policy.indicators.items():
                num, den = _counts(name, ind, pool)
                value = num / den if den else None
                threshold = ind.min if ind.min is not None else ind.max
                if den < policy.min_denominator or value is None:
                    status: Literal["ok", "outside_policy", "not_applicable"] = "not_applicable"
                elif (ind.min is not None and value < ind.min) or (ind.max is not None and value > ind.max):
                    status = "outside_policy"
                else:
                    status = "ok"
                rows.append(FairnessRow(scope, key, level, name, num, den, value, threshold, status,
                                        ind.check_id, ind.label_vi))
    return rows
