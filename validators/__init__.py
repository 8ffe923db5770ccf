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

from record.awards import award_catalogue
from record.findings import Check, Finding, Scope
from record.models import DossierRecord, Nomination
from record.outcome import NominationStatus, nomination_key
from record.vi_labels import DOCUMENT_LABELS, FIELD_LABELS, field_label
from validators._kinds import RULE_KINDS, CheckContext, Hit, RuleKind
from validators._proposed import not_proposed
from validators._rules import REGIMES, MessageValues, Regime, Rule
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
    "evaluate",
    "pick_regime",
    "rule_scope",
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


def _applies(rule: Rule, nom: Nomination, record: DossierRecord) -> bool:
    app = rule.applies_to
    if not app.not_proposed and not_proposed(record, nom):
        return False
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


def rule_scope(rule: Rule) -> Scope:
    """Where a rule runs: its declared ``scope``, else a record-wide kind needs the submission."""
    if rule.scope is not None:
        return rule.scope
    kind = RULE_KINDS.get(rule.kind)
    return "submission" if kind is not None and kind.scope(rule.parsed_params) == "record" else "nomination"


def _finding(rule: Rule, hit: Hit, record: DossierRecord, nomination_id: str | None, regime: Regime) -> Finding:
    values = MessageValues(hit.values)
    values.setdefault("field", hit.field or "")
    label = field_label(hit.field) if hit.field else ""
    values.setdefault("label", label[:1].lower() + label[1:])  # mid-sentence in the message
    return Finding(
        check_id=rule.id,
        category=rule.category,
        severity=hit.severity or rule.severity,
        field=hit.field,
        message=rule.message_vi.format_map(values),
        legal_basis=rule.legal_basis,
        nomination_id=nomination_id,
        sha256=record.source.sha256,
        scope=rule_scope(rule),
        regime=regime,
        confidence=rule.confidence,
    )


def evaluate(
    record: DossierRecord, *, rules: list[Rule] | None = None, scopes: tuple[Scope, ...] = ("nomination", "submission")
) -> tuple[list[Finding], list[Check]]:
    """Every finding of the record kinds' rules of ``scopes`` on ``record``, and every check that ran.

    Record-level findings come first, then each nomination's. A check is ``failed`` when it found
    something, ``not_applicable`` when the kind says its inputs do not exist for this nominee, else
    ``passed``; record-wide rules count as a check of every nomination they apply to.
    """
    active = [r for r in (rules if rules is not None else _default_rules())
              if r.kind in RULE_KINDS and rule_scope(r) in scopes]
    findings: list[Finding] = []
    checks: list[Check] = []
    ids = [nomination_key(record, i) for i in range(len(record.nominations))]
    record_regime = pick_regime(record)
    for rule in active:
        kind = RULE_KINDS[rule.kind]
        if kind.scope(rule.parsed_params) != "record" or record_regime not in rule.regimes:
            continue
        r = rule.for_regime(record_regime)
        targets = [i for i, n in enumerate(record.nominations) if _applies(r, n, record)]
        if _has_filter(r) and not targets:
            continue
        hits = [h for h in kind.fn(CheckContext(record), r.parsed_params) if not h.not_applicable]
        findings += [_finding(r, hit, record, None, record_regime) for hit in hits]
        outcome = "failed" if hits else "passed"
        checks += [Check(nomination_id=ids[i], check_id=r.id, scope=rule_scope(r), outcome=outcome) for i in targets]
    for i, nom in enumerate(record.nominations):
        regime = pick_regime(record, nom)
        for rule in active:
            kind = RULE_KINDS[rule.kind]
            if kind.scope(rule.parsed_params) != "nomination" or regime not in rule.regimes:
                continue
            r = rule.for_regime(regime)
            if not _applies(r, nom, record):
                continue
            hits = list(kind.fn(CheckContext(record, nom), r.parsed_params))
            real = [h for h in hits if not h.not_applicable]
            findings += [_finding(r, hit, record, ids[i], regime) for hit in real]
            outcome = "failed" if real else "not_applicable" if hits else "passed"
            checks.append(Check(nomination_id=ids[i], check_id=r.id, scope=rule_scope(r), outcome=outcome))
    return findings, checks


def validate(
    record: DossierRecord, *, rules: list[Rule] | None = None, scopes: tuple[Scope, ...] = ("nomination", "submission")
) -> list[Finding]:
    """Every finding of every rule on ``record`` (the file judged as a submission of its own by default)."""
    return evaluate(record, rules=rules, scopes=scopes)[0]


def nomination_status(findings: list[Finding]) -> NominationStatus:
    """``rejected`` / ``needs_review`` / ``clean`` by the policy in the module docstring."""
    if any(f.severity == "error" and f.category == "conformance" for f in findings):
        return "rejected"
    if any(f.severity in ("error", "warning") for f in findings):
        return "needs_review"
    return "clean"
