"""The inbox's edge: which entries are read at all, and how a file becomes one hashed, archived copy.

The inbox is written by others (senders, a sync tool, a careless operator), so nothing in it is
trusted to be what its name says:

* only **regular files** are read. A symbolic link (to a file, to a folder, or dangling) is never
  followed: it could point at a system file or at a private file outside the inbox. FIFOs, sockets
  and devices are never opened for reading: a FIFO would block the run for good. Each entry that is
  not read becomes an ``ignored`` outcome with a Vietnamese reason, so the report says what was left;
* the size limit is checked from ``lstat`` before a byte is read (a 300 MB sparse file costs
  nothing), and again from ``fstat`` of the opened file;
* a file is opened once (``O_NOFOLLOW | O_NONBLOCK``), and that one stream is hashed **and** copied
  into the archive's temporary file, which is then renamed to the hash. What lands is read from that
  copy, so it is exactly the bytes that were hashed and kept; a file replaced meanwhile is seen,
  whole, by the next run;
* a file this process may not read is quarantined as ``UNREADABLE`` at once, under a key made of
  its path, size and modification time (it has no content hash): it is not retried every night, and
  once the operator fixes its permissions its content is new to the warehouse and lands;
* the archive (folders 0700, files 0600), like the warehouse and the reports, is readable by its
  owner only: the run works under umask 077 (``private_files``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, BinaryIO

from pydantic import BaseModel, ConfigDict, Field

from record.datafile import load_model
from record.errors import TooLargeError, UnreadableError

__all__ = ["Ignored", "IntakePolicy", "Taken", "intake", "load_policy", "private_dir", "private_files",
           "scan", "stand_in_key"]

POLICY_FILE = Path(__file__).resolve().parents[1] / "data" / "intake.yaml"
_CHUNK = 1 << 20
_SPOOL = 8 << 20  # bytes kept in memory before the copy spills to the archive's temporary file
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

LINK = ("liên kết tượng trưng (symlink): không đọc theo liên kết, vì nó có thể trỏ ra ngoài hộp thư đến;"
        " hãy đặt chính tệp hồ sơ vào hộp thư")
DANGLING = "liên kết tượng trưng hỏng (trỏ tới tệp không còn tồn tại); hãy xoá liên kết hoặc đặt tệp thật vào"
SPECIAL = ("tệp đặc biệt ({kind}), không phải tệp hồ sơ; không mở để đọc. Hãy xoá nó khỏi hộp thư đến")
NO_DIR = "không mở được thư mục con ({err}); hãy cấp quyền đọc cho tài khoản chạy tdkt"


@dataclass(frozen=True)
class Ignored:
    """An inbox entry that is not read, and why (Vietnamese, for the report)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Taken:
    """A file read once: its hash and, unless it was already known, its archived copy."""

    path: Path
    sha256: str
    copy: Path | None  # None when the hash was known: nothing was archived, nothing is to be read


@dataclass(frozen=True)
class IntakePolicy:
    """``data/intake.yaml``: quarantine codes retried by later runs, and the text-recognition floor."""

    retry_quarantined: dict[str, int]
    min_vietnamese_share: float

    def settled(self, states: dict[str, tuple[str, str | None, int | None]]) -> set[str]:
        """The hashes a run skips: every file seen, except quarantines whose code may be retried."""
        out = set()
        for sha, (status, code, attempts) in states.items():
            limit = self.retry_quarantined.get(code or "", 0) if status == "quarantined" else 0
            if (attempts or 1) >= limit:
                out.add(sha)
        return out


class _IntakeFile(BaseModel):
    """``data/intake.yaml`` as written."""

    model_config = ConfigDict(extra="forbid")

    retry_quarantined: dict[str, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)
    min_vietnamese_share: float = Field(ge=0, le=1)


@cache
def load_policy(path: Path = POLICY_FILE) -> IntakePolicy:
    """Read the intake policy strictly: a malformed file stops the run before it touches anything."""
    raw = load_model(path, _IntakeFile, "tệp chính sách nhận tệp")
    return IntakePolicy(dict(raw.retry_quarantined), raw.min_vietnamese_share)


# --- which entries are read ---------------------------------------------------------------------


def _special_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "thiết bị ký tự"),
                       (stat.S_ISBLK, "thiết bị khối")):
        if test(mode):
            return name
    return "không rõ loại"


def _link_reason(path: Path) -> str:
    return LINK if Path(path).exists() else DANGLING  # exists() follows the link: False when dangling


def scan(inbox: Path) -> tuple[list[Path], list[Ignored]]:
    """Regular files under ``inbox`` (sorted), and every other non-hidden entry with its reason.

    Nothing is followed or opened: entries are judged by ``lstat`` alone. Hidden entries (editor
    swap files, ``.DS_Store``, partial uploads ``.name.part``) are left out silently, as before.
    """
    files: list[Path] = []
    ignored: list[Ignored] = []
    pending = [Path(inbox)]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            if folder == Path(inbox):
                raise
            ignored.append(Ignored(folder, NO_DIR.format(err=exc.strerror or type(exc).__name__)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except FileNotFoundError:  # gone between the listing and the look
                continue
            if stat.S_ISLNK(mode):
                ignored.append(Ignored(path, _link_reason(path)))
            elif stat.S_ISDIR(mode):
                pending.append(path)
            elif stat.S_ISREG(mode):
                files.append(path)
            else:
                ignored.append(Ignored(path, SPECIAL.format(kind=_special_kind(mode))))
    return sorted(files), sorted(ignored, key=lambda i: i.path)


# --- one file: hash and archive from one read ----------------------------------------------------


def stand_in_key(code: str, path: Path, st: os.stat_result) -> str:
    """A key for a file quarantined before it could be hashed (too large, unreadable).

    64 hex digits like a content hash, so it keys ``ingested_files`` and the next run finds it seen
    while the file is unchanged (same path, size and modification time).
    """
    return hashlib.sha256(f"{code}\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()


def _too_large(path: Path, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"tệp {path.name} nặng {size / 1048576:.0f} MB, vượt giới hạn {max_bytes / 1048576:g} MB"
        " (TDKT_MAX_FILE_MB); hãy tách hồ sơ thành các tệp nhỏ hơn",
        path=path,
    )


def unreadable(path: Path, exc: OSError) -> UnreadableError:
    return UnreadableError(
        f"tdkt không có quyền đọc tệp {path.name} ({exc.strerror}); hãy cấp quyền đọc cho tài khoản chạy"
        " tdkt (ví dụ chmod o+r hoặc chown), lượt chạy sau sẽ đọc tệp",
        path=path,
    )


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as folders only their owner may enter; an existing one is kept."""
    missing = []
    probe = Path(path)
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        folder.chmod(0o700)  # mkdir's mode is masked by the umask: make it exact
    return Path(path)


@contextmanager
def private_files() -> Iterator[None]:
    """Run the block under umask 077: every file and folder it creates is its owner's only.

    The umask is per process; the run sets it for its whole length (DuckDB's own files, the WAL,
    the report, the archive) and gives the old one back after.
    """
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def intake(path: Path, archive: Path, *, max_bytes: int, known: Callable[[str], bool]) -> Taken | Ignored:
    """Read ``path`` once: hash it and, when its hash is not ``known``, archive exactly those bytes.

    Raises ``TooLargeError`` (from ``lstat``, before any read), ``UnreadableError`` (no permission),
    or ``OSError`` for a fault that is not the file's (disk full, a read error): the caller defers it.
    Returns ``Ignored`` when the entry was swapped for a link or a special file since the scan.
    """
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        return Ignored(path, _link_reason(path) if stat.S_ISLNK(st.st_mode) else SPECIAL.format(
            kind=_special_kind(st.st_mode)))
    if st.st_size > max_bytes:
        raise _too_large(path, st.st_size, max_bytes)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except PermissionError as exc:
        raise unreadable(path, exc) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a link since lstat
            return Ignored(path, _link_reason(path))
        raise
    with os.fdopen(fd, "rb", buffering=0) as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):  # swapped for a FIFO or a device: never read it
            return Ignored(path, SPECIAL.format(kind=_special_kind(st.st_mode)))
        if st.st_size > max_bytes:
            raise _too_large(path, st.st_size, max_bytes)
        if st.st_size > _SPOOL:  # too big to hold: hash first, so a file already seen is never written
            sha = _hash_only(fh, path, max_bytes)
            if known(sha):
                return Taken(path, sha, None)
            fh.seek(0)  # the same open file; the copy's own hash names it, whatever changed meanwhile
        return _hash_and_copy(fh, path, archive, max_bytes=max_bytes, known=known)


def _hash_only(fh: BinaryIO, path: Path, max_bytes: int) -> str:
    digest, size = hashlib.sha256(), 0
    while chunk := fh.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(path, size, max_bytes)
        digest.update(chunk)
    return digest.hexdigest()


def _hash_and_copy(fh: BinaryIO, path: Path, archive: Path, *, max_bytes: int,
                   known: Callable[[str], bool]) -> Taken:
    digest = hashlib.sha256()
    held: list[bytes] = []  # in memory until _SPOOL, then in the temporary file
    size = 0
    tmp: Path | None = None
    out: BinaryIO | None = None
    read = fh.read
    try:
        while chunk := read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:  # it grew while being read
                raise _too_large(path, size, max_bytes)
            digest.update(chunk)
            if out is None and size > _SPOOL:
                tmp, out = _temporary(archive)
            if out is not None:
                out.writelines(held)
                held.clear()
                out.write(chunk)
            else:
                held.append(chunk)
        sha = digest.hexdigest()
        if known(sha):
            return Taken(path, sha, None)
        dest = archive / sha[:2] / sha
        if dest.is_file() and dest.stat().st_size == size:  # the same bytes under another name
            dest.chmod(0o600)
            return Taken(path, sha, dest)
        if out is None:
            tmp, out = _temporary(archive)
        out.writelines(held)
        out.flush()
        os.fsync(out.fileno())
        out.close()
        out = None
        private_dir(dest.parent)
        assert tmp is not None
        tmp.replace(dest)
        tmp = None
        return Taken(path, sha, dest)
    finally:
        if out is not None:
            out.close()
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _temporary(archive: Path) -> tuple[Path, BinaryIO]:
    """A new private temporary file in the archive (same file system as its final name)."""
    private_dir(archive)
    tmp = archive / f".incoming.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
    return tmp, os.fdopen(fd, "wb")
