"""``tdkt bench --throughput N``: the nightly flow's own speed over N distinct Word dossiers.

Issue 9, point 14: the flow was ten times slower than its readers. Three figures, each beside its
target, from real ``tdkt run`` processes over a generated inbox:

* files per second of the flow body (``RunSummary.seconds``) over N new Word dossiers;
* the peak resident memory of a worker process that read them (``worker peak`` in the summary);
* the flow body of a second run over the same, unchanged inbox, per 1,000 files.

The dossiers come from ``samplegen``'s Word samples, each copy made distinct (different bytes, so
different hashes) by an added line with its number and by its author, so every file is new to the
warehouse and none is a copy the flow would skip.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.run import _row, _tdkt_run

TARGETS = {"files_per_s": 50.0, "worker_peak_mb": 1024.0, "rerun_s_per_1000": 2.0}
_PEAK = re.compile(r"worker peak:\s+([\d.]+) MB")


def write_dossiers(inbox: Path, n: int) -> list[Path]:
    """``n`` distinct Word dossiers under ``inbox`` (the Word samples in turn, each numbered)."""
    from samplegen.blocks import P
    from samplegen.catalog import docx_samples
    from samplegen.docx_out import render_docx

    samples = docx_samples()
    inbox.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        sample = samples[i % len(samples)]
        docs = list(sample.docs)
        first = docs[0]
        docs[0] = replace(first, blocks=[*first.blocks, P(f"Hồ sơ số {i + 1:06d}")])
        path = inbox / f"{i + 1:06d}_{sample.name}"
        path.write_bytes(render_docx(docs, author=f"Văn thư {i + 1}"))
        out.append(path)
    return out


def measure(n: int) -> dict[str, float | None]:
    """Run ``tdkt run`` twice over ``n`` new dossiers; the three figures (None when not printed)."""
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-throughput-") as tmp:
        work = Path(tmp)
        write_dossiers(work / "inbox", n)
        _, body1, main_peak, out1 = _tdkt_run(work / "inbox", work)
        _, body2, _, _ = _tdkt_run(work / "inbox", work)
    peak = _PEAK.search(out1)
    return {
        "files_per_s": n / body1 if body1 else None,
        "worker_peak_mb": float(peak.group(1)) if peak else None,
        "rerun_s_per_1000": body2 * 1000 / n if body2 is not None else None,
        "main_peak_mb": main_peak,
    }


def rows(n: int) -> list[str]:
    """The table rows of the throughput section."""
    figures = measure(n)

    def row(name: str, key: str, fmt: str, target: str, better_high: bool) -> str:
        value = figures[key]
        if value is None:
            return _row(name, "n/a", target, None)
        ok = value >= TARGETS[key] if better_high else value <= TARGETS[key]
        return _row(name, fmt.format(value), target, ok)

    return [
        row(f"(f) tdkt run, {n} new Word dossiers (flow body)", "files_per_s", "{:.1f} files/s", ">= 50", True),
        row("(f) peak memory of a worker process", "worker_peak_mb", "{:.0f} MB", "<= 1024 MB", False),
        row("(f) unchanged re-run, flow body per 1,000 files", "rerun_s_per_1000", "{:.2f} s", "<= 2 s", False),
        # no target: the flow's own process keeps every outcome (with its record) for the report
        _row("    peak memory of the tdkt run process itself", f"{figures['main_peak_mb']:.0f} MB"),
    ]
