"""Tesseract slots the kernel gives back when the process holding one dies.

The run caps Tesseract at one process per core across all its worker processes. A
``multiprocessing`` semaphore cannot do that safely: a worker killed while it holds the semaphore
(the OOM killer, an operator's ``kill -9``) never releases it, and after two such kills every later
scanned page waits out its time limit (issue 9, point 2). Here a slot is an exclusive ``flock`` on
one of N files in a folder of the run: the lock belongs to an open file description, so the
kernel drops it the moment the holder's descriptors close, whether it returned, raised or died.

The descriptor is opened close-on-exec (Python's default), so the Tesseract process a worker starts
does not inherit the lock and cannot keep it after its parent died.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from types import TracebackType

POLL_S = 0.02  # a page of OCR takes ~1 s: 20 ms of polling is noise, and costs no CPU worth counting


class FlockSlots:
    """N slots as N lock files; ``with slots:`` holds one of them (per thread, re-entrant free)."""

    def __init__(self, folder: Path, n: int) -> None:
        self.folder = Path(folder)
        self.n = max(1, n)
        self._held = threading.local()

    @classmethod
    def create(cls, folder: Path, n: int) -> FlockSlots:
        """Create the slot files (the pool's owner does it once, before its workers start)."""
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(max(1, n)):
            (folder / f"slot-{i}").touch(exist_ok=True)
        return cls(folder, n)

    def acquire(self) -> int:
        """Take a free slot, waiting as long as it takes; returns the slot's number."""
        start = os.getpid() + threading.get_ident()  # spread the first try over the slots
        while True:
            for k in range(self.n):
                i = (start + k) % self.n
                fd = os.open(self.folder / f"slot-{i}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                self._stack().append(fd)
                return i
            time.sleep(POLL_S)

    def release(self) -> None:
        """Give back the slot this thread took last (closing the descriptor drops the lock)."""
        os.close(self._stack().pop())

    def _stack(self) -> list[int]:
        stack: list[int] | None = getattr(self._held, "fds", None)
        if stack is None:
            stack = self._held.fds = []
        return stack

    def __enter__(self) -> FlockSlots:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def __reduce__(self) -> tuple[object, ...]:
        # a worker gets the folder and the count, never another process's descriptors
        return (FlockSlots, (self.folder, self.n))
