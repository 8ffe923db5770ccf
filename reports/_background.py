"""The workbook and the charts made in child processes while this one renders the page (issue 9,
point 14).

Writing the council's workbook is the report's largest cost (openpyxl, a cell at a time) and the
page's charts and HTML the next; each holds one core. The run's worker processes are idle by the
time the report is written, so the workbook and the fairness charts (matplotlib) go to child
processes and the Data Docs and the page are made here meanwhile.

The child gets the rows ready made (``reports.workbook.Sheet``: plain values); it writes the file
exactly as ``write_sheets`` does in this process. If the child cannot be started or dies, the
workbook is written here instead: never a report without its workbook.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

from reports.workbook import Sheet, write_sheets

_log = logging.getLogger(__name__)
T = TypeVar("T")
CHILDREN = 2  # the workbook and the charts, each beside the page's rendering


class Background:
    """``bg = Background(); write_workbook(..., write=bg.write); ...; bg.wait()``."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: list[tuple[Future[Path], list[Sheet], Path]] = []

    def _submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._pool is None:
            # forkserver: the run's pool already uses it; never fork a process with Prefect's threads
            self._pool = ProcessPoolExecutor(CHILDREN, mp_context=multiprocessing.get_context("forkserver"))
        return self._pool.submit(fn, *args)

    def write(self, sheets: list[Sheet], path: Path) -> Path:
        """Start writing ``path``; return it at once (it is written when ``wait`` returns)."""
        try:
            self._jobs.append((self._submit(write_sheets, sheets, path), sheets, path))
        except (OSError, RuntimeError, BrokenProcessPool) as exc:
            _log.warning("the workbook is written in this process (no child process: %s)", exc)
            write_sheets(sheets, path)
        return path

    def call(self, fn: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Start ``fn(*args)`` in a child (the fairness charts); the returned function gives its
        result, computed here if the child could not."""
        try:
            future = self._submit(fn, *args)
        except (OSError, RuntimeError, BrokenProcessPool) as exc:
            _log.warning("%s runs in this process (no child process: %s)", fn.__name__, exc)
            value = fn(*args)
            return lambda: value

        def result() -> T:
            try:
                return future.result()
            except (OSError, BrokenProcessPool) as failed:
                _log.warning("%s: the child process failed (%s); running it here", fn.__name__, failed)
                return fn(*args)

        return result

    def wait(self) -> None:
        """Every workbook written (here, if its child failed); the child process ended."""
        try:
            for future, sheets, path in self._jobs:
                try:
                    future.result()
                except (OSError, BrokenProcessPool) as failed:  # the child died or could not write: here
                    _log.warning("the workbook's child process failed (%s); writing it here", failed)
                    write_sheets(sheets, path)
        finally:
            self._jobs.clear()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
