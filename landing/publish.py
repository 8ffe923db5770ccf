"""The published copies that analysts and reviewers read, so no reader ever blocks the nightly writer.

At the end of each run the flow calls ``publish(con, published_dir)`` with the run's open warehouse
connection. It writes, under ``published_dir`` (0700, every file 0600):

* ``tdkt.duckdb``: the whole warehouse plus the analysts' views, for reviewers (role ``reviewer``),
  with the dictionary's references declared as foreign keys where they hold (``_foreign_keys``);
* ``tdkt_analyst.duckdb``: the same without direct identifiers (role ``analyst``): the columns
  ``data/warehouse_dictionary.yaml`` marks ``drop`` are left out (birth date, hometown, residence,
  source lines, file paths, free text that may name a person), names marked ``pseudonym`` become
  a keyed HMAC-SHA256 pseudonym, and an undocumented column is left out too;
* ``parquet/<table>/run_date=YYYY-MM-DD/*.parquet``: the analyst copy's tables, each row under the
  Vietnam-time date of the run that landed it (code tables unpartitioned, ``parquet/<table>/``).

Each DuckDB file is written under a temporary name and renamed over the old one (atomic on one
file system): a reader that has the old copy open keeps reading its inode (Linux), the next
``connect`` sees the new one. The Parquet folder is swapped by two renames.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import shutil
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from time import perf_counter

import duckdb

from landing import WarehouseError
from landing._dictionary import apply_comments, comment_text, existing_columns, load_dictionary
from landing._foreign_keys import declare_foreign_keys
from record.errors import ConfigError

FULL_COPY = "tdkt.duckdb"
ANALYST_COPY = "tdkt_analyst.duckdb"
PARQUET_DIR = "parquet"
ROLES = {"reviewer": FULL_COPY, "analyst": ANALYST_COPY}
KEY_ENV = "TDKT_PSEUDONYM_KEY"
VIETNAM_UTC_OFFSET = timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving time
_RUN_DATE = "CAST(r.started_at + INTERVAL 7 HOUR AS DATE)"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    """What one publication wrote, for the run's log and the tests."""

    full: Path
    analyst: Path
    parquet: Path
    tables: int
    seconds: float
    foreign_keys: tuple[str, ...] = ()  # declared in the full copy, "table.column -> table.column"


# --- pseudonyms ---------------------------------------------------------------------------------


def pseudonym_key(key_file: Path) -> bytes:
    """The site's pseudonym key: ``TDKT_PSEUDONYM_KEY``, else ``key_file``, created (0600) on first use.

    The key must stay the same from run to run, or every pseudonym changes and the analysts'
    histories break; it must never be committed (``.gitignore`` holds ``data/secrets/``), or anyone
    with the repository could rebuild a name's pseudonym.
    """
    key = os.environ.get(KEY_ENV, "").strip()
    where = Path(KEY_ENV)
    if not key:
        where = key_file = Path(key_file)
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        try:
            key = key_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"không đọc được khoá bí danh ({exc}); đặt {KEY_ENV} hoặc sửa tệp khoá",
                              path=key_file) from exc
    if len(key) < 32:
        raise ConfigError(f"khoá bí danh quá ngắn (cần ít nhất 32 ký tự); đặt {KEY_ENV} hoặc xoá tệp khoá "
                          "để tạo khoá mới (mọi bí danh sẽ đổi)", path=where)
    return key.encode("utf-8")


def pseudonym(value: str | None, key: bytes) -> str | None:
    """``P-`` + 16 hex digits of HMAC-SHA256 of the name, after Unicode NFC, case folding and
    collapsing spaces, so the same name written twice gets the same pseudonym."""
    if value is None:
        return None
    norm = " ".join(unicodedata.normalize("NFC", value).casefold().split())
    if not norm:
        return None
    return "P-" + hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


# --- files ----------------------------------------------------------------------------------------


def _sql_str(text: str | Path) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)


def _private_tree(root: Path) -> None:
    root.chmod(0o700)
    for path in root.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _remove_db(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


# --- the copies -----------------------------------------------------------------------------------


def _current_database(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_database()").fetchone()
    return str(row[0]) if row else "memory"


def _create_views(con: duckdb.DuckDBPyConnection, *, analyst: bool) -> None:
    """The dictionary's views; a view's ``fallback`` when the warehouse lacks what ``sql`` reads."""
    for name, view in load_dictionary().views.items():
        sql = view.analyst if analyst and view.analyst else view.sql
        try:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
        except (duckdb.BinderException, duckdb.CatalogException) as exc:  # a column, a table not there
            if not view.fallback:
                raise
            _log.info("view %s: the warehouse lacks what it reads (%s); its fallback instead", name, exc)
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {view.fallback}")
        con.execute(f"COMMENT ON VIEW {name} IS {_sql_str(comment_text(view))}")


def _analyst_select(table: str, columns: list[str]) -> str | None:
    """The SELECT list of the analyst copy of one table, or None when nothing of it is published."""
    dictionary = load_dictionary()
    doc = dictionary.tables.get(table)
    if doc is None:
        return None
    out = []
    for column in columns:
        col = doc.columns.get(column)
        if col is None or col.analyst == "drop":
            continue  # undocumented columns are left out: privacy by default
        out.append(f"tdkt_pseudonym({column}) AS {column}" if col.analyst == "pseudonym" else column)
    out += [f"{extra.sql} AS {name}" for name, extra in dictionary.analyst_extra.get(table, {}).items()]
    return ", ".join(out) if out else None


def _write_analyst_copy(source: Path, dest: Path, key: bytes) -> int:
    """Build the analyst copy from the full copy; returns how many tables it holds."""
    con = duckdb.connect(str(dest))
    try:
        con.create_function("tdkt_pseudonym", lambda v: pseudonym(v, key), [duckdb.sqltypes.VARCHAR],
                            duckdb.sqltypes.VARCHAR, side_effects=False)
        con.execute(f"ATTACH {_sql_str(source)} AS src (READ_ONLY)")
        tables = 0
        for table, columns in existing_columns(con, "src").items():
            select = _analyst_select(table, list(columns))
            if select is None:
                continue
            con.execute(f"CREATE TABLE main.{table} AS SELECT {select} FROM src.main.{table}")
            tables += 1
        # the warehouse's own views, over the analyst's tables (a view that needs a left-out column
        # is left out with it)
        views = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = 'src' "
                            "AND NOT internal").fetchall()
        con.execute("DETACH src")
        ours = load_dictionary().views  # created below, with the analyst's own SQL
        for name, sql in views:
            if name in ours:
                continue
            try:
                con.execute(sql)
            except duckdb.Error as exc:
                _log.warning("view %s is not in the analyst copy: %s", name, exc)
        apply_comments(con, extra=load_dictionary().analyst_extra)
        _create_views(con, analyst=True)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return tables


def _write_parquet(analyst_db: Path, folder: Path, today: date) -> None:
    """Each analyst table as Parquet, partitioned by the date of the run that landed its rows."""
    con = duckdb.connect(str(analyst_db), read_only=True)
    try:
        columns = existing_columns(con)
        fallback = f"DATE '{today.isoformat()}'"
        for table, cols in columns.items():
            if "run_id" in cols and "runs" in columns:
                source = f"{table} t LEFT JOIN runs r ON r.run_id = t.run_id"
            elif "sha256" in cols and "ingested_files" in columns and "runs" in columns:
                source = (f"{table} t LEFT JOIN ingested_files i ON i.sha256 = t.sha256 "
                          "LEFT JOIN runs r ON r.run_id = i.run_id")
            else:
                (folder / table).mkdir(parents=True, exist_ok=True)
                con.execute(f"COPY {table} TO {_sql_str(folder / table / f'{table}.parquet')} (FORMAT parquet)")
                continue
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            if not count or not count[0]:
                continue
            con.execute(
                f"COPY (SELECT t.*, coalesce({_RUN_DATE}, {fallback}) AS run_date FROM {source}) "
                f"TO {_sql_str(folder / table)} (FORMAT parquet, PARTITION_BY (run_date))"
            )
    finally:
        con.close()


def _swap_folder(new: Path, dest: Path) -> None:
    old = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.old")
    if dest.exists():
        dest.rename(old)
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def publish(con: duckdb.DuckDBPyConnection, published_dir: Path, *, key_file: Path | None = None,
            now: datetime | None = None, copied: Callable[[], None] | None = None) -> Published:
    """Write the reviewers' copy, the analysts' copy and the Parquet files from ``con``'s warehouse.

    ``con`` is the run's open connection, outside a transaction (nothing else may write the
    warehouse meanwhile; DuckDB allows one writing process). Raises ``WarehouseError`` when a copy
    cannot be written (the published files of the previous run are then left as they were) and
    ``ConfigError`` when the pseudonym key cannot be read.

    ``copied`` is called once the warehouse has been copied out (the rest is built from that copy):
    until then no other connection to the same database may hold a transaction, or DuckDB keeps the
    copy attached to it and the copy cannot be opened ("Unique file handle conflict").
    """
    started = perf_counter()
    published_dir = Path(published_dir)
    key = pseudonym_key(key_file or published_dir.parent / "secrets" / "pseudonym.key")
    today = ((now or datetime.now(UTC)).astimezone(UTC) + VIETNAM_UTC_OFFSET).date()  # rows with no run
    try:
        _private_dir(published_dir)
    except OSError as exc:
        raise WarehouseError(f"không tạo được thư mục công bố ({exc}); kiểm tra TDKT_PUBLISHED",
                             path=published_dir) from exc
    tag = f"{os.getpid()}.{uuid.uuid4().hex[:8]}"
    tmp_full = published_dir / f".{FULL_COPY}.{tag}.tmp"
    tmp_analyst = published_dir / f".{ANALYST_COPY}.{tag}.tmp"
    tmp_parquet = published_dir / f".{PARQUET_DIR}.{tag}.tmp"
    alias = f"tdkt_publish_{uuid.uuid4().hex[:8]}"
    try:
        con.execute(f"ATTACH {_sql_str(tmp_full)} AS {alias}")
        try:
            con.execute(f'COPY FROM DATABASE "{_current_database(con)}" TO {alias}')
        finally:
            con.execute(f"DETACH {alias}")
        if copied is not None:
            copied()
        full = duckdb.connect(str(tmp_full))
        try:
            full.execute("BEGIN TRANSACTION")  # one commit for the rebuilt tables: a third of the time
            fks = declare_foreign_keys(full)
            apply_comments(full)  # the rebuilt tables lost theirs
            full.execute("COMMIT")
            _create_views(full, analyst=False)
            full.execute("CHECKPOINT")
        finally:
            full.close()
        tables = _write_analyst_copy(tmp_full, tmp_analyst, key)
        tmp_parquet.mkdir(mode=0o700)
        _write_parquet(tmp_analyst, tmp_parquet, today)
        for path in (tmp_full, tmp_analyst):
            path.chmod(0o600)
        _private_tree(tmp_parquet)
        tmp_full.replace(published_dir / FULL_COPY)
        tmp_analyst.replace(published_dir / ANALYST_COPY)
        _swap_folder(tmp_parquet, published_dir / PARQUET_DIR)
    except (duckdb.Error, OSError) as exc:  # the previous copies stay as they were
        raise WarehouseError(f"không công bố được bản sao để tra cứu ({exc}); bản của lượt trước được giữ nguyên",
                             path=published_dir) from exc
    finally:
        _remove_db(tmp_full)
        _remove_db(tmp_analyst)
        shutil.rmtree(tmp_parquet, ignore_errors=True)
    return Published(full=published_dir / FULL_COPY, analyst=published_dir / ANALYST_COPY,
                     parquet=published_dir / PARQUET_DIR, tables=tables, seconds=perf_counter() - started,
                     foreign_keys=tuple(str(fk) for fk in fks))
