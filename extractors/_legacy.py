"""Read the two things that arrive named ``.doc``: Word "Web Page" HTML and binary Word 97.

HTML goes through the standard library's parser (Word's HTML is loose, and a tolerant tokenizer is
all we need for paragraphs and table rows). Binary Word 97 goes through ``antiword``, the one
maintained converter that needs no office suite; without it the file is refused with the package name.
"""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from extractors.lines import Line
from record.errors import CorruptFileError, FileTimeoutError, MissingDependencyError

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_PAGE_BREAK_STYLE = re.compile(r"page-break-(?:before|after)\s*:\s*always", re.I)
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "center",
    "title",
    "dt",
    "dd",
}
_HIDDEN = {"script", "style", "head", "xml", "noscript", "template"}
ANTIWORD_TIMEOUT = 60.0


@dataclass
class RawLegacy:
    lines: list[Line]
    pages: int


# -- HTML ------------------------------------------------------------------------------------------


def decode_html(data: bytes) -> str:
    """Text of an HTML file: BOM first, then the declared charset, then UTF-8, then windows-1258."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    head = data[:512]
    if head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(enc, errors="replace")
    m = _CHARSET.search(data[:8192])
    if m:
        try:
            enc = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            enc = ""
        if enc and not enc.startswith("utf-16"):  # a UTF-16 declaration on 8-bit bytes is a lie
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


class _HtmlLines(HTMLParser):
    """Collects paragraphs and table rows; a table row is one line with its cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.page = 1
        self.tables = 0
        self._buf: list[str] = []
        self._hidden = 0
        # one entry per open table: [table index, cells of the open row, open cell buffer or None]
        self._stack: list[tuple[int, list[str], list[list[str]]]] = []

    # where text goes: the innermost open cell, else the paragraph buffer
    def _target(self) -> list[str]:
        if self._stack and self._stack[-1][2]:
            return self._stack[-1][2][-1]
        return self._buf

    def _flush(self) -> None:
        if self._stack and self._stack[-1][2]:
            self._stack[-1][2][-1].append(" ")
            return
        text = "".join(self._buf)
        self._buf = []
        if text.strip():
            self.lines.append(Line(text=text, page=self.page, source="doc"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
            return
        style = " ".join(v or "" for k, v in attrs if k == "style")
        if _PAGE_BREAK_STYLE.search(style):
            self._flush()
            self.page += 1
        if tag in _BLOCK or tag == "br":
            self._flush()
        elif tag == "table":
            self._flush()
            self._stack.append((self.tables, [], []))
            self.tables += 1
        elif tag == "tr" and self._stack:
            self._end_row()
        elif tag in ("td", "th") and self._stack:
            self._stack[-1][2].clear()
            self._stack[-1][2].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if tag in _BLOCK:
            self._flush()
        elif tag in ("td", "th") and self._stack:
            self._end_cell()
        elif tag == "tr" and self._stack:
            self._end_row()
        elif tag == "table" and self._stack:
            self._end_row()
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._target().append(data)

    def _end_cell(self) -> None:
        index, cells, open_cell = self._stack[-1]
        if open_cell:
            cells.append("".join(open_cell.pop()).strip())

    def _end_row(self) -> None:
        self._end_cell()
        index, cells, _ = self._stack[-1]
        if any(c.strip() for c in cells):
            row = tuple(cells)
            if len(row) == 1:  # a one-cell layout row is ordinary text
                self.lines.append(Line(text=row[0], page=self.page, source="doc"))
            else:
                self.lines.append(
                    Line(text=" | ".join(row), page=self.page, source="doc", cells=row, table=index)
                )
        cells.clear()

    def close(self) -> None:
        super().close()
        while self._stack:
            self._end_row()
            self._stack.pop()
        self._flush()


def read_html_doc(path: Path) -> RawLegacy:
    """Lines of a Word HTML ("Web Page") file saved as .doc."""
    parser = _HtmlLines()
    parser.feed(decode_html(path.read_bytes()))
    parser.close()
    return RawLegacy(lines=parser.lines, pages=parser.page)


# -- binary Word 97 --------------------------------------------------------------------------------


def read_ole_doc(path: Path, *, timeout: float = ANTIWORD_TIMEOUT) -> RawLegacy:
    """Lines of a binary Word 97 file via antiword (UTF-8 output, tables as ``|cell|cell|``)."""
    exe = shutil.which("antiword")
    if exe is None:
        raise MissingDependencyError(
            "cần chương trình antiword để đọc tệp Word 97 (.doc); hãy cài gói Debian 'antiword' "
            "hoặc lưu lại tệp dạng .docx",
            path=path,
        )
    try:
        proc = subprocess.run(
            [exe, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise FileTimeoutError(f"antiword đọc tệp .doc quá {timeout:.0f} giây", path=path) from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", errors="replace").strip() or f"mã lỗi {proc.returncode}"
        raise CorruptFileError(
            f"tệp Word 97 (.doc) không đọc được: {detail}; hãy lưu lại dạng .docx", path=path
        )
    return _antiword_lines(proc.stdout.decode("utf-8", errors="replace"))


def _antiword_lines(text: str) -> RawLegacy:
    lines: list[Line] = []
    page, table, in_table = 1, -1, False
    for chunk_no, chunk in enumerate(text.split("\f")):
        page = chunk_no + 1
        for raw in chunk.splitlines():
            s = raw.strip()
            if len(s) > 1 and s.startswith("|") and s.endswith("|"):
                if not in_table:
                    table += 1
                    in_table = True
                cells = tuple(c.strip() for c in s[1:-1].split("|"))
                if any(cells):
                    lines.append(
                        Line(text=" | ".join(cells), page=page, source="doc", cells=cells, table=table)
                    )
                continue
            in_table = False
            if s:
                lines.append(Line(text=s, page=page, source="doc"))
    return RawLegacy(lines=lines, pages=page)
