"""The flow on an existing ``dask.distributed`` cluster (issue 10, point 1).

With ``TDKT_DASK_ADDRESS`` (or ``tdkt run --cluster``) the flow's task runner is prefect-dask's
``DaskTaskRunner`` connected to that scheduler, so each group task (``flows.nightly.process_group``)
runs in a Dask worker process. Everything else stays in the flow's process: intake, hashing and the
archive copy before, landing after (workers return outcomes, they never open the warehouse).

In a Dask worker the worker *is* the process that reads: there is no pebble pool to hand the file
to, and a pool inside a pool would double the processes per core. ``InProcess`` is the same
``FileExecutor`` as ``flows._pool.FilePool`` (``submit`` gives a ``Pending``), so the group task and
``process_file`` judge a file by one code path whichever executor read it; the read itself is the
same ``flows._pool._call`` (a ``MemoryError`` becomes ``TOO_LARGE``, a defect ``INTERNAL``).

The time limit per file is kept in two layers, as locally: the extractor's own deadline
(``TDKT_FILE_TIMEOUT_S``, checked between pages and capping each Tesseract call) ends a slow file
with ``FILE_TIMEOUT``; the hard limit 5 s later gives up waiting on a reader stuck in native code
and quarantines the file ``FILE_TIMEOUT`` too. A thread cannot be killed: the stuck reader is left
behind (a daemon thread) and the next file starts in a fresh thread. The per-file memory limit of
the local pool (``RLIMIT_DATA``) is not set in a Dask worker, whose own memory it would also cap;
on a cluster the nanny's ``--memory-limit`` bounds each worker.

Tesseract: one process per core *per machine*, shared by every worker process on it, through the
same kernel-released ``flock`` slots as the local pool (``extractors._slots``), in a folder of the
machine's temporary directory. A scan's pages are read on as many Tesseract processes as the
worker has threads (its share of the machine: ``dask worker --nworkers 4 --nthreads 1`` on 4 cores).

Files travel as hashes, not paths: a group task opens ``<TDKT_ARCHIVE_URL>/<sha[:2]>/<sha>`` itself
(``flows._archive``: the flow's archive folder by default, an S3-compatible object store for workers
on other machines), downloads it into the worker's own ``local_directory`` and refuses bytes whose
sha256 is not the one intake computed. No disk is shared with the flow.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fcntl
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from time import monotonic as time_now
from typing import Any, TypeVar

from flows._pool import Pending, _call
from record.errors import TransientError, WorkerKilledError

T = TypeVar("T")

_slots_lock = threading.Lock()
_slots_shared = False
files_read = 0  # files this process read for group tasks (operators' tools and the tests ask the workers)


def task_runner(address: str) -> Any:
    """prefect-dask's runner on the cluster at ``address`` (``tcp://scheduler:8786``); imported
    only when asked, so a local run never loads Dask."""
    from prefect_dask import DaskTaskRunner

    client_log = logging.getLogger("distributed.client")
    if not any(isinstance(f, _QuietCancelledReconnect) for f in client_log.filters):
        client_log.addFilter(_QuietCancelledReconnect())
    return DaskTaskRunner(address=address)


class Unresponsive(Exception):
    """The scheduler answered nothing for ``seconds`` (``Watch``, the run's ``dask_unresponsive_s``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"{seconds:.0f} s")
        self.seconds = seconds


class Watch:
    """Whether the cluster's scheduler still answers, asked only while no group comes back.

    Why: a scheduler that dies closes its connections and the client cancels the run's futures at
    once; one that hangs (its process stopped, its loop blocked) or whose machine vanishes without
    a word keeps them open, and the flow would wait on its groups for ever (measured: a stopped
    scheduler held a run past 240 s). A small request with a deadline (``identity``) is asked
    each quiet ``probe_s``; after ``limit_s`` without one answer, ``lost()`` is True.
    """

    def __init__(self, client: Any, limit_s: float, probe_s: float = 10.0) -> None:
        self.client, self.limit_s, self.probe_s = client, limit_s, min(probe_s, limit_s)
        self._answered = time_now()

    def lost(self) -> bool:
        try:
            self.client.sync(self.client.scheduler.identity, callback_timeout=self.probe_s)
        except Exception:  # no answer in time, or the connection broke: counted by the clock below
            return time_now() - self._answered >= self.limit_s
        self._answered = time_now()
        return False


def threads(runner: Any) -> int | None:
    """The worker threads of the cluster ``runner`` (a started ``DaskTaskRunner``) is connected to:
    what the light files are split over (``flows._groups.light_size``); None if it has none yet."""
    return sum(runner.client.nthreads().values()) or None


class _QuietCancelledReconnect(logging.Filter):
    """Drop the client's empty ERROR and traceback when the run closes it while it is still trying to
    reconnect to a lost scheduler (distributed logs that cancellation as an error), and make its
    "Failed to reconnect to scheduler after 30.00 seconds" INFO: distributed logs it as well when
    the run closes the client within those 30 s. The run has said what happened already: each
    unread file deferred with the reason (``lost``), as a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None and issubclass(record.exc_info[0],
                                                                             asyncio.CancelledError):
            return False
        if record.levelno >= logging.ERROR and str(record.msg).startswith("Failed to reconnect to scheduler"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def machine_slots_dir() -> Path:
    """The Tesseract slot files every tdkt worker process of this machine and user shares."""
    return Path(tempfile.gettempdir()) / f"tdkt-ocr-slots-{os.getuid()}"


def share_machine_slots() -> None:
    """Once per worker process: cap Tesseract at one process per core of this machine."""
    global _slots_shared
    with _slots_lock:
        if _slots_shared:
            return
        from extractors._ocr import share_slots
        from extractors._slots import FlockSlots

        folder = machine_slots_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        share_slots(FlockSlots.create(folder, os.cpu_count() or 1))
        _slots_shared = True


def lost(exc: Exception) -> Exception:
    """What a group task the cluster lost means for its files: never a quarantine of its own.

    ``KilledWorker``: the scheduler gave the task to ``allowed-failures`` + 1 workers and each died
    under it (the OOM killer, the nanny's memory limit, an operator): deferred and counted like a
    killed local worker (``flows._kills``), so a file that kills workers every night ends quarantined.
    The scheduler lost (killed, its machine gone, the network cut): the client cancels every future
    of the run at once (``FutureCancelledError``, reason ``scheduler-connection-lost``), so the run
    does not wait on it; files whose outcomes had not come back are deferred, not counted as kills.
    Anything else of the cluster's (a lost connection) is its fault too: deferred.
    """
    if type(exc).__name__ == "KilledWorker":
        return WorkerKilledError("các tiến trình Dask đọc tệp bị dừng khi đang đọc "
                                 "(hết bộ nhớ hoặc người vận hành); không phải lỗi của tệp")
    if isinstance(exc, Unresponsive):
        return TransientError(f"bộ lập lịch Dask không trả lời trong {exc.seconds:.0f} giây (treo, hoặc máy của nó "
                              "mất kết nối) trước "
                              "khi tệp đọc xong; không phải lỗi của tệp. Hãy kiểm tra và khởi động lại bộ lập lịch "
                              "(TDKT_DASK_ADDRESS) và các worker")
    if getattr(exc, "reason", None) == "scheduler-connection-lost" or type(exc).__name__ == "CommClosedError":
        return TransientError("mất kết nối với bộ lập lịch Dask giữa lần chạy (bộ lập lịch bị dừng hoặc "
                              "mạng bị ngắt) trước khi tệp đọc xong; không phải lỗi của tệp. Hãy khởi động "
                              "lại bộ lập lịch (TDKT_DASK_ADDRESS) và các worker")
    return TransientError(f"cụm Dask không trả kết quả đọc tệp ({type(exc).__name__}: {exc}); "
                          "hãy kiểm tra bộ lập lịch và các worker")


def _settle(future: concurrent.futures.Future[Any], value: Any = None, exc: BaseException | None = None) -> bool:
    """Complete ``future`` unless the timer or the reader already did; True if this call did."""
    try:
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(value)
    except concurrent.futures.InvalidStateError:
        return False
    return True


class InProcess:
    """Reads files in this process, ``slots`` at a time, each under a hard time limit.

    Each file runs in its own daemon thread that waits for a slot; its clock starts when it gets
    one. When the limit passes first, the file's future fails with ``TimeoutError`` (``Pending``
    makes that ``FILE_TIMEOUT``) and the slot goes to the next file; the stuck thread is abandoned.
    """

    def __init__(self, slots: int = 1, *, memory_mb: int = 0, ocr_jobs: int | None = None) -> None:
        self.memory_mb = memory_mb  # only names the limit in a TOO_LARGE message; no rlimit is set
        self.ocr_jobs = ocr_jobs
        self._slots = threading.Semaphore(max(1, slots))
        self.closed = False

    def submit(self, fn: Callable[..., T], *args: Any, limit_s: float, label: str = "",
               **kwargs: Any) -> Pending[T]:
        """Start ``fn(*args, **kwargs)`` as soon as a slot is free; at most ``limit_s`` seconds."""
        if self.ocr_jobs is not None and "ocr_jobs" in kwargs:  # the flow's machine is not this one
            kwargs["ocr_jobs"] = self.ocr_jobs
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        global files_read
        with _slots_lock:
            files_read += 1
        threading.Thread(target=self._run, args=(future, fn, limit_s, args, kwargs),
                         name=f"tdkt-read-{label or fn.__name__}", daemon=True).start()
        return Pending(future, label, limit_s, closed=lambda: self.closed)

    def _run(self, future: concurrent.futures.Future[Any], fn: Callable[..., Any], limit_s: float,
             args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self._slots.acquire()
        once = threading.Lock()

        def release() -> None:  # exactly once: by the reader or by the timer, whichever is first
            if once.acquire(blocking=False):
                self._slots.release()

        def expire() -> None:
            if _settle(future, exc=concurrent.futures.TimeoutError()):
                release()

        timer = threading.Timer(limit_s, expire)
        timer.daemon = True
        timer.start()
        try:
            value = _call(fn, self.memory_mb, args, kwargs)
        except BaseException as exc:  # handed to the waiting task, which judges the file
            _settle(future, exc=exc)
        else:
            _settle(future, value)
        finally:
            timer.cancel()
            release()

    def close(self) -> None:
        self.closed = True


def here(memory_mb: int = 0) -> InProcess:
    """The executor of a group task in a Dask worker: its files one after another, in this process,
    the pages of a scan on as many Tesseract processes as the worker has threads (``--nthreads``:
    its share of the machine; ``TDKT_JOBS`` is the flow's machine, not this one)."""
    share_machine_slots()
    return InProcess(1, memory_mb=memory_mb, ocr_jobs=_worker_threads())


def _worker_threads() -> int | None:
    try:
        from distributed import get_worker

        return int(get_worker().state.nthreads)
    except (ImportError, ValueError):  # not in a Dask worker (a test, a thread of the flow)
        return None


def dask_setup(server: Any) -> None:
    """``--preload flows._dask``: import the flow's task module when the server starts, not under
    the first run (seconds).

    On a worker (``dask worker --preload flows._dask``): the readers and the task module (OpenCV,
    Tesseract's wrapper, the rules), and with ``TDKT_PIN_WORKERS`` the worker held on a core of its
    own (``pin_to_own_core``). On the scheduler (``dask scheduler --preload flows._dask``): the task
    module only. The scheduler unpickles every graph it is sent, so the first run after it started
    imported ``flows.nightly`` there (1.5 s on this machine) while every worker waited for its
    first task: 500 Word dossiers on 2 workers, the groups started 1.6 s after they were submitted.
    """
    import importlib

    from distributed import Scheduler

    if isinstance(server, Scheduler):
        importlib.import_module("flows.nightly")
        return
    without_task_profiler(server)
    if _pin_setting():
        pin_to_own_core()
    for module in ("extractors", "extractors.read", "extractors.parse", "validators", "flows.nightly"):
        importlib.import_module(module)
    share_machine_slots()


def without_task_profiler(worker: Any) -> None:
    """On Python 3.11, stop the worker's task profiler before it starts.

    Why: every 10 ms it calls ``sys._current_frames()``, which on 3.11 can deadlock with a thread
    that is ending (CPython issue 106883: a garbage collection inside it runs Dask's GC callback,
    which lets go of the interpreter while holding the lock a dying thread needs). A group task
    ends a thread per file: 2 runs in about 50 of 500 Word dossiers on 2 workers froze a worker
    until Dask replaced it, about 10 minutes later (nothing lost: its files were read again). Dask
    already turns off its event-loop profiler on 3.11 for this reason, not the task profiler.
    The cost: the dashboard's Profile page stays empty.
    """
    if sys.version_info >= (3, 12):
        return
    for name in ("profile", "profile-cycle"):
        callback = worker.periodic_callbacks.pop(name, None)
        if callback is not None:
            callback.stop()


_pin_fd: int | None = None  # the pin slot this worker holds for its whole life


def _pin_setting() -> bool:
    """``TDKT_PIN_WORKERS``, read as every setting is (``flows.settings``); a bad value stops the worker."""
    from pydantic import ValidationError

    from flows.settings import TdktSettings
    from record.errors import ConfigError

    try:
        return TdktSettings().pin_workers
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "TDKT_" + str(first["loc"][0] if first["loc"] else "pin_workers").upper()
        raise ConfigError(f"{name}: giá trị không hợp lệ cho worker Dask ({first['msg']})") from exc


def pin_to_own_core() -> int:
    """Hold this worker process, its threads and the Tesseract processes it starts on one core.

    One worker overlaps rendering the next page with Tesseract reading this one, so a lone worker on
    an idle machine borrows a second core and 2 workers are never twice 1; pinned, each worker is a
    machine of one core (scans 1.85x on 2 cores, free workers 1.6-1.74x). The core is the worker's
    place among this machine's tdkt workers: the lowest free ``pin-<n>`` slot of the machine slots
    folder, an exclusive ``flock`` kept open for the process's life, so the kernel frees it when the
    worker dies and the nanny's new worker takes it again. Not the worker's name: ``--nworkers``
    processes of one ``dask worker`` and the containers of one host number themselves apart. The
    (n+1)-th worker of an n-core machine shares the first core. Returns the core.
    """
    global _pin_fd
    with _slots_lock:
        cores = sorted(os.sched_getaffinity(0))
        if _pin_fd is not None:
            return cores[0]
        folder = machine_slots_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        slot = 0
        while True:
            fd = os.open(folder / f"pin-{slot}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                slot += 1
                continue
            break
        _pin_fd = fd
        core = cores[slot % len(cores)]
        # every thread the process already has (the event loop's, Dask's, Prefect's): a thread or a
        # child process started later inherits the affinity of the thread that starts it
        for thread in Path("/proc/self/task").iterdir():
            try:
                os.sched_setaffinity(int(thread.name), {core})
            except ProcessLookupError:  # a thread that ended meanwhile
                continue
        return core
