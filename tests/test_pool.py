"""The worker pool under faults (issue 9, points 2, 3 and 14), with real processes and real signals.

* A worker killed from outside while it holds a Tesseract slot (SIGKILL, as the OOM killer sends)
  defers its file, and its slot comes back: the rest of the batch runs, none waits out its limit.
* A worker that crashes by itself (abort, segfault) quarantines its file as ``WORKER_CRASHED``.
* Each worker runs under a memory limit: an overrun is ``TOO_LARGE`` for that file, and the pool
  goes on. A page is rendered within a pixel budget: a 200 x 200-inch page is refused at once.
* A file whose worker is killed night after night is quarantined after ``TDKT_MAX_WORKER_KILLS``.
* The flow groups light files into Prefect tasks; each file still has its own outcome and row.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import extract_file
from extractors._pdf import RenderBudget, page_dpi
from flows import _pool
from flows._kills import KillCounts
from flows._pool import FilePool
from flows.nightly import _count_kills, _deferred, run_nightly
from flows.settings import TdktSettings
from record.errors import (
    FileTimeoutError,
    TooLargeError,
    WorkerCrashedError,
    WorkerKilledError,
)

ROOT = Path(__file__).resolve().parents[1]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


# --- jobs run in the workers (module level: the workers import them by name) ----------------------


def ocr_page(image: str, times: int) -> int:
    """OCR a small real page ``times`` times, each in a Tesseract slot of the pool; the word count."""
    from extractors._ocr import ocr_image

    words = 0
    for _ in range(times):
        words += sum(len(line.text.split()) for line in ocr_image(Path(image)))
    return words


def allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def crash(sig: int) -> None:
    os.kill(os.getpid(), sig)


def tiny_pdf(width_pt: int, height_pt: int) -> bytes:
    """A valid one-page PDF with an empty page of the given MediaBox (a few hundred bytes)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (width_pt, height_pt)]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


# --- helpers ----------------------------------------------------------------------------------------


def _page_image(path: Path) -> Path:
    image = Image.new("L", (1400, 260), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40) if FONT.is_file() else ImageFont.load_default()
    draw.text((40, 40), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fill=0, font=font)
    draw.text((40, 140), "Độc lập - Tự do - Hạnh phúc", fill=0, font=font)
    image.save(path)
    return path


def _slot_holders(pool: FilePool) -> set[int]:
    """Pids holding a Tesseract slot now, read from the kernel's own lock table (/proc/locks)."""
    inodes = {(pool.slots.folder / f"slot-{i}").stat().st_ino for i in range(pool.slots.n)}
    holders = set()
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "FLOCK" in parts and "->" not in parts:
            pid, where = int(parts[4]), parts[5]
            if int(where.split(":")[-1]) in inodes:
                holders.add(pid)
    return holders


# --- point 2: killed and crashed workers ------------------------------------------------------------


def test_killed_workers_give_back_their_slots_and_defer_their_files(tmp_path: Path) -> None:
    image = str(_page_image(tmp_path / "page.png"))
    with FilePool(2, ocr_slots=2) as pool:
        started = time.monotonic()
        baseline = pool.submit(ocr_page, image, 1, limit_s=120, label="dau.png").result()
        one_page = time.monotonic() - started
        assert baseline >= 5  # real Tesseract read the page
        jobs = [pool.submit(ocr_page, image, 3, limit_s=60, label=f"tep{i}.png") for i in range(8)]
        killed: set[int] = set()
        deadline = time.monotonic() + 60
        while len(killed) < 2 and time.monotonic() < deadline:  # kill two workers, each mid-OCR
            for pid in _slot_holders(pool) & set(pool.worker_pids()) - killed:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
                break
            time.sleep(0.01)
        assert len(killed) == 2
        outcomes: list[str] = []
        kill_started = time.monotonic()
        for job in jobs:
            try:
                job.result()
                outcomes.append("ok")
            except WorkerKilledError as exc:
                assert exc.code == "WORKER_KILLED" and "SIGKILL" in exc.message
                outcomes.append("killed")
        rest = time.monotonic() - kill_started
    # the two killed files are deferred, every other file read; no slot was lost, so nothing waited
    # out its 60 s limit (FILE_TIMEOUT) and the rest ran at about the speed of one page per slot
    assert outcomes.count("killed") == 2 and outcomes.count("ok") == 6, outcomes
    assert rest < 30 * max(one_page, 0.5), (rest, one_page)


@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGABRT])
def test_a_worker_that_crashes_by_itself_quarantines_its_file(sig: signal.Signals) -> None:
    with FilePool(1) as pool:
        with pytest.raises(WorkerCrashedError) as err:
            pool.submit(crash, int(sig), limit_s=30, label="hong.pdf").result()
        assert err.value.code == "WORKER_CRASHED" and err.value.path == "hong.pdf"
        assert sig.name in err.value.message
        assert pool.submit(allocate, 1, limit_s=30).result() == 1024 * 1024  # a new worker took its place


def test_a_worker_stopped_by_sigterm_is_not_the_files_fault() -> None:
    with FilePool(1) as pool:
        job = pool.submit(time.sleep, 30, limit_s=60, label="cham.docx")
        deadline = time.monotonic() + 30
        while not pool.worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the worker has taken the job
        os.kill(pool.worker_pids()[0], signal.SIGTERM)
        with pytest.raises(WorkerKilledError):
            job.result()


def test_a_file_over_its_time_is_killed_and_the_pool_goes_on() -> None:
    with FilePool(1) as pool:
        started = time.monotonic()
        with pytest.raises(FileTimeoutError) as err:
            pool.submit(time.sleep, 60, limit_s=1.0, label="treo.pdf").result()
        assert time.monotonic() - started < 15 and err.value.path == "treo.pdf"
        assert pool.submit(allocate, 2, limit_s=30).result() == 2 * 1024 * 1024


def test_a_file_killed_night_after_night_is_quarantined_in_the_end(tmp_path: Path) -> None:
    settings = TdktSettings(inbox=tmp_path, warehouse=tmp_path / "wh.duckdb", max_worker_kills=3)
    kills = KillCounts.beside(settings.warehouse)
    path, sha = tmp_path / "nang.pdf", "ab" * 32
    statuses = []
    for _night in range(3):
        kills = KillCounts.beside(settings.warehouse)  # read again, as the next run does
        outcome = _count_kills(kills, _deferred(path, sha, WorkerKilledError("SIGKILL", path=path)), settings)
        statuses.append((outcome.status, outcome.error_code))
    assert statuses == [("deferred", "WORKER_KILLED"), ("deferred", "WORKER_KILLED"),
                        ("quarantined", "WORKER_CRASHED")]
    kills.forget(sha)
    assert KillCounts.beside(settings.warehouse).counts == {}


# --- point 3: memory ------------------------------------------------------------------------------------


def test_a_memory_overrun_is_too_large_not_a_crash() -> None:
    with FilePool(1, memory_mb=800) as pool:
        with pytest.raises(TooLargeError) as err:
            pool.submit(allocate, 1600, limit_s=60, label="lon.pdf").result()
        assert err.value.code == "TOO_LARGE" and "TDKT_WORKER_MEMORY_MB" in err.value.message
        assert pool.submit(allocate, 50, limit_s=60).result() == 50 * 1024 * 1024  # the pool goes on


def test_a_200_inch_page_is_refused_before_it_is_rendered(tmp_path: Path) -> None:
    hostile = tmp_path / "trang_khong_lo.pdf"
    hostile.write_bytes(tiny_pdf(14400, 14400))
    assert len(hostile.read_bytes()) < 500
    with FilePool(1, memory_mb=1500) as pool:
        started = time.monotonic()
        with pytest.raises(TooLargeError) as err:
            pool.submit(extract_file, hostile, limit_s=60, label=hostile.name).result()
        assert time.monotonic() - started < 20
        assert "quá lớn" in err.value.message
        assert pool.peak_mb < 1024  # nothing was rendered


def test_a_large_page_is_rendered_at_a_lower_dpi_within_the_budget() -> None:
    budget = RenderBudget(max_pixels=40_000_000, min_dpi=150)
    assert page_dpi(595, 842, 300, Path("a4.pdf"), 1, budget) == 300  # A4 at full resolution
    dpi = page_dpi(40 * 72, 40 * 72, 300, Path("poster.pdf"), 1, budget)  # a 40 x 40-inch poster
    assert 150 <= dpi < 300 and int(40 * dpi) ** 2 <= 40_000_000
    with pytest.raises(TooLargeError):
        page_dpi(14400, 14400, 300, Path("x.pdf"), 1, budget)


# --- point 14: grouping in the flow -----------------------------------------------------------------


def test_light_files_share_tasks_and_each_keeps_its_outcome(tmp_path: Path, prefect_harness: None) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from bench.throughput import write_dossiers
    from flows._groups import grouping_policy

    inbox = tmp_path / "inbox"
    per_task = grouping_policy().light_per_task
    write_dossiers(inbox, per_task + 6)
    (inbox / "hong.docx").write_bytes(b"PK\x03\x04 hong")  # a bad file among them: its own outcome
    settings = TdktSettings(inbox=inbox, warehouse=tmp_path / "wh" / "tdkt.duckdb", reports=tmp_path / "r",
                            archive=tmp_path / "a", jobs=2)
    summary = run_nightly(settings)
    assert (summary.landed, summary.quarantined, summary.deferred) == (per_task + 6, 1, 0)
    assert summary.worker_peak_mb > 0
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[summary.run_id])))
    assert len(runs) == 2, [r.name for r in runs]  # per_task + 7 light files: two tasks, not one per file
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        rows = con.execute("SELECT status, count(*) FROM ingested_files GROUP BY status ORDER BY status").fetchall()
    finally:
        con.close()
    assert rows == [("ok", per_task + 6), ("quarantined", 1)]
    assert _pool.current() is None  # the run's pool is gone with the run


def test_grouping_policy_puts_scans_alone() -> None:
    from flows._groups import plan

    items = ["a.docx", "scan.pdf", "b.docx", "text.pdf", "c.doc"]
    sizes = [30_000, 2_000_000, 30_000, 60_000, 20_000]
    groups = plan(items, [Path(i) for i in items], sizes)
    assert groups[0] == ["scan.pdf"]
    assert groups[1:] == [["a.docx", "b.docx", "text.pdf", "c.doc"]]


def test_heavy_files_go_largest_first_so_no_worker_ends_the_night_alone() -> None:
    from flows._groups import plan

    items = ["1page.pdf", "6pages.pdf", "a.docx", "3pages.pdf", "6pages-copy.pdf"]
    sizes = [560_000, 3_600_000, 30_000, 1_900_000, 3_600_000]
    assert plan(items, [Path(i) for i in items], sizes) == [
        ["6pages.pdf"], ["6pages-copy.pdf"], ["3pages.pdf"], ["1page.pdf"], ["a.docx"]]


def test_on_a_cluster_light_files_go_in_fewer_bigger_tasks_within_the_policy_bounds() -> None:
    """A Dask task costs a worker ~30 Word files' reading (Prefect's engine starts afresh in it), so
    on a cluster the light files split into a few tasks per worker thread, between the bounds."""
    from flows._groups import GroupingPolicy, plan

    policy = GroupingPolicy(light_per_task=48, cluster_tasks_per_worker=2, cluster_light_per_task=240,
                            light_pdf_max_kb=192, light_max_kb=2048, light_suffixes=[".docx"])
    names = [f"{i:04d}.docx" for i in range(500)]
    paths, sizes = [Path(n) for n in names], [30_000] * 500
    local = plan(names, paths, sizes, policy)
    assert [len(g) for g in local] == [48] * 10 + [20]
    on_two = plan(names, paths, sizes, policy, workers=2)  # 500 / (2 x 2) -> 125 a task
    assert [len(g) for g in on_two] == [125] * 4
    assert [n for g in on_two for n in g] == names  # every file once, in order
    assert plan(names, paths, sizes, policy, workers=40) == local  # never smaller than locally
    many = [f"{i:05d}.docx" for i in range(10_000)]
    assert max(len(g) for g in plan(many, [Path(n) for n in many], [30_000] * 10_000, policy, workers=2)) == 240


def test_killed_worker_in_the_flow_defers_the_file(tmp_path: Path, prefect_harness: None) -> None:
    """A worker killed while it OCRs a scan, inside a real run: deferred, counted, not marked seen."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan = ROOT / "data" / "samples" / "files" / "scan_bctt_tapthe_htx_vinh_hoang.pdf"
    (inbox / scan.name).write_bytes(scan.read_bytes())
    settings = TdktSettings(inbox=inbox, warehouse=tmp_path / "wh" / "tdkt.duckdb", reports=tmp_path / "r",
                            archive=tmp_path / "a", jobs=2)

    def killer() -> int:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            pool = _pool.current()
            if pool is not None:
                holders = _slot_holders(pool) & set(pool.worker_pids())
                if holders:
                    os.kill(holders.pop(), signal.SIGKILL)
                    return 1
            time.sleep(0.01)
        return 0

    with ThreadPoolExecutor(1) as ex:
        kill = ex.submit(killer)
        summary = run_nightly(settings)
        assert kill.result() == 1
    assert (summary.deferred, summary.quarantined, summary.landed) == (1, 0, 0)
    assert KillCounts.beside(settings.warehouse).counts == {extract_sha(inbox / scan.name): 1}
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM ingested_files").fetchone() == (0,)
    finally:
        con.close()


def extract_sha(path: Path) -> str:
    from extractors import file_sha256

    return file_sha256(path)
