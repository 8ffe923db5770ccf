"""``tdkt bench --defects``: planted defects found, and errors raised on clean dossiers.

Writes the batch of ``samplegen.defects`` (folders of separate Word files, and whole dossiers in one
file), runs ``tdkt run`` over it, and reads the warehouse: for each case, the rule ids of the findings
on its files and its submission. A planted defect counts as found when a finding of its rule is there;
a clean case must carry no error. The batch is written by the hand that wrote the rules: a check
that each rule fires and stays quiet, not a measure of generality.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from samplegen.defects import NOT_PLANTED, Case, write


@dataclass
class CaseResult:
    case: Case
    found: set[str] = field(default_factory=set)        # rule ids of any finding
    errors: list[str] = field(default_factory=list)     # "RULE: message" of error findings

    @property
    def missed(self) -> set[str]:
        return self.case.expect - self.found


def read_results(cases: list[Case], inbox: Path, warehouse: Path) -> list[CaseResult]:
    """Each case's findings, from the warehouse a run over ``inbox`` wrote."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        files = con.execute("SELECT sha256, path FROM ingested_files WHERE status = 'ok'").fetchall()
        findings = con.execute("""SELECT f.sha256, f.submission_id, f.check_id, f.severity, f.message, f.scope
                                  FROM findings f""").fetchall()
        links = con.execute("SELECT submission_id, sha256 FROM submission_files").fetchall()
        units = dict(con.execute("SELECT submission_id, unit_name FROM submissions").fetchall())
    finally:
        con.close()
    out = []
    for case in cases:
        prefix = str(inbox / case.name)
        shas = {sha for sha, path in files if path == prefix + ".docx" or path.startswith(prefix + "/")}
        subs = {sid for sid, sha in links if sha in shas}
        # a unit's shares (FAIR-02..04, QUOTA-01) name the unit, as the cover letter's issuer writes it
        names = {units[s] for s in subs if units.get(s)}
        result = CaseResult(case)
        for sha, sid, check, severity, message, scope in findings:
            of_unit = sha is None and sid is None and any(message.startswith(f"{n} (") or message.startswith(f"{n}:")
                                                          for n in names)
            if scope == "batch" and check.startswith(("FAIR", "QUOTA")) and not of_unit:
                continue  # a share of the whole batch, or of another unit, is no defect of this dossier
            if sha in shas or (sid is not None and sid in subs) or of_unit:
                result.found.add(check)
                if severity == "error":
                    result.errors.append(f"{check}: {message}")
        out.append(result)
    return out


def summary(results: list[CaseResult]) -> tuple[int, int, int, int]:
    """(planted, found, clean cases, clean cases with an error)."""
    planted = sum(len(r.case.expect) for r in results)
    found = sum(len(r.case.expect & r.found) for r in results)
    clean = [r for r in results if not r.case.expect]
    return planted, found, len(clean), sum(1 for r in clean if r.errors)


def per_rule(results: list[CaseResult]) -> dict[str, tuple[int, int]]:
    """Rule id -> (cases that plant it, of which found)."""
    out: dict[str, tuple[int, int]] = {}
    for r in results:
        for rule in r.case.expect:
            planted, found = out.get(rule, (0, 0))
            out[rule] = (planted + 1, found + (rule in r.found))
    return dict(sorted(out.items()))


def main(argv: Sequence[str] | None = None) -> int:
    from bench.run import _tdkt_run

    del argv
    with tempfile.TemporaryDirectory(prefix="tdkt-defects-") as tmp:
        work = Path(tmp)
        inbox = work / "inbox"
        cases = write(inbox)
        wall, body, _, _ = _tdkt_run(inbox, work)
        results = read_results(cases, inbox, work / "tdkt.duckdb")
    print(f"tdkt bench --defects: {len(cases)} submissions, {sum(1 if c.one_file else len(c.docs) for c in cases)} files "
          f"(run {wall:.1f} s wall, {body or 0:.1f} s flow body)")
    print("written by the same hand as the rules: a check that each rule fires, not a measure of generality\n")
    print(f"{'case':<40} {'planted':<14} {'found':<30} missed")
    for r in results:
        print(f"{r.case.name:<40} {','.join(sorted(r.case.expect)) or '(clean)':<14} "
              f"{','.join(sorted(r.found))[:30]:<30} {','.join(sorted(r.missed))}")
        if not r.case.expect:
            for err in r.errors:
                print(f"    FALSE ERROR {err[:110]}")
    print(f"\n{'rule':<16} found/planted")
    for rule, (n, k) in per_rule(results).items():
        print(f"{rule:<16} {k}/{n}{'' if k == n else '   MISSED'}")
    for rule, reason in NOT_PLANTED.items():
        print(f"{rule:<16} not planted: {reason}")
    planted, found, clean, false = summary(results)
    from validators._rules import load_rules

    rules = per_rule(results)
    catalogue = {rule.id for rule in load_rules()}
    print(f"\nrules planted: {len(rules)} of the catalogue's {len(catalogue)} "
          f"({len(catalogue - set(rules))} not planted), found: {sum(k == n for n, k in rules.values())}")
    print(f"recall {found}/{planted} = {found / planted:.2f}; clean dossiers with an error: {false}/{clean}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
