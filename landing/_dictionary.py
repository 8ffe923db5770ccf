"""The warehouse's data dictionary and code tables, from ``data/warehouse_dictionary.yaml``.

One data file says what every table and column means (Vietnamese and English) and what the analyst
copy does with it; this module applies it to the warehouse as ``COMMENT ON`` (so a notebook's
``duckdb_columns()`` shows it), fills the code tables an analyst joins to (awards, ratings, document
kinds, statuses, checks) and prints it for ``tdkt tables``. Landing never imports the validators:
the flow passes the rules it loaded to ``record_checks``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

import duckdb
from pydantic import BaseModel, ConfigDict, Field

from landing._pg import dialect
from record.awards import award_catalogue
from record.datafile import load_model
from record.errors import DataFileError

DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "data" / "warehouse_dictionary.yaml"

# The two regimes of validators._rules.REGIMES, as columns of ``checks`` (named here, not imported:
# data flows validators -> landing).
REGIME_COLUMNS = {"LTDKT2022+ND98": "legal_basis_nd98", "LTDKT2022+ND152": "legal_basis_nd152"}

CODE_TABLES_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS award_codes (
        code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, level VARCHAR, kind VARCHAR NOT NULL, holder VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS task_ratings_codes (
        code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, rank INTEGER NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS document_kinds (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS nomination_statuses (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS file_statuses (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL)",
    """CREATE TABLE IF NOT EXISTS checks (
        check_id VARCHAR PRIMARY KEY, category VARCHAR NOT NULL, severity VARCHAR NOT NULL,
        scope VARCHAR NOT NULL, message_vi VARCHAR, legal_basis VARCHAR NOT NULL,
        legal_basis_nd98 VARCHAR, legal_basis_nd152 VARCHAR, confidence VARCHAR, regimes VARCHAR[]
    )""",
)


class CheckRule(Protocol):
    """What ``checks`` needs of a rule: ``validators.Rule`` has it (landing may not import it)."""

    id: str
    category: str
    severity: str
    message_vi: str
    legal_basis: str
    confidence: str
    regimes: list[Any]
    overrides: Mapping[Any, Any]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnDoc(_Strict):
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    analyst: Literal["keep", "drop", "pseudonym"] = "keep"
    references: str | None = Field(default=None, pattern=r"^[a-z_]+\.[a-z_0-9]+$")


class TableDoc(_Strict):
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    key: list[str] = Field(default_factory=list)
    columns: dict[str, ColumnDoc]


class ViewDoc(_Strict):
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    sql: str = Field(min_length=1)
    analyst: str | None = None  # the analyst copy's own SQL, when the full one reads identifiers
    fallback: str | None = None  # the same columns from a warehouse without the units' keys (issue 7)


class ExtraColumn(_Strict):
    sql: str = Field(min_length=1)
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Dictionary(_Strict):
    version: Literal[1]
    tables: dict[str, TableDoc]
    codes: dict[str, list[dict[str, Any]]]
    award_levels: dict[str, Literal["co_so", "tinh", "trung_uong"]]
    views: dict[str, ViewDoc]
    analyst_extra: dict[str, dict[str, ExtraColumn]] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def load_dictionary(path: Path = DICTIONARY_PATH) -> Dictionary:
    """The dictionary, strictly checked: a typo must stop the run, not leave a column undocumented."""
    dictionary = load_model(path, Dictionary, "từ điển dữ liệu")
    unknown = set(award_catalogue()) - set(dictionary.award_levels)
    if unknown:
        raise DataFileError(f"award_levels thiếu cấp của mã {', '.join(sorted(unknown))}", path=path)
    for table, rows in dictionary.codes.items():
        if table not in dictionary.tables:
            raise DataFileError(f"bảng mã '{table}' chưa được mô tả trong tables", path=path)
        if not rows:
            raise DataFileError(f"bảng mã '{table}' rỗng", path=path)
    return dictionary


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_text(doc: TableDoc | ColumnDoc | ViewDoc | ExtraColumn) -> str:
    """Vietnamese first, English after: the text every SQL client shows for the object."""
    text = f"{doc.vi} | {doc.en}"
    references = getattr(doc, "references", None)
    return f"{text} (-> {references})" if references else text


def existing_columns(con: duckdb.DuckDBPyConnection, database: str | None = None) -> dict[str, dict[str, str]]:
    """table -> column -> its comment ('' when none), for the base tables of one attached database."""
    if dialect(con) == "postgresql":
        return _pg_columns(con)
    database = database or _current_database(con)
    out: dict[str, dict[str, str]] = {}
    rows = con.execute(
        """SELECT table_name, column_name, coalesce(comment, '') FROM duckdb_columns()
           WHERE database_name = ? AND schema_name = 'main' AND NOT internal
           ORDER BY table_name, column_index""",
        [database],
    ).fetchall()
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'", [database]
    ).fetchall()}
    for table, column, comment in rows:
        if table in tables:
            out.setdefault(table, {})[column] = comment
    return out


def _pg_tables(con: Any) -> dict[str, str]:
    """PostgreSQL: table -> its comment ('' when none), for the base tables of the current schema."""
    return {r[0]: r[1] or "" for r in con.execute(
        """SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
           WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'""").fetchall()}


def _pg_columns(con: Any) -> dict[str, dict[str, str]]:
    """PostgreSQL: table -> column -> its comment ('' when none), as ``existing_columns``."""
    out: dict[str, dict[str, str]] = {}
    for table, column, comment in con.execute(
            """SELECT c.relname, a.attname, coalesce(col_description(c.oid, a.attnum), '')
               FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
               WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum""").fetchall():
        out.setdefault(table, {})[column] = comment
    return out


def _current_database(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_database()").fetchone()
    return str(row[0]) if row else "memory"


def apply_comments(con: duckdb.DuckDBPyConnection, *, database: str | None = None,
                   extra: dict[str, dict[str, ExtraColumn]] | None = None) -> int:
    """``COMMENT ON`` every documented table and column that exists; returns how many changed.

    Only comments that differ are written, so opening an unchanged warehouse writes nothing.
    """
    dictionary = load_dictionary()
    if dialect(con) == "postgresql":  # one database per connection: no catalog prefix
        prefix, tables = "", _pg_tables(con)
    else:
        database = database or _current_database(con)
        prefix = f'"{database}".'
        tables = {r[0]: r[1] or "" for r in con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'",
            [database]).fetchall()}
    columns = existing_columns(con, database)
    changed = 0
    for table, doc in dictionary.tables.items():
        if table not in tables:
            continue  # a table of another branch's schema, not (yet) in this warehouse
        text = comment_text(doc)
        if tables[table] != text:
            con.execute(f"COMMENT ON TABLE {prefix}{table} IS {_quote(text)}")
            changed += 1
        docs: dict[str, ColumnDoc | ExtraColumn] = {**doc.columns, **(extra or {}).get(table, {})}
        for column, comment in columns.get(table, {}).items():
            col_doc = docs.get(column)
            if col_doc is not None and comment != comment_text(col_doc):
                con.execute(f"COMMENT ON COLUMN {prefix}{table}.{column} IS {_quote(comment_text(col_doc))}")
                changed += 1
    return changed


def _code_rows(dictionary: Dictionary) -> dict[str, list[dict[str, Any]]]:
    rows = {table: list(values) for table, values in dictionary.codes.items()}
    rows["award_codes"] = [
        {"code": code, "name": row["name"], "level": dictionary.award_levels.get(code), "kind": row["kind"],
         "holder": row["for"]}
        for code, row in award_catalogue().items()
    ]
    return rows


def _replace(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert or update each row by its primary key, then drop codes no longer listed.

    Not delete-all-then-insert: DuckDB checks a primary key against the rows as they were before
    the transaction, so re-inserting a deleted key in the same transaction may be refused.
    """
    if not rows:
        return
    names = list(rows[0])
    key = names[0]
    sets = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
    con.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {sets}",
        [[row.get(n) for n in names] for row in rows],
    )
    keep = [row[key] for row in rows]
    con.execute(f"DELETE FROM {table} WHERE NOT list_contains(?, {key})", [keep])


def apply_dictionary(con: duckdb.DuckDBPyConnection) -> None:
    """Create and fill the code tables, then comment every table and column (one transaction)."""
    dictionary = load_dictionary()
    for statement in CODE_TABLES_DDL:
        con.execute(statement)
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in _code_rows(dictionary).items():
            if _differs(con, table, rows):
                _replace(con, table, rows)
        apply_comments(con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _differs(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> bool:
    names = list(rows[0])
    have = con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY 1").fetchall()
    want = sorted((tuple(row.get(n) for n in names) for row in rows), key=lambda r: str(r[0]))
    return [tuple(r) for r in have] != want


def check_rows(rules: Iterable[CheckRule]) -> list[dict[str, Any]]:
    """One ``checks`` row per rule (a ``validators.Rule``, read by attribute).

    The rule's scope defaults to ``nomination`` for rule files written before rules had one.
    """
    out = []
    for rule in rules:
        overrides = rule.overrides or {}
        row: dict[str, Any] = {
            "check_id": rule.id, "category": rule.category, "severity": rule.severity,
            "scope": getattr(rule, "scope", None) or "nomination", "message_vi": rule.message_vi,
            "legal_basis": rule.legal_basis,
        }
        regimes = [str(r) for r in rule.regimes] or list(REGIME_COLUMNS)
        for regime, column in REGIME_COLUMNS.items():
            override = overrides.get(regime)
            basis = getattr(override, "legal_basis", None) if override is not None else None
            row[column] = (basis or rule.legal_basis) if regime in regimes else None
        row["confidence"] = rule.confidence
        row["regimes"] = regimes
        out.append(row)
    return out


def record_checks(con: duckdb.DuckDBPyConnection, rules: Iterable[CheckRule]) -> None:
    """Replace the ``checks`` code table with the rules this run validates with."""
    rows = check_rows(rules)
    for statement in CODE_TABLES_DDL:
        con.execute(statement)
    con.execute("BEGIN TRANSACTION")
    try:
        if rows and _differs(con, "checks", rows):
            _replace(con, "checks", rows)
        apply_comments(con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def dictionary_text(table: str | None = None) -> str:
    """The dictionary as ``tdkt tables`` prints it: each table, its key, each column and view."""
    dictionary = load_dictionary()
    if table is not None and table not in dictionary.tables and table not in dictionary.views:
        raise DataFileError(f"không có bảng hay view '{table}' trong từ điển dữ liệu", path=DICTIONARY_PATH)
    lines: list[str] = []
    for name, doc in dictionary.tables.items():
        if table is not None and name != table:
            continue
        key = f"  [khoá / key: {', '.join(doc.key)}]" if doc.key else ""
        lines += [f"{name}{key}", f"  {doc.vi}", f"  {doc.en}"]
        foreign = [f"{c} -> {col.references}" for c, col in doc.columns.items()
                   if col.references and col.references.split(".")[0] != name]
        if foreign:  # landing._foreign_keys declares them in the published copy where the rows keep them
            lines.append(f"  [khoá ngoại / foreign keys (bản công bố / published copy): {', '.join(foreign)}]")
        extra = dictionary.analyst_extra.get(name, {})
        width = max(len(c) for c in [*doc.columns, *extra])
        for column, col in doc.columns.items():
            note = "" if col.analyst == "keep" else f"  [analyst: {col.analyst}]"
            ref = f"  -> {col.references}" if col.references else ""
            lines.append(f"    {column:<{width}}  {col.vi} | {col.en}{ref}{note}")
        for column, ex in extra.items():
            lines.append(f"    {column:<{width}}  {ex.vi} | {ex.en}  [analyst only]")
        lines.append("")
    for name, view in dictionary.views.items():
        if table is not None and name != table:
            continue
        lines += [f"{name}  [view]", f"  {view.vi}", f"  {view.en}", ""]
    return "\n".join(lines).rstrip() + "\n"
