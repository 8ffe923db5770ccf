"""Failure paths of the OCR wrapper, with a real Tesseract replaced by a deliberately broken one.

A Tesseract killed by the system (out of memory) is the machine's fault, so it must come out as a
``TransientError`` the flow retries, not as a corrupt file quarantined for good.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from extractors import _ocr
from record.errors import CorruptFileError, TransientError


def _fake_tesseract(tmp_path: Path, body: str) -> str:
    exe = tmp_path / "tesseract"
    exe.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(exe)


@pytest.fixture
def page() -> Image.Image:
    return Image.new("L", (400, 200), 255)


def test_tesseract_killed_by_a_signal_is_transient(tmp_path: Path, page: Image.Image,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _ocr.check_tesseract()  # the real one is there (checked once per process)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", _fake_tesseract(tmp_path, "kill -9 $$"))
    with pytest.raises(TransientError):
        _ocr.ocr_image(page, 3)


def test_tesseract_refusing_the_image_is_the_files_fault(tmp_path: Path, page: Image.Image,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _ocr.check_tesseract()
    fake = _fake_tesseract(tmp_path, "echo 'Error in pixReadStream: Unknown format' >&2; exit 1")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", fake)
    with pytest.raises(CorruptFileError) as err:
        _ocr.ocr_image(page, 3)
    assert "trang 3" in err.value.message
