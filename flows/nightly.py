"""The nightly flow: discover, hash, archive, extract + validate in parallel, land, check, report.

The flow only orchestrates (STYLE practice 9). Reading is ``extractors``, judging is ``validators``,
storing is ``landing``, the HTML is ``reports``. What lives here is the order of things and the
guarantees between them:

* a file is *seen* (its hash in ``ingested_files``) only once it is landed or quarantined, each in
  its own transaction, so an interrupted run, run again, finishes the rest and lands nothing twice;
* every file ends with an outcome: landed, skipped (hash already seen), or quarantined with a code
  and a Vietnamese reason. A file that hit a fault that is not its own (a transient fault even
  after its retries, a full disk, a read-only warehouse) is *deferred*: reported, but not written
  to the warehouse, so the next run tries it again. An inbox entry that is not a regular file is
  *ignored*, with its reason (``flows.intake``);
* files are read in a pool of worker processes (``flows._pool``), or on the workers of a Dask
  cluster (``flows._dask``), in Prefect tasks that group light files (``flows._groups``); DuckDB is written through **one** warehouse held from the start of the
  run to its end (for a big group, by two landing threads on cursors of it: ``flows._landers``), each
  file in its own transaction; the quality suite reads through it too, and the end of the run (its
  ``runs`` row and its report) is written even when a step after landing fails;
* after landing, the submission stage (``validators.stage``) judges submissions, the batch and the
  history over the warehouse and settles each nomination's status.
"""

from __future__ import annotations

import concurrent.futures
import contextvars
import importlib
import logging
import os
import re
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import PrefectFuture, as_completed
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel

import validators
from extractors import preflight
from flows import _archive, _dask, _groups, _inbox_url, _pool
from flows._inbox_url import ObjectPath, as_path
from flows._kills import KillCounts
from flows._landers import Landers
from flows.intake import Ignored, Taken, intake, load_policy, private_dir, private_files, scan, stand_in_key
from flows.reading import Measured, read_measured
from flows.settings import TdktSettings
from landing import Landable, Warehouse, WarehouseError, _fresh
from landing._pg import redacted_url
from landing._snapshot import duckdb_copy
from landing.publish import publish
from record.errors import (
    ConfigError,
    InputFileError,
    MissingDependencyError,
    TdktError,
    TooLargeError,
    TransientError,
    UnreadableError,
    UnrecognisedError,
    WorkerCrashedError,
    WorkerKilledError,
)
from record.findings import Finding
from record.models import DossierRecord
from record.outcome import FileOutcome, QualityResult, nomination_key
from reports import write_run_report

INTERNAL = "INTERNAL"
# Raised in a task, these are not the file's fault: retry (transient) or stop and fix (dependency).
_NOT_THE_FILES_FAULT = (TransientError, MissingDependencyError)


class RunSummary(BaseModel):
    """What one run did: the CLI prints it, the bench times it, the tests assert on it."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    seconds: float  # the flow body, without Prefect's start-up
    files_seen: int
    landed: int
    skipped: int
    quarantined: int
    deferred: int  # transient failures left for the next run
    ignored: int = 0  # inbox entries that are not regular files (links, FIFOs...), listed with a reason
    nominations: dict[str, int]  # by status: clean / needs_review / rejected
    quarantine_codes: dict[str, int]
    warehouse: Path | str  # the DuckDB file, or the PostgreSQL URL without its password
    report: Path
    worker_peak_mb: float = 0.0  # the largest peak RSS of a worker process that read a file


# --- plain helpers (tests call them directly) ---------------------------------------------------


def prefetch_quality_suite() -> None:
    """Start importing Great Expectations in a daemon thread; idempotent.

    The import alone takes ~4 s, more than the rest of a run over an unchanged inbox. Started
    before the flow (the CLI does it while Prefect's server starts) or at the flow's start (it then
    overlaps the extraction), it is done by the time the quality suite runs; the later ``import``
    simply waits on the module lock if it is not.
    """
    global _prefetch
    if _prefetch is None and "great_expectations" not in sys.modules:
        _prefetch = threading.Thread(target=_import_quietly, args=("great_expectations",),
                                     name="tdkt-import-gx", daemon=True)
        _prefetch.start()


def _import_quietly(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # the real import, later in the flow's thread, raises it where it matters
        _log.debug("prefetch of %s failed", name, exc_info=True)


_prefetch: threading.Thread | None = None
_log = logging.getLogger(__name__)


def discover(inbox: Path) -> list[Path]:
    """Every regular file under ``inbox``, recursively and sorted; hidden files and folders skipped.

    Hidden entries are editor swap files, ``.DS_Store``, partial uploads (``.name.part``): never
    dossiers. Sorting makes the order of a run reproducible. Links and special files are not
    returned (``flows.intake.scan`` lists them with their reason).
    """
    return _scan(inbox)[0]


def _scan(inbox: Path | str) -> tuple[list[Path], list[Ignored]]:
    if isinstance(inbox, str):  # a URL: the objects under it (flows._inbox_url)
        return _inbox_url.scan(inbox)
    if not inbox.is_dir():
        raise ConfigError(f"thư mục hộp thư đến không tồn tại: {inbox}; đặt TDKT_INBOX hoặc --inbox")
    try:
        return scan(inbox)
    except OSError as exc:
        raise ConfigError(f"không đọc được thư mục hộp thư đến ({exc.strerror}); hãy cấp quyền đọc cho tài khoản"
                          " chạy tdkt", path=inbox) from exc


def nomination_statuses(record: DossierRecord, findings: list[Finding]) -> dict[str, str]:
    """Status per nomination id, from that nomination's own findings (the validators' policy)."""
    statuses: dict[str, str] = {}
    for i in range(len(record.nominations)):
        key = nomination_key(record, i)
        statuses[key] = validators.nomination_status([f for f in findings if f.nomination_id == key])
    return statuses


def _outcome(path: Path, sha256: str, status: str, *, fmt: str | None = None, seconds: float = 0.0,
             record: DossierRecord | None = None, findings: list[Finding] | None = None,
             statuses: dict[str, str] | None = None, error_code: str | None = None,
             error: str | None = None) -> FileOutcome:
    return FileOutcome(
        path=str(path),
        sha256=sha256,
        # a file that was not read has no format of the contract's (its name may lie): null
        format=fmt or (record.source.format if record is not None else None),
        status=status,
        record=record,
        findings=findings or [],
        statuses=statuses or {},
        error_code=error_code,
        error=error,
        seconds=seconds,
    )


_ADDRESS = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")


def _reason(path: Path, message: str) -> str:
    """A one-line quarantine reason that always names the file, whatever the raiser put in it.

    Memory addresses of Python objects (``<... at 0x7f...>``) mean nothing to an operator: dropped.
    """
    message = _ADDRESS.sub("", " ".join(message.split()))
    return message if path.name in message else f"{path.name}: {message}"


def quarantined(path: Path, sha256: str, exc: BaseException, *, seconds: float = 0.0) -> FileOutcome:
    """The outcome of a file that failed: its own code for an input error, ``INTERNAL`` otherwise."""
    if isinstance(exc, TdktError):  # an input error, or one we named (e.g. a warehouse write)
        code, message = exc.code, exc.message
    else:
        code = INTERNAL
        message = (f"lỗi nội bộ khi xử lý tệp ({type(exc).__name__}: {exc}); "
                   "hãy báo nhóm phát triển kèm tệp này")
    return _outcome(path, sha256, "quarantined", seconds=seconds, error_code=code,
                    error=_reason(path, message))


# --- the task -----------------------------------------------------------------------------------


def _read_kwargs(sha256: str, settings: TdktSettings, source_path: str) -> dict[str, Any]:
    return dict(max_pages=settings.max_pages, ocr_jobs=settings.jobs, timeout_s=settings.file_timeout_s,
                sha256=sha256, source_path=source_path)


def submit_read(pool: _pool.FileExecutor, path: Path, sha256: str, settings: TdktSettings, *,
                source_path: str) -> _pool.Pending[Measured]:
    """Hand one file to a worker of the run's pool; its worker is killed at ``file_timeout_s``."""
    # the hard limit a little after the extractor's own deadline, which ends cleaner if it can
    return pool.submit(read_measured, path, limit_s=settings.file_timeout_s + 5, label=Path(source_path).name,
                       **_read_kwargs(sha256, settings, source_path))


def read_one(path: Path, sha256: str, settings: TdktSettings, *, source_path: str,
             pending: _pool.Pending[Measured] | None = None) -> Measured:
    """Extract one file (its record and how Vietnamese its text is) in a worker process
    (``flows._pool``) unless isolation is off."""
    kwargs = _read_kwargs(sha256, settings, source_path)
    if not settings.isolate:
        return read_measured(path, **kwargs)
    if pending is None and settings.dask_address:  # in a Dask worker: read here (flows._dask)
        pending = submit_read(_dask.here(settings.worker_memory_mb), path, sha256, settings, source_path=source_path)
    try:
        if pending is not None:
            return pending.result()
        return _pool.run_one(read_measured, path, limit_s=settings.file_timeout_s + 5,
                             label=Path(source_path).name, memory_mb=settings.worker_memory_mb, **kwargs)
    except _pool.IsolatedDefect as exc:
        raise RuntimeError(str(exc)) from None  # quarantined as INTERNAL by the task, like in-process


def _retry_transient_only(task: Any, task_run: TaskRun, state: State[Any]) -> bool:
    """Retry a busy OCR process or a lock; never a corrupt file (that fails the same way again)."""
    try:
        state.result()
    except TransientError:
        return True
    except Exception:  # any other failure: the same input gives the same error
        return False
    return False


@task(
    name="process-file",
    task_run_name="{path.name}",
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=_retry_transient_only,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def process_file(path: Path, sha256: str, settings: TdktSettings, source: Path | None = None,
                 rules: list[Any] | None = None, pending: _pool.Pending[Measured] | None = None) -> FileOutcome:
    """Extract and validate one file. Its failures become a quarantined outcome, not an exception.

    ``TransientError`` and ``MissingDependencyError`` are raised instead: the first to be retried by
    Prefect, the second because it is the machine's fault, not the file's. The returned outcome says
    ``landed`` for a file ready to land; the flow lands it (and quarantines it if landing fails).
    """
    logger = get_run_logger()
    started = perf_counter()
    try:
        size = (source or path).stat().st_size  # the archived copy: the inbox entry may have changed
        if size > settings.max_file_mb * 1024 * 1024:
            raise TooLargeError(
                f"tệp {path.name} nặng {size / 1048576:.0f} MB, vượt giới hạn {settings.max_file_mb:g} MB"
                " (TDKT_MAX_FILE_MB); hãy tách hồ sơ thành các tệp nhỏ hơn",
                path=path,
            )
        measured = read_one(source or path, sha256, settings, source_path=str(path), pending=pending)
        record = measured.record
        _check_recognised(record, measured.vietnamese_share, path)
        # the nominee's own values here; what needs the submission's other files runs after landing
        findings, checks = validators.evaluate(record, rules=rules, scopes=("nomination",))
        statuses = nomination_statuses(record, findings)
    except _NOT_THE_FILES_FAULT:
        raise
    except (InputFileError, WorkerCrashedError) as exc:
        logger.warning("%s quarantined [%s]: %s", path.name, exc.code, exc.message)
        return quarantined(path, sha256, exc, seconds=perf_counter() - started)
    except Exception as exc:  # a defect on one file must not stop the batch: quarantine as INTERNAL
        logger.exception("%s: internal error, quarantined as %s", path.name, INTERNAL)
        return quarantined(path, sha256, exc, seconds=perf_counter() - started)
    seconds = perf_counter() - started
    # DEBUG: a night's per-file outcomes are the warehouse's and the report's, not Prefect's log table
    # (10,000 lines shipped to the API a night, 4% of a Dask worker's time); faults stay warnings
    logger.debug("%s: %s, %d nomination(s), %d finding(s) in %.2f s", path.name, record.source.format,
                len(record.nominations), len(findings), seconds)
    outcome = _outcome(path, sha256, "landed", record=record, findings=findings, statuses=statuses,
                       seconds=seconds)
    outcome.checks = checks
    return outcome


def _check_recognised(record: DossierRecord, share: float, path: Path) -> None:
    """A file with no nomination whose text is not Vietnamese words is noise, not an empty dossier.

    A readable non-dossier (a plan, a decision) scores high and still lands as an ``other`` document;
    a file with nominations is judged by its fields' own findings.
    """
    floor = load_policy().min_vietnamese_share
    if not record.nominations and share < floor:
        raise UnrecognisedError(
            f"không nhận dạng được nội dung tệp {path.name}: chỉ {share:.0%} số từ là tiếng Việt (cần ít nhất"
            f" {floor:.0%}) và không tìm thấy đề nghị nào; tệp có thể bị hỏng (byte bị đổi, lỗi phông chữ)."
            " Hãy mở tệp kiểm tra và xin đơn vị gửi lại bản gốc",
            path=path,
        )


def _file_in_group(path: Path, sha256: str, copy: Path, settings: TdktSettings, rules: list[Any] | None,
                   pending: _pool.Pending[Measured] | None) -> FileOutcome:
    """One file of a group: ``process_file``'s work and retries, its faults made outcomes.

    A transient fault is tried again after 2 s and 10 s (as ``process_file``'s retries), in a fresh
    worker; a worker killed from outside defers the file at once (``flows._kills`` counts it).
    """
    for delay in (2.0, 10.0, None):
        try:
            return process_file.fn(path, sha256, settings, copy, rules, pending=pending)
        except WorkerKilledError as exc:
            return _deferred(path, sha256, exc)
        except TransientError as exc:
            if delay is None:
                return _deferred(path, sha256, exc)
            get_run_logger().warning("%s: %s; trying again in %.0f s", path.name, exc.message, delay)
            time.sleep(delay)
            pending = None
        except MissingDependencyError as exc:
            return _deferred(path, sha256, exc)
    raise AssertionError("unreachable")  # the last round returns


@task(name="process-files", task_run_name="{name}", cache_policy=NO_CACHE, persist_result=False)
def process_group(name: str, files: list[tuple[Path, str, Path]], settings: TdktSettings,
                  rules: _groups.Sealed[list[Any]] | None = None) -> list[FileOutcome]:
    """Extract and validate a group of files (``flows._groups``): one Prefect task, one outcome each.

    Every file of the group goes to the worker pool at once, so the workers never wait on the
    task; each is then judged alone, exactly as ``process_file`` judges it. ``rules`` come sealed
    (``flows._groups.Sealed``: not walked by Prefect nor hashed by Dask at each submission).
    """
    rule_list = rules.value if rules is not None else None
    pool = _executor(settings)
    pending: dict[Path, _pool.Pending[Measured]] = {}
    with ExitStack() as fetched:
        # each file from the archive by URL, its sha256 checked: no disk shared with the flow (flows._archive)
        local: dict[Path, Path | TransientError] = {}
        base = _archive.base_url(settings.archive_url, settings.archive)
        for path, sha, copy in files:
            if settings.archive_url is None:  # the flow's own archive, hashed as intake copied it: read it
                local[path] = copy
                continue
            try:
                local[path] = fetched.enter_context(_archive.fetched(_archive.object_url(base, sha), sha))
            except TransientError as exc:
                local[path] = exc
        if pool is not None:
            for path, sha, _ in files:
                copy = local[path]
                try:
                    small = isinstance(copy, Path) and copy.stat().st_size <= settings.max_file_mb * 1024 * 1024
                except OSError:  # process_file reports it
                    small = False
                if small and isinstance(copy, Path):
                    pending[path] = submit_read(pool, copy, sha, settings, source_path=str(path))
        return [_deferred(path, sha, got) if isinstance(got := local[path], TransientError)
                else _file_in_group(path, sha, got, settings, rule_list, pending.get(path)) for path, sha, _ in files]


def _executor(settings: TdktSettings) -> _pool.FileExecutor | None:
    """Where a group task hands its files: the run's pool, or this Dask worker itself."""
    if not settings.isolate:
        return None
    if settings.dask_address:
        return _dask.here(settings.worker_memory_mb)
    return _pool.current()


# --- the flow -----------------------------------------------------------------------------------


def _settle_group(future: PrefectFuture[list[FileOutcome]], files: list[tuple[Path, str, Path]],
                  timeout: float | None = None) -> list[FileOutcome]:
    """The outcomes of a finished group; a group that failed as a whole judges each of its files.
    ``timeout``: how long fetching them may take (a cluster's)."""
    try:
        result = future.result(timeout=timeout, raise_on_failure=False)
    except Exception as exc:  # the runner lost the task itself (Dask: its workers died under it)
        result = _dask.lost(exc)
    if isinstance(result, list):
        return result
    exc = result if isinstance(result, BaseException) else RuntimeError(
        f"tác vụ kết thúc mà không có kết quả ({type(result).__name__})")
    if isinstance(exc, TransientError | MissingDependencyError):  # = _NOT_THE_FILES_FAULT
        return [_deferred(path, sha, exc) for path, sha, _ in files]
    return [quarantined(path, sha, exc) for path, sha, _ in files]


def _count_kills(kills: KillCounts, outcome: FileOutcome, settings: TdktSettings) -> FileOutcome:
    """A file deferred because its worker was killed: quarantined once that happened too often."""
    sha = outcome.sha256 or ""
    if outcome.status != "deferred" or outcome.error_code != WorkerKilledError.code or not sha:
        return outcome
    n = kills.add(sha)
    if n < settings.max_worker_kills:
        return outcome
    path = as_path(outcome.path)
    return quarantined(path, sha, WorkerCrashedError(
        f"tiến trình đọc tệp bị dừng {n} lần ở {n} lần chạy khi đọc tệp này (TDKT_MAX_WORKER_KILLS); "
        "tệp được cách ly để không hoãn mãi; hãy kiểm tra tệp (quá lớn, quá nhiều ảnh?)", path=path))


def _deferred(path: Path, sha256: str, exc: TdktError | OSError) -> FileOutcome:
    code = exc.code if isinstance(exc, TdktError) else "TRANSIENT"
    if isinstance(exc, TdktError):
        message = exc.message
    else:  # an OSError at intake: a full disk, a read-only archive, a file gone meanwhile
        message = (f"không đọc hoặc chép được tệp vào kho lưu trữ ({exc.strerror or type(exc).__name__},"
                   f" errno {exc.errno}); nếu ổ đĩa đầy hoặc chỉ đọc, hãy giải phóng dung lượng hoặc cấp quyền ghi")
    return _outcome(path, sha256, "deferred", error_code=code,
                    error=_reason(path, f"{message} (chưa ghi vào kho; sẽ thử lại ở lần chạy sau)"))


def _land(warehouse: Warehouse, outcome: FileOutcome, run_id: str, logger: Any = None) -> FileOutcome:
    """Write one outcome in its own transaction.

    A record the tables refuse is quarantined (it would fail the same way again); a warehouse that
    cannot be written (disk full, a lock) defers the file: it is not marked seen, so the next run
    tries it again.
    """
    logger = logger or get_run_logger()
    path, sha = as_path(outcome.path), outcome.sha256 or ""
    try:
        if outcome.status == "landed" and outcome.record is not None:
            try:
                warehouse.land(outcome.record, outcome.findings, run_id=run_id, path=outcome.path,
                               statuses=outcome.statuses, checks=outcome.checks)
                return outcome
            except WarehouseError:
                raise
            except Exception as exc:  # the record is bad for the tables: quarantine it
                logger.exception("%s: landing failed, quarantined as %s", path.name, INTERNAL)
                outcome = quarantined(path, sha, exc, seconds=outcome.seconds)
        warehouse.quarantine(sha256=sha, path=outcome.path, format=outcome.format,
                             error_code=outcome.error_code or INTERNAL, error=outcome.error or "", run_id=run_id)
        return outcome
    except WarehouseError as exc:
        logger.error("%s: the warehouse refused the write (%s); deferred to the next run", path.name, exc)
        return _deferred(path, sha, exc)


def _nothing_new(warehouse: Warehouse, outcomes: list[FileOutcome], settings: TdktSettings, rules: list[Any]) -> bool:
    """An unchanged night: no file landed or quarantined, and the stage would judge nothing again.

    Then the stage, the quality suite (their results are last night's) and the copy of unchanged
    published copies are skipped: an unchanged inbox of 1,000 files costs a second, not eight.
    """
    if any(o.status in ("landed", "quarantined") for o in outcomes):
        return False
    from validators.stage import unchanged

    try:
        return unchanged(warehouse.connection, inbox=settings.inbox, rules=rules)
    except duckdb.Error as exc:  # cannot tell: run the stage, which says what is wrong
        get_run_logger().warning("could not tell whether anything changed (%s); judging as usual", exc)
        return False


def _land_many(warehouse: Warehouse, outcomes: list[FileOutcome], run_id: str) -> None:
    """Files ready to land, in one transaction; raises if any is refused (``flows._landers`` then
    lands each alone with ``_land``, which says which file and why)."""
    warehouse.land_many([Landable(o.record, o.findings, o.path, o.statuses, o.checks)
                         for o in outcomes if o.record is not None], run_id=run_id)


def _judge_submissions(warehouse: Warehouse, outcomes: list[FileOutcome], run_id: str, settings: TdktSettings,
                       rules: list[Any]) -> None:
    """The stage after landing: submissions, batch and history; final statuses back on the outcomes.

    Its failure is the run's, not a file's: the files stay landed, the error is logged and the next
    run judges again.
    """
    logger = get_run_logger()
    from validators.stage import StageError, judge

    try:
        stage = judge(warehouse.connection, run_id=run_id, inbox=settings.inbox, rules=rules)
        warehouse.record_judgement(stage)
    except (StageError, WarehouseError) as exc:
        logger.error("submission stage failed: %s", exc.message)
        return
    logger.info("stage: %d submission(s), %d judged, %d finding(s), %d fairness row(s)", stage.submissions,
                len(stage.judged), stage.findings, len(stage.fairness or []))
    for outcome in outcomes:
        if outcome.status == "landed":
            outcome.statuses = {nid: stage.statuses.get(nid, status) for nid, status in outcome.statuses.items()}


def _publish(warehouse: Warehouse, settings: TdktSettings, run_id: str, *, quiet: bool = False,
             logger: Any = None, copied: Callable[[], None] | None = None) -> None:
    """The read-only copies for reviewers and analysts, so no reader ever holds the warehouse.

    Its failure is the run's, not a file's: the files stay landed, the error is logged, the copies
    of the previous run stay in place and the next run publishes again. A quiet run (nothing new)
    does not copy again what the copies already show (``landing._fresh``). ``logger``: the run's,
    for a thread that has no run context of its own (``_publishing``).
    """
    logger = logger or get_run_logger()
    if quiet and _fresh.is_current(warehouse.connection, settings.published):
        logger.info("run %s: nothing new; the published copies are current", run_id)
        return
    with suppress(OSError):  # a folder it cannot write: publishing says why, below
        _fresh.forget(settings.published)  # no key vouches for copies while they are swapped
    try:
        with duckdb_copy(warehouse.connection, settings.warehouse.parent) as con:  # PostgreSQL: via a copy
            published = publish(con, settings.published, key_file=settings.pseudonym_key_file, copied=copied)
    except (WarehouseError, ConfigError) as exc:
        logger.error("run %s: publishing the read-only copies failed: %s", run_id, exc)
        return
    try:
        _fresh.remember(warehouse.connection, settings.published)
    except (OSError, duckdb.Error) as exc:  # only the key: the next quiet run publishes again
        logger.warning("run %s: the published copies' key could not be written: %s", run_id, exc)
    logger.info("run %s: published %d tables to %s in %.2f s", run_id, published.tables, settings.published,
                published.seconds)


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())


def _counts(outcomes: Iterable[FileOutcome]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Files by status, nominations by status, quarantine codes."""
    files: Counter[str] = Counter(o.status for o in outcomes)
    noms: Counter[str] = Counter(s for o in outcomes if o.status == "landed" for s in o.statuses.values())
    codes: Counter[str] = Counter(o.error_code or INTERNAL for o in outcomes if o.status == "quarantined")
    return files, noms, codes


def _ignored(entry: Ignored) -> FileOutcome:
    return _outcome(entry.path, "", "ignored", error=_reason(entry.path, entry.reason))


def _stand_in(path: Path, exc: TooLargeError | UnreadableError, settled: set[str]) -> FileOutcome:
    """A file refused before it was hashed: quarantined under a key of path, size and time, once."""
    key = (_inbox_url.stand_in_key(exc.code, path) if isinstance(path, ObjectPath)
           else stand_in_key(exc.code, path, os.lstat(path)))
    if key in settled:  # unchanged since a run quarantined it: not again every night
        return _outcome(path, key, "skipped")
    return quarantined(path, key, exc)


def _take_in(warehouse: Warehouse, files: list[Path], settings: TdktSettings, rules: list[Any],
             run_id: str, outcomes: list[FileOutcome]) -> float:
    """Hash and archive each file from one read, extract the new ones in the worker pool, land each.

    Returns the largest peak memory (MB) of a worker process that read a file.
    """
    logger = get_run_logger()
    settled = load_policy().settled(warehouse.file_states())
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    batch: set[str] = set()
    to_read: list[tuple[Path, str, Path]] = []
    sizes: list[int] = []
    for path in files:
        taken: Taken | Ignored | None = None
        try:  # a local file, or an object of an inbox by URL: listed and opened apart, read the same
            taken = (_inbox_url.intake if isinstance(path, ObjectPath) else intake)(
                path, settings.archive, max_bytes=max_bytes, known=lambda sha: sha in settled or sha in batch)
            if isinstance(taken, Ignored):
                outcomes.append(_ignored(taken))
                continue
            if taken.copy is None:  # already landed or quarantined, or a copy in this batch
                outcomes.append(_outcome(path, taken.sha256, "skipped"))
                continue
            size = taken.copy.stat().st_size
            _archive.publish(settings.archive_url, taken.copy, taken.sha256)  # where the readers fetch it
        except TransientError as exc:  # an object store (the inbox's, the readers' archive) failed: next run
            logger.warning("%s deferred: %s", path.name, exc.message)
            outcomes.append(_deferred(path, taken.sha256 if isinstance(taken, Taken) else "", exc))
            continue
        except (TooLargeError, UnreadableError) as exc:
            logger.warning("%s quarantined [%s] before reading: %s", path.name, exc.code, exc.message)
            try:
                outcome = _stand_in(path, exc, settled)
            except OSError as gone:
                outcomes.append(_deferred(path, "", gone))
                continue
            outcomes.append(_land(warehouse, outcome, run_id) if outcome.status == "quarantined" else outcome)
            continue
        except OSError as exc:  # gone, a read error, or the archive's disk is full: next run
            logger.warning("%s deferred: %s", path.name, exc)
            outcomes.append(_deferred(path, "", exc))
            continue
        if not batch:  # Tesseract and the data files, before the first new file is read;
            preflight()  # an unchanged inbox does not pay for it (two Tesseract starts)
        batch.add(taken.sha256)
        # extraction reads the archived copy: what lands is exactly what was hashed and kept
        to_read.append((path, taken.sha256, taken.copy))
        sizes.append(size)
    return _read_and_land(warehouse, to_read, sizes, settings, rules, run_id, outcomes)


def _read_and_land(warehouse: Warehouse, to_read: list[tuple[Path, str, Path]], sizes: list[int],
                   settings: TdktSettings, rules: list[Any], run_id: str, outcomes: list[FileOutcome]) -> float:
    """Light files by the dozen, heavy ones alone (``flows._groups``), read in the run's worker pool
    and landed as each group finishes, every file in its own transaction (``flows._landers``)."""
    with _group_runner(settings if to_read else None) as (submit, workers, watch):
        return _read_and_land_on(submit, workers, warehouse, to_read, sizes, settings, rules, run_id, outcomes,
                                 watch=watch)


@contextmanager
def _group_runner(settings: TdktSettings | None) -> Iterator[tuple[Callable[[dict[str, Any]], PrefectFuture[Any]],
                                                                   int | None, _dask.Watch | None]]:
    """Where the group tasks go, and over how many worker threads: the flow's own task runner, or
    the Dask cluster of ``settings.dask_address`` through a ``DaskTaskRunner`` opened here, for this
    run's groups.

    Opened here, not set as the flow's task runner: a deployment (``tdkt serve``, Prefect's UI)
    runs the flow from its entrypoint, which keeps the decorator's thread pool whatever runner the
    deployment was built with, so a served run would read on the serving machine, cluster or not.
    Here every run follows the settings it is given, however it was started.
    """
    if settings is None or not settings.dask_address:
        yield (lambda params: process_group.submit(**params)), None, None
        return
    with _dask.task_runner(settings.dask_address) as runner:
        yield ((lambda params: runner.submit(process_group, params)), _dask.threads(runner),
               _dask.Watch(runner.client, settings.dask_unresponsive_s))


def _read_and_land_on(submit: Callable[[dict[str, Any]], PrefectFuture[Any]], workers: int | None,
                      warehouse: Warehouse, to_read: list[tuple[Path, str, Path]], sizes: list[int],
                      settings: TdktSettings, rules: list[Any], run_id: str, outcomes: list[FileOutcome],
                      *, watch: _dask.Watch | None = None) -> float:
    logger = get_run_logger()
    groups = _groups.plan(to_read, [p for p, _, _ in to_read], sizes, workers=workers)
    pool: _pool.FilePool | None = None
    if groups and settings.isolate and not settings.dask_address:  # on a cluster, its workers read
        pool = _pool.FilePool(settings.jobs, memory_mb=settings.worker_memory_mb)
        _pool.set_current(pool)
    kills = KillCounts.beside(settings.warehouse)

    def done(outcome: FileOutcome) -> None:
        if outcome.status == "deferred":
            logger.warning("%s deferred: %s", Path(outcome.path).name, outcome.error)
        elif outcome.sha256:
            kills.forget(outcome.sha256)
        # landed, the record and its findings are the warehouse's: the run keeps the file's outcome
        # only (status, statuses, reason), so its memory does not grow with a night of 10,000 files
        outcome.record, outcome.findings, outcome.checks = None, [], []
        outcomes.append(outcome)

    try:
        landers = Landers(warehouse, lambda wh, o: _land(wh, o, run_id, logger), done,
                          land_many=lambda wh, group: _land_many(wh, group, run_id))
        try:
            from validators.stage import fingerprint

            sealed = _groups.Sealed(rules, fingerprint(rules))
            in_flight = {submit({"name": _group_name(g), "files": g, "settings": settings, "rules": sealed}): g
                         for g in groups}
            for result in _as_settled(in_flight, watch):
                to_land = []
                for outcome in result:
                    outcome = _count_kills(kills, outcome, settings)
                    if outcome.status == "deferred":
                        done(outcome)
                    else:
                        to_land.append(outcome)
                landers.submit(to_land)  # each file in its own transaction (flows._landers)
            landers.drain()
        finally:
            landers.close()
    finally:
        if pool is not None:
            _pool.set_current(None)
            pool.close()
    return pool.peak_mb if pool is not None else 0.0


def _as_settled(in_flight: dict[PrefectFuture[Any], list[tuple[Path, str, Path]]], watch: _dask.Watch | None
                ) -> Iterator[list[FileOutcome]]:
    """Each group's outcomes as it finishes. On a cluster, while none comes back, ``watch`` asks the
    scheduler whether it still answers; once it is lost, every group still out is judged lost
    (``_dask.lost``: its files deferred to the next run) and the run goes on to land what came back.

    On a cluster a finished group's outcomes are fetched within the same limit: the client asks
    the scheduler for them, and a scheduler that hangs just then would hold the run for ever."""
    if watch is None:
        for future in as_completed(list(in_flight)):
            yield _settle_group(future, in_flight[future])
        return
    pending = list(in_flight)
    quiet_since = perf_counter()
    while pending:
        done = [f for f in pending if f.wrapped_future.done()]  # the client's own view: asks no one
        if done:
            pending = [f for f in pending if f not in done]
            for future in done:
                yield _settle_group(future, in_flight[future], timeout=watch.limit_s)
            quiet_since = perf_counter()
            continue
        if perf_counter() - quiet_since >= watch.probe_s:
            if watch.lost():
                lost = _dask.lost(_dask.Unresponsive(watch.limit_s))
                for future in pending:  # the client lets them go when the runner closes
                    yield [_deferred(path, sha, lost) for path, sha, _ in in_flight[future]]
                return
            quiet_since = perf_counter()
        time.sleep(0.05)


def _quality(warehouse: Warehouse) -> list[QualityResult]:
    """The Great Expectations suite over the tables read through the run's own connection."""
    from validators.gx_suite import check_frames, read_frames  # importing GX takes seconds: only when needed

    try:
        return check_frames(read_frames(warehouse.connection))
    except Exception as exc:  # the checks failing must not cost the run its report and its runs row
        get_run_logger().exception("the data-quality suite failed")
        return [QualityResult(table="*", expectation="great_expectations", success=False, check_id="DQ-RUN",
                              error=_ADDRESS.sub("", f"bộ kiểm tra chất lượng không chạy được ({type(exc).__name__}:"
                                                     f" {exc}); hãy báo nhóm phát triển"))]


def _relative(outcomes: list[FileOutcome], inbox: Path) -> list[FileOutcome]:
    """The outcomes as the report shows them: paths relative to the inbox, in the paths and the reasons."""
    root = str(inbox).rstrip("/") + "/"
    out = []
    for o in outcomes:
        path = o.path[len(root):] if o.path.startswith(root) else o.path
        out.append(o.model_copy(update={"path": path, "error": o.error.replace(root, "") if o.error else o.error}))
    return out


def _finish(warehouse: Warehouse, settings: TdktSettings, *, run_id: str, started_at: datetime,
            outcomes: list[FileOutcome], quality: list[QualityResult],
            completed: bool, phases: _Phases | None = None, quiet: bool = False) -> tuple[Path, WarehouseError | None]:
    """Write the run's quality results, its ``runs`` row and its report; the report in any case.

    A run stopped part-way (interrupted, a defect) keeps ``finished_at`` empty in its ``runs`` row,
    with the counts of what it did. A quiet run (``_nothing_new``) has no quality results and no
    Data Docs; its report lists its files, all skipped or left for later.
    """
    logger = get_run_logger()
    outcomes.sort(key=lambda o: o.path)
    files_by_status, noms, _ = _counts(outcomes)
    counts = {"files_seen": len(outcomes), **{k: files_by_status[k] for k in
              ("landed", "skipped", "quarantined", "deferred", "ignored")},
              **{f"nominations_{k}": v for k, v in noms.items()}}
    failure = None
    publishing = None
    try:  # the runs row first: a quality row that cannot be written must not cost it
        warehouse.record_run(run_id, started_at, datetime.now(UTC) if completed else None, counts)
        warehouse.record_quality(run_id, quality)
    except WarehouseError as exc:
        logger.error("run %s: its runs row or quality results could not be written: %s", run_id, exc)
        failure = exc
    else:
        if phases:
            phases.done("runs row")
        publishing = _publishing(warehouse, settings, run_id, quiet=quiet, logger=logger)

    def data_docs(folder: Path) -> Path:
        from validators.gx_suite import write_data_docs  # GX only when the suite ran: not on a quiet night

        return write_data_docs(quality, folder, run_name=run_id)

    try:  # the report reads what landed through the run's connection; the Data Docs go beside it
        report = write_run_report(settings.reports, con=warehouse.connection, run_id=run_id, started_at=started_at,
                                  outcomes=_relative(outcomes, settings.inbox), quality=quality,
                                  archive=settings.archive, inbox=settings.inbox,
                                  data_docs=None if quiet else data_docs, brief=quiet)
        report.chmod(0o600)
    finally:  # a report that failed leaves no publishing behind it on a warehouse about to close
        if publishing is not None:
            concurrent.futures.wait([publishing])
    if publishing is not None:
        publishing.result()  # its own failure was logged in it; a defect is raised here
    if phases:
        phases.done("report, publish beside it")
        logger.info("run %s: %s", run_id, phases)
    return report, failure


def _publishing(warehouse: Warehouse, settings: TdktSettings, run_id: str, *, quiet: bool,
                logger: Any) -> concurrent.futures.Future[None] | None:
    """``_publish`` on a thread of its own while the report is written (its time is in its own log line).

    Both only read what landed, through connections of their own (``Warehouse.cursor``), once the
    warehouse is copied out (returns then): the copies are then built from that file, mostly
    DuckDB's work, which leaves the interpreter to the report's page while the report's own
    children (workbook, charts) take the other core. 500 Word dossiers on 2 cores: publishing
    1.0 s, then the report 2.4 s, one after the other.
    """
    try:
        view = warehouse.cursor()
    except (duckdb.Error, WarehouseError, OSError) as exc:  # no second connection: publish here, first
        logger.warning("run %s: publishing on the run's own connection, before the report (%s)", run_id, exc)
        _publish(warehouse, settings, run_id, quiet=quiet, logger=logger)
        return None
    copied = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tdkt-publish")

    def run() -> None:
        try:
            _publish(view, settings, run_id, quiet=quiet, logger=logger, copied=copied.set)
        finally:
            copied.set()
            view.close()

    try:  # in this run's context: its log lines go to this run's API, not to a temporary server of Prefect's
        future = pool.submit(contextvars.copy_context().run, run)
    finally:
        pool.shutdown(wait=False)
    # the report's reads wait for the warehouse to be copied out (landing.publish: ``copied``)
    copied.wait()
    return future


class _Phases:
    """Seconds spent in each step of the run, logged at its end: where an operator looks first when
    a night is slow (reading, the submission stage, the quality suite, publishing, the report)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = perf_counter()

    def done(self, name: str) -> None:
        now = perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._mark
        self._mark = now

    def __str__(self) -> str:
        return ", ".join(f"{k} {v:.2f} s" for k, v in self.seconds.items())


def _say_failed(flow: Any, flow_run: Any, state: State[Any]) -> None:
    """The run's log ends with a line that says plainly it failed, and why (an operator greps FAILED)."""
    from prefect.logging.loggers import flow_run_logger

    flow_run_logger(flow_run, flow).error("tdkt-nightly FAILED (%s): %s", state.name, state.message)


@flow(name="tdkt-nightly", task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1),
      on_failure=[_say_failed], on_crashed=[_say_failed])
def nightly(settings: TdktSettings | None = None) -> RunSummary:
    """One pass over the inbox. Use ``run_nightly`` to honour ``settings.jobs`` for the thread pool."""
    settings = settings or TdktSettings()
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    clock = perf_counter()

    prefetch_quality_suite()
    rules = validators.load_rules()  # read afresh each run: a rule fixed between two nights applies
    load_policy.cache_clear()
    load_policy()  # and the intake policy: a malformed one stops the run before any file
    run_id = _run_id()
    files, ignored = _scan(settings.inbox)
    logger.info("run %s: %d file(s), %d other entr(ies) in %s", run_id, len(files), len(ignored), settings.inbox)

    with private_files():  # the warehouse, the archive and the report: readable by their owner only
        for folder in (settings.warehouse.parent, settings.archive, settings.reports):
            private_dir(folder)
        warehouse = Warehouse(settings.warehouse_target)  # held until the end of the run
        outcomes = [_ignored(entry) for entry in ignored]
        quality: list[QualityResult] = []
        completed = quiet = False
        peak_mb = 0.0
        phases = _Phases()
        try:
            try:
                warehouse.record_checks(rules)  # the check catalogue analysts join findings to
            except WarehouseError as exc:  # the files' own writes defer them; the end of the run says why
                logger.error("run %s: the check catalogue could not be written: %s", run_id, exc)
            phases.done("start")
            peak_mb = _take_in(warehouse, files, settings, rules, run_id, outcomes)
            phases.done("read+land")
            quiet = _nothing_new(warehouse, outcomes, settings, rules)
            if quiet:
                logger.info("run %s: nothing landed, quarantined or to judge again: the submission stage and"
                            " the quality suite are skipped", run_id)
            else:
                _judge_submissions(warehouse, outcomes, run_id, settings, rules)
                phases.done("stage")
                quality = _quality(warehouse)
                phases.done("quality")
            completed = True
        finally:
            try:
                report, failure = _finish(warehouse, settings, run_id=run_id, started_at=started_at,
                                          outcomes=outcomes, quality=quality, completed=completed, phases=phases,
                                          quiet=quiet)
            finally:
                warehouse.close()
    if failure is not None:  # everything else is written; the warehouse needs the operator
        raise failure
    files_by_status, noms, codes = _counts(outcomes)
    summary = RunSummary(
        run_id=run_id, started_at=started_at, finished_at=datetime.now(UTC), seconds=perf_counter() - clock,
        files_seen=len(outcomes), landed=files_by_status["landed"], skipped=files_by_status["skipped"],
        quarantined=files_by_status["quarantined"], deferred=files_by_status["deferred"],
        ignored=files_by_status["ignored"], nominations=dict(noms), quarantine_codes=dict(codes),
        warehouse=redacted_url(settings.warehouse_url) if settings.warehouse_url else settings.warehouse,
        report=report, worker_peak_mb=peak_mb,
    )
    logger.info("run %s: %d landed, %d skipped, %d quarantined, %d deferred, %d ignored in %.2f s; report %s",
                run_id, summary.landed, summary.skipped, summary.quarantined, summary.deferred, summary.ignored,
                summary.seconds, report)
    return summary


def _group_name(group: list[tuple[Path, str, Path]]) -> str:
    """The task run's name in the UI: the file itself, or the first file and how many more."""
    first = group[0][0].name
    return first if len(group) == 1 else f"{first} (+{len(group) - 1} tệp)"


def for_settings(settings: TdktSettings) -> Any:
    """The flow with a thread pool of ``settings.jobs`` workers (a decorator cannot read settings).
    On a Dask cluster (``settings.dask_address``) the group tasks go to a runner the flow opens
    itself (``_group_runner``), so a deployment's runs go there too."""
    return nightly.with_options(task_runner=ThreadPoolTaskRunner(max_workers=settings.jobs))


def run_nightly(settings: TdktSettings) -> RunSummary:
    """Run the flow once, in this process, with ``settings.jobs`` parallel files."""
    summary: RunSummary = for_settings(settings)(settings)
    return summary
