"""Foreign keys, declared in the published copy the analysts and reviewers read.

The dictionary documents each column's ``references`` (table.column). The nightly warehouse cannot
enforce them: DuckDB adds no foreign key by ``ALTER TABLE``, and it checks a key against the rows
as they were before the transaction, so the landing's delete-then-insert of a file's rows would be
refused. The published copy is written once per run and only read, so there each table is rebuilt
with its keys declared, parents first: an analyst's client sees them (``duckdb_constraints()``, an
ER diagram) and the copy cannot hold an orphan row.

A reference is declared only when it holds in the data and its target can be a key: a reference
with orphan rows (an award code outside the catalogue, a check id of an older rule file) or to a
column whose values repeat stays documented only, and is logged. A table's reference to itself
(``nominations.canonical_id``, ``ingested_files.superseded_by``) stays documented only: DuckDB checks
the rows of one INSERT against the table as it was before it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

import duckdb

from landing._dictionary import load_dictionary

_log = logging.getLogger(__name__)
_OLD = "__tdkt_before_keys"


@dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    parent: str
    parent_column: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column} -> {self.parent}.{self.parent_column}"


def documented_references() -> list[ForeignKey]:
    """Every ``references`` of the dictionary, in its order."""
    out = []
    for table, doc in load_dictionary().tables.items():
        for column, col in doc.columns.items():
            if col.references:
                parent, parent_column = col.references.split(".", 1)
                out.append(ForeignKey(table, column, parent, parent_column))
    return out


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT c.table_name, c.column_name FROM duckdb_columns() c JOIN duckdb_tables() t "
            "ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name "
            "WHERE c.database_name = current_database() AND c.schema_name = 'main'").fetchall():
        out.setdefault(table, set()).add(column)
    return out


def _keys(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(table, column) of every one-column primary key or unique constraint."""
    rows = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchall()
    return {(table, cols[0]) for table, cols in rows if len(cols) == 1}


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _orphans(con: duckdb.DuckDBPyConnection, fks: list[ForeignKey]) -> list[int]:
    """How many rows of each reference point nowhere (one query for all: a query costs milliseconds)."""
    if not fks:
        return []
    parts = [f"SELECT {i} AS i, count(*) AS n FROM {fk.table} c WHERE c.{fk.column} IS NOT NULL AND NOT EXISTS "
             f"(SELECT 1 FROM {fk.parent} p WHERE p.{fk.parent_column} = c.{fk.column})" for i, fk in enumerate(fks)]
    counts = dict(con.execute(" UNION ALL ".join(parts)).fetchall())
    return [int(counts.get(i, 0)) for i in range(len(fks))]


def _unique(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    repeated = _count(con, f"SELECT count(*) FROM (SELECT {column} FROM {table} WHERE {column} IS NOT NULL "
                           f"GROUP BY {column} HAVING count(*) > 1)")
    if repeated:
        _log.info("%s.%s repeats %d value(s): no foreign key may point to it", table, column, repeated)
    return not repeated


def _rebuild(con: duckdb.DuckDBPyConnection, table: str, unique: list[str], fks: list[ForeignKey]) -> None:
    """The table again under its own name, with its constraints and the new ones, rows copied."""
    row = con.execute("SELECT sql FROM duckdb_tables() WHERE database_name = current_database() "
                      "AND schema_name = 'main' AND table_name = ?", [table]).fetchone()
    if row is None:
        return
    ddl = re.sub(r"\)\s*;?\s*$", "", str(row[0]).strip())
    extra = [f"UNIQUE ({c})" for c in unique]
    extra += [f"FOREIGN KEY ({fk.column}) REFERENCES {fk.parent} ({fk.parent_column})" for fk in fks]
    con.execute(f"ALTER TABLE {table} RENAME TO {table}{_OLD}")
    con.execute(f"{ddl}, {', '.join(extra)})")
    con.execute(f"INSERT INTO {table} SELECT * FROM {table}{_OLD}")
    con.execute(f"DROP TABLE {table}{_OLD}")


def declare_foreign_keys(con: duckdb.DuckDBPyConnection) -> list[ForeignKey]:
    """Declare the dictionary's references that hold on ``con``'s database (the published copy,
    nobody else connected); returns those declared. Table and column comments are lost with the
    rebuild: the caller applies the dictionary's comments after."""
    columns = _columns(con)
    keys = _keys(con)
    candidates = [fk for fk in documented_references()
                  if fk.table != fk.parent and fk.column in columns.get(fk.table, set())
                  and fk.parent_column in columns.get(fk.parent, set())]
    unique: dict[str, list[str]] = {}
    keyed: list[ForeignKey] = []
    for fk in candidates:
        target = (fk.parent, fk.parent_column)
        if target not in keys:
            if not _unique(con, *target):
                continue
            keys.add(target)
            unique.setdefault(fk.parent, []).append(fk.parent_column)
        keyed.append(fk)
    declared: list[ForeignKey] = []
    for fk, orphans in zip(keyed, _orphans(con, keyed), strict=True):
        if orphans:
            _log.info("foreign key %s not declared: %d row(s) point nowhere", fk, orphans)
        else:
            declared.append(fk)
    graph: dict[str, set[str]] = {}
    for fk in declared:
        graph.setdefault(fk.table, set()).add(fk.parent)
    for table in unique:
        graph.setdefault(table, set())
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:  # the dictionary's references go round: declare none rather than some
        _log.warning("foreign keys not declared: the references form a cycle (%s)", exc.args[1])
        return []
    for table in order:
        fks = [fk for fk in declared if fk.table == table]
        if fks or table in unique:
            _rebuild(con, table, unique.get(table, []), fks)
    return declared
