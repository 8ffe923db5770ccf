"""The command line as a user meets it: the real module in a child process, stdout, stderr, exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest


def _tdkt(repo_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True,
                          cwd=repo_root, timeout=600, check=False)


def _golden_names(samples_dir: Path) -> list[str]:
    return sorted(p.name[: -len(".json")] for p in (samples_dir / "expected").glob("*.json")
                  if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def schema(repo_root: Path) -> dict[str, object]:
    path = repo_root.parent / "shared" / "contract" / "dossier.schema.json"
    if not path.is_file():
        pytest.skip(f"the contract's schema is not beside the repository: {path}")
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_extract_json_follows_the_contract(repo_root: Path, samples_dir: Path, schema: dict[str, object]) -> None:
    name = next(n for n in _golden_names(samples_dir) if n.endswith(".docx"))
    result = _tdkt(repo_root, "extract", str(samples_dir / "files" / name), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    assert record["nominations"], "a good sample yields at least one nomination"
    assert "\\u" not in result.stdout, "Vietnamese is printed as is (ensure_ascii=False)"


def test_extract_bad_file_one_line_exit_2(repo_root: Path, samples_dir: Path) -> None:
    bad: dict[str, str] = json.loads((samples_dir / "expected" / "_bad.json").read_text(encoding="utf-8"))
    name, code = sorted(bad.items())[0]
    result = _tdkt(repo_root, "extract", str(samples_dir / "files" / name), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tdkt: ") and name in lines[0] and lines[0].endswith(f"[{code}]")


def test_extract_missing_file_is_an_input_error(repo_root: Path, tmp_path: Path) -> None:
    result = _tdkt(repo_root, "extract", str(tmp_path / "khong_co.docx"), "--json")
    assert result.returncode == 2
    assert "khong_co.docx" in result.stderr


def test_usage_errors_do_not_look_like_bad_files(repo_root: Path) -> None:
    result = _tdkt(repo_root, "extract")
    assert result.returncode == 64


def test_serve_registers_the_nightly_deployment_on_its_own_server(repo_root: Path, tmp_path: Path) -> None:
    """With no PREFECT_API_URL, serve starts a real Prefect server and registers the 01:00 schedule."""
    import json
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PREFECT_API_URL": "", "PREFECT_HOME": str(tmp_path / "prefect")}
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--port", str(port)], cwd=repo_root,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deployments: list = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not deployments:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(1)
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/deployments/filter", data=b"{}",
                                         headers={"content-type": "application/json"}, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=5) as resp:
                    deployments = json.load(resp)
            except OSError:
                continue
        assert [d["name"] for d in deployments] == ["tdkt-nightly"]
        schedule = deployments[0]["schedules"][0]["schedule"]
        assert (schedule["cron"], schedule["timezone"]) == ("0 1 * * *", "Asia/Ho_Chi_Minh")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # the server tdkt started is gone with it
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
