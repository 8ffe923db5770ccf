"""``tdkt query``: one SQL statement on a published copy, printed as a table or written to a file.

It never opens the live warehouse (the nightly writer holds it), only ``published/``: the analyst
copy by default (least privilege: no birth dates, no real names), the full copy for the role
``reviewer``. The copy is opened read-only with DuckDB's external access off, so a query cannot
ATTACH the other copy or read other files; ``--out`` is written by tdkt, not by the query.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from landing.publish import ROLES
from record.errors import ConfigError, QueryError

DEFAULT_ROLE = "analyst"
MAX_CELL = 80  # characters of one value in the printed table


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def copy_path(published_dir: Path, role: str) -> Path:
    """The published copy a role reads; a ``ConfigError`` that says what to do when it is missing."""
    if role not in ROLES:
        raise ConfigError(f"vai trò không hợp lệ '{role}' (chọn: {', '.join(ROLES)})")
    path = Path(published_dir) / ROLES[role]
    if not path.is_file():
        raise ConfigError(f"chưa có bản công bố {path.name} trong {published_dir}; hãy chạy `tdkt run` trước "
                          "(hoặc đặt TDKT_PUBLISHED)", path=path)
    return path


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})


def run_query(published_dir: Path, sql: str, *, role: str = DEFAULT_ROLE) -> QueryResult:
    """Run ``sql`` on the role's copy; a ``QueryError`` with DuckDB's reason when it is refused."""
    con = _open(copy_path(published_dir, role))
    try:
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            raise QueryError(f"câu truy vấn bị từ chối: {' '.join(str(exc).split())}") from exc
        if cursor.description is None:
            return QueryResult([], [])
        columns = [d[0] for d in cursor.description]
        return QueryResult(columns, cursor.fetchall())
    finally:
        con.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_table(result: QueryResult) -> str:
    """An aligned text table, then the row count (``(3 dòng)``)."""
    if not result.columns:
        return "(không có kết quả)\n"
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(result.columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(result.rows)} dòng)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def write_result(published_dir: Path, sql: str, out: Path, *, role: str = DEFAULT_ROLE) -> int:
    """Write the query's rows to ``out``: CSV (UTF-8) or Parquet by its suffix; returns the row count."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ConfigError(f"--out phải là tệp .csv hoặc .parquet, không phải '{out.name}'")
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        result = run_query(published_dir, sql, role=role)
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(result.columns)
            writer.writerows(result.rows)
        return len(result.rows)
    con = _open(copy_path(published_dir, role))
    try:
        try:
            frame = con.execute(sql).df()  # the rows leave the sandboxed connection as a data frame
        except duckdb.Error as exc:
            raise QueryError(f"câu truy vấn bị từ chối: {' '.join(str(exc).split())}") from exc
    finally:
        con.close()
    writer_con = duckdb.connect()
    try:
        writer_con.register("result", frame)
        writer_con.execute(f"COPY result TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
    finally:
        writer_con.close()
    return len(frame)
