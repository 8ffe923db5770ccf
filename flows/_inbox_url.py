"""The inbox by URL (issue 10, point 2): ``TDKT_INBOX=s3://bucket/prefix``, or any installed fsspec protocol.

No shared disk is assumed: the senders' office drops its files into an object store, and the flow
lists and reads them there. Only *listing* and *opening* differ from a local inbox; the one read
that hashes a file and copies it into the local, content-addressed archive is intake's own
(``flows.intake._hash_and_copy``), so what lands is exactly what was hashed and kept, as for a file.

* **Listing**: every object under the prefix, recursively, sorted. A key any of whose parts starts
  with ``.`` (``.DS_Store``, ``.git/…``, a partial upload ``.name.part``) is skipped silently, as a
  hidden local entry is; a folder marker (a key ending in ``/``) is not a file. There are no links,
  FIFOs or devices in an object store: nothing else is ``ignored`` but a key that cannot be a path
  (an empty part, ``.`` or ``..``), listed with its reason.
* **Size first**: the size limit is checked from the listing, before a byte is read, and again
  from the object's size when it is opened (a fresh HEAD, not the listing's cache).
* **One read**: each object is opened once and read as one stream (ranged reads of one version:
  s3fs pins them to the ETag it opened, ``If-Match``), hashed and copied into the archive. An object
  replaced between listing and reading is read as it is when opened: those bytes land, whole, and
  their size is checked again while they are read. One replaced *during* the read, or gone, or a
  store that fails mid-read, is the store's fault: ``TransientError``, the file is deferred (not
  marked seen) and the next run reads it again, so nothing is lost. An object tdkt may not read
  (``AccessDenied``) is quarantined ``UNREADABLE`` once, like a local file without read permission,
  under a key made of its URL, size and ETag (``stand_in_key``).
* **No "still being written" wait**: a PUT is atomic and a multipart upload is invisible until it
  completes, so a listed object is always whole. The local inbox has no such wait either (its
  partial uploads are hidden names); ``IntakePolicy.settled`` is something else, the hashes a run
  skips (seen files), and applies to objects unchanged, by their content hash.
* **Paths**: a file's recorded path is ``<inbox URL>/<key relative to it>``, carried through the flow
  as an ``ObjectPath`` (its ``name``, ``suffix`` and ``str`` are those of the URL), so the report shows
  the key relative to the inbox and a "folder" of the bucket is a submission's folder
  (``validators.stage._group.folder_of``), exactly as the paths of a local inbox.
* **Nothing is ever written to or deleted from the inbox.**

The store's endpoint and keys are the standard ``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` of the process, never a tdkt setting (a URL with keys in it is refused)
and never logged. ``file:///path`` is not read here: it is a local folder (``flows.settings``), read
by the local inbox's code, which never follows a symbolic link.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from flows._archive import _store_error, probe_fs
from flows.intake import Ignored, Taken, _hash_and_copy, _too_large
from record.errors import ConfigError, TransientError, UnreadableError

__all__ = ["ObjectPath", "as_path", "check", "intake", "scan", "stand_in_key"]

_BLOCK = 8 << 20  # bytes per ranged read: the stream is read once, a block at a time
ODD_KEY = ("tên đối tượng không dùng được làm đường dẫn (có đoạn rỗng '//', '.' hoặc '..'); hãy đổi tên đối "
           "tượng trong hộp thư đến")


class ObjectPath(PurePosixPath):
    """An object of the inbox as the flow carries a file: ``str`` is its URL, ``name`` its file name.

    A pure path (never a local one: no method can touch this machine's disk by mistake) whose text
    keeps the URL's ``//``. The listing's size and ETag ride along for the size check and the
    stand-in key; a copy made by pickling (a Dask worker) keeps the URL only, which is all it needs.
    """

    size: int | None = None  # from the listing
    stamp: str = ""  # the listing's ETag, else its modification time

    def __str__(self) -> str:
        first, *rest = self.parts
        return f"{first}//{'/'.join(rest)}" if first.endswith(":") else super().__str__()

    def __fspath__(self) -> str:  # never a local file
        raise TypeError(f"{self} là một đối tượng trong kho, không phải tệp trên máy")


def as_path(text: str) -> Path:
    """A recorded path back as the flow carries it: an ``ObjectPath`` for a URL, else a ``Path``."""
    return ObjectPath(text) if is_url(text) else Path(text)  # type: ignore[return-value]


def is_url(text: str) -> bool:
    return "://" in text


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    return fsspec.core.url_to_fs(url)


def _where(url: str) -> str:
    return url.split("://", 1)[0] + "://" + urlsplit(url).netloc


# --- before the run ------------------------------------------------------------------------------


def check(url: str) -> None:
    """``TDKT_INBOX`` names a store this process can list, checked before the run (``flows._checks``).

    One try with short timeouts: a store that does not answer in seconds will not answer a run either.
    """
    if str(ObjectPath(url)) != url or not urlsplit(url).netloc:
        raise ConfigError(f"TDKT_INBOX: địa chỉ hộp thư đến {url} không đúng dạng giao-thức://bucket/thư-mục "
                          "(ví dụ s3://ho-so/hop-thu-den)")
    if "@" in urlsplit(url).netloc:
        raise ConfigError("TDKT_INBOX: không ghi khoá truy cập vào địa chỉ hộp thư đến; hãy đặt AWS_ACCESS_KEY_ID "
                          "và AWS_SECRET_ACCESS_KEY trong môi trường của tiến trình")
    try:
        fs, root = probe_fs(url)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"TDKT_INBOX: không mở được hộp thư đến {url} ({exc}); giao thức được hỗ trợ: đường "
                          "dẫn thư mục, file://, s3:// (cần gói s3fs) và các giao thức fsspec đã cài") from None
    try:
        try:
            fs.ls(root)  # the keys, the endpoint and the right to list, in one request
            return
        except FileNotFoundError:  # an empty prefix is an empty inbox; a missing bucket is not
            found = fs.exists(root.split("/", 1)[0])
    except Exception as exc:
        if not _store_error(exc):
            raise
        raise ConfigError(f"TDKT_INBOX: không liệt kê được hộp thư đến {url} ({type(exc).__name__}: {exc}); hãy "
                          "kiểm tra AWS_ENDPOINT_URL, khoá truy cập (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), "
                          "quyền liệt kê bucket và mạng") from None
    if not found:
        raise ConfigError(f"TDKT_INBOX: bucket của hộp thư đến {url} không tồn tại; hãy tạo bucket hoặc sửa "
                          "TDKT_INBOX")


# --- which objects are read ----------------------------------------------------------------------


def scan(url: str) -> tuple[list[Path], list[Ignored]]:
    """Every object under ``url`` as an ``ObjectPath`` (sorted), hidden keys skipped; odd keys ignored.

    A store that cannot be listed stops the run (``ConfigError``), as a local inbox that cannot be
    read does: no file is judged from half a listing.
    """
    url = url.rstrip("/")
    try:
        fs, root = _fs(url)
        listing = fs.find(root, detail=True)
    except Exception as exc:
        if not (_store_error(exc) or isinstance(exc, ImportError)):
            raise
        raise ConfigError(f"không liệt kê được hộp thư đến {url} ({type(exc).__name__}: {exc}); hãy kiểm tra kho "
                          "đối tượng, mạng và khoá truy cập (AWS_*)") from exc
    files: list[ObjectPath] = []
    ignored: list[Ignored] = []
    prefix = root.rstrip("/") + "/"
    for name, info in listing.items():
        if not name.startswith(prefix) or name.endswith("/") or info.get("type", "file") != "file":
            continue  # the prefix itself, a folder marker
        key = name[len(prefix):]
        parts = key.split("/")
        if any(part.startswith(".") for part in parts if part not in ("", ".", "..")):
            continue
        path = ObjectPath(f"{url}/{key}")
        if any(part in ("", ".", "..") for part in parts):  # no path says it as the store does
            ignored.append(Ignored(path, ODD_KEY))
            continue
        path.size = info.get("size")
        path.stamp = str(info.get("ETag") or info.get("LastModified") or "")
        files.append(path)
    return sorted(files), sorted(ignored, key=lambda i: i.path)  # type: ignore[return-value]


def stand_in_key(code: str, path: ObjectPath) -> str:
    """``flows.intake.stand_in_key`` for an object: its URL, listed size and ETag instead of a stat."""
    return hashlib.sha256(f"{code}\0{path}\0{path.size}\0{path.stamp}".encode()).hexdigest()


# --- one object: hash and archive from one read --------------------------------------------------


def _gone(path: ObjectPath) -> TransientError:
    return TransientError(f"đối tượng {path.name} không còn trong hộp thư đến khi đọc (bị xoá hoặc đổi tên sau khi "
                          "liệt kê); nếu nó được đặt lại, lần chạy sau sẽ đọc")


def _fault(path: ObjectPath, exc: Exception) -> TransientError:
    if isinstance(exc, FileNotFoundError):
        return _gone(path)
    changed = type(exc).__name__ == "FileExpired"  # s3fs: the ETag changed under the read
    why = "đối tượng bị thay thế trong khi đang đọc" if changed else f"{type(exc).__name__}: {exc}"
    return TransientError(f"không đọc hết được đối tượng {path.name} từ hộp thư đến {_where(str(path))} ({why}); "
                          "tệp chưa được ghi nhận, lần chạy sau sẽ đọc lại")


def _unreadable(path: ObjectPath, exc: Exception) -> UnreadableError:
    return UnreadableError(f"tdkt không có quyền đọc đối tượng {path.name} ({type(exc).__name__}: {exc}); hãy cấp "
                           "quyền đọc (s3:GetObject) cho khoá truy cập của tdkt, lượt chạy sau sẽ đọc tệp", path=path)


class _Stream:
    """The object's stream as ``_hash_and_copy`` reads it; the store's faults made ``TransientError``,
    so a full archive disk (an ``OSError`` of the copy) stays told apart from a failing store."""

    def __init__(self, fh: Any, path: ObjectPath) -> None:
        self._fh, self._path = fh, path

    def read(self, n: int) -> bytes:
        try:
            data: bytes = self._fh.read(n)
        except Exception as exc:
            if not _store_error(exc):
                raise
            raise _fault(self._path, exc) from exc
        return data


def intake(path: ObjectPath, archive: Path, *, max_bytes: int, known: Callable[[str], bool]) -> Taken:
    """Read the object once: hash it and, when its hash is not ``known``, archive exactly those bytes.

    Raises ``TooLargeError`` (from the listing, before any read, then from the opened object's size),
    ``UnreadableError`` (access denied), ``TransientError`` (gone, replaced mid-read, the store failed),
    or ``OSError`` for a fault of the local archive (disk full): the caller defers it.
    """
    if path.size is not None and path.size > max_bytes:
        raise _too_large(path, path.size, max_bytes)  # type: ignore[arg-type]
    url = str(path)
    try:
        fs, target = _fs(url)
        fs.invalidate_cache(target)  # the size and ETag of now, not of the listing
        fh = fs.open(target, "rb", block_size=_BLOCK)
    except PermissionError as exc:
        raise _unreadable(path, exc) from exc
    except Exception as exc:
        if not _store_error(exc):
            raise
        raise _fault(path, exc) from exc
    with fh:
        size = getattr(fh, "size", None)
        if isinstance(size, int) and size > max_bytes:  # replaced by a bigger one since the listing
            raise _too_large(path, size, max_bytes)  # type: ignore[arg-type]
        # one stream, never read twice: a big object is spooled to the archive's temporary file
        # while it is hashed, and that file is dropped if the hash is known
        return _hash_and_copy(_Stream(fh, path), path, archive, max_bytes=max_bytes,  # type: ignore[arg-type]
                              known=known)
