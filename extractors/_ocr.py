"""Tesseract, wrapped: the only module that calls pytesseract.

Choices, measured on rendered A4 pages at 300 DPI (see ``bench/ocr_ratio.py``):

* ``--psm 4`` (one column of text of variable sizes). ``--psm 3`` (the default) read our pages the
  same but may split a table into column blocks, which loses the row a value belongs to; ``--psm 6``
  was ~50 % slower. psm 4 keeps each table row on one line.
* The image goes to Tesseract as an uncompressed greyscale PGM written by us: a PNG encode (what
  pytesseract does with a PIL image) costs ~0.3 s per page and Tesseract then has to decode it.
* Greyscale is the red channel of the page: red seals (con dấu) turn white and stop breaking the
  words they overlap, while black and blue ink stay dark. It costs one channel copy.
* ``OMP_THREAD_LIMIT=1``: one Tesseract process per core beats one process with several threads.
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from extractors._table import split_cells
from extractors.lines import Line
from record.errors import CorruptFileError, FileTimeoutError, MissingDependencyError, TransientError

log = logging.getLogger(__name__)

LANG = "vie"
PSM = 4
CONFIG = f"--psm {PSM}"
DEFAULT_TIMEOUT = 120.0  # seconds for one page; a page that takes longer is not a normal form

# One Tesseract process per core, however many files OCR at once: the flow runs files in parallel
# and each file OCRs its pages in parallel, and all of them share these slots. The flow may hand in
# a semaphore shared across its worker processes (``share_slots``).
_SLOTS: Any = threading.BoundedSemaphore(os.cpu_count() or 1)
os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to every tesseract process


def share_slots(slots: Any) -> None:
    """Use ``slots`` (a threading or multiprocessing semaphore) to cap Tesseract processes."""
    global _SLOTS
    _SLOTS = slots

_version: str | None = None
_check_lock = threading.Lock()


def check_tesseract() -> str:
    """Fail early, with the fix, when Tesseract or its Vietnamese model is missing; return the version.

    Checked once per process: each check spawns ``tesseract`` twice, which would cost every page.
    """
    global _version
    with _check_lock:
        if _version is not None:
            return _version
        try:
            version = str(pytesseract.get_tesseract_version())
            langs = pytesseract.get_languages(config="")
        except pytesseract.TesseractNotFoundError as exc:
            raise MissingDependencyError(
                "không tìm thấy chương trình Tesseract; hãy cài gói tesseract-ocr và tesseract-ocr-vie"
            ) from exc
        if LANG not in langs:
            raise MissingDependencyError(
                f"Tesseract thiếu dữ liệu tiếng Việt '{LANG}' (có: {', '.join(langs) or 'không có'}); "
                "hãy cài gói tesseract-ocr-vie"
            )
        _version = version
        log.info("Tesseract %s with '%s'", version, LANG)
        return version


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale for Tesseract: the red channel of a colour page (drops red seals), else as is."""
    if image.mode in ("RGB", "RGBA"):
        return image.getchannel("R")
    if image.mode != "L":
        return image.convert("L")
    return image


def ocr_image(
    image: Image.Image | Path, page: int = 1, *, timeout: float = DEFAULT_TIMEOUT, deadline: float | None = None
) -> list[Line]:
    """OCR one page image into lines with their mean word confidence (0..1).

    The page's time starts when it gets a Tesseract slot: waiting behind other files' pages is not
    this page's fault. ``deadline`` (``time.monotonic``) still caps it, so a file ends on time.
    """
    check_tesseract()
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-") as tmp:
        if isinstance(image, Path):
            src = str(image)
        else:
            src = str(Path(tmp) / "page.pgm")
            prepare(image).save(src, format="PPM")
        try:
            with _SLOTS:
                if deadline is not None:
                    timeout = min(timeout, deadline - time.monotonic())
                    if timeout <= 0:
                        raise FileTimeoutError(f"hết thời gian xử lý trước khi OCR trang {page}")
                data = pytesseract.image_to_data(
                    src, lang=LANG, config=CONFIG, timeout=timeout, output_type=pytesseract.Output.DICT
                )
        except pytesseract.TesseractNotFoundError as exc:
            raise MissingDependencyError(
                "không tìm thấy chương trình Tesseract; hãy cài gói tesseract-ocr"
            ) from exc
        except pytesseract.TesseractError as exc:
            if isinstance(exc.status, int) and exc.status < 0:  # killed by a signal (OOM killer): retry
                raise TransientError(f"tiến trình Tesseract trang {page} bị dừng (tín hiệu {-exc.status})") from exc
            raise CorruptFileError(
                f"Tesseract không đọc được ảnh trang {page}: {exc.message or exc.status}"
            ) from exc
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.ENOMEM):  # the machine is out of processes or memory
                raise TransientError(f"không khởi chạy được Tesseract lúc này ({exc.strerror})") from exc
            raise
        except RuntimeError as exc:  # pytesseract's only other RuntimeError is its timeout
            raise FileTimeoutError(f"nhận dạng OCR trang {page} quá {timeout:.0f} giây") from exc
    return _lines(data, page)


_OCR_JUNK = str.maketrans({"Ð": "Đ", "ð": "đ", **{c: None for c in "‹›`´ˆ˜¨¸‚„†‡°¬"}})


def _lines(data: dict[str, list], page: int) -> list[Line]:
    """Group Tesseract's words by (block, paragraph, line), in the order Tesseract read them.

    psm 4 reads a table row, or the two-column header, as one line; a gap much wider than a space
    between two words is where one cell ends and the next begins, so such a line keeps ``cells``.
    """
    groups: dict[tuple[int, int, int], list[tuple[str, float, int, int, int]]] = {}
    for text, conf, block, par, line, left, width, height in zip(
        data["text"],
        data["conf"],
        data["block_num"],
        data["par_num"],
        data["line_num"],
        data["left"],
        data["width"],
        data["height"],
        strict=True,
    ):
        # table rules read as bars; marks no Vietnamese text uses; Icelandic Ð read for Đ
        word = str(text).strip().strip("|¦").translate(_OCR_JUNK)
        c = float(conf)
        if not word or c < 0:
            continue
        if not any(ch.isalnum() for ch in word) and c < 60 or len(word) == 1 and c < 30:
            continue  # a speck or a seal's edge read as ":", "_" or a stray letter
        groups.setdefault((int(block), int(par), int(line)), []).append(
            (word, min(max(c, 0.0), 100.0), int(left), int(width), int(height))
        )
    out: list[Line] = []
    for words in groups.values():
        words.sort(key=lambda w: w[2])
        height = sorted(w[4] for w in words)[len(words) // 2]  # the line's median: one limit for all gaps
        cell_texts, xs = split_cells([(w[0], w[2], w[2] + w[3], height) for w in words])
        conf = round(sum(w[1] for w in words) / len(words) / 100, 4)
        out.append(
            Line(
                text=" | ".join(cell_texts) if len(cell_texts) > 1 else cell_texts[0],
                page=page,
                source="ocr",
                confidence=conf,
                cells=cell_texts if len(cell_texts) > 1 else None,
                cell_x=tuple(xs),
                words=tuple((w[0], w[2]) for w in words),
            )
        )
    return out


def ocr_images(
    images: Iterable[Image.Image | Path],
    jobs: int = 1,
    *,
    pages: Sequence[int] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float | None = None,
) -> list[list[Line]]:
    """OCR pages in parallel, one Tesseract process per job; results in input order.

    ``images`` may be a generator: each page is submitted as soon as it is produced, so rendering
    the next page overlaps with OCR of the previous ones. ``deadline`` (``time.monotonic``) caps
    every page's timeout so a slow file stops when its time is up.
    """
    check_tesseract()
    started = time.monotonic()
    futures: list[Future[list[Line]]] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="tdkt-ocr") as pool:
        try:
            for i, image in enumerate(images):
                page = pages[i] if pages is not None else i + 1
                if deadline is not None and deadline <= time.monotonic():
                    raise FileTimeoutError(f"hết thời gian xử lý trước khi OCR trang {page}")
                futures.append(pool.submit(ocr_image, image, page, timeout=timeout, deadline=deadline))
                if len(futures) > 2 * jobs:  # bound the rendered pages held in memory
                    futures[-2 * jobs - 1].result()
            results = [f.result() for f in futures]
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    log.debug("OCR of %d page(s) with %d job(s) took %.2f s", len(results), jobs, time.monotonic() - started)
    return results
