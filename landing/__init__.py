"""Landing: dossier records and their findings into a DuckDB warehouse that analysts query with SQL.

``Warehouse`` is the only public name. Each file lands in **one transaction**: its old rows (by
``sha256``) are deleted and the new ones inserted, so landing the same file twice gives the same
rows and a crash leaves no half-landed file. ``ingested_files.first_seen_at`` survives re-landing.

DuckDB allows one writing process per file and a connection is not meant to be shared by threads
without care: the nightly flow extracts and validates files in parallel but lands them from one
thread, through one ``Warehouse``. A second process that opens the file while it is held gets a
``TransientError`` (worth retrying later); a file that cannot be used for another reason (read-only,
not DuckDB, damaged) gives a ``WarehouseError`` that says what to do (``_open``).

A corrected file under the same path *supersedes* the earlier version: ``ingested_files.superseded_by``
names the newer hash, its rows stay (history), and the views ``current_files`` and
``current_nominations`` leave them out, so nothing is counted twice.

Landing does not import the validators (data flows validators -> landing): the caller passes the
nomination statuses it computed with ``validators.nomination_status``, and the rules for the
``checks`` code table (``record_checks``).

Opening a warehouse applies every migration it has not recorded (``_schema.MIGRATIONS``) and the
data dictionary (``_dictionary``: comments and code tables). Readers never open this file:
``landing.publish`` writes the read-only copies they use at the end of each run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from landing._bulk import UNNEST_FROM, Landable, insert_columns, land_together, upsert_files_sql
from landing._dictionary import CheckRule, apply_dictionary, record_checks
from landing._migrations import typed_date_columns, with_typed_dates
from landing._open import lock_holder, why_unusable
from landing._pg import DIALECT_DUCKDB, PgConnection, dialect, is_postgres_url, redacted_url
from landing._schema import COLUMNS, DDL, MIGRATIONS, PER_FILE_TABLES, SCHEMA_VERSION_DDL
from record.errors import TdktError, TransientError
from record.findings import Check, Finding
from record.judgement import Judgement
from record.models import DossierRecord, Nomination, ProvenanceMap
from record.outcome import DEFAULT_NOMINATION_STATUS, QualityResult, nomination_key

__all__ = ["Landable", "Warehouse", "WarehouseError", "finding_row"]


def supersede(con: duckdb.DuckDBPyConnection, *, sha256: str, path: str) -> None:
    """Mark every other current version landed or quarantined under ``path`` as superseded by ``sha256``."""
    con.execute("UPDATE ingested_files SET superseded_by = ? WHERE path = ? AND sha256 <> ? AND superseded_by IS NULL",
                [sha256, path, sha256])

DEFAULT_STATUS = DEFAULT_NOMINATION_STATUS


class WarehouseError(TdktError):
    """The warehouse refused a write (bad value for a column, schema mismatch); the file is not landed."""

    code = "WAREHOUSE"
    exit_code = 6


def _utc(moment: datetime | None = None) -> datetime:
    """A naive UTC timestamp (the warehouse stores UTC without a zone)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _submitting_unit(record: DossierRecord, nom: Nomination) -> str | None:
    """The cover letter's issuer; never the nominee (a per-unit count would count nominees). A file
    without its cover letter has no submitting unit until its submission is known."""
    del nom  # the nominee is not the unit that submits it
    if record.submission and record.submission.issuer:
        return record.submission.issuer
    return None


def _provenance_rows(
    prov: ProvenanceMap, *, nomination_id: str | None, sha256: str, prefix: str = ""
) -> list[tuple[Any, ...]]:
    rows = []
    for key, p in prov.items():
        name = key if not prefix or key.startswith(prefix + ".") else f"{prefix}.{key}"
        box = p.bbox or (None, None, None, None)
        rows.append((nomination_id, sha256, name, p.page, p.line, p.confidence, p.source, p.unread, *box))
    return rows


INSERT_CHUNK = 500  # rows per INSERT statement: a big dossier's provenance stays a few statements


def _insert_rows(con: duckdb.DuckDBPyConnection, target: str, width: int, rows: Sequence[Sequence[Any]]) -> None:
    """``rows`` into ``target`` (a table, with its column list) as multi-row INSERTs of ``INSERT_CHUNK``."""
    # one list per column: binding no longer costs per value (landing._bulk); DuckDB's form only
    if len(rows) >= UNNEST_FROM and dialect(con) == DIALECT_DUCKDB:
        insert_columns(con, target, width, rows)
        return
    one = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[start:start + INSERT_CHUNK]
        con.execute(f"INSERT INTO {target} VALUES " + ", ".join([one] * len(chunk)), [v for r in chunk for v in r])


def finding_row(f: Finding, sha256: str | None, run_id: str) -> tuple[Any, ...]:
    """A finding as a row of ``findings`` (``COLUMNS["findings"]`` order)."""
    return (f.nomination_id, f.sha256 or sha256, f.check_id, f.category, f.severity, f.field, f.message,
            f.legal_basis, run_id, f.scope, f.submission_id, f.regime, f.confidence)


class Warehouse:
    """One DuckDB warehouse file; creates the file, its folder and the schema when missing."""

    def __init__(self, path: Path | str) -> None:
        if is_postgres_url(path):  # the shared warehouse (issue 10): same schema, same statements
            self._open_postgres(str(path))
            return
        self.url: str | None = None
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = None
        try:
            con = self._con = duckdb.connect(str(self.path))
            for statement in DDL:
                self._con.execute(statement)
            self._migrate()
            apply_dictionary(self._con)  # code tables and COMMENT ON, from data/warehouse_dictionary.yaml
            self._typed_dates = typed_date_columns(self._con)  # the schema is settled now
        except duckdb.Error as exc:
            if con is not None:
                con.close()
            holder = lock_holder(self.path)
            if holder is not None and holder != os.getpid():  # a real lock: the next run gets it
                raise TransientError(f"kho dữ liệu đang bị tiến trình khác giữ (PID {holder}); chờ tiến trình đó"
                                     " kết thúc rồi chạy lại", path=self.path) from exc
            raise WarehouseError(f"{why_unusable(self.path)} [{type(exc).__name__}]", path=self.path) from exc
        if self.path.is_file():  # owner only, also for a warehouse an older version created 0644
            self.path.chmod(0o600)

    def _open_postgres(self, url: str) -> None:
        """The same DDL, migrations and dictionary as a DuckDB file, through ``PgConnection``."""
        self.url = url
        self.path = Path(redacted_url(url))  # what messages name; never the password
        con = None
        try:
            con = self._con = PgConnection(url)  # type: ignore[assignment]
            con.execute("SELECT pg_advisory_lock(7263)")  # two runs opening a new database: one migrates
            con.prepare()
            for statement in DDL:
                con.execute(statement)
            self._migrate()
            apply_dictionary(con)
            self._typed_dates = typed_date_columns(con)
            con.execute("SELECT pg_advisory_unlock(7263)")
        except duckdb.Error as exc:
            if con is not None:
                con.close()
            raise WarehouseError(f"không mở được kho PostgreSQL ({exc}); kiểm tra TDKT_WAREHOUSE (máy chủ, cổng,"
                                 " tên cơ sở dữ liệu, tài khoản) và quyền tạo bảng", path=self.path) from exc

    def _migrate(self) -> None:
        """Bring an older warehouse to the current schema, one recorded step at a time."""
        self._con.execute(SCHEMA_VERSION_DDL)
        done = {int(r[0]) for r in self._con.execute("SELECT version FROM schema_version").fetchall()}
        for version, description, step in sorted(MIGRATIONS, key=lambda m: m[0]):
            if version in done:
                continue
            self._con.execute("BEGIN TRANSACTION")
            if callable(step):
                step(self._con)
            else:
                self._con.execute(step)
            self._con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, _utc()])
            self._con.execute("COMMIT")

    # --- context manager -------------------------------------------------------------------------

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for the stages that read after landing (the submission stage, the report)."""
        return self._con

    def close(self) -> None:
        """Close the connection (releases the file lock)."""
        self._con.close()

    def cursor(self) -> Warehouse:
        """A second connection to the same open warehouse, for another thread.

        DuckDB runs the transactions of two connections side by side (each file still whole or
        absent), so the flow can land on two threads while a commit waits on the disk.
        """
        other = Warehouse.__new__(Warehouse)
        other.__dict__.update(self.__dict__)  # the same file, schema and typed-date columns
        other._con = self._con.cursor()
        return other

    # --- reading ---------------------------------------------------------------------------------

    def seen_hashes(self) -> dict[str, str]:
        """sha256 -> status (``ok`` / ``quarantined``) of every file ever seen."""
        return dict(self._con.execute("SELECT sha256, status FROM ingested_files").fetchall())

    def file_states(self) -> dict[str, tuple[str, str | None, int | None]]:
        """sha256 -> (status, error_code, attempts) of every file ever seen (the retry policy reads it)."""
        rows = self._con.execute("SELECT sha256, status, error_code, attempts FROM ingested_files").fetchall()
        return {sha: (status, code, attempts) for sha, status, code, attempts in rows}

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")  # inside: a full disk or a read-only file fails here, at the commit
        except duckdb.Error as exc:
            self._rollback()
            raise WarehouseError(
                f"không ghi được {what} vào kho ({' '.join(str(exc).split())}); nếu ổ đĩa đầy hoặc chỉ đọc,"
                " hãy giải phóng dung lượng hoặc cấp quyền ghi: tệp chưa được đánh dấu đã xử lý và sẽ được"
                " nạp ở lượt chạy sau", path=self.path) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if a failed COMMIT left one (it usually has ended it already)."""
        with suppress(duckdb.TransactionException):  # "no transaction is active": nothing to undo
            self._con.execute("ROLLBACK")

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Rows into ``table`` by the column names of ``COLUMNS`` (never by position: tables grow).

        One multi-row INSERT per chunk, not executemany: DuckDB runs executemany row by row, and that
        made landing cost 3x the reading of a Word file (issue 9, point 14).
        """
        if not rows:
            return
        cols = COLUMNS[table]
        if table in self._typed_dates:  # each text date with its DATE twin (issue 8)
            cols, rows = with_typed_dates(cols, rows, self._typed_dates[table])
        _insert_rows(con, f"{table} ({', '.join(cols)})", len(cols), rows)

    def _forget(self, con: duckdb.DuckDBPyConnection, sha256: str) -> None:
        if self.url is not None:  # PostgreSQL: another flow landing the same file waits for this one
            con.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [sha256])
        # a file never seen has no rows: one lookup instead of a DELETE per table
        if con.execute("SELECT 1 FROM ingested_files WHERE sha256 = ?", [sha256]).fetchone() is None:
            return
        for table in PER_FILE_TABLES:
            con.execute(f"DELETE FROM {table} WHERE sha256 = ?", [sha256])

    def _upsert_file(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        sha256: str,
        path: str,
        format: str | None,
        status: str,
        error_code: str | None,
        error: str | None,
        pages: int | None,
        ocr_confidence: float | None,
        run_id: str,
    ) -> None:
        now = _utc()
        # attempts counts quarantines (a retried code stops after its limit); landing again makes it current
        con.execute(
            upsert_files_sql(1),
            [sha256, path, format, status, error_code, error, pages, ocr_confidence, now, now, run_id,
             1 if status == "quarantined" else None],
        )

    def land(
        self,
        record: DossierRecord,
        findings: list[Finding],
        *,
        run_id: str,
        path: str,
        statuses: dict[str, str] | None = None,
        checks: Sequence[Check] | None = None,
    ) -> None:
        """Replace every row of ``record.source.sha256`` with this record, in one transaction.

        ``statuses`` maps nomination_id -> clean / needs_review / rejected (from
        ``validators.nomination_status``); a nomination missing from it lands as ``needs_review``.
        Raises ``WarehouseError`` (nothing of the file written) when DuckDB refuses a row.
        """
        rows = self._file_rows(record, findings, run_id=run_id, path=path, statuses=statuses, checks=checks)
        with self._transaction(f"tệp {path}") as con:
            self._land_rows(con, record, path, rows, run_id)

    def _land_rows(self, con: duckdb.DuckDBPyConnection, record: DossierRecord, path: str,
                   rows: dict[str, list[tuple[Any, ...]]], run_id: str) -> None:
        sha = record.source.sha256
        self._forget(con, sha)
        self._upsert_file(
            con, sha256=sha, path=path, format=record.source.format, status="ok", error_code=None,
            error=None, pages=record.source.pages, ocr_confidence=record.source.ocr_confidence, run_id=run_id,
        )
        for table in PER_FILE_TABLES:
            self._insert(con, table, rows[table])
        supersede(con, sha256=sha, path=path)

    def land_many(self, items: Sequence[Landable], *, run_id: str) -> None:
        """Several files in **one** transaction, each exactly as ``land`` writes it (``landing._bulk``).

        All or none: when it raises, nothing of any of them is written, and the caller lands them one
        by one so that one bad file never takes the others with it.
        """
        each = [self._file_rows(item.record, item.findings, run_id=run_id, path=item.path,
                                statuses=item.statuses, checks=item.checks) for item in items]
        with self._transaction(f"{len(items)} tệp ({', '.join(i.path for i in items[:3])}...)") as con:
            if self.url is not None:  # PostgreSQL: each file as ``land`` writes it, under its own lock
                for item, its_rows in zip(items, each, strict=True):
                    self._land_rows(con, item.record, item.path, its_rows, run_id)
                return
            rows = {t: [r for file_rows in each for r in file_rows[t]] for t in PER_FILE_TABLES}
            land_together(con, items, run_id=run_id, now=_utc(), insert=lambda t, r: self._insert(con, t, r),
                          tables=PER_FILE_TABLES, rows=rows)

    @staticmethod
    def _file_rows(record: DossierRecord, findings: list[Finding], *, run_id: str, path: str,
                   statuses: dict[str, str] | None, checks: Sequence[Check] | None) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of one file, by table (``land`` and ``land_many`` write the same rows)."""
        sha = record.source.sha256
        statuses = statuses or {}
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in PER_FILE_TABLES}
        for seq, doc in enumerate(record.documents):
            first, last = (min(doc.pages), max(doc.pages)) if doc.pages else (None, None)
            rows["documents"].append((sha, seq, doc.kind, first, last, doc.title, list(doc.cites)))
        sub = record.submission
        if sub is not None:
            rows["cover_letters"].append((sha, sub.number, sub.date, sub.issuer, sub.recipient))
            rows["provenance"] += _provenance_rows(sub.provenance, nomination_id=None, sha256=sha, prefix="submission")
        cv = record.council_vote
        if cv is not None:
            rows["council_meta"].append((sha, cv.date, cv.members_total, cv.members_present))
            for seq, res in enumerate(cv.results):
                rows["council_votes"].append((sha, seq, res.nominee, res.award_code, res.votes_for, res.votes_total))
            rows["provenance"] += _provenance_rows(cv.provenance, nomination_id=None, sha256=sha, prefix="council_vote")
        for seq, nom in enumerate(record.nominations):
            nid = nomination_key(record, seq)
            ach = nom.achievements
            rows["nominations"].append((
                nid, sha, seq, nom.nominee_kind, nom.award.code, nom.award.name, nom.award.year,
                _submitting_unit(record, nom), sub.number if sub else None, sub.date if sub else None,
                statuses.get(nid, DEFAULT_STATUS), ach.period_from, ach.period_to, ach.summary, path, run_id,
                list(nom.named_in),
            ))
            if nom.person is not None:
                p = nom.person
                rows["persons"].append((
                    nid, sha, p.full_name, p.gender, p.birth_date, p.ethnicity, p.hometown, p.residence,
                    p.position, p.work_unit, p.qualification, p.is_leader,
                ))
            if nom.unit is not None:
                u = nom.unit
                rows["units"].append((nid, sha, u.name, u.address, u.headcount, u.head))
            for i, pa in enumerate(nom.prior_awards):
                rows["prior_awards"].append((
                    nid, sha, i, pa.year, pa.title, pa.code, pa.decision_number, pa.decision_date, pa.issuer,
                ))
            for i, inv in enumerate(ach.innovations):
                rows["innovations"].append((nid, sha, i, inv.title, inv.year, inv.recognized_by))
            for tr in ach.task_ratings:
                rows["task_ratings"].append((nid, sha, tr.year, tr.rating))
            rows["provenance"] += _provenance_rows(nom.provenance, nomination_id=nid, sha256=sha)
        for f in findings:
            rows["findings"].append(finding_row(f, sha, run_id))
        for c in checks or ():
            rows["nomination_checks"].append((c.nomination_id, sha, None, c.check_id, c.scope, c.outcome))
        rows["records"].append((sha, json.dumps(record.to_json(), ensure_ascii=False)))
        return rows

    def quarantine(
        self, *, sha256: str, path: str, format: str | None, error_code: str, error: str, run_id: str
    ) -> None:
        """Record a file that could not be read: status ``quarantined`` with its reason, no other rows."""
        with self._transaction(f"tệp cách ly {path}") as con:
            self._forget(con, sha256)
            self._upsert_file(
                con, sha256=sha256, path=path, format=format, status="quarantined", error_code=error_code,
                error=error, pages=None, ocr_confidence=None, run_id=run_id,
            )

    def record_judgement(self, j: Judgement) -> None:
        """The stage's verdicts, in one transaction: each judged submission's rows and findings replace
        its earlier ones (and those of its files, which may have belonged to another submission before),
        the batch's findings and the run's fairness rows replace theirs, statuses are settled.

        Set-based: a few statements for the whole run, not a few per submission (a season's first
        night judges hundreds of submissions).
        """
        judged = [v.submission_id for v in j.judged]
        shas = [sha for v in j.judged for sha, _ in v.files]
        with self._transaction(f"kết quả xét theo bộ hồ sơ của lượt {j.run_id}") as con:
            if self.url is not None:  # PostgreSQL: one flow's verdicts at a time
                con.execute("SELECT pg_advisory_xact_lock(7264)")
            gone = judged + list(j.gone)
            con.execute("""DELETE FROM findings WHERE scope = 'submission'
                           AND (list_contains(?, submission_id) OR list_contains(?, sha256))""", [gone, shas])
            con.execute("DELETE FROM nomination_checks WHERE scope = 'submission' AND list_contains(?, sha256)",
                        [shas])
            con.execute("DELETE FROM submission_files WHERE list_contains(?, submission_id) OR list_contains(?, sha256)",
                        [gone, shas])
            con.execute("DELETE FROM submissions WHERE list_contains(?, submission_id)", [gone])
            self._insert(con, "findings", [finding_row(f, f.sha256, j.run_id) for v in j.judged for f in v.findings])
            self._insert(con, "nomination_checks", [(c.nomination_id, c.sha256, v.submission_id, c.check_id,
                                                     "submission", c.outcome) for v in j.judged for c in v.checks])
            self._insert(con, "submissions", [(v.submission_id, v.unit_key, v.unit_name, v.folder, v.number, v.date,
                                               v.regime, len(v.files), v.nominees, j.run_id, v.signature)
                                              for v in j.judged])
            self._insert(con, "submission_files", [(v.submission_id, sha, how) for v in j.judged for sha, how in v.files])
            self._insert_temp(con, "_files", ("sha256", "submission_id"),
                              [(sha, v.submission_id) for v in j.judged for sha, _ in v.files])
            con.execute("""UPDATE nomination_checks SET submission_id = f.submission_id FROM _files f
                           WHERE nomination_checks.sha256 = f.sha256""")
            self._insert_temp(con, "_canonical", ("nomination_id", "canonical_id", "submission_id", "unit_key",
                                                  "unit_name"),
                              [(row, canon, v.submission_id, v.unit_key, v.unit_name)
                               for v in j.judged for row, canon in v.canonical.items()])
            con.execute("""UPDATE nominations SET submission_id = c.submission_id, unit_key = c.unit_key,
                               canonical_id = c.canonical_id,
                               submitting_unit = coalesce(c.unit_name, nominations.submitting_unit)
                           FROM _canonical c WHERE nominations.nomination_id = c.nomination_id""")
            if j.batch_findings is not None:
                con.execute("DELETE FROM findings WHERE scope IN ('batch', 'history')")
                self._insert(con, "findings", [finding_row(f, f.sha256, j.run_id) for f in j.batch_findings])
            if j.fairness is not None:
                con.execute("DELETE FROM fairness WHERE run_id = ?", [j.run_id])
                self._insert(con, "fairness", [(j.run_id, r.scope, r.indicator, r.numerator, r.denominator, r.value,
                                                r.threshold, r.status, r.award_level, r.unit_key) for r in j.fairness])
            if j.units is not None:
                con.execute("DELETE FROM units_ref")
                self._insert(con, "units_ref", [(u.unit_key, u.name, u.level, u.province, u.remote, u.border,
                                                 u.island, u.dissolved_on) for u in j.units])
            if j.statuses:
                self._insert_temp(con, "_status", ("nomination_id", "status"), list(j.statuses.items()))
                con.execute("""UPDATE nominations SET status = s.status FROM _status s
                               WHERE nominations.nomination_id = s.nomination_id
                                 AND nominations.status IS DISTINCT FROM s.status""")

    @staticmethod
    def _insert_temp(con: duckdb.DuckDBPyConnection, name: str, cols: tuple[str, ...],
                     rows: list[tuple[Any, ...]]) -> None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(c + ' VARCHAR' for c in cols)})")
        _insert_rows(con, name, len(cols), rows)

    def record_run(
        self, run_id: str, started_at: datetime, finished_at: datetime | None, counts: dict[str, int]
    ) -> None:
        """One row in ``runs`` and one row per counter in ``run_counts`` (replaced if run again)."""
        with self._transaction(f"lượt chạy {run_id}") as con:
            con.execute(
                """INSERT INTO runs (run_id, started_at, finished_at) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE
                   SET started_at = excluded.started_at, finished_at = excluded.finished_at""",
                [run_id, _utc(started_at), _utc(finished_at) if finished_at else None],
            )
            con.execute("DELETE FROM run_counts WHERE run_id = ?", [run_id])
            self._insert(con, "run_counts", [(run_id, k, int(v)) for k, v in sorted(counts.items())])

    def record_quality(self, run_id: str, results: list[QualityResult]) -> None:
        """The run's data-quality results in ``quality_checks`` (replaced if run again)."""
        with self._transaction(f"kết quả kiểm tra chất lượng {run_id}") as con:
            con.execute("DELETE FROM quality_checks WHERE run_id = ?", [run_id])
            self._insert(con, "quality_checks", [
                (run_id, r.table, r.column, r.expectation, r.success, r.unexpected_count,
                 json.dumps(r.unexpected_sample, ensure_ascii=False), r.check_id, r.legal_basis, r.error)
                for r in results
            ])

    def record_checks(self, rules: Iterable[CheckRule]) -> None:
        """The ``checks`` code table from the rules the run validates with (``validators.load_rules``)."""
        try:
            record_checks(self._con, rules)
        except duckdb.Error as exc:
            raise WarehouseError(f"không ghi được danh mục kiểm tra vào kho ({exc})", path=self.path) from exc
