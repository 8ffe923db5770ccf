"""The tờ trình (cover letter) -> ``Submission``: number, date, issuing body, recipient."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors import _labels
from extractors._common import date_line, docno, put
from extractors._fieldlines import LabelReader, clean_value
from extractors._text import fold1, mostly_capitals
from extractors._unread import has_blank, unread_provenance
from extractors.lines import Line
from extractors.segment import Segment
from record.models import ProvenanceMap, Submission
from record.normalize import clean_text


@lru_cache(maxsize=1)
def _recipient_reader() -> LabelReader:
    return LabelReader({"recipient": _labels.submission().recipient}, [])


def header_issuer(lines: list[Line]) -> tuple[str | None, Line | None]:
    """The issuing body from the header: the agency lines above the title, the lowest one."""
    labels = _labels.submission()
    skip = [re.compile(p) for p in labels.not_issuer]
    candidates: list[tuple[str, Line]] = []
    for line in lines:
        text = line.cells[0] if line.cells else line.text
        f = fold1(text)
        cuts = [k for k in (f.find("cong hoa"), f.find("doc lap")) if k > 0]
        if cuts:  # the two header columns read as one line
            text, f = text[: min(cuts)], f[: min(cuts)]
        num = re.search(r"(?:^|\s)so\s*[:;]", f)
        if num and num.start() > 0:  # a header cell holding the agency and "Số: …" joined
            text, f = text[: num.start()], f[: num.start()]
        text = clean_text(text.strip(" -_=*")) or ""
        f = fold1(text)
        if not text or any(p.search(f) for p in skip):
            continue
        if not mostly_capitals(text, share=0.75, inclusive=True):
            continue
        candidates.append((text, line))
    if not candidates:
        return None, None
    text, line = candidates[-1]
    if len(candidates) >= 2 and re.match(labels.issuer_continuation, fold1(text)):
        prev = candidates[-2][0]
        if not re.match(labels.issuer_continuation, fold1(prev)):
            text = f"{prev} {text}"
    return text, line


def parse_to_trinh(seg: Segment) -> Submission:
    lines = seg.lines
    head = lines[: seg.title_index] or lines[:6]
    prov: ProvenanceMap = {}
    number = None
    num_pat = re.compile(_labels.submission().number)
    for line in head + lines[seg.title_index: seg.title_index + 3]:
        for text in line.cells or (line.text,):
            m = num_pat.search(fold1(text))
            if m:
                number = docno(text[m.end():], line)
                if number:
                    put(prov, "number", line)
                    break
        if number:
            break
    date, dline = date_line(head or lines, None if head else 10)
    if date is None and dline is not None and not has_blank(dline.text):
        prov["date"] = unread_provenance(dline)  # a date written but no calendar date (31/11): the reviewer reads it
    else:
        put(prov, "date", dline)
    issuer, iline = header_issuer(head)
    put(prov, "issuer", iline)
    hits = _recipient_reader().read(lines[seg.title_index:])
    recipient = None
    if "recipient" in hits:
        recipient = clean_value(hits["recipient"].value)
        put(prov, "recipient", hits["recipient"].line)
    return Submission(number=number, date=date, issuer=issuer, recipient=recipient, provenance=prov)
