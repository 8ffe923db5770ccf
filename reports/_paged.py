"""A big night's report in pages (issue 9: the report of 10,000 files was one 158 MB page, and the
run process held every card of the night while writing it, 1.3-1.7 GB).

Above ``cards_per_page`` (``data/limits/report.yaml``, why there) the run's nominees are listed
first in one light query (id, worst status, files), worst result first, and cut into pages. Each
page's cards are then gathered, rendered and let go before the next (``gather(nominees=...)``);
what the main page counts over the whole night (results, units, award levels) and the workbook's
plain rows are added up page by page as they pass.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb
from pydantic import BaseModel, ConfigDict, Field

from record.datafile import load_model
from record.normalize import fold
from reports._gather import NO_UNIT, STATUS_ORDER, NominationCard, run_scope

LIMITS_FILE = Path(__file__).resolve().parents[1] / "data" / "limits" / "report.yaml"
PAGE_NAME = "trang-{n}.html"  # under <stem>_files/


class ReportLimits(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    cards_per_page: int = Field(ge=1)


@lru_cache(maxsize=1)
def report_limits(path: Path = LIMITS_FILE) -> ReportLimits:
    """The limits, read strictly: a malformed file stops the run (``DataFileError``)."""
    return load_model(path, ReportLimits, "tệp giới hạn báo cáo")


@dataclass
class Nominee:
    nominee: str             # the canonical id: one card
    status: str              # the worst of its rows' (as the card shows it)
    shas: list[str]          # the files its rows came from


def run_nominees(con: duckdb.DuckDBPyConnection, run_id: str) -> list[Nominee]:
    """The run's nominees in page order: worst result first (rejected, needs review, clean), then by
    submitting unit and file, so a submission's cards stay together within a result."""
    where, params, joins, unit_sql, _, _ = run_scope(con, run_id)
    order = " ".join(f"WHEN '{k}' THEN {v}" for k, v in STATUS_ORDER.items())
    rows = con.execute(f"""
        SELECT coalesce(n.canonical_id, n.nomination_id) AS nominee,
               -- array_agg, not the DuckDB list(): the report reads PostgreSQL warehouses too
               min(CASE n.status {order} ELSE 9 END) AS worst, array_agg(DISTINCT n.sha256) AS shas,
               min({unit_sql}) AS unit_label, min(n.file_path) AS file_path, min(n.seq) AS seq
        FROM nominations n {joins}
        WHERE {where}
        GROUP BY nominee
        ORDER BY worst, unit_label NULLS LAST, file_path, seq, nominee""", params).fetchall()
    status = {v: k for k, v in STATUS_ORDER.items()}
    return [Nominee(r[0], status.get(r[1], "clean"), sorted(r[2])) for r in rows]


def pages(nominees: list[Nominee], per_page: int) -> list[list[Nominee]]:
    return [nominees[i:i + per_page] for i in range(0, len(nominees), per_page)]


@dataclass
class Tally:
    """The main page's counts over every page's cards (the same as ``RunData.by`` over the night)."""

    statuses: Counter[str] = field(default_factory=Counter)
    unit: dict[str, Counter[str]] = field(default_factory=dict)
    award_level_label: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, cards: list[NominationCard]) -> None:
        for n in cards:
            self.statuses[n.status] += 1
            self.unit.setdefault(n.unit, Counter())[n.status] += 1
            self.award_level_label.setdefault(n.award_level_label, Counter())[n.status] += 1

    def by(self, key: str) -> list[tuple[str, Counter[str]]]:
        out: dict[str, Counter[str]] = getattr(self, key)
        return sorted(out.items(), key=lambda kv: (kv[0] == NO_UNIT, fold(kv[0])))
