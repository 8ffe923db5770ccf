"""What a run's report shows, read from the warehouse through the run's own DuckDB connection.

The report reads what landed (after the submission stage has recomputed statuses), not the
in-memory records: what the reviewer reads is what analysts query. Files that never land (skipped,
deferred) come from the run's ``FileOutcome``s. Tables and columns that a newer schema adds
(``submissions.submission_id``, ``nomination_checks``, ``findings.scope`` ...) are used when the
warehouse has them and left out when it does not, so one report works on either schema.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from record.datafile import read_yaml
from record.normalize import fold
from record.outcome import FileOutcome
from reports import _labels as L

LOW_CONFIDENCE = 0.8  # a value read with less than this is marked for the reviewer to confirm
RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
NO_UNIT = "Chưa rõ đơn vị trình"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Value:
    field: str
    label: str
    value: str
    page: int | None = None
    line: str | None = None
    confidence: float | None = None
    source: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    unread: bool = False
    confirm: bool = False        # low confidence or unread: the reviewer ticks it after looking
    crop: str | None = None      # relative path of the crop PNG, filled by _crops
    sha256: str | None = None    # the file the value was read from (its crop is cut from that file)
    file: str | None = None      # that file as the reviewer knows it, shown when a nominee has several


@dataclass
class FindingRow:
    check_id: str
    severity: str
    severity_label: str
    category: str
    category_label: str
    field_label: str
    message: str
    legal_basis: str
    note: str | None = None      # the basis is unverified / inferred
    scope_label: str | None = None


@dataclass
class Check:
    check_id: str
    name: str
    outcome: str
    outcome_label: str


@dataclass
class NominationCard:
    nomination_id: str
    sha256: str
    kind: str
    name: str
    award_code: str | None
    award_name: str
    award_level: str
    award_level_label: str
    year: int | None
    status: str
    status_label: str
    unit: str
    position: str | None
    work_unit: str | None
    summary: str | None
    file_path: str
    submission_key: str
    values: list[Value] = field(default_factory=list)
    prior_awards: list[list[str]] = field(default_factory=list)
    task_ratings: list[str] = field(default_factory=list)
    innovations: list[str] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    checks_ran: bool = False
    vote: str | None = None
    vote_file: str | None = None  # the file whose minutes give the vote
    rows: list[str] = field(default_factory=list)   # the landed nominations rows the card gathers
    files: list[str] = field(default_factory=list)  # the files that name the nominee, as shown

    @property
    def worst(self) -> str:
        return min((f.severity for f in self.findings), key=lambda s: SEVERITY_ORDER.get(s, 9), default="")

    @property
    def groups(self) -> list[tuple[str, list[FindingRow]]]:
        out: dict[str, list[FindingRow]] = {}
        for f in sorted(self.findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.check_id)):
            out.setdefault(f.category_label, []).append(f)
        return list(out.items())

    @property
    def passed(self) -> list[Check]:
        return [c for c in self.checks if c.outcome == "passed"]

    @property
    def counted(self) -> list[Check]:
        return [c for c in self.checks if c.outcome != "not_applicable"]

    @property
    def needs_confirming(self) -> int:
        return sum(v.confirm for v in self.values)


@dataclass
class FileCard:
    anchor: str
    path: str
    sha256: str | None
    status: str
    status_label: str
    format_label: str
    pages: int | None = None
    ocr_confidence: float | None = None
    archive_href: str | None = None
    reason: str | None = None
    action: str | None = None
    detail: str | None = None
    seconds: float = 0.0
    documents: list[str] = field(default_factory=list)
    cover: list[Value] = field(default_factory=list)
    council: list[Value] = field(default_factory=list)
    votes: list[list[str]] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    nominations: int = 0
    earlier: bool = False  # landed in an earlier run; shown on its submission's card only


@dataclass
class SubmissionCard:
    key: str
    title: str
    unit: str
    number: str | None = None
    date: str | None = None
    regime: str | None = None
    files: list[FileCard] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    nominations: list[NominationCard] = field(default_factory=list)


@dataclass
class FairnessRow:
    scope: str
    indicator: str
    award_level: str
    numerator: float | None
    denominator: float | None
    value: float | None
    threshold: float | None
    status: str


@dataclass
class RunData:
    run_id: str
    files: list[FileCard]
    submissions: list[SubmissionCard]
    nominations: list[NominationCard]
    batch_findings: list[FindingRow]
    fairness: list[FairnessRow]

    def by(self, key: str) -> list[tuple[str, Counter[str]]]:
        """Nominations by ``unit`` or ``award_level_label``, each with its counts by status."""
        out: dict[str, Counter[str]] = {}
        for n in self.nominations:
            out.setdefault(getattr(n, key), Counter())[n.status] += 1
        return sorted(out.items(), key=lambda kv: (kv[0] == NO_UNIT, fold(kv[0])))


# --- reading helpers ------------------------------------------------------------------------------


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()
    return {r[0] for r in rows}


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _in(values: list[str]) -> str:
    return ", ".join("?" * len(values)) or "NULL"


@lru_cache(maxsize=1)
def rule_names() -> dict[str, str]:
    """Check id -> a short Vietnamese name, from the rule files (their ``name_vi``, else the message)."""
    out: dict[str, str] = {}
    for path in sorted(RULES_DIR.glob("*.yaml")):
        data = read_yaml(path) or {}
        for rule in data.get("rules", []) if isinstance(data, dict) else []:
            if not isinstance(rule, dict) or "id" not in rule:
                continue
            name = rule.get("name_vi") or rule.get("title_vi") or rule.get("message_vi") or rule["id"]
            name = re.sub(r"\s*\(\{[^}]*\}[^)]*\)", "", str(name))  # "({field})": the record path
            out[str(rule["id"])] = " ".join(re.sub(r"\{[^}]*\}", "…", name).split())
    return out


def _finding(row: dict[str, Any]) -> FindingRow:
    w = L.words()
    confidence = str(row.get("confidence") or "")
    note = None
    if confidence.startswith("unverified"):
        note = w.get("confidence_notes", "unverified")
    elif confidence.startswith("inferred"):
        note = w.get("confidence_notes", "inferred")
    scope = row.get("scope")
    return FindingRow(
        check_id=row["check_id"],
        severity=row["severity"],
        severity_label=w.get("severity", row["severity"]),
        category=row["category"],
        category_label=w.get("categories", row["category"]),
        field_label=L.path_label(row.get("field")),
        message=L.translate_paths(row.get("message")),
        legal_basis=row.get("legal_basis") or "",
        note=note,
        scope_label=w.get("scopes", scope) if scope else None,
    )


def _archive_href(archive: Path | None, reports_dir: Path, sha: str | None) -> str | None:
    if archive is None or not sha:
        return None
    target = Path(archive) / sha[:2] / sha
    return Path(os.path.relpath(target, reports_dir)).as_posix()


def _value(field_name: str, label: str, raw: Any, prov: dict[str, dict[str, Any]], *keys: str) -> Value:
    p = next((prov[k] for k in (field_name, *keys) if k in prov), None)
    shown = L.show_value(raw, field_name)
    conf = p.get("confidence") if p else None
    unread = bool(p and p.get("unread")) and raw is None
    box = None
    if p and p.get("bbox_x0") is not None:
        box = (p["bbox_x0"], p["bbox_y0"], p["bbox_x1"], p["bbox_y1"])
    if unread:
        shown = "(không đọc được – xem bản gốc)"
    return Value(
        field=field_name, label=label, value=shown, page=p.get("page") if p else None,
        line=p.get("line") if p else None, confidence=conf, source=p.get("source") if p else None, bbox=box,
        unread=unread, confirm=unread or (conf is not None and conf < LOW_CONFIDENCE and raw is not None),
    )


def _prov(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Provenance rows by owner (nomination id or sha256) then field."""
    cols = _columns(con, "provenance")
    extra = [c for c in ("unread", "bbox_x0", "bbox_y0", "bbox_x1", "bbox_y1") if c in cols]
    sel = ", ".join(["nomination_id", "sha256", "field", "page", "line", "confidence", "source", *extra])
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row in _dicts(con, f"SELECT {sel} FROM provenance WHERE {where}", params):
        owner = row["nomination_id"] or row["sha256"]
        out.setdefault(owner, {})[row["field"]] = row
    return out


_PERSON = ["full_name", "birth_date", "gender", "ethnicity", "hometown", "residence", "position",
           "work_unit", "qualification", "is_leader"]
_UNIT = ["name", "address", "headcount", "head"]


# --- the run ------------------------------------------------------------------------------------


def shown_path(path: str, inbox: Path | None) -> str:
    """A file as the reviewer knows it: relative to the inbox (its unit folder kept), never absolute."""
    p = Path(path)
    if inbox is not None:
        for root in (Path(inbox), Path(inbox).resolve()):
            try:
                return p.relative_to(root).as_posix()
            except ValueError:
                continue
    return p.name if p.is_absolute() else p.as_posix()


def run_scope(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[str, list[Any], str, str, str, bool]:
    """The run's nominations (``n``): its WHERE clause and parameters, the joins naming the
    submitting unit, the unit's and the submission key's SQL, and whether submissions are landed."""
    ncols = _columns(con, "nominations")
    scols = _columns(con, "submissions")
    new_submissions = "submission_id" in scols and "submission_id" in ncols

    # the run's nominations: landed in this run, or in a submission this run completed
    where = "n.run_id = ?"
    params: list[Any] = [run_id]
    if new_submissions and "last_run_id" in scols:
        where += " OR n.submission_id IN (SELECT submission_id FROM submissions WHERE last_run_id = ?)"
        params.append(run_id)
    # the submitting unit's name: the reference list's, else the submission's, else the cover letter's issuer
    names, joins = [], ""
    if "unit_key" in ncols and "name" in _columns(con, "units_ref"):
        joins += " LEFT JOIN units_ref r ON r.unit_key = n.unit_key"
        names.append("r.name")
    if new_submissions and "unit_name" in scols:
        joins += " LEFT JOIN submissions s ON s.submission_id = n.submission_id"
        names.append("s.unit_name")
    unit_sql = f"coalesce({', '.join([*names, 'n.submitting_unit'])})"
    sub_sql = "n.submission_id" if new_submissions else "n.sha256"
    return f"({where}){_current_only(con)}", params, joins, unit_sql, sub_sql, new_submissions


def gather(con: duckdb.DuckDBPyConnection, *, run_id: str, outcomes: list[FileOutcome], reports_dir: Path,
           archive: Path | None, inbox: Path | None = None, nominees: list[str] | None = None) -> RunData:
    """Everything the report, the workbook and the charts show for ``run_id``.

    ``nominees``: only these canonical nominees' cards (a page of a big night's report, issue 9: the
    process holds one page, not the night); ``outcomes`` should then be their files'.
    """
    w = L.words()
    where, params, joins, unit_sql, sub_sql, new_submissions = run_scope(con, run_id)
    if nominees is not None:
        where += f" AND coalesce(n.canonical_id, n.nomination_id) IN ({_in(nominees)})"
        params = [*params, *nominees]
    noms = _dicts(con, f"""
        SELECT n.*, {unit_sql} AS unit_label, {sub_sql} AS submission_key,
               p.full_name, p.birth_date, p.gender, p.ethnicity, p.hometown, p.residence, p.position,
               p.work_unit, p.qualification, p.is_leader,
               u.name AS unit_name_, u.address, u.headcount, u.head
        FROM nominations n {joins}
        LEFT JOIN persons p ON p.nomination_id = n.nomination_id
        LEFT JOIN units u ON u.nomination_id = n.nomination_id
        WHERE {where}
        ORDER BY unit_label NULLS LAST, n.file_path, n.seq""", params)
    ids = [r["nomination_id"] for r in noms]
    shas = sorted({r["sha256"] for r in noms} | {o.sha256 for o in outcomes if o.sha256})

    prov = _prov(con, f"nomination_id IN ({_in(ids)})", ids) if ids else {}
    file_prov = _prov(con, f"nomination_id IS NULL AND sha256 IN ({_in(shas)})", shas) if shas else {}
    nom_findings: dict[str, list[FindingRow]] = {}
    if ids:
        for row in _dicts(con, f"SELECT * FROM findings WHERE nomination_id IN ({_in(ids)})", ids):
            nom_findings.setdefault(row["nomination_id"], []).append(_finding(row))
    file_findings: dict[str, list[FindingRow]] = {}
    sub_findings: dict[str, list[FindingRow]] = {}
    batch: list[FindingRow] = []
    # the batch's findings are replaced whenever the stage judges: those in the table are the current ones
    batch_now = " OR scope IN ('batch', 'history')" if "scope" in _columns(con, "findings") else ""
    # a page's files only: the run's other files' findings belong to other pages
    this_run = "run_id = ?" if nominees is None else "run_id = ? AND sha256 IS NULL"
    loose = _dicts(con, f"SELECT * FROM findings WHERE nomination_id IS NULL AND (sha256 IN ({_in(shas)}) "
                        f"OR {this_run}{batch_now})", [*shas, run_id])
    for row in loose:
        scope = row.get("scope") or "file"
        if scope == "submission" and row.get("submission_id"):
            sub_findings.setdefault(row["submission_id"], []).append(_finding(row))
        elif scope in ("batch", "history") or not row.get("sha256"):
            if row.get("run_id") == run_id:
                batch.append(_finding(row))
        elif row.get("sha256") in shas:
            file_findings.setdefault(row["sha256"], []).append(_finding(row))

    checks: dict[str, list[Check]] = {}
    has_checks = "check_id" in _columns(con, "nomination_checks")
    if has_checks and ids:
        names = rule_names()
        for row in _dicts(con, f"SELECT nomination_id, check_id, outcome FROM nomination_checks "
                               f"WHERE nomination_id IN ({_in(ids)}) ORDER BY check_id", ids):
            checks.setdefault(row["nomination_id"], []).append(Check(
                row["check_id"], names.get(row["check_id"], row["check_id"]), row["outcome"],
                w.get("check_outcomes", row["outcome"])))

    extras = _nomination_lists(con, ids)
    votes = _votes(con, shas)

    rows: list[tuple[str, NominationCard]] = []  # (the nominee's canonical id, the row's card)
    for r in noms:
        nid = r["nomination_id"]
        kind = r["nominee_kind"]
        p = prov.get(nid, {})
        values = [
            _value("award.name", L.path_label("award.name"), r["award_name"], p, "award.code"),
            _value("award.year", L.path_label("award.year"), r["award_year"], p),
        ]
        names_ = _PERSON if kind == "individual" else _UNIT
        head = "person" if kind == "individual" else "unit"
        for name in names_:
            raw = r["unit_name_"] if (head, name) == ("unit", "name") else r.get(name)
            values.append(_value(f"{head}.{name}", L.path_label(f"{head}.{name}"), raw, p, name))
        for name in ("period_from", "period_to"):
            values.append(_value(f"achievements.{name}", L.path_label(f"achievements.{name}"), r.get(name), p))
        named = r.get("named_in") or []
        values.append(Value(field="named_in", label=L.path_label("named_in"),
                            value=", ".join(L.document_label(k) for k in named)))
        nom_name = (r.get("full_name") if kind == "individual" else r.get("unit_name_")) or "(không rõ tên)"
        level = L.award_level(r["award_code"])
        ex = extras.get(nid, {})
        shown = shown_path(r.get("file_path") or "", inbox)
        for v in values:
            v.sha256, v.file = r["sha256"], shown
        rows.append((r.get("canonical_id") or nid, NominationCard(
            nomination_id=nid, sha256=r["sha256"], kind=kind, name=nom_name, award_code=r["award_code"],
            award_name=L.award_name(r["award_code"], r["award_name"]), award_level=level,
            award_level_label=w.get("award_levels", level), year=r["award_year"], status=r["status"],
            status_label=w.get("nomination_status", r["status"]), unit=r["unit_label"] or NO_UNIT,
            position=r.get("position"), work_unit=r.get("work_unit") if kind == "individual" else r.get("address"),
            summary=r.get("summary"), file_path=shown, submission_key=r["submission_key"] or r["sha256"],
            values=values, prior_awards=ex.get("prior_awards", []), task_ratings=ex.get("task_ratings", []),
            innovations=ex.get("innovations", []), findings=nom_findings.get(nid, []), checks=checks.get(nid, []),
            checks_ran=has_checks, vote=_vote_for(votes, r, nom_name), rows=[nid], files=[shown],
        )))
        rows[-1][1].vote_file = shown if rows[-1][1].vote else None

    cards = _one_per_nominee(rows)
    files = _files(con, outcomes, reports_dir, archive, file_prov, file_findings, votes, [c for _, c in rows], inbox)
    submissions = _submissions(con, cards, files, sub_findings, new_submissions)
    return RunData(run_id=run_id, files=files, submissions=submissions, nominations=cards, batch_findings=batch,
                   fairness=_fairness(con, run_id))


STATUS_ORDER = {"rejected": 0, "needs_review": 1, "clean": 2}
_OUTCOME_ORDER = {"failed": 0, "passed": 1, "not_applicable": 2}


def _one_per_nominee(rows: list[tuple[str, NominationCard]]) -> list[NominationCard]:
    """One card per nominee: the rows a submission's files land for one person or collective (the
    cover letter's list, the minutes' vote table, the nominee's own report) share a canonical id
    (validators/stage/_merge.py); shown once, a reviewer neither counts them twice nor reads half.

    The canonical row (the report) leads; what it lacks the other rows fill, each value keeping the
    provenance (file, page, crop) of the row it came from. Findings of every row, each once; the
    status the worst of the rows'; a check failed on any row is failed.
    """
    groups: dict[str, list[NominationCard]] = {}
    for canon, card in rows:
        groups.setdefault(canon, []).append(card)
    out: list[NominationCard] = []
    for canon, cards in groups.items():
        if len(cards) == 1:
            out.append(cards[0])
            continue
        cards.sort(key=lambda c: c.nomination_id != canon)  # the canonical row first, then landing order
        lead = cards[0]
        merged = NominationCard(**{**lead.__dict__, "nomination_id": canon, "values": [], "findings": [],
                                   "checks": [], "rows": [], "files": []})
        for name in ("award_code", "year", "position", "work_unit", "summary"):
            if getattr(merged, name) is None:
                setattr(merged, name, next((getattr(c, name) for c in cards if getattr(c, name)), None))
        voted = next((c for c in cards if c.vote), None)  # the minutes' file: the vote and where it is
        merged.vote, merged.vote_file = (voted.vote, voted.vote_file) if voted else (None, None)
        if merged.name == "(không rõ tên)":
            merged.name = next((c.name for c in cards if c.name != "(không rõ tên)"), merged.name)
        if merged.award_code != lead.award_code:  # the lead named no award: the list's award, with its labels
            donor = next(c for c in cards if c.award_code == merged.award_code)
            for name in ("award_name", "award_level", "award_level_label"):
                setattr(merged, name, getattr(donor, name))
        for name in ("prior_awards", "task_ratings", "innovations"):
            setattr(merged, name, next((getattr(c, name) for c in cards if getattr(c, name)), []))
        merged.values = _merged_values(cards)
        seen: set[tuple[str, str, str, str | None]] = set()
        checks: dict[str, Check] = {}
        for c in cards:
            merged.rows += c.rows
            merged.files += [f for f in c.files if f not in merged.files]
            for f in c.findings:
                key = (f.check_id, f.field_label, f.message, f.scope_label)
                if key not in seen:
                    seen.add(key)
                    merged.findings.append(f)
            for k in c.checks:
                have = checks.get(k.check_id)
                if have is None or _OUTCOME_ORDER.get(k.outcome, 9) < _OUTCOME_ORDER.get(have.outcome, 9):
                    checks[k.check_id] = k
            if STATUS_ORDER.get(c.status, 9) < STATUS_ORDER.get(merged.status, 9):
                merged.status, merged.status_label = c.status, c.status_label
        merged.checks = sorted(checks.values(), key=lambda k: k.check_id)
        merged.checks_ran = any(c.checks_ran for c in cards)
        out.append(merged)
    return out


def _merged_values(cards: list[NominationCard]) -> list[Value]:
    """Field by field, the first row that read the value with its source line (the lead first), else
    the first that read it at all; the documents that name the nominee, from every row."""
    fields: dict[str, list[Value]] = {}
    for c in cards:
        for v in c.values:
            fields.setdefault(v.field, []).append(v)
    out: list[Value] = []
    for name, candidates in fields.items():
        if name == "named_in":
            kinds = [k.strip() for v in candidates for k in v.value.split(",") if k.strip()]
            out.append(Value(field=name, label=candidates[0].label, value=", ".join(dict.fromkeys(kinds))))
            continue
        read = [v for v in candidates if v.value and not v.unread]
        out.append(next((v for v in read if v.page or v.line), None) or next(iter(read), None)
                   or next((v for v in candidates if v.unread), candidates[0]))
    return out


def _nomination_lists(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = {}
    if not ids:
        return out
    for r in _dicts(con, f"SELECT * FROM prior_awards WHERE nomination_id IN ({_in(ids)}) ORDER BY seq", ids):
        out.setdefault(r["nomination_id"], {}).setdefault("prior_awards", []).append([
            L.show_value(r["year"]), r["title"] or L.award_name(r["code"]), r["decision_number"] or "",
            L.vi_date(r["decision_date"]) if r["decision_date"] else "", r["issuer"] or "",
        ])
    ratings = L.words().raw.get("ratings", {})
    for r in _dicts(con, f"SELECT * FROM task_ratings WHERE nomination_id IN ({_in(ids)}) ORDER BY year", ids):
        out.setdefault(r["nomination_id"], {}).setdefault("task_ratings", []).append(
            f"{r['year']}: {ratings.get(r['rating'], r['rating'])}")
    for r in _dicts(con, f"SELECT * FROM innovations WHERE nomination_id IN ({_in(ids)}) ORDER BY seq", ids):
        text = " · ".join(str(x) for x in (r["title"], r["year"], r["recognized_by"]) if x is not None)
        out.setdefault(r["nomination_id"], {}).setdefault("innovations", []).append(text)
    return out


def _votes(con: duckdb.DuckDBPyConnection, shas: list[str]) -> dict[str, dict[str, Any]]:
    """Per file: the council's size and its vote rows (nominee, award, votes for)."""
    out: dict[str, dict[str, Any]] = {}
    if not shas:
        return out
    for r in _dicts(con, f"SELECT * FROM council_meta WHERE sha256 IN ({_in(shas)})", shas):
        out.setdefault(r["sha256"], {"rows": []})["meta"] = r
    for r in _dicts(con, f"SELECT * FROM council_votes WHERE sha256 IN ({_in(shas)}) ORDER BY seq", shas):
        out.setdefault(r["sha256"], {"rows": []})["rows"].append(r)
    return out


def _vote_for(votes: dict[str, dict[str, Any]], nom: dict[str, Any], name: str) -> str | None:
    """The nominee's vote as the council list writes it: ``18/20 (90%)`` of the whole council."""
    entry = votes.get(nom["sha256"])
    if not entry:
        return None
    key = fold(name)
    for row in entry["rows"]:
        if row.get("nominee") and fold(row["nominee"]) == key and row.get("votes_for") is not None:
            total = (entry.get("meta") or {}).get("members_total") or row.get("votes_total")
            if total:
                return f"{row['votes_for']}/{total} ({100 * row['votes_for'] / total:.0f}%)"
            return str(row["votes_for"])
    return None


def _files(con: duckdb.DuckDBPyConnection, outcomes: list[FileOutcome], reports_dir: Path, archive: Path | None,
           prov: dict[str, dict[str, dict[str, Any]]], findings: dict[str, list[FindingRow]],
           votes: dict[str, dict[str, Any]], cards: list[NominationCard], inbox: Path | None) -> list[FileCard]:
    w = L.words()
    # files of a submission this run completed that landed in an earlier run: on its card, not in the run's list
    earlier = sorted({c.sha256 for c in cards} - {o.sha256 for o in outcomes if o.sha256})
    shas = [o.sha256 for o in outcomes if o.sha256] + earlier
    landed = {r["sha256"]: r for r in _dicts(con, f"SELECT * FROM ingested_files WHERE sha256 IN ({_in(shas)})",
                                             shas)} if shas else {}
    docs: dict[str, list[str]] = {}
    covers: dict[str, dict[str, Any]] = {}
    if shas:
        for r in _dicts(con, f"SELECT * FROM documents WHERE sha256 IN ({_in(shas)}) ORDER BY seq", shas):
            pages = f"trang {r['page_from']}" if r["page_from"] == r["page_to"] else f"trang {r['page_from']}–{r['page_to']}"
            docs.setdefault(r["sha256"], []).append(
                L.document_label(r["kind"]) + (f" ({pages})" if r["page_from"] else ""))
        table = "cover_letters" if "issuer" in _columns(con, "cover_letters") else "submissions"
        if "issuer" in _columns(con, table):
            for r in _dicts(con, f"SELECT * FROM {table} WHERE sha256 IN ({_in(shas)})", shas):
                covers[r["sha256"]] = r
    per_file = Counter(c.sha256 for c in cards)
    out: list[FileCard] = []
    before = [FileOutcome(path=landed[s]["path"], sha256=s, format=landed[s]["format"], status="landed")
              for s in earlier if s in landed]
    for n, o in enumerate([*outcomes, *before], 1):
        row = landed.get(o.sha256 or "", {})
        status = o.status
        fmt = row.get("format") or o.format
        card = FileCard(
            anchor=f"tep-{n}", path=shown_path(o.path, inbox), sha256=o.sha256, status=status,
            status_label=w.get("file_status", status), format_label=w.get("formats", fmt, "—") if fmt else "—",
            pages=row.get("pages"), ocr_confidence=row.get("ocr_confidence"),
            archive_href=_archive_href(archive, reports_dir, o.sha256) if status not in ("deferred", "ignored") else None,
            seconds=o.seconds, nominations=per_file.get(o.sha256 or "", 0),
        )
        if status in ("quarantined", "deferred", "ignored"):
            code = row.get("error_code") or o.error_code or ("IGNORED" if status == "ignored" else None)
            card.reason, card.action = L.advice(code)
            detail = o.error or row.get("error") or ""
            if inbox is not None:  # an error message may name the file by its full path
                detail = detail.replace(f"{Path(inbox).resolve()}/", "").replace(f"{inbox}/", "")
            card.detail = f"{detail} [{code or '—'}]"
        sha = o.sha256 or ""
        card.documents = docs.get(sha, [])
        p = prov.get(sha, {})
        cover = covers.get(sha)
        if cover is not None:
            card.cover = [_value(f"submission.{k}", L.path_label(f"submission.{k}"), cover.get(k), p)
                          for k in ("number", "date", "issuer", "recipient")]
        v = votes.get(sha)
        if v is not None and v.get("meta"):
            m = v["meta"]
            card.council = [_value(f"council_vote.{k}", L.path_label(f"council_vote.{k}"), m.get(k), p)
                            for k in ("date", "members_total", "members_present")]
        if v is not None:
            card.votes = [[r.get("nominee") or "—", L.award_name(r.get("award_code")) if r.get("award_code") else "—",
                           L.show_value(r.get("votes_for")) or "—", L.show_value(r.get("votes_total")) or "—"]
                          for r in v["rows"]]
        card.findings = findings.get(sha, [])
        if n > len(outcomes):
            card.earlier = True
            card.status_label = "Đã nạp ở lượt trước"
        out.append(card)
    return out


def _submissions(con: duckdb.DuckDBPyConnection, cards: list[NominationCard], files: list[FileCard],
                 findings: dict[str, list[FindingRow]], new_schema: bool) -> list[SubmissionCard]:
    """One card per submission (the lead's ``submissions`` rows), else one per landed file."""
    by_sha = {f.sha256: f for f in files if f.sha256}
    subs: dict[str, SubmissionCard] = {}
    if new_schema:
        keys = sorted({c.submission_key for c in cards})
        rows = _dicts(con, f"SELECT * FROM submissions WHERE submission_id IN ({_in(keys)})", keys) if keys else []
        members = _dicts(con, f"SELECT * FROM submission_files WHERE submission_id IN ({_in(keys)})", keys) \
            if keys and _columns(con, "submission_files") else []
        for r in rows:
            sc = SubmissionCard(key=r["submission_id"], title=r.get("folder") or r.get("number") or r["submission_id"],
                                unit=r.get("unit_name") or NO_UNIT, number=r.get("number"),
                                date=L.vi_date(r.get("date")) if r.get("date") else None, regime=r.get("regime"),
                                findings=findings.get(r["submission_id"], []))
            sc.files = [by_sha[m["sha256"]] for m in members if m["submission_id"] == r["submission_id"]
                        and m["sha256"] in by_sha]
            subs[sc.key] = sc
    for c in cards:
        if c.submission_key not in subs:
            f = by_sha.get(c.sha256)
            subs[c.submission_key] = SubmissionCard(key=c.submission_key, title=Path(c.file_path).name or c.sha256,
                                                    unit=c.unit, files=[f] if f else [])
        subs[c.submission_key].nominations.append(c)
    for f in files:  # a landed file with no nomination (a cover letter alone) still gets its card
        if f.status == "landed" and f.sha256 and not any(f in s.files for s in subs.values()):
            subs[f.sha256] = SubmissionCard(key=f.sha256, title=Path(f.path).name, unit=NO_UNIT, files=[f])
    return sorted(subs.values(), key=lambda s: (s.unit == NO_UNIT, s.unit, s.title))


def _current_only(con: duckdb.DuckDBPyConnection) -> str:
    """Leave out the rows of a file a corrected version under the same path superseded (history)."""
    if "superseded_by" not in _columns(con, "ingested_files"):
        return ""
    return " AND n.sha256 NOT IN (SELECT sha256 FROM ingested_files WHERE superseded_by IS NOT NULL)"


def _fairness(con: duckdb.DuckDBPyConnection, run_id: str) -> list[FairnessRow]:
    """The run's indicators, else the latest run's that computed them (a night that changed nothing
    leaves the batch's shares as they were)."""
    cols = _columns(con, "fairness")
    if not cols:
        return []
    level = "award_level" if "award_level" in cols else "'all'"
    latest = con.execute("""SELECT f.run_id FROM fairness f LEFT JOIN runs r USING (run_id)
                            ORDER BY (f.run_id = ?) DESC, r.started_at DESC NULLS LAST LIMIT 1""", [run_id]).fetchone()
    if latest is None:
        return []
    rows = _dicts(con, f"SELECT scope, indicator, {level} AS award_level, numerator, denominator, value, threshold, "
                       "status FROM fairness WHERE run_id = ? ORDER BY indicator, scope", [latest[0]])
    return [FairnessRow(scope=r["scope"], indicator=r["indicator"], award_level=r["award_level"] or "all",
                        numerator=r["numerator"], denominator=r["denominator"], value=r["value"],
                        threshold=r["threshold"], status=r["status"]) for r in rows]
