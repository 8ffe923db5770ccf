"""A DuckDB copy of a PostgreSQL warehouse, for what is DuckDB's by design (issue 10, point 3).

The published copies (``landing.publish``) are DuckDB files and Parquet, written with DuckDB's own
``ATTACH`` / ``COPY FROM DATABASE``: readers on a laptop keep one file, whatever the warehouse is.
From PostgreSQL the run first copies its tables into a temporary DuckDB warehouse of the same
schema (``Warehouse`` creates it with the same DDL and migrations), then publishes from that. For a
DuckDB connection ``duckdb_copy`` yields the connection itself: nothing changes for the default.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from landing._dictionary import _pg_columns, existing_columns
from landing._pg import dialect

__all__ = ["duckdb_copy"]


@contextmanager
def duckdb_copy(con: Any, folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """``con`` itself when it is DuckDB's; else a temporary DuckDB file under ``folder`` holding every
    table of the PostgreSQL warehouse that the DuckDB schema has (removed on exit)."""
    if dialect(con) != "postgresql":
        yield con
        return
    from landing import Warehouse, WarehouseError, _insert_rows  # landing imports this module: import late

    tmp = None
    copy = None
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tdkt-pg-copy-", dir=folder))
            copy = Warehouse(tmp / "tdkt.duckdb")
            target = copy.connection
            _fill(target, con, _insert_rows)
        except (OSError, duckdb.Error) as exc:
            raise WarehouseError(f"không chép được kho PostgreSQL sang bản DuckDB để công bố ({exc}); kiểm tra"
                                 " dung lượng và quyền ghi của thư mục", path=folder) from exc
        yield target
    finally:
        if copy is not None:
            copy.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _fill(target: duckdb.DuckDBPyConnection, con: Any, insert_rows: Any) -> None:
    """Every table both schemas have, the PostgreSQL rows in place of the new file's."""
    source_columns = _pg_columns(con)
    plan = []
    for table, columns in existing_columns(target).items():
        cols = [c for c in columns if c in source_columns.get(table, {})]
        if cols:
            plan.append((table, cols))
            target.execute(f"DELETE FROM {table}")  # the code tables the new file was given
    target.execute("BEGIN TRANSACTION")  # after the deletes: DuckDB keys see the committed rows
    for table, cols in plan:
        names = ", ".join(cols)
        rows = con.execute(f"SELECT {names} FROM {table}").fetchall()
        if rows:
            insert_rows(target, f"{table} ({names})", len(cols), rows)
    target.execute("COMMIT")
