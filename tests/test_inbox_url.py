"""The inbox by URL (issue 10, point 2): ``TDKT_INBOX=s3://bucket/prefix`` on a real S3-compatible
server (moto's, in the test's process: conftest's ``object_store``), read by the real flow.

The same Word samples and a broken PDF, in a submission folder and at the top, once in a local folder
and once in a bucket, land the same rows in every table (paths compared relative to the inbox); a
second run reads nothing new; an object that vanishes between listing and reading is deferred and
lands once it is back; a bucket tdkt cannot use is one ``CONFIG`` line before anything starts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import _inbox_url
from flows._inbox_url import ObjectPath
from flows.nightly import run_nightly
from flows.settings import TdktSettings
from record.errors import TooLargeError, TransientError
from tests.test_dask import LANDED, _rows

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples" / "files"
FOLDER = "pgd_vinh_linh"  # one submission: a unit's folder, a "folder" of keys in the bucket
LAYOUT = {
    f"{FOLDER}/hoso_pgd_vinh_linh_2024.docx": "hoso_pgd_vinh_linh_2024.docx",
    f"{FOLDER}/bctt_tapthe_ldxs_th_vinh_hoang.docx": "bctt_tapthe_ldxs_th_vinh_hoang.docx",
    f"{FOLDER}/bctt_canhan_cstdcs_nguyen_thi_hoa.docx": "bctt_canhan_cstdcs_nguyen_thi_hoa.docx",
    "bctt_canhan_bangkhen_le_quang_minh.docx": "bctt_canhan_bangkhen_le_quang_minh.docx",
    "bienban_hong.pdf": "bienban_hong.pdf",  # broken: quarantined
}
HIDDEN = {".DS_Store": b"finder", f"{FOLDER}/.~lock.hoso.docx#": b"lock", ".git/config": b"[core]"}


def _store() -> Any:
    import s3fs

    return s3fs.S3FileSystem(skip_instance_cache=True)


@pytest.fixture
def bucket(object_store: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh inbox bucket on the test's S3 server: ``s3://<bucket>/hop-thu-den``."""
    name = "tdkt-inbox-" + hashlib.sha1(request.node.name.encode()).hexdigest()[:10]
    store = _store()
    store.mkdir(name)
    yield f"s3://{name}/hop-thu-den"
    store.rm(name, recursive=True)


def _put_samples(url: str) -> dict[str, bytes]:
    store, root = _store(), url.removeprefix("s3://")
    objects = {key: (SAMPLES / sample).read_bytes() for key, sample in LAYOUT.items()} | HIDDEN
    for key, data in objects.items():
        store.pipe(f"{root}/{key}", data)
    store.pipe(f"{root}/{FOLDER}/", b"")  # a folder marker, as consoles make them: not a file
    return objects


def _listing(url: str) -> dict[str, str]:
    found = _store().find(url.removeprefix("s3://"), detail=True)
    return {name: info["ETag"] for name, info in found.items()}


def _settings(root: Path, inbox: Path | str, **extra: Any) -> TdktSettings:
    return TdktSettings(inbox=inbox, warehouse=root / "wh" / "tdkt.duckdb", reports=root / "reports",
                        archive=root / "archive", jobs=2, **extra)


def _relative(value: Any, root: str) -> Any:
    """Every text of a row with the inbox's own prefix cut, in nested lists, maps and JSON text too."""
    if isinstance(value, str):
        return value.replace(root + "/", "")
    if isinstance(value, list | tuple):
        return type(value)(_relative(v, root) for v in value)
    if isinstance(value, dict):
        return {_relative(k, root): _relative(v, root) for k, v in value.items()}
    return value


def _scalar(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_bucket_inbox_lands_the_same_rows_as_a_folder_and_a_second_run_skips_it(
        prefect_harness: None, bucket: str, tmp_path: Path) -> None:
    local_inbox = tmp_path / "inbox"
    for key, sample in LAYOUT.items():
        (local_inbox / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLES / sample, local_inbox / key)
    for key, data in HIDDEN.items():
        (local_inbox / key).parent.mkdir(parents=True, exist_ok=True)
        (local_inbox / key).write_bytes(data)
    _put_samples(bucket)
    before = _listing(bucket)

    local = run_nightly(_settings(tmp_path / "local", local_inbox))
    remote_settings = _settings(tmp_path / "s3", bucket)
    remote = run_nightly(remote_settings)

    assert (remote.files_seen, remote.landed, remote.quarantined, remote.deferred, remote.ignored) == \
        (local.files_seen, local.landed, local.quarantined, local.deferred, local.ignored) == (5, 4, 1, 0, 0)
    assert remote.quarantine_codes == local.quarantine_codes
    expected = {t: sorted(_relative(rows, str(local_inbox)), key=repr)
                for t, rows in _rows(tmp_path / "local" / "wh" / "tdkt.duckdb").items()}
    got = {t: sorted(_relative(rows, bucket), key=repr) for t, rows in _rows(tmp_path / "s3" / "wh" / "tdkt.duckdb").items()}
    empty = [t for t in LANDED if t != "innovations" and not expected[t]]
    assert not empty, f"the samples land nothing in {empty}: the comparison would prove nothing there"
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], f"{table} differs between the folder and the bucket inbox"

    warehouse = tmp_path / "s3" / "wh" / "tdkt.duckdb"
    # the recorded path is the object's URL; the bucket's "folder" is the submission's folder
    paths = {p for (p,) in _scalar(warehouse, "SELECT path FROM ingested_files")}
    assert paths == {f"{bucket}/{key}" for key in LAYOUT}
    assert _scalar(warehouse, "SELECT submission_id, folder, files FROM submissions WHERE folder <> ''") == \
        [(f"folder:{FOLDER}", FOLDER, 3)]
    # the report names the keys relative to the inbox, never the store's URL
    html = remote.report.read_text(encoding="utf-8")
    assert f"{FOLDER}/hoso_pgd_vinh_linh_2024.docx" in html and "s3://" not in html

    again = run_nightly(remote_settings)
    assert (again.files_seen, again.skipped, again.landed, again.quarantined, again.deferred) == (5, 5, 0, 0, 0)
    assert _listing(bucket) == before  # nothing written to or deleted from the inbox


class _DeleteWhenListed(logging.Handler):
    """Deletes one object at the moment the flow logs its listing, before any object is read."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target, self.done = target, False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.done and "other entr" in record.getMessage():
            _store().rm(self.target)
            self.done = True


def test_an_object_deleted_between_listing_and_reading_is_deferred_then_lands_when_back(
        prefect_harness: None, bucket: str, tmp_path: Path) -> None:
    objects = _put_samples(bucket)
    key = f"{FOLDER}/bctt_canhan_cstdcs_nguyen_thi_hoa.docx"
    target = f"{bucket.removeprefix('s3://')}/{key}"
    hook = _DeleteWhenListed(target)
    flow_log = logging.getLogger("prefect.flow_runs")
    flow_log.addHandler(hook)
    try:
        first = run_nightly(_settings(tmp_path, bucket))
    finally:
        flow_log.removeHandler(hook)
    assert hook.done
    assert (first.files_seen, first.landed, first.quarantined, first.deferred) == (5, 3, 1, 1)
    warehouse = tmp_path / "wh" / "tdkt.duckdb"
    lost = hashlib.sha256(objects[key]).hexdigest()
    assert lost not in {sha for (sha,) in _scalar(warehouse, "SELECT sha256 FROM ingested_files")}  # not seen
    html = first.report.read_text(encoding="utf-8")
    assert "không còn trong hộp thư đến" in html and "TRANSIENT" in html

    _store().pipe(target, objects[key])  # the sender puts it back
    second = run_nightly(_settings(tmp_path, bucket))
    assert (second.landed, second.skipped, second.deferred) == (1, 4, 0)
    assert _scalar(warehouse, f"SELECT path FROM ingested_files WHERE sha256 = '{lost}'") == [(f"{bucket}/{key}",)]


def test_reading_an_object_checks_its_size_first_and_lands_what_was_read(bucket: str, tmp_path: Path) -> None:
    """The listing's size refuses an object before a byte is read; an object replaced after the
    listing is read as it is when opened (those bytes are hashed and archived), its size checked
    again; one gone is the store's fault (``TransientError``), not the file's."""
    store, root = _store(), bucket.removeprefix("s3://")
    small, other = (SAMPLES / LAYOUT["bienban_hong.pdf"]).read_bytes(), (SAMPLES / "bctt_rong.docx").read_bytes()
    store.pipe(f"{root}/a.docx", small)
    store.pipe(f"{root}/b.docx", small)
    store.pipe(f"{root}/c.docx", small)
    store.pipe(f"{root}/.an.part", small)
    store.pipe(f"{root}/don_vi//a.docx", small)  # a key no path can say: listed as ignored, not read
    files, ignored = _inbox_url.scan(bucket + "/")  # a trailing slash names the same inbox
    assert [str(f) for f in files] == [f"{bucket}/{k}" for k in ("a.docx", "b.docx", "c.docx")]
    assert [i.path.name for i in ignored] == ["a.docx"] and "đổi tên" in ignored[0].reason
    a, b, c = files
    assert isinstance(a, ObjectPath) and a.name == "a.docx" and a.size == len(small)

    archive = tmp_path / "archive"
    store.rm(f"{root}/a.docx")  # gone: a read would say so; the listing's size refuses it first
    with pytest.raises(TooLargeError):
        _inbox_url.intake(a, archive, max_bytes=len(small) - 1, known=lambda _: False)
    with pytest.raises(TransientError, match="không còn trong hộp thư đến"):
        _inbox_url.intake(a, archive, max_bytes=1 << 30, known=lambda _: False)

    store.pipe(f"{root}/b.docx", other)  # replaced after the listing: the bytes read land
    taken = _inbox_url.intake(b, archive, max_bytes=1 << 30, known=lambda _: False)
    assert taken.sha256 == hashlib.sha256(other).hexdigest() and taken.copy is not None
    assert taken.copy.read_bytes() == other and taken.path == b

    big = small + b"\0" * (2 << 20)  # replaced by a bigger one: its size, checked again when opened
    store.pipe(f"{root}/c.docx", big)
    with pytest.raises(TooLargeError):
        _inbox_url.intake(c, archive, max_bytes=len(small) + 1024, known=lambda _: False)
    known = _inbox_url.intake(c, archive, max_bytes=1 << 30, known=lambda sha: True)
    assert known.copy is None
    assert sorted(p.name for p in archive.rglob("*") if p.is_file()) == [taken.sha256]  # no temporary left


def test_the_inbox_setting_takes_a_url_and_keeps_a_path_a_path(tmp_path: Path) -> None:
    assert TdktSettings(inbox="s3://ho-so/hop-thu-den/").inbox == "s3://ho-so/hop-thu-den"
    assert TdktSettings(inbox=f"file://{tmp_path}").inbox == tmp_path  # a local folder, read as one
    assert TdktSettings(inbox=str(tmp_path)).inbox == tmp_path


def test_an_inbox_url_tdkt_cannot_use_is_one_config_line(object_store: str, bucket: str, tmp_path: Path) -> None:
    """A missing bucket, a protocol with no fsspec driver, no credentials: ``tdkt run`` stops before
    Prefect starts, one line naming TDKT_INBOX, exit 5, nothing written, no key printed."""
    bucket_name = bucket.split("/")[2]
    no_keys = {k: v for k, v in os.environ.items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    no_keys |= {"AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_CONFIG_FILE": str(tmp_path / "none")}
    cases = [(f"s3://{bucket_name}-chua-tao/hop-thu", os.environ, "không tồn tại"),
             ("khongco://kho/hop-thu", os.environ, "giao thức"),
             (bucket, no_keys, "khoá truy cập")]
    for url, env, says in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "flows.cli", "run", "--inbox", url, "--warehouse", str(tmp_path / "wh.duckdb"),
             "--reports", str(tmp_path / "reports"), "--archive", str(tmp_path / "archive")],
            capture_output=True, text=True, timeout=60, cwd=REPO, env=dict(env))
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 5, proc.stderr
        assert len(lines) == 1 and lines[0].startswith("tdkt: TDKT_INBOX") and "[CONFIG]" in lines[0], lines
        assert says in lines[0], lines[0]
        assert "tdkt-test-only" not in proc.stderr + proc.stdout
        assert not (tmp_path / "wh.duckdb").exists()
    _inbox_url.check(bucket)  # the bucket that exists passes, its prefix empty or not
