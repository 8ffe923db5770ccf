"""Migrations written as code (issue 8, point 7): steps that depend on what the warehouse holds.

A plain ``ALTER TABLE`` stays a string in ``_schema.MIGRATIONS``; a step that must look first (does
the table exist in this warehouse, is the key already there) or fill new columns from old ones is a
function here. Each runs inside the migration runner's transaction and must be idempotent, because
a warehouse made by a later version may already have what it adds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb

from landing._pg import dialect

_log = logging.getLogger(__name__)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

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


def typed_date(text: str | None) -> tuple[date | None, str | None]:
    """The DATE a contract date stands for and its precision (``day`` / ``month`` / ``year``);
    (None, None) for a missing or impossible date. The same rule as ``date_value_sql``."""
    match = _DATE.fullmatch(text or "")
    if match is None:
        return None, None
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, None
    return value, "day" if day else "month" if month else "year"


def typed_date_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """table -> its text date columns that have a typed twin in this warehouse."""
    out: dict[str, list[str]] = {}
    for table, column in DATE_COLUMNS:
        if f"{column}_value" in _columns(con, table):
            out.setdefault(table, []).append(column)
    return out


def with_typed_dates(columns: tuple[str, ...], rows: Sequence[Sequence[Any]],
                     dates: list[str]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The columns and rows plus ``<column>_value`` / ``_precision`` of each text date among them
    (computed here, not by an UPDATE after the insert, which costs more than the insert itself)."""
    present = [columns.index(c) for c in dates if c in columns and f"{c}_value" not in columns]
    if not present:
        return columns, [tuple(r) for r in rows]
    extra = tuple(name for i in present for name in (f"{columns[i]}_value", f"{columns[i]}_precision"))
    return columns + extra, [tuple(r) + tuple(v for i in present for v in typed_date(r[i])) for r in rows]


def fill_typed_dates(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the typed twins of every row not filled yet (the rows an older version landed)."""
    for table, columns in typed_date_columns(con).items():
        for column in columns:
            con.execute(f"UPDATE {table} SET {column}_value = {date_value_sql(column)}, "
                        f"{column}_precision = {date_precision_sql(column)} "
                        f"WHERE {column} IS NOT NULL AND {column}_precision IS NULL")


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
        "AND schema_name = 'main' AND constraint_type = 'PRIMARY KEY'" if dialect(con) == "duckdb" else
        "SELECT table_name FROM information_schema.table_constraints WHERE table_schema = current_schema() "
        "AND constraint_type = 'PRIMARY KEY'"
    ).fetchall()}
    for table, key in PRIMARY_KEYS:
        if table in have or not set(key) <= _columns(con, table):
            continue
        cols = ", ".join(key)
        repeated = con.execute(
            f"SELECT count(*) FROM (SELECT {cols} FROM {table} GROUP BY {cols} HAVING count(*) > 1) AS repeated").fetchone()
        if repeated and repeated[0]:  # old rows break the key: keep the data, go without the key
            _log.warning("warehouse table %s repeats (%s) in %d case(s): primary key not added",
                         table, cols, repeated[0])
            continue
        con.execute(f"ALTER TABLE {table} ADD PRIMARY KEY ({cols})")
