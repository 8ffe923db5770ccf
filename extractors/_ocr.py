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
* Ruled tables are found on the page image before Tesseract reads it (``_grid``, ~20 ms a page
  against ~1 s of Tesseract's CPU), and their rules are painted over in the paper's tone: Tesseract
  otherwise glues a rule to the word touching it and drops short cells (``1``, ``9/9``) of a row
  crossed by rules. The one ``image_to_data`` reading is then placed into the grid's cells, so a
  scanned table row comes out as a Word table row does (``cells``, ``table``).
* Orientation (Tesseract OSD, ``--psm 0``) is asked only when a reading looks wrong (few confident
  words for the ink on the page): an upright page costs nothing more, an upside-down or sideways
  one costs the OSD call (~0.8 s) and a second reading of the turned page.
* No deskewing of the image: turning pages askew by more than 1° level (text-line slopes, cubic
  resampling) fixed the broken lines of a photocopy askew by 1.9° but cost more fields on pages
  askew by 1-1.4° than it gained (held-out scans, P 0.941 -> 0.900). The grid is built in a
  deskewed frame of coordinates instead, so tables on askew pages need no turning.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytesseract
from PIL import Image

from extractors._grid import Grid, PageGrids, erase_rules, find_grids
from extractors._table import is_ordinal_text, split_cells
from extractors.lines import Box, Line, page_box
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
    """OCR one page image into lines with their mean word confidence (0..1); table rows as cells.

    One ``image_to_data`` call reads the page; its word boxes are then placed into the cells of the
    ruled tables found on the same image (``_grid``). Only a page whose reading looks wrong (few
    confident words, see ``looks_misoriented``) pays for orientation detection and a second read.

    The page's time starts when it gets a Tesseract slot: waiting behind other files' pages is not
    this page's fault. ``deadline`` (``time.monotonic``) still caps it, so a file ends on time.
    """
    check_tesseract()
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-") as tmp:
        grey = prepare(Image.open(image) if isinstance(image, Path) else image)
        grids, src = _tables_then_image(grey, image, Path(tmp) / "page.pgm")
        data = _run(pytesseract.image_to_data, src, page, timeout, deadline, lang=LANG, config=CONFIG,
                    output_type=pytesseract.Output.DICT)
        if looks_misoriented(data, grey):
            turned = _turned(grey, src, page, timeout, deadline)
            if turned is not None:
                turned_grids, turned_src = _tables_then_image(turned, turned, Path(tmp) / "turned.pgm")
                again = _run(pytesseract.image_to_data, turned_src, page, timeout, deadline, lang=LANG,
                             config=CONFIG, output_type=pytesseract.Output.DICT)
                if _quality(again) > _quality(data):
                    log.info("page %d was turned; read again the right way up", page)
                    # boxes of the turned image do not fit the archived page: no crop rather than a wrong one
                    return [dataclasses.replace(line, bbox=None) for line in _lines(again, page, turned_grids)]
    return _lines(data, page, grids)


def _tables_then_image(grey: Image.Image, original: Image.Image | Path, path: Path) -> tuple[PageGrids, str]:
    """The page's ruled tables, and the image file Tesseract reads: the page without their rules.

    A page without tables goes to Tesseract as it came (a file handed in is not even rewritten).
    """
    array = np.asarray(grey)
    grids = find_grids(array)
    if grids.grids:
        Image.fromarray(erase_rules(array, grids)).save(path, format="PPM")
    elif isinstance(original, Path):
        return grids, str(original)
    else:
        grey.save(path, format="PPM")
    return grids, str(path)


def _run(call: Any, src: str, page: int, timeout: float, deadline: float | None, **kwargs: Any) -> Any:
    """One Tesseract call in a slot, its failures translated into ``TdktError`` subclasses."""
    try:
        with _SLOTS:
            if deadline is not None:
                timeout = min(timeout, deadline - time.monotonic())
                if timeout <= 0:
                    raise FileTimeoutError(f"hết thời gian xử lý trước khi OCR trang {page}")
            return call(src, timeout=timeout, **kwargs)
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


# A page read the right way up gives mostly confident words (mean confidence ~90 on our scans,
# ~80 % of words >= 70); upside down or sideways it gives ~45 and ~15 %, or almost no words though
# the page is full of ink. Between the two there is a wide margin; these sit in it.
MIN_WORDS = 12          # fewer words than this: judge by the ink instead
MIN_MEAN_CONF = 62.0
MIN_GOOD_SHARE = 0.4    # share of words with confidence >= GOOD_CONF and two letters or more
GOOD_CONF = 70.0
INKY_PAGE = 0.03        # share of dark pixels above which a page with almost no words holds text
_TURNS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def _words_conf(data: dict[str, list]) -> list[tuple[str, float]]:
    return [(str(t).strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
            if str(t).strip() and float(c) >= 0]


def _quality(data: dict[str, list]) -> float:
    """How well a page read: the number of confident words of two letters or more."""
    return sum(1 for w, c in _words_conf(data) if c >= GOOD_CONF and sum(ch.isalpha() for ch in w) >= 2)


def looks_misoriented(data: dict[str, list], grey: Image.Image) -> bool:
    """Does this reading look like a page upside down or sideways? (cheap: no Tesseract call)."""
    words = _words_conf(data)
    if len(words) < MIN_WORDS:
        small = np.asarray(grey.reduce(8))
        return float((small < 128).mean()) > INKY_PAGE
    mean = sum(c for _, c in words) / len(words)
    return mean < MIN_MEAN_CONF or _quality(data) / len(words) < MIN_GOOD_SHARE


def _turned(grey: Image.Image, src: str, page: int, timeout: float, deadline: float | None) -> Image.Image | None:
    """The page turned the right way up per Tesseract's orientation detection, or None if it is."""
    try:
        osd = _run(pytesseract.image_to_osd, src, page, timeout, deadline, config="--psm 0",
                   output_type=pytesseract.Output.DICT)
    except CorruptFileError as exc:  # too few characters to tell, or no osd model: read as it is
        log.info("page %d: orientation not detected (%s)", page, exc.message)
        return None
    turn = _TURNS.get(int(osd.get("rotate", 0)) % 360)
    return grey.transpose(turn) if turn is not None else None


_OCR_JUNK = str.maketrans({"Ð": "Đ", "ð": "đ", **{c: None for c in "‹›`´ˆ˜¨¸‚„†‡°¬"}})


@dataclass(frozen=True)
class _Word:
    text: str
    conf: float       # 0..100
    key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)
    left: int
    top: int
    width: int
    height: int
    x: float          # centre, in the page's deskewed frame
    y: float


def _words(data: dict[str, list], grids: PageGrids) -> list[_Word]:
    """Tesseract's words in reading order, without rules read as bars and specks read as marks."""
    out: list[_Word] = []
    for text, conf, block, par, line, left, top, width, height in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"],
        data["left"], data["top"], data["width"], data["height"], strict=True,
    ):
        # table rules read as bars; marks no Vietnamese text uses; Icelandic Ð read for Đ
        word = str(text).strip().strip("|¦").translate(_OCR_JUNK)
        c = float(conf)
        if not word or c < 0:
            continue
        if not any(ch.isalnum() for ch in word) and c < 60 or len(word) == 1 and c < 30:
            continue  # a speck or a seal's edge read as ":", "_" or a stray letter
        x, y = grids.deskew(int(left) + int(width) / 2, int(top) + int(height) / 2)
        out.append(_Word(word, min(max(c, 0.0), 100.0), (int(block), int(par), int(line)),
                         int(left), int(top), int(width), int(height), x, y))
    return out


def _page_size(data: dict[str, list]) -> tuple[int, int]:
    """The page image's size from Tesseract's page-level row (level 1); (0, 0) if absent."""
    for level, width, height in zip(data.get("level", []), data["width"], data["height"], strict=False):
        if int(level) == 1:
            return int(width), int(height)
    return 0, 0


def _box(words: Sequence[_Word], size: tuple[int, int]) -> Box | None:
    """The words' box as page fractions (in the image's own frame, not the deskewed one)."""
    if not words:
        return None
    return page_box(min(w.left for w in words), min(w.top for w in words),
                    max(w.left + w.width for w in words), max(w.top + w.height for w in words), *size)


def _lines(data: dict[str, list], page: int, grids: PageGrids | None = None) -> list[Line]:
    """The page's lines in reading order: table rows from the ruled grids, the rest as Tesseract read it.

    A word whose centre lies in a ruled table goes to its cell; each row of the table becomes one
    ``Line`` with ``cells`` (one per grid column, a merged cell's text in its first), ``table``
    (the page's table number; ``_pdf`` makes it file-wide) and ``cell_x``. The other words are
    grouped by (block, paragraph, line): psm 4 reads an unruled table row, or the two-column header,
    as one line, and a gap much wider than a space splits it into ``cells`` (``split_cells``).
    """
    grids = grids or PageGrids(angle=0.0, grids=[])
    size = _page_size(data)
    in_cells: dict[int, dict[tuple[int, int], list[_Word]]] = {}
    groups: dict[tuple[int, int, int], list[_Word]] = {}
    for w in _words(data, grids):
        slack = 0.25 * w.height
        where = next(((k, cell) for k, g in enumerate(grids.grids) if (cell := g.locate(w.x, w.y, slack))), None)
        if where is None:
            groups.setdefault(w.key, []).append(w)
        else:
            in_cells.setdefault(where[0], {}).setdefault(where[1], []).append(w)
    plain: list[tuple[float, Line]] = []
    for words in groups.values():
        words.sort(key=lambda w: w.left)
        height = sorted(w.height for w in words)[len(words) // 2]  # the line's median: one limit for all gaps
        cell_texts, xs = split_cells([(w.text, w.left, w.left + w.width, height) for w in words])
        conf = round(sum(w.conf for w in words) / len(words) / 100, 4)
        line = Line(
            text=" | ".join(cell_texts) if len(cell_texts) > 1 else cell_texts[0],
            page=page,
            source="ocr",
            confidence=conf,
            cells=cell_texts if len(cell_texts) > 1 else None,
            cell_x=tuple(xs),
            words=tuple((w.text, w.left) for w in words),
            bbox=_box(words, size),
        )
        plain.append((min(w.y for w in words), line))
    tables = [(grids.grids[k].top, _table_rows(grids, grids.grids[k], cells, page, n, size))
              for n, (k, cells) in enumerate(sorted(in_cells.items()))]
    out: list[Line] = []
    for y, line in plain:  # each table goes where the reading reaches its top
        while tables and tables[0][0] < y:
            out.extend(tables.pop(0)[1])
        out.append(line)
    for _, rows in tables:
        out.extend(rows)
    return out


def _table_rows(grids: PageGrids, grid: Grid, cells: dict[tuple[int, int], list[_Word]], page: int,
                table: int, size: tuple[int, int] = (0, 0)) -> list[Line]:
    """One ``Line`` per grid row that holds text; a cell's wrapped lines joined in reading order."""
    n_rows, n_cols = grid.shape
    out: list[Line] = []
    for r in range(n_rows):
        band = {c: words for (rr, c), words in cells.items() if rr == r}
        splits = _unruled_rows(band)
        for k in range(len(splits) + 1):
            texts: list[str] = []
            confs: list[float] = []
            row_words: list[_Word] = []
            for c in range(n_cols):
                words = [w for w in band.get(c, []) if sum(w.y >= y for y in splits) == k]
                texts.append(_cell_text(words))
                confs.extend(w.conf for w in words)
                row_words.extend(words)
            if not any(texts):
                continue
            middle = (grid.rows[r] + grid.rows[r + 1]) / 2
            out.append(Line(
                text=" | ".join(texts),
                page=page,
                source="ocr",
                confidence=round(sum(confs) / len(confs) / 100, 4),
                cells=tuple(texts),
                table=table,
                cell_x=tuple(int(grids.upright(x, middle)[0]) for x in grid.cols[:-1]),
                bbox=_box(row_words, size),
            ))
    return out


def _cell_text(words: list[_Word]) -> str:
    """A cell's words: its text lines top to bottom (Tesseract's lines by mean height), each left to right."""
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        by_line.setdefault(w.key, []).append(w)
    ordered = sorted(by_line.values(), key=lambda ws: sum(w.y for w in ws) / len(ws))
    return " ".join(w.text for ws in ordered for w in sorted(ws, key=lambda w: w.x))


_YEAR_ALONE = re.compile(r"^\W*(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?\W*$")


def _unruled_rows(band: dict[int, list[_Word]]) -> list[float]:
    """Where rows start inside one ruled band that holds several rows (no rules between the rows).

    Some tables rule only their columns and the header, so one band holds every row. A visual line
    of the band starts a row when its first cell is a lone ordinal or year (``1``, ``2.``, ``II``,
    ``2023``), or when two or more of its cells hold figures (``9/9 | 100%``, a year and a decision
    number): a wrapped line continues one or two cells, mostly words. Only a band with two starts or
    more is split, just above each start after the first, so a normally ruled row stays one row.
    """
    words = sorted((w for ws in band.values() for w in ws), key=lambda w: w.y)
    if len(words) < 4:
        return []
    column = {id(w): c for c, ws in band.items() for w in ws}
    height = sorted(w.height for w in words)[len(words) // 2]
    lines: list[list[_Word]] = []
    for w in words:  # visual lines: words whose centres are within half a text height
        if lines and w.y - lines[-1][-1].y < 0.5 * height:
            lines[-1].append(w)
        else:
            lines.append([w])
    starts: list[float] = []
    for line in lines:
        cells: dict[int, list[str]] = {}
        for w in sorted(line, key=lambda w: w.x):
            cells.setdefault(column[id(w)], []).append(w.text)
        first = " ".join(cells.get(0, []))
        figures = sum(1 for texts in cells.values() if any(ch.isdigit() for t in texts for ch in t))
        if first and (is_ordinal_text(first) or _YEAR_ALONE.match(first)) or figures >= 2:
            starts.append(min(w.y for w in line) - 0.8 * height)
    return starts[1:] if len(starts) >= 2 else []


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
