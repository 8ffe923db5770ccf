"""Position titles -> classes (leader, direct worker, farmer): interim version, superseded by the catalogue branch."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from record.normalize import fold

_LEADERS = Path(__file__).resolve().parent.parent / "data" / "labels" / "leader_positions.yaml"
_FARMER = re.compile(r"\b(?:nong dan|ngu dan|xa vien)\b")
_DIRECT = re.compile(r"\b(?:giao vien|y si|dieu duong|bac si|cong nhan|nhan vien|chien si|ho sinh|ky thuat vien)\b")


@lru_cache(maxsize=1)
def _leaders() -> list[re.Pattern[str]]:
    data = yaml.safe_load(_LEADERS.read_text(encoding="utf-8"))
    return [re.compile(p) for p in data["leader"]]


def position_class(position: str | None, work_unit: str | None = None) -> str | None:
    """``leader``, ``farmer``, ``direct_worker`` or ``other``; None when the position is unknown."""
    del work_unit
    if not position:
        return None
    text = fold(position)
    if any(p.search(text) for p in _leaders()):
        return "leader"
    if _FARMER.search(text):
        return "farmer"
    if _DIRECT.search(text):
        return "direct_worker"
    return "other"
