"""A finding: one problem in one dossier, with the law it rests on."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Category = Literal["completeness", "conformance", "consistency", "fairness", "timeliness"]
Severity = Literal["error", "warning", "info"]
# where a rule runs: on one nominee's own values (in the worker), on a submission's merged record,
# over the batch of the season, or against the history of earlier runs (both after landing)
Scope = Literal["nomination", "submission", "batch", "history"]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    check_id: str                  # the rule id from data/rules/*.yaml, e.g. COMP-01
    category: Category
    severity: Severity
    field: str | None              # dotted path in the record: person.birth_date, documents, ...
    message: str                   # Vietnamese, for the reviewer
    legal_basis: str               # e.g. "Luật TĐKT 2022 Đ84 k1"
    nomination_id: str | None = None  # None for file- or batch-level findings
    sha256: str | None = None
    scope: Scope | None = None
    submission_id: str | None = None
    regime: str | None = None          # LTDKT2022+ND98 | LTDKT2022+ND152
    confidence: str | None = None      # how sure the legal basis is (DOMAIN.md): verified ... unverified


CheckOutcome = Literal["passed", "failed", "not_applicable"]


class Check(BaseModel):
    """One rule that ran on one nomination, and how it came out: so ``clean`` means "N checks passed"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nomination_id: str
    check_id: str
    scope: Scope
    outcome: CheckOutcome
