"""``tdkt status``: the schedule, who serves it, and the last runs with their outcome.

Read from the warehouse (``runs``, ``run_counts``), opened read-only, and from the serve lock
(``flows._serve``): no Prefect server is needed, so an operator gets an answer in a second even
when nothing is running. A run without ``finished_at`` did not finish (killed, or still going).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from flows._serve import serving_pid
from flows.settings import TdktSettings
from record.errors import ConfigError, TransientError


def _outcome(finished: object, counts: dict[str, int]) -> str:
    if finished is None:
        return "CHƯA XONG (bị dừng hoặc đang chạy)"
    if counts.get("deferred"):
        return f"xong, {counts['deferred']} tệp hoãn sang lần sau"
    return "xong"


def print_status(settings: TdktSettings, cron: str, tz: str, *, last: int = 10) -> int:
    """Print the status; exit 0 (3 when the warehouse is held by a writer right now)."""
    import duckdb

    pid = serving_pid(settings)
    print(f"lịch chạy đêm: '{cron}' ({tz})")
    if pid is None:
        print("  tdkt serve: KHÔNG chạy — lượt chạy đêm sẽ không diễn ra (hãy chạy tdkt serve)")
    else:
        print(f"  tdkt serve: đang chạy (pid {pid})")
    from flows._serve import warehouse_shown
    from landing._pg import PgConnection

    url = settings.warehouse_url
    shown = warehouse_shown(settings)  # never the password
    print(f"kho dữ liệu: {shown}")
    if url is None and not settings.warehouse.is_file():
        print("  chưa có lượt chạy nào (kho chưa được tạo)")
        return 0
    try:  # PostgreSQL (issue 10): readers never wait for the writer
        con: Any = PgConnection(url) if url else duckdb.connect(str(settings.warehouse), read_only=True)
    except duckdb.IOException as exc:
        raise TransientError(f"kho đang được một lượt chạy ghi, hãy xem lại sau ({exc})",
                             path=settings.warehouse) from exc
    except duckdb.Error as exc:
        raise ConfigError(f"TDKT_WAREHOUSE: không mở được kho {shown} ({exc})") from exc
    try:
        if url and con.execute("SELECT to_regclass('runs') IS NULL").fetchone() == (True,):
            print("  chưa có lượt chạy nào (kho chưa được tạo)")  # an empty database before the first run
            return 0
        runs = con.execute("SELECT run_id, started_at, finished_at FROM runs ORDER BY started_at DESC LIMIT ?",
                           [last]).fetchall()
        counts: dict[str, dict[str, int]] = {}
        for run_id, counter, value in con.execute(
                "SELECT run_id, counter, value FROM run_counts WHERE run_id IN "
                "(SELECT run_id FROM runs ORDER BY started_at DESC LIMIT ?)", [last]).fetchall():
            counts.setdefault(run_id, {})[counter] = value
    except duckdb.Error as exc:
        raise ConfigError(f"TDKT_WAREHOUSE: kho {shown} thiếu bảng runs ({exc})") from exc
    finally:
        con.close()
    if not runs:
        print("  chưa có lượt chạy nào")
        return 0
    local = ZoneInfo(tz)
    print(f"  {len(runs)} lượt chạy gần nhất (giờ {tz}):")
    for run_id, started, finished, in runs:
        c = counts.get(run_id, {})
        when = started.replace(tzinfo=UTC).astimezone(local).strftime("%Y-%m-%d %H:%M") if started else "?"
        took = f"{(finished - started).total_seconds():.0f} s" if finished and started else "-"
        print(f"  {when}  {took:>7}  {c.get('files_seen', 0)} tệp: {c.get('landed', 0)} đã ghi, "
              f"{c.get('skipped', 0)} bỏ qua, {c.get('quarantined', 0)} cách ly, {c.get('deferred', 0)} hoãn"
              f"  — {_outcome(finished, c)}  [{run_id}]")
    return 0
