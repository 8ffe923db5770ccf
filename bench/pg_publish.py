"""How long publishing takes from a PostgreSQL warehouse (issue 10, point 3): the copy into DuckDB.

``python -m bench.pg_publish [--files N] [--url postgresql://…]`` lands N generated files
(``tests.test_landing.make_record``, each with its own hash) in a fresh database and times the
temporary DuckDB copy (``landing._snapshot.duckdb_copy``), as it is and as it was first written
(a DuckDB file filled with rows fetched into Python, ``_first_copy``), then the whole publication. Without
``--url`` it starts a throw-away PostgreSQL server (``tests.pg_server``, needs initdb/pg_ctl).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from time import perf_counter
from typing import Any

import duckdb

from landing import Landable, Warehouse
from landing._dictionary import _pg_columns, existing_columns
from landing._snapshot import duckdb_copy
from landing.publish import publish


def land(url: str, files: int) -> None:
    """``files`` generated dossiers, 100 to a transaction."""
    from tests.test_landing import findings_for, make_record

    with Warehouse(url) as wh:
        batch: list[Landable] = []
        for i in range(files):
            rec = make_record(sha=hashlib.sha256(str(i).encode()).hexdigest())
            batch.append(Landable(record=rec, findings=findings_for(rec), path=f"inbox/{i}.pdf"))
            if len(batch) == 100 or i == files - 1:
                wh.land_many(batch, run_id="bench")
                batch = []


def _by_rows(target: duckdb.DuckDBPyConnection, con: Any, folder: Path) -> None:
    """The copy as it was first written (the baseline): every row fetched into Python and bound again."""
    from landing import _insert_rows

    source_columns = _pg_columns(con)
    plan = []
    for table, columns in existing_columns(target).items():
        cols = [c for c in columns if c in source_columns.get(table, {})]
        if cols:
            plan.append((table, cols))
            target.execute(f"DELETE FROM {table}")
    target.execute("BEGIN TRANSACTION")
    for table, cols in plan:
        names = ", ".join(cols)
        rows = con.execute(f"SELECT {names} FROM {table}").fetchall()
        if rows:
            _insert_rows(target, f"{table} ({names})", len(cols), rows)
    target.execute("COMMIT")


@contextmanager
def _first_copy(con: Any, folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The copy as it was first written: a temporary DuckDB file filled by ``_by_rows``."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tdkt-pg-copy-", dir=folder))
    try:
        with Warehouse(tmp / "tdkt.duckdb") as copy:
            _by_rows(copy.connection, con, tmp)
            yield copy.connection
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure(url: str, folder: Path, copy: Any) -> float:
    """Seconds of the temporary DuckDB copy (created, filled, removed) made by ``copy``."""
    with Warehouse(url) as wh:
        started = perf_counter()
        with copy(wh.connection, folder / "state") as con:
            assert con.execute("SELECT count(*) FROM ingested_files").fetchone()[0] > 0  # type: ignore[index]
        return perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pg_publish")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--url", default=None, help="an empty PostgreSQL database (default: start a server)")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            from tests.pg_server import postgres_server

            url = stack.enter_context(postgres_server())
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tdkt-pg-bench-")))
        started = perf_counter()
        land(url, args.files)
        print(f"landed {args.files} files in {perf_counter() - started:.1f} s")
        with Warehouse(url) as wh:
            rows = sum(int(wh.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                       for t in ("ingested_files", "nominations", "provenance", "findings", "records", "persons"))
        print(f"rows in the main tables: {rows}")
        best: dict[str, float] = {}
        for _ in range(3):  # alternately, best of three: the machine is shared
            for name, copy in (("a file filled with rows through Python (before)", _first_copy),
                               ("in memory, COPY as CSV (now)", duckdb_copy)):
                best[name] = min(best.get(name, float("inf")), measure(url, folder, copy))
        for name, seconds in best.items():
            print(f"copy PostgreSQL -> DuckDB, {name}: {seconds:.2f} s (best of 3)")
        with Warehouse(url) as wh:
            started = perf_counter()
            with duckdb_copy(wh.connection, folder / "state") as con:
                publish(con, folder / "published", key_file=folder / "key")
            print(f"copy + publish: {perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
