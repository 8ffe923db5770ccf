"""The stage after landing: submissions, the batch and the history, judged over the warehouse.

A file is judged alone in the worker, on its nominees' own values (rules of scope ``nomination``).
What needs more than one file runs here, after landing, over what the warehouse holds, so a file that
arrives a night late completes its submission on that night and earlier runs are the history:

1. **Group** the landed files into submissions (``_group``): a folder of the inbox, else the cover
   letter the files cite or whose list names their nominee, else the file alone.
2. **Judge each changed submission** on its merged record (``_merge``): the rules of scope
   ``submission`` (completeness across files, votes, consistency, authority, timeliness). A
   submission's earlier findings are replaced, never piled up; a submission whose files and rules
   are unchanged since it was last judged is not judged again.
3. **Judge the batch and the history** (rules of scope ``batch`` / ``history``: duplicates, fairness
   against the office's policy, quotas) and land the fairness indicators of the run.
4. **Settle statuses**: a nominee's status follows the findings of every scope on every file row
   that names it.

The stage only reads the warehouse: it returns a ``record.judgement.Judgement`` that landing writes
in one transaction (``Warehouse.record_judgement``), so a failure leaves the warehouse as the landing
left it, and the next run judges again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

import validators
from record.awards import award_catalogue, award_levels
from record.errors import TdktError
from record.findings import Finding
from record.judgement import CheckRow, Judgement, SubmissionVerdict, UnitRow
from record.models import DossierRecord
from record.normalize import fold
from record.units import reference, unit_key
from validators._rules import MessageValues, Rule
from validators.stage._fairness import FairnessPolicy, indicators, load_policy
from validators.stage._group import FileFacts, Group, folder_of, group_files
from validators.stage._kinds import STAGE_KINDS, StageContext, StageHit
from validators.stage._merge import merge_submission, name_key

__all__ = ["StageError", "fingerprint", "judge", "unchanged"]

_LISTS = ("to_trinh", "danh_sach", "bien_ban")
_REPORTS = ("bao_cao_ca_nhan", "bao_cao_tap_the")


class StageError(TdktError):
    """The stage after landing could not judge the submissions; the landed files stay as they are."""

    code = "STAGE"
    exit_code = 1


# --- reading the warehouse ---------------------------------------------------------------------------


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])
    return {r[0] for r in rows.fetchall()}


def _current(con: duckdb.DuckDBPyConnection) -> str:
    """The SQL condition for files that count: landed, and not replaced by a corrected version."""
    cond = "f.status = 'ok'"
    if "superseded_by" in _columns(con, "ingested_files"):
        cond += " AND f.superseded_by IS NULL"
    return cond


def _facts(con: duckdb.DuckDBPyConnection) -> list[FileFacts]:
    files = con.execute(f"SELECT f.sha256, f.path FROM ingested_files f WHERE {_current(con)}").fetchall()
    covers = {r[0]: r[1:] for r in con.execute(
        "SELECT sha256, number, date, issuer FROM cover_letters").fetchall()}
    cites: dict[str, set[str]] = {}
    for sha, numbers in con.execute("SELECT sha256, cites FROM documents WHERE cites IS NOT NULL").fetchall():
        cites.setdefault(sha, set()).update(n.casefold() for n in numbers)
    named: dict[str, tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]] = {}
    for sha, name, code, named_in in con.execute(
        """SELECT n.sha256, coalesce(p.full_name, u.name), n.award_code, n.named_in FROM nominations n
           LEFT JOIN persons p USING (nomination_id) LEFT JOIN units u USING (nomination_id)""").fetchall():
        listed, reported = named.setdefault(sha, ([], []))
        key = (name_key(name), code)
        kinds = set(named_in or ())
        if kinds & set(_LISTS):
            listed.append(key)
        if kinds & set(_REPORTS):
            reported.append(key)
    out = []
    for sha, path in files:
        number, date, issuer = covers.get(sha, (None, None, None))
        listed, reported = named.get(sha, ([], []))
        out.append(FileFacts(sha, path, number, date, issuer, frozenset(cites.get(sha, ())),
                             tuple(listed), tuple(reported)))
    return out


def _records(con: duckdb.DuckDBPyConnection, shas: Sequence[str]) -> dict[str, DossierRecord]:
    """The records of ``shas`` in one query (a query per submission scanned the table each time)."""
    rows = con.execute("SELECT sha256, record FROM records WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))",
                       [list(shas)]).fetchall()
    return {sha: DossierRecord.model_validate(json.loads(text)) for sha, text in rows}


RECORDS_AT_ONCE = 400  # files whose records are read together: memory stays flat on a 10,000-file night


# --- the steps -----------------------------------------------------------------------------------------


_DATA = Path(__file__).resolve().parents[2] / "data"


def fingerprint(rules: Sequence[Rule]) -> str:
    """The rules and the reference data and policies they read: a fix to any re-judges every submission."""
    text = json.dumps([r.model_dump(mode="json", exclude={"parsed_params"}) for r in rules], sort_keys=True,
                      ensure_ascii=False)
    digest = hashlib.sha256(text.encode())
    for path in sorted([*(_DATA / "reference").glob("*"), *(_DATA / "policy").glob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _signature(group: Group, rules_print: str) -> str:
    shas = ",".join(sorted(f.sha256 for f in group.files))
    return hashlib.sha256(f"{rules_print}|{shas}".encode()).hexdigest()[:24]


def _unit_of(group: Group) -> tuple[str | None, str | None]:
    """(unit name, unit key): the cover letter's issuer, else the folder's name; never a nominee."""
    cover = group.cover
    if cover and cover.issuer:
        return cover.issuer, unit_key(cover.issuer)
    if group.folder:
        name = group.folder.rsplit("/", 1)[-1].replace("_", " ")
        return name, unit_key(name)
    return None, None


def _label(group: Group, unit: str | None) -> str:
    cover = group.cover
    if cover and cover.cover_number:
        date = _vn_date(cover.cover_date)
        return f"tờ trình số {cover.cover_number}" + (f" ngày {date}" if date else "") + (f" của {unit}" if unit else "")
    if group.folder:
        return f"bộ hồ sơ thư mục {group.folder}"
    return f"tệp {Path(group.files[0].path).name}"


def _vn_date(iso: str | None) -> str | None:
    if not iso:
        return None
    parts = iso.split("-")
    return "/".join(reversed(parts))


def _judge_submission(group: Group, records: list[DossierRecord], rules: list[Rule], signature: str
                      ) -> SubmissionVerdict:
    """The submission's merged record judged by the rules of scope ``submission``."""
    unit, key = _unit_of(group)
    merged, joined = merge_submission(records)
    if merged.submission is not None and unit and not merged.submission.issuer:
        merged.submission.issuer = unit
    findings, checks = validators.evaluate(merged, rules=rules, scopes=("submission",))
    sha_of = {f.sha256[:16]: f.sha256 for f in group.files}

    def file_of(nomination_id: str | None) -> str:
        return sha_of.get((nomination_id or "").rsplit("-", 1)[0], merged.source.sha256)

    cover = group.cover
    return SubmissionVerdict(
        submission_id=group.submission_id, unit_key=key, unit_name=unit, folder=group.folder,
        number=cover.cover_number if cover else None, date=cover.cover_date if cover else None,
        regime=validators.pick_regime(merged), files=[(f.sha256, group.linked_by[f.sha256]) for f in group.files],
        nominees=len(joined), signature=signature,
        findings=[f.model_copy(update={"submission_id": group.submission_id,
                                       "sha256": file_of(f.nomination_id) if f.nomination_id else f.sha256})
                  for f in findings],
        checks=[CheckRow(c.nomination_id, file_of(c.nomination_id), c.check_id, c.outcome) for c in checks],
        canonical={row: j.nomination.nomination_id or row for j in joined for row in j.rows},
    )


def _nominees(con: duckdb.DuckDBPyConnection, labels: dict[str, str], judged: list[SubmissionVerdict]
              ) -> list[dict[str, Any]]:
    """The current nominees, one per canonical id, with what the batch rules and fairness need (this
    run's verdicts over what the warehouse holds: submission, unit and canonical id of each row)."""
    verdict_of = {row: v for v in judged for row in v.canonical}
    rows = con.execute(f"""
        SELECT n.nomination_id, coalesce(n.canonical_id, n.nomination_id) AS canonical_id, n.sha256,
               n.submission_id, n.unit_key, n.submitting_unit, n.nominee_kind, n.award_code, n.award_name,
               n.award_year, n.run_id, f.first_seen_at AS landed_at, p.full_name, p.gender, p.birth_date,
               p.ethnicity, p.position, p.work_unit, u.name AS nominee_unit, u.address, u.headcount, n.named_in
        FROM nominations n JOIN ingested_files f USING (sha256)
        LEFT JOIN persons p USING (nomination_id) LEFT JOIN units u USING (nomination_id)
        WHERE {_current(con)} ORDER BY canonical_id, n.nomination_id""").fetchall()
    cols = ["nomination_id", "canonical_id", "sha256", "submission_id", "unit_key", "submitting_unit",
            "nominee_kind", "award_code", "award_name", "award_year", "run_id", "landed_at", "full_name", "gender",
            "birth_date", "ethnicity", "position", "work_unit", "nominee_unit", "address", "headcount", "named_in"]
    out: dict[str, dict[str, Any]] = {}
    named: dict[str, set[str]] = {}  # canonical id -> every document of every row that names it
    for row in rows:
        rec = dict(zip(cols, row, strict=True))
        verdict = verdict_of.get(rec["nomination_id"])
        if verdict is not None:
            rec.update(canonical_id=verdict.canonical[rec["nomination_id"]], submission_id=verdict.submission_id,
                       unit_key=verdict.unit_key, submitting_unit=verdict.unit_name or rec["submitting_unit"])
        named.setdefault(rec["canonical_id"], set()).update(rec.pop("named_in") or ())
        have = out.get(rec["canonical_id"])
        if have is None or rec["nomination_id"] == rec["canonical_id"]:
            if have is not None:  # the canonical row leads; what it lacks the others fill
                rec = {k: (v if v is not None else have[k]) for k, v in rec.items()}
            out[rec["canonical_id"]] = rec
        else:
            for k, v in rec.items():
                if have[k] is None:
                    have[k] = v
    # a candidate only the minutes name, in a submission whose lists propose others, is no nominee
    # (validators._proposed): neither a duplicate nor a share of the batch
    listing = {n["submission_id"] for cid, n in out.items() if named[cid] & {"to_trinh", "danh_sach"}}
    out = {cid: n for cid, n in out.items() if not (named[cid] == {"bien_ban"} and n["submission_id"] in listing)}
    catalogue, levels = award_catalogue(), award_levels()
    for n in out.values():
        n["name"] = n["full_name"] or n["nominee_unit"]
        n["name_key"] = name_key(n["name"])
        n["award_kind"] = (catalogue.get(n["award_code"] or "") or {}).get("kind")
        n["award_level"] = levels.get(n["award_code"] or "")
        n["award_label"] = n["award_name"] or n["award_code"] or "—"
        n["submission_label"] = labels.get(n["submission_id"] or "", "hồ sơ khác")
    return list(out.values())


def _season(nominees: list[dict[str, Any]], run_id: str) -> list[dict[str, Any]]:
    """The batch the shares are counted over: the nominees of this run's season (the award year most
    of this run's nominees are for; else the latest year), not every season the warehouse holds."""
    from collections import Counter

    years = Counter(n["award_year"] for n in nominees if n["run_id"] == run_id and n["award_year"])
    if not years:
        years = Counter(n["award_year"] for n in nominees if n["award_year"])
    if not years:
        return nominees
    year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return [n for n in nominees if n["award_year"] == year]


def _innovations(con: duckdb.DuckDBPyConnection, canonical: dict[str, str]) -> list[dict[str, Any]]:
    rows = con.execute("SELECT nomination_id, title, year FROM innovations WHERE title IS NOT NULL").fetchall()
    return [{"canonical_id": canonical.get(n, n), "title": t, "title_key": " ".join(fold(t).split()), "year": y}
            for n, t, y in rows]


def _stage_findings(ctx: StageContext, rules: list[Rule], nominees: dict[str, dict[str, Any]]) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules:
        kind = STAGE_KINDS.get(rule.kind)
        if kind is None or validators.rule_scope(rule) not in ("batch", "history"):
            continue
        for hit in kind.fn(ctx, rule.parsed_params):
            out.append(_finding(rule, hit, nominees.get(hit.nomination_id or "")))
    return out


def _finding(rule: Rule, hit: StageHit, nominee: dict[str, Any] | None) -> Finding:
    regime = _regime(nominee)
    r = rule.for_regime(regime) if regime in rule.regimes else rule
    values = MessageValues(hit.values)
    return Finding(check_id=r.id, category=r.category, severity=hit.severity or r.severity, field=hit.field,
                   message=r.message_vi.format_map(values), legal_basis=r.legal_basis,
                   nomination_id=hit.nomination_id, sha256=hit.sha256, scope=hit.scope,
                   submission_id=hit.submission_id, regime=regime, confidence=r.confidence)


def _regime(nominee: dict[str, Any] | None) -> validators.Regime:
    if nominee and nominee.get("award_year"):
        return validators.regime_of_date(str(nominee["award_year"]))
    return validators.REGIMES[-1]


# --- the stage -----------------------------------------------------------------------------------------


def judge(con: duckdb.DuckDBPyConnection, *, run_id: str, inbox: Path | str | None, rules: list[Rule] | None = None,
          policy: FairnessPolicy | None = None) -> Judgement:
    """Group, judge what changed, judge the batch, settle statuses; reads ``con``, writes nothing."""
    rules = list(rules) if rules is not None else validators.load_rules()
    policy = policy or load_policy()
    try:
        return _judge(con, run_id=run_id, inbox=str(inbox) if inbox else None, rules=rules, policy=policy)
    except Exception as exc:  # any defect here is the stage's, never a lost run: the next run judges again
        raise StageError(f"không xét được hồ sơ theo bộ và theo đợt ({type(exc).__name__}: {exc}); "
                         "các tệp đã nạp vẫn giữ nguyên, lần chạy sau sẽ xét lại") from exc


def unchanged(con: duckdb.DuckDBPyConnection, *, inbox: Path | str | None, rules: list[Rule]) -> bool:
    """Whether ``judge`` would judge nothing: every current file judged in a submission, under the
    same rules, reference data and inbox as last time.

    For a run that landed and quarantined nothing (an unchanged inbox), so that it skips the stage
    in a few milliseconds. Every submission's signature holds the fingerprint of the rules of the
    last stage that judged (a changed fingerprint re-judges them all, in one transaction), so one
    submission tells whether the rules changed; a file no submission holds (a stage that failed
    since it landed) or paths no longer under the inbox (a changed setting regroups) mean no.
    """
    inbox = str(inbox).rstrip("/") if inbox else None
    current = _current(con)
    loose = con.execute(f"""SELECT count(*) FROM ingested_files f WHERE {current}
                            AND f.sha256 NOT IN (SELECT sha256 FROM submission_files)""").fetchone()
    if loose is None or loose[0]:
        return False
    if inbox is not None:
        outside = con.execute(f"SELECT count(*) FROM ingested_files f WHERE {current} AND NOT starts_with(f.path, ?)",
                              [inbox + "/"]).fetchone()
        if outside is None or outside[0]:
            return False
    sample = con.execute("SELECT submission_id, folder, signature FROM submissions ORDER BY submission_id LIMIT 1"
                         ).fetchone()
    if sample is None:
        return True
    sid, folder, signature = sample
    files = con.execute("SELECT s.sha256, f.path FROM submission_files s JOIN ingested_files f USING (sha256)"
                        " WHERE s.submission_id = ?", [sid]).fetchall()
    if inbox is not None and any(folder_of(path, inbox) != (folder or "") for _, path in files):
        return False  # the inbox setting moved: the folders are other folders now
    group = Group(sid, folder or "", [FileFacts(sha, path) for sha, path in files])
    return bool(signature) and _signature(group, fingerprint(rules)) == signature


def _judge(con: duckdb.DuckDBPyConnection, *, run_id: str, inbox: str | None, rules: list[Rule],
           policy: FairnessPolicy) -> Judgement:
    out = Judgement(run_id)
    groups = group_files(_facts(con), inbox)
    out.submissions = len(groups)
    rules_print = fingerprint(rules)
    before = dict(con.execute("SELECT submission_id, signature FROM submissions").fetchall())
    labels: dict[str, str] = {}
    changed: list[tuple[Group, str]] = []
    for group in groups:
        unit, _ = _unit_of(group)
        labels[group.submission_id] = _label(group, unit)
        signature = _signature(group, rules_print)
        if before.get(group.submission_id) != signature:
            changed.append((group, signature))
    start = 0
    while start < len(changed):  # the changed submissions' records, a few hundred files at a time
        end, files = start, 0
        while end < len(changed) and (files == 0 or files + len(changed[end][0].files) <= RECORDS_AT_ONCE):
            files += len(changed[end][0].files)
            end += 1
        by_sha = _records(con, [f.sha256 for group, _ in changed[start:end] for f in group.files])
        for group, signature in changed[start:end]:
            records = [by_sha[f.sha256] for f in group.files if f.sha256 in by_sha]
            if records:  # files landed by a version before the stage have no record to merge: not judged
                out.judged.append(_judge_submission(group, records, rules, signature))
        start = end
    out.gone = sorted(set(before) - {g.submission_id for g in groups})
    canonical, submission_of = _identities(con, out.judged)
    if out.judged or out.gone:
        out.units = [UnitRow(u.key, u.name, u.level, u.province, u.remote, u.border, u.island, u.dissolved_on)
                     for u in reference().units]
        nominees = _nominees(con, labels, out.judged)
        season = _season(nominees, run_id)
        ctx = StageContext(run_id, nominees, _innovations(con, canonical), indicators(season, policy), policy, season)
        out.fairness = ctx.fairness
        out.batch_findings = _stage_findings(ctx, rules, {n["canonical_id"]: n for n in nominees})
    out.statuses = _statuses(con, out, canonical, submission_of)
    return out


def _identities(con: duckdb.DuckDBPyConnection, judged: list[SubmissionVerdict]
                ) -> tuple[dict[str, str], dict[str, str | None]]:
    """Row -> canonical id and row -> submission, as the warehouse has them with this run's verdicts over."""
    canonical: dict[str, str] = {}
    submission_of: dict[str, str | None] = {}
    for nid, canon, sid in con.execute(f"""
            SELECT n.nomination_id, coalesce(n.canonical_id, n.nomination_id), n.submission_id
            FROM nominations n JOIN ingested_files f USING (sha256) WHERE {_current(con)}""").fetchall():
        canonical[nid], submission_of[nid] = canon, sid
    for verdict in judged:
        for row, canon in verdict.canonical.items():
            canonical[row], submission_of[row] = canon, verdict.submission_id
    return canonical, submission_of


def _statuses(con: duckdb.DuckDBPyConnection, out: Judgement, canonical: dict[str, str],
              submission_of: dict[str, str | None]) -> dict[str, str]:
    """Each row's status from the findings of every scope on every row of its nominee, and from its
    submission's own findings (a submission without its minutes leaves none of its nominees clean).
    Findings of a whole batch or unit (fairness) judge no one nominee."""
    judged_ids = {v.submission_id for v in out.judged} | set(out.gone)
    judged_files = {sha for v in out.judged for sha, _ in v.files}
    kept: list[Finding] = []
    for nid, sid, sha, scope, check_id, category, severity in con.execute(f"""
            SELECT x.nomination_id, x.submission_id, x.sha256, x.scope, x.check_id, x.category, x.severity
            FROM findings x JOIN ingested_files f USING (sha256)
            WHERE (x.nomination_id IS NOT NULL OR x.scope = 'submission') AND {_current(con)}""").fetchall():
        if scope == "submission" and (sid in judged_ids or sha in judged_files):
            continue  # replaced by this run's verdict
        if scope in ("batch", "history") and out.batch_findings is not None:
            continue
        kept.append(Finding(check_id=check_id, category=category, severity=severity, field=None, message="-",
                            legal_basis="-", nomination_id=nid, submission_id=sid, scope=scope))
    fresh = [f for v in out.judged for f in v.findings] + list(out.batch_findings or [])
    by_nominee: dict[str, list[Finding]] = {}
    by_submission: dict[str, list[Finding]] = {}
    for f in kept + fresh:
        if f.nomination_id:
            by_nominee.setdefault(canonical.get(f.nomination_id, f.nomination_id), []).append(f)
        elif f.scope == "submission" and f.submission_id:
            by_submission.setdefault(f.submission_id, []).append(f)
    statuses: dict[str, str] = {}
    for nid, canon in canonical.items():
        sid = submission_of.get(canon) or submission_of.get(nid)
        statuses[nid] = validators.nomination_status(by_nominee.get(canon, []) + by_submission.get(sid or "", []))
    return statuses
