"""Extract stage: a dossier file -> its typed ``DossierRecord``.

``extract_file`` is what the flow and the CLI call. Readers (docx, PDF text layer, OCR, legacy
.doc) turn the file into lines; ``parse`` segments them into documents and reads the fields by the
label tables in ``data/labels``.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from extractors._labels import load_all as load_labels
from extractors.parse import parse
from record.models import DossierRecord

__all__ = ["extract_file", "file_sha256", "load_labels", "parse", "preflight"]


def preflight() -> str:
    """Fail fast, before a run touches any file: Tesseract and its ``vie`` model, every data table.

    A missing ``vie`` would otherwise show up as one failure per scanned file hours into the night,
    and a malformed label table as wrong records. Returns Tesseract's version.
    """
    from extractors._ocr import check_tesseract
    from extractors._pdf import render_budget
    from record.awards import award_code
    from record.legacy_encoding import load_tables

    version = check_tesseract()
    load_labels()
    load_tables()
    render_budget()
    award_code("Lao động tiên tiến")  # loads and checks data/award_patterns.yaml
    return version


def file_sha256(path: Path) -> str:
    """Content hash, streamed: the identity of a file across runs and renames."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(
    path: Path,
    *,
    max_pages: int = 100,
    ocr_jobs: int | None = None,
    timeout_s: float | None = 300.0,
    sha256: str | None = None,
    source_path: str | None = None,
) -> DossierRecord:
    """Read and parse one file; raises ``InputFileError`` subclasses for files that are no dossier.

    ``ocr_jobs`` (default: the cores) bounds this file's parallel pages; Tesseract processes across
    all files are capped at one per core by the OCR module itself. ``sha256`` and ``source_path``
    let a caller that already hashed the file (and reads a copy of it) skip the second read.
    """
    from extractors.read import read_file

    path = Path(path)
    deadline = time.monotonic() + timeout_s if timeout_s else None
    jobs = ocr_jobs or os.cpu_count() or 1
    read = read_file(path, max_pages=max_pages, ocr_jobs=jobs, deadline=deadline)
    # the flow reads its archived copy, whose hash it already knows, and names the inbox file
    return parse(read, path=source_path or str(path), sha256=sha256 or file_sha256(path))
