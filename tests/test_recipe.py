"""README's cluster recipe run by hand, as separate processes (issue 10, points 1, 2 and 4).

No container engine here, so ``deploy/compose.yaml`` cannot run; each of its parts runs as a plain
process instead: ``dask scheduler`` and ``dask worker … --preload flows._dask`` started with the very
commands README's "On a Dask cluster" block gives (read from README.md, the address and port
swapped for free ones), each in its own folder and process group, cwd not the flow's; a moto S3
server process as the object store (``TDKT_ARCHIVE_URL=s3://…`` and ``AWS_*`` for the flow and the
workers); the session's PostgreSQL as the warehouse; and ``tdkt run --cluster`` as a child process.
Then the scheduler is killed in the middle of a run, and the workers' pinning to cores is read back.
Every process group is killed at the end, whatever happened.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pytest

from landing import Warehouse
from tests.pg_server import new_database
from tests.test_postgres import WORD_SAMPLES, _assert_same_rows

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the venv's dask, tdkt, moto_server
SAMPLES = ROOT / "data" / "samples" / "files"
SCAN = "scan_bctt_duong_thi_my.pdf"  # two pages: seconds of OCR that hold a worker
BUCKET = "tdkt-archive"
START_S = 60.0  # the cluster's processes up and its workers registered (imports on a shared machine)
LOST_BOUND_S = 60.0  # a run whose scheduler died ends within this long


def _by_value() -> None:
    """The workers import ``flows`` from ``PYTHONPATH``, not this test module: the small functions
    the test runs in them (``client.run``) travel by value."""
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])


_by_value()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def recipe() -> dict[str, tuple[dict[str, str], list[str]]]:
    """The commands of README's cluster block: ``{"dask scheduler": (env, argv), "dask worker": …,
    "tdkt run": …}``, continuation lines joined, comments and ``&`` dropped, ``NAME=value`` prefixes
    as the environment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("\nStart a cluster.", 1)[1].split("```bash\n", 1)[1].split("\n```", 1)[0]
    commands: dict[str, tuple[dict[str, str], list[str]]] = {}
    for line in block.replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip().removesuffix("&").strip()
        if not line:
            continue
        words = shlex.split(line)
        env = {}
        while re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
            name, value = words.pop(0).split("=", 1)
            env[name] = value
        commands[f"{Path(words[0]).name} {words[1]}"] = (env, words)
    return commands


def _argv(words: list[str], address: str) -> list[str]:
    """A README command for this machine: the venv's executables, the scheduler at ``address``."""
    out = [str(BIN / w.removeprefix(".venv/bin/")) if w.startswith(".venv/bin/") else
           w.replace("tcp://scheduler:8786", address) for w in words]
    if "--port" in out:
        out[out.index("--port") + 1] = address.rsplit(":", 1)[1]
    return out


class Processes:
    """Child processes, each the leader of its own process group; ``kill_all`` ends every group."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def spawn(self, argv: list[str], folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tmp").mkdir(exist_ok=True)
        full = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(folder / "tmp"), **env}
        with (folder / "out.log").open("ab") as out, (folder / "err.log").open("ab") as err:
            proc = subprocess.Popen(argv, cwd=folder, env=full, stdout=out, stderr=err, start_new_session=True)
        self.started.append(proc)
        return proc

    def kill_all(self) -> None:
        for proc in self.started:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        for proc in self.started:
            with suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)


@contextmanager
def processes() -> Iterator[Processes]:
    procs = Processes()
    try:
        yield procs
    finally:
        procs.kill_all()


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {p}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(folder.rglob("*.log")))


def spawn_cluster(procs: Processes, folder: Path, env: dict[str, str], *,
                  pin: bool = True) -> tuple[str, subprocess.Popen[bytes]]:
    """README's scheduler and worker commands as two process groups; the scheduler's address and
    process, at once (``wait_for_workers`` waits for them)."""
    commands = recipe()
    address = f"tcp://127.0.0.1:{_free_port()}"
    s_env, s_words = commands["dask scheduler"]
    scheduler = procs.spawn(_argv(s_words, address), folder / "scheduler", {**env, **s_env})
    w_env, w_words = commands["dask worker"]
    w_env = {**env, **w_env}
    if not pin:
        w_env.pop("TDKT_PIN_WORKERS", None)
    procs.spawn(_argv(w_words, address), folder / "workers", w_env)
    return address, scheduler


def wait_for_workers(address: str, scheduler: subprocess.Popen[bytes], folder: Path, workers: int = 2) -> None:
    """Until ``workers`` workers (``--nworkers 2``) have registered with the scheduler; 0: until the
    scheduler accepts a connection (a run may start then: its tasks wait for the workers)."""
    from dask.distributed import Client

    deadline = time.monotonic() + START_S
    while True:
        try:
            with Client(address, timeout=5) as client:
                if workers:
                    client.wait_for_workers(workers, timeout=max(1.0, deadline - time.monotonic()))
            return
        except (OSError, TimeoutError) as exc:
            if time.monotonic() > deadline or scheduler.poll() is not None:
                raise AssertionError(f"the cluster did not start: {exc}\n{_logs(folder)}") from exc
            time.sleep(0.2)


def _prefect_env() -> dict[str, str]:
    """The session's Prefect test server, for a child ``tdkt run`` (no server of its own per run)."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    assert url, "prefect_harness sets the API URL"
    return {"PREFECT_API_URL": str(url), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def tdkt_run(procs: Processes, folder: Path, address: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """README's ``tdkt run`` line, against the scheduler at ``address``."""
    r_env, r_words = recipe()["tdkt run"]
    return procs.spawn(_argv(r_words, address), folder, {**env, **r_env, **_prefect_env()})


def _finish(proc: subprocess.Popen[bytes], folder: Path, timeout: float) -> tuple[int, str, str]:
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"tdkt run did not end within {timeout:.0f} s\n{_logs(folder.parent)}") from exc
    return code, (folder / "out.log").read_text(errors="replace"), (folder / "err.log").read_text(errors="replace")


@pytest.fixture(scope="module")
def object_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """moto's S3 server as a process of its own, a bucket in it; the archive URL and the ``AWS_*``
    variables the flow and every worker get (as ``deploy/compose.yaml`` gives them)."""
    if not (BIN / "moto_server").exists():
        pytest.skip("moto's server is not installed (pip install 'moto[server]')")
    import s3fs

    port = _free_port()
    env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "tdkt",
           "AWS_SECRET_ACCESS_KEY": "tdkt-test-only", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_EC2_METADATA_DISABLED": "true"}
    with processes() as procs:
        server = procs.spawn([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                             tmp_path_factory.mktemp("moto"), {})
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None and time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.1)
        s3fs.S3FileSystem(skip_instance_cache=True, endpoint_url=env["AWS_ENDPOINT_URL"], key="tdkt",
                          secret="tdkt-test-only").mkdir(BUCKET)
        yield {**env, "TDKT_ARCHIVE_URL": f"s3://{BUCKET}/archive"}


def _affinity() -> list[int]:
    return sorted(os.sched_getaffinity(0))


def _reading(name: str) -> bool:
    """In a worker: is a reader thread of ``flows._dask.InProcess`` busy with ``name``?"""
    return any(t.name == f"tdkt-read-{name}" and t.is_alive() for t in threading.enumerate())


def _state(name: str) -> tuple[bool, list[int]]:
    return _reading(name), _affinity()


def _files_read() -> int:
    from flows import _dask

    return _dask.files_read


def _task_profiler_on(dask_worker: Any) -> bool:
    return "profile" in dask_worker.periodic_callbacks


def _imported(module: str) -> bool:
    import sys

    return module in sys.modules


def _fetched() -> list[str]:
    from flows import _archive

    return list(_archive.fetched_urls)


def test_readme_recipe_as_processes_lands_in_postgresql_the_rows_of_a_local_duckdb_run(
        prefect_harness: None, pg_url: str, object_store: dict[str, str], tmp_path: Path) -> None:
    """README's three commands, each a process: the workers fetch every file from the S3 server by
    URL, the flow lands in PostgreSQL exactly the rows a local DuckDB run lands, and each worker is
    held on a core of its own (``TDKT_PIN_WORKERS=1`` in the recipe)."""
    from dask.distributed import Client

    from flows.nightly import run_nightly
    from flows.settings import TdktSettings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in WORD_SAMPLES:  # six Word dossiers and one empty file (quarantined)
        shutil.copy(SAMPLES / name, inbox / name)
    pg_db = new_database(pg_url, "recipe")
    env = {**object_store, "TDKT_INBOX": str(inbox), "TDKT_WAREHOUSE": pg_db,
           "TDKT_REPORTS": str(tmp_path / "flow" / "reports"), "TDKT_ARCHIVE": str(tmp_path / "flow" / "archive"),
           "TDKT_PUBLISHED": str(tmp_path / "flow" / "published")}
    with processes() as procs:
        address, scheduler = spawn_cluster(procs, tmp_path / "cluster", object_store)
        wait_for_workers(address, scheduler, tmp_path / "cluster", workers=0)
        with Client(address, timeout=10) as client:  # preloaded: not imported under the first run's graph
            preloaded = client.run_on_scheduler(_imported, "flows.nightly")
        run = tdkt_run(procs, tmp_path / "flow", address, env)  # its group waits for the workers
        duck = tmp_path / "duck"  # the local run, in this process, meanwhile
        local = run_nightly(TdktSettings(inbox=inbox, warehouse=duck / "wh" / "tdkt.duckdb", reports=duck / "r",
                                         archive=duck / "a", jobs=1))
        code, out, err = _finish(run, tmp_path / "flow", 120)
        wait_for_workers(address, scheduler, tmp_path / "cluster")
        with Client(address, timeout=10) as client:
            read = client.run(_files_read)
            fetched = [url for urls in client.run(_fetched).values() for url in urls]
            cores = client.run(_affinity)
            profiling = client.run(_task_profiler_on)

    assert code == 0, f"exit {code}\n{out}\n{err}"
    assert "7 seen, 6 landed, 0 skipped, 1 quarantined" in out, out
    assert preloaded, "README's scheduler imports the task module when it starts (--preload flows._dask)"
    # Python 3.11: no task profiler, whose sys._current_frames() can freeze a worker (flows._dask)
    assert list(profiling.values()) == [sys.version_info >= (3, 12)] * 2, profiling
    assert (local.landed, local.quarantined) == (6, 1)
    assert len(read) == 2 and sum(read.values()) >= 6  # read in the two worker processes
    assert fetched and all(url.startswith(object_store["TDKT_ARCHIVE_URL"] + "/") for url in fetched)
    _assert_same_rows(pg_db, duck / "wh" / "tdkt.duckdb")
    with Warehouse(pg_db) as wh:  # every file the flow took was fetched by a worker from the S3 server
        taken = {sha for (sha,) in wh.connection.execute("SELECT sha256 FROM ingested_files").fetchall()}
    assert {url.rsplit("/", 1)[1] for url in fetched} == taken
    # pinned: one core each, two different cores (on a machine that has two)
    machine = _affinity()
    assert all(len(c) == 1 and set(c) <= set(machine) for c in cores.values()), cores
    assert len({c[0] for c in cores.values()}) == min(2, len(machine)), cores


# A worker's preload, as far as pinning goes: pin, then report the core, and what a thread started
# afterwards and the process it starts (Tesseract's place) are held on; then live until killed.
_PINNED_WORKER = """
import os, subprocess, sys, threading, time
from flows._dask import pin_to_own_core
core = pin_to_own_core()
seen = []
def child():
    seen.append(subprocess.run([sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"],
                               capture_output=True, text=True, check=True).stdout.strip())
thread = threading.Thread(target=child)
thread.start()
thread.join()
print(core, sorted(os.sched_getaffinity(0)), seen[0], flush=True)
time.sleep(300)
"""


def test_a_dead_workers_core_goes_to_the_worker_that_replaces_it(tmp_path: Path) -> None:
    """The pin slot is a ``flock`` of the living process: a worker killed by SIGKILL (the OOM killer)
    frees its core for the next one, while the other worker keeps its own; the process a pinned
    worker's thread starts (Tesseract) is held on the same core."""
    machine = _affinity()
    if len(machine) < 2:
        pytest.skip("one core: nothing to pin apart")
    procs = Processes()

    def worker(name: str) -> tuple[subprocess.Popen[bytes], str]:
        """A new worker's pid and what it reports: ``"<core> [<its cores>] [<its child's cores>]"``."""
        proc = procs.spawn([sys.executable, "-c", _PINNED_WORKER], tmp_path / name, {"TMPDIR": str(tmp_path)})
        return proc, _first_line(proc, tmp_path / name / "out.log")

    try:
        (a, said_a), (_, said_b) = worker("a"), worker("b")
        core_a, core_b = said_a.split(" ", 1)[0], said_b.split(" ", 1)[0]
        assert {int(core_a), int(core_b)} == set(machine[:2])
        for core, said in ((core_a, said_a), (core_b, said_b)):
            assert said == f"{core} [{core}] [{core}]"  # the worker, and the process its thread started
        os.killpg(a.pid, signal.SIGKILL)
        a.wait(timeout=10)
        assert worker("c")[1].split(" ", 1)[0] == core_a  # a's core; b keeps its own
    finally:
        procs.kill_all()


def _first_line(proc: subprocess.Popen[bytes], log: Path, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while not log.read_text().strip():
        assert proc.poll() is None, (log.parent / "err.log").read_text()
        assert time.monotonic() < deadline, "the worker did not report its core"
        time.sleep(0.05)
    return log.read_text().strip().splitlines()[0]


def _after(warehouse: Path) -> tuple[list[tuple[str, str]], tuple[bool] | None]:
    """The files a run left in the warehouse, and whether each landed once."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        files = con.execute("SELECT path, status FROM ingested_files ORDER BY path").fetchall()
        once = con.execute("SELECT count(*) = count(DISTINCT sha256) FROM ingested_files").fetchone()
    finally:
        con.close()
    return files, once


def test_a_scheduler_lost_mid_run_defers_the_unread_files_and_a_fresh_cluster_lands_them(
        prefect_harness: None, object_store: dict[str, str], tmp_path: Path) -> None:
    """SIGKILL to the scheduler while a worker reads a scan: the run ends within a bound with exit 3
    and a message naming the cluster; the scan is deferred ``TRANSIENT`` (not marked seen, not
    quarantined, not counted as a kill), the Word files that came back land once; the next run on a
    fresh cluster lands the scan and nothing twice."""
    from dask.distributed import Client

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (SCAN, *WORD_SAMPLES[:2]):
        shutil.copy(SAMPLES / name, inbox / name)
    warehouse = tmp_path / "wh" / "tdkt.duckdb"
    env = {**object_store, "TDKT_INBOX": str(inbox), "TDKT_WAREHOUSE": str(warehouse),
           "TDKT_REPORTS": str(tmp_path / "reports"), "TDKT_ARCHIVE": str(tmp_path / "archive")}
    with processes() as first, processes() as second:
        address, scheduler = spawn_cluster(first, tmp_path / "cluster-1", object_store, pin=False)
        wait_for_workers(address, scheduler, tmp_path / "cluster-1", workers=0)
        run = tdkt_run(first, tmp_path / "run-1", address, env)  # its tasks wait for the workers
        deadline = time.monotonic() + 90
        with Client(address, timeout=10) as client:
            while True:  # until a worker reads the scan, and both workers have said where they run
                state = client.run(_state, SCAN)
                if any(reading for reading, _ in state.values()) and len(state) == 2:
                    break
                assert run.poll() is None, "the run ended before a worker read the scan"
                assert time.monotonic() < deadline, "no worker started reading the scan"
                time.sleep(0.05)
        os.kill(scheduler.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        # the next night's cluster, fresh, starts while this run ends
        fresh, fresh_scheduler = spawn_cluster(second, tmp_path / "cluster-2", object_store, pin=False)
        code, out, err = _finish(run, tmp_path / "run-1", LOST_BOUND_S + 30)
        took = time.monotonic() - killed_at
        first.kill_all()  # the old workers, still reading the scan for nobody
        first_report = next((tmp_path / "reports").glob("*_tdkt.html")).read_text(encoding="utf-8")
        files, landed_once = _after(warehouse)
        wait_for_workers(fresh, fresh_scheduler, tmp_path / "cluster-2", workers=0)
        code2, out2, err2 = _finish(tdkt_run(second, tmp_path / "run-2", fresh, env), tmp_path / "run-2", 120)

    # without TDKT_PIN_WORKERS the preloaded workers float: every core of the machine
    assert [cores for _, cores in state.values()] == [_affinity(), _affinity()]
    assert code == 3, f"exit {code}\n{out}\n{err}"
    assert took < LOST_BOUND_S, f"the run took {took:.0f} s to end after the scheduler died"
    counts = re.search(r"3 seen, (\d) landed, 0 skipped, 0 quarantined, (\d) deferred to the next run", out)
    assert counts, out
    landed, deferred = int(counts[1]), int(counts[2])
    assert landed + deferred == 3 and deferred >= 1  # the Word group may have come back before the kill
    # the operator reads why, in Vietnamese, once per unread file (the scan among them), no traceback
    said = [line for line in err.splitlines() if "mất kết nối với bộ lập lịch Dask" in line]
    assert len(said) == deferred and any(SCAN in line for line in said), err
    assert "Traceback" not in err and "ERROR" not in err, err
    assert "TRANSIENT" in first_report and SCAN in first_report
    # the scan: neither marked seen nor quarantined; what came back landed once
    assert len(files) == landed and SCAN not in {Path(p).name for p, _ in files}
    assert {s for _, s in files} <= {"ok"} and landed_once == (True,)
    kills = warehouse.with_name(warehouse.name + ".worker-kills.json")  # not a killed worker: not counted
    assert not kills.exists() or not json.loads(kills.read_text() or "{}")

    assert code2 == 0, f"exit {code2}\n{out2}\n{err2}"  # a fresh cluster: the next night
    assert f"3 seen, {deferred} landed, {landed} skipped, 0 quarantined" in out2, out2
    with Warehouse(warehouse) as wh:
        rows = wh.connection.execute("SELECT path, count(*) FROM ingested_files GROUP BY path ORDER BY path").fetchall()
        noms = wh.connection.execute("SELECT count(*), count(DISTINCT nomination_id) FROM nominations").fetchone()
    assert [(Path(p).name, n) for p, n in rows] == sorted([(SCAN, 1), *((w, 1) for w in WORD_SAMPLES[:2])])
    assert noms is not None and noms[0] == noms[1] >= 3


def test_a_scheduler_that_stops_answering_mid_run_defers_the_unread_files_within_the_limit(
        prefect_harness: None, object_store: dict[str, str], tmp_path: Path) -> None:
    """SIGSTOP to the scheduler while a worker reads a scan: a hung scheduler (or a machine gone
    without closing its connections) keeps them open, and the run waited on it for ever (past
    240 s, measured). With ``TDKT_DASK_UNRESPONSIVE_S=20`` the run ends by itself soon after with
    exit 3, every file not yet back deferred ``TRANSIENT`` with a line that says why, none
    quarantined, none marked seen."""
    from dask.distributed import Client

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (SCAN, *WORD_SAMPLES[:2]):
        shutil.copy(SAMPLES / name, inbox / name)
    warehouse = tmp_path / "wh" / "tdkt.duckdb"
    env = {**object_store, "TDKT_DASK_UNRESPONSIVE_S": "20", "TDKT_INBOX": str(inbox),
           "TDKT_WAREHOUSE": str(warehouse), "TDKT_REPORTS": str(tmp_path / "reports"),
           "TDKT_ARCHIVE": str(tmp_path / "archive")}
    with processes() as procs:
        address, scheduler = spawn_cluster(procs, tmp_path / "cluster", object_store, pin=False)
        wait_for_workers(address, scheduler, tmp_path / "cluster", workers=0)
        run = tdkt_run(procs, tmp_path / "run", address, env)
        deadline = time.monotonic() + 90
        with Client(address, timeout=10) as client:
            while not any(reading for reading, _ in client.run(_state, SCAN).values()):
                assert run.poll() is None, "the run ended before a worker read the scan"
                assert time.monotonic() < deadline, "no worker started reading the scan"
                time.sleep(0.05)
        os.kill(scheduler.pid, signal.SIGSTOP)  # alive to the kernel (its sockets answer), silent to Dask
        stopped_at = time.monotonic()
        code, out, err = _finish(run, tmp_path / "run", 120)
        took = time.monotonic() - stopped_at
        files, _ = _after(warehouse)

    assert code == 3, f"exit {code}\n{out}\n{err}"
    assert took < 20 + 30, f"the run took {took:.0f} s to end after the scheduler stopped answering"
    counts = re.search(r"3 seen, (\d) landed, 0 skipped, 0 quarantined, (\d) deferred to the next run", out)
    assert counts, out
    landed, deferred = int(counts[1]), int(counts[2])
    assert landed + deferred == 3 and deferred >= 1
    said = [line for line in err.splitlines() if "bộ lập lịch Dask không trả lời" in line]
    assert len(said) == deferred and any(SCAN in line for line in said), err
    assert "Traceback" not in err, err
    assert len(files) == landed and SCAN not in {Path(p).name for p, _ in files}
