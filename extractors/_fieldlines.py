"""Label-driven reading of "label: value" lines and two-column table rows.

The label tables (``data/labels/*.yaml``) say which labels name which field. A value runs from the
colon to the end of the line or to the next known label on the same line, so
``Sinh ngày: 07/4/1985 Giới tính: Nữ`` gives two fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors._text import fold1, label_regex
from extractors.lines import Line

_BULLET = re.compile(r"^[\s\-–—•+*·>._]*(?:(?:\d{1,2}|[a-zđ]|[ivx]{1,4})[.)]\s+)?[\s\-–—•+*·]*")
# after a label: a colon (or what OCR makes of it, or a dotted leader), or straight a number
# ("Sinh ngày 05 tháng 01 năm 1968", "Năm sinh 1971")
_AFTER_LABEL = r"\s*(?:\([^)]{0,90}\))?\s*(?:[:;]|\.{2,}|…|(?=\d))"
_TRAIL = " .;,:…_-–\t"


@dataclass(frozen=True)
class Hit:
    field: str
    value: str
    line: Line


def clean_value(value: str) -> str | None:
    value = re.sub(r"^[\s.…_:;]+", "", value)
    value = re.sub(r"[\s.…_]{3,}$", "", value)
    value = value.strip(_TRAIL).strip()
    return value or None


class LabelReader:
    """Finds labelled values in lines for one label table (person, unit, …)."""

    def __init__(self, fields: dict[str, list[str]], other_labels: list[str]) -> None:
        entries: list[tuple[str, str]] = [(f, v) for f, vs in fields.items() for v in vs]
        entries += [("_other", v) for v in other_labels]
        entries.sort(key=lambda e: len(e[1]), reverse=True)
        self._fields = [e[0] for e in entries]
        alts = [f"(?P<g{i}>{label_regex([v]).pattern})" for i, (_, v) in enumerate(entries)]
        joined = "|".join(alts)
        self._inline = re.compile(r"(?:^|(?<=[\s,;.(]))(?:" + joined + r")" + _AFTER_LABEL)
        self._cell = re.compile(r"^(?:" + joined + r")\s*(?:\([^)]{0,90}\))?\s*[:;.]?\s*$")

    def _field_of(self, m: re.Match[str]) -> str:
        for name, val in m.groupdict().items():
            if val is not None and name.startswith("g"):
                return self._fields[int(name[1:])]
        return "_other"

    def read_text(self, text: str, line: Line) -> list[Hit]:
        """Hits in one text: a label must open the text (after a bullet); more may follow inline."""
        lead = _BULLET.match(text)
        offset = lead.end() if lead else 0
        body = text[offset:]
        folded = fold1(body)
        matches = list(self._inline.finditer(folded))
        if not matches or matches[0].start() != 0:
            return []
        hits = []
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(body)
            field = self._field_of(m)
            value = clean_value(body[m.end():end])
            if field != "_other" and value:
                hits.append(Hit(field, value, line))
        return hits

    def read_line(self, line: Line) -> list[Hit]:
        if line.cells and len(line.cells) >= 2:
            hits: list[Hit] = []
            cells = line.cells
            for i, cell in enumerate(cells):
                folded = fold1(_BULLET.sub("", cell, count=1))
                m = self._cell.match(folded)
                if m and i + 1 < len(cells):
                    field = self._field_of(m)
                    value = clean_value(cells[i + 1])
                    if field != "_other" and value:
                        hits.append(Hit(field, value, line))
                else:
                    hits.extend(self.read_text(cell, line))
            return hits
        return self.read_text(line.text, line)

    def is_label_line(self, line: Line) -> bool:
        text = line.cells[0] if line.cells else line.text
        lead = _BULLET.match(text)
        folded = fold1(text[lead.end() if lead else 0:])
        m = self._inline.match(folded)
        return bool(m) or bool(self._cell.match(folded))

    def read(self, lines: list[Line]) -> dict[str, Hit]:
        """First hit of each field; a label with its value on the next line is followed there."""
        found: dict[str, Hit] = {}
        for idx, line in enumerate(lines):
            hits = self.read_line(line)
            if not hits and not line.cells:
                # "Họ và tên:" alone on its line, value below
                folded = fold1(line.text)
                lead = _BULLET.match(line.text)
                m = self._inline.match(folded[lead.end() if lead else 0:])
                if m and not clean_value(line.text[(lead.end() if lead else 0) + m.end():]) and idx + 1 < len(lines):
                    nxt = lines[idx + 1]
                    if not self.is_label_line(nxt):
                        field = self._field_of(m)
                        value = clean_value(nxt.text)
                        if field != "_other" and value:
                            hits = [Hit(field, value, nxt)]
            if hits and line.source in ("ocr", "pdf-text") and idx + 1 < len(lines):
                hits[-1] = self._continued(hits[-1], line, lines[idx + 1])
            for hit in hits:
                found.setdefault(hit.field, hit)
        return found

    def empty_labels(self, lines: list[Line]) -> dict[str, Hit]:
        """Fields whose label is there with no value: field -> a ``Hit`` whose value is the raw text
        after the label (separator included: ``……``, ``:``, or ``""``), first occurrence only.

        ``read`` skips such labels; the caller tells a field left blank on the page (a dotted
        line) from a value a scan lost (``extractors._unread``).
        """
        found: dict[str, Hit] = {}

        def add(field: str, raw: str, line: Line) -> None:
            if field != "_other":
                found.setdefault(field, Hit(field, raw, line))

        for line in lines:
            if line.cells and len(line.cells) >= 2:
                for i, cell in enumerate(line.cells):
                    m = self._cell.match(fold1(_BULLET.sub("", cell, count=1)))
                    if m:
                        raw = line.cells[i + 1] if i + 1 < len(line.cells) else ""
                        if clean_value(raw) is None:
                            add(self._field_of(m), raw, line)
                    else:
                        self._empty_in_text(cell, line, add)
                continue
            # a label alone at the end of a line whose value ``read`` found on the next line is
            # in the caller's hits, which win over these
            self._empty_in_text(line.text, line, add)
        return found

    def _empty_in_text(self, text: str, line: Line, add: Callable[[str, str, Line], None]) -> None:
        """Each label of ``text`` with no value goes to ``add`` with the raw text after it."""
        lead = _BULLET.match(text)
        body = text[lead.end() if lead else 0:]
        matches = list(self._inline.finditer(fold1(body)))
        if not matches or matches[0].start() != 0:
            return
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(body)
            if clean_value(body[m.end():end]) is not None:
                continue
            label_end = max(m.end(g) for g, v in m.groupdict().items() if v is not None)
            add(self._field_of(m), body[label_end:end], line)

    def _continued(self, hit: Hit, line: Line, nxt: Line) -> Hit:
        """A value a scan wrapped under its table cell (``…, huyện Vĩnh Linh,`` / ``tỉnh Quảng Trị``)."""
        if nxt.cells or nxt.page != line.page or self.is_label_line(nxt) or _BULLET.match(nxt.text).end():
            return hit
        under_value = bool(line.cells and line.cell_x and nxt.cell_x and abs(nxt.cell_x[0] - line.cell_x[-1]) < 60)
        if under_value or hit.value.endswith(","):
            sep = ", " if line.text.rstrip().endswith(",") else " "
            return Hit(hit.field, f"{hit.value}{sep}{clean_value(nxt.text) or ''}".strip(), line)
        return hit
