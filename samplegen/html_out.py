"""Blocks -> a web page saved with a ``.doc`` name, as management software exports "Word" files."""

from __future__ import annotations

import unicodedata
from html import escape

from samplegen.blocks import Cols, Doc, P, Table

_HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ProgId" content="Word.Document">
<meta name="Generator" content="QLTDKT 3.2 - Xuat bao cao">
<title>Bao cao thanh tich</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument></xml><![endif]-->
<style>
body { font-family: "Times New Roman"; font-size: 13pt; }
p { margin: 0 0 4pt 0; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid td { border: 1px solid #000; padding: 3pt; vertical-align: top; }
</style>
</head>
<body lang="VI">
"""


def _p(p: P) -> str:
    style = [f"text-align:{p.align}"]
    if p.indent:
        style.append(f"text-indent:{p.indent:.0f}pt")
    text = escape(p.text).replace("\t", "&nbsp;&nbsp;&nbsp;&nbsp;").replace("    ", "&nbsp;&nbsp;&nbsp; ")
    if p.bold:
        text = f"<b>{text}</b>"
    if p.italic:
        text = f"<i>{text}</i>"
    return f'<p class="MsoNormal" style="{";".join(style)}">{text}</p>\n'


def encode_cp1258(text: str) -> bytes:
    """windows-1258 as Word writes it: base letters (with ^, breve, horn) precomposed, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        keep = "".join(m for m in marks if m not in _TONES)
        tones = "".join(m for m in marks if m in _TONES)
        out += (unicodedata.normalize("NFC", base + keep) + tones).encode("cp1258")
    return bytes(out)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def render_html_doc(docs: list[Doc], encoding: str = "utf-8") -> bytes:
    """The HTML page in ``utf-8`` (default) or ``windows-1258`` (tone marks combining, CRLF line ends)."""
    charset = {"utf-8": "utf-8", "windows-1258": "windows-1258"}[encoding]
    out = [_HEAD.replace("{charset}", charset)]
    for i, doc in enumerate(docs):
        if i:
            out.append('<br clear="all" style="page-break-before:always">\n')
        for block in doc.blocks:
            if isinstance(block, P):
                out.append(_p(block))
            elif isinstance(block, Table):
                out.append('<table class="grid">\n')
                for r, row in enumerate(block.rows):
                    cells = "".join(
                        f"<td>{'<b>' if block.header and r == 0 else ''}{escape(c)}"
                        f"{'</b>' if block.header and r == 0 else ''}</td>" for c in row)
                    out.append(f"<tr>{cells}</tr>\n")
                out.append("</table>\n")
            elif isinstance(block, Cols):
                out.append('<table style="width:100%"><tr>\n')
                for side in (block.left, block.right):
                    out.append('<td style="vertical-align:top">' + "".join(_p(p) for p in side) + "</td>\n")
                out.append("</tr></table>\n")
    out.append("</body>\n</html>\n")
    text = "".join(out)
    if encoding == "windows-1258":
        return encode_cp1258(text.replace("\n", "\r\n"))
    return text.encode("utf-8")
