"""Each file is read in a process of its own, so a file can be stopped however it misbehaves.

A thread cannot be killed: a PDF page that sends pdfminer into a loop, or a crash inside pdfium or
Pillow, would hold a worker (or end the run) for good. Reading in a child process lets the flow
kill it when the file's time is up (``FileTimeoutError``), and turns a crash into one quarantined
file (``WorkerCrashedError``) while the batch goes on.

Children come from a fork server that has already imported the extractors, so starting one costs
milliseconds, not a fresh interpreter. Tesseract slots are one semaphore shared by all children,
so the whole run keeps one Tesseract process per core.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from record.errors import FileTimeoutError, TdktError, WorkerCrashedError

T = TypeVar("T")

_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload(["extractors", "extractors.read", "extractors.parse", "validators"])
_slots: Any = None


def shared_ocr_slots(jobs: int) -> Any:
    """The run's Tesseract slots, shared by every child (created once per process)."""
    global _slots
    if _slots is None:
        _slots = _CTX.BoundedSemaphore(max(1, jobs))
    return _slots


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
           slots: Any) -> None:
    if slots is not None:
        from extractors._ocr import share_slots

        share_slots(slots)
    try:
        conn.send(("ok", fn(*args, **kwargs)))
    except TdktError as exc:
        conn.send(("error", exc))
    except Exception as exc:  # sent back as text: the parent quarantines the file as INTERNAL
        conn.send(("defect", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class IsolatedDefect(Exception):
    """An unexpected exception inside the child; the message names its type."""


def run_isolated(fn: Callable[..., T], *args: Any, limit_s: float, slots: Any = None,
                 label: str = "", **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a child process, killed after ``limit_s`` seconds."""
    receive, send = _CTX.Pipe(duplex=False)
    proc = _CTX.Process(target=_child, args=(send, fn, args, kwargs, slots), daemon=True,
                        name=f"tdkt-file-{label}"[:60])
    proc.start()
    send.close()
    try:
        if not receive.poll(limit_s):
            proc.kill()
            raise FileTimeoutError(f"đọc tệp quá {limit_s:.0f} giây (TDKT_FILE_TIMEOUT_S); đã dừng", path=label or None)
        try:
            kind, payload = receive.recv()
        except EOFError:  # the child died without a word: a crash in a native library
            proc.join(5)
            raise WorkerCrashedError(
                f"tiến trình đọc tệp bị dừng đột ngột (mã {proc.exitcode}); tệp có thể hỏng", path=label or None
            ) from None
    finally:
        receive.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
    if kind == "ok":
        return payload  # type: ignore[no-any-return]
    if kind == "error":
        raise payload
    raise IsolatedDefect(payload)
