"""Why a warehouse file would not open, told apart by looking at the file, not at DuckDB's wording.

Only a lock held by **another** process is worth waiting for (``TransientError``, exit 3): the run
after it succeeds by itself. A read-only file or file system, a file that is not DuckDB's, or a
damaged or truncated one fails the same way every night until an operator acts: that is a
``WarehouseError`` (exit 6) whose one line names the file and what to do. The lock holder comes from
``fcntl(F_GETLK)``, which reports the process that holds a conflicting POSIX lock (DuckDB's kind).
"""

from __future__ import annotations

import fcntl
import os
import struct
from pathlib import Path

__all__ = ["lock_holder", "why_unusable"]

_FLOCK = "hhqqi"  # struct flock on Linux x86-64/arm64: l_type, l_whence, l_start, l_len, l_pid
_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file


def lock_holder(path: Path) -> int | None:
    """The PID of another process holding a lock on ``path``; None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        query = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        kind, _, _, _, pid = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, query))
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if kind == fcntl.F_UNLCK else pid


def _read_only(path: Path) -> bool:
    folder = path.parent if not path.exists() else path
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(path if path.exists() else path.parent, os.W_OK)


def why_unusable(path: Path) -> str:
    """A Vietnamese reason and the operator's fix for a warehouse DuckDB would not open or write."""
    if _read_only(path):
        return ("tệp kho dữ liệu hoặc ổ đĩa chứa nó chỉ cho đọc; hãy cấp quyền ghi cho tài khoản chạy tdkt"
                " (chmod u+w) hoặc đặt TDKT_WAREHOUSE vào thư mục ghi được")
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return f"không đọc được tệp kho dữ liệu ({exc.strerror}); kiểm tra quyền và ổ đĩa"
    if len(head) < 12 or head[8:12] != _MAGIC:
        return ("tệp này không phải kho DuckDB (hoặc đã bị ghi đè); kiểm tra TDKT_WAREHOUSE, hoặc đổi tên tệp"
                " để tdkt tạo kho mới rồi khôi phục dữ liệu từ bản sao lưu")
    return ("tệp kho DuckDB bị hỏng hoặc bị cắt cụt; hãy khôi phục từ bản sao lưu, hoặc đổi tên tệp để tdkt"
            " tạo kho mới (các tệp sẽ được nạp lại từ hộp thư đến và kho lưu trữ)")
