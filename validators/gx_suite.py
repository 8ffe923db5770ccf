"""Great Expectations suite over the landed tables: the warehouse keeps the contract's forms.

The record validators check one dossier against the law; this suite checks the warehouse as a
whole (keys present, codes from the catalogue, dates and document numbers in normal form), so a
bug in an extractor or in landing shows up as a failed expectation instead of a wrong analysis.
Each expectation carries its ``check_id`` and ``legal_basis`` in ``meta``.

GX 1.x, ephemeral in-memory context, pandas batches read from DuckDB. Measured on this machine:
``import great_expectations`` takes about 4.5-5 s (so it is imported only inside
``check_warehouse``), creating the context about 0.03 s, the whole suite on a small warehouse
well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from record.awards import award_catalogue
from record.errors import ConfigError, TransientError
from record.outcome import QualityResult
from validators._gx_rules import declared_expectations

__all__ = ["EXPECTATIONS", "TABLES", "QualityResult", "check_frames", "check_warehouse", "write_data_docs"]

DATE_RE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"  # non-capturing: pandas warns on match groups
DOCNO_RE = r"^\d+[a-z]?/\S+$"
SHA_RE = r"^[0-9a-f]{64}$"
SAMPLE = 10

_CONTRACT = "Hợp đồng dữ liệu tdkt (contract README: Landed tables, Normal forms)"
_AWARDS = "Luật TĐKT 2022 Đ9, Đ19-Đ76; danh mục data/award-codes.tsv"


@dataclass(frozen=True)
class Spec:
    """One expectation as data: GX class name, table, column, keyword arguments, id and basis."""

    check_id: str
    table: str
    column: str
    expectation: str  # GX class name in great_expectations.expectations
    kwargs: tuple[tuple[str, Any], ...] = ()
    legal_basis: str = _CONTRACT
    columns: tuple[str, ...] = ()  # the column_list of a compound expectation (column is then "a,b")


def _not_null(check_id: str, table: str, column: str) -> Spec:
    return Spec(check_id, table, column, "ExpectColumnValuesToNotBeNull")


def _in_set(check_id: str, table: str, column: str, values: list[str], basis: str = _CONTRACT) -> Spec:
    return Spec(check_id, table, column, "ExpectColumnValuesToBeInSet", (("value_set", tuple(values)),), basis)


def _regex(check_id: str, table: str, column: str, regex: str) -> Spec:
    return Spec(check_id, table, column, "ExpectColumnValuesToMatchRegex", (("regex", regex),))


def _expectations() -> list[Spec]:
    codes = sorted(award_catalogue())
    doc_kinds = ["to_trinh", "bien_ban", "bao_cao_ca_nhan", "bao_cao_tap_the", "danh_sach", "xac_nhan_sang_kien", "other"]
    out: list[Spec] = []
    # keys present on every row
    for table, cols in {
        "ingested_files": ["sha256", "path", "status", "first_seen_at", "run_id"],
        "documents": ["sha256", "kind"],
        "nominations": ["nomination_id", "sha256", "nominee_kind", "status"],
        "persons": ["nomination_id", "sha256"],
        "units": ["nomination_id", "sha256"],
        "prior_awards": ["nomination_id", "sha256"],
        "innovations": ["nomination_id", "sha256"],
        "task_ratings": ["nomination_id", "sha256", "year", "rating"],
        "council_votes": ["sha256"],
        "findings": ["check_id", "category", "severity", "message", "legal_basis", "run_id"],
    }.items():
        out += [_not_null("DQ-KEY-01", table, c) for c in cols]
    out += [
        Spec("DQ-KEY-02", "nominations", "nomination_id", "ExpectColumnValuesToBeUnique"),
        _regex("DQ-KEY-03", "ingested_files", "sha256", SHA_RE),
        # codes and enumerations
        _in_set("DQ-CODE-01", "nominations", "award_code", codes, _AWARDS),
        _in_set("DQ-CODE-01", "prior_awards", "code", codes, _AWARDS),
        _in_set("DQ-CODE-01", "council_votes", "award_code", codes, _AWARDS),
        _in_set("DQ-CODE-02", "ingested_files", "status", ["ok", "quarantined"]),
        _in_set("DQ-CODE-03", "ingested_files", "format", ["docx", "doc", "pdf-text", "pdf-scanned"]),
        _in_set("DQ-CODE-04", "nominations", "status", ["clean", "needs_review", "rejected"]),
        _in_set("DQ-CODE-05", "nominations", "nominee_kind", ["individual", "collective"]),
        _in_set("DQ-CODE-06", "documents", "kind", doc_kinds),
        _in_set("DQ-CODE-07", "task_ratings", "rating", ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]),
        _in_set("DQ-CODE-08", "persons", "gender", ["male", "female"]),
        _in_set("DQ-CODE-09", "findings", "category", ["completeness", "conformance", "consistency", "fairness", "timeliness"]),
        _in_set("DQ-CODE-10", "findings", "severity", ["error", "warning", "info"]),
        # normal forms of dates and document numbers
        _regex("DQ-FORM-01", "persons", "birth_date", DATE_RE),
        _regex("DQ-FORM-01", "nominations", "submission_date", DATE_RE),
        _regex("DQ-FORM-01", "prior_awards", "decision_date", DATE_RE),
        _regex("DQ-FORM-01", "submissions", "date", DATE_RE),
        _regex("DQ-FORM-01", "council_meta", "date", DATE_RE),
        _regex("DQ-FORM-02", "nominations", "submission_number", DOCNO_RE),
        _regex("DQ-FORM-02", "submissions", "number", DOCNO_RE),
        _regex("DQ-FORM-02", "prior_awards", "decision_number", DOCNO_RE),
    ]
    return out


def _declared() -> list[Spec]:
    """The row-level expectations of ``data/rules/expectations.yaml`` (value sets, ranges, uniqueness)."""
    return [
        Spec(d.id, d.table, d.column or ",".join(d.columns), d.expectation,
             tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in d.kwargs.items()), d.legal_basis,
             tuple(d.columns))
        for d in declared_expectations().expectations
    ]


EXPECTATIONS: list[Spec] = _expectations() + _declared()
TABLES: set[str] = {s.table for s in EXPECTATIONS}  # the tables the suite reads


def read_frames(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Each table the suite reads, and each view it declares, as a DataFrame; a missing one is left out.

    The nightly run passes the connection it holds from start to end, so the suite never opens the
    warehouse a second time (a reader taking the lock in between could refuse it).
    """
    present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    frames = {t: con.execute(f'SELECT * FROM "{t}"').df() for t in sorted(TABLES & present)}
    for name, sql in declared_expectations().views.items():
        if name in TABLES:
            try:
                frames[name] = con.execute(sql).df()
            except duckdb.Error:
                continue  # a table of the view is missing: reported as a missing table
    return frames


def _read_tables(target: Path | Any) -> dict[str, Any]:
    """``read_frames`` on a warehouse (for ``check_warehouse`` outside a run): a DuckDB file, or a
    connection the caller opened (a PostgreSQL warehouse, opened by ``flows`` through landing's own
    connection class: validators open no warehouse of landing's).

    Uses a normal (read-write) connection to a DuckDB file: DuckDB refuses a read-only connection to
    a file that the same process already holds open.
    """
    if not isinstance(target, str | Path):
        return read_frames(target)
    db_path = Path(target)
    if not db_path.exists():
        raise ConfigError("không có tệp kho dữ liệu để kiểm tra", path=db_path)
    try:
        con = duckdb.connect(str(db_path))
    except duckdb.IOException as exc:  # another process holds the write lock
        raise TransientError(f"kho dữ liệu đang bị tiến trình khác giữ ({exc})", path=db_path) from exc
    try:
        return read_frames(con)
    finally:
        con.close()


def _sample(values: list[Any]) -> list[str]:
    return ["null" if v is None or v != v else str(v) for v in values[:SAMPLE]]


def check_warehouse(target: Path | Any) -> list[QualityResult]:
    """Run the suite on the warehouse ``target`` (a DuckDB file, or an open connection to one of
    either engine: ``flows.cli``'s ``tdkt check`` opens a ``postgresql://`` URL); one result per
    expectation, failures included."""
    return check_frames(_read_tables(target))


def ephemeral_context() -> Any:
    """A GX context in memory: no project folder, no progress bars, no analytics calls home."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    return gx.get_context(
        project_config=DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            progress_bars=ProgressBarsConfig(globally=False),
            analytics_enabled=False,
        ),
        mode="ephemeral",
    )


def check_frames(frames: dict[str, Any]) -> list[QualityResult]:
    """Run the suite on tables already read (table -> DataFrame); a missing table fails its checks.

    The nightly run reads the frames through the connection it holds from start to end, so the
    suite never opens the warehouse a second time.
    """
    import great_expectations as gx

    specs = EXPECTATIONS
    context = ephemeral_context()
    source = context.data_sources.add_pandas(name="warehouse")
    results: list[QualityResult] = []
    for table in sorted({s.table for s in specs}):
        table_specs = [s for s in specs if s.table == table]
        df = frames.get(table)
        if df is None:
            results += [
                QualityResult(table=table, column=s.column, expectation=s.expectation, success=False,
                              check_id=s.check_id, legal_basis=s.legal_basis, error="bảng không tồn tại")
                for s in table_specs
            ]
            continue
        suite = gx.ExpectationSuite(name=f"tdkt_{table}")
        for s in table_specs:
            cls = getattr(gx.expectations, s.expectation)
            target: dict[str, Any] = {"column_list": list(s.columns)} if s.columns else {"column": s.column}
            suite.add_expectation(cls(
                **target,
                meta={"check_id": s.check_id, "legal_basis": s.legal_basis, "table": table},
                **{k: list(v) if isinstance(v, tuple) else v for k, v in s.kwargs},
            ))
        batch = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": df}
        )
        validation = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        for res in validation.results:
            cfg = res.expectation_config
            info = res.exception_info or {}
            failed = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")] if info else []
            error = None
            if info.get("raised_exception"):
                error = info.get("exception_message")
            elif failed:
                error = failed[0].get("exception_message")
            result = res.result or {}
            results.append(QualityResult(
                table=table,
                column=cfg.kwargs.get("column") or ",".join(cfg.kwargs.get("column_list") or []) or None,
                expectation=cfg.type,
                success=bool(res.success),
                unexpected_count=int(result.get("unexpected_count") or 0),
                unexpected_sample=_sample(list(result.get("unexpected_list") or [])),
                element_count=result.get("element_count"),
                check_id=cfg.meta["check_id"],
                legal_basis=cfg.meta.get("legal_basis"),
                error=error,
            ))
    return results


def write_data_docs(results: list[QualityResult], folder: Path, *, run_name: str) -> Path:
    """The run's Data Docs (GX's HTML site) in ``folder``; returns its ``index.html``."""
    from validators._gx_docs import write_data_docs as _write

    return _write(results, folder, run_name=run_name)
