"""``tdkt bench --cluster``: the flow on a Dask ``LocalCluster`` of 1 and then 2 workers (issue 10).

Each measure is a real ``tdkt run --cluster tcp://...`` child process against a cluster this
process starts (one thread per worker, separate worker processes, as on a real cluster), over:

* the bundled scanned samples (every PDF of ``data/samples/files`` with no text layer), each
  repeated ``copies`` times with a trailing PDF comment so that every copy is a new file to the
  warehouse; pages per second;
* ``n_word`` distinct Word dossiers generated from the Word samples (``bench.throughput``), read
  in groups of light files; files per second.

Two clocks: the *read phase* as the scheduler saw it (from the first group task's start to the last
one's end, Dask's task stream), which is what more workers can shorten; and the *flow body*
(``RunSummary.seconds``), which adds intake, landing, the submission stage, the quality suite and
the report, all in the flow's process. The efficiency is the speed-up of 2 workers over 1 divided
by 2, from the read phase. The machine is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.run import REPO_ROOT, _row, _tdkt_run

SAMPLES = REPO_ROOT / "data" / "samples" / "files"
TARGET_EFFICIENCY = 0.9  # issue 10: 2 workers reach >= 1.8x the pages per second of 1


@dataclass
class Measure:
    workers: int
    units: int  # pages or files
    read_s: float
    body_s: float | None
    pinned: bool = False  # each worker held on one core of its own (``TDKT_PIN_WORKERS``)

    @property
    def read_rate(self) -> float:
        return self.units / self.read_s if self.read_s else 0.0

    @property
    def body_rate(self) -> float | None:
        return self.units / self.body_s if self.body_s else None


def scanned_samples(folder: Path = SAMPLES) -> list[tuple[Path, int]]:
    """The sample PDFs without a text layer (read by Tesseract), with their page counts."""
    import pypdfium2 as pdfium

    scans = []
    for path in sorted(folder.glob("*.pdf")):
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:  # broken or encrypted samples: not a measure of OCR
            continue
        try:
            text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
            if not text.strip():
                scans.append((path, len(doc)))
        finally:
            doc.close()
    return scans


def write_scans(inbox: Path, copies: int) -> int:
    """``copies`` distinct copies of each scanned sample under ``inbox``; the number of pages."""
    inbox.mkdir(parents=True, exist_ok=True)
    pages = 0
    for path, n in scanned_samples():
        data = path.read_bytes()
        for i in range(copies):
            (inbox / f"{i:02d}_{path.name}").write_bytes(data + f"\n%tdkt-bench copy {i}\n".encode())
            pages += n
    return pages


@contextmanager
def _pin_setting(pinned: bool) -> Iterator[None]:
    """``TDKT_PIN_WORKERS`` for the worker processes a ``LocalCluster`` spawns (they copy this
    process's environment), as ``dask worker`` gets it in README's recipe; the bench's own setting
    (if any) restored after."""
    before = os.environ.get("TDKT_PIN_WORKERS")
    os.environ["TDKT_PIN_WORKERS"] = "1" if pinned else "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TDKT_PIN_WORKERS", None)
        else:
            os.environ["TDKT_PIN_WORKERS"] = before


def _run_on_cluster(workers: int, inbox: Path, work: Path, units: int, *, pinned: bool = False) -> Measure:
    from dask.distributed import Client, LocalCluster, get_task_stream

    # as README's recipe starts the scheduler and the workers: the task module imported before the
    # first graph, the readers before the first file (flows._dask),
    # pinned by that preload when TDKT_PIN_WORKERS is set in their environment (flows._dask.pin_to_own_core)
    with _pin_setting(pinned), LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", preload=["flows._dask"],
                                            scheduler_kwargs={"preload": ["flows._dask"]},
                                            silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        # the scheduler's preload imports the flow here, whose logging set-up undoes silence_logs
        logging.getLogger("distributed").setLevel(logging.ERROR)
        with get_task_stream(client) as stream:
            _, body, _, _ = _tdkt_run(inbox, work, ["--cluster", cluster.scheduler_address])
        spans = [(s["start"], s["stop"]) for t in stream.data for s in t.get("startstops", ())
                 if s.get("action") == "compute"]
    read_s = max(stop for _, stop in spans) - min(start for start, _ in spans) if spans else 0.0
    return Measure(workers, units, read_s, body, pinned)


def _run_locally(inbox: Path, work: Path, units: int) -> Measure:
    """The same inbox with the local pool of 2 processes (no cluster): the flow body only."""
    _, body, _, _ = _tdkt_run(inbox, work, ["--jobs", "2"])
    return Measure(0, units, 0.0, body)


def measure(copies: int = 2, n_word: int = 500) -> dict[str, list[Measure]]:
    """Six ``tdkt run`` processes: scans and Word files, each on 1 and on 2 workers, then with the
    local pool for comparison."""
    from bench.throughput import write_dossiers

    # the workers' task logs would fill the table's terminal; they still reach the Prefect API
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

    out: dict[str, list[Measure]] = {"scans": [], "word": [], "pinned": []}
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-cluster-") as tmp:
        root = Path(tmp)
        pages = write_scans(root / "scans", copies)
        write_dossiers(root / "word", n_word)
        for workers in (1, 2):
            out["scans"].append(_run_on_cluster(workers, root / "scans", root / f"scans-{workers}", pages))
            out["pinned"].append(_run_on_cluster(workers, root / "scans", root / f"pinned-{workers}", pages,
                                                 pinned=True))
            out["word"].append(_run_on_cluster(workers, root / "word", root / f"word-{workers}", n_word))
        out["scans"].append(_run_locally(root / "scans", root / "scans-local", pages))
        out["word"].append(_run_locally(root / "word", root / "word-local", n_word))
    return out


def rows(copies: int = 2, n_word: int = 500) -> list[str]:
    """The table: rates per worker count, and the efficiency of 2 workers."""
    load_before = os.getloadavg()
    figures = measure(copies, n_word)
    load_after = os.getloadavg()
    lines = []
    for kind, unit in (("scans", "pages"), ("word", "files")):
        one, two, local = figures[kind]
        label = f"{one.units} scanned pages" if kind == "scans" else f"{one.units} Word dossiers"
        for m in (one, two):
            body = f"{m.body_rate:.2f}" if m.body_rate is not None else "n/a"
            lines.append(_row(f"(g) {label}, {m.workers} worker(s): read phase",
                              f"{m.read_rate:.2f} {unit}/s", f"body {body}"))
        local_body = f"{local.body_rate:.2f} {unit}/s" if local.body_rate is not None else "n/a"
        lines.append(_row(f"(g) {label}, local pool of 2: flow body", local_body))
        efficiency = (two.read_rate / one.read_rate) / 2 if one.read_rate else 0.0
        ok = efficiency >= TARGET_EFFICIENCY if kind == "scans" else None
        lines.append(_row(f"(g) {kind}: efficiency (speed-up / 2 workers)", f"{efficiency:.2f}",
                          ">= 0.90" if kind == "scans" else "", ok))
    one, two = figures["pinned"]
    for m in (one, two):
        lines.append(_row(f"(g) {one.units} scanned pages, {m.workers} worker(s), each on its own core",
                          f"{m.read_rate:.2f} pages/s", f"body {m.body_rate:.2f}" if m.body_rate else ""))
    efficiency = (two.read_rate / one.read_rate) / 2 if one.read_rate else 0.0
    lines.append(_row("(g) scans, workers pinned: efficiency (speed-up / 2 workers)", f"{efficiency:.2f}",
                      ">= 0.90", efficiency >= TARGET_EFFICIENCY))
    lines.append(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f} "
                 f"on {os.cpu_count()} core(s); other processes share these cores")
    return lines
