"""Files the pipeline must quarantine, each with the error code it must report."""

from __future__ import annotations

import io
import random

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from samplegen.catalog import docx_samples
from samplegen.docx_out import render_docx


def _png() -> bytes:
    """A phone photo's worth of PNG bytes (small, deterministic)."""
    img = Image.new("RGB", (64, 48), (230, 226, 215))
    for x in range(64):
        img.putpixel((x, 24), (40, 40, 40))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    """A text PDF locked with a user password: unreadable without it."""
    buf = io.BytesIO()
    enc = StandardEncryption("vinhlinh2024", ownerPassword="tdkt-owner", strength=128)
    enc.prepared = 0
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "BAO CAO THANH TICH - mat khau bao ve")
    c.showPage()
    c.save()
    return buf.getvalue()


def _broken_pdf() -> bytes:
    rng = random.Random(2024)
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(2048))


def _truncated_docx() -> bytes:
    """A .docx cut off mid-way, as an interrupted upload leaves it."""
    data = render_docx(docx_samples()[0].docs)
    return data[: len(data) * 2 // 3]


def bad_files() -> list[tuple[str, bytes, str]]:
    """(name, bytes, expected error code)."""
    return [
        ("bctt_rong.docx", b"", "EMPTY_FILE"),
        ("anh_chup_giay_khen.docx", _png(), "UNSUPPORTED_FORMAT"),
        ("bctt_tai_do_dang.docx", _truncated_docx(), "CORRUPT_FILE"),
        ("totrinh_co_mat_khau.pdf", _encrypted_pdf(), "ENCRYPTED_FILE"),
        ("bienban_hong.pdf", _broken_pdf(), "CORRUPT_FILE"),
    ]
