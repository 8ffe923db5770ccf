"""The image of the words each value came from, cut out of the archived original.

For scans and text PDFs a value's provenance carries the box of its source line on the page
(fractions of the page). The page is rendered from ``archive/<sha[:2]>/<sha>`` (the exact bytes
that were read) with pdfium, once per page, and the line's box, with a little margin, is saved as a
PNG beside the report. A reviewer compares the value with the words themselves without opening
the file.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from reports._gather import NominationCard, Value
from reports._private import write_private

log = logging.getLogger(__name__)

SCALE = 2.0          # 144 dpi: the words stay legible, a crop stays a few kB
MARGIN = (0.01, 0.004)  # page fractions added left/right and above/below the line's box
_SAFE = re.compile(r"[^0-9A-Za-z._-]+")


def _safe(text: str) -> str:
    return _SAFE.sub("-", text).strip("-") or "x"


class _Pages:
    """Rendered pages of archived PDFs, kept while one report is written."""

    def __init__(self, archive: Path) -> None:
        self.archive = archive
        self.docs: dict[str, pdfium.PdfDocument | None] = {}
        self.images: dict[tuple[str, int], Image.Image | None] = {}

    def page(self, sha: str, number: int) -> Image.Image | None:
        key = (sha, number)
        if key not in self.images:
            self.images[key] = self._render(sha, number)
        return self.images[key]

    def _render(self, sha: str, number: int) -> Image.Image | None:
        if sha not in self.docs:
            path = self.archive / sha[:2] / sha
            try:
                self.docs[sha] = pdfium.PdfDocument(path) if path.is_file() else None
            except pdfium.PdfiumError as exc:  # not a PDF after all, or damaged: no crops, the values stay
                log.info("no crops from %s: %s", path.name, exc)
                self.docs[sha] = None
        doc = self.docs[sha]
        if doc is None or not 1 <= number <= len(doc):
            return None
        page = doc[number - 1]
        try:
            return page.render(scale=SCALE).to_pil().convert("L")
        finally:
            page.close()

    def close(self) -> None:
        for doc in self.docs.values():
            if doc is not None:
                doc.close()


def _crop(image: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    w, h = image.size
    x0 = max(0.0, box[0] - MARGIN[0]) * w
    y0 = max(0.0, box[1] - MARGIN[1]) * h
    x1 = min(1.0, box[2] + MARGIN[0]) * w
    y1 = min(1.0, box[3] + MARGIN[1]) * h
    return image.crop((int(x0), int(y0), max(int(x1), int(x0) + 1), max(int(y1), int(y0) + 1)))


def write_crops(cards: list[NominationCard], archive: Path | None, folder: Path, rel: str) -> int:
    """Save a crop for every line a value came from; set ``Value.crop`` to its path relative to the report.

    The file is named after the first nomination and field read from that line; the other values of
    the same line point at the same file. Returns the number of files written.
    """
    if archive is None:
        return 0
    pages = _Pages(Path(archive))
    done: dict[tuple[str, int, tuple[float, ...]], str] = {}
    count = 0
    try:
        for card in cards:
            for v in card.values:
                count += _one(pages, card, v, folder, rel, done)
    finally:
        pages.close()
    return count


def _one(pages: _Pages, card: NominationCard, v: Value, folder: Path, rel: str,
         done: dict[tuple[str, int, tuple[float, ...]], str]) -> int:
    if v.bbox is None or v.page is None or v.source not in ("ocr", "pdf-text"):
        return 0
    sha = v.sha256 or card.sha256  # a nominee's card gathers values from several files
    key = (sha, v.page, tuple(v.bbox))
    if key in done:  # two values of one line (a table row, "Sinh ngày … Giới tính …") share its crop
        v.crop = done[key]
        return 0
    image = pages.page(sha, v.page)
    if image is None:
        return 0
    name = f"{_safe(card.nomination_id)}-{_safe(v.field)}.png"
    buf = io.BytesIO()
    _crop(image, v.bbox).save(buf, format="PNG")
    write_private(folder / name, buf.getvalue())
    v.crop = f"{rel}/{name}"
    done[key] = v.crop
    return 1
