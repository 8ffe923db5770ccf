"""The workbook written in a child process while this one renders the page (issue 9, point 14).

Writing the council's workbook is the report's largest cost (openpyxl, a cell at a time) and the
page's charts and HTML the next; each holds one core. The run's worker processes are idle by the
time the report is written, so the workbook goes to a child process of its own and the page is
rendered meanwhile: on 2 cores the report takes about as long as its larger half.

The child gets the rows ready made (``reports.workbook.Sheet``: plain values); it writes the file
exactly as ``write_sheets`` does in this process. If the child cannot be started or dies, the
workbook is written here instead: never a report without its workbook.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from reports.workbook import Sheet, write_sheets

_log = logging.getLogger(__name__)


class Background:
    """``bg = Background(); write_workbook(..., write=bg.write); ...; bg.wait()``."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: list[tuple[Future[Path], list[Sheet], Path]] = []

    def write(self, sheets: list[Sheet], path: Path) -> Path:
        """Start writing ``path``; return it at once (it is written when ``wait`` returns)."""
        try:
            if self._pool is None:
                # forkserver: the run's pool already uses it; never fork a process with Prefect's threads
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
            self._jobs.append((self._pool.submit(write_sheets, sheets, path), sheets, path))
        except (OSError, RuntimeError, BrokenProcessPool) as exc:
            _log.warning("the workbook is written in this process (no child process: %s)", exc)
            write_sheets(sheets, path)
        return path

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
