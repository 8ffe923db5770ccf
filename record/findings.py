"""A finding: one problem in one dossier, with the law it rests on."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Category = Literal["completeness", "conformance", "consistency", "fairness", "timeliness"]
Severity = Literal["error", "warning", "info"]


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
