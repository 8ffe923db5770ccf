"""Landing: dossier records and their findings into a DuckDB warehouse that analysts query with SQL.

``Warehouse`` is the only public name. Each file lands in **one transaction**: its old rows (by
``sha256``) are deleted and the new ones inserted, so landing the same file twice gives the same
rows and a crash leaves no half-landed file. ``ingested_files.first_seen_at`` survives re-landing.

DuckDB allows one writing process per file and a connection is not meant to be shared by threads
without care: the nightly flow extracts and validates files in parallel but lands them from one
thread, through one ``Warehouse``. A second process that opens the file while it is held gets a
``TransientError`` (worth retrying later).

Landing does not import the validators (data flows validators -> landing): the caller passes the
nomination statuses it computed with ``validators.nomination_status``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from landing._schema import DDL, MIGRATIONS, PER_FILE_TABLES, SCHEMA_VERSION_DDL
from record.errors import TdktError, TransientError
from record.findings import Finding
from record.models import DossierRecord, Nomination, ProvenanceMap
from record.outcome import DEFAULT_NOMINATION_STATUS, QualityResult, nomination_key

__all__ = ["Warehouse", "WarehouseError"]

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
        rows.append((nomination_id, sha256, name, p.page, p.line, p.confidence, p.source, p.unread))
    return rows


INSERT_CHUNK = 500  # rows per INSERT statement: a big dossier's provenance stays a few statements


class Warehouse:
    """One DuckDB warehouse file; creates the file, its folder and the schema when missing."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:  # another process holds the lock
            raise TransientError(f"kho dữ liệu đang bị tiến trình khác giữ ({exc})", path=self.path) from exc
        for statement in DDL:
            self._con.execute(statement)
        self._migrate()

    def _migrate(self) -> None:
        """Bring an older warehouse to the current schema, one recorded step at a time."""
        self._con.execute(SCHEMA_VERSION_DDL)
        row = self._con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        done = int(row[0]) if row else 0
        for version, description, statement in MIGRATIONS:
            if version <= done:
                continue
            self._con.execute("BEGIN TRANSACTION")
            self._con.execute(statement)
            self._con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, _utc()])
            self._con.execute("COMMIT")

    # --- context manager -------------------------------------------------------------------------

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (releases the file lock)."""
        self._con.close()

    def cursor(self) -> Warehouse:
        """A second connection to the same open warehouse, for another thread.

        DuckDB runs the transactions of two connections side by side (each file still whole or
        absent), so the flow can land on two threads while a commit waits on the disk.
        """
        other = Warehouse.__new__(Warehouse)
        other.path = self.path
        other._con = self._con.cursor()
        return other

    # --- reading ---------------------------------------------------------------------------------

    def seen_hashes(self) -> dict[str, str]:
        """sha256 -> status (``ok`` / ``quarantined``) of every file ever seen."""
        return dict(self._con.execute("SELECT sha256, status FROM ingested_files").fetchall())

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"không ghi được {what} vào kho ({exc})", path=self.path) from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]]) -> None:
        # one multi-row INSERT per table, not executemany: DuckDB runs executemany row by row, and
        # that made landing cost 3x the reading of a Word file (issue 9, point 14)
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start:start + INSERT_CHUNK]
            one = "(" + ", ".join("?" * len(chunk[0])) + ")"
            con.execute(f"INSERT INTO {table} VALUES " + ", ".join([one] * len(chunk)), [v for r in chunk for v in r])

    def _forget(self, con: duckdb.DuckDBPyConnection, sha256: str) -> None:
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
        con.execute(
            """INSERT INTO ingested_files (sha256, path, format, status, error_code, error, pages,
                   ocr_confidence, first_seen_at, last_seen_at, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, format = excluded.format,
                   status = excluded.status, error_code = excluded.error_code, error = excluded.error,
                   pages = excluded.pages, ocr_confidence = excluded.ocr_confidence,
                   last_seen_at = excluded.last_seen_at, run_id = excluded.run_id""",
            [sha256, path, format, status, error_code, error, pages, ocr_confidence, now, now, run_id],
        )

    def land(
        self,
        record: DossierRecord,
        findings: list[Finding],
        *,
        run_id: str,
        path: str,
        statuses: dict[str, str] | None = None,
    ) -> None:
        """Replace every row of ``record.source.sha256`` with this record, in one transaction.

        ``statuses`` maps nomination_id -> clean / needs_review / rejected (from
        ``validators.nomination_status``); a nomination missing from it lands as ``needs_review``.
        Raises ``WarehouseError`` (nothing of the file written) when DuckDB refuses a row.
        """
        sha = record.source.sha256
        statuses = statuses or {}
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in PER_FILE_TABLES}
        for seq, doc in enumerate(record.documents):
            first, last = (min(doc.pages), max(doc.pages)) if doc.pages else (None, None)
            rows["documents"].append((sha, seq, doc.kind, first, last, doc.title))
        sub = record.submission
        if sub is not None:
            rows["submissions"].append((sha, sub.number, sub.date, sub.issuer, sub.recipient))
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
            rows["findings"].append((
                f.nomination_id, f.sha256 or sha, f.check_id, f.category, f.severity, f.field, f.message,
                f.legal_basis, run_id,
            ))
        with self._transaction(f"tệp {path}") as con:
            self._forget(con, sha)
            self._upsert_file(
                con, sha256=sha, path=path, format=record.source.format, status="ok", error_code=None,
                error=None, pages=record.source.pages, ocr_confidence=record.source.ocr_confidence, run_id=run_id,
            )
            for table in PER_FILE_TABLES:
                self._insert(con, table, rows[table])

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

    def record_run(
        self, run_id: str, started_at: datetime, finished_at: datetime | None, counts: dict[str, int]
    ) -> None:
        """One row in ``runs`` and one row per counter in ``run_counts`` (replaced if run again)."""
        with self._transaction(f"lượt chạy {run_id}") as con:
            con.execute(
                """INSERT INTO runs VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE
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
