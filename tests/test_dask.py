"""The same flow on a Dask cluster (issue 10, point 1): the same warehouse rows as the local pool.

A real ``dask.distributed.LocalCluster`` of two worker processes, the real flow through Prefect's
``DaskTaskRunner`` under the session's Prefect server, over Word files, a scanned PDF (OCR in the
Dask workers) and a broken PDF (quarantined there). The executor a Dask worker reads with keeps
the time limit per file: a reader past it is ``FILE_TIMEOUT`` and the next file still runs.
"""

from __future__ import annotations

import hashlib
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

from flows import _archive
from flows._dask import InProcess
from flows.nightly import run_nightly
from flows.settings import TdktSettings
from record.errors import FileTimeoutError, TransientError

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
# every table of the warehouse, each on all its columns but the run's own (its id, times), which differ
# between any two runs; ``runs`` holds nothing else
_RUN_OWN = ("run_id",)


def _rows(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        for table in tables:
            columns = [f'"{name}"' for name, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()
                if not kind.startswith("TIMESTAMP") and not name.endswith(_RUN_OWN)]
            if table != "runs":
                rows = con.execute(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall()
                out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


LANDED = ("ingested_files", "documents", "nominations", "persons", "units", "prior_awards", "innovations",
          "task_ratings", "council_votes", "findings", "fairness", "provenance", "submissions", "records")


def _settings(root: Path, inbox: Path, **extra: Any) -> TdktSettings:
    return TdktSettings(inbox=inbox, warehouse=root / "wh" / "tdkt.duckdb", reports=root / "reports",
                        archive=root / "archive", jobs=2, **extra)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask-inbox")
    for name in INBOX:
        shutil.copy2(SAMPLES / name, folder / name)
    return folder


def test_dask_workers_fetch_from_the_object_store_and_land_the_same_rows_as_the_local_pool(
        prefect_harness: None, inbox: Path, object_store: str, tmp_path: Path) -> None:
    """No disk shared with the flow: the workers' folders are their own, and each file comes to them
    from the S3 archive by URL (``TDKT_ARCHIVE_URL``), its sha256 checked."""
    from dask.distributed import Client, LocalCluster

    local = run_nightly(_settings(tmp_path / "local", inbox))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      local_directory=str(tmp_path / "workers")) as cluster:
        on_dask = run_nightly(_settings(tmp_path / "dask", inbox, dask_address=cluster.scheduler_address,
                                        archive_url=object_store))
        with Client(cluster) as client:
            read_by_worker = client.run(_files_read_here)
            fetched = [url for urls in client.run(_fetched_here).values() for url in urls]
            leftovers = list((tmp_path / "workers").rglob("tdkt-fetch-*"))
    # every file was read in the cluster's worker processes, none in a local pool
    assert sum(read_by_worker.values()) == len(INBOX)
    assert on_dask.worker_peak_mb == 0.0
    # ... and fetched by URL from the object store, never from the flow's archive folder
    assert fetched and all(url.startswith(object_store + "/") for url in fetched)
    assert {url.rsplit("/", 1)[1] for url in fetched} == _new_hashes(tmp_path / "dask" / "wh" / "tdkt.duckdb")
    assert not leftovers, "a fetched copy was left in a worker's folder"

    assert (on_dask.landed, on_dask.quarantined, on_dask.deferred) == (local.landed, local.quarantined, local.deferred)
    assert on_dask.quarantine_codes == local.quarantine_codes
    assert local.landed >= 6 and local.quarantined >= 1
    expected = _rows(tmp_path / "local" / "wh" / "tdkt.duckdb")
    got = _rows(tmp_path / "dask" / "wh" / "tdkt.duckdb")
    assert expected.keys() >= set(LANDED)
    empty = [t for t in LANDED if not expected[t]]
    assert not empty, f"the samples land nothing in {empty}: the comparison would prove nothing there"
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], f"{table} differs between the local pool and the Dask cluster"


def _files_read_here() -> int:
    from flows import _dask

    return _dask.files_read


def _fetched_here() -> list[str]:
    from flows import _archive

    return list(_archive.fetched_urls)


def _new_hashes(warehouse: Path) -> set[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {sha for (sha,) in con.execute("SELECT sha256 FROM ingested_files").fetchall()}
    finally:
        con.close()


def _files_read_and_pid() -> tuple[int, int]:
    return _files_read_here(), os.getpid()


def test_a_dask_worker_killed_mid_file_loses_no_file_and_lands_none_twice(prefect_harness: None,
                                                                          object_store: str,
                                                                          tmp_path: Path) -> None:
    """SIGKILL (the OOM killer's signal) to the worker reading a scan it fetched from the object store:
    Dask gives the task to the other worker, which fetches it again; the file lands once; the nanny
    starts a new worker in place of the dead one."""
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
        summary = run_nightly(_settings(tmp_path, inbox, dask_address=cluster.scheduler_address,
                                        archive_url=object_store))
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


def test_a_fetched_object_must_hash_to_what_intake_hashed(object_store: str, tmp_path: Path) -> None:
    """The reader checks the bytes it got: a damaged or missing object is the store's fault (deferred,
    ``TRANSIENT``), and no fetched copy is left behind either way."""
    import s3fs

    data = (SAMPLES / INBOX[0]).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    copy = tmp_path / "archive" / sha[:2] / sha
    copy.parent.mkdir(parents=True)
    copy.write_bytes(data)
    url = _archive.publish(object_store, copy, sha)
    assert url == f"{object_store}/{sha[:2]}/{sha}"

    with _archive.fetched(url, sha) as got:
        assert got.read_bytes() == data
        assert not got.is_relative_to(tmp_path / "archive")  # a download, not the flow's copy
    assert not got.exists()

    store = s3fs.S3FileSystem(skip_instance_cache=True)
    store.pipe(url.removeprefix("s3://"), data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped in the store
    for wrong in (url, f"{object_store}/00/{'0' * 64}"):
        with pytest.raises(TransientError) as caught, _archive.fetched(wrong, sha):
            pass
        assert caught.value.code == "TRANSIENT" and "kho" in caught.value.message
    assert "không đúng nội dung" in _message(url, sha)
    # the next run that needs the file puts it again: the damaged object is not trusted for good
    _archive.publish(object_store, copy, sha)
    with _archive.fetched(url, sha) as got:
        assert got.read_bytes() == data


def _message(url: str, sha: str) -> str:
    try:
        with _archive.fetched(url, sha):
            return ""
    except TransientError as exc:
        return exc.message


def test_an_object_store_that_refuses_the_file_defers_it_until_it_takes_it(
        prefect_harness: None, object_store: str, tmp_path: Path) -> None:
    """The local pool reads through the same archive URL. A store that refuses the upload (here: no
    such bucket) defers the file, not marked seen; once the bucket exists the next run lands it."""
    import s3fs

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy2(SAMPLES / INBOX[0], inbox)
    bucket = object_store.split("/")[2]
    missing = f"s3://{bucket}-khong-co/archive"
    refused = run_nightly(_settings(tmp_path, inbox, archive_url=missing))
    assert (refused.landed, refused.deferred) == (0, 1)
    assert _new_hashes(tmp_path / "wh" / "tdkt.duckdb") == set()

    s3fs.S3FileSystem(skip_instance_cache=True).mkdir(f"{bucket}-khong-co")
    taken = run_nightly(_settings(tmp_path, inbox, archive_url=missing))
    assert (taken.landed, taken.deferred) == (1, 0)
    sha = hashlib.sha256((inbox / INBOX[0]).read_bytes()).hexdigest()
    assert _new_hashes(tmp_path / "wh" / "tdkt.duckdb") == {sha}
    assert f"{missing}/{sha[:2]}/{sha}" in _archive.fetched_urls  # read from the store, in this process


def test_an_archive_url_tdkt_cannot_use_is_one_config_line(object_store: str, inbox: Path, tmp_path: Path) -> None:
    """A missing bucket, or a protocol with no fsspec driver, stops ``tdkt run`` before Prefect
    starts: one line naming TDKT_ARCHIVE_URL, exit 5, nothing written."""
    bucket = object_store.split("/")[2]
    for url, says in ((f"s3://{bucket}-chua-tao/archive", "không tồn tại"), ("khongco://kho/archive", "giao thức")):
        proc = subprocess.run(
            [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "wh.duckdb"),
             "--reports", str(tmp_path / "reports"), "--archive", str(tmp_path / "archive")],
            capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1],
            env={**os.environ, "TDKT_ARCHIVE_URL": url})
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 5, proc.stderr
        assert len(lines) == 1 and lines[0].startswith("tdkt: TDKT_ARCHIVE_URL") and "[CONFIG]" in lines[0], lines
        assert says in lines[0]
        assert not (tmp_path / "wh.duckdb").exists()
    _archive.check(object_store)  # the bucket that exists passes


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


def test_the_compose_recipe_sets_only_settings_tdkt_has() -> None:
    """``deploy/compose.yaml`` is not run here (no container engine): what can drift is checked. Every
    ``TDKT_`` variable it sets is a setting, the flow and every worker reach the same object store,
    workers start as README says, and their image has Tesseract's Vietnamese model."""
    import yaml

    deploy = Path(__file__).resolve().parents[1] / "deploy"
    compose = yaml.safe_load((deploy / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    fields = {f"TDKT_{name.upper()}" for name in TdktSettings.model_fields}
    for name, service in services.items():
        unknown = {k for k in service.get("environment", {}) if k.startswith("TDKT_")} - fields
        assert not unknown, f"{name} sets {unknown}, which tdkt does not read"
    flow, worker = services["flow"]["environment"], services["worker"]["environment"]
    for key in ("TDKT_ARCHIVE_URL", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        assert flow[key] == worker[key], key
    assert flow["TDKT_ARCHIVE_URL"].startswith("s3://") and flow["TDKT_DASK_ADDRESS"] == "tcp://scheduler:8786"
    command = services["worker"]["command"]
    assert command[:3] == ["dask", "worker", "tcp://scheduler:8786"]
    assert command[command.index("--nthreads") + 1] == "1" and "flows._dask" in command
    assert "tesseract-ocr-vie" in (deploy / "Dockerfile").read_text(encoding="utf-8")
