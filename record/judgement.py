"""What the stage after landing decided, handed to landing to write in one transaction.

The stage (``validators.stage``) reads the warehouse and judges submissions, the batch and the
history; landing writes its verdicts. These types sit between the two, as the dossier record sits
between extractors and validators, so that data keeps flowing one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from record.findings import Finding

FairnessStatus = Literal["ok", "outside_policy", "not_applicable"]


@dataclass(frozen=True)
class FairnessRow:
    """One indicator of one scope and award level (the contract's ``fairness`` table)."""

    scope: str          # 'batch' or the submitting unit's name (contract)
    unit_key: str | None
    award_level: str    # 'all' or a level of data/reference/award_levels.tsv
    indicator: str
    numerator: int
    denominator: int
    value: float | None
    threshold: float | None
    status: FairnessStatus
    check_id: str
    label_vi: str


@dataclass(frozen=True)
class CheckRow:
    """One check of scope ``submission`` on a nominee (its canonical row)."""

    nomination_id: str
    sha256: str
    check_id: str
    outcome: str


@dataclass
class SubmissionVerdict:
    """One submission judged in this run: its files, its unit, its findings and checks."""

    submission_id: str
    unit_key: str | None
    unit_name: str | None
    folder: str
    number: str | None
    date: str | None
    regime: str
    files: list[tuple[str, str]]          # (sha256, linked_by)
    nominees: int
    signature: str
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckRow] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)  # row nomination_id -> the nominee's one id


@dataclass(frozen=True)
class UnitRow:
    unit_key: str
    name: str
    level: str
    province: str | None
    remote: bool
    border: bool
    island: bool
    dissolved_on: str | None


@dataclass
class Judgement:
    """A run's verdicts. ``batch_findings`` and ``fairness`` are None when nothing changed since the
    last judgement (they are then left as they are)."""

    run_id: str
    submissions: int = 0
    judged: list[SubmissionVerdict] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    batch_findings: list[Finding] | None = None
    fairness: list[FairnessRow] | None = None
    units: list[UnitRow] | None = None
    statuses: dict[str, str] = field(default_factory=dict)  # nomination_id -> final status

    @property
    def findings(self) -> int:
        return sum(len(v.findings) for v in self.judged) + len(self.batch_findings or [])
