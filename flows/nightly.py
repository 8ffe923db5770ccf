"""The nightly flow: discover, hash, archive, extract + validate in parallel, land, check, report.

The flow only orchestrates (STYLE practice 9). Reading is ``extractors``, judging is ``validators``,
storing is ``landing``, the HTML is ``reports``. What lives here is the order of things and the
guarantees between them:

* a file is *seen* (its hash in ``ingested_files``) only once it is landed or quarantined, each in
  its own transaction, so an interrupted run, run again, finishes the rest and lands nothing twice;
* every file ends with an outcome: landed, skipped (hash already seen), or quarantined with a code
  and a Vietnamese reason. A file that hit a transient fault even after its retries is *deferred*:
  reported, but not written to the warehouse, so the next run tries it again;
* files are read in a pool of worker processes (``flows._pool``), in Prefect tasks that group light
  files (``flows._groups``); DuckDB is written by the flow's thread, or for a big group by two
  landing threads with their own connections (``flows._landers``), each file in its own transaction.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import PrefectFuture, as_completed
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel

import validators
from extractors import extract_file, preflight
from extractors import file_sha256 as sha256_file
from flows import _groups, _pool
from flows._kills import KillCounts
from flows._landers import Landers
from flows.settings import TdktSettings
from landing import Warehouse, WarehouseError
from record.errors import (
    ConfigError,
    InputFileError,
    MissingDependencyError,
    TdktError,
    TooLargeError,
    TransientError,
    WorkerCrashedError,
    WorkerKilledError,
)
from record.findings import Finding
from record.models import DossierRecord
from record.outcome import FileOutcome, nomination_key
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
    nominations: dict[str, int]  # by status: clean / needs_review / rejected
    quarantine_codes: dict[str, int]
    warehouse: Path
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
    dossiers. Sorting makes the order of a run reproducible.
    """
    if not inbox.is_dir():
        raise ConfigError(f"thư mục hộp thư đến không tồn tại: {inbox}; đặt TDKT_INBOX hoặc --inbox")
    found = []
    for path in inbox.rglob("*"):
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found)


def archive_copy(path: Path, sha256: str, archive: Path) -> Path:
    """Copy a raw file to ``archive/<sha[:2]>/<sha>`` (atomically; the inbox file is left as it is).

    Content addressing makes the copy idempotent: a re-run or the same file under two names costs
    one copy. The temporary name plus an atomic rename means a crash never leaves half a file there.
    """
    dest = archive / sha256[:2] / sha256
    if dest.is_file() and dest.stat().st_size == path.stat().st_size:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{sha256}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        shutil.copyfile(path, tmp)
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


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


def _reason(path: Path, message: str) -> str:
    """A one-line quarantine reason that always names the file, whatever the raiser put in it."""
    message = " ".join(message.split())
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


def submit_read(pool: _pool.FilePool, path: Path, sha256: str, settings: TdktSettings, *,
                source_path: str) -> _pool.Pending[DossierRecord]:
    """Hand one file to a worker of the run's pool; its worker is killed at ``file_timeout_s``."""
    # the hard limit a little after the extractor's own deadline, which ends cleaner if it can
    return pool.submit(extract_file, path, limit_s=settings.file_timeout_s + 5, label=Path(source_path).name,
                       **_read_kwargs(sha256, settings, source_path))


def read_one(path: Path, sha256: str, settings: TdktSettings, *, source_path: str,
             pending: _pool.Pending[DossierRecord] | None = None) -> DossierRecord:
    """Extract one file in a worker process (``flows._pool``) unless isolation is off."""
    kwargs = _read_kwargs(sha256, settings, source_path)
    if not settings.isolate:
        return extract_file(path, **kwargs)
    try:
        if pending is not None:
            return pending.result()
        return _pool.run_one(extract_file, path, limit_s=settings.file_timeout_s + 5,
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
                 rules: list[Any] | None = None, pending: _pool.Pending[DossierRecord] | None = None) -> FileOutcome:
    """Extract and validate one file. Its failures become a quarantined outcome, not an exception.

    ``TransientError`` and ``MissingDependencyError`` are raised instead: the first to be retried by
    Prefect, the second because it is the machine's fault, not the file's. The returned outcome says
    ``landed`` for a file ready to land; the flow lands it (and quarantines it if landing fails).
    """
    logger = get_run_logger()
    started = perf_counter()
    try:
        size = path.stat().st_size
        if size > settings.max_file_mb * 1024 * 1024:
            raise TooLargeError(
                f"tệp {path.name} nặng {size / 1048576:.0f} MB, vượt giới hạn {settings.max_file_mb:g} MB"
                " (TDKT_MAX_FILE_MB); hãy tách hồ sơ thành các tệp nhỏ hơn",
                path=path,
            )
        record = read_one(source or path, sha256, settings, source_path=str(path), pending=pending)
        findings = validators.validate(record, rules=rules)  # the rules read at this run's start
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
    logger.info("%s: %s, %d nomination(s), %d finding(s) in %.2f s", path.name, record.source.format,
                len(record.nominations), len(findings), seconds)
    return _outcome(path, sha256, "landed", record=record, findings=findings, statuses=statuses,
                    seconds=seconds)


def _file_in_group(path: Path, sha256: str, copy: Path, settings: TdktSettings, rules: list[Any] | None,
                   pending: _pool.Pending[DossierRecord] | None) -> FileOutcome:
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
                  rules: list[Any] | None = None) -> list[FileOutcome]:
    """Extract and validate a group of files (``flows._groups``): one Prefect task, one outcome each.

    Every file of the group goes to the worker pool at once, so the workers never wait on the
    task; each is then judged alone, exactly as ``process_file`` judges it.
    """
    pool = _pool.current() if settings.isolate else None
    pending: dict[Path, _pool.Pending[DossierRecord]] = {}
    if pool is not None:
        for path, sha, copy in files:
            try:
                small = copy.stat().st_size <= settings.max_file_mb * 1024 * 1024
            except OSError:  # process_file reports it
                small = False
            if small:
                pending[path] = submit_read(pool, copy, sha, settings, source_path=str(path))
    return [_file_in_group(path, sha, copy, settings, rules, pending.get(path)) for path, sha, copy in files]


# --- the flow -----------------------------------------------------------------------------------


def _settle_group(future: PrefectFuture[list[FileOutcome]], files: list[tuple[Path, str, Path]]) -> list[FileOutcome]:
    """The outcomes of a finished group; a group that failed as a whole judges each of its files."""
    result = future.result(raise_on_failure=False)
    if isinstance(result, list):
        return result
    exc = result if isinstance(result, BaseException) else RuntimeError(f"task ended without outcomes: {result!r}")
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
    path = Path(outcome.path)
    return quarantined(path, sha, WorkerCrashedError(
        f"tiến trình đọc tệp bị dừng {n} lần ở {n} lần chạy khi đọc tệp này (TDKT_MAX_WORKER_KILLS); "
        "tệp được cách ly để không hoãn mãi; hãy kiểm tra tệp (quá lớn, quá nhiều ảnh?)", path=path))


def _deferred(path: Path, sha256: str, exc: TdktError | OSError) -> FileOutcome:
    code = exc.code if isinstance(exc, TdktError) else "TRANSIENT"
    message = exc.message if isinstance(exc, TdktError) else f"{type(exc).__name__}: {exc}"
    return _outcome(path, sha256, "deferred", error_code=code,
                    error=_reason(path, f"{message} (chưa ghi vào kho; sẽ thử lại ở lần chạy sau)"))


def _land(warehouse: Warehouse, outcome: FileOutcome, run_id: str, logger: Any = None) -> FileOutcome:
    """Write one outcome in its own transaction.

    A record the tables refuse is quarantined (it would fail the same way again); a warehouse that
    cannot be written (disk full, a lock) defers the file: it is not marked seen, so the next run
    tries it again.
    """
    logger = logger or get_run_logger()
    path, sha = Path(outcome.path), outcome.sha256 or ""
    try:
        if outcome.status == "landed" and outcome.record is not None:
            try:
                warehouse.land(outcome.record, outcome.findings, run_id=run_id, path=outcome.path,
                               statuses=outcome.statuses)
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


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())


def _counts(outcomes: Iterable[FileOutcome]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Files by status, nominations by status, quarantine codes."""
    files: Counter[str] = Counter(o.status for o in outcomes)
    noms: Counter[str] = Counter(s for o in outcomes if o.status == "landed" for s in o.statuses.values())
    codes: Counter[str] = Counter(o.error_code or INTERNAL for o in outcomes if o.status == "quarantined")
    return files, noms, codes


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
    run_id = _run_id()
    files = discover(settings.inbox)
    logger.info("run %s: %d file(s) in %s", run_id, len(files), settings.inbox)

    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    warehouse = Warehouse(settings.warehouse)
    outcomes: list[FileOutcome] = []
    pool: _pool.FilePool | None = None
    try:
        seen = warehouse.seen_hashes()
        to_read: list[tuple[Path, str, Path]] = []
        sizes: list[int] = []
        batch: set[str] = set()
        for path in files:
            try:
                sha = sha256_file(path)
                if sha in seen or sha in batch:  # already landed or quarantined, or a copy in this batch
                    outcomes.append(_outcome(path, sha, "skipped"))
                    continue
                if not batch:  # Tesseract and the data files, before the first new file is touched;
                    preflight()  # an unchanged inbox does not pay for it (two Tesseract starts)
                batch.add(sha)
                # extraction reads the archived copy: what lands is exactly what was hashed and kept
                copy = archive_copy(path, sha, settings.archive)
                size = copy.stat().st_size
            except OSError as exc:  # the file went away or cannot be read now: next run
                logger.warning("%s deferred: %s", path.name, exc)
                outcomes.append(_deferred(path, "", exc))
                continue
            to_read.append((path, sha, copy))
            sizes.append(size)
        # light files by the dozen, heavy ones alone: Prefect's cost per task stays small (_groups)
        groups = _groups.plan(to_read, [p for p, _, _ in to_read], sizes)
        if groups and settings.isolate:
            pool = _pool.FilePool(settings.jobs, memory_mb=settings.worker_memory_mb)
            _pool.set_current(pool)
        kills = KillCounts.beside(settings.warehouse)

        def done(outcome: FileOutcome) -> None:
            if outcome.status == "deferred":
                logger.warning("%s deferred: %s", Path(outcome.path).name, outcome.error)
            elif outcome.sha256:
                kills.forget(outcome.sha256)
            outcomes.append(outcome)

        landers = Landers(warehouse, lambda wh, o: _land(wh, o, run_id, logger), done)
        try:
            in_flight = {process_group.submit(_group_name(g), g, settings, rules): g for g in groups}
            for future in as_completed(list(in_flight)):
                to_land = []
                for outcome in _settle_group(future, in_flight[future]):
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
        warehouse.close()

    outcomes.sort(key=lambda o: o.path)
    from validators.gx_suite import check_warehouse  # importing GX takes seconds: only when needed

    quality = check_warehouse(settings.warehouse)  # reads the file: the writer is closed first
    files_by_status, noms, codes = _counts(outcomes)
    warehouse = Warehouse(settings.warehouse)
    try:
        warehouse.record_quality(run_id, quality)
        finished_at = datetime.now(UTC)
        counts = {"files_seen": len(files), "landed": files_by_status["landed"],
                  "skipped": files_by_status["skipped"], "quarantined": files_by_status["quarantined"],
                  "deferred": files_by_status["deferred"], **{f"nominations_{k}": v for k, v in noms.items()}}
        warehouse.record_run(run_id, started_at, finished_at, counts)
    finally:
        warehouse.close()
    report = write_run_report(settings.reports, run_id=run_id, started_at=started_at, outcomes=outcomes,
                              quality=quality)
    summary = RunSummary(
        run_id=run_id, started_at=started_at, finished_at=datetime.now(UTC), seconds=perf_counter() - clock,
        files_seen=len(files), landed=files_by_status["landed"], skipped=files_by_status["skipped"],
        quarantined=files_by_status["quarantined"], deferred=files_by_status["deferred"], nominations=dict(noms),
        quarantine_codes=dict(codes), warehouse=settings.warehouse, report=report,
        worker_peak_mb=pool.peak_mb if pool is not None else 0.0,
    )
    logger.info("run %s: %d landed, %d skipped, %d quarantined, %d deferred in %.2f s; report %s",
                run_id, summary.landed, summary.skipped, summary.quarantined, summary.deferred, summary.seconds, report)
    return summary


def _group_name(group: list[tuple[Path, str, Path]]) -> str:
    """The task run's name in the UI: the file itself, or the first file and how many more."""
    first = group[0][0].name
    return first if len(group) == 1 else f"{first} (+{len(group) - 1} tệp)"


def for_settings(settings: TdktSettings) -> Any:
    """The flow with a thread pool of ``settings.jobs`` workers (a decorator cannot read settings)."""
    return nightly.with_options(task_runner=ThreadPoolTaskRunner(max_workers=settings.jobs))


def run_nightly(settings: TdktSettings) -> RunSummary:
    """Run the flow once, in this process, with ``settings.jobs`` parallel files."""
    summary: RunSummary = for_settings(settings)(settings)
    return summary
