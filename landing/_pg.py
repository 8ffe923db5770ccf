"""The warehouse in PostgreSQL (issue 10, point 3): one connection that speaks the DuckDB dialect.

The warehouse code, the submission stage, the quality suite and the report were written against a
DuckDB connection (``con.execute(sql, params).fetchall()``). Rather than a second copy of every
statement, ``PgConnection`` offers the same small surface over psycopg and rewrites the few DuckDB
forms the code uses into PostgreSQL (``_REWRITES``): ``?`` placeholders, ``list_contains(?, col)``,
``regexp_full_match``, ``try_cast(... AS DATE)``, ``DOUBLE``, ``CREATE OR REPLACE TEMP TABLE`` and the
``'main'`` schema. So the schema, the migrations, the keys and the one-transaction-per-file rule are
the same statements in both engines, and DuckDB (the default) runs exactly what it ran before.

The URL is parsed by SQLAlchemy (``postgresql://``, ``postgresql+psycopg://``, options such as
``?sslmode=require``), the driver is psycopg 3. Errors are raised as ``PostgresError``, a subclass of
``duckdb.Error``, so every place that already turns a refused write into a ``WarehouseError`` (with
its Vietnamese message for the operator) does so for PostgreSQL too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

import duckdb

__all__ = ["PgConnection", "PostgresError", "dialect", "is_postgres_url", "redacted_url", "to_postgres"]

DIALECT_DUCKDB = "duckdb"
DIALECT_POSTGRES = "postgresql"

# A PL/pgSQL twin of DuckDB's try_cast(text AS DATE): NULL for an impossible date, never an error.
_PRELUDE = """CREATE OR REPLACE FUNCTION tdkt_try_date(t text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RETURN t::date; EXCEPTION WHEN others THEN RETURN NULL; END $$"""


class PostgresError(duckdb.Error):
    """PostgreSQL refused a statement (the server's own message follows)."""


def is_postgres_url(target: object) -> bool:
    """True for ``postgresql://…`` / ``postgres://…`` / ``postgresql+psycopg://…``."""
    return isinstance(target, str) and re.match(r"postgres(ql)?(\+\w+)?://", target) is not None


def _make_url(url: str) -> Any:
    """SQLAlchemy's URL parser, imported through the top package first.

    The run imports Great Expectations in a background thread (``flows.nightly``), which imports
    SQLAlchemy too. Importing ``sqlalchemy.engine`` directly takes that submodule's import lock and
    then waits for the package's, which the other thread holds while it waits for the submodule's:
    Python breaks the cycle by handing one thread a half-initialised module (``cannot import name
    'AdaptedConnection' from partially initialized module 'sqlalchemy.engine'``, seen on a served
    run). ``import sqlalchemy`` first waits on the package's lock alone, holding none.
    """
    import sqlalchemy  # noqa: F401  (for the lock order above)
    from sqlalchemy.engine import make_url

    return make_url(url)


def redacted_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    return _make_url(url).render_as_string(hide_password=True)


def _conninfo(url: str) -> str:
    """A libpq URL from a SQLAlchemy-style one (the ``+psycopg`` driver suffix is SQLAlchemy's)."""
    parsed = _make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _outside_literals(sql: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the parts of ``sql`` outside '…' literals and $$…$$ bodies."""
    parts = re.split(r"('(?:[^']|'')*'|\$\$.*?\$\$)", sql, flags=re.S)
    return "".join(p if i % 2 else change(p) for i, p in enumerate(parts))


_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    # list_contains(?, col) -> (col = ANY(?)): the parameter is a Python list, adapted as an array
    (re.compile(r"list_contains\(\s*\?\s*,\s*([\w.]+)\s*\)", re.I), r"(\1 = ANY(?))"),
    (re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.I), "DOUBLE PRECISION"),
)
_TEMP_TABLE = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+TEMP(?:ORARY)?\s+TABLE\s+(\w+)", re.I)
_REGEXP_FULL = re.compile(r"regexp_full_match\(([\w.]+),\s*'((?:[^']|'')*)'\)", re.I)
_MAIN_SCHEMA = re.compile(r"table_schema\s*=\s*'main'")
_TRY_DATE = re.compile(r"\btry_cast\((.*?)\s+AS\s+DATE\)", re.I)


def to_postgres(sql: str, *, with_params: bool) -> str:
    """The DuckDB statement ``sql`` in PostgreSQL's dialect (psycopg's ``%s`` placeholders)."""
    # regexp_full_match(col, 'pattern') -> (col ~ '^(?:pattern)$'); the pattern is a literal: first
    sql = _REGEXP_FULL.sub(lambda m: f"({m.group(1)} ~ '^(?:{m.group(2)})$')", sql)
    sql = _TRY_DATE.sub(r"tdkt_try_date(\1)", sql)  # try_cast(x AS DATE): NULL for an impossible date
    sql = _MAIN_SCHEMA.sub("table_schema = current_schema()", sql)  # DuckDB's schema is 'main'
    match = _TEMP_TABLE.match(sql)
    if match:
        sql = f"DROP TABLE IF EXISTS {match.group(1)}; CREATE TEMP TABLE{sql[match.end(0) - len(match.group(1)) - 1:]}"

    def change(part: str) -> str:
        for pattern, repl in _REWRITES:
            part = pattern.sub(repl, part)
        if with_params:
            part = part.replace("?", "%s")
        return part

    if with_params:  # psycopg reads % everywhere, literals included
        sql = sql.replace("%", "%%")
    return _outside_literals(sql, change)


class PgResult:
    """The result of one statement: ``fetchall``/``fetchone``/``description``/``df`` as DuckDB has them."""

    def __init__(self, cursor: Any) -> None:
        self._cur = cursor

    @property
    def description(self) -> Any:
        return self._cur.description

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cur.fetchall() if self._cur.description else []

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cur.fetchone() if self._cur.description else None

    def df(self) -> Any:
        import pandas as pd

        names = [d.name for d in self._cur.description or ()]
        return pd.DataFrame(self.fetchall(), columns=names)

    fetchdf = df


class PgConnection:
    """A psycopg connection with the DuckDB connection's surface the warehouse code uses.

    Autocommit, so a statement outside ``BEGIN TRANSACTION`` … ``COMMIT`` stands alone (as in
    DuckDB) and the explicit transactions of ``Warehouse`` are the only ones.
    """

    dialect = DIALECT_POSTGRES

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.types.json import set_json_loads
        except ImportError as exc:  # a dependency in pyproject; an old environment may lack it
            raise PostgresError("thiếu thư viện psycopg: chạy lại scripts/setup.sh (hoặc pip install"
                                " 'psycopg[binary]')") from exc

        self.url = url
        try:
            self._con = psycopg.connect(_conninfo(url), autocommit=True)
        except psycopg.Error as exc:
            raise PostgresError(" ".join(str(exc).split())) from exc
        set_json_loads(lambda text: text if isinstance(text, str) else bytes(text).decode(), self._con)
        self._psycopg_error = psycopg.Error

    def prepare(self) -> None:
        """The functions the rewritten statements call (once per database; run under the schema lock)."""
        self.execute(_PRELUDE)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgResult:
        cur = self._con.cursor()
        try:
            if params is None or len(params) == 0:
                cur.execute(to_postgres(sql, with_params=False))  # simple protocol: ;-separated ok
            else:
                cur.execute(to_postgres(sql, with_params=True), list(params))
        except self._psycopg_error as exc:
            raise PostgresError(" ".join(str(exc).split())) from exc
        return PgResult(cur)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        cur = self._con.cursor()
        try:
            cur.executemany(to_postgres(sql, with_params=True), [list(r) for r in rows])
        except self._psycopg_error as exc:
            raise PostgresError(" ".join(str(exc).split())) from exc

    def copy_out(self, select: str, sink: IO[bytes]) -> None:
        """``COPY (select) TO STDOUT`` as CSV into ``sink``, streamed: the server formats the rows, Python
        only moves bytes (``landing._snapshot``). ``select`` is PostgreSQL's own SQL, not rewritten."""
        options = "FORMAT csv, NULL '\\N', FORCE_QUOTE *, ENCODING 'UTF8'"
        try:
            with self._con.cursor() as cur, cur.copy(f"COPY ({select}) TO STDOUT ({options})") as copy:
                for chunk in copy:
                    sink.write(chunk)
        except self._psycopg_error as exc:
            raise PostgresError(" ".join(str(exc).split())) from exc

    def cursor(self) -> PgConnection:
        """Another connection to the same database (DuckDB's cursor is one too), for another thread."""
        return PgConnection(self.url)

    def close(self) -> None:
        self._con.close()


def dialect(con: Any) -> str:
    """``postgresql`` for a ``PgConnection``, ``duckdb`` for a DuckDB connection."""
    return getattr(con, "dialect", DIALECT_DUCKDB)
