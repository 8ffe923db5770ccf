"""Operating tdkt (issue 9, points 9, 12 and 13), as an operator would: real processes, real signals.

* ``kill -9`` of ``tdkt run`` takes its temporary Prefect server and its worker processes with it.
* Ctrl-C (SIGINT) of ``tdkt run`` exits 130.
* A bad setting is one line naming it and exit 5 (``CONFIG``), before Prefect starts.
* One ``tdkt serve`` owns the deployment: a second refuses in one line and pauses nothing; the
  deployment shows the settings its runs use; a failed run posts an alert to ``TDKT_ALERT_WEBHOOK``
  through Prefect's automation; ``tdkt status`` shows the schedule, the owner and the last runs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANS = ("scan_bctt_tapthe_htx_vinh_hoang.pdf", "scan_hoso_thon_ha_thuong_2025.pdf",
         "scan_totrinh_bienban_so_y_te_2025.pdf")


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    return {**env, "PREFECT_API_URL": "", "PREFECT_HOME": str(tmp / "prefect"), "PYTHONPATH": str(ROOT),
            "TDKT_WAREHOUSE": str(tmp / "wh" / "tdkt.duckdb"), "TDKT_REPORTS": str(tmp / "reports"),
            "TDKT_ARCHIVE": str(tmp / "archive"), **extra}


def _tdkt(*args: str, env: dict[str, str], **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live direct children of ``pid``, from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            state = stat.rsplit(")", 1)[1].split()[0]
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and state != "Z":
            out.append((int(entry.name), cmd))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _wait_for_server(run: subprocess.Popen[str], timeout: float = 120) -> tuple[int, int]:
    """The (pid, port) of the Prefect server ``run`` started, once it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, run.stderr.read() if run.stderr else ""
        for pid, cmd in _children(run.pid):
            if "prefect server start" in cmd:
                port = int(cmd.split("--port")[1].split()[0])
                if _healthy(port):
                    return pid, port
        time.sleep(0.2)
    raise AssertionError("the temporary Prefect server never answered")


def _scan_inbox(tmp: Path) -> Path:
    inbox = tmp / "inbox"
    inbox.mkdir()
    for name in SCANS:
        shutil.copy(ROOT / "data" / "samples" / "files" / name, inbox / name)
    return inbox


def _api(port: int, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api{path}", data=data, method="POST" if data else "GET",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def wait_for_deployment(serve: subprocess.Popen[str], port: int) -> dict[str, Any]:
    """The one deployment ``tdkt serve`` registers on its server, once it has (at most 180 s)."""
    deployments: list[dict[str, Any]] = []
    deadline = time.monotonic() + 180
    while not deployments and time.monotonic() < deadline:
        assert serve.poll() is None, serve.communicate()[1][-3000:]
        time.sleep(1)
        try:
            deployments = _api(port, "/deployments/filter", {})
        except OSError:
            continue
    assert [d["name"] for d in deployments] == ["tdkt-nightly"]
    return deployments[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- tdkt run ---------------------------------------------------------------------------------------


def test_kill_9_of_run_takes_its_prefect_server_with_it(tmp_path: Path) -> None:
    run = _tdkt("run", "--inbox", str(_scan_inbox(tmp_path)), env=_env(tmp_path))
    try:
        server, _port = _wait_for_server(run)
        workers: list[int] = []
        deadline = time.monotonic() + 120  # the workers of the pool, children of the fork server
        while not workers and time.monotonic() < deadline:
            workers = [w for fs, cmd in _children(run.pid) if "forkserver" in cmd for w, _ in _children(fs)]
            time.sleep(0.1)
        assert workers, "no worker process started"
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=10)
        deadline = time.monotonic() + 10
        while (_alive(server) or any(map(_alive, workers))) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(server), "the Prefect server outlived kill -9 of tdkt run"
        assert not any(map(_alive, workers)), "a worker outlived kill -9 of tdkt run"
    finally:
        if run.poll() is None:
            run.kill()
        run.communicate(timeout=30)


def test_ctrl_c_of_run_exits_130(tmp_path: Path) -> None:
    run = _tdkt("run", "--inbox", str(_scan_inbox(tmp_path)), env=_env(tmp_path))
    try:
        server, _port = _wait_for_server(run)
        deadline = time.monotonic() + 120  # the flow has started once it archives the first file
        while not any((tmp_path / "archive").rglob("*")) and time.monotonic() < deadline:
            assert run.poll() is None
            time.sleep(0.1)
        time.sleep(1.0)
        run.send_signal(signal.SIGINT)
        _out, err = run.communicate(timeout=90)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate(timeout=30)
    assert run.returncode == 130, err[-2000:]
    assert err.strip().splitlines()[-1] == "tdkt: interrupted"
    deadline = time.monotonic() + 10
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server)


@pytest.mark.parametrize(("args", "names"), [
    (("run", "--inbox", "{tmp}/khong_co"), "TDKT_INBOX"),
    (("run", "--inbox", "{tmp}", "--reports", "{tmp}/la_tep"), "TDKT_REPORTS"),
    (("run", "--inbox", "{tmp}/la_tep"), "TDKT_INBOX"),
    (("serve", "--port", "1"), "TDKT_INBOX"),
])
def test_a_bad_setting_is_one_line_and_exit_5_at_once(tmp_path: Path, args: tuple[str, ...], names: str) -> None:
    (tmp_path / "la_tep").write_text("x")
    env = _env(tmp_path, TDKT_INBOX=str(tmp_path / "khong_co"))
    started = time.monotonic()
    proc = _tdkt(*(a.format(tmp=tmp_path) for a in args), env=env)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 5, err
    assert time.monotonic() - started < 8  # no Prefect start-up before the check
    lines = err.strip().splitlines()
    assert len(lines) == 1 and names in lines[0] and lines[0].endswith("[CONFIG]"), err
    assert "Traceback" not in err and not (tmp_path / "prefect").exists()


# --- tdkt serve and tdkt status ---------------------------------------------------------------------


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        _Hook.received.append(json.loads(body or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


def test_one_serve_owns_the_deployment_shows_its_settings_and_alerts_on_failure(tmp_path: Path) -> None:
    hook = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    port = _free_port()
    env = _env(tmp_path, TDKT_INBOX=str(inbox), PREFECT_RUNNER_POLL_FREQUENCY="2",
               TDKT_ALERT_WEBHOOK=f"http://127.0.0.1:{hook.server_port}/hook")
    first = _tdkt("serve", "--port", str(port), env=env)
    try:
        deployment = wait_for_deployment(first, port)
        # the UI shows the settings the runs use, not developer text or the repository's paths
        assert str(inbox) in deployment["description"] and "0 1 * * *" in deployment["description"]
        assert "run_nightly" not in deployment["description"]
        assert deployment["parameters"]["settings"]["inbox"] == str(inbox)
        assert str(ROOT / "data") not in json.dumps(deployment)
        automations = _api(port, "/automations/filter", {})
        assert "tdkt-nightly-failed" in [a["name"] for a in automations]

        # a second serve refuses in one line, before Prefect, and pauses nothing on its way out
        second = _tdkt("serve", "--port", str(_free_port()), env=env)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 3 and len(err.strip().splitlines()) == 1, err
        assert "[ALREADY_SERVING]" in err
        time.sleep(2)
        again = _api(port, f"/deployments/{deployment['id']}")
        assert again["paused"] is False and all(s["active"] for s in again["schedules"])

        status = subprocess.run([sys.executable, "-m", "flows.cli", "status"], cwd=ROOT, env=env, text=True,
                                capture_output=True, timeout=60, check=False)
        assert status.returncode == 0, status.stderr
        assert f"pid {first.pid}" in status.stdout and "0 1 * * *" in status.stdout

        # a run that fails (its inbox is gone) posts the alert through Prefect's automation
        inbox.rmdir()
        _api(port, f"/deployments/{deployment['id']}/create_flow_run", {})
        deadline = time.monotonic() + 180
        while not _Hook.received and time.monotonic() < deadline:
            assert first.poll() is None
            time.sleep(1)
        assert _Hook.received, "no alert was posted for the failed run"
        alert = json.dumps(_Hook.received[0], ensure_ascii=False)
        assert "THẤT BẠI" in alert and "Failed" in alert and "{{" not in alert, alert  # templates filled in
    finally:
        first.terminate()
        out, err = first.communicate(timeout=60)
        hook.shutdown()
    assert first.returncode in (0, 130)
    assert "tdkt-nightly FAILED (Failed)" in out + err  # the run's log says so plainly


def test_status_shows_the_last_runs_and_their_outcome(tmp_path: Path) -> None:
    from landing import Warehouse

    env = _env(tmp_path)
    warehouse = Path(env["TDKT_WAREHOUSE"])
    start = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)
    with Warehouse(warehouse) as wh:
        wh.record_run("run-a", start, start + timedelta(seconds=42),
                      {"files_seen": 12, "landed": 10, "skipped": 0, "quarantined": 1, "deferred": 1})
        wh.record_run("run-b", start + timedelta(days=1), None, {"files_seen": 3})
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "status"], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "'0 1 * * *' (Asia/Ho_Chi_Minh)" in lines[0]
    assert "KHÔNG chạy" in lines[1]  # no serve owns the schedule: said plainly
    b = next(line for line in lines if "run-b" in line)
    a = next(line for line in lines if "run-a" in line)
    assert lines.index(b) < lines.index(a)  # newest first
    assert "2026-11-29 01:00" in a and "10 đã ghi" in a and "1 hoãn" in a and "42 s" in a
    assert "CHƯA XONG" in b
