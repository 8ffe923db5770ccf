"""A Prefect server for ``tdkt serve`` when none is configured.

Prefect cannot schedule on the temporary in-process server it starts by itself, so a nightly
deployment served there would never run. With no ``PREFECT_API_URL`` set, ``tdkt serve`` starts
a real ``prefect server`` on 127.0.0.1 (its UI shows the runs), waits until it answers, serves the
deployment against it, and stops it on exit. Its database lives in ``PREFECT_HOME`` (default
``~/.prefect``), so the run history survives restarts.

``tdkt run`` starts one the same way (``temporary_server``: a free port, no UI, no services)
instead of Prefect's own temporary server, because that one outlived a ``kill -9`` of its parent
(about 200 MB orphaned each time, issue 9 point 9). Every server started here dies with the
process that started it, however that process ends: the child asks the kernel for SIGTERM when its
parent dies (``prctl(PR_SET_PDEATHSIG)``, Linux), and the parent stops it on a normal exit.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from record.errors import ConfigError

_log = logging.getLogger(__name__)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:  # noqa: S310 (loopback only)
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> Callable[[], None]:
    """A ``preexec_fn``: SIGTERM to this child when the process that started it dies (Linux)."""

    def preexec() -> None:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request: go now
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def temporary_server(timeout_s: float = 90.0) -> Iterator[str]:
    """A server for one ``tdkt run``: a free port, no UI, no background services; dies with us."""
    with local_server(free_port(), timeout_s, ui=False, services=False) as url:
        yield url


@contextmanager
def local_server(port: int = 4200, timeout_s: float = 90.0, *, ui: bool = True,
                 services: bool = True) -> Iterator[str]:
    """Start ``prefect server`` on 127.0.0.1:``port``; yield its API URL; stop it on exit."""
    url = f"http://127.0.0.1:{port}/api"
    if _healthy(url):  # one is already running there (another terminal): use it
        yield url
        return
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    if not ui:
        args.append("--no-ui")
    if not services:
        args.append("--no-services")
    # the server's log goes to a file: a pipe nobody reads would fill up and stall the server
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / f"tdkt-server-{port}.log"
    with log_path.open("a", encoding="utf-8") as log:
        # its own process group: the server's workers go with it when it is stopped
        # and it dies with this process even on kill -9 (_die_with_parent)
        proc = subprocess.Popen(
            args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_die_with_parent(os.getpid()),
        )
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(url):
            if proc.poll() is not None:
                err = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
                raise ConfigError(f"không khởi động được Prefect server ở cổng {port} (nhật ký {log_path}): "
                                  f"{' / '.join(err)}")
            if time.monotonic() > deadline:
                raise ConfigError(f"Prefect server ở cổng {port} không trả lời sau {timeout_s:.0f} giây")
            time.sleep(0.2)
        _log.log(logging.WARNING if ui else logging.INFO,
                 "Prefect server started at http://127.0.0.1:%d%s, log %s", port, " (UI)" if ui else "", log_path)
        yield url
    finally:
        _stop_group(proc)
        # the port is free when serve returns: a caller (or the next serve) can rely on it
        deadline = time.monotonic() + 10
        while _healthy(url) and time.monotonic() < deadline:
            time.sleep(0.2)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL after 15 s; never raises for a group already gone."""
    for sig, wait_s in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue
