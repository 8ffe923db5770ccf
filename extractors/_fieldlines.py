"""Label-driven reading of "label: value" lines and two-column table rows.

The label tables (``data/labels/*.yaml``) say which labels name which field. A value runs from the
colon to the end of the line or to the next known label on the same line, so
``Sinh ngày: 07/4/1985 Giới tính: Nữ`` gives two fields.

Two paths find a label. The exact path (one regex of every folded variant) reads the template's own
wording fast. A line it cannot read whose text before a colon or dotted leader (or a table cell
before a value cell) is short goes to ``LabelMatcher``, which matches that label part by meaning
(``_labelmatch``): ``Họ và tên người được đề nghị:`` and ``Ngày/tháng/năm sinh:`` name their fields
too, while a sentence that mentions ``họ tên`` does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors import _labels
from extractors._labelmatch import LabelMatcher
from extractors._labels import FieldLabels, LabelMatch
from extractors._text import fold1, label_regex
from extractors.lines import Line

_BULLET = re.compile(r"^[\s\-–—•+*·>._]*(?:(?:\d{1,2}|[a-zđ]|[ivx]{1,4})[.)]\s+)?[\s\-–—•+*·]*")
# after a label: a colon (or what OCR makes of it, or a dotted leader), or straight a number
# ("Sinh ngày 05 tháng 01 năm 1968", "Năm sinh 1971")
_AFTER_LABEL = r"\s*(?:\([^)]{0,90}\))?\s*(?:[:;]|\.{2,}|…|(?=\d))"
# after a label inside a value: ";" there ends a clause of the value ("phụ trách đơn vị; kiêm …")
_AFTER_INLINE_LABEL = r"\s*(?:\([^)]{0,90}\))?\s*(?::|\.{2,}|…|(?=\d))"
_TRAIL = " .;,:…_-–\t"
# where a label part ends: a colon (or the semicolon OCR makes of it) not inside a time or a number
# ("8:30"), or a dotted / underscored leader
_SEPARATOR = re.compile(r"(?<!\d)[:;]|[:;](?!\d)|\.{2,}|…+|_{3,}")
_WORDSPAN = re.compile(r"\S+")


def _separators(text: str, start: int = 0) -> list[re.Match[str]]:
    """Separators of ``text`` from ``start`` on, leaving out those inside parentheses (notes)."""
    out = []
    for m in _SEPARATOR.finditer(text, start):
        before = text[:m.start()]
        if before.count("(") <= before.count(")"):
            out.append(m)
    return out


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

    def __init__(self, fields: dict[str, list[str]], other_labels: list[str], match: LabelMatch | None = None,
                 filler: Sequence[str] = ()) -> None:
        """``match``: the thresholds (``label_match.yaml`` by default); ``filler``: this table's own
        filler words, added to the shared ones ("đơn vị" qualifies a collective's labels)."""
        entries: list[tuple[str, str]] = [(f, v) for f, vs in fields.items() for v in vs]
        entries += [("_other", v) for v in other_labels]
        params = match or _labels.label_match()
        self._matcher = LabelMatcher(entries, params, filler)
        self._max_words = params.max_label_words
        entries.sort(key=lambda e: len(e[1]), reverse=True)
        self._fields = [e[0] for e in entries]
        alts = [f"(?P<g{i}>{label_regex([v]).pattern})" for i, (_, v) in enumerate(entries)]
        joined = "|".join(alts)
        self._inline = re.compile(r"(?:^|(?<=[\s,;.(]))(?:" + joined + r")" + _AFTER_LABEL)
        self._inline_next = re.compile(r"(?<=[\s,;.(])(?:" + joined + r")" + _AFTER_INLINE_LABEL)
        self._cell = re.compile(r"^(?:" + joined + r")\s*(?:\([^)]{0,90}\))?\s*[:;.]?\s*$")

    @classmethod
    def for_table(cls, labels: FieldLabels) -> LabelReader:
        """The reader of one label table (``person.yaml``, ``unit.yaml``), its filler words included."""
        return cls(labels.fields, labels.other_labels, filler=labels.filler_words)

    def _field_of(self, m: re.Match[str]) -> str:
        for name, val in m.groupdict().items():
            if val is not None and name.startswith("g"):
                return self._fields[int(name[1:])]
        return "_other"

    def _fuzzy_head(self, body: str) -> tuple[str, int, int] | None:
        """(field, label start, value start) of a label by meaning that opens ``body``, if any."""
        seps = _separators(body)
        if not seps:
            return None
        sep = seps[0]
        found = self._matcher.match(body[:sep.start()])
        return (found.field, 0, sep.end()) if found else None

    def _fuzzy_inline(self, body: str, start: int, end: int) -> list[tuple[str, int, int]]:
        """Labels by meaning inside a value span: the words before a later colon that score as a label.

        Of the trailing word windows before the colon that open with a word of the label (not a
        filler word the value ends with, as "Ba" of "Hồ Thị Ba"), the best scoring wins, and of equal
        scores the longest (so ``… Ngày/tháng/năm sinh:`` takes all four words, not ``năm sinh``).
        """
        spans: list[tuple[str, int, int]] = []
        pos = start
        for sep in _separators(body[:end], start):
            if sep.group() != ":":
                continue  # inside a value, ";" ends a clause and a dotted leader is a blank
            words = list(_WORDSPAN.finditer(body, pos, sep.start()))
            best: tuple[float, int, str, int] | None = None
            for k in range(1, min(len(words) - 1, self._max_words) + 1):
                wstart = words[-k].start()
                found = self._matcher.match(body[wstart:sep.start()])
                if found and found.lead == 0 and (best is None or (found.score, k) > (best[0], best[1])):
                    best = (found.score, k, found.field, wstart)
            if best is not None:
                spans.append((best[2], best[3], sep.end()))
                pos = sep.end()
        return spans

    def read_text(self, text: str, line: Line) -> list[Hit]:
        """Hits in one text: a label must open the text (after a bullet); more may follow inline."""
        lead = _BULLET.match(text)
        offset = lead.end() if lead else 0
        body = text[offset:]
        folded = fold1(body)
        first = self._inline.match(folded)
        spans: list[tuple[str, int, int]]
        if first:
            matches = [first, *self._inline_next.finditer(folded, first.end())]
            spans = [(self._field_of(m), m.start(), m.end()) for m in matches]
        else:
            head = self._fuzzy_head(text)
            if head is None:
                return []
            body = text
            spans = [head] + [(self._field_of(m), m.start(), m.end())
                              for m in self._inline_next.finditer(fold1(text), head[2])]
        if ":" in body[spans[0][2]:]:
            spans = self._with_fuzzy_inline(body, spans)
        hits = []
        for k, (field, _, vstart) in enumerate(spans):
            end = spans[k + 1][1] if k + 1 < len(spans) else len(body)
            value = clean_value(body[vstart:end])
            if field != "_other" and value:
                hits.append(Hit(field, value, line))
        return hits

    def _with_fuzzy_inline(self, body: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """``spans`` with the labels by meaning found inside their values added, in order."""
        out: list[tuple[str, int, int]] = []
        for k, span in enumerate(spans):
            out.append(span)
            end = spans[k + 1][1] if k + 1 < len(spans) else len(body)
            out.extend(self._fuzzy_inline(body, span[2], end))
        return out

    def read_line(self, line: Line) -> list[Hit]:
        if line.cells and len(line.cells) >= 2:
            hits: list[Hit] = []
            cells = line.cells
            skip = -1
            for i, cell in enumerate(cells):
                if i == skip:
                    continue
                folded = fold1(_BULLET.sub("", cell, count=1))
                m = self._cell.match(folded)
                if m and i + 1 < len(cells):
                    field = self._field_of(m)
                    value = clean_value(cells[i + 1])
                    if field != "_other" and value:
                        hits.append(Hit(field, value, line))
                    continue
                cell_hits = self.read_text(cell, line)
                if not cell_hits and i + 1 < len(cells):
                    field_by_meaning = self._cell_label(cell)
                    if field_by_meaning and not self._cell_label(cells[i + 1]):
                        value = clean_value(cells[i + 1])
                        skip = i + 1  # the value cell is read, not tried as a label
                        if field_by_meaning != "_other" and value:
                            hits.append(Hit(field_by_meaning, value, line))
                hits.extend(cell_hits)
            return hits
        return self.read_text(line.text, line)

    def _cell_label(self, cell: str) -> str | None:
        """The field a whole table cell names as a label (exact or by meaning), else ``None``."""
        folded = fold1(_BULLET.sub("", cell, count=1))
        m = self._cell.match(folded)
        if m:
            return self._field_of(m)
        label = cell.rstrip(_TRAIL)
        if not label or _SEPARATOR.search(label):
            return None
        found = self._matcher.match(label)
        return found.field if found else None

    def is_label_line(self, line: Line) -> bool:
        """The line (or its first cell) opens with a label, exact or by meaning."""
        text = line.cells[0] if line.cells else line.text
        lead = _BULLET.match(text)
        folded = fold1(text[lead.end() if lead else 0:])
        m = self._inline.match(folded)
        if m or self._cell.match(folded):
            return True
        if line.cells:
            return self._cell_label(text) is not None
        return self._fuzzy_head(text) is not None

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
                alone: str | None = None
                if m and not clean_value(line.text[(lead.end() if lead else 0) + m.end():]):
                    alone = self._field_of(m)
                elif not m:
                    head = self._fuzzy_head(line.text)
                    if head and not clean_value(line.text[head[2]:]):
                        alone = head[0]
                if alone is not None and idx + 1 < len(lines):
                    nxt = lines[idx + 1]
                    if not self.is_label_line(nxt):
                        value = clean_value(nxt.text)
                        if alone != "_other" and value:
                            hits = [Hit(alone, value, nxt)]
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
                    field = self._field_of(m) if m else None
                    if field is None and not self._empty_in_text(cell, line, add) and i + 1 < len(line.cells):
                        field = self._cell_label(cell)  # a label cell by meaning
                    if field is not None:
                        raw = line.cells[i + 1] if i + 1 < len(line.cells) else ""
                        if clean_value(raw) is None:
                            add(field, raw, line)
                continue
            # a label alone at the end of a line whose value ``read`` found on the next line is
            # in the caller's hits, which win over these
            self._empty_in_text(line.text, line, add)
        return found

    def _empty_in_text(self, text: str, line: Line, add: Callable[[str, str, Line], None]) -> bool:
        """Each label of ``text`` with no value goes to ``add`` with the raw text after it; a label
        the exact path misses is tried by meaning, as ``read`` does. True when ``text`` opens with a label."""
        lead = _BULLET.match(text)
        body = text[lead.end() if lead else 0:]
        matches = list(self._inline.finditer(fold1(body)))
        if not matches or matches[0].start() != 0:
            fuzzy = self._fuzzy_head(body)
            if fuzzy is None:
                return False
            field, _start, value_at = fuzzy
            if clean_value(body[value_at:]) is None:
                seps = _separators(body)
                add(field, body[seps[0].start():] if seps else "", line)
            return True
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(body)
            if clean_value(body[m.end():end]) is not None:
                continue
            label_end = max(m.end(g) for g, v in m.groupdict().items() if v is not None)
            add(self._field_of(m), body[label_end:end], line)
        return True

    def _continued(self, hit: Hit, line: Line, nxt: Line) -> Hit:
        """A value a scan wrapped under its table cell (``…, huyện Vĩnh Linh,`` / ``tỉnh Quảng Trị``)."""
        if nxt.cells or nxt.page != line.page or self.is_label_line(nxt) or _BULLET.match(nxt.text).end():
            return hit
        under_value = bool(line.cells and line.cell_x and nxt.cell_x and abs(nxt.cell_x[0] - line.cell_x[-1]) < 60)
        if under_value or hit.value.endswith(","):
            sep = ", " if line.text.rstrip().endswith(",") else " "
            return Hit(hit.field, f"{hit.value}{sep}{clean_value(nxt.text) or ''}".strip(), line)
        return hit
