"""Reports: one self-contained Vietnamese HTML page per run, for the reviewers.

The page shows what each file gave (every extracted value with its page, source line and OCR
confidence, low confidence highlighted), every finding with its legal basis, and the warehouse's
data-quality checks. Everything passes through Jinja2 autoescaping: dossier text is untrusted.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined

from record.findings import Finding
from record.models import DossierRecord, Nomination, ProvenanceMap
from record.outcome import DEFAULT_NOMINATION_STATUS, FileOutcome, QualityResult, nomination_key
from record.vi_labels import DOCUMENT_LABELS, FIELD_LABELS
from reports._template import TEMPLATE

__all__ = ["LOW_CONFIDENCE", "write_run_report"]

LOW_CONFIDENCE = 0.8  # OCR confidence below this is highlighted for the reviewer

FILE_STATUS = {"landed": "Đã nạp", "skipped": "Bỏ qua (đã xử lý)", "quarantined": "Cách ly",
               "deferred": "Hoãn (thử lại lượt sau)", "ignored": "Không đọc (không phải tệp thường)"}
NOMINATION_STATUS = {"clean": "Đạt", "needs_review": "Cần xem xét", "rejected": "Không đạt"}
SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
GENDER = {"male": "Nam", "female": "Nữ"}

_PERSON = ["full_name", "birth_date", "gender", "ethnicity", "hometown", "residence", "position",
           "work_unit", "qualification", "is_leader"]
_UNIT = ["name", "address", "headcount", "head"]

_env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_template = _env.from_string(TEMPLATE)


def _show(value: Any) -> Any:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value in GENDER:
        return GENDER[value]
    return value


def _row(label: str, value: Any, prov: ProvenanceMap, *keys: str) -> dict[str, Any]:
    p = next((prov[k] for k in keys if k in prov), None)
    conf = p.confidence if p else None
    if value is None and p is not None and p.unread:
        # the label is on the page, the value could not be read: the reviewer must look, not assume a gap
        return {"label": label, "value": "(không đọc được – xem bản gốc)", "page": p.page, "line": p.line,
                "confidence": f"{conf:.2f}" if conf is not None else None, "low": True}
    return {
        "label": label,
        "value": _show(value),
        "page": p.page if p else None,
        "line": p.line if p else None,
        "confidence": f"{conf:.2f}" if conf is not None else None,
        "low": conf is not None and conf < LOW_CONFIDENCE,
    }


def _findings(findings: list[Finding]) -> list[dict[str, Any]]:
    order = {"error": 0, "warning": 1, "info": 2}
    return [
        {**f.model_dump(), "severity_label": SEVERITY[f.severity]}
        for f in sorted(findings, key=lambda f: order[f.severity])
    ]


def _nomination(record: DossierRecord, index: int, nom: Nomination, outcome: FileOutcome) -> dict[str, Any]:
    nid = nomination_key(record, index)
    prov = nom.provenance
    values = [
        _row(FIELD_LABELS["award.name"], nom.award.name, prov, "award.name"),
        _row(FIELD_LABELS["award.code"], nom.award.code, prov, "award.code"),
        _row(FIELD_LABELS["award.year"], nom.award.year, prov, "award.year"),
    ]
    part, names = (nom.person, _PERSON) if nom.nominee_kind == "individual" else (nom.unit, _UNIT)
    head = "person" if nom.nominee_kind == "individual" else "unit"
    for name in names:
        path = f"{head}.{name}"
        values.append(_row(FIELD_LABELS[path], getattr(part, name) if part else None, prov, path, name))
    ach = nom.achievements
    for name in ("period_from", "period_to"):
        path = f"achievements.{name}"
        values.append(_row(FIELD_LABELS[path], getattr(ach, name), prov, path))
    # which documents of the file name the nominee: a list-only nominee has no report here
    named = ", ".join(DOCUMENT_LABELS.get(k, k) for k in nom.named_in) or None
    values.append(_row(FIELD_LABELS["named_in"], named, prov))
    status = outcome.statuses.get(nid, DEFAULT_NOMINATION_STATUS)
    title = (nom.person.full_name if nom.person else None) or (nom.unit.name if nom.unit else None) or "(không rõ tên)"
    return {
        "nomination_id": nid,
        "title": f"{title} – {nom.award.name or nom.award.code or 'danh hiệu không rõ'}",
        "status": status,
        "status_label": NOMINATION_STATUS.get(status, status),
        "rows": values,
        "task_ratings": [f"{t.year}: {t.rating}" for t in ach.task_ratings],
        "innovations": [
            " · ".join(str(x) for x in (i.title, i.year, i.recognized_by) if x is not None) for i in ach.innovations
        ],
        "prior_awards": [
            (p.year, p.title, p.decision_number, p.decision_date, p.issuer) for p in nom.prior_awards
        ],
        "findings": _findings([f for f in outcome.findings if f.nomination_id == nid]),
    }


def _file(n: int, outcome: FileOutcome) -> dict[str, Any]:
    record = outcome.record
    out: dict[str, Any] = {
        "anchor": f"tep-{n}",
        "path": outcome.path,
        "sha256": outcome.sha256,
        "format": outcome.format or "—",
        "status": outcome.status,
        "status_label": FILE_STATUS[outcome.status],
        "seconds": f"{outcome.seconds:.1f}",
        "documents": [], "submission": None, "council": None, "nominations": [], "record_findings": [],
        "ocr_confidence": None, "ocr_low": False,
    }
    if outcome.status in ("quarantined", "deferred"):
        out["reason"] = f"{outcome.error_code or 'LỖI'}: {outcome.error or 'không rõ lý do'}"
    elif outcome.status == "ignored":
        out["reason"] = outcome.error or "không phải tệp thường"
    elif outcome.status == "skipped":
        out["reason"] = "Tệp đã được xử lý ở lượt trước (cùng mã SHA-256)"
    else:
        count = len(record.nominations) if record else 0
        out["reason"] = f"{count} đề nghị, {len(outcome.findings)} phát hiện"
    if record is None:
        return out
    if record.source.ocr_confidence is not None:
        out["ocr_confidence"] = f"{record.source.ocr_confidence:.2f}"
        out["ocr_low"] = record.source.ocr_confidence < LOW_CONFIDENCE
    out["documents"] = [
        {"label": DOCUMENT_LABELS[d.kind], "pages": ", ".join(str(p) for p in d.pages) or "—"}
        for d in record.documents
    ]
    sub = record.submission
    if sub is not None:
        out["submission"] = [
            _row(FIELD_LABELS[f"submission.{k}"], getattr(sub, k), sub.provenance, f"submission.{k}", k)
            for k in ("number", "date", "issuer", "recipient")
        ]
    cv = record.council_vote
    if cv is not None:
        out["council"] = {
            "rows": [
                _row(FIELD_LABELS[f"council_vote.{k}"], getattr(cv, k), cv.provenance, f"council_vote.{k}", k)
                for k in ("date", "members_total", "members_present")
            ],
            "results": [
                {k: ("—" if v is None else v) for k, v in r.model_dump().items()} for r in cv.results
            ],
        }
    out["record_findings"] = _findings([f for f in outcome.findings if f.nomination_id is None])
    out["nominations"] = [_nomination(record, i, nom, outcome) for i, nom in enumerate(record.nominations)]
    return out


def _safe_name(run_id: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "-", run_id).strip("-") or "run"


def write_run_report(
    out_dir: Path,
    *,
    run_id: str,
    started_at: datetime,
    outcomes: list[FileOutcome],
    quality: list[QualityResult],
) -> Path:
    """Write ``<out_dir>/bao-cao-<run_id>.html`` (UTF-8, ``lang="vi"``) and return its path."""
    counts = Counter(o.status for o in outcomes)
    by_status = Counter(s for o in outcomes if o.status == "landed" for s in o.statuses.values())
    summary = {
        "seen": len(outcomes),
        "landed": counts["landed"],
        "skipped": counts["skipped"],
        "quarantined": counts["quarantined"],
        "deferred": counts["deferred"],
        "ignored": counts["ignored"],
        "by_status": [(label, f"st-{key}", by_status[key]) for key, label in NOMINATION_STATUS.items()],
    }
    html = _template.render(
        run_id=run_id,
        started_at=started_at.strftime("%d/%m/%Y %H:%M"),
        generated_at=datetime.now(UTC).astimezone().strftime("%d/%m/%Y %H:%M"),
        summary=summary,
        files=[_file(n, o) for n, o in enumerate(outcomes, 1)],
        quality=[q.model_dump() for q in quality],
        quality_passed=sum(q.success for q in quality),
    ).lstrip()  # the macros above <!DOCTYPE> leave blank lines
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bao-cao-{_safe_name(run_id)}.html"
    path.write_text(html, encoding="utf-8")
    return path
