"""How much slower is our OCR than plain Tesseract on the same pages?

The pages that the pipeline would OCR are rendered once, exactly as the pipeline renders them, and
written as greyscale PGM. Then (a) plain ``tesseract <img> <out> -l vie`` runs over those images,
``jobs`` processes at a time with ``OMP_THREAD_LIMIT=1``, and (b) ``read_file`` reads the same PDFs
end to end (text layer, rendering, OCR, grouping into lines). ``ratio`` = (b) / (a): the pipeline's
whole overhead, rendering included. ``ratio_vs_png`` is the same against Tesseract reading PNG
files, the usual way page images are handed to it, for reference only.

Run: ``python -m bench.ocr_ratio FILE.pdf … [--jobs N]`` (with no file, two synthetic scanned pages).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from extractors import _ocr, _pdf
from extractors.read import read_file


def _scanned_page_images(pdf_paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Render the pages the pipeline would OCR, once, to PGM and PNG files."""
    images: list[Path] = []
    for n, path in enumerate(pdf_paths):
        data = _pdf.pdf_bytes(Path(path))
        with pdfplumber.open(Path(path)) as pdf:
            numbers = [
                i
                for i, page in enumerate(pdf.pages, start=1)
                if _pdf.needs_ocr([d["text"] for d in page.extract_text_lines()], bool(page.images))
            ]
        doc = pdfium.PdfDocument(data)
        try:
            for number, image in zip(
                numbers, _pdf._page_images(doc, numbers, _pdf.DPI, None, Path(path)), strict=True
            ):
                grey = _ocr.prepare(image)
                stem = out_dir / f"f{n:03d}_p{number:03d}"
                grey.save(stem.with_suffix(".pgm"), format="PPM")
                grey.save(stem.with_suffix(".png"), format="PNG")
                images.append(stem.with_suffix(".pgm"))
        finally:
            doc.close()
    return images


def _plain_tesseract(images: Sequence[Path], jobs: int, out_dir: Path) -> float:
    """Wall seconds for plain ``tesseract img out -l vie`` over ``images``, ``jobs`` at a time."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(image: Path) -> None:
        out = out_dir / (image.stem + image.suffix.replace(".", "_"))
        subprocess.run(
            ["tesseract", str(image), str(out), "-l", "vie"], env=env, check=True, capture_output=True
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def _pipeline(pdf_paths: Sequence[Path], jobs: int) -> tuple[float, float]:
    """Wall seconds of ``read_file`` over the PDFs, and the OCR seconds it reported."""
    start = time.perf_counter()
    if len(pdf_paths) >= jobs > 1:
        # Many files: one file per worker, as the nightly flow runs them (OCR jobs 1 each).
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda p: read_file(p, ocr_jobs=1, max_pages=10_000), pdf_paths))
    else:
        results = [read_file(p, ocr_jobs=jobs, max_pages=10_000) for p in pdf_paths]
    return time.perf_counter() - start, sum(r.ocr_seconds for r in results)


def measure_ocr_ratio(pdf_paths: Sequence[Path], jobs: int = 1, repeat: int = 2) -> dict[str, Any]:
    """Pages, seconds for plain Tesseract and for the pipeline, pages per second, and their ratio.

    The two sides alternate ``repeat`` times and the fastest run of each counts: on a shared
    machine the same Tesseract call varies by ±30 %, and the minimum is the least disturbed run.
    """
    pdf_paths = [Path(p) for p in pdf_paths]
    plain, plain_png, pipeline, ocr = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-bench-") as tmp:
        work = Path(tmp)
        images = _scanned_page_images(pdf_paths, work)
        if not images:
            return {"pages": 0}
        _ocr.check_tesseract()
        for _ in range(max(1, repeat)):
            plain.append(_plain_tesseract(images, jobs, work))
            wall, ocr_s = _pipeline(pdf_paths, jobs)
            pipeline.append(wall)
            ocr.append(ocr_s)
            plain_png.append(_plain_tesseract([p.with_suffix(".png") for p in images], jobs, work))
    pages = len(images)
    plain_s, plain_png_s, pipeline_s = min(plain), min(plain_png), min(pipeline)
    return {
        "pages": pages,
        "jobs": jobs,
        "repeat": repeat,
        "plain_seconds": round(plain_s, 3),
        "plain_png_seconds": round(plain_png_s, 3),
        "pipeline_seconds": round(pipeline_s, 3),
        "pipeline_ocr_seconds": round(min(ocr), 3),
        "seconds_per_page": round(pipeline_s / pages, 3),
        "pages_per_s": round(pages / pipeline_s, 3),
        "plain_pages_per_s": round(pages / plain_s, 3),
        "ratio": round(pipeline_s / plain_s, 3),
        "ratio_vs_png": round(pipeline_s / plain_png_s, 3),
    }


def _synthetic_pdf(path: Path, pages: int = 2) -> Path:
    """A scanned-looking PDF (one full-page image per page) for running the bench without samples."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    dpi = 300
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(12 * dpi / 72))
    text = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
        "I. SƠ LƯỢC LÝ LỊCH",
        "- Họ và tên: Nguyễn Thị Hoa. Giới tính: Nữ. Sinh ngày 07/4/1985",
        "- Quê quán: xã Yên Phong, huyện Yên Định, tỉnh Thanh Hóa",
        "- Đơn vị công tác: Sở Giáo dục và Đào tạo tỉnh Thanh Hóa",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "Năm 2021: Hoàn thành xuất sắc nhiệm vụ; Chiến sĩ thi đua cơ sở.",
        "Năm 2022: Hoàn thành xuất sắc nhiệm vụ; sáng kiến được công nhận cấp tỉnh.",
        "Năm 2023: Hoàn thành tốt nhiệm vụ; Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo.",
    ] * 3
    c = canvas.Canvas(str(path), pagesize=(595.2, 841.9))
    for _ in range(pages):
        img = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), "white")
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(text):
            draw.text((dpi, dpi + i * int(22 * dpi / 72)), line, fill="black", font=font)
        c.drawImage(ImageReader(img), 0, 0, width=595.2, height=841.9)
        c.showPage()
    c.save()
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-bench-") as tmp:
        pdfs = args.pdfs or [_synthetic_pdf(Path(tmp) / "synthetic.pdf", pages=4)]
        print(json.dumps(measure_ocr_ratio(pdfs, args.jobs, args.repeat), indent=2))


if __name__ == "__main__":
    main()
