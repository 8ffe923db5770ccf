"""The same flow on a Dask cluster (issue 10, point 1): the same warehouse rows as the local pool.

A real ``dask.distributed.LocalCluster`` of two worker processes, the real flow through Prefect's
``DaskTaskRunner`` under the session's Prefect server, over Word files, a scanned PDF (OCR in the
Dask workers) and a broken PDF (quarantined there). The executor a Dask worker reads with keeps
the time limit per file: a reader past it is ``FILE_TIMEOUT`` and the next file still runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows._dask import InProcess
from flows.nightly import run_nightly
from flows.settings import TdktSettings
from record.errors import FileTimeoutError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "files"
INBOX = [
    "bctt_canhan_bangkhen_le_quang_minh.docx",
    "bctt_canhan_cstdcs_nguyen_thi_hoa.docx",
    "bctt_tapthe_cothidua_dbp_cua_tung.docx",
    "totrinh_bienban_xa_vinh_linh_2025.docx",
    "quyet_dinh_2781_tang_bang_khen.docx",
    "scan_bctt_tapthe_htx_vinh_hoang.pdf",  # a scan: read by Tesseract in a Dask worker
    "bienban_hong.pdf",  # broken: quarantined in the worker, landed by the flow
]
TABLES = {
    "nominations": "SELECT nomination_id, award_code, status FROM nominations",
    "findings": "SELECT check_id, nomination_id, severity FROM findings",
    "ingested_files": "SELECT sha256, status FROM ingested_files",
}


def _rows(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {table: sorted(con.execute(sql).fetchall(), key=repr) for table, sql in TABLES.items()}
    finally:
        con.close()


def _settings(root: Path, inbox: Path, **extra: Any) -> TdktSettings:
    return TdktSettings(inbox=inbox, warehouse=root / "wh" / "tdkt.duckdb", reports=root / "reports",
                        archive=root / "archive", jobs=2, **extra)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask-inbox")
    for name in INBOX:
        shutil.copy2(SAMPLES / name, folder / name)
    return folder


def test_dask_cluster_lands_the_same_rows_as_the_local_pool(prefect_harness: None, inbox: Path,
                                                            tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    local = run_nightly(_settings(tmp_path / "local", inbox))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        on_dask = run_nightly(_settings(tmp_path / "dask", inbox, dask_address=cluster.scheduler_address))
        with Client(cluster) as client:
            read_by_worker = client.run(_files_read_here)
    # every file was read in the cluster's worker processes, none in a local pool
    assert sum(read_by_worker.values()) == len(INBOX)
    assert on_dask.worker_peak_mb == 0.0

    assert (on_dask.landed, on_dask.quarantined, on_dask.deferred) == (local.landed, local.quarantined, local.deferred)
    assert on_dask.quarantine_codes == local.quarantine_codes
    assert local.landed >= 6 and local.quarantined >= 1
    expected = _rows(tmp_path / "local" / "wh" / "tdkt.duckdb")
    got = _rows(tmp_path / "dask" / "wh" / "tdkt.duckdb")
    assert expected["nominations"], "the samples gave no nomination: the comparison would prove nothing"
    assert got == expected


def _files_read_here() -> int:
    from flows import _dask

    return _dask.files_read


def _files_read_and_pid() -> tuple[int, int]:
    return _files_read_here(), os.getpid()


def test_a_dask_worker_killed_mid_file_loses_no_file_and_lands_none_twice(prefect_harness: None,
                                                                          tmp_path: Path) -> None:
    """SIGKILL (the OOM killer's signal) to the worker reading a scan: Dask gives the task to the
    other worker, the file lands once; the nanny starts a new worker in place of the dead one."""
    from dask.distributed import Client, LocalCluster

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy2(SAMPLES / "scan_bctt_duong_thi_my.pdf", inbox)  # two pages: seconds of OCR
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:

        def kill_the_reader() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                for files, pid in client.run(_files_read_and_pid).values():
                    if files:
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                        return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_the_reader, daemon=True)
        killer.start()
        summary = run_nightly(_settings(tmp_path, inbox, dask_address=cluster.scheduler_address))
        killer.join(timeout=5)
        after = set(client.run(os.getpid).values())

    assert killed, "no worker started reading the scan: nothing was killed"
    assert killed[0] not in after
    assert (summary.landed, summary.quarantined, summary.deferred) == (1, 0, 0)
    con = duckdb.connect(str(tmp_path / "wh" / "tdkt.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM ingested_files").fetchone() == (1, 1)
        noms = con.execute("SELECT count(*), count(DISTINCT nomination_id) FROM nominations").fetchone()
    finally:
        con.close()
    assert noms is not None and noms[0] >= 1 and noms[0] == noms[1]


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_a_reader_past_its_limit_is_file_timeout_and_the_next_file_runs() -> None:
    executor = InProcess(1)
    started = time.monotonic()
    stuck = executor.submit(_sleep, 30.0, limit_s=0.5, label="treo.pdf")
    quick = executor.submit(_sleep, 0.1, limit_s=5.0, label="nhanh.docx")
    with pytest.raises(FileTimeoutError) as caught:
        stuck.result()
    assert caught.value.code == "FILE_TIMEOUT"
    assert quick.result() == 0.1  # its slot was given back when the stuck reader's time was up
    assert time.monotonic() - started < 5.0


def test_run_with_a_scheduler_that_does_not_answer_is_one_config_line(tmp_path: Path, inbox: Path) -> None:
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "wh.duckdb"),
         "--reports", str(tmp_path / "reports"), "--archive", str(tmp_path / "archive"),
         "--cluster", f"tcp://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 5
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "TDKT_DASK_ADDRESS" in lines[0] and "[CONFIG]" in lines[0]
    assert not (tmp_path / "wh.duckdb").exists()
