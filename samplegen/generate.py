"""Write the sample inbox and its goldens: files/<name>, expected/<name>.json, expected/_bad.json."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from record.models import Document, DossierRecord, Source, strip_volatile
from samplegen.catalog import Sample, all_samples
from samplegen.docx_out import render_docx


def render(sample: Sample) -> tuple[bytes, int, list[list[int]]]:
    """The file's bytes, its page count and the pages of each document."""
    if sample.fmt == "docx":
        # one page break between documents: document i is page i+1
        return render_docx(sample.docs), len(sample.docs), [[i + 1] for i in range(len(sample.docs))]
    if sample.fmt == "doc":
        from samplegen.html_out import render_html_doc

        return render_html_doc(sample.docs), len(sample.docs), [[i + 1] for i in range(len(sample.docs))]
    if sample.fmt == "pdf-text":
        from samplegen.pdf_out import render_text_pdf

        return render_text_pdf(sample.docs)
    from samplegen.pdf_out import render_scanned_pdf

        # scan options are always set for scanned samples
    assert sample.scan is not None
    return render_scanned_pdf(sample.docs, sample.scan)


def golden(sample: Sample, data: bytes, pages: int, doc_pages: list[list[int]], rel_path: str) -> dict:
    """The expected record, built from the generator's own ground truth (never by extraction)."""
    # a report's nomination is named by its report: the i-th report document of the file
    reports = iter(d.kind for d in sample.docs if d.kind in ("bao_cao_ca_nhan", "bao_cao_tap_the"))
    for n in sample.nominations:
        if not n.named_in:
            n.named_in = [next(reports)]  # type: ignore[list-item]
    record = DossierRecord(
        source=Source(path=rel_path, sha256=hashlib.sha256(data).hexdigest(), format=sample.fmt, pages=pages),
        documents=[Document(kind=d.kind, pages=p) for d, p in zip(sample.docs, doc_pages, strict=True)],  # type: ignore[arg-type]
        submission=sample.submission,
        council_vote=sample.council_vote,
        nominations=sample.nominations,
    )
    return strip_volatile(record.to_json())


def dump_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def generate(out: Path, samples: Iterable[Sample] | None = None, bad: bool = True) -> list[str]:
    """Write every sample (or the given ones) under ``out``; return the file names written."""
    files, expected = out / "files", out / "expected"
    files.mkdir(parents=True, exist_ok=True)
    expected.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for sample in all_samples() if samples is None else samples:
        data, pages, doc_pages = render(sample)
        (files / sample.name).write_bytes(data)
        rec = golden(sample, data, pages, doc_pages, f"files/{sample.name}")
        (expected / f"{sample.name}.json").write_text(dump_json(rec), encoding="utf-8")
        names.append(sample.name)
    if bad:
        from samplegen.bad import bad_files

        codes: dict[str, str] = {}
        for name, data, code in bad_files():
            (files / name).write_bytes(data)
            codes[name] = code
            names.append(name)
        (expected / "_bad.json").write_text(dump_json(codes), encoding="utf-8")
    return names
