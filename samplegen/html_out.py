"""Blocks -> a web page saved with a ``.doc`` name, as management software exports "Word" files."""

from __future__ import annotations

from html import escape

from samplegen.blocks import Cols, Doc, P, Table

_HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
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


def render_html_doc(docs: list[Doc]) -> bytes:
    out = [_HEAD]
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
    return "".join(out).encode("utf-8")
