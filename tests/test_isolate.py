"""Reading a file in a worker process: a file that hangs is killed on time, a crash costs one file.

These run the real worker pool the flow uses (``flows._pool``), with stand-ins for a misbehaving
extractor: a sleep that would outlast the limit and an abort that kills the process like a
segfault in a native library would. ``tests/test_pool.py`` covers kills, memory and slots.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from extractors import extract_file
from flows._pool import FilePool, run_one
from record.errors import EmptyFileError, FileTimeoutError, WorkerCrashedError

ROOT = Path(__file__).resolve().parent.parent


def test_a_hanging_file_is_killed_when_its_time_is_up() -> None:
    started = time.monotonic()
    with pytest.raises(FileTimeoutError) as err:
        run_one(time.sleep, 60, limit_s=1.0, label="treo.pdf")
    assert time.monotonic() - started < 15
    assert err.value.code == "FILE_TIMEOUT" and err.value.path == "treo.pdf"


def test_a_crash_in_the_reader_is_one_failed_file() -> None:
    with pytest.raises(WorkerCrashedError) as err:
        run_one(os.abort, limit_s=30, label="hong.pdf")
    assert err.value.path == "hong.pdf" and "dừng đột ngột" in err.value.message


def test_input_errors_cross_the_process_boundary_intact() -> None:
    path = ROOT / "data" / "samples" / "files" / "bctt_rong.docx"
    with pytest.raises(EmptyFileError) as err:
        run_one(extract_file, path, limit_s=60, label=path.name)
    assert err.value.code == "EMPTY_FILE" and err.value.path == str(path)


def test_a_record_comes_back_whole() -> None:
    path = ROOT / "data" / "samples" / "files" / "bctt_canhan_cstdcs_nguyen_thi_hoa.docx"
    with FilePool(2) as pool:
        record = pool.submit(extract_file, path, limit_s=60, label=path.name).result()
    assert record == extract_file(path)
