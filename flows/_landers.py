"""Landing on two threads when outcomes arrive by the dozen (issue 9, point 14).

Each file lands in its own DuckDB transaction. A transaction of a Word dossier costs ~10-25 ms,
most of it the commit waiting on the disk and the per-statement work DuckDB does with the GIL
released, so one thread landing 500 files was the flow's bottleneck. A group of light files
(``flows._groups``) is therefore landed on ``LANDERS`` threads, each with its own connection to
the one warehouse (``Warehouse.cursor``); DuckDB runs their transactions side by side. A small
group (a scan, a handful of files) lands on the flow's own thread, in order.

Which outcome each file ends with does not depend on the thread: ``land`` is the same function.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from landing import Warehouse
from record.outcome import FileOutcome

LANDERS = 2
SPREAD_FROM = 8  # outcomes arriving together: fewer than this land on the flow's thread


class Landers:
    """``submit(outcomes)`` lands them (inline or on the landing threads); ``drain()`` collects."""

    def __init__(self, warehouse: Warehouse, land: Callable[[Warehouse, FileOutcome], FileOutcome],
                 done: Callable[[FileOutcome], None]) -> None:
        self._warehouse, self._land, self._done = warehouse, land, done
        self._local = threading.local()
        self._views: list[Warehouse] = []
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[FileOutcome]] = []

    def _view(self) -> Warehouse:
        view: Warehouse | None = getattr(self._local, "view", None)
        if view is None:
            view = self._local.view = self._warehouse.cursor()
            with self._lock:
                self._views.append(view)
        return view

    def _land_here(self, outcome: FileOutcome) -> FileOutcome:
        return self._land(self._view(), outcome)

    def submit(self, outcomes: list[FileOutcome]) -> None:
        if len(outcomes) < SPREAD_FROM:
            for outcome in outcomes:
                self._done(self._land(self._warehouse, outcome))
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(LANDERS, thread_name_prefix="tdkt-land")
        self._pending.extend(self._pool.submit(self._land_here, o) for o in outcomes)
        self._collect(wait=False)

    def _collect(self, *, wait: bool) -> None:
        keep: list[Future[FileOutcome]] = []
        for future in self._pending:
            if wait or future.done():
                self._done(future.result())
            else:
                keep.append(future)
        self._pending = keep

    def drain(self) -> None:
        """Wait for every landing, hand over their outcomes, close the extra connections."""
        try:
            self._collect(wait=True)
        finally:
            self.close()

    def close(self, *_: Any) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for view in self._views:
            view.close()
        self._views.clear()
