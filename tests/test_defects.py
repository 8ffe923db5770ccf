"""Every planted defect is found and no clean dossier gets an error (issue 7, "Done when").

The batch (``samplegen.defects``) holds split submissions (a folder of separate Word files) and
whole ones (one file), each clean or with planted defects, and runs through the real nightly flow.
Which rules it plants is checked against the catalogue (``data/rules/*.yaml``), so a rule added
without a planted case fails here unless ``NOT_PLANTED`` gives the reason.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.defects import read_results, summary
from flows.nightly import run_nightly
from flows.settings import TdktSettings
from samplegen.defects import NOT_PLANTED, Case, cases, planted, write
from validators._rules import load_rules


def test_every_rule_of_the_catalogue_has_a_planted_defect_or_a_reason() -> None:
    catalogue = {rule.id for rule in load_rules()}
    assert catalogue - planted() - set(NOT_PLANTED) == set(), "rules with no planted case and no reason"
    assert set(NOT_PLANTED) <= catalogue and not set(NOT_PLANTED) & planted()
    assert planted() <= catalogue  # no case expects a rule that does not exist
    assert all(reason.strip() for reason in NOT_PLANTED.values())


def test_the_batch_has_clean_dossiers_of_every_shape_and_both_ways_of_sending() -> None:
    batch = cases()
    clean = [c for c in batch if not c.expect]
    text = " ".join(c.shape for c in clean)
    shapes = ("nông dân", "tập thể", "một tệp", "thư mục", "NĐ 152", "NĐ 98", "không đề nghị")
    assert [w for w in shapes if w not in text] == []
    assert any(c.one_file for c in clean) and any(not c.one_file for c in clean)
    assert any(c.one_file for c in batch if c.expect) and any(not c.one_file for c in batch if c.expect)
    assert len({c.name for c in batch}) == len(batch)


def _files(case: Case) -> int:
    return 1 if case.one_file else len(case.docs)


@pytest.mark.usefixtures("prefect_harness")
def test_every_planted_defect_is_found_and_clean_dossiers_have_no_error(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    batch = write(inbox)
    settings = TdktSettings(inbox=inbox, warehouse=tmp_path / "wh.duckdb", reports=tmp_path / "reports",
                            archive=tmp_path / "archive", jobs=2)
    run = run_nightly(settings)
    assert run.quarantined == 0 and run.landed == sum(_files(c) for c in batch)
    results = read_results(batch, inbox, settings.warehouse)
    assert {r.case.name: sorted(r.missed) for r in results if r.missed} == {}
    assert {r.case.name: r.errors for r in results if not r.case.expect and r.errors} == {}
    planted_n, found, clean, false = summary(results)
    assert (found, false) == (planted_n, 0) and clean >= 6
    # each planted rule is found on the case that plants it, and every rule id found is a catalogue rule
    found_rules = {rule for r in results for rule in r.found}
    assert planted() <= found_rules <= {rule.id for rule in load_rules()}
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        regimes = {r for (r,) in con.execute("SELECT DISTINCT regime FROM submissions").fetchall()}
    finally:
        con.close()
    assert {"LTDKT2022+ND98", "LTDKT2022+ND152"} <= regimes
