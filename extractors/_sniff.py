"""Tell what a dossier file is from its bytes, never from its name.

Dossiers arrive renamed by hand: a PDF saved as ``.doc``, a Word "Web Page" saved as ``.doc``, a
photo renamed ``.docx``. Choosing the reader by content means each of those gets read (or refused
with a message that says what the file really is) instead of failing deep inside a parser.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path
from typing import Literal

from record.errors import CorruptFileError, EmptyFileError, UnsupportedFormatError

Format = Literal["docx", "doc-html", "doc-ole", "pdf"]

_HEAD = 8192  # bytes looked at for magic numbers and HTML markers
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_HTML_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|meta|body|title|p[\s>]|div|table)", re.I)

# Magic numbers of things people drop into the inbox by mistake -> what to tell them.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "tệp ảnh PNG"),
    (b"\xff\xd8\xff", "tệp ảnh JPEG"),
    (b"GIF87a", "tệp ảnh GIF"),
    (b"GIF89a", "tệp ảnh GIF"),
    (b"II*\x00", "tệp ảnh TIFF"),
    (b"MM\x00*", "tệp ảnh TIFF"),
    (b"{\\rtf", "tệp RTF"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"MIME-Version:", "tệp trang web lưu trữ MHT"),
)
_NOT_DOSSIER = ", không phải hồ sơ Word/PDF"


def sniff_format(path: Path) -> Format:
    """Return the reader to use for ``path``, judged by content.

    Raises ``EmptyFileError`` for an empty file, ``CorruptFileError`` for a zip that cannot be opened
    (a truncated .docx), and ``UnsupportedFormatError`` naming what the file looks like otherwise.
    """
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        raise EmptyFileError("tệp rỗng (0 byte); hãy gửi lại tệp hồ sơ", path=path)
    if b"%PDF" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(_OLE_MAGIC):
        if _WORD_STREAM not in path.read_bytes():
            raise UnsupportedFormatError(
                "tệp Office đời cũ nhưng không phải văn bản Word (có thể là Excel .xls hoặc PowerPoint .ppt)"
                + _NOT_DOSSIER,
                path=path,
            )
        return "doc-ole"
    text = _decode_head(head)
    if text is not None:
        if _HTML_MARKERS.search(text):
            return "doc-html"
        if "<?mso-application" in text or "w:wordDocument" in text:
            raise UnsupportedFormatError(
                "tệp Word 2003 XML; hãy mở bằng Word và lưu lại dạng .docx", path=path
            )
    if head.startswith(b"BM") and head[6:10] == b"\0\0\0\0":  # BMP: reserved header bytes are zero
        raise UnsupportedFormatError("tệp ảnh BMP" + _NOT_DOSSIER, path=path)
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(what + _NOT_DOSSIER, path=path)
    if text is not None:
        raise UnsupportedFormatError("tệp văn bản thuần (không có định dạng)" + _NOT_DOSSIER, path=path)
    raise UnsupportedFormatError("tệp không rõ định dạng" + _NOT_DOSSIER, path=path)


def _sniff_zip(path: Path) -> Format:
    """A zip is a .docx only when it holds ``word/document.xml``; name the other Office kinds."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFileError(
            f"tệp nén (dạng .docx) bị hỏng hoặc không đầy đủ ({exc or type(exc).__name__}); hãy gửi lại tệp",
            path=path,
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        what = "tệp Excel (.xlsx)"
    elif any(n.startswith("ppt/") for n in names):
        what = "tệp PowerPoint (.pptx)"
    elif "mimetype" in names and "content.xml" in names:
        what = "tệp OpenDocument (.odt/.ods); hãy lưu lại dạng .docx"
    else:
        what = "tệp nén ZIP"
    raise UnsupportedFormatError(what + _NOT_DOSSIER, path=path)


def _decode_head(head: bytes) -> str | None:
    """Decode the first bytes as text (BOM, UTF-16 without BOM, UTF-8, single-byte); None if binary."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="replace")
    sample = head[:512]
    if sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: the zero bytes sit at odd (LE) or even (BE) offsets.
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return head.decode(enc, errors="replace")
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) // 20:
        return None
    # Single-byte encodings (windows-1258, latin-1) decode any byte; markers are ASCII anyway.
    return head.decode("latin-1")
