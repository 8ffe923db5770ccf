"""Lines of a file -> the dossier record: segment into documents, then parse each by its kind."""

from __future__ import annotations

from extractors._bien_ban import parse_bien_ban
from extractors._reflow import reflow
from extractors._report import parse_report
from extractors._to_trinh import parse_to_trinh
from extractors.lines import ReadResult
from extractors.segment import segment
from record.models import Document, DossierRecord, Source, nomination_id


def parse(read: ReadResult, *, path: str, sha256: str) -> DossierRecord:
    """The record of one file. Nominations come only from achievement reports (contract README)."""
    segments = segment(reflow(read.lines))
    record = DossierRecord(
        source=Source(path=path, sha256=sha256, format=read.format, pages=read.pages,
                      ocr_confidence=read.ocr_confidence),
        documents=[Document(kind=s.kind, pages=s.pages, title=s.title or None) for s in segments],  # type: ignore[arg-type]
    )
    nominations = []
    for seg in segments:
        if seg.kind == "to_trinh" and record.submission is None:
            record.submission = parse_to_trinh(seg)
        elif seg.kind == "bien_ban" and record.council_vote is None:
            record.council_vote = parse_bien_ban(seg)
        elif seg.kind in ("bao_cao_ca_nhan", "bao_cao_tap_the"):
            nominations.append(parse_report(seg))
    for i, nom in enumerate(nominations):
        nom.nomination_id = nomination_id(sha256, i)
    record.nominations = nominations
    return record
