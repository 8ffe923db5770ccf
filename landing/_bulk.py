"""Many rows into a table in one statement whose cost does not grow with the rows' parameters.

A multi-row ``INSERT ... VALUES (?, ...), (?, ...)`` costs DuckDB ~0.3 ms a row to bind (every value
its own parameter): 3 s for the stage's verdicts of a season's first night, and most of a Word
dossier's landing. Handing each column as one list parameter and zipping them back with ``unnest``
binds ``width`` parameters whatever the number of rows (~20x cheaper over a few hundred rows).

Each list takes the type of its values (DuckDB's own conversion of a Python list), and the INSERT
casts it to the column's type as it casts a single parameter; a value the column cannot take fails
the statement either way, so the transaction around it stays whole or absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from record.findings import Check, Finding
from record.models import DossierRecord

UNNEST_FROM = 8  # fewer rows than this: the plain VALUES statement binds as fast


def insert_columns(con: duckdb.DuckDBPyConnection, target: str, width: int, rows: Sequence[Sequence[Any]]) -> None:
    """``rows`` (each ``width`` values) into ``target`` (a table with its column list) in one statement."""
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]
    if len(columns) != width:
        raise ValueError(f"{target}: {len(columns)} values a row, expected {width}")
    select = ", ".join(f"unnest(${i + 1})" for i in range(width))
    con.execute(f"INSERT INTO {target} SELECT {select}", columns)


@dataclass(frozen=True)
class Landable:
    """One file ready to land: what ``Warehouse.land`` takes, for ``Warehouse.land_many``."""

    record: DossierRecord
    findings: list[Finding]
    path: str
    statuses: dict[str, str] | None = None
    checks: Sequence[Check] | None = None


def upsert_files_sql(n: int) -> str:
    """``n`` rows of ``ingested_files`` (12 parameters each), a known hash updated in place.

    ``attempts`` counts quarantines (a retried code stops after its limit); landing again makes the
    file current (``superseded_by`` cleared).
    """
    one = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
    return f"""INSERT INTO ingested_files (sha256, path, format, status, error_code, error, pages,
                   ocr_confidence, first_seen_at, last_seen_at, run_id, attempts, superseded_by)
               VALUES {", ".join([one] * n)}
               ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, format = excluded.format,
                   status = excluded.status, error_code = excluded.error_code, error = excluded.error,
                   pages = excluded.pages, ocr_confidence = excluded.ocr_confidence,
                   last_seen_at = excluded.last_seen_at, run_id = excluded.run_id,
                   attempts = CASE WHEN excluded.status = 'quarantined'
                                   THEN coalesce(ingested_files.attempts, 1) + 1 END,
                   superseded_by = NULL"""


def land_together(con: duckdb.DuckDBPyConnection, items: Sequence[Landable], *, run_id: str, now: datetime,
                  insert: Callable[[str, list[tuple[Any, ...]]], None], tables: Sequence[str],
                  rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """The statements of ``Warehouse.land`` for many files at once, inside the caller's transaction.

    A dozen statements for the whole group instead of a dozen per file: a statement costs DuckDB a
    few milliseconds whatever its rows, and the commit waits on the disk once.
    """
    shas = [i.record.source.sha256 for i in items]
    paths = [i.path for i in items]
    if len(set(shas)) != len(shas) or len(set(paths)) != len(paths):
        raise ValueError("the same file or path twice in one group: land them one by one")
    seen = [r[0] for r in con.execute("SELECT sha256 FROM ingested_files WHERE sha256 IN (SELECT unnest(?))",
                                      [shas]).fetchall()]
    if seen:  # landed before (a re-landing): its old rows go, as ``land`` deletes them
        for table in tables:
            con.execute(f"DELETE FROM {table} WHERE sha256 IN (SELECT unnest(?))", [seen])
    con.execute(upsert_files_sql(len(items)),
                [v for i in items for v in (i.record.source.sha256, i.path, i.record.source.format, "ok", None, None,
                                            i.record.source.pages, i.record.source.ocr_confidence, now, now, run_id,
                                            None)])
    for table in tables:
        insert(table, rows[table])
    # a corrected file supersedes every other current version under its path (``landing.supersede``)
    con.execute("""UPDATE ingested_files SET superseded_by = b.sha FROM
                       (SELECT unnest(?::VARCHAR[]) AS sha, unnest(?::VARCHAR[]) AS path) b
                   WHERE ingested_files.path = b.path AND ingested_files.sha256 <> b.sha
                     AND ingested_files.superseded_by IS NULL""", [shas, paths])
