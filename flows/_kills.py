"""How many runs in a row a file's worker was killed from outside: deferred, but not forever.

A worker killed by SIGKILL (the OOM killer, an operator) defers its file: usually the machine was
short of memory, not the file at fault. But a file that itself drives its worker into the OOM
killer would then be deferred every night, and every night would exit 3. So each kill is counted
per file (by its hash) in a small JSON file beside the warehouse, and the
``TDKT_MAX_WORKER_KILLS``-th kill quarantines the file as ``WORKER_CRASHED``. A file that lands or
is quarantined is forgotten.

A file and not a warehouse table: the count must survive a warehouse that refused the write, and
it is operational state, not data anyone queries.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

_log = logging.getLogger(__name__)


class KillCounts:
    """Kills per file hash, read at the start of a run and written after each change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            self.counts: dict[str, int] = {str(k): int(v) for k, v in raw.items()}
        except FileNotFoundError:
            self.counts = {}
        except (OSError, ValueError, AttributeError) as exc:  # a damaged count file: start again
            _log.warning("ignoring unreadable worker kill counts %s: %s", path, exc)
            self.counts = {}

    @classmethod
    def beside(cls, warehouse: Path) -> KillCounts:
        return cls(warehouse.with_name(f"{warehouse.name}.worker-kills.json"))

    def add(self, sha256: str) -> int:
        """Count one more kill under this file; returns the count so far."""
        self.counts[sha256] = self.counts.get(sha256, 0) + 1
        self._save()
        return self.counts[sha256]

    def forget(self, sha256: str) -> None:
        if self.counts.pop(sha256, None) is not None:
            self._save()

    def _save(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(self.counts, indent=0, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:  # a full disk must not end the run: the count is a safety net
            _log.warning("could not save worker kill counts %s: %s", self.path, exc)
            tmp.unlink(missing_ok=True)
