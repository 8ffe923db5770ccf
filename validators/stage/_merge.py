"""One record per submission: its files' documents, cover letter, minutes and nominees together.

A unit often sends the cover letter with its list, the council's minutes and each nominee's report as
separate files. Judged file by file, each report "lacks" the cover letter and nothing can compare the
list with the reports; judged as one record, the rules that look at one record (completeness, votes,
consistency, authority, timeliness) see what the unit sent. Nominees are joined across files by
folded name and award (the report's values first, the lists fill the gaps), as the extractor joins
them within a file; each joined nominee keeps the id of its first row with a report (the canonical id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from record.models import DossierRecord, Nomination
from record.normalize import fold
from record.outcome import nomination_key

_REPORTS = ("bao_cao_ca_nhan", "bao_cao_tap_the")
_LEADING = re.compile(r"^(?:tap the|ong|ba|dong chi|d/c)\s+")


def name_key(name: str | None) -> str:
    """The folded name two mentions of one nominee share (no marks, case, honorific or punctuation)."""
    if not name:
        return ""
    text = re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()
    return _LEADING.sub("", text)


def same_name(a: str, b: str) -> bool:
    """Equal, or written with the words run together, or one OCR letter off in the family or middle
    names of a name of three words or more. The given name (the last word) must agree: folded, "Hà"
    and "Hải", "An" and "Anh" are one letter apart and are different people."""
    if not a or not b:
        return False
    if a == b:
        return True
    a_, b_ = a.replace(" ", ""), b.replace(" ", "")
    if a_ == b_:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) < 3 or len(wb) < 3 or wa[-1] != wb[-1]:
        return False
    return min(len(a_), len(b_)) >= 8 and Levenshtein.distance(a_, b_) <= 1


@dataclass
class Joined:
    """One nominee of the submission and the landed rows (nomination ids) that name it."""

    nomination: Nomination
    rows: list[str] = field(default_factory=list)
    key: str = ""


def _fill(target: Nomination, source: Nomination) -> None:
    for part in ("person", "unit"):
        mine, theirs = getattr(target, part), getattr(source, part)
        if theirs is None:
            continue
        if mine is None:
            setattr(target, part, theirs.model_copy())
            continue
        for name in type(theirs).model_fields:
            if getattr(mine, name) is None and getattr(theirs, name) is not None:
                setattr(mine, name, getattr(theirs, name))
    if target.award.code is None:
        target.award = source.award.model_copy()
    else:
        if target.award.year is None:
            target.award.year = source.award.year
        if target.award.name is None:
            target.award.name = source.award.name
    if not target.prior_awards and source.prior_awards:
        target.prior_awards = [p.model_copy() for p in source.prior_awards]
    mine, theirs = target.achievements, source.achievements
    if not (mine.task_ratings or mine.innovations) and (theirs.task_ratings or theirs.innovations):
        target.achievements = theirs.model_copy(deep=True)
    target.named_in = [*target.named_in, *(k for k in source.named_in if k not in target.named_in)]
    for key, prov in source.provenance.items():
        target.provenance.setdefault(key, prov)


def _has_report(nom: Nomination) -> bool:
    return any(k in _REPORTS for k in nom.named_in)


def _match(joined: list[Joined], files_of: list[set[str]], sha: str, nom: Nomination, key: str) -> int | None:
    """The joined nominee this mention is: the same name exactly, else one OCR letter off, but never a
    nominee of the same file (the extractor joined those), of another award, or (for a fuzzy match)
    one whose report is already there when this mention is a report too."""
    if not key:
        return None
    fuzzy = None
    for j, cand in enumerate(joined):
        other = cand.nomination
        if sha in files_of[j] or other.nominee_kind != nom.nominee_kind:
            continue
        if other.award.code and nom.award.code and other.award.code != nom.award.code:
            continue
        if key == cand.key:
            return j
        if fuzzy is None and same_name(key, cand.key) and not (_has_report(nom) and _has_report(other)):
            fuzzy = j
    return fuzzy


def join_nominees(records: list[DossierRecord]) -> list[Joined]:
    """The submission's nominees, each once per award; rows of one file are never joined together
    (the extractor already joined what one file says twice, and kept real duplicates apart)."""
    joined: list[Joined] = []
    files_of: list[set[str]] = []
    for record in records:
        sha = record.source.sha256
        for i, nom in enumerate(record.nominations):
            nid = nomination_key(record, i)
            key = name_key(nom.nominee_name)
            match = _match(joined, files_of, sha, nom, key)
            if match is None:
                copy = nom.model_copy(deep=True)
                copy.nomination_id = nid
                joined.append(Joined(copy, [nid], key))
                files_of.append({sha})
                continue
            cand = joined[match]
            files_of[match].add(sha)
            cand.rows.append(nid)
            if _has_report(nom) and not _has_report(cand.nomination):
                first = nom.model_copy(deep=True)
                first.nomination_id = nid
                _fill(first, cand.nomination)
                cand.nomination = first
            else:
                _fill(cand.nomination, nom)
    return joined


def merge_submission(records: list[DossierRecord]) -> tuple[DossierRecord, list[Joined]]:
    """The submission as one record (cover letter's file first) and its joined nominees."""
    if not records:
        raise ValueError("a submission without any landed record cannot be merged")
    ordered = sorted(records, key=lambda r: (r.submission is None, r.council_vote is None, r.source.path))
    joined = join_nominees(ordered)
    head = ordered[0]
    merged = DossierRecord(
        source=head.source.model_copy(),
        documents=[d.model_copy() for r in ordered for d in r.documents],
        submission=next((r.submission for r in ordered if r.submission is not None), None),
        council_vote=next((r.council_vote for r in ordered if r.council_vote is not None), None),
        nominations=[j.nomination for j in joined],
    )
    return merged, joined


__all__ = ["Joined", "join_nominees", "merge_submission", "name_key", "same_name"]
