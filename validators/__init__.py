"""Validators: rules as data (``data/rules/*.yaml``) run over one dossier record.

``validate(record)`` runs every rule and returns every finding (it never stops at the first, so a
reviewer sees the whole list at once). The legal regime is picked per nomination from
``submission.date``, else ``council_vote.date``, else ``award.year`` (a bare year counts as its end,
since year-end dossiers are filed then); with no date at all the latest regime applies.

Nomination status policy (``nomination_status``), from the findings of that nomination only:

* any **error** of category ``conformance`` (e.g. a failed council vote) -> ``rejected``;
* any other error (missing values are completeness errors) or any warning -> ``needs_review``;
* only ``info`` findings, or none -> ``clean``.

Record-level findings (``nomination_id`` None, e.g. a tờ trình that is in another file of the same
submission) do not change a nomination's status.

The Great Expectations suite over the landed tables is ``validators.gx_suite.check_warehouse``;
it is imported on demand because importing GX takes seconds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from record.awards import award_catalogue
from record.findings import Finding
from record.models import DossierRecord, Nomination
from record.outcome import NominationStatus, nomination_key
from record.vi_labels import DOCUMENT_LABELS, FIELD_LABELS, field_label
from validators._kinds import RULE_KINDS, CheckContext, Hit, RuleKind
from validators._rules import REGIMES, Regime, Rule
from validators._rules import load_rules as _load_rules

__all__ = [
    "DOCUMENT_LABELS",
    "FIELD_LABELS",
    "RULE_KINDS",
    "Rule",
    "RuleKind",
    "field_label",
    "load_rules",
    "nomination_status",
    "pick_regime",
    "validate",
]

_ND152_FROM = "2025-07-01"


def load_rules(path: Path | None = None) -> list[Rule]:
    """Load and validate the rule files (all of ``data/rules/`` by default); raises DataFileError."""
    return _load_rules(path)


@lru_cache(maxsize=1)
def _default_rules() -> tuple[Rule, ...]:
    return tuple(_load_rules())


def regime_of_date(date: str) -> Regime:
    """``LTDKT2022+ND152`` from 01/7/2025, else ``LTDKT2022+ND98``; ``2025`` counts as 2025-12-31."""
    full = date + ("-12-31" if len(date) == 4 else "-31" if len(date) == 7 else "")
    return "LTDKT2022+ND152" if full >= _ND152_FROM else "LTDKT2022+ND98"


def pick_regime(record: DossierRecord, nomination: Nomination | None = None) -> Regime:
    """The regime of a nomination (or of the whole record when ``nomination`` is None)."""
    for date in (
        record.submission.date if record.submission else None,
        record.council_vote.date if record.council_vote else None,
    ):
        if date:
            return regime_of_date(date)
    years = (
        [nomination.award.year]
        if nomination is not None
        else [n.award.year for n in record.nominations]
    )
    known = [y for y in years if y is not None]
    if known:
        return regime_of_date(str(max(known)))
    return REGIMES[-1]


def _applies(rule: Rule, nom: Nomination) -> bool:
    app = rule.applies_to
    if app.nominee_kinds and nom.nominee_kind not in app.nominee_kinds:
        return False
    if app.award_codes and nom.award.code not in app.award_codes:
        return False
    if app.award_kinds:
        row = award_catalogue().get(nom.award.code or "")
        if row is None or row["kind"] not in app.award_kinds:
            return False
    return True


def _has_filter(rule: Rule) -> bool:
    app = rule.applies_to
    return bool(app.nominee_kinds or app.award_codes or app.award_kinds)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "—"


def _finding(rule: Rule, hit: Hit, record: DossierRecord, nomination_id: str | None) -> Finding:
    values = _Blank(hit.values)
    values.setdefault("field", hit.field or "")
    label = field_label(hit.field) if hit.field else ""
    values.setdefault("label", label[:1].lower() + label[1:])  # mid-sentence in the message
    return Finding(
        check_id=rule.id,
        category=rule.category,
        severity=rule.severity,
        field=hit.field,
        message=rule.message_vi.format_map(values),
        legal_basis=rule.legal_basis,
        nomination_id=nomination_id,
        sha256=record.source.sha256,
    )


def validate(record: DossierRecord, *, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of every rule on ``record``: record-level ones first, then per nomination."""
    active = list(rules) if rules is not None else list(_default_rules())
    findings: list[Finding] = []
    record_regime = pick_regime(record)
    for rule in active:
        kind = RULE_KINDS[rule.kind]
        if kind.scope(rule.parsed_params) != "record" or record_regime not in rule.regimes:
            continue
        r = rule.for_regime(record_regime)
        if _has_filter(r) and not any(_applies(r, n) for n in record.nominations):
            continue
        for hit in kind.fn(CheckContext(record), r.parsed_params):
            if not hit.not_applicable:
                findings.append(_finding(r, hit, record, None))
    for i, nom in enumerate(record.nominations):
        regime = pick_regime(record, nom)
        nomination_id = nomination_key(record, i)
        for rule in active:
            kind = RULE_KINDS[rule.kind]
            if kind.scope(rule.parsed_params) != "nomination" or regime not in rule.regimes:
                continue
            r = rule.for_regime(regime)
            if not _applies(r, nom):
                continue
            for hit in kind.fn(CheckContext(record, nom), r.parsed_params):
                if not hit.not_applicable:
                    findings.append(_finding(r, hit, record, nomination_id))
    return findings


def nomination_status(findings: list[Finding]) -> NominationStatus:
    """``rejected`` / ``needs_review`` / ``clean`` by the policy in the module docstring."""
    if any(f.severity == "error" and f.category == "conformance" for f in findings):
        return "rejected"
    if any(f.severity in ("error", "warning") for f in findings):
        return "needs_review"
    return "clean"
