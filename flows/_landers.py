"""Landing a group of files in one transaction, on two threads when groups arrive by the dozen
(issue 9, point 14).

The files of a group that are ready to land go into the warehouse in **one** transaction
(``Warehouse.land_many``: a dozen statements and one commit for the group, not for each file). If
that transaction fails, nothing of it is written and the group is landed again one file at a time,
each in its own transaction as before, so one bad file never takes the others with it and each
file ends whole or absent with its own outcome. Quarantines land one by one.

A file alone in its transaction cost ~40 ms (a dozen statements of ~3 ms each whatever their rows,
and the commit); a group of 48 costs about as much as two files alone. Groups of light files
(``flows._groups``) land on ``LANDERS`` threads, each with its own connection to the one warehouse
(``Warehouse.cursor``); DuckDB runs their transactions side by side. A small group (a scan, a
handful of files) lands on the flow's own thread, in order.

Which outcome each file ends with does not depend on the thread or the grouping: a file that lands
in a group would land alone (the same rows), and one that does not is judged alone by ``land``.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from landing import Warehouse
from record.outcome import FileOutcome

LANDERS = 2
SPREAD_FROM = 8  # outcomes arriving together: fewer than this land on the flow's thread
_log = logging.getLogger(__name__)


class Landers:
    """``submit(outcomes)`` lands them (inline or on the landing threads); ``drain()`` collects."""

    def __init__(self, warehouse: Warehouse, land: Callable[[Warehouse, FileOutcome], FileOutcome],
                 done: Callable[[FileOutcome], None],
                 land_many: Callable[[Warehouse, list[FileOutcome]], None] | None = None) -> None:
        self._warehouse, self._land, self._done, self._land_many = warehouse, land, done, land_many
        self._local = threading.local()
        self._views: list[Warehouse] = []
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[list[FileOutcome]]] = []

    def _view(self) -> Warehouse:
        view: Warehouse | None = getattr(self._local, "view", None)
        if view is None:
            view = self._local.view = self._warehouse.cursor()
            with self._lock:
                self._views.append(view)
        return view

    def _land_group(self, warehouse: Warehouse, outcomes: list[FileOutcome]) -> list[FileOutcome]:
        """The group's landed files in one transaction, the rest (and all, if it fails) one by one."""
        together = [o for o in outcomes if o.status == "landed" and o.record is not None]
        if self._land_many is None or len(together) < 2:
            return [self._land(warehouse, o) for o in outcomes]
        try:
            self._land_many(warehouse, together)
        except Exception as exc:  # whatever refused the group: each file alone says which, and why
            _log.info("a group of %d files could not land together (%s: %s); landing them one by one",
                      len(together), type(exc).__name__, exc)
            return [self._land(warehouse, o) for o in outcomes]
        landed = {id(o) for o in together}
        return [o if id(o) in landed else self._land(warehouse, o) for o in outcomes]

    def _land_here(self, outcomes: list[FileOutcome]) -> list[FileOutcome]:
        return self._land_group(self._view(), outcomes)

    def submit(self, outcomes: list[FileOutcome]) -> None:
        if len(outcomes) < SPREAD_FROM:
            for outcome in self._land_group(self._warehouse, outcomes):
                self._done(outcome)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(LANDERS, thread_name_prefix="tdkt-land")
        # in the run's context: a landing thread that logs through the run's logger (a file that
        # could not land) reaches the run's API; without it Prefect starts a temporary server of its own
        self._pending.append(self._pool.submit(contextvars.copy_context().run, self._land_here, outcomes))
        self._collect(wait=False)

    def _collect(self, *, wait: bool) -> None:
        keep: list[Future[list[FileOutcome]]] = []
        for future in self._pending:
            if wait or future.done():
                for outcome in future.result():
                    self._done(outcome)
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
