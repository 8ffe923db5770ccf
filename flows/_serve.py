"""What ``tdkt serve`` sets up around the deployment: one owner, honest metadata, an alert.

* One server owns the deployment (issue 9, point 12). A second ``tdkt serve`` over the same
  warehouse used to register the deployment again and, when stopped, paused its schedule and
  deleted its scheduled runs while the first still claimed to poll: the nightly run silently never
  happened. Now ``serve`` takes an exclusive ``flock`` on a lock file beside the warehouse for as
  long as it runs; a second one refuses with one line (``ALREADY_SERVING``, exit 3) before it
  touches Prefect, so it can neither register nor pause anything. The kernel drops the lock when
  the owner dies, however it dies.
* The deployment's description and parameters show the settings the runs use (inbox, warehouse,
  reports, archive, schedule), in Vietnamese, not the flow's docstring and the repository's paths.
  A PostgreSQL warehouse is shown without its password and is not a parameter (``parameters``).
* A failed or crashed nightly run raises an alert through Prefect's own automations: with
  ``TDKT_ALERT_WEBHOOK`` set, ``serve`` keeps a webhook notification block and an automation
  (``tdkt-nightly-failed``) that posts to it on ``prefect.flow-run.Failed`` / ``Crashed`` of this
  flow. Off by default: it needs an address only the operator knows.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import IO, Any

from flows.settings import TdktSettings
from record.errors import TdktError

_log = logging.getLogger(__name__)

FLOW_NAME = "tdkt-nightly"
ALERT_BLOCK = "tdkt-nightly-alert"
ALERT_AUTOMATION = "tdkt-nightly-failed"


class AlreadyServingError(TdktError):
    """Another ``tdkt serve`` owns the deployment of this warehouse."""

    code = "ALREADY_SERVING"
    exit_code = 3


def lock_path(settings: TdktSettings) -> Path:
    return settings.warehouse.with_name(f"{settings.warehouse.name}.serve.lock")


def serve_lock(settings: TdktSettings) -> IO[str]:
    """Take the serve lock of this warehouse; keep the returned file open while serving."""
    path = lock_path(settings)
    fh = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip() or "?"
        fh.close()
        raise AlreadyServingError(
            f"một tdkt serve khác đang phục vụ lịch chạy đêm của kho {warehouse_shown(settings)} ({holder}); "
            "không khởi động thêm") from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"pid {os.getpid()}")
    fh.flush()
    return fh


def serving_pid(settings: TdktSettings) -> int | None:
    """The pid of the ``tdkt serve`` holding this warehouse's lock, or None when none does."""
    path = lock_path(settings)
    if not path.is_file():
        return None
    with path.open("r", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = fh.read().strip()
            return int(text.split()[-1]) if text.split() and text.split()[-1].isdigit() else -1
    return None


def warehouse_shown(settings: TdktSettings) -> str:
    """The warehouse as people may see it: the DuckDB file, or the PostgreSQL URL without its password."""
    from landing._pg import redacted_url

    return redacted_url(settings.warehouse_url) if settings.warehouse_url else str(settings.warehouse)


def description(settings: TdktSettings, cron: str, tz: str) -> str:
    """The deployment's description in the Prefect UI: what the runs read and write, and when."""
    return (f"Chạy hằng đêm theo lịch '{cron}' ({tz}): đọc hồ sơ trong {settings.inbox}, ghi vào kho "
            f"{warehouse_shown(settings)}, báo cáo HTML trong {settings.reports}, bản gốc lưu ở {settings.archive}. "
            "Tệp đã đọc (cùng mã SHA-256) không đọc lại; tệp lỗi được cách ly kèm mã lỗi.")


SHOWN = ("inbox", "warehouse", "reports", "archive", "jobs", "file_timeout_s", "max_pages", "max_file_mb",
         "worker_memory_mb", "dask_address")


def parameters(settings: TdktSettings) -> dict[str, Any]:
    """The deployment's parameters: the settings each scheduled run uses, as the UI shows them.

    With a PostgreSQL warehouse the runs take ``TDKT_WAREHOUSE`` from the serving process's
    environment: its URL holds a password, which Prefect's database and UI must never keep, and the
    local ``warehouse`` path given as a parameter would make the run land in a DuckDB file instead.
    """
    shown = set(SHOWN) - ({"warehouse"} if settings.warehouse_url else set())
    return {"settings": settings.model_dump(mode="json", include=shown)}


def show_settings_in_schema(schema: dict[str, Any], settings: TdktSettings) -> dict[str, Any]:
    """The parameter schema with the run's settings as defaults, instead of the repository's paths."""
    values = settings.model_dump(mode="json")
    if settings.warehouse_url:  # never the password (see ``parameters``)
        values.pop("warehouse_url")
    for definition in (schema.get("definitions") or schema.get("$defs") or {}).values():
        for name, prop in (definition.get("properties") or {}).items():
            if name in values and isinstance(prop, dict) and "default" in prop:
                prop["default"] = values[name]
    return schema


async def ensure_alert(url: str) -> None:
    """The webhook block and the automation that posts to it when a tdkt-nightly run fails or crashes."""
    from prefect.automations import Automation
    from prefect.blocks.notifications import CustomWebhookNotificationBlock
    from prefect.events.actions import SendNotification
    from prefect.events.schemas.automations import EventTrigger, Posture

    block = CustomWebhookNotificationBlock(
        name=ALERT_BLOCK, url=url, method="POST",
        json_data={"text": "{{subject}}", "body": "{{body}}"},
    )
    block_id = await block.save(ALERT_BLOCK, overwrite=True)
    trigger = EventTrigger(
        expect={"prefect.flow-run.Failed", "prefect.flow-run.Crashed"},
        match_related={"prefect.resource.role": "flow", "prefect.resource.name": FLOW_NAME},
        posture=Posture.Reactive, threshold=1,
    )
    action = SendNotification(
        block_document_id=block_id,
        subject="tdkt: lượt chạy đêm {{ flow_run.name }} THẤT BẠI ({{ flow_run.state.name }})",
        body="Lượt chạy {{ flow_run.name }} của {{ flow.name }} kết thúc ở trạng thái "
             "{{ flow_run.state.name }}: {{ flow_run.state.message }}",
    )
    try:
        old = await Automation.aread(name=ALERT_AUTOMATION)
    except ValueError:  # none yet
        old = None
    if old is not None:
        await old.adelete()
    await Automation(name=ALERT_AUTOMATION, description="Báo khi lượt chạy đêm tdkt thất bại hoặc bị dừng",
                     trigger=trigger, actions=[action]).acreate()
    _log.warning("alert on a failed nightly run: POST to %s (automation %s)", url, ALERT_AUTOMATION)
