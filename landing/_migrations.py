"""Migrations written as code (issue 8, point 7): steps that depend on what the warehouse holds.

A plain ``ALTER TABLE`` stays a string in ``_schema.MIGRATIONS``; a step that must look first (does
the table exist in this warehouse, is the key already there) or fill new columns from old ones is a
function here. Each runs inside the migration runner's transaction and must be idempotent, because
a warehouse made by a later version may already have what it adds.
"""

from __future__ import annotations

import logging

import duckdb

_log = logging.getLogger(__name__)

# The contract's text dates (YYYY, YYYY-MM or YYYY-MM-DD): each gets a typed twin <column>_value
# DATE and <column>_precision (day | month | year). submissions / cover_letters: the cover letter's
# table under its old and its new name (issue 7 renames it).
DATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("submissions", "date"),
    ("cover_letters", "date"),
    ("council_meta", "date"),
    ("nominations", "submission_date"),
    ("persons", "birth_date"),
    ("prior_awards", "decision_date"),
)

# Keys that hold by construction, whatever the extractor or a test names its nominations: a file's
# items are numbered by ``seq``, a file has one council meeting, a run one value per counter. Rows of
# one file are deleted and inserted again in one transaction, which DuckDB allows for a primary key
# (not for a foreign key). ``nominations.nomination_id`` is unique in practice (``<sha[:16]>-<nn>``)
# but not enforced: warehouses written before it was built that way may repeat a hand-set id.
PRIMARY_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nominations", ("sha256", "seq")),
    ("documents", ("sha256", "seq")),
    ("council_meta", ("sha256",)),
    ("council_votes", ("sha256", "seq")),
    ("run_counts", ("run_id", "counter")),
)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() "
        "AND table_schema = 'main' AND table_name = ?",
        [table]).fetchall()}


def date_value_sql(column: str) -> str:
    """The DATE a contract date stands for: the day, or the first day of its month or year."""
    return (f"CASE WHEN regexp_full_match({column}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN try_cast({column} AS DATE) "
            f"WHEN regexp_full_match({column}, '\\d{{4}}-\\d{{2}}') THEN try_cast({column} || '-01' AS DATE) "
            f"WHEN regexp_full_match({column}, '\\d{{4}}') THEN try_cast({column} || '-01-01' AS DATE) END")


def date_precision_sql(column: str) -> str:
    return (f"CASE WHEN ({date_value_sql(column)}) IS NULL THEN NULL "
            f"WHEN length({column}) = 10 THEN 'day' WHEN length({column}) = 7 THEN 'month' ELSE 'year' END")


def fill_typed_dates(con: duckdb.DuckDBPyConnection, sha256: str | None = None) -> None:
    """Fill ``<column>_value`` / ``_precision`` from the text date: of one file, or of every row.

    Runs in SQL after the rows are inserted, so any code that inserts a date column (today's
    landing or a later one) gets its typed twin without knowing about it.
    """
    for table, column in DATE_COLUMNS:
        have = _columns(con, table)
        if f"{column}_value" not in have:
            continue
        where = "sha256 = ?" if sha256 is not None and "sha256" in have else "true"
        con.execute(
            f"UPDATE {table} SET {column}_value = {date_value_sql(column)}, "
            f"{column}_precision = {date_precision_sql(column)} WHERE {where}",
            [sha256] if where != "true" else [],
        )


def add_typed_dates(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 40: the typed twins of every contract date column present, filled from the text."""
    for table, column in DATE_COLUMNS:
        if column not in _columns(con, table):
            continue
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}_value DATE")
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column}_precision VARCHAR")
    fill_typed_dates(con)


def add_primary_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 41: the primary keys of ``PRIMARY_KEYS`` on tables that exist and lack one."""
    have = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND constraint_type = 'PRIMARY KEY'"
    ).fetchall()}
    for table, key in PRIMARY_KEYS:
        if table in have or not set(key) <= _columns(con, table):
            continue
        cols = ", ".join(key)
        repeated = con.execute(
            f"SELECT count(*) FROM (SELECT {cols} FROM {table} GROUP BY {cols} HAVING count(*) > 1)").fetchone()
        if repeated and repeated[0]:  # old rows break the key: keep the data, go without the key
            _log.warning("warehouse table %s repeats (%s) in %d case(s): primary key not added",
                         table, cols, repeated[0])
            continue
        con.execute(f"ALTER TABLE {table} ADD PRIMARY KEY ({cols})")
