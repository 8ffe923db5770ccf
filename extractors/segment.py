"""Split a file's lines into its documents (tờ trình, biên bản, báo cáo thành tích, …) by their titles.

A title is a short line that starts with a known phrase (``data/labels/documents.yaml``), compared
folded so OCR that drops the marks on capitals still matches. A document starts at its header block
(agency, national motto, number, place and date) just above the title, so a bundle is cut where the
next document really begins. A file with no known title is one ``other`` document: never a nominee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors import _labels
from extractors._text import edit_distance, fold1, mostly_capitals
from extractors.lines import Line
from record.awards import award_code, award_holder

MAX_TITLE_LEN = 90
HEADER_LOOKBACK = 14


@dataclass
class Segment:
    kind: str  # a contract document kind
    lines: list[Line] = field(default_factory=list)
    title_index: int = 0  # index in ``lines`` of the title line

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page for ln in self.lines})

    @property
    def title(self) -> str:
        return self.lines[self.title_index].text if self.lines else ""


@lru_cache(maxsize=1)
def _title_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for entry in _labels.documents().kinds:
        for t in entry.titles:
            out.append((entry.kind, re.compile(r"^\W{0,3}" + t)))
    return out


@lru_cache(maxsize=1)
def _header_patterns() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _labels.documents().header_lines]


def title_kind(line: Line, next_line: Line | None = None) -> str | None:
    """The document kind a line opens, or None. Only short lines count: a title is not a sentence."""
    text = line.text
    if line.cells and len(line.cells) > 1:
        # a letter-spaced title ("TỜ   TRÌNH") comes out of OCR as cells; a real row is longer
        text = " ".join(c for c in line.cells if c.strip())
        if len(text) > 30:
            return None
    if len(text) > MAX_TITLE_LEN:
        return None
    f = fold1(text).strip()
    # "BÁO CÁO" alone, "THÀNH TÍCH …" on the next line
    if next_line is not None and re.fullmatch(r"\W{0,3}bao cao\W{0,3}", f):
        cont = _labels.documents().split_title_continuations.get("bao_cao")
        if cont and re.match(cont, fold1(next_line.text).strip()):
            return "bao_cao"
    for kind, pattern in _title_patterns():
        if pattern.search(f):
            # "Báo cáo" inside a sentence of a tờ trình is no title: titles are mostly capitals.
            if not mostly_capitals(text, share=0.6, inclusive=True) and not (len(f) <= 25 and not text.rstrip().endswith((".", ","))):
                return None
            # "BÁO CÁO THÀNH IÍCH" matches only the generic "báo cáo": try the misread titles first
            return _fuzzy_title(f, text) or kind if kind == "other" else kind
    return _fuzzy_title(f, text)


def _fuzzy_title(folded: str, text: str) -> str | None:
    """A title OCR misread by a letter or two, on a short line in capitals."""
    if not mostly_capitals(text, 0.8, min_letters=6) or len(folded) > 40:
        return None
    letters = re.sub(r"[^a-z ]", "", folded).strip()
    letters = re.sub(r"\s+", " ", letters)
    for kind, phrases in _labels.documents().fuzzy_titles.items():
        for phrase in phrases:
            head = letters[: len(phrase)]
            if len(head) >= len(phrase) - 1 and edit_distance(head, phrase) <= max(1, len(phrase) // 8):
                return kind
    return None


def _is_header(line: Line) -> bool:
    f = fold1(line.text)
    if any(p.search(f) for p in _header_patterns()):
        return True
    # an agency line: short and in capitals ("ỦY BAN NHÂN DÂN XÃ VĨNH LINH")
    return len(line.text) <= 70 and mostly_capitals(line.text)


def _report_kind(lines: list[Line]) -> str:
    """Individual or collective: the award asked for says it when it is only for one kind
    (award-codes.tsv "for"); otherwise the section headings and labels do."""
    for line in lines[:5]:
        holder = award_holder(award_code(line.text))
        if holder in ("individual", "collective"):
            return "bao_cao_ca_nhan" if holder == "individual" else "bao_cao_tap_the"
    labels = _labels.documents()
    text = " \n".join(fold1(ln.text) for ln in lines[:40])
    coll = sum(bool(re.search(p, text)) for p in labels.collective_signs)
    ind = sum(bool(re.search(p, text)) for p in labels.individual_signs)
    return "bao_cao_tap_the" if coll > ind else "bao_cao_ca_nhan"


def segment(lines: list[Line]) -> list[Segment]:
    """Documents of a file in order; lines before the first title belong to the first document."""
    titles: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        kind = title_kind(line, nxt)
        if kind is None:
            continue
        # a repeated title on the next line (two-line titles) is the same document
        if titles and titles[-1][0] == i - 1 and titles[-1][1] == kind:
            continue
        titles.append((i, kind))
    if not titles:
        return [Segment(kind="other", lines=list(lines), title_index=0)] if lines else [Segment(kind="other")]

    starts: list[int] = []
    for n, (t, _) in enumerate(titles):
        floor = titles[n - 1][0] + 1 if n else 0
        start = t
        j = t - 1
        while j >= floor and t - j <= HEADER_LOOKBACK and _is_header(lines[j]):
            start = j
            j -= 1
        # a document that opens on a new page takes the whole page top
        if n and lines[t].page != lines[titles[n - 1][0]].page:
            first_on_page = next(k for k in range(floor, t + 1) if lines[k].page == lines[t].page)
            start = min(start, first_on_page)
        starts.append(start if n else 0)

    segments: list[Segment] = []
    for n, (t, kind) in enumerate(titles):
        end = starts[n + 1] if n + 1 < len(titles) else len(lines)
        seg_lines = lines[starts[n]:end]
        if kind == "bao_cao":
            kind = _report_kind(seg_lines[t - starts[n]:])
        prev = segments[-1] if segments else None
        # a decision or plan keeps its own annexes (danh sách kèm theo) and repeated headings
        # ("QUYẾT ĐỊNH:" before the articles): a file that is no dossier stays one document
        if prev is not None and prev.kind == "other" and kind in ("other", "danh_sach"):
            prev.lines.extend(seg_lines)
            continue
        segments.append(Segment(kind=kind, lines=seg_lines, title_index=t - starts[n]))
    return segments
