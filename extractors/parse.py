"""Lines of a file -> the dossier record: segment into documents, parse each by its kind, merge nominees.

Every nominee a document names is a nomination (contract README): the achievement reports, and the
lists of the cover letter, of an attached danh sách and of the council's vote. Mentions of one
nominee across the file's documents merge into one nomination (``_merge``).
"""

from __future__ import annotations

from extractors._bien_ban import read_bien_ban
from extractors._list_entry import holder_kind
from extractors._lists import Listed, award_in, kind_of_name, list_year, listed_in, subject
from extractors._merge import Merger, nomination_of
from extractors._reflow import reflow
from extractors._report import parse_report
from extractors._text import fold1
from extractors._to_trinh import parse_to_trinh
from extractors.lines import Line, ReadResult
from extractors.segment import segment
from record.models import CouncilVote, Document, DossierRecord, Nomination, Source, nomination_id
from record.normalize import docnos_in

_LISTS = ("to_trinh", "danh_sach")


def parse(read: ReadResult, *, path: str, sha256: str) -> DossierRecord:
    """The record of one file."""
    segments = segment(reflow(read.lines))
    record = DossierRecord(
        source=Source(path=path, sha256=sha256, format=read.format, pages=read.pages,
                      ocr_confidence=read.ocr_confidence),
        documents=[Document(kind=s.kind, pages=s.pages, title=s.title or None, cites=_cites(s.lines))  # type: ignore[arg-type]
                   for s in segments],
    )
    # the cover letter's subject year serves the lists that state none (minutes, an attached list)
    letter_year = next((list_year(subject(s.lines, s.title_index)) for s in segments if s.kind == "to_trinh"), None)
    merger = Merger()
    voted_at: dict[int, int] = {}  # vote result -> the nomination it merged into
    for n, seg in enumerate(segments):
        if seg.kind == "to_trinh" and record.submission is None:
            record.submission = parse_to_trinh(seg)
        if seg.kind in _LISTS:
            for listed in listed_in(seg.kind, seg.lines, seg.title_index, letter_year):
                merger.add(nomination_of(listed), n, from_report=False)
        elif seg.kind == "bien_ban":
            vote, award_texts, vote_lines = read_bien_ban(seg)
            if record.council_vote is None:
                record.council_vote = vote
            year = list_year(subject(seg.lines, seg.title_index)) or letter_year
            for k, listed in _voted(vote, award_texts, vote_lines, year):
                place = merger.add(nomination_of(listed), n, from_report=False)
                if vote is record.council_vote:
                    voted_at[k] = place
        elif seg.kind in ("bao_cao_ca_nhan", "bao_cao_tap_the"):
            nom = parse_report(seg)
            nom.named_in = [seg.kind]  # type: ignore[list-item]
            merger.add(nom, n, from_report=True)
    nominations = merger.nominations
    if record.council_vote is not None:
        _respell(record.council_vote, {k: nominations[i] for k, i in voted_at.items()})
    for i, nom in enumerate(nominations):
        nom.nomination_id = nomination_id(sha256, i)
    record.nominations = nominations
    own = record.submission.number if record.submission else None
    for doc in record.documents:
        doc.cites = [c for c in doc.cites if own is None or c.casefold() != own.casefold()]
    return record


def _cites(lines: list[Line]) -> list[str]:
    """The document numbers a document's text names, in order, once each (compared without case)."""
    out: dict[str, str] = {}
    for line in lines:
        for number in docnos_in(line.text):
            out.setdefault(number.casefold(), number)
    return list(out.values())


def _respell(vote: CouncilVote, merged: dict[int, Nomination]) -> None:
    """A scanned minutes' name that OCR ran together (``PẢTHỊLAN``) takes the spelling of the same
    name in the file's other documents when only spaces, case or marks differ (what OCR loses); a name
    with another letter stays as written (a discrepancy for the validators)."""
    for k, nom in merged.items():
        result, prov = vote.results[k], vote.provenance.get(f"results[{k}]")
        better = nom.nominee_name
        if not (better and result.nominee and prov is not None and prov.source == "ocr"):
            continue
        if better != result.nominee and _squeezed(better) == _squeezed(result.nominee):
            result.nominee = better


def _squeezed(name: str) -> str:
    return "".join(fold1(name).split())


def _voted(vote: CouncilVote, award_texts: list[str | None], lines: list[Line], year: int | None
           ) -> list[tuple[int, Listed]]:
    """The nominees of the council's vote, as list entries (name and award as the minutes write them)."""
    out: list[tuple[int, Listed]] = []
    for k, result in enumerate(vote.results):
        if not result.nominee:
            continue
        kind = holder_kind(result.award_code) or kind_of_name(result.nominee) or "individual"
        got = award_in(award_texts[k]) if award_texts[k] else None
        out.append((k, Listed(doc_kind="bien_ban", name=result.nominee, kind=kind,
                              award_name=got[0] if got and got[1] == result.award_code else None,
                              award_code=result.award_code, award_year=year, line=lines[k])))
    return out
