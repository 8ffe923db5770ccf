"""Reading one file for the run: the record, and how Vietnamese its text is, from one read.

``extractors.extract_file`` returns the record alone; the run also needs to know whether the text
it parsed was words at all (``validators.recognised``), and reading the file a second time for that
would double the cost of a scan. This runs where the file is read (the isolated child), so the
measure is computed once, over the lines the parsers saw.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pydantic import BaseModel

from extractors import parse
from extractors.read import read_file
from record.models import DossierRecord
from validators.recognised import vietnamese_share

__all__ = ["Measured", "read_measured"]


class Measured(BaseModel):
    """A file's record and the share of its letter runs that are Vietnamese syllables."""

    record: DossierRecord
    vietnamese_share: float


def read_measured(path: Path, *, max_pages: int = 100, ocr_jobs: int | None = None,
                  timeout_s: float | None = 300.0, sha256: str, source_path: str) -> Measured:
    """``extract_file`` plus the text measure; the same limits and errors."""
    deadline = time.monotonic() + timeout_s if timeout_s else None
    read = read_file(Path(path), max_pages=max_pages, ocr_jobs=ocr_jobs or os.cpu_count() or 1, deadline=deadline)
    share = vietnamese_share(line.text for line in read.lines)
    return Measured(record=parse(read, path=source_path, sha256=sha256), vietnamese_share=round(share, 4))
