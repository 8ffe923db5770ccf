"""Faults of the nightly job's intake and landing (issue 9, points 1, 4, 5, 6, 7, 8, 10, 11).

Everything here is real: a small tmpfs mounted for a full disk, a read-only bind mount, FIFOs and
sockets made with the system calls, links, a sparse file, a file without read permission read by a
process that lacks the capability to ignore that (``setpriv``), other processes that hold or grab
the warehouse's lock, a replacing process swapping a file while it is read, and ``tdkt run`` itself.
Tests that need ``mount`` skip with the reason when the machine refuses it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from prefect.logging import disable_run_logger

from flows.intake import Ignored, Taken, intake, scan
from flows.nightly import process_file, run_nightly
from flows.settings import TdktSettings
from landing import Warehouse, WarehouseError
from record.errors import TransientError

DOCX = ("bctt_canhan_cstdcs_nguyen_thi_hoa.docx", "bctt_canhan_ldtt_ho_van_thang.docx",
        "bctt_canhan_bangkhen_le_quang_minh.docx", "bctt_tapthe_tyt_cua_tung_2025.docx")


# --- helpers ------------------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _settings(tmp: Path, inbox: Path, **where: Path) -> TdktSettings:
    paths = {"warehouse": tmp / "wh" / "tdkt.duckdb", "reports": tmp / "reports", "archive": tmp / "archive"}
    return TdktSettings(inbox=inbox, jobs=2, **{**paths, **where})


def _inbox(tmp: Path, samples_dir: Path, names: tuple[str, ...]) -> Path:
    inbox = tmp / "inbox"
    inbox.mkdir()
    for name in names:
        shutil.copy(samples_dir / "files" / name, inbox / name)
    return inbox


def _mount(args: list[str], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip() or 'not root'}): the test needs a real small file system")


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MB tmpfs: writing past it fails with ENOSPC, like a full disk."""
    target = tmp_path / "small"
    _mount(["-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs"], target)
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def _fill(fs: Path) -> Path:
    """Fill the file system to its last byte; delete the returned file to free it again."""
    filler = fs / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:  # ENOSPC: go on with smaller writes until not even one byte fits
                continue
    finally:
        os.close(fd)
    return filler


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is ``lines`` (Helvetica, WinAnsi)."""
    def esc(t: str) -> str:
        return t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 11 Tf 50 800 Td 14 TL\n" + "".join(f"({esc(line)}) '\n" for line in lines) + "ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            " /Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(body.encode('latin-1'))} >>\nstream\n{body}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


REPORT_LINES = ["CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc", "BAO CAO THANH TICH",
                "De nghi tang danh hieu Chien si thi dua co so nam 2024", "Ho va ten: Nguyen Van An",
                "Chuc vu: Giao vien", "Don vi cong tac: Truong THCS Vinh Linh",
                "Trong nam hoc ca nhan da hoan thanh xuat sac nhiem vu duoc giao"]


# --- 1. a full disk defers, never quarantines ----------------------------------------------------


@pytest.mark.usefixtures("prefect_harness")
def test_disk_full_at_commit_defers_and_an_internal_quarantine_is_retried(
        tmp_path: Path, small_fs: Path, samples_dir: Path) -> None:
    inbox = _inbox(tmp_path, samples_dir, DOCX[:2])
    first, second = (inbox / n for n in DOCX[:2])
    settings = _settings(tmp_path, inbox, warehouse=small_fs / "wh" / "tdkt.duckdb")
    db = settings.warehouse
    with Warehouse(db) as wh:  # what an older tdkt left after a full disk: a good file quarantined INTERNAL
        wh.quarantine(sha256=_sha(first), path=str(first), format=None, error_code="INTERNAL",
                      error="TransactionException: Failed to commit: No space left on device", run_id="old")
    filler = _fill(small_fs)

    with pytest.raises(WarehouseError) as raised:  # nothing could be written: the operator must act (exit 6)
        run_nightly(settings)

    assert raised.value.exit_code == 6 and "giải phóng dung lượng" in raised.value.message
    reports = list(settings.reports.glob("*_tdkt*.html"))
    assert len(reports) == 1, "the report is written even when the warehouse is full"
    html = reports[0].read_text(encoding="utf-8")
    assert html.count("Hoãn (thử lại lượt sau)") >= 2 and first.name in html and second.name in html
    filler.unlink()
    assert _rows(db, "select sha256, status, error_code from ingested_files") == [
        (_sha(first), "quarantined", "INTERNAL")]

    again = run_nightly(settings)

    assert (again.landed, again.quarantined, again.deferred) == (2, 0, 0)
    assert sorted(_rows(db, "select status, error_code from ingested_files")) == [("ok", None), ("ok", None)]
    assert _rows(db, f"select count(*) from runs where run_id = '{again.run_id}'") == [(1,)]


@pytest.mark.usefixtures("prefect_harness")
def test_disk_full_at_archive_copy_defers_and_leaves_no_partial_copy(
        tmp_path: Path, small_fs: Path, samples_dir: Path) -> None:
    inbox = _inbox(tmp_path, samples_dir, DOCX[:2])
    settings = _settings(tmp_path, inbox, archive=small_fs / "archive")
    filler = _fill(small_fs)

    full = run_nightly(settings)

    assert (full.landed, full.quarantined, full.deferred) == (0, 0, 2)
    assert _rows(settings.warehouse, "select count(*) from ingested_files") == [(0,)]
    assert [p for p in small_fs.rglob("*") if p.is_file() and p != filler] == []
    filler.unlink()

    freed = run_nightly(settings)

    assert (freed.landed, freed.quarantined, freed.deferred) == (2, 0, 0)


# --- 4. what lands is what was hashed and archived; 11. a corrected file supersedes -------------

REPLACER = """
import os, sys
a, b, dest = sys.argv[1:4]
data = [open(a, 'rb').read(), open(b, 'rb').read()]
tmp = os.path.join(os.path.dirname(dest), '.swap')
i = 0
while True:
    with open(tmp, 'wb') as fh:
        fh.write(data[i % 2])
    os.replace(tmp, dest)
    i += 1
"""


@pytest.mark.usefixtures("prefect_harness")
def test_a_file_replaced_while_read_lands_as_one_version_and_the_other_supersedes_it(
        tmp_path: Path, samples_dir: Path) -> None:
    versions = [samples_dir / "files" / n for n in DOCX[:2]]
    shas = {_sha(v): v for v in versions}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / "ho_so.docx"
    shutil.copy(versions[0], target)
    archive = tmp_path / "archive"
    replacer = subprocess.Popen([sys.executable, "-c", REPLACER, *map(str, versions), str(target)])
    try:
        for _ in range(150):
            taken = intake(target, archive, max_bytes=1 << 24, known=lambda _: False)
            assert isinstance(taken, Taken) and taken.copy is not None
            assert taken.sha256 in shas
            assert _sha(taken.copy) == taken.sha256 == taken.copy.name  # the copy is the hashed bytes
        settings = _settings(tmp_path, inbox)
        racing = run_nightly(settings)
    finally:
        replacer.send_signal(signal.SIGTERM)
        replacer.wait(timeout=10)
    assert racing.landed == 1
    (landed_sha,) = _rows(settings.warehouse, "select sha256 from ingested_files")[0]
    assert landed_sha in shas
    for copy in archive.rglob("*"):
        if copy.is_file():
            assert _sha(copy) == copy.name
    # the sender's correction: the other version under the same name
    other = next(v for s, v in shas.items() if s != landed_sha)
    shutil.copy(other, target)
    before = _rows(settings.warehouse, "select count(*) from nominations")[0][0]

    corrected = run_nightly(settings)

    assert corrected.landed == 1
    db = settings.warehouse
    assert _rows(db, "select superseded_by from ingested_files where sha256 = ?".replace("?", f"'{landed_sha}'")) == [
        (_sha(other),)]
    # history kept, counted once: the current view holds the corrected version's nominations only
    total = _rows(db, "select count(*) from nominations")[0][0]
    current = _rows(db, "select count(*) from current_nominations")[0][0]
    assert total > current == total - before > 0
    assert _rows(db, "select distinct sha256 from current_nominations") == [(_sha(other),)]


def test_a_corrected_file_supersedes_at_landing_and_a_reverted_one_is_current_again(tmp_path: Path) -> None:
    from test_landing import make_record

    db = tmp_path / "kho.duckdb"
    with Warehouse(db) as wh:
        wh.land(make_record("a" * 64), [], run_id="r1", path="inbox/x.pdf")
        wh.land(make_record("c" * 64), [], run_id="r1", path="inbox/khac.pdf")
        wh.land(make_record("b" * 64), [], run_id="r2", path="inbox/x.pdf")
        assert sorted(_rows_con(wh, "select sha256, superseded_by from ingested_files")) == [
            ("a" * 64, "b" * 64), ("b" * 64, None), ("c" * 64, None)]
        wh.land(make_record("a" * 64), [], run_id="r3", path="inbox/x.pdf")  # the sender went back to a
        assert sorted(_rows_con(wh, "select sha256, superseded_by from ingested_files")) == [
            ("a" * 64, None), ("b" * 64, "a" * 64), ("c" * 64, None)]
        assert _rows_con(wh, "select count(distinct sha256) from current_nominations") == [(2,)]


def test_a_retried_quarantine_code_stops_at_its_limit_and_a_files_own_code_is_never_retried(
        tmp_path: Path) -> None:
    from flows.intake import load_policy

    policy = load_policy()
    limit = policy.retry_quarantined["INTERNAL"]
    with Warehouse(tmp_path / "kho.duckdb") as wh:
        wh.quarantine(sha256="c" * 64, path="inbox/hong.pdf", format=None, error_code="CORRUPT_FILE", error="x",
                      run_id="r")
        for attempt in range(1, limit + 1):
            wh.quarantine(sha256="d" * 64, path="inbox/loi.docx", format=None, error_code="INTERNAL", error="x",
                          run_id=f"r{attempt}")
            settled = policy.settled(wh.file_states())
            assert ("d" * 64 in settled) == (attempt >= limit), attempt
        assert "c" * 64 in settled


def _rows_con(wh: Warehouse, sql: str) -> list[tuple[object, ...]]:
    return wh._con.execute(sql).fetchall()


def test_a_big_file_already_seen_is_hashed_without_being_written(tmp_path: Path) -> None:
    big = tmp_path / "lon.pdf"
    big.write_bytes(os.urandom(9 << 20))  # over the in-memory spool
    archive = tmp_path / "archive"
    seen = intake(big, archive, max_bytes=16 << 20, known=lambda _: True)
    assert isinstance(seen, Taken) and seen.copy is None and seen.sha256 == _sha(big)
    assert not archive.exists() or not any(archive.rglob("*"))
    new = intake(big, archive, max_bytes=16 << 20, known=lambda _: False)
    assert isinstance(new, Taken) and new.copy is not None and _sha(new.copy) == new.sha256 == _sha(big)
    assert [p for p in archive.rglob("*") if p.is_file()] == [new.copy]


# --- 5, 7, 11. a hostile inbox through the real command -------------------------------------------


def _tdkt_run(repo_root: Path, tmp: Path, inbox: Path) -> subprocess.CompletedProcess[str]:
    """``tdkt run`` as a root process without the capabilities to ignore file permissions."""
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    if PREFECT_API_URL.value():  # the session's test server: no temporary server started per run
        env["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
    setpriv = shutil.which("setpriv")
    drop = [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"] if setpriv else []
    return subprocess.run(
        [*drop, sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse",
         str(tmp / "wh" / "tdkt.duckdb"), "--reports", str(tmp / "reports"), "--archive", str(tmp / "archive"),
         "--jobs", "2"],
        cwd=repo_root, env=env, capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=lambda: os.umask(0o022),
    )


@pytest.mark.usefixtures("prefect_harness")
def test_hostile_inbox_entries_are_listed_not_followed_and_nothing_is_readable_by_others(
        tmp_path: Path, repo_root: Path, samples_dir: Path) -> None:
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("root reads a mode-000 file anyway; setpriv is needed to drop that capability")
    inbox = _inbox(tmp_path, samples_dir, DOCX[:1])
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "mat_khau.txt"
    secret.write_text("bí mật", encoding="utf-8")
    secret.chmod(0o600)
    shutil.copy(samples_dir / "files" / DOCX[1], outside / DOCX[1])
    (inbox / "lien_ket_tep.docx").symlink_to(secret)
    (inbox / "lien_ket_thu_muc").symlink_to(outside, target_is_directory=True)
    (inbox / "lien_ket_hong.docx").symlink_to(outside / "khong_con.docx")
    os.mkfifo(inbox / "ong_dan.docx")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(inbox / "o_cam.sock"))
    locked = inbox / "khong_quyen_doc.docx"
    shutil.copy(samples_dir / "files" / DOCX[2], locked)
    locked.chmod(0o000)
    big = inbox / "lon_thua.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(300 * 1024 * 1024)  # sparse: 300 MB long, nothing on disk

    started = time.monotonic()
    run = _tdkt_run(repo_root, tmp_path, inbox)

    assert run.returncode == 0, run.stderr[-3000:]
    assert time.monotonic() - started < 120, "nothing may block (the FIFO) or copy 300 MB"
    assert "5 ignored" in run.stdout and "UNREADABLE 1" in run.stdout and "TOO_LARGE 1" in run.stdout, run.stdout
    db = tmp_path / "wh" / "tdkt.duckdb"
    assert sorted(_rows(db, "select status, error_code from ingested_files")) == [
        ("ok", None), ("quarantined", "TOO_LARGE"), ("quarantined", "UNREADABLE")]
    archived = [p for p in (tmp_path / "archive").rglob("*") if p.is_file()]
    assert [p.name for p in archived] == [_sha(inbox / DOCX[0])], "only the inbox's own regular file is archived"
    # owner only: archive, warehouse, report
    for path in [tmp_path / "archive", *(tmp_path / "archive").rglob("*"), db.parent, tmp_path / "reports"]:
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path
    (report,) = (tmp_path / "reports").glob("*_tdkt*.html")
    assert stat.S_IMODE(db.stat().st_mode) == stat.S_IMODE(report.stat().st_mode) == 0o600
    html = report.read_text(encoding="utf-8")
    for name in ("lien_ket_tep.docx", "lien_ket_thu_muc", "lien_ket_hong.docx", "ong_dan.docx", "o_cam.sock"):
        assert name in html, name
    assert "liên kết tượng trưng" in html and "liên kết tượng trưng hỏng" in html
    assert "FIFO" in html and "socket" in html and "UNREADABLE" in html and "chmod" in html
    assert str(inbox) not in html and str(tmp_path) not in html, "paths are shown relative to the inbox"
    assert " at 0x" not in html

    locked.chmod(0o644)  # the operator's fix; the sparse file stays as it was
    fixed = _tdkt_run(repo_root, tmp_path, inbox)

    assert fixed.returncode == 0, fixed.stderr[-3000:]
    assert "1 landed" in fixed.stdout and "quarantined (" not in fixed.stdout, fixed.stdout
    assert _rows(db, "select attempts from ingested_files where error_code = 'TOO_LARGE'") == [(1,)], \
        "an unchanged file quarantined before it was read is skipped, not quarantined every night"
    assert _rows(db, "select status, superseded_by is not null from ingested_files where path like "
                     "'%khong_quyen_doc.docx' order by status") == [("ok", False), ("quarantined", True)]


def test_a_fifo_or_link_swapped_in_after_the_scan_is_never_read(tmp_path: Path, repo_root: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(b"PK\x03\x04 ho so")
    files, ignored = scan(inbox)
    assert files == [inbox / "a.docx"] and ignored == []
    (inbox / "a.docx").unlink()
    os.mkfifo(inbox / "a.docx")  # swapped in between the scan and the read
    (inbox / "b.docx").symlink_to("/etc/passwd")
    probe = ("import sys; from pathlib import Path; from flows.intake import intake\n"
             "for name in ('a.docx', 'b.docx'):\n"
             "    r = intake(Path(sys.argv[1]) / name, Path(sys.argv[2]), max_bytes=1 << 20, known=lambda s: False)\n"
             "    print(type(r).__name__, r.reason)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(inbox), str(tmp_path / "archive")], cwd=repo_root,
                            capture_output=True, text=True, timeout=30, check=False)  # a blocked open would time out
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first.startswith("Ignored") and "FIFO" in first
    assert second.startswith("Ignored") and "liên kết" in second
    assert not (tmp_path / "archive").exists() or not any((tmp_path / "archive").rglob("*"))
    assert isinstance(intake(inbox / "b.docx", tmp_path / "archive", max_bytes=1, known=lambda _: False), Ignored)


# --- 6. one connection from start to end ---------------------------------------------------------

GRABBER = """
import os, sys, time, duckdb
db, stop = sys.argv[1:3]
got = 0
while not os.path.exists(stop):
    try:
        con = duckdb.connect(db, read_only=True)
    except duckdb.Error:
        time.sleep(0.002)
        continue
    got += 1
    time.sleep(3)  # an analyst's notebook keeps it open a while
    con.close()
print(got)
"""


@pytest.mark.usefixtures("prefect_harness")
def test_a_reader_grabbing_the_warehouse_mid_run_cannot_break_it(tmp_path: Path, samples_dir: Path) -> None:
    inbox = _inbox(tmp_path, samples_dir, DOCX)
    settings = _settings(tmp_path, inbox)
    stop = tmp_path / "stop"
    grabber = subprocess.Popen([sys.executable, "-c", GRABBER, str(settings.warehouse), str(stop)],
                               stdout=subprocess.PIPE, text=True)
    try:
        summary = run_nightly(settings)
    finally:
        stop.touch()
        grabber.wait(timeout=30)
    assert (summary.landed, summary.deferred) == (len(DOCX), 0)
    assert summary.report.is_file()
    assert _rows(settings.warehouse, f"select count(*) from runs where run_id = '{summary.run_id}'") == [(1,)]
    assert _rows(settings.warehouse, f"select count(*) > 20 from quality_checks where run_id = '{summary.run_id}'"
                 ) == [(True,)]


# --- 8. the warehouse's own faults: exit 6, only a real lock is 3 --------------------------------


def test_unusable_warehouse_files_are_warehouse_errors_and_only_a_lock_is_transient(tmp_path: Path) -> None:
    good = tmp_path / "tot.duckdb"
    Warehouse(good).close()
    not_duckdb = tmp_path / "khong_phai.duckdb"
    not_duckdb.write_text("đây là một tệp văn bản " * 500, encoding="utf-8")
    truncated = tmp_path / "cat_cut.duckdb"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    for path, words in ((not_duckdb, "không phải kho DuckDB"), (truncated, "bị hỏng hoặc bị cắt cụt")):
        with pytest.raises(WarehouseError) as raised:
            Warehouse(path)
        assert raised.value.exit_code == 6 and words in raised.value.message and raised.value.path == str(path)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('held', flush=True); time.sleep(60)", str(good)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(TransientError) as lock:
            Warehouse(good)
        assert lock.value.exit_code == 3 and f"PID {holder.pid}" in lock.value.message
    finally:
        holder.kill()
        holder.wait()


def test_a_read_only_warehouse_is_a_warehouse_error(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    Warehouse(folder / "tdkt.duckdb").close()
    read_only = tmp_path / "kho_ro"
    _mount(["--bind", str(folder)], read_only)
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(read_only)], capture_output=True, check=False)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only here")
        with pytest.raises(WarehouseError) as raised:
            Warehouse(read_only / "tdkt.duckdb")
        assert raised.value.exit_code == 6 and "chỉ cho đọc" in raised.value.message
    finally:
        subprocess.run(["umount", "-l", str(read_only)], check=False)


@pytest.mark.usefixtures("prefect_harness")
def test_tdkt_run_on_a_file_that_is_not_a_warehouse_exits_6_with_one_line(
        tmp_path: Path, repo_root: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "tdkt.duckdb").write_text("không phải DuckDB", encoding="utf-8")
    run = _tdkt_run(repo_root, tmp_path, inbox)
    assert run.returncode == 6, run.stderr[-3000:]
    lines = [line for line in run.stderr.splitlines() if line.startswith("tdkt: ")]
    assert len(lines) == 1 and lines[0].endswith("[WAREHOUSE]") and "tdkt.duckdb" in lines[0]
    assert "TDKT_WAREHOUSE" in lines[0]


# --- 10. noise is not an empty dossier ------------------------------------------------------------


def test_a_file_whose_text_is_noise_is_quarantined_and_a_plan_still_lands(
        tmp_path: Path, repo_root: Path) -> None:
    settings = _settings(tmp_path, tmp_path).model_copy(update={"isolate": False})
    noise = tmp_path / "bao_cao_hong.pdf"  # a report with its letters' bits flipped: text, but no words
    noise.write_bytes(text_pdf(["".join(chr(ord(c) ^ 5) if c.isalpha() else c for c in line)
                                for line in REPORT_LINES]))
    with disable_run_logger():
        outcome = process_file.fn(noise, _sha(noise), settings)
    assert (outcome.status, outcome.error_code) == ("quarantined", "UNRECOGNISED")
    assert outcome.error and noise.name in outcome.error and "tiếng Việt" in outcome.error

    plan = repo_root / "data" / "holdout" / "files" / "ke_hoach_thi_dua_2026_xa_cam_binh.docx"
    with disable_run_logger():
        kept = process_file.fn(plan, _sha(plan), settings)
    assert (kept.status, kept.error_code) == ("landed", None)
    assert kept.record is not None and kept.record.nominations == []
    assert [d.kind for d in kept.record.documents] == ["other"]
