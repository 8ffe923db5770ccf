"""The row-level expectations declared in ``data/rules/expectations.yaml``, loaded strictly.

Kept apart from ``validators.gx_suite`` so the declarations are checked (known GX class names are
checked there, on first use of GX) without importing Great Expectations, which takes seconds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from record.datafile import load_model
from validators._rules import EXPECTATIONS_FILE


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeclaredExpectation(_Strict):
    id: str = Field(pattern=r"^[A-Z]+(-[A-Z0-9]+)+$")
    table: str = Field(pattern=r"^[a-z_]+$")
    column: str | None = None
    columns: list[str] = Field(default_factory=list)
    expectation: str = Field(pattern=r"^Expect[A-Za-z]+$")
    kwargs: dict[str, Any] = Field(default_factory=dict)
    legal_basis: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_target(self) -> DeclaredExpectation:
        if (self.column is None) == (not self.columns):
            raise ValueError("cần đúng một trong hai khóa: column hoặc columns")
        return self


class ExpectationFile(_Strict):
    version: int = Field(ge=1, le=1)
    views: dict[str, str] = Field(default_factory=dict)
    expectations: list[DeclaredExpectation]


@lru_cache(maxsize=4)
def declared_expectations(path: Path = EXPECTATIONS_FILE) -> ExpectationFile:
    """The declarations; a typo stops the run with the file and the key."""
    return load_model(path, ExpectationFile, "tệp kỳ vọng dữ liệu")
