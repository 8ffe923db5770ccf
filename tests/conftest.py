"""Shared fixtures: one Prefect test server and one PostgreSQL server for the whole session, and the
repository's folders.

An ephemeral Prefect server costs seconds to start, so the harness is session-scoped: every test
that runs a flow asks for ``prefect_harness`` and they all share one server. It is not ``autouse``,
so the parser and validator tests (and tests that call ``task.fn`` directly) never pay for it.
Under pytest-xdist (``scripts/test.sh``: ``-n auto --dist loadfile``) "session" means each worker
process: one Prefect server, one PostgreSQL server and one S3 server per process that needs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prefect.testing.utilities import prefect_test_harness

REPO_ROOT = Path(__file__).resolve().parents[1]
S3_BUCKET = "tdkt-archive"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A temporary Prefect API and database for the session (nothing written to ~/.prefect)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def samples_dir(repo_root: Path) -> Path:
    """``data/samples``: ``files/`` (the dossiers) and ``expected/`` (goldens and ``_bad.json``)."""
    path = repo_root / "data" / "samples"
    if not (path / "files").is_dir():
        pytest.fail(f"no sample files under {path / 'files'}; generate them with samplegen")
    return path


@pytest.fixture(scope="session")
def sample_run(prefect_harness: None, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real nightly flow run once over the bundled samples (a copy of the inbox), for tests that
    read what a run leaves behind (the report, the workbook) without paying for another run."""
    import shutil

    from flows.nightly import run_nightly
    from flows.settings import TdktSettings

    tmp = tmp_path_factory.mktemp("sample-run")
    inbox = tmp / "inbox"
    shutil.copytree(samples_dir / "files", inbox)
    settings = TdktSettings(inbox=inbox, warehouse=tmp / "wh" / "tdkt.duckdb", reports=tmp / "reports",
                            archive=tmp / "archive", jobs=os.cpu_count() or 1)
    return settings, run_nightly(settings)


@pytest.fixture(scope="session")
def _moto_server() -> Iterator[str]:
    """One real S3-compatible HTTP server (moto's, in this process) for the session, and the standard
    AWS variables pointing at it, set before any Dask worker process starts (they inherit them).

    One for the session, not one per module: moto keeps its buckets per process, and s3fs caches its
    filesystems per process too (the endpoint is not part of the cache key), so a second server would
    be invisible to the flow's cached filesystem."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as env:
        for name, value in (("AWS_ENDPOINT_URL", f"http://{host}:{port}"), ("AWS_ACCESS_KEY_ID", "tdkt"),
                            ("AWS_SECRET_ACCESS_KEY", "tdkt-test-only"), ("AWS_DEFAULT_REGION", "us-east-1"),
                            ("AWS_EC2_METADATA_DISABLED", "true")):
            env.setenv(name, value)
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture(scope="module")
def object_store(_moto_server: str) -> str:
    """The session's S3 server emptied, with the archive's bucket: each module starts clean.

    Returns the URL of an archive in that bucket (``TDKT_ARCHIVE_URL``); a test makes other buckets
    (an inbox) with s3fs, which the variables point at the same server."""
    import urllib.request

    import s3fs

    urllib.request.urlopen(urllib.request.Request(f"{_moto_server}/moto-api/reset", method="POST"),
                           timeout=10).close()
    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir(S3_BUCKET)
    return f"s3://{S3_BUCKET}/archive"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL 15 server for the session (initdb + pg_ctl in a temporary folder), shared by every
    test of the shared warehouse (tests/test_postgres.py, tests/test_recipe.py)."""
    from tests.pg_server import find_bin, postgres_server

    if find_bin("initdb") is None or find_bin("pg_ctl") is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt install postgresql")
    with postgres_server() as url:
        yield url
