"""Blocks -> PDF: a text-layer PDF (reportlab, embedded DejaVu) or an image-only scan.

One layout engine places every line in points; two painters draw it: reportlab for the text PDF,
PIL for the scanned page images. Scans then get what office scanners add (skew, blur, noise, a
red seal over the signature, JPEG), all seeded so the bytes are reproducible.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from samplegen.blocks import Cols, Doc, P, Table

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "R": "DejaVuSerif.ttf",
    "B": "DejaVuSerif-Bold.ttf",
    "I": "DejaVuSerif-Italic.ttf",
    "BI": "DejaVuSerif-BoldItalic.ttf",
    "SANS": "DejaVuSans.ttf",
}
PAGE_W, PAGE_H = A4
ML, MR, MT, MB = 70.0, 50.0, 50.0, 55.0
CW = PAGE_W - ML - MR
SCALE = 0.96  # DejaVu is wider than Times: 13 pt Times ≈ 12.5 pt DejaVu


def _register() -> None:
    for key, file in FONTS.items():
        name = f"DV-{key}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, FONT_DIR + file))


def _style(bold: bool, italic: bool) -> str:
    return ("B" if bold else "") + ("I" if italic else "") or "R"


def width(text: str, style: str, size: float) -> float:
    _register()
    return pdfmetrics.stringWidth(text, f"DV-{style}", size)


# --- layout ---------------------------------------------------------------------------------------


@dataclass
class Op:
    page: int
    kind: str  # text | line | stamp | scribble
    x: float
    y: float
    text: str = ""
    style: str = "R"
    size: float = 12.0
    x2: float = 0.0
    y2: float = 0.0


def wrap(text: str, style: str, size: float, avail: float, indent: float = 0.0) -> list[str]:
    """Greedy word wrap that keeps runs of spaces inside a line (two fields on one line)."""
    text = text.replace("\t", "      ")
    if not text:
        return [""]
    tokens = re.split(r"( +)", text)
    lines: list[str] = []
    cur = ""
    limit = avail - indent
    for tok in tokens:
        if not tok:
            continue
        if width(cur + tok, style, size) <= limit or not cur.strip():
            cur += tok
            continue
        lines.append(cur.rstrip())
        limit = avail
        cur = "" if tok.isspace() else tok
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


class Layout:
    """Places blocks on A4 pages top to bottom; every document starts on a new page."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self.page = 0
        self.y = MT
        self.doc_pages: list[list[int]] = []

    def new_page(self) -> None:
        self.page += 1
        self.y = MT

    def fits(self, h: float) -> bool:
        return self.y + h <= PAGE_H - MB

    def _para_lines(self, p: P, x0: float, avail: float) -> tuple[list[tuple[float, str]], float, float]:
        size = p.size * SCALE
        style = _style(p.bold, p.italic)
        lines = wrap(p.text, style, size, avail, p.indent)
        lh = size * 1.38
        placed: list[tuple[float, str]] = []
        for i, line in enumerate(lines):
            w = width(line, style, size)
            if p.align == "center":
                x = x0 + (avail - w) / 2
            elif p.align == "right":
                x = x0 + avail - w
            else:
                x = x0 + (p.indent if i == 0 else 0)
            placed.append((x, line))
        return placed, lh, size

    def para(self, p: P, x0: float = ML, avail: float = CW) -> None:
        placed, lh, size = self._para_lines(p, x0, avail)
        style = _style(p.bold, p.italic)
        for x, line in placed:
            if not self.fits(lh):
                self.new_page()
            self.ops.append(Op(self.page, "text", x, self.y, line, style, size))
            self.y += lh
        if p.underline_rule and placed:
            x, line = placed[-1]
            w = width(line, style, size)
            self.ops.append(Op(self.page, "line", x + w * 0.2, self.y - lh * 0.05, x2=x + w * 0.8, y2=self.y - lh * 0.05))
        self.y += 2.5

    def table(self, t: Table) -> None:
        total = sum(t.widths)
        cols = [CW * w / total for w in t.widths]
        size = t.size * SCALE
        lh = size * 1.3
        pad = 3.0
        for r, row in enumerate(t.rows):
            style = "B" if (t.header and r == 0) else "R"
            cells = [wrap(text, style, size, cols[c] - 2 * pad) for c, text in enumerate(row)]
            h = max(len(c) for c in cells) * lh + 2 * pad
            if not self.fits(h):
                self.new_page()
            x = ML
            top = self.y
            for c, lines in enumerate(cells):
                for i, line in enumerate(lines):
                    lx = x + (cols[c] - width(line, style, size)) / 2 if t.header and r == 0 else x + pad
                    self.ops.append(Op(self.page, "text", lx, top + pad + i * lh, line, style, size))
                x += cols[c]
            # grid: top line of the row, verticals, bottom line
            self.ops.append(Op(self.page, "line", ML, top, x2=ML + CW, y2=top))
            self.ops.append(Op(self.page, "line", ML, top + h, x2=ML + CW, y2=top + h))
            x = ML
            for w in [0.0, *cols]:
                x += w
                self.ops.append(Op(self.page, "line", x, top, x2=x, y2=top + h))
            self.y = top + h
        self.y += 5

    def cols(self, c: Cols) -> None:
        widths = [CW * c.widths[0] / sum(c.widths), CW * c.widths[1] / sum(c.widths)]
        sides = []
        for side, x0, w in ((c.left, ML, widths[0]), (c.right, ML + widths[0], widths[1])):
            lines = []
            for p in side:
                placed, lh, size = self._para_lines(p, x0, w)
                while len(placed) > 1 and p.align == "center" and p.size > 8:
                    # header and signature titles stay on one line: offices shrink the font instead
                    p = P(p.text, p.bold, p.italic, p.align, p.size - 0.5, p.indent, p.underline_rule)
                    placed, lh, size = self._para_lines(p, x0, w)
                lines.append((p, placed, lh, size))
            sides.append(lines)
        heights = [sum(len(pl) * lh + 2.5 for _, pl, lh, _ in s) for s in sides]
        if not self.fits(max(heights)):
            self.new_page()
        top = self.y
        for n, (s, x0, w) in enumerate(zip(sides, (ML, ML + widths[0]), widths, strict=True)):
            y = top
            blank_from = blank_to = None
            for p, placed, lh, size in s:
                style = _style(p.bold, p.italic)
                for x, line in placed:
                    if line:
                        self.ops.append(Op(self.page, "text", x, y, line, style, size))
                    elif blank_from is None:
                        blank_from = y
                    if not line:
                        blank_to = y + lh
                    y += lh
                if p.underline_rule and placed:
                    x, line = placed[-1]
                    lw = width(line, style, size)
                    self.ops.append(Op(self.page, "line", x + lw * 0.2, y - lh * 0.05, x2=x + lw * 0.8, y2=y - lh * 0.05))
                y += 2.5
            side = "left" if n == 0 else "right"
            if blank_from is not None and blank_to is not None:
                cx = x0 + w / 2
                if c.sign in (side, "both"):
                    self.ops.append(Op(self.page, "scribble", cx - 40, blank_from, x2=cx + 45, y2=blank_to))
                if c.stamp and c.stamp.side == side:
                    # over the title and the signature, never above the block nor over the signer's name
                    r = 44.0
                    cy = max(blank_from - 6, top + r * 0.8)
                    cy = min(cy, blank_to + 2 - r)
                    self.ops.append(Op(self.page, "stamp", cx - 50, cy, text=c.stamp.ring, size=r))
        self.y = top + max(heights) + 4

    def document(self, doc: Doc) -> None:
        self.new_page()
        first = self.page
        for block in doc.blocks:
            if isinstance(block, P):
                self.para(block)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.cols(block)
        self.doc_pages.append(list(range(first, self.page + 1)))


def layout(docs: list[Doc]) -> Layout:
    lay = Layout()
    for doc in docs:
        lay.document(doc)
    return lay


# --- text PDF -------------------------------------------------------------------------------------


def _rl_canvas(buf: io.BytesIO, creator: str = "Microsoft® Word 2016", producer: str = "Microsoft® Word 2016",
               ) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setCreator(creator)
    c.setProducer(producer)
    c.setAuthor("")
    c.setTitle("")
    return c


def render_text_pdf(docs: list[Doc]) -> tuple[bytes, int, list[list[int]]]:
    """A PDF with a real text layer, as Word's "Save as PDF" makes it."""
    lay = layout(docs)
    buf = io.BytesIO()
    c = _rl_canvas(buf)
    for page in range(1, lay.page + 1):
        for op in (o for o in lay.ops if o.page == page):
            if op.kind == "text":
                c.setFont(f"DV-{op.style}", op.size)
                c.drawString(op.x, PAGE_H - op.y - op.size * 0.95, op.text)
            elif op.kind == "line":
                c.setLineWidth(0.6)
                c.line(op.x, PAGE_H - op.y, op.x2, PAGE_H - op.y2)
        c.showPage()
    c.save()
    return buf.getvalue(), lay.page, lay.doc_pages


# --- scans ----------------------------------------------------------------------------------------


_FONT_CACHE: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def _pil_font(style: str, px: int) -> ImageFont.FreeTypeFont:
    """A DejaVu face at ``px`` pixels: a ``FONTS`` key (``"B"``) or a file name in ``FONT_DIR``."""
    key = (style, px)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(FONT_DIR + FONTS.get(style, style), px)
    return _FONT_CACHE[key]


@dataclass(frozen=True)
class SealStyle:
    """How an office's round seal looks; every proportion is a fraction of the outer radius."""

    ink: tuple[int, int, int]
    line: float  # outer ring width
    inner: float  # inner ring radius
    font: str  # ``_pil_font`` style of the ring text
    text: float  # ring-text size
    span: float  # share of the circle the ring text covers
    star_glyph: bool  # a ★ glyph drawn after the text, else a polygon star drawn before it
    fade_grid: int  # uneven ink: a grid of random lightness, fade_low..1
    fade_low: float


RED_SEAL = SealStyle(ink=(205, 40, 50), line=0.05, inner=0.66, font="B", text=0.2, span=0.92, star_glyph=False,
                     fade_grid=8, fade_low=0.55)
BLUE_SEAL = SealStyle(ink=(30, 60, 170), line=0.06, inner=0.62, font="DejaVuSans-Bold.ttf", text=0.19, span=0.9,
                      star_glyph=True, fade_grid=6, fade_low=0.5)


def draw_seal(img: Image.Image, cx: float, cy: float, r: float, ring: str, rng: random.Random,
              seal: SealStyle = RED_SEAL) -> None:
    """A round seal: two rings, the body's name around, a star in the middle; multiplied over ink."""
    size = int(r * 2 + 8)
    layer = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(layer)
    ink = seal.ink
    c = size / 2
    lw = max(2, int(r * seal.line))
    d.ellipse([c - r, c - r, c + r, c + r], outline=ink, width=lw)
    ri = r * seal.inner
    d.ellipse([c - ri, c - ri, c + ri, c + ri], outline=ink, width=max(1, lw // 2))
    if not seal.star_glyph:
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            rad = r * 0.28 if k % 2 == 0 else r * 0.11
            pts.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
        d.polygon(pts, fill=ink)
    # ring text, clockwise from the left
    font = _pil_font(seal.font, max(8, int(r * seal.text)))
    text = ring.upper()
    span = 2 * math.pi * seal.span
    start = -math.pi / 2 - span / 2
    rt = (r + ri) / 2
    for k, ch in enumerate(text):
        if ch == " ":
            continue
        ang = start + span * (k + 0.5) / len(text)
        glyph = Image.new("L", (int(r * 0.4), int(r * 0.4)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.Resampling.BICUBIC)
        gx = c + rt * math.cos(ang) - glyph.width / 2
        gy = c + rt * math.sin(ang) - glyph.height / 2
        layer.paste(Image.new("RGB", glyph.size, ink), (int(gx), int(gy)), glyph)
    if seal.star_glyph:
        d.text((c, c), "★", font=_pil_font("SANS", int(r * 0.5)), fill=ink, anchor="mm")
    # uneven ink: lighten random patches
    arr = np.asarray(layer).astype(np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    fade = nrng.uniform(seal.fade_low, 1.0, size=(seal.fade_grid, seal.fade_grid)).astype(np.float32)
    fade_img = Image.fromarray((fade * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC)
    f = np.asarray(fade_img).astype(np.float32)[..., None] / 255
    arr = 255 - (255 - arr) * f
    layer = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    box = (int(cx - c), int(cy - c))
    region = img.crop((box[0], box[1], box[0] + size, box[1] + size))
    img.paste(ImageChops.multiply(region, layer), box)


def _draw_scribble(d: ImageDraw.ImageDraw, x1: float, y1: float, x2: float, y2: float, s: float,
                   rng: random.Random) -> None:
    """A hand signature: a few loops of a smooth random curve in blue ink."""
    pts = []
    n = 60
    f1, f2, ph = rng.uniform(2.5, 4.5), rng.uniform(6, 9), rng.uniform(0, math.pi)
    for k in range(n):
        t = k / (n - 1)
        x = x1 + (x2 - x1) * (t + 0.08 * math.sin(t * math.pi * f2 + ph))
        y = (y1 + y2) / 2 + (y2 - y1) * (0.3 * math.sin(t * math.pi * f1 + ph) + 0.12 * math.cos(t * math.pi * f2))
        pts.append((x * s, y * s))
    d.line(pts, fill=(25, 45, 130), width=max(2, int(1.2 * s)), joint="curve")


def render_page(lay: Layout, page: int, dpi: int, grey: bool, rng: random.Random, skew: float,
                overlay: Callable[[Image.Image, list[Op], float], None] | None = None) -> Image.Image:
    """Paint one page; ``overlay(img, page_ops, px_per_pt)`` draws extra ink (handwriting) before the wear."""
    s = dpi / 72
    w, h = int(PAGE_W * s), int(PAGE_H * s)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    ink = (28, 28, 30)
    stamps = []
    for op in (o for o in lay.ops if o.page == page):
        if op.kind == "text":
            font = _pil_font(op.style, max(6, round(op.size * s)))
            d.text((op.x * s, (op.y + op.size * 0.95) * s), op.text, font=font, fill=ink, anchor="ls")
        elif op.kind == "line":
            d.line([(op.x * s, op.y * s), (op.x2 * s, op.y2 * s)], fill=ink, width=max(1, int(0.7 * s)))
        elif op.kind == "scribble":
            _draw_scribble(d, op.x, op.y, op.x2, op.y2, s, rng)
        elif op.kind == "stamp":
            stamps.append(op)
    if overlay is not None:
        overlay(img, [o for o in lay.ops if o.page == page], s)
    for op in stamps:
        draw_seal(img, op.x * s, op.y * s, op.size * s, op.text, rng)
    if grey:
        img = img.convert("L")
    angle = skew * rng.choice((-1, 1)) * rng.uniform(0.6, 1.0)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255 if grey else (255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(radius=0.45 * dpi / 200))
    arr = np.asarray(img).astype(np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    # paper tone, a soft light gradient across the page, sensor noise
    grad = np.linspace(0, 1, w, dtype=np.float32)[None, :] * np.float32(rng.uniform(4, 12))
    if not grey:
        grad = grad[..., None]
    arr = arr * np.float32(0.96) + np.float32(4) - grad
    arr += nrng.standard_normal(size=arr.shape, dtype=np.float32) * np.float32(6.0)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def image_pdf(pages: Iterable[Image.Image], dpi: int, quality: int, creator: str, producer: str,
              on_first_page: Callable[[canvas.Canvas], None] | None = None) -> bytes:
    """An image-only PDF, one JPEG per A4 page, as a scanner writes it."""
    buf = io.BytesIO()
    c = _rl_canvas(buf, creator, producer)
    for n, img in enumerate(pages):
        jpg = io.BytesIO()
        img.save(jpg, format="JPEG", quality=quality, dpi=(dpi, dpi))
        jpg.seek(0)
        c.drawImage(ImageReader(jpg), 0, 0, PAGE_W, PAGE_H)
        if n == 0 and on_first_page is not None:
            on_first_page(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_scanned_pdf(docs: list[Doc], opts) -> tuple[bytes, int, list[list[int]]]:  # noqa: ANN001
    """Image-only PDF (one JPEG per page), optionally with a text-layer signature stamp and junk before %PDF."""
    lay = layout(docs)
    rng = random.Random(opts.seed)
    turned = getattr(opts, "turned", {})  # page -> degrees: a sheet fed upside down or sideways
    pages = (_turn(render_page(lay, page, opts.dpi, opts.grey, rng, opts.skew), turned.get(page, 0))
             for page in range(1, lay.page + 1))
    sign = (lambda c: _sign_stamp(c, opts.sign_text)) if opts.sign_text else None
    data = image_pdf(pages, opts.dpi, 72, "Canon iR-ADV C3525 III", "Canon iR-ADV C3525 III", sign)
    return opts.junk_prefix + data, lay.page, lay.doc_pages


def _turn(image: Image.Image, degrees: int) -> Image.Image:
    return image.rotate(degrees, expand=True) if degrees else image


def _sign_stamp(c: canvas.Canvas, lines: list[str]) -> None:
    """The digital-signature box a signing tool writes as text over page 1."""
    _register()
    x, y, w = PAGE_W - MR - 190, PAGE_H - 6, 190  # in the top margin, clear of the header
    c.setStrokeColorRGB(0.8, 0.1, 0.1)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.setLineWidth(0.8)
    c.rect(x, y - 12 * len(lines) - 4, w, 12 * len(lines) + 8)
    c.setFont("DV-SANS", 8.5)
    for k, line in enumerate(lines):
        c.drawString(x + 5, y - 10 - 12 * k, line)
    c.setFillColorRGB(0, 0, 0)
