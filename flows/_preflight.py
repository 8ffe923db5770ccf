"""Checks run before a nightly run touches any file: fail fast, with the fix in the message.

A missing Tesseract or a missing ``vie`` model would otherwise surface as one failure per scanned
file, hours into the night; a malformed rule file would land findings from the wrong rules.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess

from record.errors import MissingDependencyError

_log = logging.getLogger(__name__)

_INSTALL_HINT = "cài bằng: sudo apt-get install -y tesseract-ocr tesseract-ocr-vie (hoặc bash scripts/setup.sh)"


def check_tesseract() -> str:
    """Return Tesseract's version; raise ``MissingDependencyError`` without it or its ``vie`` model."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependencyError(f"không tìm thấy chương trình tesseract trong PATH; {_INSTALL_HINT}")
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30, check=True)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        raise MissingDependencyError(f"không chạy được tesseract ({exc}); {_INSTALL_HINT}") from exc
    listed = {line.strip() for line in (langs.stdout + langs.stderr).splitlines()}
    if "vie" not in listed:
        raise MissingDependencyError(f"tesseract thiếu mô hình tiếng Việt 'vie'; {_INSTALL_HINT}")
    match = re.search(r"tesseract\s+v?([\d.]+)", version.stdout + version.stderr)
    found = match.group(1) if match else "unknown"
    _log.info("tesseract %s with 'vie' at %s", found, exe)
    return found
