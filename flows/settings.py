"""One settings model for the CLI, the flow and the tests (STYLE practice 8).

Every field can be set from the environment with the ``TDKT_`` prefix (``TDKT_INBOX=/srv/inbox``),
so the served deployment, a cron line and a test all configure the run the same way. Relative
defaults are anchored at the repository root, not the working directory, so ``tdkt run`` from any
folder reads the bundled samples and writes under ``data/``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from landing._pg import is_postgres_url

REPO_ROOT = Path(__file__).resolve().parents[1]


def _cpu_count() -> int:
    return os.cpu_count() or 1


class TdktSettings(BaseSettings):
    """Where the nightly run reads and writes, and how hard it may work."""

    model_config = SettingsConfigDict(env_prefix="TDKT_", extra="ignore")

    inbox: Path | str = Field(
        default=REPO_ROOT / "data" / "samples" / "files",
        description="Folder scanned recursively for dossier files (hidden files are ignored), or the URL "
        "of one in an object store (s3://bucket/prefix, any installed fsspec protocol; flows/_inbox_url.py) "
        "whose endpoint and keys are AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. "
        "file:///path is the folder /path. The run never modifies or moves what it finds there.",
    )
    warehouse: Path = Field(
        default=REPO_ROOT / "data" / "warehouse" / "tdkt.duckdb",
        description="DuckDB file that receives the landed tables; created on first use.",
    )
    warehouse_url: str | None = Field(
        default=None,
        description="A shared PostgreSQL warehouse (postgresql://user:password@host:5432/tdkt) instead of "
        "the DuckDB file: the same tables, migrations and keys, one transaction per file. Setting "
        "TDKT_WAREHOUSE to such a URL sets this; `warehouse` then only anchors the local state.",
    )
    reports: Path = Field(
        default=REPO_ROOT / "data" / "reports",
        description="Folder for the HTML report of each run.",
    )
    published: Path = Field(
        default=REPO_ROOT / "data" / "published",
        description="Folder of the read-only copies each run publishes for reviewers and analysts "
        "(tdkt.duckdb, tdkt_analyst.duckdb, parquet/); `tdkt query` reads them, never the warehouse. "
        "When only the warehouse is set: `published/` in the warehouse's folder.",
    )
    pseudonym_key_file: Path = Field(
        default=REPO_ROOT / "data" / "secrets" / "pseudonym.key",
        description="Key of the analysts' name pseudonyms (HMAC-SHA256), created 0600 on first use "
        "when TDKT_PSEUDONYM_KEY is not set; keep it, never commit it. When only the warehouse is "
        "set: `secrets/pseudonym.key` in the warehouse's folder.",
    )

    @property
    def warehouse_target(self) -> Path | str:
        """What ``landing.Warehouse`` opens: the PostgreSQL URL when set, else the DuckDB file."""
        return self.warehouse_url or self.warehouse

    @field_validator("inbox", mode="before")
    @classmethod
    def _inbox_path_or_url(cls, value: Any) -> Any:
        """A URL stays text (``Path`` would fold its ``//``); ``file://`` is a local folder, read by the
        local inbox's code (links never followed); anything else is a path, exactly as before."""
        if isinstance(value, str) and "://" in value:
            parts = urlsplit(value)
            if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
                return Path(url2pathname(parts.path))
            return value.rstrip("/")
        return Path(value) if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _beside_the_warehouse(cls, data: Any) -> Any:
        """A warehouse elsewhere (a test's temporary folder, another disk) takes its published
        copies and its key with it, instead of writing them into the repository's data/."""
        if isinstance(data, dict) and is_postgres_url(data.get("warehouse")):
            data = dict(data)
            data["warehouse_url"] = data.pop("warehouse")  # TDKT_WAREHOUSE=postgresql://… (issue 10)
            if data.get("published"):  # the local state (kill counts, serve lock) beside the published copies
                data["warehouse"] = Path(data["published"]).parent / "warehouse" / "tdkt.duckdb"
        if isinstance(data, dict) and data.get("warehouse"):
            home = Path(data["warehouse"]).parent
            data.setdefault("published", home / "published")
            data.setdefault("pseudonym_key_file", home / "secrets" / "pseudonym.key")
        return data
    archive: Path = Field(
        default=REPO_ROOT / "data" / "archive",
        description="Content-addressed copy of every new raw file (archive/<sha[:2]>/<sha>), "
        "so a file deleted from the inbox is never lost.",
    )
    archive_url: str | None = Field(
        default=None,
        description="fsspec URL of the archive the readers open (s3://bucket/prefix on an S3-compatible "
        "object store, or a folder every worker mounts): the flow publishes each file it reads there, a "
        "Dask worker fetches <url>/<sha[:2]>/<sha> and checks its sha256, so workers need no shared disk. "
        "The store's endpoint and keys: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. "
        "Unset: the archive folder (TDKT_ARCHIVE).",
    )
    jobs: int = Field(
        default_factory=_cpu_count,
        ge=1,
        description="Worker processes reading files in parallel, and Tesseract processes at once. "
        "Defaults to the number of CPU cores.",
    )
    max_pages: int = Field(
        default=100, ge=1, description="A file with more pages is quarantined as TOO_LARGE."
    )
    file_timeout_s: float = Field(
        default=300.0, gt=0, description="Seconds one file may take before it is quarantined as FILE_TIMEOUT."
    )
    isolate: bool = Field(
        default=True,
        description="Read each file in a child process that is killed when its time is up or that "
        "crashes, so no file can hang or end the run. Off only for debugging in one process.",
    )
    worker_memory_mb: int = Field(
        default=1500,
        ge=0,
        description="Memory limit (MiB, RLIMIT_DATA) of each worker process that reads files; a file "
        "that needs more is quarantined as TOO_LARGE instead of taking the machine down. 0: no limit.",
    )
    max_worker_kills: int = Field(
        default=3,
        ge=1,
        description="A file whose worker is killed from outside (OOM killer, kill -9) is deferred to the "
        "next run; after this many kills in a row it is quarantined as WORKER_CRASHED.",
    )
    max_file_mb: float = Field(
        default=200.0,
        gt=0,
        description="A file bigger than this many MiB is quarantined as TOO_LARGE without being opened.",
    )
    dask_address: str | None = Field(
        default=None,
        description="Address of an existing dask.distributed scheduler (tcp://host:8786): the files are "
        "read on its workers through Prefect's DaskTaskRunner; landing stays in the run's process. "
        "Unset: the local worker pool.",
    )
    dask_unresponsive_s: float = Field(
        default=60.0, gt=0,
        description="On a Dask cluster: a scheduler that answers nothing for this long (hung, its machine "
        "gone without closing the connection) is lost: the files not yet read are deferred to the next run.",
    )
    pin_workers: bool = Field(
        default=False,
        description="Read by each Dask worker started with --preload flows._dask: hold the worker (and the "
        "Tesseract processes it starts) on one core of its own, the n-th worker of the machine on its n-th "
        "core. Scans then scale nearly 2x from 1 to 2 workers on 2 cores. Unset: workers float.",
    )
    alert_webhook: str | None = Field(
        default=None,
        description="URL that receives a POST when a served nightly run fails or crashes (a Prefect "
        "automation with a webhook notification, created by tdkt serve). Unset: no alert.",
    )
