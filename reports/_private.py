"""Reports hold personal data (names, birth dates, hometowns): readable by their owner only.

Every file the report writes is created 0600 and every folder 0700, whatever the umask, and what
a library wrote (GX's Data Docs, matplotlib, openpyxl) is tightened after the fact.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(DIR_MODE)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (a temporary name, then a rename), mode 0600."""
    private_dir(path.parent)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, raw)
    finally:
        os.close(fd)
    tmp.replace(path)
    return path


def tighten(root: Path) -> None:
    """0700 on ``root`` and every folder under it, 0600 on every file."""
    if root.is_file():
        root.chmod(FILE_MODE)
        return
    if not root.is_dir():
        return
    root.chmod(DIR_MODE)
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            (Path(dirpath) / d).chmod(DIR_MODE)
        for f in filenames:
            (Path(dirpath) / f).chmod(FILE_MODE)
