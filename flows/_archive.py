"""The archive as the readers see it: a content-addressed object behind an fsspec URL (issue 10, point 2).

A Dask worker on another machine shares no disk with the flow. So the files do not travel as paths:
a group task gets ``(inbox path, sha256, …)`` and opens ``<archive URL>/<sha[:2]>/<sha>`` itself.
The URL is ``TDKT_ARCHIVE_URL``: unset, it is the flow's own archive folder (``TDKT_ARCHIVE``, as on
one machine); ``s3://bucket/prefix`` is an S3-compatible object store (MinIO, Ceph, AWS; s3fs), whose
endpoint and keys come from the standard ``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` of each process, never from tdkt's settings or its logs.

The flow keeps its local archive in every case (intake hashes and copies into it from one read, the
report cuts its crops and links from it); with a URL that is not that folder it also *publishes*
each file it is about to read to the URL. The upload is unconditional for a file to read: a damaged
or partial object under that name is replaced by the next run that needs it, not trusted for good.

Whoever reads checks the bytes: ``fetched`` hashes what it got while it copies it to the reader's own
temporary folder (the Dask worker's ``local_directory``) and refuses bytes whose sha256 is not the
one intake computed. That is a fault of the store or the network, not of the file: ``TransientError``,
so the file is deferred (not marked seen) and read again by the next run.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from record.errors import ConfigError, TransientError

_CHUNK = 1 << 20
_lock = threading.Lock()
# what this process fetched lately (the tests ask the Dask workers); bounded, a worker lives for months
fetched_urls: deque[str] = deque(maxlen=4096)


def base_url(archive_url: str | None, archive: Path) -> str:
    """The archive readers open: ``TDKT_ARCHIVE_URL``, or the flow's archive folder."""
    return (archive_url or str(archive)).rstrip("/")


def object_url(base: str, sha256: str) -> str:
    """``<base>/<sha[:2]>/<sha>``: the layout of the local archive (``flows.intake``), on any store."""
    return f"{base}/{sha256[:2]}/{sha256}"


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # s3fs not installed, an unknown protocol
        raise TransientError(f"không mở được kho lưu trữ {url.split('/')[0]}//… ({exc}); hãy kiểm tra "
                             "TDKT_ARCHIVE_URL và gói fsspec của giao thức (s3fs cho s3://)") from exc


def check(archive_url: str) -> None:
    """``TDKT_ARCHIVE_URL`` names a store this process can reach and a folder or bucket that exists,
    checked before the run starts (``flows._checks``): otherwise every file would be deferred, night
    after night, with the same message. One try, a short timeout: a store that does not answer in
    seconds will not answer a run either."""
    try:
        fs, root = probe_fs(archive_url)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"TDKT_ARCHIVE_URL: không mở được kho lưu trữ {archive_url} ({exc}); giao thức "
                          "được hỗ trợ: đường dẫn thư mục, file://, s3:// (cần gói s3fs)") from None
    try:
        found = fs.exists(root.split("/", 1)[0] if not _is_local(fs) else root)
    except Exception as exc:
        if not _store_error(exc):
            raise
        raise ConfigError(f"TDKT_ARCHIVE_URL: kho lưu trữ {archive_url} không trả lời ({type(exc).__name__}: {exc});"
                          " hãy kiểm tra AWS_ENDPOINT_URL, khoá truy cập và mạng") from None
    if not found:
        what = "thư mục" if _is_local(fs) else "bucket"
        raise ConfigError(f"TDKT_ARCHIVE_URL: {what} của kho lưu trữ {archive_url} không tồn tại; hãy tạo "
                          f"{what} (ví dụ `mc mb`) hoặc sửa TDKT_ARCHIVE_URL")


def probe_fs(url: str) -> tuple[Any, str]:
    """The filesystem of ``url`` for a check before the run (the archive's, the inbox's): a fresh
    instance with short timeouts and one try on S3, so a store that does not answer is told in
    seconds. Raises ``ImportError`` / ``ValueError`` for an unknown protocol or a missing package."""
    import fsspec

    protocol = url.split("://", 1)[0] if "://" in url else "file"
    options: dict[str, Any] = {}
    if protocol in ("s3", "s3a"):
        options = {"skip_instance_cache": True,
                   "config_kwargs": {"connect_timeout": 3, "read_timeout": 5, "retries": {"max_attempts": 1}}}
    return fsspec.core.url_to_fs(url, **options)


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def _store_error(exc: Exception) -> bool:
    """A fault of the store or the network: s3fs maps most to ``OSError``, but botocore's own (no
    endpoint, bad keys, a timeout) and aiohttp's are not."""
    return isinstance(exc, OSError | ValueError) or type(exc).__module__.split(".")[0] in (
        "botocore", "aiobotocore", "aiohttp")


def _store_fault(url: str, exc: Exception) -> TransientError:
    return TransientError(f"kho lưu trữ {_where(url)} không trả lời hoặc từ chối ({type(exc).__name__}: {exc});"
                          " hãy kiểm tra kho đối tượng, mạng và khoá truy cập; tệp sẽ được đọc lại ở lần chạy sau")


def _where(url: str) -> str:
    """The store without the object's name (a message names the store, the file has its own field)."""
    return url.rsplit("/", 2)[0] if url.count("/") >= 2 else url


def publish(archive_url: str | None, copy: Path, sha256: str) -> str:
    """Put the flow's archived ``copy`` at its URL when the readers' archive is elsewhere; its URL."""
    url = object_url(base_url(archive_url, copy.parents[1]), sha256)
    if archive_url is None:  # the readers' archive is this folder
        return url
    fs, target = _fs(url)
    try:
        if _is_local(fs):
            if Path(target).resolve() == copy.resolve():
                return url
            fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        fs.put_file(str(copy), target)
    except Exception as exc:
        if not _store_error(exc):
            raise
        raise _store_fault(url, exc) from exc
    return url


def reader_folder() -> str:
    """Where a reader puts fetched objects: the Dask worker's own folder, else this machine's temp."""
    try:
        from distributed import get_worker

        return str(get_worker().local_directory)
    except (ImportError, ValueError):  # not in a Dask worker
        return tempfile.gettempdir()


@contextmanager
def fetched(url: str, sha256: str) -> Iterator[Path]:
    """The object at ``url`` as a local file whose bytes hash to ``sha256``; removed afterwards.

    A local archive is read in place (hashed, not copied: the readers' machine is the flow's); any
    other store is downloaded into the reader's folder, hashed on the way.
    """
    fs, target = _fs(url)
    with _lock:
        fetched_urls.append(url)
    if _is_local(fs):
        _check(url, sha256, _hash_file(Path(target), url))
        yield Path(target)
        return
    with tempfile.TemporaryDirectory(prefix="tdkt-fetch-", dir=reader_folder()) as folder:
        local = Path(folder) / sha256
        digest = hashlib.sha256()
        try:
            with fs.open(target, "rb") as src, local.open("wb") as out:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        except Exception as exc:
            if not _store_error(exc):
                raise
            raise _store_fault(url, exc) from exc
        _check(url, sha256, digest.hexdigest())
        yield local


def _hash_file(path: Path, url: str) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise _store_fault(url, exc) from exc
    return digest.hexdigest()


def _check(url: str, expected: str, got: str) -> None:
    if got != expected:
        raise TransientError(
            f"bản lưu trong kho {_where(url)} không đúng nội dung đã băm khi nhận tệp (sha256 {got[:12]}… thay vì "
            f"{expected[:12]}…): bản lưu bị hỏng hoặc chép dở; tệp chưa được đọc, lần chạy sau sẽ chép lại và đọc lại")
