"""A DuckDB copy of a PostgreSQL warehouse, for what is DuckDB's by design (issue 10, point 3).

The published copies (``landing.publish``) are DuckDB files and Parquet, written with DuckDB's own
``ATTACH`` / ``COPY FROM DATABASE``: readers on a laptop keep one file, whatever the warehouse is.
From PostgreSQL the run first copies its tables into a temporary in-memory DuckDB warehouse of the
same schema (``Warehouse`` creates it with the same DDL and migrations), then publishes from that. For a
DuckDB connection ``duckdb_copy`` yields the connection itself: nothing changes for the default.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from landing._dictionary import _pg_columns, existing_columns
from landing._pg import dialect

__all__ = ["duckdb_copy"]


@contextmanager
def duckdb_copy(con: Any, folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """``con`` itself when it is DuckDB's; else a temporary in-memory DuckDB database (spilling to a
    folder under ``folder``) holding every table of the PostgreSQL warehouse that the DuckDB schema
    has (removed on exit)."""
    if dialect(con) != "postgresql":
        yield con
        return
    from landing import Warehouse, WarehouseError  # landing imports this module: import late

    tmp = None
    copy = None
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tdkt-pg-copy-", dir=folder))
            # in memory: publishing writes the copies to disk once; the whole warehouse written to a
            # temporary file first cost a second write (a third of the copy's time). DuckDB spills what
            # does not fit in memory to ``temp_directory``, the same folder beside the local state
            copy = Warehouse(":memory:")
            target = copy.connection
            target.execute("SET temp_directory = ?", [str(tmp)])
            _fill(target, con, tmp)
        except (OSError, duckdb.Error) as exc:
            raise WarehouseError(f"không chép được kho PostgreSQL sang bản DuckDB để công bố ({exc}); kiểm tra"
                                 " dung lượng và quyền ghi của thư mục", path=folder) from exc
        yield target
    finally:
        if copy is not None:
            copy.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _fill(target: duckdb.DuckDBPyConnection, con: Any, folder: Path) -> None:
    """Every table both schemas have, the PostgreSQL rows in place of the new file's.

    Each table travels as CSV (``COPY … TO STDOUT``, spooled to a file in ``folder``) and DuckDB reads
    it with ``read_csv``: the server and DuckDB do the formatting and parsing in C, where fetching rows
    into Python and binding them again took 2.5-3 times as long (``python -m bench.pg_publish``). Every value is read as text and cast to the
    DuckDB column's own type, so nothing is guessed: a NULL is an unquoted ``\\N`` (every value is
    quoted), floats are PostgreSQL's shortest exact form (``extra_float_digits = 1``), timestamps and
    dates ISO, booleans ``true``/``false``, a list a JSON array. One read-only snapshot for all tables
    (``REPEATABLE READ``): a flow landing meanwhile is in the copy whole or not at all.
    """
    source_columns = _pg_columns(con)
    types = _duckdb_types(target)
    plan = []
    for table, columns in existing_columns(target).items():
        cols = [c for c in columns if c in source_columns.get(table, {})]
        if cols:
            plan.append((table, cols))
            target.execute(f"DELETE FROM {table}")  # the code tables the new file was given
    con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        con.execute("SET LOCAL extra_float_digits = 1; SET LOCAL DateStyle = 'ISO, YMD'")
        # PostgreSQL writes the next table's CSV while DuckDB reads the last one (both release the GIL)
        with ThreadPoolExecutor(1, thread_name_prefix="tdkt-pg-copy") as pool:
            spools = [pool.submit(_spool, con, table, cols, types[table], folder / f"{table}.csv")
                      for table, cols in plan]
            target.execute("BEGIN TRANSACTION")  # after the deletes: DuckDB keys see the committed rows
            try:
                for (table, cols), spooled in zip(plan, spools, strict=True):
                    spool = spooled.result()
                    if spool.stat().st_size:
                        _read_spool(target, table, cols, types[table], spool)
                    spool.unlink()
            finally:
                for pending in spools:  # a failed table: the copies still queued are not started
                    pending.cancel()
            target.execute("COMMIT")
    finally:
        con.execute("COMMIT")


def _spool(con: Any, table: str, cols: list[str], types: dict[str, str], path: Path) -> Path:
    """``table``'s rows as PostgreSQL's CSV in the file ``path``."""
    with path.open("wb") as sink:
        con.copy_out(f"SELECT {', '.join(_as_text(c, types[c]) for c in cols)} FROM {table}", sink)
    return path


def _read_spool(target: duckdb.DuckDBPyConnection, table: str, cols: list[str], types: dict[str, str],
                spool: Path) -> None:
    """The CSV of ``_spool`` into ``table``, every field read as text and cast to its column's type."""
    fields = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(cols)))
    target.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT "
        + ", ".join(_from_text(f"c{i}", types[c]) for i, c in enumerate(cols))
        + f" FROM read_csv(?, columns = {{{fields}}}, header = false, auto_detect = false, delim = ',',"
          " quote = '\"', escape = '\"', nullstr = '\\N', allow_quoted_nulls = false,"
          f" max_line_size = {_MAX_LINE}, encoding = 'utf-8')",
        [str(spool)])


_MAX_LINE = 256 * 1024 * 1024  # one row of ``records`` holds a whole dossier's JSON: no 2 MB limit


def _duckdb_types(target: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for table, column, kind in target.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns()"
            " WHERE schema_name = 'main' AND NOT internal").fetchall():
        out.setdefault(table, {})[column] = kind
    return out


def _as_text(column: str, kind: str) -> str:
    """The PostgreSQL expression whose CSV text DuckDB casts back to ``kind`` exactly."""
    if kind.endswith("[]"):
        return f"array_to_json({column})"  # a list: JSON, which DuckDB casts to the list type
    if kind == "BOOLEAN":
        return f"{column}::text"  # true/false, not PostgreSQL's t/f
    return column


def _from_text(field: str, kind: str) -> str:
    """The DuckDB expression turning the CSV text of ``field`` into ``kind``."""
    if kind.endswith("[]"):
        return f"CAST(CAST({field} AS JSON) AS {kind})"
    return f"CAST({field} AS {kind})"
