"""What one file's pass through the pipeline produced, and what the warehouse checks found.

A file's outcome is a value, not an exception that escapes the batch (STYLE practice 3): the flow
builds one ``FileOutcome`` per file, lands it or quarantines it, and the report reads the list.
``QualityResult`` lives here rather than in ``validators`` so that ``landing`` and ``reports`` can
type it without importing the validators (data flows one way).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from record.findings import Check, Finding
from record.models import DossierRecord, nomination_id

# deferred: a fault not the file's (a busy machine, a failed write); not marked seen, retried next run
# ignored: an inbox entry that is not a regular file (a link, a FIFO...): never read, listed with its reason
FileStatus = Literal["landed", "skipped", "quarantined", "deferred", "ignored"]
NominationStatus = Literal["clean", "needs_review", "rejected"]
# a nomination nobody computed a status for is not clean: a reviewer looks at it
DEFAULT_NOMINATION_STATUS: NominationStatus = "needs_review"


class FileOutcome(BaseModel):
    """One file of a run: landed (with its record and findings), skipped as seen, or quarantined."""

    model_config = ConfigDict(extra="forbid")

    path: str
    sha256: str | None = None
    format: str | None = None
    status: FileStatus
    record: DossierRecord | None = None
    findings: list[Finding] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)  # the nomination-scope checks that ran
    statuses: dict[str, str] = Field(default_factory=dict)  # nomination_id -> clean/needs_review/rejected
    error_code: str | None = None
    error: str | None = None
    seconds: float = 0.0


QUALITY_SUMMARY_PAGE = "tom-tat.html"  # the reviewers' Vietnamese page beside the run's Data Docs


class QualityResult(BaseModel):
    """One Great Expectations expectation run over one landed table column."""

    model_config = ConfigDict(extra="forbid")

    table: str
    column: str | None = None
    expectation: str
    success: bool
    unexpected_count: int = 0
    unexpected_sample: list[str] = Field(default_factory=list)
    element_count: int | None = None  # rows the expectation looked at (GX's share is out of these)
    check_id: str
    legal_basis: str | None = None
    error: str | None = None  # set when GX could not evaluate the expectation (missing table/column)


def nomination_key(record: DossierRecord, index: int) -> str:
    """The nomination's id: ``Nomination.nomination_id``, else ``record.models.nomination_id``.

    Extractors are meant to set ``nomination_id``; this fallback keeps validators, landing and the
    report agreeing on one stable id when they do not (same bytes give the same id).
    """
    nom = record.nominations[index]
    return nom.nomination_id or nomination_id(record.source.sha256, index)
