"""Rule files under ``data/rules/``: a strict pydantic schema and a loader that refuses bad files.

A typo in a rule file must stop the run, not silently drop the rule (STYLE practice 6): every error
is a ``DataFileError`` that names the file and the key (``rules[3].severity``).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from record.awards import award_catalogue
from record.datafile import read_yaml
from record.errors import DataFileError
from record.findings import Category, Scope, Severity

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
NOT_CHECKABLE = RULES_DIR / "not_checkable.yaml"  # the catalogue's rules tdkt cannot check, with why
EXPECTATIONS_FILE = RULES_DIR / "expectations.yaml"  # row-level expectations of the GX suite
_NOT_RULE_FILES = {NOT_CHECKABLE.name, EXPECTATIONS_FILE.name}

Regime = Literal["LTDKT2022+ND98", "LTDKT2022+ND152"]
REGIMES: tuple[Regime, ...] = ("LTDKT2022+ND98", "LTDKT2022+ND152")
Confidence = Literal["verified", "verified, 2nd", "inferred", "unverified", "recalled"]
# What a rule needs to see (issue 7 point 2): ``nomination`` = the nominee's own values, runs in the
# worker; ``submission`` = the cover letter / minutes / other documents of the same submission;
# ``batch`` / ``history`` = other submissions of the season / earlier runs (the stage after landing).
RuleScope = Scope  # where a rule runs (record.findings.Scope)

PLACEHOLDERS = frozenset(
    {
        "field", "label", "award", "nominee", "missing", "votes_for", "denominator",
        "denominator_label", "ratio", "threshold", "period", "required_years", "row", "page",
        "unit", "indicator", "value", "numerator", "level", "other", "other_award", "year", "title", "documents",
        "rating", "requirement", "found", "date", "deadline", "recipient", "awards",
        "members_present", "members_total", "quorum", "council_date", "submission_date",
    }
)


class MessageValues(dict[str, Any]):
    """A finding's values for its message: a placeholder a hit did not fill reads "—", never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "—"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppliesTo(_Strict):
    """Which nominations a rule looks at; an empty list or a missing key means all."""

    nominee_kinds: list[Literal["individual", "collective"]] = Field(default_factory=list)
    award_codes: list[str] = Field(default_factory=list)
    award_kinds: list[Literal["danh_hieu", "khen_thuong", "danh_hieu_vinh_du"]] = Field(default_factory=list)
    # also a candidate the council voted on whom the submission's lists do not propose
    # (validators._proposed); by default a rule judges only what the unit proposes
    not_proposed: bool = False


class RuleOverride(_Strict):
    """What changes under one regime (e.g. ND152 thresholds not verified -> warning)."""

    severity: Severity | None = None
    confidence: Confidence | None = None
    legal_basis: str | None = None
    message_vi: str | None = None
    params: dict[str, Any] | None = None


class Rule(_Strict):
    id: str = Field(pattern=r"^[A-Z]+(-[A-Z0-9]+)+$")
    kind: str
    # nomination: the nominee's own values (run in the worker); submission: the cover letter, minutes,
    # lists and reports of one submission, merged (after landing); batch / history: across
    # submissions of the season / earlier runs (after landing). None: the kind's own scope.
    scope: Scope | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    severity: Severity
    category: Category
    message_vi: str = Field(min_length=1)
    legal_basis: str = Field(min_length=1)
    regimes: list[Regime] = Field(default_factory=lambda: list(REGIMES), min_length=1)
    overrides: dict[Regime, RuleOverride] = Field(default_factory=dict)
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    confidence: Confidence
    # the parsed params (the kind's own model), filled in by the loader
    parsed_params: Any = Field(default=None, exclude=True)

    def for_regime(self, regime: Regime) -> Rule:
        """This rule as it applies under ``regime`` (overrides merged in)."""
        over = self.overrides.get(regime)
        if over is None:
            return self
        changes = {k: v for k, v in over.model_dump().items() if v is not None and k != "params"}
        rule = self.model_copy(update=changes)
        if over.params is not None:
            merged = {**self.params, **over.params}
            rule = rule.model_copy(
                update={"params": merged, "parsed_params": kind_params(self.kind).model_validate(merged)}
            )
        return rule


class RuleFile(_Strict):
    version: Literal[1]
    rules: list[Rule]


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _raise_validation(exc: ValidationError, path: Path, prefix: str = "") -> None:
    parts = []
    for err in exc.errors():
        key = _loc(tuple(err["loc"]))
        parts.append(f"{prefix}{'.' if prefix and key else ''}{key}: {err['msg']}")
    raise DataFileError("tệp quy tắc không hợp lệ: " + "; ".join(parts), path=path) from exc


def _check_messages(rule: Rule, where: str, path: Path) -> None:
    texts = [("message_vi", rule.message_vi)]
    texts += [(f"overrides.{r}.message_vi", o.message_vi) for r, o in rule.overrides.items() if o.message_vi]
    for key, text in texts:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            raise DataFileError(f"{where}.{key}: chuỗi định dạng lỗi ({exc})", path=path) from exc
        unknown = sorted(n for n in names if n not in PLACEHOLDERS)
        if unknown:
            raise DataFileError(
                f"{where}.{key}: biến không hỗ trợ {unknown}; các biến hợp lệ: {', '.join(sorted(PLACEHOLDERS))}",
                path=path,
            )


def known_kinds() -> dict[str, type[BaseModel]]:
    """Every rule kind and its params model: record kinds and the after-landing stage's kinds."""
    from validators._kinds import RULE_KINDS
    from validators.stage._kinds import STAGE_KINDS

    return {**{k: v.params for k, v in RULE_KINDS.items()}, **{k: v.params for k, v in STAGE_KINDS.items()}}


def kind_params(kind: str) -> type[BaseModel]:
    return known_kinds()[kind]


def load_rule_file(path: Path) -> list[Rule]:
    """One YAML rule file, validated: schema, known kind, kind params, placeholders, award codes."""
    kinds = known_kinds()
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"không đọc được tệp quy tắc ({exc})", path=path) from exc
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        _raise_validation(exc, path)
    codes = award_catalogue()
    out: list[Rule] = []
    for i, rule in enumerate(parsed.rules):
        where = f"rules[{i}]"
        params_model = kinds.get(rule.kind)
        if params_model is None:
            raise DataFileError(
                f"{where}.kind: loại quy tắc '{rule.kind}' không có; các loại đã biết: {', '.join(sorted(kinds))}",
                path=path,
            )
        for key, params in [("params", rule.params)] + [
            (f"overrides.{r}.params", {**rule.params, **o.params}) for r, o in rule.overrides.items() if o.params
        ]:
            try:
                params_model.model_validate(params)
            except ValidationError as exc:
                _raise_validation(exc, path, prefix=f"{where}.{key}")
        bad = [c for c in rule.applies_to.award_codes if c not in codes]
        if bad:
            raise DataFileError(f"{where}.applies_to.award_codes: mã không có trong award-codes.tsv: {bad}", path=path)
        _check_messages(rule, where, path)
        out.append(rule.model_copy(update={"parsed_params": params_model.model_validate(rule.params)}))
    return out


def load_rules(path: Path | None = None) -> list[Rule]:
    """All rules of one file, or of every ``*.yaml`` under ``data/rules/``; ids must be unique."""
    files = [path] if path is not None else sorted(f for f in RULES_DIR.glob("*.yaml") if f.name not in _NOT_RULE_FILES)
    if not files:
        raise DataFileError("không có tệp quy tắc nào", path=RULES_DIR)
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for file in files:
        for rule in load_rule_file(file):
            if rule.id in seen:
                raise DataFileError(f"mã quy tắc '{rule.id}' trùng với tệp {seen[rule.id]}", path=file)
            seen[rule.id] = file
            rules.append(rule)
    from validators._reference import load_reference

    load_reference()  # the authorities, dissolved units and calendar the rules read: checked now
    return rules


class NotCheckable(_Strict):
    id: str = Field(pattern=r"^[A-Z]+(-[A-Z0-9]+)+$")
    reason_en: str = Field(min_length=1)
    reason_vi: str = Field(min_length=1)
    partly: bool = False
    see: list[str] = Field(default_factory=list)


class NotCheckableFile(_Strict):
    version: Literal[1]
    not_checkable: list[NotCheckable]


def not_checkable(path: Path = NOT_CHECKABLE) -> list[NotCheckable]:
    """The rules of DOMAIN.md §8 not checked from the documents, with the reason (for the README)."""
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"không đọc được danh sách quy tắc không kiểm tra được ({exc})", path=path) from exc
    try:
        return NotCheckableFile.model_validate(data).not_checkable
    except ValidationError as exc:
        _raise_validation(exc, path)
        raise  # unreachable: _raise_validation always raises
