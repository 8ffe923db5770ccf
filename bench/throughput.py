"""``tdkt bench --throughput N``: the nightly flow's own speed over N distinct Word dossiers.

Issue 9, point 14: the flow was ten times slower than its readers. Three figures, each beside its
target, from real ``tdkt run`` processes over a generated inbox:

* files per second of the flow body (``RunSummary.seconds``) over N new Word dossiers;
* the peak resident memory of a worker process that read them (``worker peak`` in the summary);
* the flow body of a second run over the same, unchanged inbox, per 1,000 files.

The dossiers come from ``samplegen``'s Word samples, each copy made distinct (different bytes, so
different hashes) by an added line with its number, by its author and by nominees of its own, so
every file is new to the warehouse, none is a copy the flow would skip, and a big N is not a batch
of hundredfold duplicate nominees.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.run import _row, _tdkt_run

TARGETS = {"files_per_s": 50.0, "worker_peak_mb": 1024.0, "rerun_s_per_1000": 2.0}
_PEAK = re.compile(r"worker peak:\s+([\d.]+) MB")


_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
           "Lý", "Trịnh", "Đinh"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Hồng", "Công", "Kim"]
_GIVEN = ["An", "Bảo", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Mạnh", "Nghĩa", "Phúc", "Quyết",
          "Sơn", "Tùng", "Uyên", "Vinh", "Xuyến", "Yến", "Đạt", "Thắng", "Trọng", "Hiếu", "Kiên", "Luân",
          "Nhung", "Oanh", "Phượng", "Quế", "Thục", "Trâm"]
_SECOND = ["Anh", "Bình", "Châu", "Diệp", "Hà", "Khoa", "Linh", "My", "Nam", "Phong", "Quân", "Tâm", "Vy",
           "Thư", "Trung", "Hạnh"]


def _person(k: int) -> str:
    """The ``k``-th made-up name, different for every ``k`` below 92,160 (two given syllables)."""
    k, g = divmod(k, len(_GIVEN))
    k, s = divmod(k, len(_SECOND))
    k, m = divmod(k, len(_MIDDLE))
    return f"{_FAMILY[k % len(_FAMILY)]} {_MIDDLE[m]} {_SECOND[s]} {_GIVEN[g]}"


def _renames(sample: object, i: int) -> list[tuple[str, str]]:
    """Copy ``i``'s own nominees and cover letter: each person a made-up name, each unit its name and
    a number, the cover letter its own number.

    Copies that all named the same 27 people made a night of 10,000 files a batch of 370-fold
    duplicates, whose pairwise findings grow with the square of the files: not a night any office
    sends, and not what the throughput figures are about.
    """
    pairs: dict[str, str] = {}
    for j, nom in enumerate(sample.nominations):  # type: ignore[attr-defined]
        if nom.person is not None and nom.person.full_name:
            pairs.setdefault(nom.person.full_name, _person(i * 16 + j))
        elif nom.unit is not None and nom.unit.name:
            pairs.setdefault(nom.unit.name, f"{nom.unit.name} {i + 1}")
    sub = sample.submission  # type: ignore[attr-defined]
    if sub is not None and sub.number and "/" in sub.number:  # each copy its own cover letter number
        pairs[f"{sub.number}"] = f"{i + 1}{sub.number[sub.number.index('/'):]}"
    out = []
    for old, new in sorted(pairs.items(), key=lambda kv: -len(kv[0])):
        out += [(old, new), (old.upper(), new.upper())]
    return out


def write_dossiers(inbox: Path, n: int) -> list[Path]:
    """``n`` distinct Word dossiers under ``inbox`` (the Word samples in turn, each numbered, each
    with nominees of its own).

    Each sample is rendered once with a placeholder number and author; a copy is that file with its
    number, author and nominee names put in its XML (a few milliseconds, not a render each: the
    10,000-file measure would spend longer making its files than reading them).
    """
    import zipfile

    from samplegen.blocks import P
    from samplegen.catalog import docx_samples
    from samplegen.docx_out import render_docx

    samples = docx_samples()
    inbox.mkdir(parents=True, exist_ok=True)
    templates = []
    for sample in samples:
        docs = list(sample.docs)
        docs[0] = replace(docs[0], blocks=[*docs[0].blocks, P(f"Hồ sơ số {_NUMBER}")])
        raw = render_docx(docs, author=f"Văn thư {_NUMBER}")
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            templates.append([(info, z.read(info)) for info in z.infolist()])
    out = []
    for i in range(n):
        sample = samples[i % len(samples)]
        pairs = [(_NUMBER, f"{i + 1:06d}"), *_renames(sample, i)]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in templates[i % len(samples)]:
                if info.filename in ("word/document.xml", "docProps/core.xml"):
                    text = data.decode("utf-8")
                    for old, new in pairs:
                        text = text.replace(old, new)
                    data = text.encode("utf-8")
                z.writestr(info, data)
        path = inbox / f"{i + 1:06d}_{sample.name}"
        path.write_bytes(buf.getvalue())
        out.append(path)
    return out


_NUMBER = "NUMBER000000"


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
        # no target: the flow's own process keeps each file's outcome (not its record) and builds the report
        _row("    peak memory of the tdkt run process itself", f"{figures['main_peak_mb']:.0f} MB"),
    ]
