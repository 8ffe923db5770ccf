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

Everything is written in one transaction on the run's connection: a failure leaves the warehouse as
the landing left it, and the next run judges again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

import validators
from record.awards import award_catalogue, award_levels
from record.errors import TdktError
from record.findings import Finding
from record.models import DossierRecord
from record.normalize import fold
from record.units import reference, unit_key
from validators._rules import Rule
from validators.stage._fairness import FairnessPolicy, FairnessRow, indicators, load_policy
from validators.stage._group import FileFacts, Group, group_files
from validators.stage._kinds import STAGE_KINDS, StageContext, StageHit
from validators.stage._merge import merge_submission, name_key

__all__ = ["StageError", "StageSummary", "judge"]

_LISTS = ("to_trinh", "danh_sach", "bien_ban")
_REPORTS = ("bao_cao_ca_nhan", "bao_cao_tap_the")


class StageError(TdktError):
    """The stage after landing could not judge the submissions; the landed files stay as they are."""

    code = "STAGE"
    exit_code = 1


@dataclass
class StageSummary:
    submissions: int = 0
    judged: list[str] = field(default_factory=list)        # submission ids judged in this run
    findings: int = 0                                       # submission, batch and history findings written
    fairness_rows: int = 0
    statuses: dict[str, str] = field(default_factory=dict)  # nomination_id -> final status


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


def _records(con: duckdb.DuckDBPyConnection, shas: Sequence[str]) -> list[DossierRecord]:
    rows = con.execute("SELECT record FROM records WHERE list_contains(?, sha256)", [list(shas)]).fetchall()
    return [DossierRecord.model_validate(json.loads(r[0])) for r in rows]


# --- the steps -----------------------------------------------------------------------------------------


def _fingerprint(rules: Sequence[Rule]) -> str:
    text = json.dumps([r.model_dump(mode="json", exclude={"parsed_params"}) for r in rules], sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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


def _judge_submission(group: Group, records: list[DossierRecord], rules: list[Rule], unit: str | None
                      ) -> tuple[list[Finding], list[tuple[str, str, str, str]], dict[str, str], str]:
    """Findings, check rows (canonical id, sha, check, outcome), row -> canonical id, regime."""
    merged, joined = merge_submission(records)
    if merged.submission is not None and unit and not merged.submission.issuer:
        merged.submission.issuer = unit
    findings, checks = validators.evaluate(merged, rules=rules, scopes=("submission",))
    canonical = {row: j.nomination.nomination_id or row for j in joined for row in j.rows}
    sha_of = {j.nomination.nomination_id: j.nomination.nomination_id.rsplit("-", 1)[0] for j in joined
              if j.nomination.nomination_id}
    shas = {f.sha256[:16]: f.sha256 for f in group.files}
    rows = [(c.nomination_id, shas.get(sha_of.get(c.nomination_id, ""), merged.source.sha256), c.check_id, c.outcome)
            for c in checks]
    findings = [f.model_copy(update={
        "submission_id": group.submission_id,
        "sha256": shas.get(f.nomination_id.rsplit("-", 1)[0], f.sha256) if f.nomination_id else f.sha256,
    }) for f in findings]
    return findings, rows, canonical, validators.pick_regime(merged)


def _nominees(con: duckdb.DuckDBPyConnection, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The current nominees, one per canonical id, with what the batch rules and fairness need."""
    rows = con.execute(f"""
        SELECT n.nomination_id, coalesce(n.canonical_id, n.nomination_id) AS canonical_id, n.sha256,
               n.submission_id, n.unit_key, n.submitting_unit, n.nominee_kind, n.award_code, n.award_name,
               n.award_year, n.run_id, f.first_seen_at AS landed_at, p.full_name, p.gender, p.birth_date,
               p.ethnicity, p.position, p.work_unit, u.name AS nominee_unit, u.address, u.headcount
        FROM nominations n JOIN ingested_files f USING (sha256)
        LEFT JOIN persons p USING (nomination_id) LEFT JOIN units u USING (nomination_id)
        WHERE {_current(con)} ORDER BY canonical_id, n.nomination_id""").fetchall()
    cols = ["nomination_id", "canonical_id", "sha256", "submission_id", "unit_key", "submitting_unit",
            "nominee_kind", "award_code", "award_name", "award_year", "run_id", "landed_at", "full_name", "gender",
            "birth_date", "ethnicity", "position", "work_unit", "nominee_unit", "address", "headcount"]
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        rec = dict(zip(cols, row, strict=True))
        have = out.get(rec["canonical_id"])
        if have is None or rec["nomination_id"] == rec["canonical_id"]:
            if have is not None:  # the canonical row leads; what it lacks the others fill
                rec = {k: (v if v is not None else have[k]) for k, v in rec.items()}
            out[rec["canonical_id"]] = rec
        else:
            for k, v in rec.items():
                if have[k] is None:
                    have[k] = v
    catalogue, levels = award_catalogue(), award_levels()
    for n in out.values():
        n["name"] = n["full_name"] or n["nominee_unit"]
        n["name_key"] = name_key(n["name"])
        n["award_kind"] = (catalogue.get(n["award_code"] or "") or {}).get("kind")
        n["award_level"] = levels.get(n["award_code"] or "")
        n["award_label"] = n["award_name"] or n["award_code"] or "—"
        n["submission_label"] = labels.get(n["submission_id"] or "", "hồ sơ khác")
    return list(out.values())


def _innovations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = con.execute("""SELECT coalesce(n.canonical_id, n.nomination_id), i.title, i.year
                          FROM innovations i JOIN nominations n USING (nomination_id)
                          WHERE i.title IS NOT NULL""").fetchall()
    return [{"canonical_id": c, "title": t, "title_key": " ".join(fold(t).split()), "year": y} for c, t, y in rows]


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
    values = _Blank(hit.values)
    return Finding(check_id=r.id, category=r.category, severity=hit.severity or r.severity, field=hit.field,
                   message=r.message_vi.format_map(values), legal_basis=r.legal_basis,
                   nomination_id=hit.nomination_id, sha256=hit.sha256, scope=hit.scope,
                   submission_id=hit.submission_id, regime=regime, confidence=r.confidence)


def _regime(nominee: dict[str, Any] | None) -> validators.Regime:
    if nominee and nominee.get("award_year"):
        return validators.regime_of_date(str(nominee["award_year"]))
    return validators.REGIMES[-1]


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "—"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[Sequence[Any]]) -> int:
    from landing._schema import COLUMNS  # the one list of column names

    rows = [list(r) for r in rows]
    if rows:
        cols = COLUMNS[table]
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    return len(rows)


def _finding_rows(findings: Iterable[Finding], run_id: str) -> list[tuple[Any, ...]]:
    from landing import finding_row

    return [finding_row(f, f.sha256, run_id) for f in findings]


# --- the stage -----------------------------------------------------------------------------------------


def judge(con: duckdb.DuckDBPyConnection, *, run_id: str, inbox: Path | str | None, rules: list[Rule] | None = None,
          policy: FairnessPolicy | None = None) -> StageSummary:
    """Group, judge what changed, judge the batch, settle statuses: one transaction on ``con``."""
    rules = list(rules) if rules is not None else validators.load_rules()
    policy = policy or load_policy()
    con.execute("BEGIN TRANSACTION")
    try:
        summary = _judge(con, run_id=run_id, inbox=str(inbox) if inbox else None, rules=rules, policy=policy)
    except (duckdb.Error, ValueError, KeyError) as exc:
        con.execute("ROLLBACK")
        raise StageError(f"không xét được hồ sơ theo bộ và theo đợt ({type(exc).__name__}: {exc}); "
                         "các tệp đã nạp vẫn giữ nguyên, lần chạy sau sẽ xét lại") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return summary


def _judge(con: duckdb.DuckDBPyConnection, *, run_id: str, inbox: str | None, rules: list[Rule],
           policy: FairnessPolicy) -> StageSummary:
    summary = StageSummary()
    groups = group_files(_facts(con), inbox)
    summary.submissions = len(groups)
    rules_print = _fingerprint(rules)
    before = dict(con.execute("SELECT submission_id, signature FROM submissions").fetchall())
    labels: dict[str, str] = {}
    for group in groups:
        unit, key = _unit_of(group)
        labels[group.submission_id] = _label(group, unit)
        signature = _signature(group, rules_print)
        if before.get(group.submission_id) == signature:
            continue
        shas = [f.sha256 for f in group.files]
        findings, checks, canonical, regime = _judge_submission(group, _records(con, shas), rules, unit)
        con.execute("DELETE FROM findings WHERE scope = 'submission' AND (submission_id = ? OR list_contains(?, sha256))",
                    [group.submission_id, shas])
        con.execute("DELETE FROM nomination_checks WHERE scope = 'submission' AND list_contains(?, sha256)", [shas])
        summary.findings += _insert(con, "findings", _finding_rows(findings, run_id))
        _insert(con, "nomination_checks", [(nid, sha, group.submission_id, check, "submission", outcome)
                                           for nid, sha, check, outcome in checks])
        con.execute("UPDATE nomination_checks SET submission_id = ? WHERE list_contains(?, sha256)",
                    [group.submission_id, shas])
        for row, canon in canonical.items():
            con.execute("""UPDATE nominations SET submission_id = ?, unit_key = ?, canonical_id = ?,
                           submitting_unit = coalesce(?, submitting_unit) WHERE nomination_id = ?""",
                        [group.submission_id, key, canon, unit, row])
        con.execute("DELETE FROM submissions WHERE submission_id = ?", [group.submission_id])
        con.execute("DELETE FROM submission_files WHERE submission_id = ? OR list_contains(?, sha256)",
                    [group.submission_id, shas])
        cover = group.cover
        _insert(con, "submissions", [(group.submission_id, key, unit, group.folder,
                                      cover.cover_number if cover else None, cover.cover_date if cover else None,
                                      regime, len(group.files), len(set(canonical.values())), run_id, signature)])
        _insert(con, "submission_files", [(group.submission_id, f.sha256, group.linked_by[f.sha256])
                                          for f in group.files])
        summary.judged.append(group.submission_id)
    gone = sorted(set(before) - {g.submission_id for g in groups})
    for sid in gone:  # its files moved to another submission or were replaced
        con.execute("DELETE FROM submissions WHERE submission_id = ?", [sid])
        con.execute("DELETE FROM submission_files WHERE submission_id = ?", [sid])
        con.execute("DELETE FROM findings WHERE scope = 'submission' AND submission_id = ?", [sid])
    if summary.judged or gone:
        _refresh_units(con)
        nominees = _nominees(con, labels)
        ctx = StageContext(run_id, nominees, _innovations(con), indicators(nominees, policy), policy)
        by_id = {n["canonical_id"]: n for n in nominees}
        batch = _stage_findings(ctx, rules, by_id)
        con.execute("DELETE FROM findings WHERE scope IN ('batch', 'history')")
        summary.findings += _insert(con, "findings", _finding_rows(batch, run_id))
        con.execute("DELETE FROM fairness WHERE run_id = ?", [run_id])
        summary.fairness_rows = _insert(con, "fairness", _fairness_rows(ctx.fairness, run_id))
    summary.statuses = _settle_statuses(con)
    return summary


def _fairness_rows(rows: list[FairnessRow], run_id: str) -> list[tuple[Any, ...]]:
    return [(run_id, r.scope, r.indicator, r.numerator, r.denominator, r.value, r.threshold, r.status,
             r.award_level, r.unit_key) for r in rows]


def _refresh_units(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM units_ref")
    _insert(con, "units_ref", [(u.key, u.name, u.level, u.province, u.remote, u.border, u.island, u.dissolved_on)
                               for u in reference().units])


def _settle_statuses(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each nomination row's status from the findings of every scope on every row of its nominee, and
    from its submission's own findings (a submission without its minutes leaves none of its nominees
    clean). Findings of a whole batch or unit (fairness) judge no one nominee."""
    rows = con.execute("""SELECT nomination_id, coalesce(canonical_id, nomination_id), submission_id
                          FROM nominations""").fetchall()
    members: dict[str, list[str]] = {}
    submission_of: dict[str, str | None] = {}
    for nid, canon, sid in rows:
        members.setdefault(canon, []).append(nid)
        submission_of[canon] = submission_of.get(canon) or sid
    found: dict[str, list[Finding]] = {}
    for nid, sid, check_id, category, severity, message, basis in con.execute(
            """SELECT nomination_id, submission_id, check_id, category, severity, message, legal_basis
               FROM findings WHERE nomination_id IS NOT NULL
                  OR (scope = 'submission' AND submission_id IS NOT NULL)""").fetchall():
        found.setdefault(nid or f"submission:{sid}", []).append(Finding(
            check_id=check_id, category=category, severity=severity, field=None, message=message, legal_basis=basis))
    statuses: dict[str, str] = {}
    for canon, nids in members.items():
        own = [f for n in {canon, *nids} for f in found.get(n, [])]
        status = validators.nomination_status(own + found.get(f"submission:{submission_of[canon]}", []))
        for nid in nids:
            statuses[nid] = status
    if statuses:
        con.execute("CREATE OR REPLACE TEMP TABLE _status (nomination_id VARCHAR, status VARCHAR)")
        con.executemany("INSERT INTO _status VALUES (?, ?)", list(statuses.items()))
        con.execute("""UPDATE nominations SET status = s.status FROM _status s
                       WHERE nominations.nomination_id = s.nomination_id""")
        con.execute("DROP TABLE _status")
    return statuses
