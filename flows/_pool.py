"""A long-lived pool of worker processes that read files, each file under a time limit.

Why a pool: a fresh child process per file (the former ``_isolate``) cost more than reading a Word
file, and a thread cannot be killed. pebble's ``ProcessPool`` keeps ``TDKT_JOBS`` workers for the
whole run, kills the worker of a file whose time is up (``FileTimeoutError``) and starts a new one
in its place, and reports a worker that died under a file (``ProcessExpired`` with its exit code).

How a dead worker is judged (issue 9, point 2), by the signal that ended it:

* ``SIGKILL`` or ``SIGTERM`` came from outside: the OOM killer, an operator, a service manager.
  Not the file's fault: ``WorkerKilledError`` (a ``TransientError``), the file is *deferred* and
  tried again next run. ``flows._kills`` counts these per file, so a file that gets its worker
  killed every night is quarantined after ``TDKT_MAX_WORKER_KILLS`` nights instead of looping.
* Any other end (``SIGSEGV``, ``SIGABRT``, ``SIGBUS``, an exit code) is the worker crashing by
  itself in a native library on this file's bytes: ``WorkerCrashedError``, quarantined.

Memory: each worker runs under ``RLIMIT_DATA`` = ``TDKT_WORKER_MEMORY_MB`` (set in the worker's
initializer, inherited by its Tesseract processes). An allocation over it fails inside the worker
as ``MemoryError``, which becomes ``TooLargeError`` for that one file, never a crash of the run.
``RLIMIT_DATA`` rather than ``RLIMIT_AS``: the address space of a worker is ~800 MB before it reads
anything (shared libraries, glibc's per-thread malloc arenas), while its data segment is ~300 MB,
so the data limit measures what a file costs.

Tesseract slots are ``flock``s on files in a folder of the pool (``extractors._slots``): the kernel
frees a slot when its holder dies, so killed workers never starve the rest of the batch.

The executor is the ``FileExecutor`` protocol (``submit`` / ``close``), so another executor (a Dask
cluster, issue 10) can take the pool's place without touching the flow.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import shutil
import signal
import tempfile
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pebble import ProcessExpired, ProcessPool

from record.errors import (
    FileTimeoutError,
    TdktError,
    TooLargeError,
    TransientError,
    WorkerCrashedError,
    WorkerKilledError,
)

T = TypeVar("T")

_CTX = multiprocessing.get_context("forkserver")
# workers fork from a server that has imported the readers: a new worker costs milliseconds
_READERS = ["extractors", "extractors.read", "extractors.parse", "validators"]
# ended from outside: the OOM killer and `kill -9` send SIGKILL; `kill` and service managers send
# SIGTERM, which pebble's worker handler turns into exit code 15
_KILLED_FROM_OUTSIDE = {-signal.SIGKILL, -signal.SIGTERM, int(signal.SIGTERM)}


def warm_up() -> None:
    """Start the fork server now (it imports the readers, ~1 s), e.g. while Prefect starts."""
    _preload_readers()
    multiprocessing.forkserver.ensure_running()


def _preload_readers() -> None:
    """The readers imported by the fork server, if it starts after this (one server per process).

    Set by the pool, not when this module is imported: a run on a Dask cluster reads nothing here,
    and its only children are the report's (``reports._background``), whose server would import
    the readers for nothing (1.1 s of a core the report shares with the page it renders).
    """
    _CTX.set_forkserver_preload(_READERS)


class IsolatedDefect(Exception):
    """An unexpected exception inside a worker; the message names its type (quarantined as INTERNAL)."""


class Pending(Generic[T]):
    """A file handed to a worker; ``result()`` gives its value or the error that judges the file."""

    def __init__(self, future: concurrent.futures.Future[Any], label: str, limit_s: float,
                 closed: Callable[[], bool] = lambda: False) -> None:
        self.future, self.label, self.limit_s, self._closed = future, label, limit_s, closed

    def result(self) -> T:
        # a pool stopped under a waiting file (Ctrl-C, the flow failing) never completes its future:
        # look at the pool twice a second, so the waiting thread can end and the run can stop
        while not self.future.done():
            if self._closed():
                raise WorkerKilledError("lượt chạy dừng trước khi đọc xong tệp; sẽ đọc lại ở lần chạy sau",
                                        path=self.label or None)
            concurrent.futures.wait([self.future], timeout=0.5)
        try:
            value, _peak = self.future.result()
            return value  # type: ignore[no-any-return]
        except concurrent.futures.TimeoutError:
            raise FileTimeoutError(f"đọc tệp quá {self.limit_s:.0f} giây (TDKT_FILE_TIMEOUT_S); đã dừng",
                                   path=self.label or None) from None
        except ProcessExpired as exc:
            raise judge_death(exc.exitcode, self.label) from None
        except (BrokenProcessPool, concurrent.futures.CancelledError) as exc:  # the machine's fault
            raise TransientError(f"không khởi chạy được tiến trình đọc tệp ({type(exc).__name__}: {exc})",
                                 path=self.label or None) from None


def judge_death(exitcode: int | None, label: str) -> TdktError:
    """A worker that died under a file: killed from outside (deferred) or crashed by itself."""
    code = exitcode if exitcode is not None else 0
    if code in _KILLED_FROM_OUTSIDE:
        name = signal.Signals(abs(code)).name
        return WorkerKilledError(
            f"tiến trình đọc tệp bị dừng từ bên ngoài ({name}: hết bộ nhớ máy hoặc người vận hành); "
            "không phải lỗi của tệp", path=label or None)
    what = f"tín hiệu {signal.Signals(-code).name}" if code < 0 and -code in signal.valid_signals() else f"mã {code}"
    return WorkerCrashedError(f"tiến trình đọc tệp bị dừng đột ngột ({what}); tệp có thể hỏng", path=label or None)


class FileExecutor(Protocol):
    """What the flow needs of an executor: run ``fn`` on a file within a time limit; shut down."""

    def submit(self, fn: Callable[..., T], *args: Any, limit_s: float, label: str = "",
               **kwargs: Any) -> Pending[T]: ...

    def close(self) -> None: ...


def _die_with_parent() -> None:
    """SIGKILL to this worker when its parent (the fork server) dies, as it does with the run:
    a ``kill -9`` of ``tdkt run`` leaves no worker reading on (Linux ``PR_SET_PDEATHSIG``)."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except OSError:  # not Linux: the worker ends when the pool's pipe closes, after its file
        return
    if os.getppid() != parent:  # the parent died between the fork and the request: no signal will come
        os._exit(1)
    # The fork server ends when every copy of the run's end of its "alive" pipe is closed, and each
    # worker is handed one (for processes it would start itself; ours start none). Kept open, a
    # worker keeps the fork server alive, and so itself: after a kill -9 of the run it read on to
    # the end of its file. Closed, the fork server ends with the run and the signal above ends us.
    server = multiprocessing.forkserver._forkserver
    alive = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(alive, int):
        server._forkserver_alive_fd = None
        with contextlib.suppress(OSError):  # already closed: nothing holds the fork server
            os.close(alive)


def _init_worker(slot_dir: str, n_slots: int, memory_mb: int) -> None:
    """Runs once in each new worker: its memory limit and the run's Tesseract slots."""
    _die_with_parent()
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    from extractors._ocr import share_slots
    from extractors._slots import FlockSlots

    share_slots(FlockSlots(Path(slot_dir), n_slots))


def _call(fn: Callable[..., Any], memory_mb: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, float]:
    """Runs in the worker: ``fn``'s value with the worker's peak memory, its failures made picklable."""
    try:
        value = fn(*args, **kwargs)
    except MemoryError:
        raise TooLargeError(
            f"tệp cần quá {memory_mb} MB bộ nhớ để đọc (TDKT_WORKER_MEMORY_MB); "
            "hãy tách hồ sơ hoặc quét lại ở độ phân giải thường (300 dpi)") from None
    except TdktError:
        raise
    except Exception as exc:  # sent back as text: the flow quarantines the file as INTERNAL
        raise IsolatedDefect(f"{type(exc).__name__}: {exc}") from None
    return value, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class FilePool:
    """``jobs`` long-lived worker processes (pebble); use as a context manager, one per run."""

    def __init__(self, jobs: int, *, memory_mb: int = 1500, ocr_slots: int | None = None) -> None:
        self.jobs, self.memory_mb = max(1, jobs), memory_mb
        _preload_readers()
        self._slot_dir = Path(tempfile.mkdtemp(prefix="tdkt-slots-"))
        from extractors._slots import FlockSlots

        self.slots = FlockSlots.create(self._slot_dir, ocr_slots or self.jobs)
        self.peak_mb = 0.0  # the largest peak RSS a worker reported after a file
        self.closed = False
        self._pool = ProcessPool(max_workers=self.jobs, initializer=_init_worker,
                                 initargs=(str(self._slot_dir), self.slots.n, memory_mb), context=_CTX)

    def submit(self, fn: Callable[..., T], *args: Any, limit_s: float, label: str = "",
               **kwargs: Any) -> Pending[T]:
        """Hand ``fn(*args, **kwargs)`` to a worker; the worker is killed after ``limit_s`` seconds."""
        try:
            future = self._pool.schedule(_call, args=(fn, self.memory_mb, args, kwargs), timeout=limit_s)
        except RuntimeError as exc:  # the pool is stopped or broken (no processes left): not the file's fault
            raise TransientError(f"nhóm tiến trình đọc tệp không chạy ({exc})", path=label or None) from None
        future.add_done_callback(self._note_peak)
        return Pending(future, label, limit_s, closed=lambda: self.closed)

    def _note_peak(self, future: concurrent.futures.Future[Any]) -> None:
        if not future.cancelled() and future.exception() is None:
            self.peak_mb = max(self.peak_mb, float(future.result()[1]))

    def worker_pids(self) -> list[int]:
        """The live workers' process ids (for operators' tools and the fault tests)."""
        workers = self._pool._pool_manager.worker_manager.workers  # pebble has no public accessor
        return [w.pid for w in workers.values() if w.pid is not None and w.is_alive()]

    def close(self) -> None:
        self.closed = True
        self._pool.stop()
        self._pool.join(timeout=30)
        shutil.rmtree(self._slot_dir, ignore_errors=True)

    def __enter__(self) -> FilePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_current: FilePool | None = None


def current() -> FilePool | None:
    """The pool of the run in progress in this process, if any (the flow's tasks read it)."""
    return _current


def set_current(pool: FilePool | None) -> None:
    global _current
    _current = pool


def run_one(fn: Callable[..., T], *args: Any, limit_s: float, label: str = "", memory_mb: int = 1500,
            **kwargs: Any) -> T:
    """``fn`` in the run's pool, or in a one-off pool of one worker when no run is in progress."""
    pool = current()
    if pool is not None:
        return pool.submit(fn, *args, limit_s=limit_s, label=label, **kwargs).result()
    with FilePool(1, memory_mb=memory_mb) as once:
        return once.submit(fn, *args, limit_s=limit_s, label=label, **kwargs).result()
