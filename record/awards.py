"""Award names as written -> contract codes, by the ordered patterns in ``data/award_patterns.yaml``."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import yaml

from record.datafile import read_yaml
from record.errors import DataFileError
from record.normalize import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1)
def award_catalogue() -> dict[str, dict[str, str]]:
    """The contract's award codes (code -> {kind, for, name})."""
    path = DATA_DIR / "award-codes.tsv"
    with path.open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh, delimiter="\t")}


@lru_cache(maxsize=1)
def award_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(code, folded pattern) in the order they are tried."""
    path = DATA_DIR / "award_patterns.yaml"
    try:
        data = read_yaml(path)
        items = data["patterns"]
        out = [(item["code"], re.compile(item["pattern"])) for item in items]
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"tệp mẫu danh hiệu không hợp lệ ({exc})", path=path) from exc
    known = award_catalogue()
    for code, _ in out:
        if code not in known:
            raise DataFileError(f"mã '{code}' không có trong award-codes.tsv", path=path)
    return out


def award_code(name: str | None) -> str | None:
    """The contract code of an award name as written, or None when no pattern fits."""
    if not name:
        return None
    folded = fold(name)
    for code, pattern in award_patterns():
        if pattern.search(folded):
            return code
    return None


def award_holder(code: str | None) -> str | None:
    """'individual', 'collective', 'both' or 'household' for a code."""
    if not code:
        return None
    row = award_catalogue().get(code)
    return row["for"] if row else None


@lru_cache(maxsize=1)
def award_levels() -> dict[str, str]:
    """Code -> the level that decides it (co_so, tinh, trung_uong, nha_nuoc): data/reference/award_levels.tsv."""
    path = DATA_DIR / "reference" / "award_levels.tsv"
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise DataFileError(f"không đọc được bảng cấp khen thưởng ({exc})", path=path) from exc
    rows = list(csv.DictReader(lines, delimiter="\t"))
    unknown = [r["code"] for r in rows if r["code"] not in award_catalogue()]
    if unknown:
        raise DataFileError(f"mã không có trong award-codes.tsv: {unknown}", path=path)
    return {r["code"]: r["level"] for r in rows}
