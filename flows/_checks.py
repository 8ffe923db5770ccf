"""The settings a run needs, checked before anything starts (issue 9, point 13).

A wrong inbox used to be found at 01:00, after ``tdkt serve`` had started happily, and ``tdkt run``
with a bad setting took 13 s (Prefect's start-up) to print a traceback. These checks import
nothing heavy and run first in ``run`` and ``serve``: a bad setting is one line that names it, and
exit code 5 (``CONFIG``), in well under a second.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flows.intake import private_dir
from flows.settings import TdktSettings
from record.errors import ConfigError

if TYPE_CHECKING:
    from landing._pg import PgConnection


def _writable_folder(path: Path, name: str) -> None:
    """``path`` is (or can be made) a folder this process may write in."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name}: {path} không phải là thư mục")
    try:
        private_dir(path)  # as the run makes its folders: readable by their owner only
    except OSError as exc:
        raise ConfigError(f"{name}: không tạo được thư mục {path} ({exc.strerror})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"{name}: không có quyền ghi vào thư mục {path}")


def _scheduler_answers(address: str, timeout_s: float = 5.0) -> None:
    """The Dask scheduler at ``tcp://host:port`` accepts a connection (not yet that it is Dask)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if parts.scheme not in ("tcp", "tls") or not host or not port:
        raise ConfigError(f"TDKT_DASK_ADDRESS: địa chỉ bộ lập lịch Dask không hợp lệ: {address} "
                          "(dạng tcp://máy-chủ:8786)")
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
    except OSError as exc:
        raise ConfigError(f"TDKT_DASK_ADDRESS: không kết nối được bộ lập lịch Dask {address} "
                          f"({exc.strerror or type(exc).__name__}); hãy khởi động `dask scheduler` "
                          "hoặc bỏ thiết lập này để đọc tệp trên máy này") from None


def check_settings(settings: TdktSettings) -> None:
    """Raise ``ConfigError`` naming the first setting a run could not work with."""
    inbox = settings.inbox
    if isinstance(inbox, str):  # a URL (flows.settings): fsspec and its driver only then
        from flows._inbox_url import check as check_inbox_url

        check_inbox_url(inbox)
    elif not inbox.exists():
        raise ConfigError(f"TDKT_INBOX: thư mục hộp thư đến không tồn tại: {inbox}")
    elif not inbox.is_dir():
        raise ConfigError(f"TDKT_INBOX: {inbox} không phải là thư mục")
    elif not os.access(inbox, os.R_OK | os.X_OK):
        raise ConfigError(f"TDKT_INBOX: không có quyền đọc thư mục {inbox}")
    warehouse = settings.warehouse
    if warehouse.exists() and not warehouse.is_file():
        raise ConfigError(f"TDKT_WAREHOUSE: {warehouse} không phải là một tệp")
    if warehouse.exists() and not os.access(warehouse, os.R_OK | os.W_OK):
        raise ConfigError(f"TDKT_WAREHOUSE: không có quyền ghi tệp kho {warehouse}")
    _writable_folder(warehouse.parent, "TDKT_WAREHOUSE")
    _writable_folder(settings.reports, "TDKT_REPORTS")
    _writable_folder(settings.archive, "TDKT_ARCHIVE")
    if settings.archive_url:
        from flows._archive import check  # imports fsspec (and s3fs) only when an archive URL is set

        check(settings.archive_url)
    if settings.dask_address:
        _scheduler_answers(settings.dask_address)
    if settings.warehouse_url:  # a warehouse that refuses the connection stops the run before any file
        open_postgres(settings.warehouse_url).close()


def open_postgres(url: str) -> PgConnection:
    """A connection to the PostgreSQL warehouse at ``url`` (``landing._pg.PgConnection``), or one
    ``TDKT_WAREHOUSE`` line that says why not (``ConfigError``)."""
    import duckdb

    from landing._pg import PgConnection, redacted_url

    try:
        return PgConnection(url)
    except duckdb.Error as exc:
        raise ConfigError(f"TDKT_WAREHOUSE: không kết nối được kho PostgreSQL {redacted_url(url)} ({exc}); "
                          "kiểm tra máy chủ, cổng, tên cơ sở dữ liệu, tài khoản và mật khẩu") from None
